package formula

import (
	"cmp"
	"math"
	"slices"
)

// rankExact writes rank[i] = 1 + the number of places with a higher score,
// or an equal score and a lower index (places are held in area-code order,
// so ties go by code). It is what Allocate, OneAtATime and Explain use.
func rankExact(s []float64, rank []int32, idx []int32) {
	idx = idx[:len(s)]
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int {
		if c := cmp.Compare(s[b], s[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	for pos, i := range idx {
		rank[i] = int32(pos + 1)
	}
}

// ranker ranks scores from highest (rank 1) to lowest, ties by index
// (places are held in area-code order, so ties go by code), exactly as
// rankExact does but fast enough for Monte Carlo, which ranks 33,000
// places a thousand times. It is a bucket sort: each score is mapped
// monotonically to one of about n buckets spanning [min, max], the places
// are scattered into their buckets in index order, and one stable
// insertion-sort pass then orders the few places within each bucket.
type ranker struct {
	bucket []int32
	start  []int32
	idx    []int32
}

func (r *ranker) rank(s []float64, rank []int32) {
	if len(s) == 0 {
		return
	}
	lo, hi := s[0], s[0]
	for _, v := range s {
		if v < lo {
			lo = v
		}
		if v > hi {
			hi = v
		}
	}
	r.rankRange(s, lo, hi, rank)
}

// rankRange is rank for scores known to lie in [lo, hi].
func (r *ranker) rankRange(s []float64, lo, hi float64, rank []int32) {
	n := len(s)
	if n == 0 {
		return
	}
	nb := 64
	for nb < n && nb < 1<<16 {
		nb <<= 1
	}
	if cap(r.bucket) < n {
		r.bucket, r.idx = make([]int32, n), make([]int32, n)
	}
	if cap(r.start) < nb+1 {
		r.start = make([]int32, nb+1)
	}
	bucket, idx, start := r.bucket[:n], r.idx[:n], r.start[:nb+1]
	clear(start)
	scale := 0.0
	if hi > lo {
		scale = float64(nb) / (hi - lo)
		if math.IsInf(scale, 0) { // a subnormal range
			scale = 0
		}
	}
	last := int32(nb - 1)
	for i, v := range s {
		b := int32((hi - v) * scale) // the highest score goes in bucket 0
		if b > last {
			b = last
		} else if b < 0 {
			b = 0
		}
		bucket[i] = b
		start[b+1]++
	}
	for b := 1; b <= nb; b++ {
		start[b] += start[b-1]
	}
	for i, b := range bucket {
		idx[start[b]] = int32(i)
		start[b]++
	}
	// Buckets are now in order; one insertion sort finishes the job,
	// moving places only within their bucket. It is stable, so equal
	// scores keep index order. If scores are so clustered that a place
	// has to move far, fall back to a comparison sort.
	for i := 1; i < n; i++ {
		x := idx[i]
		v := s[x]
		j := i
		for j > 0 && s[idx[j-1]] < v {
			idx[j] = idx[j-1]
			j--
		}
		idx[j] = x
		if i-j > 64 {
			for k := range idx {
				idx[k] = int32(k)
			}
			slices.SortStableFunc(idx, func(a, b int32) int { return cmp.Compare(s[b], s[a]) })
			break
		}
	}
	for pos, i := range idx {
		rank[i] = int32(pos + 1)
	}
}

// spreader finds a sample's minimum, maximum and two order statistics in
// three linear passes: bin the values across [min, max], find the bins that
// hold the wanted positions, then sort just those bins' values. Monte
// Carlo calls it twice per place (pounds and ranks), so it must be cheap.
type spreader[T float32 | int32 | uint16] struct {
	counts []int32
	bins   []uint16
	s1, s2 []T
}

// spread returns min, max and the values at 0-based ascending positions
// p1 and p2 of a (p1 <= p2 < len(a)).
func (sp *spreader[T]) spread(a []T, p1, p2 int) (lo, hi, q1, q2 T) {
	lo, hi = a[0], a[0]
	for _, v := range a {
		if v < lo {
			lo = v
		}
		if v > hi {
			hi = v
		}
	}
	if lo == hi {
		return lo, hi, lo, lo
	}
	nb := min(max(len(a)/8, 16), 1<<15)
	if cap(sp.counts) < nb {
		sp.counts = make([]int32, nb)
	}
	if cap(sp.bins) < len(a) {
		sp.bins = make([]uint16, len(a))
	}
	counts, bins := sp.counts[:nb], sp.bins[:len(a)]
	clear(counts)
	flo := float64(lo)
	scale := float64(nb) / (float64(hi) - flo)
	last := nb - 1
	for i, v := range a {
		b := int((float64(v) - flo) * scale)
		if b > last {
			b = last
		}
		bins[i] = uint16(b)
		counts[b]++
	}
	b1, b2, before1, before2 := -1, -1, 0, 0
	cum := 0
	for b, c := range counts {
		next := cum + int(c)
		if b1 < 0 && next > p1 {
			b1, before1 = b, cum
		}
		if next > p2 {
			b2, before2 = b, cum
			break
		}
		cum = next
	}
	s1, s2 := sp.s1[:0], sp.s2[:0]
	for i, b := range bins {
		if int(b) == b1 {
			s1 = append(s1, a[i])
		} else if int(b) == b2 {
			s2 = append(s2, a[i])
		}
	}
	slices.Sort(s1)
	q1 = s1[p1-before1]
	if b2 == b1 {
		q2 = s1[p2-before1]
	} else {
		slices.Sort(s2)
		q2 = s2[p2-before2]
	}
	sp.s1, sp.s2 = s1, s2
	return lo, hi, q1, q2
}
