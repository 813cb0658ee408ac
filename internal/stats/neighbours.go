package stats

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
)

// Statistically similar areas ("nearest neighbours"), in the spirit of the
// CIPFA and ONS nearest-neighbour models: areas are points in a space of
// standardised indicators and an area's neighbours are the areas closest to
// it by Euclidean distance.
//
// Definition (what every function here computes, bit for bit):
//
//  1. Each indicator (column) is standardised to z = (x − mean)/sd, with the
//     mean and the sample standard deviation (divisor count−1) taken over the
//     areas where it is present, so that indicators on different scales
//     weigh equally.
//  2. A missing value becomes z = 0, the column mean. Mean imputation keeps
//     an area with gaps in the comparison while letting the missing indicator
//     neither pull it towards nor push it away from any particular area. It
//     does shrink distances along that indicator, so areas with many gaps look
//     somewhat more "average"; callers should drop indicators that are mostly
//     missing. A column with fewer than two values or no spread is all zeros
//     (it cannot discriminate between areas).
//  3. The squared distance between areas a and b is Σ_c (z_ac − z_bc)²,
//     summed in float64 in column order; the distance is its square root.
//  4. Neighbours are ordered by squared distance, ties by area index, and an
//     area is never its own neighbour.

// Matrix is a dense n×m table of indicator values, one row per area and one
// column per indicator, stored row-major. NaN marks a missing value.
type Matrix struct {
	Rows, Cols int
	Data       []float64 // len Rows*Cols; element (i, j) at Data[i*Cols+j]
}

// NewMatrix copies a slice of equal-length rows into a Matrix.
func NewMatrix(rows [][]float64) (Matrix, error) {
	if len(rows) == 0 {
		return Matrix{}, fmt.Errorf("stats: NewMatrix: no rows: %w", ErrLength)
	}
	m := len(rows[0])
	data := make([]float64, 0, len(rows)*m)
	for i, r := range rows {
		if len(r) != m {
			return Matrix{}, fmt.Errorf("stats: NewMatrix: row %d has %d values, row 0 has %d: %w", i, len(r), m, ErrLength)
		}
		data = append(data, r...)
	}
	return Matrix{Rows: len(rows), Cols: m, Data: data}, nil
}

// At returns element (i, j).
func (x Matrix) At(i, j int) float64 { return x.Data[i*x.Cols+j] }

func (x Matrix) validate(fn string) error {
	if x.Rows < 1 || x.Cols < 1 || len(x.Data) != x.Rows*x.Cols {
		return fmt.Errorf("stats: %s: %d×%d matrix with %d values: %w", fn, x.Rows, x.Cols, len(x.Data), ErrLength)
	}
	for i, v := range x.Data {
		if math.IsInf(v, 0) {
			return fmt.Errorf("stats: %s: value (%d, %d) is %v: %w", fn, i/x.Cols, i%x.Cols, v, ErrInvalid)
		}
	}
	return nil
}

// Standardise returns the z-score matrix used for neighbours: each column
// centred on its mean and divided by its sample standard deviation over the
// non-missing values, with missing values (and constant or near-empty
// columns) set to 0. See the definition above.
func Standardise(x Matrix) (Matrix, error) {
	if err := x.validate("Standardise"); err != nil {
		return Matrix{}, err
	}
	z, err := standardise("Standardise", x)
	if err != nil {
		return Matrix{}, err
	}
	return Matrix{Rows: x.Rows, Cols: x.Cols, Data: z}, nil
}

// standardise computes the z-scores of a validated matrix. It fails only if
// a column's mean or spread overflows (values near the float64 limit).
func standardise(fn string, x Matrix) ([]float64, error) {
	// Row-major passes with per-column accumulators: each column's sums are
	// still taken in row order, but memory is read sequentially.
	n, m := x.Rows, x.Cols
	sum := make([]float64, m)
	cnt := make([]int, m)
	for i := range n {
		for c, v := range x.Data[i*m : i*m+m] {
			if !isMissing(v) {
				sum[c] += v
				cnt[c]++
			}
		}
	}
	mean := make([]float64, m)
	for c := range m {
		mean[c] = sum[c] / float64(cnt[c])
	}
	ss := make([]float64, m)
	for i := range n {
		for c, v := range x.Data[i*m : i*m+m] {
			if !isMissing(v) {
				ss[c] += (v - mean[c]) * (v - mean[c])
			}
		}
	}
	sd := make([]float64, m)
	for c := range m {
		if cnt[c] >= 2 {
			sd[c] = math.Sqrt(ss[c] / float64(cnt[c]-1))
			if math.IsInf(mean[c], 0) || math.IsInf(sd[c], 0) {
				return nil, fmt.Errorf("stats: %s: column %d is too large to standardise: %w", fn, c, ErrInvalid)
			}
		}
	}
	z := make([]float64, n*m)
	for i := range n {
		for c, v := range x.Data[i*m : i*m+m] {
			if sd[c] > 0 && !isMissing(v) {
				z[i*m+c] = (v - mean[c]) / sd[c]
			}
		}
	}
	return z, nil
}

