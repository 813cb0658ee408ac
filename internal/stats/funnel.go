package stats

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/gonum/stat/distuv"
)

// Funnel plots (Spiegelhalter 2005) show each area's value against its size
// with control limits around the overall average at 95% ("2s", p = 0.025 in
// each tail) and 99.8% ("3s", p = 0.001). This file reproduces
// PHEindicatormethods' calculate_funnel_limits, assign_funnel_significance and
// calculate_funnel_points, which follow the Fingertips technical guidance
// ("Funnel plots") and the Fingertips Excel funnel tools.

// funnelPoints is the number of x-axis points in a limits table.
const funnelPoints = 100

// FunnelSignificance is where an area falls relative to the funnel limits.
type FunnelSignificance int

// The funnel outcomes, with the PHEindicatormethods labels as String values.
const (
	FunnelNotSignificant FunnelSignificance = iota // inside the 95% limits
	FunnelHigh95                                   // above the 95% limit only: "High (0.025)"
	FunnelHigh998                                  // above the 99.8% limit: "High (0.001)"
	FunnelLow95                                    // below the 95% limit only: "Low (0.025)"
	FunnelLow998                                   // below the 99.8% limit: "Low (0.001)"
	FunnelNotApplicable                            // DSR with fewer than 10 events
)

// String returns the PHEindicatormethods label, e.g. "High (0.001)".
func (s FunnelSignificance) String() string {
	switch s {
	case FunnelNotSignificant:
		return "Not significant"
	case FunnelHigh95:
		return "High (0.025)"
	case FunnelHigh998:
		return "High (0.001)"
	case FunnelLow95:
		return "Low (0.025)"
	case FunnelLow998:
		return "Low (0.001)"
	case FunnelNotApplicable:
		return "Not applicable for events less than 10 for dsrs"
	}
	return fmt.Sprintf("FunnelSignificance(%d)", int(s))
}

// Comparison reads a funnel outcome through an indicator's polarity: outside
// either limit is a significant difference (Better/Worse, or Higher/Lower with
// no polarity), inside is Similar, and NotApplicable is NotCompared. Callers
// that only flag 99.8% outliers can test for FunnelHigh998/FunnelLow998.
func (s FunnelSignificance) Comparison(pol Polarity) Comparison {
	if pol.validate("FunnelSignificance.Comparison") != nil {
		return NotCompared
	}
	switch s {
	case FunnelHigh95, FunnelHigh998:
		return direction(1, pol)
	case FunnelLow95, FunnelLow998:
		return direction(-1, pol)
	case FunnelNotSignificant:
		return Similar
	}
	return NotCompared
}

// classify turns limits into an outcome, testing the 99.8% limits first.
func classify(v, lo998, lo95, hi998, hi95 float64) FunnelSignificance {
	switch {
	case v < lo998:
		return FunnelLow998
	case v < lo95:
		return FunnelLow95
	case v > hi998:
		return FunnelHigh998
	case v > hi95:
		return FunnelHigh95
	}
	return FunnelNotSignificant
}

// The funnel critical values, qnorm(0.975) and qnorm(0.999) as in the R code.
var (
	z975 = distuv.UnitNormal.Quantile(0.975) // 2s: 1.959964
	z999 = distuv.UnitNormal.Quantile(0.999) // 3s: 3.090232
)

// proportionControlLimits returns p ∓ z·√(p(1−p)/n). These are the
// proportions whose Wilson interval at sample size n has p as its far bound:
// solving (2x + z² ∓ z√(z² + 4x(1 − x/n)))/(2(n + z²)) = p for x/n reduces to
// this form, which PHEindicatormethods' sigma_adjustment evaluates in
// expanded algebra.
func proportionControlLimits(p, n, z float64) (lo, hi float64) {
	h := z * math.Sqrt(p*(1-p)/n)
	return p - h, p + h
}

// FunnelLimit is one x-axis point of a proportion funnel plot.
type FunnelLimit struct {
	Population float64 // the denominator at this point
	Lower95    float64 // lower 2s (95%) limit, capped at 0
	Upper95    float64 // upper 2s limit, capped at 100
	Lower998   float64 // lower 3s (99.8%) limit
	Upper998   float64 // upper 3s limit
	Baseline   float64 // overall proportion × multiplier
}

