package formula

import (
	"cmp"
	"encoding/binary"
	"math"
	"slices"
)

// ranker ranks scores from highest (rank 1) to lowest, ties by index
// (places are held in area-code order, so ties go by code), exactly as
// a comparison sort would (rankExact in the tests is that sort) but fast
// enough for Monte Carlo, which ranks 33,000 places a thousand times. It
// is a bucket sort (distribution counting on a monotone quantisation of
// the score, then straight insertion; Knuth, TAOCP vol. 3, §5.2 Algorithm
// D and §5.2.1 Algorithm S): each score is mapped monotonically to one of
// about n buckets spanning [min, max], the places are scattered into their
// buckets in index order, and one stable insertion-sort pass then orders
// the few places within each bucket.
//
// Counts and the scattered indices are held as I, the type ranks are
// written as: uint16 when there are fewer than 65,536 places, as in Monte
// Carlo over 33,000. Moving two-byte indices rather than (score, index)
// pairs keeps a run's ranking in under a third of the memory (260 KiB
// rather than 850 KiB for 33,000 places, beside the scores), which measured
// about 10% faster over a whole Monte Carlo analysis, where the ranking
// competes for the cache with everything else a run does; ranked alone,
// the two were as fast.
type ranker[I rankInt] struct {
	bucket []uint16
	count  []I
	order  []I
}

// rankInt is what ranks are written as: int32, or in Monte Carlo an
// mcRank. A ranker[uint16] ranks at most 65,535 places.
type rankInt interface{ uint16 | uint32 | int32 }

// mcRank is what Monte Carlo holds ranks as: uint16 when the number of
// places allows, to halve the memory the ranks take, else uint32.
type mcRank interface{ uint16 | uint32 }

func (r *ranker[I]) rank(s []float64, rank []I) {
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
	rankTo(r, s, lo, hi, rank)
}

// rankTo is rank for scores known to lie in [lo, hi], writing ranks to
// rank, which must hold len(s).
func rankTo[I rankInt](r *ranker[I], s []float64, lo, hi float64, rank []I) {
	n := len(s)
	if n == 0 {
		return
	}
	if int(I(n)) != n {
		panic("formula: too many places to rank in the rank type")
	}
	rank = rank[:n]
	nb := 64
	for nb < n && nb < 1<<16 {
		nb <<= 1
	}
	if cap(r.bucket) < n {
		r.bucket, r.order = make([]uint16, n), make([]I, n)
	}
	if cap(r.count) < nb {
		r.count = make([]I, nb)
	}
	bucket, order, count := r.bucket[:n], r.order[:n], r.count[:nb]
	clear(count)
	// (hi − v)·scale lies in [0, nb − ½] up to rounding, so every bucket
	// is in [0, nb) without clamping; the highest score goes in bucket 0.
	scale := 0.0
	if hi > lo {
		scale = (float64(nb) - 0.5) / (hi - lo)
		if math.IsInf(scale, 0) { // a subnormal range
			scale = 0
		}
	}
	if math.IsInf(hi-lo, 0) {
		// hi − v could overflow too: put every place in bucket 0 and let
		// the comparison sort below take over.
		scale, hi = 0, 0
	}
	for i, v := range s {
		b := uint16((hi - v) * scale)
		bucket[i] = b
		count[b]++
	}
	// Exclusive prefix sums: count[b] becomes where bucket b starts.
	var sum I
	for b, c := range count {
		count[b] = sum
		sum += c
	}
	for i, b := range bucket {
		p := count[b]
		count[b] = p + 1
		order[p] = I(i)
	}
	// Buckets are now in order; one insertion sort finishes the job,
	// moving places only within their bucket. It is stable, so equal
	// scores keep index order. If scores are so clustered that a place
	// has to move far, fall back to a comparison sort.
	prev := s[order[0]] // the score at position i-1
	for i := 1; i < n; i++ {
		x := order[i]
		v := s[x]
		if prev >= v {
			prev = v
			continue
		}
		j := i
		for j > 0 && s[order[j-1]] < v {
			order[j] = order[j-1]
			j--
		}
		order[j] = x
		prev = s[order[i]]
		if i-j > 64 {
			slices.SortFunc(order, func(a, b I) int {
				if c := cmp.Compare(s[b], s[a]); c != 0 {
					return c
				}
				return cmp.Compare(a, b)
			})
			break
		}
	}
	for pos, i := range order {
		rank[i] = I(pos + 1)
	}
}

