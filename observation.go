package localup

import "math"

// Observation is one value of an indicator for an area and period.
// Absent numbers are NaN, not zero: a published value of 0 and no value
// at all must never be confused. Missing says why a value is absent, in
// the publisher's own shorthand ("x", "[c]", "..", "NA").
type Observation struct {
	IndicatorID string
	AreaCode    string
	Period      Period
	Breakdown   string // "" for the whole population; otherwise e.g. "sex=female"
	Value       float64
	Lower       float64 // 95% lower confidence limit
	Upper       float64 // 95% upper confidence limit
	Numerator   float64
	Denominator float64
	Status      string // observation status flag: u low reliability, x, z, c
	Missing     string // why Value is absent
	DatasetID   string
}

// HasValue reports whether the observation carries a number.
func (o Observation) HasValue() bool { return !math.IsNaN(o.Value) }

// HasInterval reports whether both confidence limits are known.
func (o Observation) HasInterval() bool { return !math.IsNaN(o.Lower) && !math.IsNaN(o.Upper) }

// NewObservation returns an observation with every number absent.
func NewObservation(indicator, area string, p Period) Observation {
	nan := math.NaN()
	return Observation{IndicatorID: indicator, AreaCode: area, Period: p,
		Value: nan, Lower: nan, Upper: nan, Numerator: nan, Denominator: nan}
}

// ObservationFilter selects observations. Zero fields do not filter.
type ObservationFilter struct {
	IndicatorID string
	AreaCode    string
	AreaCodes   []string
	DatasetID   string
	Breakdown   *string // nil: every breakdown; "" the total only
}

// StatusText explains an ONS observation-status flag in words: "u" is
// "low reliability", "x" "not available", "z" "not applicable" and "c"
// "confidential"; a status that is not a flag (some publishers write a
// sentence) is returned as it is.
func StatusText(status string) string {
	switch status {
	case "u":
		return "low reliability"
	case "x":
		return "not available"
	case "z":
		return "not applicable"
	case "c":
		return "confidential"
	}
	return status
}
