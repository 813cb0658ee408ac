package formula

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Pearson returns the Pearson product-moment correlation of x and y. It is
// an error if the lengths differ, there are fewer than two values, a value
// is not finite, or either vector is constant.
func Pearson(x, y []float64) (float64, error) {
	if err := pairCheck(x, y); err != nil {
		return 0, err
	}
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= n
	my /= n
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return 0, errors.New("correlation: a vector is constant")
	}
	return sxy / math.Sqrt(sxx*syy), nil
}

// Spearman returns Spearman's rank correlation of x and y: the Pearson
// correlation of their ranks, tied values sharing their mean rank.
func Spearman(x, y []float64) (float64, error) {
	if err := pairCheck(x, y); err != nil {
		return 0, err
	}
	return Pearson(midRanks(x), midRanks(y))
}

func pairCheck(x, y []float64) error {
	if len(x) != len(y) {
		return fmt.Errorf("correlation: vectors of different lengths (%d and %d)", len(x), len(y))
	}
	if len(x) < 2 {
		return errors.New("correlation: need at least two values")
	}
	for i := range x {
		if !finite(x[i]) || !finite(y[i]) {
			return fmt.Errorf("correlation: value %d is not a finite number", i)
		}
	}
	return nil
}

// midRanks ranks values ascending from 1, ties sharing the mean rank.
func midRanks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case x[a] < x[b]:
			return -1
		case x[a] > x[b]:
			return 1
		}
		return 0
	})
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		mid := float64(i+1+j) / 2
		for _, k := range idx[i:j] {
			r[k] = mid
		}
		i = j
	}
	return r
}

// Correlation is a pair of correlation coefficients.
type Correlation struct {
	Pearson  float64 `json:"pearson"`
	Spearman float64 `json:"spearman"`
}

// Comparison correlates two allocations with each other and with need.
type Comparison struct {
	AB    Correlation `json:"a_b"`
	ANeed Correlation `json:"a_need"`
	BNeed Correlation `json:"b_need"`
}

// Compare correlates allocation vectors a and b (e.g. pounds per head
// under two formulas, or a formula against past competitive awards) with
// each other and with a need vector, all aligned by place.
func Compare(a, b, need []float64) (Comparison, error) {
	var c Comparison
	for _, pair := range []struct {
		out  *Correlation
		x, y []float64
		name string
	}{{&c.AB, a, b, "a and b"}, {&c.ANeed, a, need, "a and need"}, {&c.BNeed, b, need, "b and need"}} {
		var err error
		if pair.out.Pearson, err = Pearson(pair.x, pair.y); err != nil {
			return Comparison{}, fmt.Errorf("%s: %w", pair.name, err)
		}
		if pair.out.Spearman, err = Spearman(pair.x, pair.y); err != nil {
			return Comparison{}, fmt.Errorf("%s: %w", pair.name, err)
		}
	}
	return c, nil
}

// ShareToMostDeprivedFifth returns the fraction of the total amount that
// goes to the most deprived fifth of places. deprivationRank gives each
// place's rank, 1 = most deprived; the most deprived fifth is the places
// with 5·rank <= n (so ⌊n/5⌋ places, the quintile convention used with the
// English Indices of Deprivation). At least five places are needed.
func ShareToMostDeprivedFifth(amount []float64, deprivationRank []int) (float64, error) {
	n := len(amount)
	if len(deprivationRank) != n {
		return 0, fmt.Errorf("share: %d amounts but %d ranks", n, len(deprivationRank))
	}
	if n < 5 {
		return 0, errors.New("share: need at least five places")
	}
	var total, top float64
	for i, a := range amount {
		if !finite(a) || a < 0 {
			return 0, fmt.Errorf("share: amount %d is %v; amounts must be >= 0", i, a)
		}
		r := deprivationRank[i]
		if r < 1 || r > n {
			return 0, fmt.Errorf("share: rank %d is %d; ranks run from 1 to %d", i, r, n)
		}
		total += a
		if 5*r <= n {
			top += a
		}
	}
	if total == 0 {
		return 0, errors.New("share: the total amount is zero")
	}
	return top / total, nil
}

// ConcentrationIndex returns the concentration index of an amount across
// places ranked by deprivation, most deprived first:
//
//	C = (2/μ) · cov_w(h, r)
//
// where h is the amount, μ its (weighted) mean and r each place's
// fractional rank, r_i = (weight of places more deprived than i + w_i/2) /
// total weight. This is the "convenient covariance" form of the
// concentration index (Kakwani, Wagstaff and van Doorslaer, Journal of
// Econometrics 77(1), 1997, pp. 87–103; O'Donnell, van Doorslaer, Wagstaff
// and Lindelow, Analyzing Health Equity Using Household Survey Data, World
// Bank 2008, chapter 8). It lies in (−1, 1); negative means the money is
// concentrated in the more deprived places, 0 means no gradient.
//
// Pass pounds per head as amount and population as weight to measure
// concentration among people, or pounds with a nil weight to count each
// place once. Places with equal ranks are ordered by input position;
// unique ranks (as the Indices of Deprivation give) avoid this.
func ConcentrationIndex(amount, weight []float64, deprivationRank []int) (float64, error) {
	n := len(amount)
	if len(deprivationRank) != n || (weight != nil && len(weight) != n) {
		return 0, errors.New("concentration index: amounts, weights and ranks must have the same length")
	}
	if n < 2 {
		return 0, errors.New("concentration index: need at least two places")
	}
	w := weight
	if w == nil {
		w = make([]float64, n)
		for i := range w {
			w[i] = 1
		}
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return deprivationRank[a] - deprivationRank[b] })
	var W, mu float64
	for i := range n {
		if !finite(amount[i]) || !finite(w[i]) || w[i] < 0 {
			return 0, fmt.Errorf("concentration index: value %d is not a usable number", i)
		}
		W += w[i]
		mu += w[i] * amount[i]
	}
	if W <= 0 {
		return 0, errors.New("concentration index: total weight is zero")
	}
	mu /= W
	if mu == 0 {
		return 0, errors.New("concentration index: the mean amount is zero")
	}
	var cum, cov float64
	for _, i := range idx {
		r := (cum + w[i]/2) / W
		cum += w[i]
		cov += w[i] * (amount[i] - mu) * (r - 0.5)
	}
	cov /= W
	return 2 * cov / mu, nil
}

// DefaultCostPerBid is the assumed cost to a council of preparing one
// competitive bid, in pounds: a planning assumption to replace with local
// evidence where there is any.
const DefaultCostPerBid int64 = 30_000

// BiddingCost is the cost of a number of bids; a costPerBid of 0 or less
// means DefaultCostPerBid.
func BiddingCost(bids int, costPerBid int64) int64 {
	if costPerBid <= 0 {
		costPerBid = DefaultCostPerBid
	}
	return int64(bids) * costPerBid
}
