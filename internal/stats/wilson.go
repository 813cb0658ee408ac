package stats

import (
	"fmt"
	"math"
)

// WilsonInterval returns the Wilson score interval for a proportion with x
// successes out of n, as fractions in [0, 1].
//
// Method (Wilson 1927; Newcombe 1998, method 3), with z from the level:
//
//	lower, upper = (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²))
//
// The Fingertips guidance prefers Wilson to the normal approximation because
// it never leaves [0, 1] and behaves well for small counts and for
// proportions near 0 or 1. x may be fractional (weighted counts). At a level
// of exactly 1 the interval is [0, 1], as in PHEindicatormethods.
//
// A NaN x or n gives NaN limits and no error. Negative x, n ≤ 0, x > n, a
// non-finite input or a bad confidence level is an error. (The R helper lets
// n = 0 through and returns NaN; here it is refused because no interval
// exists for an empty sample.)
func WilsonInterval(x, n, conf float64) (lower, upper float64, err error) {
	c, err := checkConfidence("WilsonInterval", conf)
	if err != nil {
		return 0, 0, err
	}
	if isMissing(x) || isMissing(n) {
		return math.NaN(), math.NaN(), nil
	}
	if err := checkProportionInputs("WilsonInterval", x, n); err != nil {
		return 0, 0, err
	}
	if c == 1 {
		return 0, 1, nil
	}
	z := zFromFraction(c)
	lower, upper = wilsonLimits(x, n, z)
	return lower, upper, nil
}

// wilsonLimits evaluates the Wilson formula in the same operation order as
// the R package so that results agree to the last few bits.
func wilsonLimits(x, n, z float64) (lower, upper float64) {
	z2 := z * z
	root := z * math.Sqrt(z2+4*x*(1-(x/n)))
	lower = (2*x + z2 - root) / 2 / (n + z2)
	upper = (2*x + z2 + root) / 2 / (n + z2)
	return lower, upper
}

// checkProportionInputs applies the domain rules shared by every proportion
// function: finite, x ≥ 0, n > 0 and x ≤ n.
func checkProportionInputs(fn string, x, n float64) error {
	switch {
	case math.IsInf(x, 0) || math.IsInf(n, 0):
		return fmt.Errorf("stats: %s: x=%v n=%v: %w", fn, x, n, ErrInvalid)
	case x < 0:
		return fmt.Errorf("stats: %s: numerator %v: %w", fn, x, ErrNegative)
	case n <= 0:
		return fmt.Errorf("stats: %s: denominator %v: %w", fn, n, ErrNonPositive)
	case x > n:
		return fmt.Errorf("stats: %s: numerator %v > denominator %v: %w", fn, x, n, ErrNumeratorExceedsDenominator)
	}
	return nil
}

// Proportion returns x/n × multiplier with its Wilson score interval, as
// PHEindicatormethods' phe_proportion does: multiplier 1 gives a fraction,
// 100 a percentage. A missing numerator or denominator gives a NaN value and
// limits (Method still Wilson) and no error.
func Proportion(x, n, multiplier, conf float64) (Estimate, error) {
	c, err := checkConfidence("Proportion", conf)
	if err != nil {
		return Estimate{}, err
	}
	if err := checkMultiplier("Proportion", multiplier); err != nil {
		return Estimate{}, err
	}
	est := Estimate{Value: math.NaN(), Lower: math.NaN(), Upper: math.NaN(), Confidence: c, Method: MethodWilson}
	if isMissing(x) || isMissing(n) {
		return est, nil
	}
	if err := checkProportionInputs("Proportion", x, n); err != nil {
		return Estimate{}, err
	}
	lo, hi := 0.0, 1.0
	if c < 1 {
		lo, hi = wilsonLimits(x, n, zFromFraction(c))
	}
	est.Value = x / n * multiplier
	est.Lower = lo * multiplier
	est.Upper = hi * multiplier
	return est, nil
}

// checkMultiplier rejects a multiplier that is not a finite positive number.
func checkMultiplier(fn string, m float64) error {
	if math.IsNaN(m) || math.IsInf(m, 0) || m <= 0 {
		return fmt.Errorf("stats: %s: multiplier %v: %w", fn, m, ErrNonPositive)
	}
	return nil
}
