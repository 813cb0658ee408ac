package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// naiveNeighbours is the reference: every distance by the definition, then a
// full sort by (squared distance, index).
func naiveNeighbours(t testing.TB, x Matrix, k int) [][]Neighbour {
	return naiveNeighboursRun(t, x, k, parallelRows)
}

// sequentialRows is parallelRows on one goroutine: the classic naive loop.
func sequentialRows(n int, f func(i int)) {
	for i := range n {
		f(i)
	}
}

func naiveNeighboursRun(t testing.TB, x Matrix, k int, rows func(int, func(int))) [][]Neighbour {
	t.Helper()
	zm, err := Standardise(x)
	if err != nil {
		t.Fatal(err)
	}
	z, n, m := zm.Data, x.Rows, x.Cols
	k = min(k, n-1)
	out := make([][]Neighbour, n)
	// In tests rows are spread over the CPUs to save time; each row is still
	// the plain definition: all distances, then a full sort.
	rows(n, func(i int) {
		cs := make([]cand, 0, n-1)
		for j := range n {
			if j != i {
				cs = append(cs, cand{sqDist(z[i*m:i*m+m], z[j*m:j*m+m]), j})
			}
		}
		sortCands(cs)
		out[i] = make([]Neighbour, k)
		for r := range k {
			out[i][r] = Neighbour{cs[r].j, math.Sqrt(cs[r].d)}
		}
	})
	return out
}

// randomMatrix makes n×m data: a few latent factors plus noise (indicators
// of local areas are strongly correlated), on varied scales, with a share of
// missing values.
func randomMatrix(seed uint64, n, m, factors int, missing float64) Matrix {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	load := make([]float64, factors*m)
	for i := range load {
		load[i] = r.NormFloat64()
	}
	scale := make([]float64, m)
	for c := range scale {
		scale[c] = math.Exp(3 * r.Float64())
	}
	data := make([]float64, n*m)
	f := make([]float64, factors)
	for i := range n {
		for q := range f {
			f[q] = r.NormFloat64()
		}
		for c := range m {
			v := r.NormFloat64()
			for q := range f {
				v += f[q] * load[q*m+c]
			}
			data[i*m+c] = 50 + scale[c]*v
			if r.Float64() < missing {
				data[i*m+c] = math.NaN()
			}
		}
	}
	return Matrix{Rows: n, Cols: m, Data: data}
}

// assertSameNeighbours requires exact equality (indices, order and
// distances bit for bit), reporting the first few differing areas.
func assertSameNeighbours(t *testing.T, want, got [][]Neighbour) {
	t.Helper()
	if len(want) != len(got) {
		t.Fatalf("%d areas, want %d", len(got), len(want))
	}
	bad := 0
	for i := range want {
		if !slices.Equal(want[i], got[i]) {
			if bad++; bad <= 3 {
				t.Errorf("area %d (-want +got):\n%s", i, cmp.Diff(want[i], got[i]))
			}
		}
	}
	if bad > 3 {
		t.Errorf("... %d areas differ in all", bad)
	}
}

// strongFactor makes data dominated by one latent factor, so the areas lie
// near a line and most tiles are far apart along it.
func strongFactor(seed uint64, n, m int) Matrix {
	r := rand.New(rand.NewPCG(seed, 1))
	data := make([]float64, n*m)
	for i := range n {
		f := 10 * r.NormFloat64()
		for c := range m {
			data[i*m+c] = f*float64(c%3+1) + 0.3*r.NormFloat64()
		}
	}
	return Matrix{Rows: n, Cols: m, Data: data}
}

// withKernel runs f with the given kernel and tiling settings, restoring them.
func withKernel(t *testing.T, k kernelFunc, tiles bool, f func()) {
	t.Helper()
	oldK, oldT := kernel, useTiles
	kernel, useTiles = k, tiles
	defer func() { kernel, useTiles = oldK, oldT }()
	f()
}

type kernelCase struct {
	name  string
	k     kernelFunc
	tiles bool
}

// kernelCases are the ways Neighbours can run here: the exact scan, the
// tiled search with the portable kernel, and with each assembly kernel the
// CPU supports.
func kernelCases() []kernelCase {
	cs := []kernelCase{{"tiled-go-kernel", kernelGo, true}, {"exact-scan", kernelGo, false}}
	for _, k := range asmKernels() {
		cs = append(cs, kernelCase{"tiled-" + k.name + "-kernel", k.fn, true})
	}
	return cs
}

