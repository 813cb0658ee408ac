package stats

import (
	"math"
	"math/bits"
	"runtime"
	"sync"
	"sync/atomic"
)

// The all-pairs neighbour search: an approximate float32 pass over tiles that
// keeps a few spare candidates per area, then an exact float64 pass over the
// candidates with a proof that nothing outside them can be closer.

const (
	kernRows = 6   // rows per kernel call
	kernCols = 16  // columns per kernel call (one packed panel)
	tileSize = 240 // tile edge: a multiple of kernRows and kernCols
	// spareCandidates is how many candidates beyond k each area keeps in
	// the approximate pass, so that rounding in float32 cannot push a true
	// neighbour out of the candidate set unnoticed.
	spareCandidates = 8
)

// useTiles can be switched off (by tests) to force the exact scan.
var useTiles = true

// kernelFunc computes, for kernRows rows of a (stride m) against one packed
// panel of kernCols columns, the approximate squared distances
// (na + nb) − 2·a·b into out (row-major 6×16), and returns bit r*16+l
// (rows 0-3 in lo, rows 4-5 in hi) set when the distance is ≤ the row's
// threshold thr[r] or the column's threshold thrc[l].
type kernelFunc func(a, panel []float32, m int, na, nb, thr, thrc []float32, out *[kernRows * kernCols]float32) (lo, hi uint64)

// kernel is the implementation in use: the AVX2/FMA assembly kernel where
// the CPU has it, the portable Go kernel otherwise.
var kernel kernelFunc = kernelGo

// kernelGo is the portable kernel: plain float32 dot products.
func kernelGo(a, panel []float32, m int, na, nb, thr, thrc []float32, out *[kernRows * kernCols]float32) (lo, hi uint64) {
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
				b := uint(r*kernCols + l)
				if r < 4 {
					lo |= 1 << b
				} else {
					hi |= 1 << (b - 64)
				}
			}
		}
	}
	return lo, hi
}

// tiledState is the read-only data shared by the workers.
type tiledState struct {
	n, m, nPad int
	kp         int       // heap capacity: k + spareCandidates
	a          []float32 // nPad×m row-major z-scores
	panels     []float32 // packed columns: panel p holds rows 16p…16p+15 dimension-major
	norms      []float32 // ‖a_i‖², +Inf for padding rows
}

// nbWorker holds one goroutine's private candidate heaps, one per area.
type nbWorker struct {
	st   *tiledState
	dist []float32 // nPad×kp: heap entries, root (worst) first
	idx  []int32
	size []int32
	thr  []float32 // the root distance once a heap is full; +Inf before
	out  [kernRows * kernCols]float32
}

var negInfCols = func() []float32 {
	s := make([]float32, kernCols)
	for i := range s {
		s[i] = float32(math.Inf(-1))
	}
	return s
}()

func newWorker(st *tiledState) *nbWorker {
	w := &nbWorker{
		st:   st,
		dist: make([]float32, st.nPad*st.kp),
		idx:  make([]int32, st.nPad*st.kp),
		size: make([]int32, st.nPad),
		thr:  make([]float32, st.nPad),
	}
	inf, ninf := float32(math.Inf(1)), float32(math.Inf(-1))
	for i := range w.thr {
		if i < st.n {
			w.thr[i] = inf
		} else {
			w.thr[i] = ninf // padding never accepts candidates
		}
	}
	return w
}

// offer proposes j as a candidate for area i at approximate distance d.
func (w *nbWorker) offer(i int, d float32, j int32) {
	kp := w.st.kp
	h := w.dist[i*kp : i*kp+kp]
	hi := w.idx[i*kp : i*kp+kp]
	s := int(w.size[i])
	if s < kp {
		c := s
		for c > 0 {
			p := (c - 1) / 2
			if h[p] > d || (h[p] == d && hi[p] > j) {
				break
			}
			h[c], hi[c] = h[p], hi[p]
			c = p
		}
		h[c], hi[c] = d, j
		w.size[i]++
		if s+1 == kp {
			w.thr[i] = h[0]
		}
		return
	}
	if !(d < h[0] || (d == h[0] && j < hi[0])) {
		return
	}
	c := 0
	for {
		l := 2*c + 1
		if l >= kp {
			break
		}
		if r := l + 1; r < kp && (h[r] > h[l] || (h[r] == h[l] && hi[r] > hi[l])) {
			l = r
		}
		if d > h[l] || (d == h[l] && j > hi[l]) {
			break
		}
		h[c], hi[c] = h[l], hi[l]
		c = l
	}
	h[c], hi[c] = d, j
	w.thr[i] = h[0]
}

