package main

import (
	"fmt"
	"math"
)

// Carrier prices a parcel: a base fee plus a price per kilogram, times the zone's multiplier.
type Carrier struct {
	Name    string
	BaseFee float64
	PerKg   float64
	Zones   map[string]float64
}

// Quote is what the service answers for one parcel and carrier.
type Quote struct {
	Carrier  string
	ParcelID string
	Price    float64
}

var carriers = map[string]*Carrier{
	"ups":   {Name: "UPS", BaseFee: 4.5, PerKg: 1.2, Zones: map[string]float64{"domestic": 1, "eu": 1.8, "world": 3.1}},
	"dhl":   {Name: "DHL", BaseFee: 5, PerKg: 1.1, Zones: map[string]float64{"domestic": 1, "eu": 1.5, "world": 2.9}},
	"fedex": {Name: "FedEx", BaseFee: 6, PerKg: 0.9, Zones: map[string]float64{"domestic": 1.1, "eu": 1.7, "world": 2.6}},
}

// QuoteFor prices a parcel with the named carrier.
func QuoteFor(carrierName string, p Parcel) (Quote, error) {
	c := carriers[carrierName]
	multiplier, ok := c.Zones[p.Zone]
	if !ok {
		return Quote{}, fmt.Errorf("carrier %s does not serve zone %q", c.Name, p.Zone)
	}
	price := (c.BaseFee + c.PerKg*p.WeightKg) * multiplier
	return Quote{Carrier: c.Name, ParcelID: p.ID, Price: math.Round(price*100) / 100}, nil
}
