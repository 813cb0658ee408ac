package missions

import (
	"fmt"
	"math"
	"slices"

	"github.com/localup/localup"
)

// Gap measures over a cross-section: one indicator's values for many
// places in one period. NaN values (places with no figure) are left out
// before anything is counted.

// Tails compares the best and the worst share of places.
type Tails struct {
	N         int     // places with a value
	Share     float64 // share of places in each tail, 0.2 for fifths
	PerTail   float64 // places in each tail, N × Share; may be fractional
	BestMean  float64 // mean of the best tail: the highest values, or the lowest when lower is better
	WorstMean float64 // mean of the worst tail
	// Difference is how far apart the tails are, |BestMean − WorstMean|.
	Difference float64
	// Ratio is the higher tail mean over the lower; NaN when the lower
	// mean is zero or negative, where a ratio means nothing.
	Ratio float64
}

// Fifths compares the mean of the best fifth of places with that of the
// worst fifth; see TailGap.
func Fifths(values []float64, pol localup.Polarity) (Tails, error) {
	return TailGap(values, pol, 0.2)
}

// TailGap compares the mean of the best share of places with that of the
// worst share. Which end is best follows the polarity: the highest values
// when higher is better or there is no polarity, the lowest when lower is
// better.
//
// Quantile method: the N values are sorted and each tail holds exactly
// k = N × share places, counting the place on the boundary fractionally
// when k is not whole, so that every place carries the same weight and
// the result moves smoothly as places are added. For N = 7 and fifths,
// k = 1.4 and the low tail mean is (v₁ + 0.4·v₂) / 1.4. There must be at
// least one place per tail (N × share ≥ 1; five places for fifths), or the
// error wraps ErrTooFew; share must be in (0, 0.5].
func TailGap(values []float64, pol localup.Polarity, share float64) (Tails, error) {
	if !(share > 0 && share <= 0.5) {
		return Tails{}, fmt.Errorf("missions: TailGap: share %v: %w", share, ErrInvalid)
	}
	v, err := present("TailGap", values)
	if err != nil {
		return Tails{}, err
	}
	slices.Sort(v)
	return tails(v, pol, share)
}

// tails computes TailGap over sorted values.
func tails(v []float64, pol localup.Polarity, share float64) (Tails, error) {
	n := len(v)
	k := float64(n) * share
	if n == 0 || k < 1-1e-9 {
		return Tails{}, fmt.Errorf("missions: TailGap: %d places for tails of %v: %w", n, share, ErrTooFew)
	}
	whole := int(math.Floor(k + 1e-9))
	frac := k - float64(whole)
	if frac < 1e-9 {
		frac = 0
	}
	var low, high float64
	for i := range whole {
		low += v[i]
		high += v[n-1-i]
	}
	if frac > 0 {
		low += frac * v[whole]
		high += frac * v[n-1-whole]
	}
	low, high = low/k, high/k
	t := Tails{N: n, Share: share, PerTail: k, BestMean: high, WorstMean: low, Difference: high - low, Ratio: nan}
	if pol == localup.LowerIsBetter {
		t.BestMean, t.WorstMean = low, high
	}
	if low > 0 {
		t.Ratio = high / low
	}
	return t, nil
}

// CoefficientOfVariation is the population standard deviation of the
// values over the absolute value of their mean:
//
//	CV = √(Σ(x − x̄)² / N) / |x̄|
//
// The population form (dividing by N, not N − 1) is used because the
// places are the whole set being described, not a sample of them. At least
// two values are needed (ErrTooFew), and the mean must not be zero
// (ErrZeroMean).
func CoefficientOfVariation(values []float64) (float64, error) {
	v, err := present("CoefficientOfVariation", values)
	if err != nil {
		return nan, err
	}
	return cv(v)
}

