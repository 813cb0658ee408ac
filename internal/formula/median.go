package formula

import (
	"math/bits"
	"slices"
)

// medianOf returns the median of a (the mean of the middle two when len(a)
// is even), reordering a. It selects rather than sorts: Monte Carlo and
// every allocation prepare each component, and sorting 33,000 values per
// component was most of that. a must hold no NaN and at least one value.
func medianOf(a []float64) float64 {
	h := len(a) / 2
	m := selectKth(a, h)
	if len(a)%2 == 1 {
		return m
	}
	// Selection leaves the h smallest values before position h.
	return (slices.Max(a[:h]) + m) / 2
}

// selectKth reorders a so that a[k] is the value a sorted copy would hold
// there, every value before it <= a[k] and every value after it >= a[k],
// and returns a[k]. It is quickselect (Hoare, "Algorithm 65: Find", CACM
// 1961) with a median-of-three pivot, sorting what is left after 2·log₂n+8
// partitions, so the worst case stays O(n log n).
func selectKth(a []float64, k int) float64 {
	lo, hi := 0, len(a)-1
	budget := 2*bits.Len(uint(len(a))) + 8
	for hi-lo > 16 {
		if budget--; budget < 0 {
			break
		}
		mid := lo + (hi-lo)/2
		// Order a[lo], a[mid], a[hi]; the median of the three is the pivot,
		// and a[lo] <= pivot <= a[hi] stop the scans below at the ends.
		if a[mid] < a[lo] {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if a[hi] < a[lo] {
			a[hi], a[lo] = a[lo], a[hi]
		}
		if a[hi] < a[mid] {
			a[hi], a[mid] = a[mid], a[hi]
		}
		pivot := a[mid]
		i, j := lo, hi
		for i <= j {
			for a[i] < pivot {
				i++
			}
			for a[j] > pivot {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		// Now a[lo..j] <= pivot <= a[i..hi], and any values between j and
		// i equal the pivot.
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return a[k]
		}
	}
	slices.Sort(a[lo : hi+1])
	return a[k]
}