// Neighbour is one similar area: its row index and its distance.
type Neighbour struct {
	Index    int
	Distance float64
}

// Neighbours returns, for every area (row) of x, its k most similar other
// areas, nearest first (see the definition above). k larger than Rows−1 is
// reduced to Rows−1. The result is exact and deterministic: identical to
// computing every distance in float64 and sorting.
//
// It is built for all-pairs work on national data (33,000 LSOAs × 40
// indicators in under a second on two cores, against minutes for the naive
// double loop): areas are ordered along their first principal axis and held
// in a flat float32 copy; the distance matrix is covered in cache-sized
// tiles, each pair computed once and credited to both areas; distances are
// expanded as ‖a‖² + ‖b‖² − 2a·b so a tile is a block of dot products (an
// AVX-512 or AVX2/FMA kernel on amd64, portable Go elsewhere) compared inside
// the kernel with each area's current threshold; every area keeps a
// fixed-size list of its best candidates (a max-heap in effect); tiles whose
// areas are provably too far apart are skipped whole; and tiles are shared
// among runtime.NumCPU() goroutines in rounds that never touch the same area
// twice. Because float32 and the expansion round differently from the
// definition, the lists keep a few spare candidates; their distances are then
// recomputed exactly and an error bound proves that no area outside the
// candidates can be closer. If the proof fails for an area (for example with
// many exact ties), that area is recomputed by a full exact scan with partial
// distances (as NeighboursOf).
func Neighbours(x Matrix, k int) ([][]Neighbour, error) {
	if err := x.validate("Neighbours"); err != nil {
		return nil, err
	}
	if k < 1 {
		return nil, fmt.Errorf("stats: Neighbours: k = %d: %w", k, ErrInvalid)
	}
	z, err := standardise("Neighbours", x)
	if err != nil {
		return nil, err
	}
	k = min(k, x.Rows-1)
	out := make([][]Neighbour, x.Rows)
	if k == 0 {
		for i := range out {
			out[i] = []Neighbour{}
		}
		return out, nil
	}
	if x.Rows-1 <= k+spareCandidates || !useTiles {
		parallelRows(x.Rows, func(i int) { out[i] = exactNeighbours(z, x.Rows, x.Cols, i, k) })
		return out, nil
	}
	tiledNeighbours(z, x.Rows, x.Cols, k, out)
	return out, nil
}

// NeighboursOf returns the k most similar areas to one area, exactly as
// Neighbours(x, k)[area] would, by a single exact scan with partial
// distances: a candidate's sum of squares is abandoned as soon as it can no
// longer beat the current k-th best.
func NeighboursOf(x Matrix, area, k int) ([]Neighbour, error) {
	if err := x.validate("NeighboursOf"); err != nil {
		return nil, err
	}
	if area < 0 || area >= x.Rows {
		return nil, fmt.Errorf("stats: NeighboursOf: area %d of %d: %w", area, x.Rows, ErrInvalid)
	}
	if k < 1 {
		return nil, fmt.Errorf("stats: NeighboursOf: k = %d: %w", k, ErrInvalid)
	}
	z, err := standardise("NeighboursOf", x)
	if err != nil {
		return nil, err
	}
	k = min(k, x.Rows-1)
	if k == 0 {
		return []Neighbour{}, nil
	}
	return exactNeighbours(z, x.Rows, x.Cols, area, k), nil
}

// Contribution is one indicator's part in the distance between two areas.
type Contribution struct {
	Indicator int     // column index
	ZA, ZB    float64 // the two areas' z-scores (0 where imputed)
	Missing   bool    // true if either value was missing and imputed
	// SquaredDiff is (ZA − ZB)²; the squared distance is the sum over
	// indicators, so a small value means the areas are alike on this
	// indicator and a large one that it separates them.
	SquaredDiff float64
	Share       float64 // SquaredDiff as a fraction of the squared distance (0 if the areas coincide)
}

// Contributions breaks the distance between areas a and b down by
// indicator, in column order, so a page can say which indicators make two
// areas similar and which set them apart. Sorting by SquaredDiff gives the
// most alike (smallest) and most different (largest) indicators.
func Contributions(x Matrix, a, b int) ([]Contribution, error) {
	if err := x.validate("Contributions"); err != nil {
		return nil, err
	}
	if a < 0 || a >= x.Rows || b < 0 || b >= x.Rows {
		return nil, fmt.Errorf("stats: Contributions: areas %d and %d of %d: %w", a, b, x.Rows, ErrInvalid)
	}
	z, err := standardise("Contributions", x)
	if err != nil {
		return nil, err
	}
	return ContributionsZ(x, Matrix{Rows: x.Rows, Cols: x.Cols, Data: z}, a, b), nil
}

