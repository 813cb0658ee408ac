package stats

import (
	"cmp"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// The all-pairs neighbour search: an approximate float32 pass over tiles that
// keeps a few spare candidates per area, then an exact float64 pass over the
// candidates with a proof that nothing outside them can be closer.

const (
	kernRows  = 12 // rows per kernel call
	kernCols  = 16 // columns per kernel call (one packed panel)
	kernWords = kernRows * kernCols / 64
	tileSize  = 240 // tile edge: a multiple of kernRows and kernCols
	// spareCandidates is how many candidates beyond k each area keeps in
	// the approximate pass, so that rounding in float32 cannot push a true
	// neighbour out of the candidate set unnoticed.
	spareCandidates = 6
)

// useTiles can be switched off (by tests) to force the exact scan.
var useTiles = true

// exactFallbacks counts areas whose candidate set could not be proved
// complete and were rescanned exactly (read by tests and benchmarks).
var exactFallbacks atomic.Int64

// kernelFunc computes, for kernRows rows of a (stride m) against one packed
// panel of kernCols columns, the approximate squared distances
// (na + nb) − 2·a·b into out (row-major kernRows×kernCols), and sets bit
// r*kernCols+l of the mask (64 bits per word) when the distance is ≤ the
// row's threshold thr[r] or the column's threshold thrc[l].
type kernelFunc func(a, panel []float32, m int, na, nb, thr, thrc []float32, out *[kernRows * kernCols]float32) [kernWords]uint64

// kernel is the implementation in use: an AVX-512 or AVX2/FMA assembly
// kernel where the CPU has one, the portable Go kernel otherwise.
var kernel kernelFunc = kernelGo

// kernelName names the kernel in use, for benchmark reports.
var kernelName = "go"

// namedKernel pairs a kernel with its name (for tests and benchmarks).
type namedKernel struct {
	name string
	fn   kernelFunc
}

// kernelGo is the portable kernel: plain float32 dot products.
func kernelGo(a, panel []float32, m int, na, nb, thr, thrc []float32, out *[kernRows * kernCols]float32) (mask [kernWords]uint64) {
	for r := range kernRows {
		ar := a[r*m : r*m+m]
		var acc [kernCols]float32
		for k, x := range ar {
			p := (*[kernCols]float32)(panel[k*kernCols:])
			for l := range acc {
				acc[l] += x * p[l]
			}
		}
		for l := range kernCols {
			d := (na[r] + nb[l]) - 2*acc[l]
			out[r*kernCols+l] = d
			if d <= thr[r] || d <= thrc[l] {
				b := r*kernCols + l
				mask[b/64] |= 1 << (b % 64)
			}
		}
	}
	return mask
}

// tiledState is the read-only data shared by the workers. Areas are held in
// "positions": the order of localityOrder, so that a tile tends to hold
// similar areas; perm maps a position back to the area's index.
type tiledState struct {
	n, m, nPad int
	kp         int       // candidate list capacity: k + spareCandidates
	perm       []int     // position → area index
	a          []float32 // nPad×m row-major z-scores, by position
	panels     []float32 // packed columns: panel p holds positions 16p…16p+15 dimension-major
	norms      []float32 // ‖a‖² by position, +Inf for padding
	// boxLo and boxHi are each block's lowest and highest score on the
	// first principal axis; epsMax bounds |approximate − exact| for any pair.
	boxLo, boxHi []float64
	epsMax       float64
}

// heaps holds every position's bounded candidate list: a sorted array used
// as a fixed-size max-heap (its last entry is the worst kept, the rejection
// threshold). Tiles that run at the same time never share a position (see
// schedule), so no locking is needed. An entry is a uint64 key: an order-preserving encoding of the float32
// distance in the high half and the candidate's position in the low half,
// so comparing keys compares (distance, position) in one instruction.
type heaps struct {
	st   *tiledState
	keys []uint64  // nPad×kp: each position's candidates, best first
	size []int32   // entries in use per position
	thr  []float32 // the worst kept distance once a list is full; +Inf before
}

// negInfCols are the column thresholds for diagonal tiles, where only the
// row side is credited: no distance is ≤ −Inf.
var negInfCols = func() []float32 {
	s := make([]float32, kernCols)
	for i := range s {
		s[i] = float32(math.Inf(-1))
	}
	return s
}()

func newHeaps(st *tiledState) *heaps {
	h := &heaps{
		st:   st,
		keys: make([]uint64, st.nPad*st.kp),
		size: make([]int32, st.nPad),
		thr:  make([]float32, st.nPad),
	}
	inf, ninf := float32(math.Inf(1)), float32(math.Inf(-1))
	for i := range h.thr {
		if i < st.n {
			h.thr[i] = inf
		} else {
			h.thr[i] = ninf // padding never accepts candidates
		}
	}
	return h
}

// distKey maps a float32 to a uint32 with the same order (negative values,
// which rounding can produce for coincident areas, included).
func distKey(d float32) uint64 {
	b := math.Float32bits(d)
	if b>>31 != 0 {
		b = ^b
	} else {
		b |= 1 << 31
	}
	return uint64(b)
}

// keyDist inverts distKey.
func keyDist(k uint64) float32 {
	b := uint32(k >> 32)
	if b>>31 != 0 {
		b &^= 1 << 31
	} else {
		b = ^b
	}
	return math.Float32frombits(b)
}

// offer proposes position j as a candidate for position i at approximate
// distance d. Each list is kept sorted by insertion from the end: with a
// couple of dozen entries this moves a few words in a loop with one
// predictable branch. (It measured slightly faster than a binary max-heap,
// whose sift comparisons are unpredictable, and is simpler.)
func (h *heaps) offer(i int, d float32, j int) {
	kp := h.st.kp
	list := h.keys[i*kp : i*kp+kp]
	key := distKey(d)<<32 | uint64(j)
	s := int(h.size[i])
	if s == kp {
		if key >= list[kp-1] {
			return
		}
		s-- // the worst entry drops off the end
	} else {
		h.size[i]++
	}
	c := s
	for c > 0 && list[c-1] > key {
		list[c] = list[c-1]
		c--
	}
	list[c] = key
	if int(h.size[i]) == kp {
		h.thr[i] = keyDist(list[kp-1])
	}
}

// tile processes position block bi against block bj (bi ≤ bj). An
// off-diagonal tile credits each pair to both positions; a diagonal tile
// sees every ordered pair and credits only the row's position.
func (h *heaps) tile(bi, bj int, out *[kernRows * kernCols]float32) {
	st := h.st
	m, n := st.m, st.n
	diag := bi == bj
	if !diag && h.farApart(bi, bj) {
		return
	}
	r0, c0 := bi*tileSize, bj*tileSize
	for p := c0 / kernCols; p < (c0+tileSize)/kernCols; p++ {
		j0 := p * kernCols
		panel := st.panels[j0*m : (j0+kernCols)*m]
		nb := st.norms[j0 : j0+kernCols]
		thrc := negInfCols
		if !diag {
			thrc = h.thr[j0 : j0+kernCols]
		}
		for i0 := r0; i0 < r0+tileSize; i0 += kernRows {
			masks := kernel(st.a[i0*m:(i0+kernRows)*m], panel, m,
				st.norms[i0:i0+kernRows], nb, h.thr[i0:i0+kernRows], thrc, out)
			if masks == ([kernWords]uint64{}) {
				continue
			}
			for w, word := range masks {
				for mask := word; mask != 0; mask &= mask - 1 {
					b := w*64 + bits.TrailingZeros64(mask)
					r, l := b/kernCols, b%kernCols
					i, j := i0+r, j0+l
					if i >= n || j >= n || i == j {
						continue
					}
					d := out[r*kernCols+l]
					if d <= h.thr[i] {
						h.offer(i, d, j)
					}
					if !diag && d <= h.thr[j] {
						h.offer(j, d, i)
					}
				}
			}
		}
	}
}

// farApart reports whether no pair in tile (bi, bj) can enter any heap of
// the two blocks. Projection onto a unit vector does not lengthen vectors,
// so the squared distance of any pair is at least the squared gap between
// the blocks' ranges of principal-axis scores. If that bound, less the
// float32 error bound, exceeds every current threshold of both blocks, each
// pair's approximate distance would exceed its thresholds, so skipping the
// tile is the same as letting the kernel reject every pair.
func (h *heaps) farApart(bi, bj int) bool {
	st := h.st
	lo1, hi1, lo2, hi2 := st.boxLo[bi], st.boxHi[bi], st.boxLo[bj], st.boxHi[bj]
	// Allow for rounding in the scores.
	gap := max(lo2-hi1, lo1-hi2) - 1e-9*(math.Abs(lo1)+math.Abs(hi1)+math.Abs(lo2)+math.Abs(hi2)+1)
	if !(gap > 0) {
		return false
	}
	lb := gap*gap - st.epsMax
	if !(lb > 0) {
		return false
	}
	for _, b := range [2]int{bi, bj} {
		for _, t := range h.thr[b*tileSize : b*tileSize+tileSize] {
			if !(lb > float64(t)) {
				return false
			}
		}
	}
	farTiles.Add(1)
	return true
}

// farTiles counts tiles skipped by farApart (read by tests and benchmarks).
var farTiles atomic.Int64

// tiledNeighbours fills out[i] with the k nearest neighbours of every row
// of z (n×m float64 z-scores).
func tiledNeighbours(z []float64, n, m, k int, out [][]Neighbour) {
	nPad := (n + tileSize - 1) / tileSize * tileSize
	st := &tiledState{n: n, m: m, nPad: nPad, kp: k + spareCandidates}
	var scores []float64
	st.perm, scores = localityOrder(z, n, m)
	st.a = make([]float32, nPad*m)
	for p, i := range st.perm {
		for c := range m {
			st.a[p*m+c] = float32(z[i*m+c])
		}
	}
	st.norms = make([]float32, nPad)
	norm64 := make([]float64, n) // by area
	maxNorm := 0.0
	for p := range nPad {
		if p >= n {
			st.norms[p] = float32(math.Inf(1))
			continue
		}
		i := st.perm[p]
		var s32, s64 float64
		for c := range m {
			v := float64(st.a[p*m+c])
			s32 += v * v
			s64 += z[i*m+c] * z[i*m+c]
		}
		st.norms[p] = float32(s32)
		norm64[i] = s64
		maxNorm = math.Max(maxNorm, s64)
	}
	epsCoef := errorBoundCoef(m)
	st.epsMax = epsCoef * 2 * maxNorm
	blocks := nPad / tileSize
	st.boxLo = make([]float64, blocks)
	st.boxHi = make([]float64, blocks)
	for b := range blocks {
		// scores are sorted, so a block's range is its first and last.
		st.boxLo[b], st.boxHi[b] = scores[b*tileSize], scores[min(n, (b+1)*tileSize)-1]
	}
	// Pack columns dimension-major in panels of 16, so the kernel reads one
	// contiguous 16-wide vector per dimension.
	st.panels = make([]float32, nPad*m)
	for p := range nPad / kernCols {
		for c := range m {
			for l := range kernCols {
				st.panels[p*kernCols*m+c*kernCols+l] = st.a[(p*kernCols+l)*m+c]
			}
		}
	}

	h := newHeaps(st)
	for _, round := range schedule(blocks) {
		runRound(h, round)
	}

	// Exact pass: recompute the candidates' distances by the definition, keep
	// the k best, and prove that no other area could beat them.
	parallelRows(n, func(p int) {
		i := st.perm[p]
		s := int(h.size[p])
		cands := make([]cand, s)
		for t := range s {
			cands[t].j = st.perm[int(uint32(h.keys[p*st.kp+t]))]
		}
		exactDistances(z, m, i, cands)
		sortCands(cands)
		// A list that never filled rejected nothing: its candidates are
		// every other area and need no proof.
		if s == st.kp && !provenComplete(cands[k-1].d, float64(keyDist(h.keys[p*st.kp+st.kp-1])), norm64[i], maxNorm, epsCoef) {
			exactFallbacks.Add(1)
			out[i] = exactNeighbours(z, n, m, i, k)
			return
		}
		out[i] = finish(cands[:k])
	})
}

// errorBoundCoef returns c such that c·(‖a‖² + ‖b‖²) bounds the difference
// between the kernel's approximate squared distance and the exact one for
// any pair, with u = 2⁻²⁴ the float32 unit roundoff: rounding the inputs to
// float32 moves the squared distance by at most about 4u(‖a‖² + ‖b‖²); an
// m-term float32 dot product errs by at most m·u·(‖a‖² + ‖b‖²)/2, doubled in
// 2a·b; the two norms, their sum and the final subtraction add about 4u
// more; and the float64 definition itself is within m·2⁻⁵³ relative. That is
// (m + 8)u in all; the constant used, (2m + 16)u, doubles it for safety.
func errorBoundCoef(m int) float64 {
	return float64(2*m+16) * 0x1p-24
}

// exactDistances fills cs[t].d with the defining squared distance from area
// i to area cs[t].j. Four candidates are summed side by side: each sum keeps
// its own column order (so the values are bit-identical to sqDist), while
// the independent loads let the CPU fetch four scattered rows at once.
func exactDistances(z []float64, m, i int, cs []cand) {
	zi := z[i*m : i*m+m]
	t := 0
	for ; t+4 <= len(cs); t += 4 {
		a := z[cs[t].j*m : cs[t].j*m+m]
		b := z[cs[t+1].j*m : cs[t+1].j*m+m]
		c := z[cs[t+2].j*m : cs[t+2].j*m+m]
		d := z[cs[t+3].j*m : cs[t+3].j*m+m]
		var sa, sb, sc, sd float64
		for q, x := range zi {
			ta, tb, tc, td := x-a[q], x-b[q], x-c[q], x-d[q]
			sa += float64(ta * ta) // conversions: no FMA, as in sqDist
			sb += float64(tb * tb)
			sc += float64(tc * tc)
			sd += float64(td * td)
		}
		cs[t].d, cs[t+1].d, cs[t+2].d, cs[t+3].d = sa, sb, sc, sd
	}
	for ; t < len(cs); t++ {
		cs[t].d = sqDist(zi, z[cs[t].j*m:cs[t].j*m+m])
	}
}

// localityOrder returns the areas sorted by their score on the first
// principal axis of z (ties by index), and the sorted scores. Areas close
// in that order tend to be close in the full space, so blocks near the
// diagonal of the tile grid hold good candidates, which the schedule
// processes first; heaps then tighten early, after which far tiles are
// rejected whole (farApart) or inside the kernel. (A k-d ordering on several
// axes was tried: with tens of indicators its cells are too wide to reject
// more tiles.) The order only affects speed, never results.
func localityOrder(z []float64, n, m int) (perm []int, scores []float64) {
	raw := make([]float64, n)
	if axes := principalAxes(z, n, m, 1); len(axes) == 1 {
		v := axes[0]
		for i := range n {
			var s float64
			for c, x := range z[i*m : i*m+m] {
				s += x * v[c]
			}
			raw[i] = s
		}
	}
	perm = make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	slices.SortFunc(perm, func(a, b int) int {
		if c := cmp.Compare(raw[a], raw[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	scores = make([]float64, n)
	for p, i := range perm {
		scores[p] = raw[i]
	}
	return perm, scores
}

// principalAxes returns up to k orthonormal leading eigenvectors of the
// covariance of z, estimated from at most 4096 evenly spaced rows by power
// iteration with deflation. Precision is not needed: any orthonormal axes
// give valid bounds, and better ones only give tighter bounds.
func principalAxes(z []float64, n, m, k int) [][]float64 {
	step := max(1, n/4096)
	cov := make([]float64, m*m)
	for i := 0; i < n; i += step {
		zi := z[i*m : i*m+m]
		for a, x := range zi {
			if x == 0 {
				continue
			}
			row := cov[a*m : a*m+m]
			for b, y := range zi {
				row[b] += x * y
			}
		}
	}
	var axes [][]float64
	w := make([]float64, m)
	for a := range k {
		v := make([]float64, m)
		for c := range v {
			v[c] = float64(1 + (c*7+a*3)%5)
		}
		for range 30 {
			orthonormalise(v, axes)
			for r := range m {
				var s float64
				for c, x := range cov[r*m : r*m+m] {
					s += x * v[c]
				}
				w[r] = s
			}
			copy(v, w)
		}
		if !orthonormalise(v, axes) {
			break
		}
		axes = append(axes, v)
	}
	return axes
}

// orthonormalise makes v orthogonal to the (orthonormal) axes and scales it
// to unit length; it reports false if nothing is left.
func orthonormalise(v []float64, axes [][]float64) bool {
	for range 2 { // twice, for numerical orthogonality
		for _, u := range axes {
			var d float64
			for c := range v {
				d += v[c] * u[c]
			}
			for c := range v {
				v[c] -= d * u[c]
			}
		}
	}
	var norm float64
	for _, x := range v {
		norm += x * x
	}
	if !(norm > 1e-300) {
		return false
	}
	norm = math.Sqrt(norm)
	for c := range v {
		v[c] /= norm
	}
	return true
}

// tilePos is a tile: row block bi against column block bj.
type tilePos struct{ bi, bj int }

// schedule orders the tiles (bi ≤ bj) of a blocks×blocks grid into rounds
// whose tiles touch pairwise disjoint blocks, so a round's tiles can run in
// parallel on shared heaps. Round 0 is the diagonal; then, for each offset
// d = 1, 2, …, the tiles (b, b+d) split into two rounds by the parity of
// ⌊b/d⌋ (tile (b, b+d) touches b and b+d, and b+d is the first block of the
// next group). Working outwards from the diagonal means that, when similar
// areas sit in nearby blocks, heaps fill with good candidates early and later
// tiles are mostly rejected in the kernel.
func schedule(blocks int) [][]tilePos {
	var rounds [][]tilePos
	diag := make([]tilePos, blocks)
	for b := range blocks {
		diag[b] = tilePos{b, b}
	}
	rounds = append(rounds, diag)
	for d := 1; d < blocks; d++ {
		var even, odd []tilePos
		for b := 0; b+d < blocks; b++ {
			if (b/d)%2 == 0 {
				even = append(even, tilePos{b, b + d})
			} else {
				odd = append(odd, tilePos{b, b + d})
			}
		}
		for _, r := range [][]tilePos{even, odd} {
			if len(r) > 0 {
				rounds = append(rounds, r)
			}
		}
	}
	return rounds
}

// runRound processes one round's tiles on up to runtime.NumCPU() goroutines.
func runRound(h *heaps, round []tilePos) {
	nw := min(runtime.NumCPU(), len(round))
	if nw <= 1 {
		var out [kernRows * kernCols]float32
		for _, t := range round {
			h.tile(t.bi, t.bj, &out)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range nw {
		wg.Go(func() {
			var out [kernRows * kernCols]float32
			for {
				t := int(next.Add(1)) - 1
				if t >= len(round) {
					return
				}
				h.tile(round[t].bi, round[t].bj, &out)
			}
		})
	}
	wg.Wait()
}

// provenComplete reports whether every area left out of the candidate set
// is strictly farther than ek, the k-th exact squared distance. Every such
// area b has approximate distance ≥ dStar, so its exact distance is at least
// dStar − c(Nᵢ + N_b), where N are squared norms; by the triangle inequality
// it is also at least (√N_b − √Nᵢ)². With N* defined by
// dStar − c(Nᵢ + N*) = ek, the first bound is strict for N_b < N* and the
// second, when √N* > √Nᵢ, for N_b ≥ N*.
func provenComplete(ek, dStar, ni, maxN, c float64) bool {
	slack := dStar - ek
	if !(slack > 0) {
		return false
	}
	nStar := slack/c - ni
	if nStar > maxN {
		return true
	}
	if nStar <= ni {
		return false
	}
	g := math.Sqrt(nStar) - math.Sqrt(ni)
	return g*g > ek*(1+1e-9)+1e-300
}