// ProportionFunnelLimits returns the 100-point table of control limits for a
// funnel plot of proportions, as calculate_funnel_limits(statistic =
// "proportion") does: the baseline is p̄ = Σx/Σn, and at each population n the
// limits are p̄ ∓ z·√(p̄(1−p̄)/n) times the multiplier, floored at 0 and capped
// at 100 (the R package's cap, meant for percentages). The x-axis runs in
// roughly geometric integer steps between neat round numbers around the
// smallest and largest denominators.
func ProportionFunnelLimits(numerators, denominators []float64, multiplier float64) ([]FunnelLimit, error) {
	const fn = "ProportionFunnelLimits"
	if err := checkMultiplier(fn, multiplier); err != nil {
		return nil, err
	}
	avg, minD, maxD, err := proportionFunnelInputs(fn, numerators, denominators)
	if err != nil {
		return nil, err
	}
	axisMin := 0.0
	if !(maxD > 2*minD) {
		axisMin = signifFloor(minD)
	}
	axis := funnelAxis(axisMin, signifCeiling(maxD), 0)
	out := make([]FunnelLimit, len(axis))
	for i, n := range axis {
		lo95, hi95 := proportionControlLimits(avg, n, z975)
		lo998, hi998 := proportionControlLimits(avg, n, z999)
		out[i] = FunnelLimit{
			Population: n,
			Lower95:    math.Max(0, lo95*multiplier),
			Upper95:    math.Min(100, hi95*multiplier),
			Lower998:   math.Max(0, lo998*multiplier),
			Upper998:   math.Min(100, hi998*multiplier),
			Baseline:   avg * multiplier,
		}
	}
	return out, nil
}

// ProportionFunnelSignificance classifies each area's proportion x/n against
// the funnel limits around p̄ = Σx/Σn at its own n, as
// assign_funnel_significance(statistic = "proportion") does.
func ProportionFunnelSignificance(numerators, denominators []float64) ([]FunnelSignificance, error) {
	const fn = "ProportionFunnelSignificance"
	avg, _, _, err := proportionFunnelInputs(fn, numerators, denominators)
	if err != nil {
		return nil, err
	}
	out := make([]FunnelSignificance, len(numerators))
	for i := range numerators {
		x, n := numerators[i], denominators[i]
		lo95, hi95 := proportionControlLimits(avg, n, z975)
		lo998, hi998 := proportionControlLimits(avg, n, z999)
		out[i] = classify(x/n, lo998, lo95, hi998, hi95)
	}
	return out, nil
}

func proportionFunnelInputs(fn string, xs, ns []float64) (avg, minD, maxD float64, err error) {
	if len(xs) == 0 || len(xs) != len(ns) {
		return 0, 0, 0, fmt.Errorf("stats: %s: %d numerators, %d denominators: %w", fn, len(xs), len(ns), ErrLength)
	}
	var sx, sn float64
	minD, maxD = math.Inf(1), math.Inf(-1)
	for i := range xs {
		x, n := xs[i], ns[i]
		if isMissing(x) || isMissing(n) {
			return 0, 0, 0, fmt.Errorf("stats: %s: record %d: numerators and denominators must be provided for all records: %w", fn, i, ErrMissing)
		}
		if err := checkProportionInputs(fmt.Sprintf("%s: record %d", fn, i), x, n); err != nil {
			return 0, 0, 0, err
		}
		sx += x
		sn += n
		minD, maxD = math.Min(minD, n), math.Max(maxD, n)
	}
	return sx / sn, minD, maxD, nil
}

// RatioType selects how a ratio funnel's limits are expressed.
type RatioType int

// Ratio funnel scales, as PHEindicatormethods' ratio_type.
const (
	RatioCount RatioType = iota // O/E − 1: 0 means as expected
	RatioISR                    // 100·O/E: 100 means as expected
)

// RatioFunnelLimit is one x-axis point of a ratio (observed/expected) funnel.
// For each limit, Expected… is the expected count μ at which O observed
// events sit exactly on that limit, and the limit itself is O/μ on the scale
// of the RatioType.
type RatioFunnelLimit struct {
	ObservedEvents                                                       float64
	ExpectedLower95, ExpectedUpper95, ExpectedLower998, ExpectedUpper998 float64
	Lower95, Upper95, Lower998, Upper998                                 float64
}