// tile processes rows of block bi against columns of block bj (bi ≤ bj).
// An off-diagonal tile credits each pair to both areas; a diagonal tile
// sees every ordered pair and credits only the row's area.
func (w *nbWorker) tile(bi, bj int) {
	st := w.st
	m, n := st.m, st.n
	diag := bi == bj
	r0, c0 := bi*tileSize, bj*tileSize
	for p := c0 / kernCols; p < (c0+tileSize)/kernCols; p++ {
		j0 := p * kernCols
		panel := st.panels[j0*m : (j0+kernCols)*m]
		nb := st.norms[j0 : j0+kernCols]
		thrc := negInfCols
		if !diag {
			thrc = w.thr[j0 : j0+kernCols]
		}
		for i0 := r0; i0 < r0+tileSize; i0 += kernRows {
			lo, hi := kernel(st.a[i0*m:(i0+kernRows)*m], panel, m,
				st.norms[i0:i0+kernRows], nb, w.thr[i0:i0+kernRows], thrc, &w.out)
			for _, part := range [2]struct {
				mask uint64
				row  int
			}{{lo, 0}, {hi, 4}} {
				for mask := part.mask; mask != 0; mask &= mask - 1 {
					b := bits.TrailingZeros64(mask)
					r, l := part.row+b/kernCols, b%kernCols
					i, j := i0+r, j0+l
					if i >= n || j >= n || i == j {
						continue
					}
					d := w.out[r*kernCols+l]
					if d <= w.thr[i] {
						w.offer(i, d, int32(j))
					}
					if !diag && d <= w.thr[j] {
						w.offer(j, d, int32(i))
					}
				}
			}
		}
	}
}

// tiledNeighbours fills out[i] with the k nearest neighbours of every row
// of z (n×m float64 z-scores).
func tiledNeighbours(z []float64, n, m, k int, out [][]Neighbour) {
	nPad := (n + tileSize - 1) / tileSize * tileSize
	st := &tiledState{n: n, m: m, nPad: nPad, kp: k + spareCandidates}
	st.a = make([]float32, nPad*m)
	for i, v := range z {
		st.a[i] = float32(v)
	}
	st.norms = make([]float32, nPad)
	norm64 := make([]float64, n)
	maxNorm := 0.0
	for i := range nPad {
		if i >= n {
			st.norms[i] = float32(math.Inf(1))
			continue
		}
		var s32, s64 float64
		for c := range m {
			v := float64(st.a[i*m+c])
			s32 += v * v
			s64 += z[i*m+c] * z[i*m+c]
		}
		st.norms[i] = float32(s32)
		norm64[i] = s64
		maxNorm = math.Max(maxNorm, s64)
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

	blocks := nPad / tileSize
	type tilePos struct{ bi, bj int }
	tiles := make([]tilePos, 0, blocks*(blocks+1)/2)
	for bi := range blocks {
		for bj := bi; bj < blocks; bj++ {
			tiles = append(tiles, tilePos{bi, bj})
		}
	}
	nw := max(1, min(runtime.NumCPU(), len(tiles)))
	workers := make([]*nbWorker, nw)
	var next atomic.Int64
	var wg sync.WaitGroup
	for wi := range workers {
		w := newWorker(st)
		workers[wi] = w
		wg.Go(func() {
			for {
				t := int(next.Add(1)) - 1
				if t >= len(tiles) {
					return
				}
				w.tile(tiles[t].bi, tiles[t].bj)
			}
		})
	}
	wg.Wait()

	// Exact pass. epsCoef·(‖a‖² + ‖b‖²) bounds |approximate − exact| for a
	// pair: float32 rounding of the inputs contributes about 4u(‖a‖²+‖b‖²),
	// the m-term float32 dot product m·u/2·(‖a‖²+‖b‖²)·2 and the norms and
	// final subtraction about 4u more (u = 2⁻²⁴); the constant doubles that.
	epsCoef := float64(2*m+16) * 0x1p-24
	parallelRows(n, func(i int) {
		zi := z[i*m : i*m+m]
		cands := make([]cand, 0, nw*st.kp)
		dStar := math.Inf(1)
		anyFull := false
		for _, w := range workers {
			s := int(w.size[i])
			for t := range s {
				j := int(w.idx[i*st.kp+t])
				cands = append(cands, cand{sqDist(zi, z[j*m:j*m+m]), j})
			}
			if s == st.kp {
				anyFull = true
				dStar = math.Min(dStar, float64(w.dist[i*st.kp]))
			}
		}
		sortCands(cands)
		sorted := cands
		if anyFull && !provenComplete(sorted[k-1].d, dStar, norm64[i], maxNorm, epsCoef) {
			out[i] = exactNeighbours(z, n, m, i, k)
			return
		}
		out[i] = finish(sorted[:k])
	})
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
