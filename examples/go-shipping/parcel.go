package main

import (
	"fmt"
	"strconv"
	"strings"
)

// Parcel is one line of a shipping request: `id;weightKg;zone`.
type Parcel struct {
	ID       string
	WeightKg float64
	Zone     string
}

// ParseParcel reads `id;weightKg;zone`.
func ParseParcel(line string) (Parcel, error) {
	fields := strings.Split(strings.TrimSpace(line), ";")
	weight, err := strconv.ParseFloat(fields[1], 64)
	if err != nil {
		return Parcel{}, fmt.Errorf("parcel %s: weight: %w", fields[0], err)
	}
	return Parcel{ID: fields[0], WeightKg: weight, Zone: fields[2]}, nil
}
