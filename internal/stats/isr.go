package stats

import (
	"fmt"
	"math"
)

// ISRResult is an indirectly standardised ratio or rate with its interval.
type ISRResult struct {
	Estimate
	Observed float64 // O, the observed events
	Expected float64 // E, the events expected at reference rates
	// RefRate is the crude reference rate per multiplier (ISRate only); NaN
	// for a ratio.
	RefRate float64
}

// ExpectedCount returns the number of events expected in a population if
// each band experienced the reference rate: E = Σ popᵢ · refCountᵢ/refPopᵢ.
// The slices are matched by band position. A missing population or reference
// count is taken as 0, as PHEindicatormethods does; a population of 0 is
// allowed (a band with nobody in it expects no events). Reference populations
// must be present and > 0.
func ExpectedCount(pops, refCounts, refPops []float64) (float64, error) {
	return expectedCount("ExpectedCount", pops, refCounts, refPops)
}

func expectedCount(fn string, pops, refCounts, refPops []float64) (float64, error) {
	if len(pops) == 0 || len(pops) != len(refCounts) || len(pops) != len(refPops) {
		return 0, fmt.Errorf("stats: %s: %d populations, %d reference counts, %d reference populations: %w",
			fn, len(pops), len(refCounts), len(refPops), ErrLength)
	}
	var e float64
	for i := range pops {
		n, rx, rn := pops[i], refCounts[i], refPops[i]
		switch {
		case math.IsInf(n, 0) || math.IsInf(rx, 0) || math.IsInf(rn, 0):
			return 0, fmt.Errorf("stats: %s: band %d: %w", fn, i, ErrInvalid)
		case n < 0:
			return 0, fmt.Errorf("stats: %s: band %d: population %v: %w", fn, i, n, ErrNegative)
		case rx < 0:
			return 0, fmt.Errorf("stats: %s: band %d: reference count %v: %w", fn, i, rx, ErrNegative)
		case isMissing(rn):
			return 0, fmt.Errorf("stats: %s: band %d: reference population: %w", fn, i, ErrMissing)
		case rn <= 0:
			return 0, fmt.Errorf("stats: %s: band %d: reference population %v: %w", fn, i, rn, ErrNonPositive)
		}
		e += naZero(rx) / rn * naZero(n)
	}
	return e, nil
}

// observedTotal sums band counts, a missing count taken as 0.
func observedTotal(fn string, counts []float64) (float64, error) {
	var o float64
	for i, x := range counts {
		if math.IsInf(x, 0) {
			return 0, fmt.Errorf("stats: %s: band %d: count %v: %w", fn, i, x, ErrInvalid)
		}
		if x < 0 {
			return 0, fmt.Errorf("stats: %s: band %d: count %v: %w", fn, i, x, ErrNegative)
		}
		o += naZero(x)
	}
	return o, nil
}

// ISRatio returns the indirectly standardised ratio O/E × refValue, as
// PHEindicatormethods' calculate_ISRatio does (refValue is 1 for a plain
// ratio, 100 for the SMR-style "ratio × 100"). O is Σcounts and E is
// ExpectedCount. The interval treats O as Poisson and E as fixed: exact
// limits when O < 10, Byar's otherwise (Breslow & Day 1987), each divided by
// E and scaled like the value.
func ISRatio(counts, pops, refCounts, refPops []float64, refValue, conf float64) (ISRResult, error) {
	if len(counts) != len(pops) {
		return ISRResult{}, fmt.Errorf("stats: ISRatio: %d counts, %d populations: %w", len(counts), len(pops), ErrLength)
	}
	o, err := observedTotal("ISRatio", counts)
	if err != nil {
		return ISRResult{}, err
	}
	e, err := expectedCount("ISRatio", pops, refCounts, refPops)
	if err != nil {
		return ISRResult{}, err
	}
	res, err := indirect("ISRatio", o, e, refValue, conf)
	res.RefRate = math.NaN()
	return res, err
}

