package stats

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// AssignQuantiles places each value in one of nq quantiles (1…nq) using the
// rank method of the OHID technical guidance ("Assigning deprivation
// categories"), exactly as PHEindicatormethods' phe_quantile does. It is a
// rank formula, not a sample-quantile estimator such as R's quantile() types:
//
//	quantile = ⌊nq + 1 − ⌈(N + 1 − r) / (N/nq)⌉⌋, and 0 becomes 1
//
// where N is the number of non-missing values and r a value's rank (ties take
// the lowest rank). With invert false, rank 1 is the lowest value, so the
// lowest values fall in quantile 1; with invert true ranks run from the
// highest value down (the R default), so the highest values fall in
// quantile 1. Tied values always share a quantile, so quantiles can be
// unequal in size; the guidance advises manual review when ties straddle a
// boundary.
//
// Missing (NaN) values get quantile 0 (unassigned). When N < nq no quantile
// can be formed: every result is 0 and tooFew is true — the R package warns
// in that case rather than failing, so this is not an error. nq < 1 or an
// infinite value is an error.
func AssignQuantiles(values []float64, nq int, invert bool) (quantiles []int, tooFew bool, err error) {
	if nq < 1 {
		return nil, false, fmt.Errorf("stats: AssignQuantiles: %d quantiles: %w", nq, ErrInvalid)
	}
	for i, v := range values {
		if math.IsInf(v, 0) {
			return nil, false, fmt.Errorf("stats: AssignQuantiles: value %d is %v: %w", i, v, ErrInvalid)
		}
	}
	quantiles = make([]int, len(values))
	tooFew = assignQuantiles(values, nq, invert, quantiles)
	return quantiles, tooFew, nil
}

// assignQuantiles fills out (len(values)) and reports whether the group had
// too few values.
func assignQuantiles(values []float64, nq int, invert bool, out []int) (tooFew bool) {
	// Inverting uses max − value, as the R code does, rather than negating:
	// the subtraction can merge values that differ only in the last bits,
	// and matching that keeps ties identical to the reference output.
	maxV := math.Inf(-1)
	n := 0
	for _, v := range values {
		if !isMissing(v) {
			n++
			maxV = math.Max(maxV, v)
		}
	}
	if n == 0 || n < nq {
		return n < nq
	}
	type ranked struct {
		adj float64
		i   int
	}
	rs := make([]ranked, 0, n)
	for i, v := range values {
		if isMissing(v) {
			continue
		}
		if invert {
			v = maxV - v
		}
		rs = append(rs, ranked{v, i})
	}
	slices.SortFunc(rs, func(a, b ranked) int { return cmp.Compare(a.adj, b.adj) })
	// Same floating-point steps as the R expression, so that values on a
	// quantile boundary land on the same side.
	width := float64(n) / float64(nq)
	rank := 0
	for pos, r := range rs {
		if pos == 0 || r.adj != rs[pos-1].adj {
			rank = pos + 1 // ties.method = "min"
		}
		q := int(math.Floor(float64(nq+1) - math.Ceil((float64(n+1)-float64(rank))/width)))
		if q == 0 {
			q = 1
		}
		out[r.i] = q
	}
	return false
}

// AssignQuantilesGrouped applies AssignQuantiles separately within each
// group (groups[i] names the group of values[i], for example a region), with
// invert[i] giving the direction for that row. All rows of a group must have
// the same invert flag, as PHEindicatormethods requires; otherwise the
// function returns an error wrapping ErrInconsistent. tooFew lists, in order
// of first appearance, the groups that had fewer non-missing values than nq.
func AssignQuantilesGrouped(values []float64, groups []string, invert []bool, nq int) (quantiles []int, tooFew []string, err error) {
	if len(groups) != len(values) || len(invert) != len(values) {
		return nil, nil, fmt.Errorf("stats: AssignQuantilesGrouped: %d values, %d groups, %d invert flags: %w",
			len(values), len(groups), len(invert), ErrLength)
	}
	if nq < 1 {
		return nil, nil, fmt.Errorf("stats: AssignQuantilesGrouped: %d quantiles: %w", nq, ErrInvalid)
	}
	members := map[string][]int{}
	var order []string
	for i, g := range groups {
		if math.IsInf(values[i], 0) {
			return nil, nil, fmt.Errorf("stats: AssignQuantilesGrouped: value %d is %v: %w", i, values[i], ErrInvalid)
		}
		if _, ok := members[g]; !ok {
			order = append(order, g)
		} else if invert[members[g][0]] != invert[i] {
			return nil, nil, fmt.Errorf("stats: AssignQuantilesGrouped: group %q mixes invert true and false: %w", g, ErrInconsistent)
		}
		members[g] = append(members[g], i)
	}
	quantiles = make([]int, len(values))
	for _, g := range order {
		rows := members[g]
		vals := make([]float64, len(rows))
		for j, i := range rows {
			vals[j] = values[i]
		}
		out := make([]int, len(rows))
		if assignQuantiles(vals, nq, invert[rows[0]], out) {
			tooFew = append(tooFew, g)
		}
		for j, i := range rows {
			quantiles[i] = out[j]
		}
	}
	return quantiles, tooFew, nil
}

// QuantileBands assigns quantiles so that band 1 is always the worst band:
// for HigherIsBetter the lowest values, for LowerIsBetter the highest. With
// NoPolarity band 1 holds the lowest values. This is how Fingertips maps an
// indicator's polarity ("RAG - Low is good" → invert) onto phe_quantile.
func QuantileBands(values []float64, nq int, pol Polarity) (bands []int, tooFew bool, err error) {
	if err := pol.validate("QuantileBands"); err != nil {
		return nil, false, err
	}
	return AssignQuantiles(values, nq, pol == LowerIsBetter)
}

// Quintiles is QuantileBands with five bands.
func Quintiles(values []float64, pol Polarity) ([]int, bool, error) {
	return QuantileBands(values, 5, pol)
}

// Quartiles is QuantileBands with four bands.
func Quartiles(values []float64, pol Polarity) ([]int, bool, error) {
	return QuantileBands(values, 4, pol)
}

// Deciles is QuantileBands with ten bands.
func Deciles(values []float64, pol Polarity) ([]int, bool, error) {
	return QuantileBands(values, 10, pol)
}
