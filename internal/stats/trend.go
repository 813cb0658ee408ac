package stats

import (
	"fmt"
	"math"
)

// The Fingertips "recent trend" marker (OHID Public Health Data Technical
// Guidance, "Trend markers", section "Process for testing for 'recent'
// statistical trend"; open-source implementation in Fingertips'
// TrendMarkerCalculator) tests the five most recent values of an annual
// series. This file implements both of its formulations:
//
// Proportions (numerator rᵢ, denominator nᵢ, time tᵢ = 1…5), the
// chi-squared test for trend in proportions (Cochran 1954; Armitage 1955):
//
//	N = Σnᵢ, R = Σrᵢ
//	χ² = N·(N·Σrᵢtᵢ − R·Σnᵢtᵢ)² / (R·(N − R)·(N·Σnᵢtᵢ² − (Σnᵢtᵢ)²))
//
// with the direction taken from the ordinary least-squares slope of
// logit(pᵢ) = ln(rᵢ/(nᵢ − rᵢ)) on tᵢ.
//
// Other indicator types (value yᵢ with a 95% confidence interval [Lᵢ, Uᵢ]),
// weighted least squares with weights from the interval width:
//
//	seᵢ = (Uᵢ − Lᵢ)/(2·1.96), wᵢ = 1/seᵢ²
//	β = (Σw·Σwty − Σwt·Σwy) / (Σw·Σwt² − (Σwt)²)
//	var(β) = Σw / (Σw·Σwt² − (Σwt)²),  χ² = β²/var(β)
//
// In both cases the trend is significant when χ² exceeds
// TrendChiSquaredThreshold (the 99.8% point of χ² on 1 df, 3.0902²) AND the
// direction of the slope is unchanged when each of the five points is left
// out in turn (six slopes with the same sign; a zero slope counts as
// positive, as Fingertips does). The slopes are those of the logit
// regression for proportions and of the weighted regression otherwise, each
// refitted on the four remaining points. The leave-one-out rule stops a single
// outlying year from producing a marker. Then the marker is Increasing for a
// positive slope and Decreasing for a negative one; otherwise it is
// NoSignificantChange.

// TrendPoints is the number of most recent points the trend test uses.
const TrendPoints = 5

// TrendChiSquaredThreshold is the critical value of the recent-trend test:
// the 99.8% quantile of the chi-squared distribution on 1 degree of freedom
// (Φ⁻¹(0.999)² ≈ 3.0902²), the constant Fingertips uses.
const TrendChiSquaredThreshold = 9.54953570608324

// Trend is the Fingertips recent-trend marker.
type Trend int

// The recent-trend markers.
const (
	TrendCannotBeCalculated Trend = iota // fewer than five points, or unusable values
	TrendNoSignificantChange
	TrendIncreasing
	TrendDecreasing
)

// String returns "cannot be calculated", "no significant change",
// "increasing" or "decreasing".
func (t Trend) String() string {
	switch t {
	case TrendCannotBeCalculated:
		return "cannot be calculated"
	case TrendNoSignificantChange:
		return "no significant change"
	case TrendIncreasing:
		return "increasing"
	case TrendDecreasing:
		return "decreasing"
	}
	return fmt.Sprintf("Trend(%d)", int(t))
}

// TrendAssessment reads a trend through an indicator's polarity.
type TrendAssessment int

// The trend assessments.
const (
	TrendNotAssessed   TrendAssessment = iota // trend could not be calculated
	TrendNoChange                             // no significant change
	TrendGettingBetter                        // significant change in the good direction
	TrendGettingWorse                         // significant change in the bad direction
	TrendUp                                   // significant increase, indicator has no polarity
	TrendDown                                 // significant decrease, indicator has no polarity
)

// String returns "could not be calculated", "no significant change",
// "getting better", "getting worse", "increasing" or "decreasing".
func (a TrendAssessment) String() string {
	switch a {
	case TrendNotAssessed:
		return "could not be calculated"
	case TrendNoChange:
		return "no significant change"
	case TrendGettingBetter:
		return "getting better"
	case TrendGettingWorse:
		return "getting worse"
	case TrendUp:
		return "increasing"
	case TrendDown:
		return "decreasing"
	}
	return fmt.Sprintf("TrendAssessment(%d)", int(a))
}

