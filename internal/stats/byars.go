package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// exactPoissonBelow is the count below which PHE uses exact Poisson limits
// instead of Byar's approximation, because Byar's method is inaccurate for
// small counts (Fingertips technical guidance; PHEindicatormethods phe_rate).
const exactPoissonBelow = 10

// ByarsInterval returns Byar's approximation to the confidence interval of a
// Poisson count O (Breslow & Day 1987, vol. II, p. 69):
//
//	lower = O·(1 − 1/(9O) − z/(3√O))³
//	upper = (O+1)·(1 − 1/(9(O+1)) + z/(3√(O+1)))³
//
// The limits are on the count itself; divide by a population to get a rate.
// When the lower formula goes negative (very small O at a high level) the
// lower limit is NaN, as PHEindicatormethods returns NA; for O = 0 it is NaN
// too because the formula is undefined. A NaN count gives NaN limits.
// Negative O, an infinite O or a bad level is an error.
func ByarsInterval(o, conf float64) (lower, upper float64, err error) {
	c, err := checkConfidence("ByarsInterval", conf)
	if err != nil {
		return 0, 0, err
	}
	if isMissing(o) {
		return math.NaN(), math.NaN(), nil
	}
	if err := checkCount("ByarsInterval", o); err != nil {
		return 0, 0, err
	}
	lower, upper = byarsLimits(o, zFromFraction(c))
	return lower, upper, nil
}

// byarsLimits evaluates Byar's formulae in the R package's operation order.
func byarsLimits(o, z float64) (lower, upper float64) {
	lower = o * math.Pow(1-1/(9*o)-z/(3*math.Sqrt(o)), 3)
	if !(lower >= 0) { // negative, or NaN at o = 0
		lower = math.NaN()
	}
	o1 := o + 1
	upper = o1 * math.Pow(1-1/(9*o1)+z/(3*math.Sqrt(o1)), 3)
	return lower, upper
}

// ExactPoissonInterval returns the exact (Garwood) confidence interval of a
// Poisson count O from chi-squared quantiles (Armitage & Berry 2002; Breslow
// & Day 1987):
//
//	lower = χ²((1−c)/2; 2O) / 2,  upper = χ²(c + (1−c)/2; 2O+2) / 2
//
// where χ²(p; k) is the p quantile with k degrees of freedom. The lower limit
// of O = 0 is 0. The limits are on the count. NaN gives NaN limits.
func ExactPoissonInterval(o, conf float64) (lower, upper float64, err error) {
	c, err := checkConfidence("ExactPoissonInterval", conf)
	if err != nil {
		return 0, 0, err
	}
	if isMissing(o) {
		return math.NaN(), math.NaN(), nil
	}
	if err := checkCount("ExactPoissonInterval", o); err != nil {
		return 0, 0, err
	}
	lower, upper = exactLimits(o, c)
	return lower, upper, nil
}

// exactLimits evaluates the chi-squared form, with c as a fraction.
func exactLimits(o, c float64) (lower, upper float64) {
	if c == 1 {
		return 0, math.Inf(1)
	}
	if o > 0 {
		lower = distuv.ChiSquared{K: 2 * o}.Quantile((1-c)/2) / 2
	}
	upper = distuv.ChiSquared{K: 2*o + 2}.Quantile(c+(1-c)/2) / 2
	return lower, upper
}

// PoissonCI returns the confidence interval of a Poisson count the way the
// Fingertips profiles do: exact limits when O < 10 and Byar's approximation
// at or above 10. It also reports which method it used.
func PoissonCI(o, conf float64) (lower, upper float64, method Method, err error) {
	c, err := checkConfidence("PoissonCI", conf)
	if err != nil {
		return 0, 0, "", err
	}
	if isMissing(o) {
		return math.NaN(), math.NaN(), "", nil
	}
	if err := checkCount("PoissonCI", o); err != nil {
		return 0, 0, "", err
	}
	lower, upper, method = poissonLimits(o, c)
	return lower, upper, method, nil
}

// poissonLimits chooses exact or Byar limits for a validated count.
func poissonLimits(o, c float64) (lower, upper float64, method Method) {
	if o < exactPoissonBelow {
		lower, upper = exactLimits(o, c)
		return lower, upper, MethodExact
	}
	lower, upper = byarsLimits(o, zFromFraction(c))
	return lower, upper, MethodByars
}

// RateCI returns a crude rate count/denominator × multiplier with its
// confidence interval, as PHEindicatormethods' phe_rate does: the PoissonCI
// limits divided by the denominator and scaled. Unlike a proportion, a count
// may exceed its denominator (250 events in 220 person-years is a valid
// rate). A missing count gives NaN outputs and an empty Method; a missing
// denominator gives NaN outputs with the Method the count would use.
func RateCI(count, denominator, multiplier, conf float64) (Estimate, error) {
	c, err := checkConfidence("RateCI", conf)
	if err != nil {
		return Estimate{}, err
	}
	if err := checkMultiplier("RateCI", multiplier); err != nil {
		return Estimate{}, err
	}
	est := Estimate{Value: math.NaN(), Lower: math.NaN(), Upper: math.NaN(), Confidence: c}
	if isMissing(count) {
		return est, nil
	}
	if err := checkCount("RateCI", count); err != nil {
		return Estimate{}, err
	}
	if count < exactPoissonBelow {
		est.Method = MethodExact
	} else {
		est.Method = MethodByars
	}
	if isMissing(denominator) {
		return est, nil
	}
	if math.IsInf(denominator, 0) || denominator <= 0 {
		return Estimate{}, fmt.Errorf("stats: RateCI: denominator %v: %w", denominator, ErrNonPositive)
	}
	lo, hi, _ := poissonLimits(count, c)
	est.Value = count / denominator * multiplier
	est.Lower = lo / denominator * multiplier
	est.Upper = hi / denominator * multiplier
	return est, nil
}

// checkCount rejects a negative or infinite count.
func checkCount(fn string, o float64) error {
	if math.IsInf(o, 0) {
		return fmt.Errorf("stats: %s: count %v: %w", fn, o, ErrInvalid)
	}
	if o < 0 {
		return fmt.Errorf("stats: %s: count %v: %w", fn, o, ErrNegative)
	}
	return nil
}