// RatioFunnelLimits returns the 100-point limits table for a funnel plot of
// observed/expected ratios (indirectly standardised ratios), as
// calculate_funnel_limits(statistic = "ratio") does. The x-axis is the
// observed count, built from the range of the expected counts. For a lower
// limit μ solves P(X ≤ O | μ) = 0.025 (or 0.001); for an upper limit
// P(X ≥ O | μ) = 0.025 (or 0.001), X Poisson. These are found by the same
// bisection as the Fingertips funnel tools (23 halvings on v = μ/(O+1+μ)),
// so the limits agree with PHEindicatormethods to its stored precision; they
// differ from exact chi-squared quantiles by up to about 5e-5.
func RatioFunnelLimits(observed, expected []float64, rt RatioType) ([]RatioFunnelLimit, error) {
	const fn = "RatioFunnelLimits"
	if rt != RatioCount && rt != RatioISR {
		return nil, fmt.Errorf("stats: %s: ratio type %d: %w", fn, int(rt), ErrInvalid)
	}
	minE, maxE, err := ratioFunnelInputs(fn, observed, expected)
	if err != nil {
		return nil, err
	}
	axisMin := 0.0
	if !(maxE > 2*minE) {
		axisMin = signifFloor(minE)
	}
	axis := funnelAxis(axisMin, signifCeiling(maxE), 1)
	scale := func(r float64) float64 {
		if rt == RatioCount {
			return r - 1
		}
		return r * 100
	}
	out := make([]RatioFunnelLimit, len(axis))
	for i, o := range axis {
		l95 := poissonFunnel(o, 0.025, false)
		u95 := poissonFunnel(o, 0.025, true)
		l998 := poissonFunnel(o, 0.001, false)
		u998 := poissonFunnel(o, 0.001, true)
		out[i] = RatioFunnelLimit{
			ObservedEvents:   o,
			ExpectedLower95:  l95,
			ExpectedUpper95:  u95,
			ExpectedLower998: l998,
			ExpectedUpper998: u998,
			Lower95:          scale(o / l95),
			Upper95:          scale(o / u95),
			Lower998:         scale(o / l998),
			Upper998:         scale(o / u998),
		}
	}
	return out, nil
}

// RatioFunnelSignificance classifies each area's observed count against its
// expected count, as assign_funnel_significance(statistic = "ratio") does:
// significantly high when the lower limit of O (exact below 10 events,
// Byar's otherwise) divided by E exceeds 1, low when the upper limit divided
// by E is below 1.
func RatioFunnelSignificance(observed, expected []float64) ([]FunnelSignificance, error) {
	const fn = "RatioFunnelSignificance"
	if _, _, err := ratioFunnelInputs(fn, observed, expected); err != nil {
		return nil, err
	}
	out := make([]FunnelSignificance, len(observed))
	for i := range observed {
		out[i] = countSignificance(observed[i], expected[i], 1)
	}
	return out, nil
}

func ratioFunnelInputs(fn string, os, es []float64) (minE, maxE float64, err error) {
	if len(os) == 0 || len(os) != len(es) {
		return 0, 0, fmt.Errorf("stats: %s: %d observed, %d expected: %w", fn, len(os), len(es), ErrLength)
	}
	minE, maxE = math.Inf(1), math.Inf(-1)
	for i := range os {
		o, e := os[i], es[i]
		switch {
		case isMissing(o) || isMissing(e):
			return 0, 0, fmt.Errorf("stats: %s: record %d: %w", fn, i, ErrMissing)
		case math.IsInf(o, 0) || math.IsInf(e, 0):
			return 0, 0, fmt.Errorf("stats: %s: record %d: %w", fn, i, ErrInvalid)
		case o < 0:
			return 0, 0, fmt.Errorf("stats: %s: record %d: observed %v: %w", fn, i, o, ErrNegative)
		case e <= 0:
			return 0, 0, fmt.Errorf("stats: %s: record %d: expected %v: %w", fn, i, e, ErrNonPositive)
		}
		minE, maxE = math.Min(minE, e), math.Max(maxE, e)
	}
	return minE, maxE, nil
}