// Assess says whether a trend is getting better or worse given the
// indicator's polarity, as the Fingertips trend markers are coloured: an
// increase is getting better when higher is better, worse when lower is
// better, and simply "increasing" when there is no polarity.
func (t Trend) Assess(pol Polarity) TrendAssessment {
	if pol.validate("Trend.Assess") != nil {
		return TrendNotAssessed
	}
	sign := 0
	switch t {
	case TrendNoSignificantChange:
		return TrendNoChange
	case TrendIncreasing:
		sign = 1
	case TrendDecreasing:
		sign = -1
	default:
		return TrendNotAssessed
	}
	switch {
	case pol == NoPolarity && sign > 0:
		return TrendUp
	case pol == NoPolarity:
		return TrendDown
	case sign*int(pol) > 0:
		return TrendGettingBetter
	}
	return TrendGettingWorse
}

// TrendResult is the outcome of a recent-trend test.
type TrendResult struct {
	Trend      Trend
	ChiSquared float64 // the test statistic; NaN when not calculated
	Slope      float64 // slope over all five points (logit scale for proportions); NaN when not calculated
	// StableDirection reports whether the slope kept its sign with each point
	// left out in turn.
	StableDirection bool
	// Reason says why the trend could not be calculated; empty otherwise.
	Reason string
}

func cannotCalculate(reason string) TrendResult {
	return TrendResult{Trend: TrendCannotBeCalculated, ChiSquared: math.NaN(), Slope: math.NaN(), Reason: reason}
}

// decide applies the threshold and the leave-one-out rule.
func (r *TrendResult) decide(slopes [TrendPoints + 1]float64) {
	pos := 0
	for _, s := range slopes {
		if s >= 0 { // Fingertips counts a zero slope as positive
			pos++
		}
	}
	r.Slope = slopes[0]
	r.StableDirection = pos == 0 || pos == len(slopes)
	switch {
	case !(r.ChiSquared > TrendChiSquaredThreshold) || !r.StableDirection:
		r.Trend = TrendNoSignificantChange
	case r.Slope > 0:
		r.Trend = TrendIncreasing
	default:
		r.Trend = TrendDecreasing
	}
}

// RecentTrendProportion runs the recent-trend test for a proportion from its
// numerators and denominators, oldest first; only the last five points are
// used and they are taken to be consecutive, equally spaced periods.
//
// It returns TrendCannotBeCalculated (and no error) when there are fewer than
// five points, when any of the last five is missing, or when a numerator is 0
// or equal to its denominator (the logit is then infinite). Mismatched
// lengths, a negative numerator, a non-positive denominator or a numerator
// above its denominator is an error.
func RecentTrendProportion(numerators, denominators []float64) (TrendResult, error) {
	const fn = "RecentTrendProportion"
	if len(numerators) != len(denominators) {
		return TrendResult{}, fmt.Errorf("stats: %s: %d numerators, %d denominators: %w", fn, len(numerators), len(denominators), ErrLength)
	}
	if len(numerators) < TrendPoints {
		return cannotCalculate(fmt.Sprintf("%d points, need %d", len(numerators), TrendPoints)), nil
	}
	rs := numerators[len(numerators)-TrendPoints:]
	ns := denominators[len(denominators)-TrendPoints:]
	// Invalid values are errors wherever they are; only then do missing or
	// degenerate points make the trend incalculable.
	for i := range TrendPoints {
		if !isMissing(rs[i]) && !isMissing(ns[i]) {
			if err := checkProportionInputs(fn, rs[i], ns[i]); err != nil {
				return TrendResult{}, err
			}
		}
	}
	var logit [TrendPoints]float64
	var N, R, sumRT, sumNT, sumNT2 float64
	for i := range TrendPoints {
		r, n := rs[i], ns[i]
		if isMissing(r) || isMissing(n) {
			return cannotCalculate("missing value among the last five points"), nil
		}
		if r == 0 || r == n {
			return cannotCalculate("a proportion of 0 or 1 among the last five points"), nil
		}
		t := float64(i + 1)
		logit[i] = math.Log(r / (n - r))
		N += n
		R += r
		sumRT += r * t
		sumNT += n * t
		sumNT2 += n * t * t
	}
	d := N*sumRT - R*sumNT
	res := TrendResult{ChiSquared: N * d * d / (R * (N - R) * (N*sumNT2 - sumNT*sumNT))}
	var slopes [TrendPoints + 1]float64
	for leave := range TrendPoints + 1 { // 0: none left out; k: point k left out
		var sw, st, sy, sty, stt float64
		for i := range TrendPoints {
			if i+1 == leave {
				continue
			}
			t := float64(i + 1)
			sw++
			st += t
			sy += logit[i]
			sty += t * logit[i]
			stt += t * t
		}
		slopes[leave] = (sw*sty - st*sy) / (sw*stt - st*st)
	}
	res.decide(slopes)
	return res, nil
}