// spreader finds a sample's minimum, maximum and two order statistics in
// three linear passes: bin the values across [min, max], find the bins that
// hold the wanted positions, then sort just those bins' values. Monte
// Carlo calls it twice per place (pounds and ranks), so it must be cheap.
//
// Values are unsigned integers (ranks, and pounds as floatKey), so a bin
// is a shift of the value's offset from the minimum: the shift is the
// least that leaves at most about n/8 bins, so a bin holds eight to
// sixteen values on average (more when the values span a narrow range).
// Bins are bytes, so the last pass can test eight values' bins at once
// for either wanted bin (a SWAR byte comparison; see Anderson, "Bit
// Twiddling Hacks", "Determine if a word has a zero byte"), and so skip
// the seven in eight words that hold neither.
type spreader[T uint16 | uint32] struct {
	counts [256]int32 // indexed by a byte, so never out of range
	bins   []uint8
	s1, s2 []T
}

// maxSpreadBins is below 256 so that the byte 0xff pads bins to a whole
// number of words without matching any bin.
const maxSpreadBins = 255

// spread returns min, max and the values at 0-based ascending positions
// p1 and p2 of a (p1 <= p2 < len(a)).
func (sp *spreader[T]) spread(a []T, p1, p2 int) (lo, hi, q1, q2 T) {
	// Arithmetic is in uint32 whatever T is: uint16 arithmetic costs an
	// extension after every operation.
	ulo, uhi := uint32(a[0]), uint32(a[0])
	for _, v := range a {
		// Comparisons rather than the min and max builtins, which compile
		// to more instructions here; once the first few values are seen,
		// the branches are almost never taken.
		if u := uint32(v); u < ulo {
			ulo = u
		} else if u > uhi {
			uhi = u
		}
	}
	lo, hi = T(ulo), T(uhi)
	if lo == hi {
		return lo, hi, lo, lo
	}
	// About eight values a bin: few enough bins to count cheaply, few
	// enough values in the wanted bins to sort cheaply.
	target := uint64(min(max(len(a)/8, 16), maxSpreadBins))
	sh := 0
	for uint64(hi-lo)>>sh >= target {
		sh++
	}
	nb := int(uint64(hi-lo)>>sh) + 1
	words := (len(a) + 7) / 8
	if cap(sp.bins) < 8*words {
		sp.bins = make([]uint8, 8*words)
	}
	counts, bins := sp.counts[:nb], sp.bins[:8*words]
	clear(counts)
	for i := len(a); i < len(bins); i++ {
		bins[i] = 0xff
	}
	sh &= 31 // sh < 32 already; saying so spares the shift its range check
	all, vb := &sp.counts, bins[:len(a)]
	for i, v := range a {
		b := uint8((uint32(v) - ulo) >> sh)
		vb[i] = b
		all[b]++
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
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	pat1, pat2 := ones*uint64(b1), ones*uint64(b2)
	s1, s2 := sp.s1[:0], sp.s2[:0]
	for wd := range words {
		i := wd * 8
		x := binary.LittleEndian.Uint64(bins[i : i+8])
		y1, y2 := x^pat1, x^pat2
		// Non-zero exactly when some byte of y1 or y2 is zero.
		if ((y1-ones)&^y1|(y2-ones)&^y2)&highs == 0 {
			continue
		}
		for k, b := range bins[i : i+8] {
			if int(b) == b1 {
				s1 = append(s1, a[i+k])
			} else if int(b) == b2 {
				s2 = append(s2, a[i+k])
			}
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

// floatKey maps a float32 to a uint32 in the same order (−0 before +0;
// NaNs, which Monte Carlo never holds, at the ends), so that pounds can be
// binned and compared as integers. fromFloatKey inverts it.
func floatKey(v float32) uint32 {
	b := math.Float32bits(v)
	return b ^ (uint32(int32(b)>>31) | 1<<31)
}

func fromFloatKey(k uint32) float32 {
	return math.Float32frombits(k ^ (^uint32(int32(k)>>31) | 1<<31))
}
