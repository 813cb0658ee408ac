package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Method names the way an interval was calculated, with the same labels as
// the PHEindicatormethods "method" column so exported data can be compared.
type Method string

// The interval methods used in this package.
const (
	MethodWilson         Method = "Wilson"
	MethodByars          Method = "Byars"
	MethodExact          Method = "Exact"
	MethodDobson         Method = "Dobson"
	MethodDobsonNonIndep Method = "Dobson, with confidence adjusted for non-independent events"
	MethodStudentsT      Method = "Student's t-distribution"
)

// Estimate is a value with its confidence interval. Lower and Upper are NaN
// when the interval is undefined (a missing input, or a Byar lower limit that
// would be negative); Value is NaN when the input was missing.
type Estimate struct {
	Value      float64
	Lower      float64
	Upper      float64
	Confidence float64 // the level as a fraction, e.g. 0.95
	Method     Method
}

// Confidence levels that the Fingertips profiles use throughout.
const (
	Conf95  = 0.95
	Conf998 = 0.998
)

// NormalizeConfidence returns a confidence level as a fraction. Following
// PHEindicatormethods, a level in [0.9, 1] is returned unchanged and a level
// in [90, 100] is divided by 100; anything else (including NaN) is an error
// wrapping ErrConfidence. Levels below 90% are refused because the Fingertips
// methods (Byar in particular) are only validated for the usual 95% and 99.8%.
func NormalizeConfidence(conf float64) (float64, error) {
	return checkConfidence("NormalizeConfidence", conf)
}

// checkConfidence is NormalizeConfidence with the caller's name in the error.
func checkConfidence(fn string, conf float64) (float64, error) {
	switch {
	case conf >= 0.9 && conf <= 1:
		return conf, nil
	case conf >= 90 && conf <= 100:
		return conf / 100, nil
	}
	return 0, fmt.Errorf("stats: %s: confidence %v: %w", fn, conf, ErrConfidence)
}

// ZForConfidence returns the two-sided standard normal critical value for a
// confidence level given in either form: Φ⁻¹(c + (1−c)/2), 1.959964 for 95%
// and 3.090232 for 99.8%. A level of exactly 1 gives +Inf.
func ZForConfidence(conf float64) (float64, error) {
	c, err := checkConfidence("ZForConfidence", conf)
	if err != nil {
		return 0, err
	}
	return zFromFraction(c), nil
}

// zFromFraction computes the critical value with the same arithmetic as the R
// package, qnorm(c + (1-c)/2), so the last bits agree with its test data.
func zFromFraction(c float64) float64 {
	if c == 1 {
		return math.Inf(1)
	}
	return distuv.UnitNormal.Quantile(c + (1-c)/2)
}

// ConfidenceLevels validates a request for one or two confidence levels using
// the PHEindicatormethods rules: at most two levels; two levels only as the
// pair 0.95 and 0.998 (in that order, fraction form); one level as for
// NormalizeConfidence. It returns the levels as fractions. Functions in this
// package take one level per call; this helper exists for callers that accept
// the R-style "both levels at once" request from users.
func ConfidenceLevels(levels ...float64) ([]float64, error) {
	switch len(levels) {
	case 0:
		return nil, fmt.Errorf("stats: ConfidenceLevels: no level given: %w", ErrConfidence)
	case 1:
		c, err := checkConfidence("ConfidenceLevels", levels[0])
		if err != nil {
			return nil, err
		}
		return []float64{c}, nil
	case 2:
		if levels[0] == Conf95 && levels[1] == Conf998 {
			return []float64{Conf95, Conf998}, nil
		}
		return nil, fmt.Errorf("stats: ConfidenceLevels: %v: two levels must be 0.95 and 0.998: %w", levels, ErrConfidence)
	}
	return nil, fmt.Errorf("stats: ConfidenceLevels: %d levels given, at most two allowed: %w", len(levels), ErrConfidence)
}

// isMissing reports whether v is the package's missing-value marker.
func isMissing(v float64) bool { return math.IsNaN(v) }