func cv(v []float64) (float64, error) {
	if len(v) < 2 {
		return nan, fmt.Errorf("missions: CoefficientOfVariation: %d values: %w", len(v), ErrTooFew)
	}
	var mean float64
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	if mean == 0 {
		return nan, fmt.Errorf("missions: CoefficientOfVariation: %w", ErrZeroMean)
	}
	var ss float64
	for _, x := range v {
		ss += (x - mean) * (x - mean)
	}
	return math.Sqrt(ss/float64(len(v))) / math.Abs(mean), nil
}

// Region is one region's value in a cross-section, with its weight in
// the rest's mean (its population, say).
type Region struct {
	Code   string
	Value  float64 // NaN when the region has no figure; it is then left out
	Weight float64 // population or other weight; 0 for all regions means equal weights
}

// RegionGap is the gap between the best region and the rest.
type RegionGap struct {
	Best         Region  // the best region: highest value, or lowest when lower is better
	RestMean     float64 // the weighted mean of the other regions
	Difference   float64 // |Best.Value − RestMean|
	Ratio        float64 // the higher of the two over the lower; NaN when the lower is zero or negative
	EqualWeights bool    // true when every weight was zero, so each region counted once
}

// BestRegionGap compares the best region with the mean of the others.
// The best is the highest value, or the lowest when lower is better; the
// first in input order wins a tie. The rest's mean is weighted by Weight
// (usually population): Σ wᵢvᵢ / Σ wᵢ over the other regions. When every
// weight is zero, each region counts equally. Weights must be finite and
// not negative (ErrInvalid), and either all zero or all positive, since a
// mean weighting some regions by population and others by nothing means
// nothing (ErrInvalid). At least two regions need a value (ErrTooFew).
func BestRegionGap(regions []Region, pol localup.Polarity) (RegionGap, error) {
	var rs []Region
	zero, positive := 0, 0
	for _, r := range regions {
		if math.IsInf(r.Value, 0) || math.IsNaN(r.Weight) || math.IsInf(r.Weight, 0) || r.Weight < 0 {
			return RegionGap{}, fmt.Errorf("missions: BestRegionGap: region %s value %v weight %v: %w", r.Code, r.Value, r.Weight, ErrInvalid)
		}
		if math.IsNaN(r.Value) {
			continue
		}
		rs = append(rs, r)
		if r.Weight == 0 {
			zero++
		} else {
			positive++
		}
	}
	if len(rs) < 2 {
		return RegionGap{}, fmt.Errorf("missions: BestRegionGap: %d regions with a value: %w", len(rs), ErrTooFew)
	}
	if zero > 0 && positive > 0 {
		return RegionGap{}, fmt.Errorf("missions: BestRegionGap: %d of %d regions have no weight: %w", zero, len(rs), ErrInvalid)
	}
	best := 0
	for i, r := range rs {
		if (pol == localup.LowerIsBetter && r.Value < rs[best].Value) || (pol != localup.LowerIsBetter && r.Value > rs[best].Value) {
			best = i
		}
	}
	var sum, w float64
	for i, r := range rs {
		if i == best {
			continue
		}
		wi := r.Weight
		if positive == 0 {
			wi = 1
		}
		sum += wi * r.Value
		w += wi
	}
	g := RegionGap{Best: rs[best], RestMean: sum / w, EqualWeights: positive == 0, Ratio: nan}
	g.Difference = math.Abs(g.Best.Value - g.RestMean)
	if lo, hi := math.Min(g.Best.Value, g.RestMean), math.Max(g.Best.Value, g.RestMean); lo > 0 {
		g.Ratio = hi / lo
	}
	return g, nil
}

// present returns the values that are not NaN, or an error for an
// infinite value.
func present(fn string, values []float64) ([]float64, error) {
	out := make([]float64, 0, len(values))
	for i, x := range values {
		if math.IsInf(x, 0) {
			return nil, fmt.Errorf("missions: %s: value %d is %v: %w", fn, i, x, ErrInvalid)
		}
		if !math.IsNaN(x) {
			out = append(out, x)
		}
	}
	return out, nil
}