// countSignificance compares the Poisson limits of count o, divided by
// denominator d, with the reference value ref.
func countSignificance(o, d, ref float64) FunnelSignificance {
	lo95, hi95, _ := poissonLimits(o, Conf95)
	lo998, hi998, _ := poissonLimits(o, Conf998)
	switch {
	case ref < lo998/d:
		return FunnelHigh998
	case ref < lo95/d:
		return FunnelHigh95
	case ref > hi998/d:
		return FunnelLow998
	case ref > hi95/d:
		return FunnelLow95
	}
	return FunnelNotSignificant
}

// RateType says how a rate in a rate funnel was calculated.
type RateType int

// Rate funnel types, as PHEindicatormethods' rate_type.
const (
	RateDSR   RateType = iota // directly standardised rate
	RateCrude                 // crude rate
)

// RateFunnelInput is the input for the rate funnel functions. Denominators
// are optional (nil) but needed for any record with zero events, because the
// population cannot then be derived from events and rate.
type RateFunnelInput struct {
	Events       []float64 // observed events per area; required, may be 0
	Rates        []float64 // rate per Multiplier (DSR or crude)
	Denominators []float64 // optional populations (person-years)
	Type         RateType
	Multiplier   float64 // e.g. 100000
	YearsOfData  float64 // years the data cover; used by the limits and points
}

// derivedDenominators returns the populations implied by each record
// (Multiplier·events/rate), as the R package derives them: a zero-event
// record has none under DSR (NaN), and its supplied denominator under crude.
func (in RateFunnelInput) derivedDenominators(fn string) ([]float64, error) {
	n := len(in.Events)
	if n == 0 || len(in.Rates) != n || (in.Denominators != nil && len(in.Denominators) != n) {
		return nil, fmt.Errorf("stats: %s: %d events, %d rates, %d denominators: %w", fn, n, len(in.Rates), len(in.Denominators), ErrLength)
	}
	if in.Type != RateDSR && in.Type != RateCrude {
		return nil, fmt.Errorf("stats: %s: rate type %d: %w", fn, int(in.Type), ErrInvalid)
	}
	if err := checkMultiplier(fn, in.Multiplier); err != nil {
		return nil, err
	}
	out := make([]float64, n)
	for i, e := range in.Events {
		den := math.NaN()
		if in.Denominators != nil {
			den = in.Denominators[i]
		}
		switch {
		case isMissing(e):
			return nil, fmt.Errorf("stats: %s: record %d: numerators must be provided for all records, even when zero: %w", fn, i, ErrMissing)
		case math.IsInf(e, 0):
			return nil, fmt.Errorf("stats: %s: record %d: events %v: %w", fn, i, e, ErrInvalid)
		case e < 0:
			return nil, fmt.Errorf("stats: %s: record %d: events %v: %w", fn, i, e, ErrNegative)
		case e == 0 && in.Denominators == nil:
			return nil, fmt.Errorf("stats: %s: record %d has 0 events, so a denominator must be supplied: %w", fn, i, ErrMissing)
		case e == 0 && (isMissing(den) || den <= 0):
			return nil, fmt.Errorf("stats: %s: record %d has 0 events and denominator %v: %w", fn, i, den, ErrNonPositive)
		case !isMissing(den) && den <= 0:
			return nil, fmt.Errorf("stats: %s: record %d: denominator %v: %w", fn, i, den, ErrNonPositive)
		}
		r := in.Rates[i]
		if e > 0 && (isMissing(r) || math.IsInf(r, 0) || r <= 0) {
			return nil, fmt.Errorf("stats: %s: record %d: rate %v must be provided and positive when events > 0: %w", fn, i, r, ErrInvalid)
		}
		switch {
		case e == 0 && in.Type == RateDSR:
			out[i] = math.NaN()
		case e == 0:
			out[i] = den
		default:
			out[i] = in.Multiplier * e / r
		}
	}
	return out, nil
}

// RateFunnelLimit is one x-axis point of a rate funnel plot. For each limit,
// Population…1Year is the annual population at which the point's event count
// lies exactly on that limit, and the limit is the corresponding rate per
// Multiplier.
type RateFunnelLimit struct {
	Events                                                                       float64
	PopulationLower95, PopulationUpper95, PopulationLower998, PopulationUpper998 float64
	Lower95, Upper95, Lower998, Upper998                                         float64
	Baseline                                                                     float64 // average rate per Multiplier
}