func TestNeighboursMatchNaive(t *testing.T) {
	for _, d := range []struct {
		name string
		x    Matrix
		k    int
	}{
		{"iid 2000x40", randomMatrix(1, 2000, 40, 0, 0), 15},
		{"factors 2000x40 with gaps", randomMatrix(2, 2000, 40, 4, 0.05), 15},
		{"odd sizes 997x7", randomMatrix(3, 997, 7, 2, 0.1), 10},
		{"one column", randomMatrix(4, 500, 1, 0, 0), 5},
		{"one strong factor 2000x12", strongFactor(9, 2000, 12), 15},
	} {
		want := naiveNeighbours(t, d.x, d.k)
		for _, kc := range kernelCases() {
			t.Run(d.name+"/"+kc.name, func(t *testing.T) {
				withKernel(t, kc.k, kc.tiles, func() {
					before, far := exactFallbacks.Load(), farTiles.Load()
					got, err := Neighbours(d.x, d.k)
					if err != nil {
						t.Fatal(err)
					}
					skipped := farTiles.Load() - far
					t.Logf("%d of %d areas needed the exact fallback; %d tiles skipped", exactFallbacks.Load()-before, d.x.Rows, skipped)
					// Areas along a line: most tiles are far apart, and
					// skipping them must not change the result.
					if strings.HasPrefix(d.name, "one strong factor") && kc.tiles && skipped == 0 {
						t.Error("no tile was skipped on strongly one-dimensional data")
					}
					assertSameNeighbours(t, want, got)
				})
			})
		}
	}
}

// TestNeighboursTies uses rows that coincide exactly (all missing, or
// duplicated), so that many distances tie and the exactness proof fails for
// some areas, exercising the exact fallback.
func TestNeighboursTies(t *testing.T) {
	x := randomMatrix(5, 1200, 12, 3, 0.02)
	m := x.Cols
	for i := 0; i < 60; i++ { // 60 areas with no data at all
		for c := range m {
			x.Data[i*m+c] = math.NaN()
		}
	}
	for i := 60; i < 200; i++ { // many exact duplicates of a few areas
		copy(x.Data[i*m:i*m+m], x.Data[(300+i%5)*m:(300+i%5)*m+m])
	}
	for i := 200; i < 260; i++ { // values on a coarse grid: ties in distance
		for c := range m {
			x.Data[i*m+c] = math.Round(x.Data[i*m+c] / 40)
		}
	}
	want := naiveNeighbours(t, x, 15)
	for _, kc := range kernelCases() {
		t.Run(kc.name, func(t *testing.T) {
			withKernel(t, kc.k, kc.tiles, func() {
				before := exactFallbacks.Load()
				got, err := Neighbours(x, 15)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%d of %d areas needed the exact fallback", exactFallbacks.Load()-before, x.Rows)
				assertSameNeighbours(t, want, got)
			})
		})
	}
}

func TestNeighboursOfMatchesNeighbours(t *testing.T) {
	x := randomMatrix(6, 800, 20, 3, 0.03)
	all, err := Neighbours(x, 12)
	if err != nil {
		t.Fatal(err)
	}
	for _, area := range []int{0, 1, 399, 799} {
		one, err := NeighboursOf(x, area, 12)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(all[area], one); diff != "" {
			t.Errorf("area %d (-Neighbours +NeighboursOf):\n%s", area, diff)
		}
	}
}

func TestNeighboursSmall(t *testing.T) {
	x, err := NewMatrix([][]float64{
		{1, 10},
		{2, 20},
		{4, math.NaN()},
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Neighbours(x, 5) // k above n-1 is reduced to 2
	if err != nil {
		t.Fatal(err)
	}
	// Column 0: mean 7/3, sd √(7/3); column 1: mean 15, sd √50, row 2 imputed.
	s0, s1 := math.Sqrt(7.0/3), math.Sqrt(50)
	z := [][2]float64{{(1 - 7.0/3) / s0, -5 / s1}, {(2 - 7.0/3) / s0, 5 / s1}, {(4 - 7.0/3) / s0, 0}}
	d := func(a, b int) float64 {
		return math.Sqrt((z[a][0]-z[b][0])*(z[a][0]-z[b][0]) + (z[a][1]-z[b][1])*(z[a][1]-z[b][1]))
	}
	want := [][]Neighbour{
		{{1, d(0, 1)}, {2, d(0, 2)}},
		{{2, d(1, 2)}, {0, d(1, 0)}},
		{{1, d(2, 1)}, {0, d(2, 0)}},
	}
	approx := cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) <= 1e-12 })
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	one, _ := NewMatrix([][]float64{{1, 2}})
	if got, err := Neighbours(one, 3); err != nil || len(got) != 1 || len(got[0]) != 0 {
		t.Errorf("single area: %v, %v", got, err)
	}
	for _, bad := range []func() error{
		func() error { _, err := Neighbours(x, 0); return err },
		func() error { _, err := NeighboursOf(x, 3, 1); return err },
		func() error { _, err := Contributions(x, 0, 9); return err },
		func() error { _, err := Neighbours(Matrix{Rows: 2, Cols: 2, Data: []float64{1}}, 1); return err },
		func() error {
			_, err := Neighbours(Matrix{Rows: 1, Cols: 1, Data: []float64{math.Inf(1)}}, 1)
			return err
		},
		func() error { _, err := NewMatrix([][]float64{{1, 2}, {3}}); return err },
	} {
		if err := bad(); err == nil {
			t.Errorf("invalid input accepted")
		} else if !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrLength) {
			t.Errorf("unexpected error class: %v", err)
		}
	}
}