// ISRatioFromTotals is ISRatio for an observed total supplied directly (for
// example from a register that does not break events down by age) and an
// expected count from ExpectedCount.
func ISRatioFromTotals(observed, expected, refValue, conf float64) (ISRResult, error) {
	res, err := indirect("ISRatioFromTotals", observed, expected, refValue, conf)
	res.RefRate = math.NaN()
	return res, err
}

// ISRate returns the indirectly standardised rate O/E × R, where R is the
// crude reference rate m·Σ refCounts/Σ refPops, as PHEindicatormethods'
// calculate_ISRate does. Limits are as for ISRatio, scaled by R.
func ISRate(counts, pops, refCounts, refPops []float64, multiplier, conf float64) (ISRResult, error) {
	if err := checkMultiplier("ISRate", multiplier); err != nil {
		return ISRResult{}, err
	}
	if len(counts) != len(pops) {
		return ISRResult{}, fmt.Errorf("stats: ISRate: %d counts, %d populations: %w", len(counts), len(pops), ErrLength)
	}
	o, err := observedTotal("ISRate", counts)
	if err != nil {
		return ISRResult{}, err
	}
	e, err := expectedCount("ISRate", pops, refCounts, refPops)
	if err != nil {
		return ISRResult{}, err
	}
	r, err := ReferenceRate(refCounts, refPops, multiplier)
	if err != nil {
		return ISRResult{}, err
	}
	res, err := indirect("ISRate", o, e, r, conf)
	res.RefRate = r
	return res, err
}

// ISRateFromTotals is ISRate for totals supplied directly; refRate is the
// reference rate per multiplier, as from ReferenceRate.
func ISRateFromTotals(observed, expected, refRate, conf float64) (ISRResult, error) {
	res, err := indirect("ISRateFromTotals", observed, expected, refRate, conf)
	res.RefRate = refRate
	return res, err
}

// ReferenceRate returns the crude reference rate m · Σ refCounts / Σ refPops
// (missing reference counts skipped, as in the R package).
func ReferenceRate(refCounts, refPops []float64, multiplier float64) (float64, error) {
	if err := checkMultiplier("ReferenceRate", multiplier); err != nil {
		return 0, err
	}
	if len(refCounts) == 0 || len(refCounts) != len(refPops) {
		return 0, fmt.Errorf("stats: ReferenceRate: %d counts, %d populations: %w", len(refCounts), len(refPops), ErrLength)
	}
	var sx, sn float64
	for i := range refCounts {
		if refCounts[i] < 0 || refPops[i] <= 0 || isMissing(refPops[i]) {
			return 0, fmt.Errorf("stats: ReferenceRate: band %d: count %v, population %v: %w", i, refCounts[i], refPops[i], ErrInvalid)
		}
		sx += naZero(refCounts[i])
		sn += refPops[i]
	}
	return sx / sn * multiplier, nil
}

// indirect computes O/E × scale with exact-or-Byar limits.
func indirect(fn string, o, e, scale, conf float64) (ISRResult, error) {
	c, err := checkConfidence(fn, conf)
	if err != nil {
		return ISRResult{}, err
	}
	switch {
	case isMissing(o) || math.IsInf(o, 0):
		return ISRResult{}, fmt.Errorf("stats: %s: observed %v: %w", fn, o, ErrInvalid)
	case o < 0:
		return ISRResult{}, fmt.Errorf("stats: %s: observed %v: %w", fn, o, ErrNegative)
	case isMissing(e) || math.IsInf(e, 0) || e <= 0:
		return ISRResult{}, fmt.Errorf("stats: %s: expected %v: %w", fn, e, ErrNonPositive)
	case isMissing(scale) || math.IsInf(scale, 0) || scale <= 0:
		return ISRResult{}, fmt.Errorf("stats: %s: reference value %v: %w", fn, scale, ErrNonPositive)
	}
	lo, hi, method := poissonLimits(o, c)
	res := ISRResult{Observed: o, Expected: e}
	res.Estimate = Estimate{
		Value:      o / e * scale,
		Lower:      lo / e * scale,
		Upper:      hi / e * scale,
		Confidence: c,
		Method:     method,
	}
	return res, nil
}
