package main

import "testing"

func TestParseParcel(t *testing.T) {
	p, err := ParseParcel("p-1;2.5;eu")
	if err != nil || p != (Parcel{ID: "p-1", WeightKg: 2.5, Zone: "eu"}) {
		t.Fatalf("ParseParcel = %+v, %v", p, err)
	}
	if _, err := ParseParcel("p-2;heavy;eu"); err == nil {
		t.Fatal("a weight that is not a number must be rejected")
	}
}

func TestQuoteKnownCarriers(t *testing.T) {
	cases := map[string]float64{"ups": 13.5, "dhl": 11.63, "fedex": 14.03}
	for name, want := range cases {
		q, err := QuoteFor(name, Parcel{ID: "p-1", WeightKg: 2.5, Zone: "eu"})
		if err != nil || q.Price != want {
			t.Errorf("QuoteFor(%s) = %+v, %v; want price %.2f", name, q, err, want)
		}
	}
}

func TestQuoteUnservedZone(t *testing.T) {
	if _, err := QuoteFor("dhl", Parcel{ID: "p-1", WeightKg: 1, Zone: "moon"}); err == nil {
		t.Fatal("a zone the carrier does not serve must be rejected")
	}
}

func TestHandle(t *testing.T) {
	got, err := handle("ups", "p-9;1;domestic")
	if err != nil || got != "quote carrier=UPS parcel=p-9 price=5.70" {
		t.Fatalf("handle = %q, %v", got, err)
	}
}