// RecentTrendCI runs the recent-trend test for an indicator known by its
// value and 95% confidence limits (rates, ratios, means, life expectancy…),
// oldest first; only the last five points are used, taken as consecutive,
// equally spaced periods. The standard error of each point is derived from
// its interval width, (upper − lower)/(2·1.96), and points are weighted by
// 1/se².
//
// It returns TrendCannotBeCalculated (and no error) when there are fewer than
// five points, when any of the last five values or limits is missing, or when
// an interval has zero width. Mismatched lengths or an interval with
// lower > upper is an error.
func RecentTrendCI(values, lower95, upper95 []float64) (TrendResult, error) {
	const fn = "RecentTrendCI"
	if len(values) != len(lower95) || len(values) != len(upper95) {
		return TrendResult{}, fmt.Errorf("stats: %s: %d values, %d lower and %d upper limits: %w", fn, len(values), len(lower95), len(upper95), ErrLength)
	}
	if len(values) < TrendPoints {
		return cannotCalculate(fmt.Sprintf("%d points, need %d", len(values), TrendPoints)), nil
	}
	k := len(values) - TrendPoints
	for i := k; i < len(values); i++ {
		v, lo, hi := values[i], lower95[i], upper95[i]
		if math.IsInf(v, 0) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
			return TrendResult{}, fmt.Errorf("stats: %s: point %d: value %v [%v, %v]: %w", fn, i, v, lo, hi, ErrInvalid)
		}
		if lo > hi {
			return TrendResult{}, fmt.Errorf("stats: %s: point %d: lower limit %v above upper %v: %w", fn, i, lo, hi, ErrInvalid)
		}
	}
	var y, w [TrendPoints]float64
	for i := range TrendPoints {
		v, lo, hi := values[k+i], lower95[k+i], upper95[k+i]
		if isMissing(v) || isMissing(lo) || isMissing(hi) {
			return cannotCalculate("missing value or limit among the last five points"), nil
		}
		se := (hi - lo) / 3.92
		if se == 0 {
			return cannotCalculate("a confidence interval of zero width among the last five points"), nil
		}
		y[i] = v
		w[i] = 1 / (se * se)
	}
	var slopes [TrendPoints + 1]float64
	var res TrendResult
	for leave := range TrendPoints + 1 {
		var sw, swt, swy, swty, swtt float64
		for i := range TrendPoints {
			if i+1 == leave {
				continue
			}
			t := float64(i + 1)
			sw += w[i]
			swt += w[i] * t
			swy += w[i] * y[i]
			swty += w[i] * t * y[i]
			swtt += w[i] * t * t
		}
		den := sw*swtt - swt*swt
		slopes[leave] = (sw*swty - swt*swy) / den
		if leave == 0 {
			beta := slopes[0]
			res.ChiSquared = beta * beta / (sw / den)
		}
	}
	res.decide(slopes)
	return res, nil
}