func TestContributions(t *testing.T) {
	x := randomMatrix(7, 300, 9, 2, 0.1)
	got, err := Contributions(x, 3, 17)
	if err != nil {
		t.Fatal(err)
	}
	nb, _ := NeighboursOf(x, 3, 299)
	var dist float64
	for _, n := range nb {
		if n.Index == 17 {
			dist = n.Distance
		}
	}
	var sum, share float64
	for c, g := range got {
		if g.Indicator != c {
			t.Errorf("indicator %d at position %d", g.Indicator, c)
		}
		if want := (g.ZA - g.ZB) * (g.ZA - g.ZB); g.SquaredDiff != want {
			t.Errorf("indicator %d: squared diff %v, want %v", c, g.SquaredDiff, want)
		}
		if g.Missing != (math.IsNaN(x.At(3, c)) || math.IsNaN(x.At(17, c))) {
			t.Errorf("indicator %d: Missing = %v", c, g.Missing)
		}
		sum += g.SquaredDiff
		share += g.Share
	}
	if math.Abs(math.Sqrt(sum)-dist) > 1e-12 || math.Abs(share-1) > 1e-12 {
		t.Errorf("contributions sum to %v (distance %v), shares to %v", math.Sqrt(sum), dist, share)
	}
	self, _ := Contributions(x, 4, 4)
	if i := slices.IndexFunc(self, func(c Contribution) bool { return c.SquaredDiff != 0 || c.Share != 0 }); i >= 0 {
		t.Errorf("an area differs from itself on indicator %d", i)
	}
}

// TestKernelAgreesWithGo checks each assembly kernel the CPU supports
// against the portable one, and both against float64 arithmetic, on random
// blocks; the mask bits must match each kernel's own distances.
func TestKernelAgreesWithGo(t *testing.T) {
	kernels := append([]namedKernel{{"go", kernelGo}}, asmKernels()...)
	t.Logf("kernels: %v (in use: %s)", len(kernels), kernelName)
	r := rand.New(rand.NewPCG(8, 9))
	for _, m := range []int{1, 3, 40, 57} {
		a := make([]float32, kernRows*m)
		panel := make([]float32, kernCols*m)
		for i := range a {
			a[i] = float32(r.NormFloat64())
		}
		for i := range panel {
			panel[i] = float32(r.NormFloat64())
		}
		na := make([]float32, kernRows)
		nb := make([]float32, kernCols)
		for i := range kernRows {
			for c := range m {
				na[i] += a[i*m+c] * a[i*m+c]
			}
		}
		for l := range kernCols {
			for c := range m {
				nb[l] += panel[c*kernCols+l] * panel[c*kernCols+l]
			}
		}
		thr := make([]float32, kernRows)
		thrc := make([]float32, kernCols)
		for i := range thr {
			thr[i] = float32(2 * float64(m) * r.Float64())
		}
		for i := range thrc {
			thrc[i] = float32(2 * float64(m) * r.Float64())
		}
		for _, k := range kernels {
			var out [kernRows * kernCols]float32
			mask := k.fn(a, panel, m, na, nb, thr, thrc, &out)
			for rr := range kernRows {
				for l := range kernCols {
					b := rr*kernCols + l
					var want float64
					for c := range m {
						d := float64(a[rr*m+c]) - float64(panel[c*kernCols+l])
						want += d * d
					}
					bound := errorBoundCoef(m) * (float64(na[rr]) + float64(nb[l]))
					if math.Abs(float64(out[b])-want) > bound {
						t.Errorf("%s m=%d (%d,%d): %v, exact %v, beyond the error bound %v", k.name, m, rr, l, out[b], want, bound)
					}
					bit := (mask[b/64]>>(b%64))&1 == 1
					if bit != (out[b] <= thr[rr] || out[b] <= thrc[l]) {
						t.Errorf("%s m=%d (%d,%d): mask bit %v inconsistent with distance %v", k.name, m, rr, l, bit, out[b])
					}
				}
			}
		}
	}
}

func TestProvenComplete(t *testing.T) {
	c := 1e-5
	for _, tc := range []struct {
		ek, dStar, ni, maxN float64
		want                bool
	}{
		{10, 20, 40, 100, true},       // slack far above the error bound
		{10, 10, 40, 100, false},      // no slack at all
		{10, 10.001, 40, 100, false},  // slack smaller than the error bound
		{10, 10.01, 40, 1e9, true},    // far areas are excluded by the triangle inequality
		{10, 10.0005, 40, 1e9, false}, // N* below Nᵢ: nothing can be proved
	} {
		if got := provenComplete(tc.ek, tc.dStar, tc.ni, tc.maxN, c); got != tc.want {
			t.Errorf("provenComplete(%v) = %v, want %v", tc, got, tc.want)
		}
	}
}