// RateFunnelLimits returns the 100-point limits table for a funnel plot of
// rates, as calculate_funnel_limits(statistic = "rate") does. The average
// rate r̄ is Σevents / Σ derived populations; the x-axis is an event count E,
// and for each limit the population at which E sits on it is μ/r̄ with μ from
// the same Poisson bisection as RatioFunnelLimits. Populations are shown per
// year of data.
func RateFunnelLimits(in RateFunnelInput) ([]RateFunnelLimit, error) {
	const fn = "RateFunnelLimits"
	if math.IsNaN(in.YearsOfData) || math.IsInf(in.YearsOfData, 0) || in.YearsOfData <= 0 {
		return nil, fmt.Errorf("stats: %s: years of data %v: %w", fn, in.YearsOfData, ErrNonPositive)
	}
	den, err := in.derivedDenominators(fn)
	if err != nil {
		return nil, err
	}
	var sumE, sumD float64
	minD, maxD := math.Inf(1), math.Inf(-1)
	for i, e := range in.Events {
		sumE += e
		if !isMissing(den[i]) {
			sumD += den[i]
			minD, maxD = math.Min(minD, den[i]), math.Max(maxD, den[i])
		}
	}
	if !(sumD > 0) || !(sumE > 0) {
		return nil, fmt.Errorf("stats: %s: no events or no population to average: %w", fn, ErrTooFew)
	}
	avg := sumE / sumD
	y := in.YearsOfData
	axisMin := 0.0
	if !(maxD > 2*minD) {
		axisMin = signifFloor(minD/y) * y
	}
	axisMax := signifCeiling(maxD/y) * y
	axis := funnelAxis(math.Floor(axisMin*avg), math.Ceil(axisMax*avg), 0)
	m := in.Multiplier
	out := make([]RateFunnelLimit, len(axis))
	for i, e := range axis {
		pl95 := poissonFunnel(e, 0.025, false) / avg
		pu95 := poissonFunnel(e, 0.025, true) / avg
		pl998 := poissonFunnel(e, 0.001, false) / avg
		pu998 := poissonFunnel(e, 0.001, true) / avg
		out[i] = RateFunnelLimit{
			Events:             e,
			PopulationLower95:  pl95 / y,
			PopulationUpper95:  pu95 / y,
			PopulationLower998: pl998 / y,
			PopulationUpper998: pu998 / y,
			Lower95:            e / pl95 * m,
			Upper95:            e / pu95 * m,
			Lower998:           e / pl998 * m,
			Upper998:           e / pu998 * m,
			Baseline:           avg * m,
		}
	}
	return out, nil
}

// RateFunnelSignificance classifies each area's rate against the funnel
// limits around the average rate, as assign_funnel_significance(statistic =
// "rate") does: the Poisson limits of its event count (exact below 10,
// Byar's otherwise) divided by its derived population are compared with the
// average rate Σevents/Σpopulations. DSRs based on fewer than 10 events are
// FunnelNotApplicable. YearsOfData is not used.
func RateFunnelSignificance(in RateFunnelInput) ([]FunnelSignificance, error) {
	const fn = "RateFunnelSignificance"
	den, err := in.derivedDenominators(fn)
	if err != nil {
		return nil, err
	}
	var sumE, sumD float64
	for i, e := range in.Events {
		sumE += e
		if !isMissing(den[i]) {
			sumD += den[i]
		}
	}
	avg := sumE / sumD
	out := make([]FunnelSignificance, len(den))
	for i, e := range in.Events {
		switch {
		case in.Type == RateDSR && e < dsrMinCount:
			out[i] = FunnelNotApplicable
		case isMissing(den[i]):
			out[i] = FunnelNotSignificant
		default:
			out[i] = countSignificance(e, den[i], avg)
		}
	}
	return out, nil
}

// RateFunnelPoint is one area's position on a rate funnel plot.
type RateFunnelPoint struct {
	Rate       float64 // rate to plot; NaN for a DSR from fewer than 10 events
	Population float64 // annual population (derived population / years)
}

