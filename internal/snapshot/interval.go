package snapshot

import (
	"math"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/stats"
)

// IntervalSource says where a 95% confidence interval came from.
type IntervalSource string

// Interval sources. The calculated ones follow the Fingertips technical
// guidance as implemented in internal/stats.
const (
	IntervalNone      IntervalSource = ""              // none published, none calculable
	IntervalPublished IntervalSource = "published"     // as the publisher gave it
	IntervalWilson    IntervalSource = "Wilson score"  // proportion from numerator and denominator
	IntervalByars     IntervalSource = "Byar's method" // rate from a count of 10 or more
	IntervalExact     IntervalSource = "exact Poisson" // rate from a count below 10
)

// Describe says in words how the interval was obtained.
func (src IntervalSource) Describe() string {
	switch src {
	case IntervalPublished:
		return "published"
	case IntervalWilson:
		return "calculated from the numerator and denominator (Wilson score method)"
	case IntervalByars:
		return "calculated from the count and population (Byar's method)"
	case IntervalExact:
		return "calculated from the count and population (exact Poisson method)"
	}
	return "no interval published"
}

// Interval returns the 95% confidence interval of an observation: the
// published one when there is one; otherwise, when the numerator and
// denominator are published, one calculated from them:
//
//   - a proportion by the Wilson score method (Wilson 1927; Newcombe 1998),
//     stats.Proportion;
//   - a rate by Byar's approximation for 10 or more events and exact
//     Poisson limits below 10 (Breslow and Day 1987), stats.RateCI.
//
// The multiplier (1, 100 for a percentage, 100,000 for a rate per 100,000)
// is read from how the published value relates to numerator/denominator.
// When the recalculated value does not reproduce the published one within
// 0.5%, the figures do not describe the same thing and no interval is
// given. Other value types, and observations with neither an interval nor
// a numerator and denominator, get NaN limits and IntervalNone.
func Interval(ind *localup.Indicator, o *localup.Observation) (lower, upper float64, src IntervalSource) {
	nan := math.NaN()
	if o.HasInterval() {
		return o.Lower, o.Upper, IntervalPublished
	}
	x, n := o.Numerator, o.Denominator
	if !o.HasValue() || math.IsNaN(x) || math.IsNaN(n) || n <= 0 || x < 0 {
		return nan, nan, IntervalNone
	}
	mult := multiplier(ind, o.Value, x, n)
	var est stats.Estimate
	var err error
	switch ind.ValueType {
	case localup.ValueProportion:
		est, err = stats.Proportion(x, n, mult, stats.Conf95)
		src = IntervalWilson
	case localup.ValueRate:
		est, err = stats.RateCI(x, n, mult, stats.Conf95)
		src = IntervalByars
		if est.Method == stats.MethodExact {
			src = IntervalExact
		}
	default:
		return nan, nan, IntervalNone
	}
	if err != nil || math.IsNaN(est.Lower) || math.IsNaN(est.Upper) || !nearlyEqual(est.Value, o.Value) {
		return nan, nan, IntervalNone
	}
	return est.Lower, est.Upper, src
}

// nearlyEqual reports whether a recalculated value matches the published one to
// within 0.5% (publishers round).
func nearlyEqual(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= 0.005*math.Max(math.Abs(a), math.Abs(b))
}

// multiplier infers the scale of a published value from its numerator and
// denominator: the power of ten nearest value/(x/n), or, when that cannot
// be read (a value of 0), 100 for a percentage and 1 otherwise.
func multiplier(ind *localup.Indicator, value, x, n float64) float64 {
	if x > 0 && value > 0 {
		return math.Pow(10, math.Round(math.Log10(value/(x/n))))
	}
	if ind.Suffix == "%" || ind.Unit == "%" || strings.Contains(strings.ToLower(ind.Measure), "percent") {
		return 100
	}
	return 1
}
