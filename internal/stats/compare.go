package stats

import (
	"fmt"
	"math"
)

// Polarity says which direction of an indicator is good, as Fingertips
// records it for every indicator.
type Polarity int

// The three Fingertips polarities. The values are chosen so that the sign
// can be multiplied with a direction of change.
const (
	LowerIsBetter  Polarity = -1 // "RAG - Low is good"
	NoPolarity     Polarity = 0  // "BOB - Not applicable": no judgement
	HigherIsBetter Polarity = 1  // "RAG - High is good"
)

func (p Polarity) validate(fn string) error {
	if p < LowerIsBetter || p > HigherIsBetter {
		return fmt.Errorf("stats: %s: polarity %d: %w", fn, int(p), ErrInvalid)
	}
	return nil
}

// String returns "higher is better", "lower is better" or "no polarity".
func (p Polarity) String() string {
	switch p {
	case HigherIsBetter:
		return "higher is better"
	case LowerIsBetter:
		return "lower is better"
	case NoPolarity:
		return "no polarity"
	}
	return fmt.Sprintf("Polarity(%d)", int(p))
}

// Comparison is the outcome of comparing an area with a benchmark.
type Comparison int

// The outcomes. Better, Similar and Worse are used when the indicator has a
// polarity; Higher, Similar and Lower when it has none; NotCompared when no
// interval is available (for example a suppressed value).
const (
	NotCompared Comparison = iota
	Better
	Similar
	Worse
	Higher
	Lower
)

// String returns the plain-English word: "better", "similar", "worse",
// "higher", "lower" or "not compared". Phrasing such as "better than
// England" is the caller's job.
func (c Comparison) String() string {
	switch c {
	case NotCompared:
		return "not compared"
	case Better:
		return "better"
	case Similar:
		return "similar"
	case Worse:
		return "worse"
	case Higher:
		return "higher"
	case Lower:
		return "lower"
	}
	return fmt.Sprintf("Comparison(%d)", int(c))
}

// direction turns a statistically significant difference (+1 the area is
// higher, −1 lower, 0 no significant difference) into a Comparison.
func direction(sign int, pol Polarity) Comparison {
	switch {
	case sign == 0:
		return Similar
	case pol == NoPolarity && sign > 0:
		return Higher
	case pol == NoPolarity:
		return Lower
	case sign*int(pol) > 0:
		return Better
	default:
		return Worse
	}
}

// CompareToBenchmark compares an area's confidence interval with a benchmark
// value, the Fingertips default "benchmark inside the interval" method
// (technical guidance, "Comparing an indicator value with a benchmark"): if
// the benchmark lies below the interval the area is significantly higher, if
// above it is significantly lower, otherwise similar. The result is then read
// through the polarity. A missing limit or benchmark gives NotCompared, and
// so does an invalid polarity or an interval with lower > upper.
func CompareToBenchmark(lower, upper, benchmark float64, pol Polarity) Comparison {
	if pol.validate("CompareToBenchmark") != nil || !validInterval(lower, upper) || math.IsNaN(benchmark) {
		return NotCompared
	}
	switch {
	case benchmark < lower:
		return direction(1, pol)
	case benchmark > upper:
		return direction(-1, pol)
	}
	return Similar
}

// CompareIntervals compares area A with area B by whether their confidence
// intervals overlap (Fingertips technical guidance: used when the benchmark is
// itself an estimate with an interval, such as a peer group value). A
// non-overlapping interval above B's is Higher (or Better/Worse by polarity).
// The overlap test is conservative: two intervals can overlap although the
// difference is significant, so Similar means "no evidence of a difference".
func CompareIntervals(aLower, aUpper, bLower, bUpper float64, pol Polarity) Comparison {
	if pol.validate("CompareIntervals") != nil || !validInterval(aLower, aUpper) || !validInterval(bLower, bUpper) {
		return NotCompared
	}
	switch {
	case aLower > bUpper:
		return direction(1, pol)
	case aUpper < bLower:
		return direction(-1, pol)
	}
	return Similar
}

func validInterval(lo, hi float64) bool {
	return !math.IsNaN(lo) && !math.IsNaN(hi) && lo <= hi
}

// CompareProportionToControlLimits compares an area's proportion x/n with a
// benchmark proportion p (a fraction, e.g. England's) by the control-limit
// (funnel plot) method: the area is significantly different when x/n falls
// outside the limits p ± z·√(p(1−p)/n), which are exactly the proportions
// whose Wilson interval at sample size n has p as its far bound (Fingertips
// technical guidance, "Funnel plots"; PHEindicatormethods'
// assign_funnel_significance). Unlike CompareToBenchmark this treats the
// benchmark's own uncertainty as negligible and puts the area's sampling
// variation around the benchmark. conf is usually 0.95 or 0.998.
func CompareProportionToControlLimits(x, n, p, conf float64, pol Polarity) (Comparison, error) {
	if err := pol.validate("CompareProportionToControlLimits"); err != nil {
		return NotCompared, err
	}
	c, err := checkConfidence("CompareProportionToControlLimits", conf)
	if err != nil {
		return NotCompared, err
	}
	if isMissing(x) || isMissing(n) || isMissing(p) {
		return NotCompared, nil
	}
	if err := checkProportionInputs("CompareProportionToControlLimits", x, n); err != nil {
		return NotCompared, err
	}
	if p < 0 || p > 1 {
		return NotCompared, fmt.Errorf("stats: CompareProportionToControlLimits: benchmark proportion %v: %w", p, ErrInvalid)
	}
	lo, hi := proportionControlLimits(p, n, zFromFraction(c))
	v := x / n
	switch {
	case v < lo:
		return direction(-1, pol), nil
	case v > hi:
		return direction(1, pol), nil
	}
	return Similar, nil
}

// CompareRateToControlLimits compares an area's count of events in a
// population (or person-years) with the count expected at a benchmark rate
// (events per person, e.g. England's count/population), by the Poisson
// control-limit method of PHEindicatormethods' assign_funnel_significance for
// rates and ratios: the area is higher when the lower limit of its observed
// count (exact below 10 events, Byar's otherwise) exceeds the expected count,
// lower when the upper limit falls below it. Pass expected counts from
// indirect standardisation as population with rate 1 to compare a ratio with 1.
func CompareRateToControlLimits(count, population, benchmarkRate, conf float64, pol Polarity) (Comparison, error) {
	if err := pol.validate("CompareRateToControlLimits"); err != nil {
		return NotCompared, err
	}
	c, err := checkConfidence("CompareRateToControlLimits", conf)
	if err != nil {
		return NotCompared, err
	}
	if isMissing(count) || isMissing(population) || isMissing(benchmarkRate) {
		return NotCompared, nil
	}
	if err := checkCount("CompareRateToControlLimits", count); err != nil {
		return NotCompared, err
	}
	if math.IsInf(population, 0) || population <= 0 {
		return NotCompared, fmt.Errorf("stats: CompareRateToControlLimits: population %v: %w", population, ErrNonPositive)
	}
	if math.IsInf(benchmarkRate, 0) || benchmarkRate < 0 {
		return NotCompared, fmt.Errorf("stats: CompareRateToControlLimits: benchmark rate %v: %w", benchmarkRate, ErrInvalid)
	}
	// Compare rates (limit/population against the benchmark rate) rather
	// than counts, as the R code does, so boundary cases round the same way.
	lo, hi, _ := poissonLimits(count, c)
	switch {
	case benchmarkRate < lo/population:
		return direction(1, pol), nil
	case benchmarkRate > hi/population:
		return direction(-1, pol), nil
	}
	return Similar, nil
}