// RateFunnelPoints returns the plotting position of each area, as
// calculate_funnel_points does: the derived population per year, and the
// rate itself. DSRs from fewer than 10 events are not plotted (NaN).
func RateFunnelPoints(in RateFunnelInput) ([]RateFunnelPoint, error) {
	const fn = "RateFunnelPoints"
	if math.IsNaN(in.YearsOfData) || math.IsInf(in.YearsOfData, 0) || in.YearsOfData <= 0 {
		return nil, fmt.Errorf("stats: %s: years of data %v: %w", fn, in.YearsOfData, ErrNonPositive)
	}
	den, err := in.derivedDenominators(fn)
	if err != nil {
		return nil, err
	}
	out := make([]RateFunnelPoint, len(den))
	for i, e := range in.Events {
		if in.Type == RateDSR && e < dsrMinCount {
			out[i] = RateFunnelPoint{Rate: math.NaN(), Population: math.NaN()}
			continue
		}
		out[i] = RateFunnelPoint{Rate: in.Rates[i], Population: den[i] / in.YearsOfData}
	}
	return out, nil
}

// funnelAxis builds the x-axis: it starts at max(1, lo) and takes roughly
// geometric integer steps towards hi, each at least 1 larger than the last.
// The R code's ratio branch lags the exponent by one step (offset 1), so
// its axis stops short of hi; that is reproduced.
func funnelAxis(lo, hi float64, offset int) []float64 {
	axis := make([]float64, funnelPoints)
	axis[0] = math.Max(1, lo)
	for j := 2; j <= funnelPoints; j++ {
		prev := axis[j-2]
		step := math.Pow(hi/prev, 1/float64(funnelPoints+1-(j-offset))) * prev
		axis[j-1] = math.Max(math.RoundToEven(step), prev+1)
	}
	return axis
}

// signifFloor rounds x·0.95 down to its leading digit (1234 → 1100), and
// signifCeiling rounds x·1.05 up to its leading two digits (1234 → 1300);
// these make the funnel axis start and end on neat numbers.
func signifFloor(x float64) float64 {
	if x == 0 {
		return 0
	}
	v := x * 0.95
	p := math.Pow(10, float64(digits(math.Floor(v))-1))
	return math.Floor(v/p) * p
}

func signifCeiling(x float64) float64 {
	if x == 0 {
		return 0
	}
	v := x * 1.05
	p := math.Pow(10, float64(digits(math.Ceil(v))-2))
	return math.Ceil(v/p) * p
}

// digits is the number of characters of a non-negative whole number written
// in decimal, which is what R's nchar() gives for the values used here.
func digits(v float64) int {
	return len(strconv.FormatFloat(v, 'f', 0, 64))
}

// poissonFunnel returns the expected count μ at which obs events sit on a
// funnel limit with tail probability p. With upperTail it solves
// P(X ≥ obs | μ) = p: below that μ, obs would be significantly high, so this
// is the point on the upper limit. Otherwise it solves P(X ≤ obs | μ) = p, the
// point on the lower limit. The search bisects v ∈ (0, 1) with
// μ = (obs+1)·v/(1−v), halving the step from 0.25 until it is below 1e-7, as
// the Fingertips funnel tools do; keeping the same search makes the result
// bit-for-bit reproducible against their published limits.
func poissonFunnel(obs, p float64, upperTail bool) float64 {
	v, dv := 0.5, 0.5
	for dv > 1e-7 {
		dv /= 2
		mu := (1 + obs) * v / (1 - v)
		if upperTail {
			if poissonRangeProb(mu, obs, math.Inf(1)) > p {
				v -= dv
			} else {
				v += dv
			}
		} else {
			if poissonRangeProb(mu, 0, obs) < p {
				v -= dv
			} else {
				v += dv
			}
		}
	}
	return (1 + obs) * v / (1 - v)
}

// poissonRangeProb returns P(a ≤ X ≤ b) for X ~ Poisson(mu) by summing the
// probability series from 0 until the terms are negligible (below 1e-10 of
// the running total, past the mean), normalised by the running total and
// rescaled to avoid overflow. This is the series the Fingertips funnel macro
// uses; the bisection above compares against it.
func poissonRangeProb(mu, a, b float64) float64 {
	q, tot, s := 1.0, 0.0, 0.0
	for k := 0.0; k <= mu || q > tot*1e-10; {
		tot += q
		if k >= a && k <= b {
			s += q
		}
		if tot > 1e30 {
			s /= 1e30
			tot /= 1e30
			q /= 1e30
		}
		k++
		q = q * mu / k
	}
	return s / tot
}