// ContributionsZ is Contributions from z, the z-scores of x already
// standardised (as a model built once keeps them), so that a page asking
// about one pair does not standardise the whole matrix again.
func ContributionsZ(x, z Matrix, a, b int) []Contribution {
	m := x.Cols
	out := make([]Contribution, m)
	var total float64
	for c := range m {
		za, zb := z.Data[a*m+c], z.Data[b*m+c]
		d := float64((za - zb) * (za - zb)) // rounded, never fused, as sqDist sums it
		total += d
		out[c] = Contribution{
			Indicator:   c,
			ZA:          za,
			ZB:          zb,
			Missing:     isMissing(x.Data[a*m+c]) || isMissing(x.Data[b*m+c]),
			SquaredDiff: d,
		}
	}
	if total > 0 {
		for c := range out {
			out[c].Share = out[c].SquaredDiff / total
		}
	}
	return out
}

// sqDist is the defining squared distance, summed in column order. The
// explicit conversion rounds each square before it is added, which forbids
// the compiler from fusing the two into an FMA (the Go spec allows fusion
// otherwise, e.g. with GOAMD64=v3); every exact distance in this package is
// computed this way so that all of them agree bit for bit.
func sqDist(a, b []float64) float64 {
	var d float64
	for c := range a {
		t := a[c] - b[c]
		d += float64(t * t)
	}
	return d
}

// exactNeighbours scans every other row in index order, keeping the k best
// in a max-heap. A row's partial sum is abandoned once it reaches the
// current k-th best: because rows are scanned in increasing index, a tie
// with the worst kept row can never displace it.
func exactNeighbours(z []float64, n, m, i, k int) []Neighbour {
	h := make(exactHeap, 0, k)
	zi := z[i*m : i*m+m]
	for j := range n {
		if j == i {
			continue
		}
		zj := z[j*m : j*m+m]
		if len(h) < k {
			h.push(cand{sqDist(zi, zj), j}, k)
			continue
		}
		thr := h[0].d
		var d float64
		c := 0
		for ; c < m; c++ {
			t := zi[c] - zj[c]
			d += float64(t * t)
			if d >= thr {
				break
			}
		}
		if c == m {
			h.push(cand{d, j}, k)
		}
	}
	return finish(h)
}

// cand is a candidate neighbour with its exact squared distance.
type cand struct {
	d float64
	j int
}

func candLess(a, b cand) bool { return a.d < b.d || (a.d == b.d && a.j < b.j) }

// exactHeap is a max-heap of candidates: the root is the worst kept.
type exactHeap []cand

// push offers c to a heap of capacity k.
func (h *exactHeap) push(c cand, k int) {
	s := *h
	if len(s) < k {
		s = append(s, c)
		for i := len(s) - 1; i > 0; {
			p := (i - 1) / 2
			if !candLess(s[p], s[i]) {
				break
			}
			s[p], s[i] = s[i], s[p]
			i = p
		}
		*h = s
		return
	}
	if !candLess(c, s[0]) {
		return
	}
	s[0] = c
	for i := 0; ; {
		l, r, big := 2*i+1, 2*i+2, i
		if l < len(s) && candLess(s[big], s[l]) {
			big = l
		}
		if r < len(s) && candLess(s[big], s[r]) {
			big = r
		}
		if big == i {
			break
		}
		s[i], s[big] = s[big], s[i]
		i = big
	}
}

// sortCands orders candidates nearest first: by squared distance, then index.
func sortCands(cs []cand) {
	slices.SortFunc(cs, func(a, b cand) int {
		if c := cmp.Compare(a.d, b.d); c != 0 {
			return c
		}
		return cmp.Compare(a.j, b.j)
	})
}

// finish sorts the kept candidates nearest first and converts them.
func finish(cs []cand) []Neighbour {
	sortCands(cs)
	out := make([]Neighbour, len(cs))
	for i, c := range cs {
		out[i] = Neighbour{Index: c.j, Distance: math.Sqrt(c.d)}
	}
	return out
}

// parallelRows runs f(i) for i in [0, n) on runtime.NumCPU() goroutines,
// handing out rows in chunks.
func parallelRows(n int, f func(i int)) {
	workers := min(runtime.NumCPU(), max(1, n/64))
	const chunk = 64
	var mu sync.Mutex
	next := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				mu.Lock()
				start := next
				next += chunk
				mu.Unlock()
				if start >= n {
					return
				}
				for i := start; i < min(start+chunk, n); i++ {
					f(i)
				}
			}
		})
	}
	wg.Wait()
}
