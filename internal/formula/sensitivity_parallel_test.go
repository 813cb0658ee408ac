package formula

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMonteCarloSameWithOneOrTwoProcs checks that the output does not
// depend on how many processors share the runs: each run's draws depend
// only on the seed and the run's index.
func TestMonteCarloSameWithOneOrTwoProcs(t *testing.T) {
	cases := []struct {
		n, runs     int
		constrained bool
	}{
		{3000, 100, false},
		{3000, 100, true},
		{70_000, 20, false}, // more places than uint16 ranks hold
	}
	for _, c := range cases {
		f, in := synthetic(c.n, 21, TransformZScore, BasisNeedWeightedPerHead)
		if c.constrained {
			f.Floor, f.CeilingShare = 10_000, 0.002
		}
		var got [2]MCResult
		for i, procs := range []int{1, 2} {
			prev := runtime.GOMAXPROCS(procs)
			res, err := MonteCarlo(f, in, 1_000_000_000, MCOptions{Runs: c.runs, Seed: 3})
			runtime.GOMAXPROCS(prev)
			if err != nil {
				t.Fatal(err)
			}
			got[i] = res
		}
		if d := cmp.Diff(got[0], got[1]); d != "" {
			t.Errorf("n=%d runs=%d constrained=%v: GOMAXPROCS 1 and 2 differ (-1 +2):\n%s", c.n, c.runs, c.constrained, d)
		}
	}
}

// TestMonteCarloMatchesRecomputationManyBlocks is
// TestMonteCarloMatchesRecomputation with several blocks of places and a
// last batch of runs that is not full, which the layout of the results
// must handle.
func TestMonteCarloMatchesRecomputationManyBlocks(t *testing.T) {
	f, in := synthetic(203, 17, TransformZScore, BasisNeedWeightedPerHead)
	f.Floor, f.CeilingShare = 100_000, 0.02
	// 37 runs: P5 is the ⌈1.85⌉ = 2nd smallest, P95 the ⌈35.15⌉ = 36th.
	checkByHand(t, f, in, 50_000_000, MCOptions{Runs: 37, Seed: 8, Workers: 3})
}

// TestRankToMatchesExact checks the rank types Monte Carlo uses: uint16
// up to 65,535 places, uint32 beyond (70,000 here), and that uint16
// refuses more.
func TestRankToMatchesExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{1, 3, 1000, 40_000, 65_535, 70_000} {
		s := make([]float64, n)
		for i := range s {
			s[i] = float64(rng.IntN(n/3+1)) + rng.NormFloat64()*float64(rng.IntN(2))
		}
		want := make([]int32, n)
		rankExact(s, want, make([]int32, n))
		if n <= 65_535 {
			checkRankTo[uint16](t, s, want)
		} else {
			checkRankTo[uint32](t, s, want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("ranker[uint16] ranked 65,536 places")
		}
	}()
	var r ranker[uint16]
	rankTo(&r, make([]float64, 65_536), 0, 0, make([]uint16, 65_536))
}

func checkRankTo[I uint16 | uint32](t *testing.T, s []float64, want []int32) {
	t.Helper()
	got := make([]I, len(s))
	var r ranker[I]
	rankTo(&r, s, slices.Min(s), slices.Max(s), got)
	for i := range want {
		if int32(got[i]) != want[i] {
			t.Fatalf("n=%d: place %d rank %d, want %d", len(s), i, got[i], want[i])
		}
	}
}

// TestSpreadLargeSamples covers samples with more values than bins can
// hold eight apiece, and lengths that are not a multiple of eight.
func TestSpreadLargeSamples(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	var sp spreader[uint32]
	var su spreader[uint16]
	for _, n := range []int{2039, 2041, 5003, 20_000} {
		v := make([]uint32, n)
		u := make([]uint16, n)
		for i := range v {
			v[i] = floatKey(float32(rng.ExpFloat64() * 1e4))
			u[i] = uint16(rng.IntN(30_000))
		}
		p1, p2 := (5*n+99)/100-1, (95*n+99)/100-1
		sv, su2 := slices.Clone(v), slices.Clone(u)
		slices.Sort(sv)
		slices.Sort(su2)
		lo, hi, q1, q2 := sp.spread(v, p1, p2)
		if lo != sv[0] || hi != sv[n-1] || q1 != sv[p1] || q2 != sv[p2] {
			t.Fatalf("n=%d: got %v %v %v %v, want %v %v %v %v", n, lo, hi, q1, q2, sv[0], sv[n-1], sv[p1], sv[p2])
		}
		a, b, c, d := su.spread(u, p1, p2)
		if a != su2[0] || b != su2[n-1] || c != su2[p1] || d != su2[p2] {
			t.Fatalf("n=%d uint16: got %v %v %v %v", n, a, b, c, d)
		}
	}
}

// TestTransposeBatch checks the sixteen-run fast path and the general one
// against the definition, for full and partial batches and blocks.
func TestTransposeBatch(t *testing.T) {
	const n = 150 // two full blocks of 64 and one of 22
	for _, runs := range []int{16, 5} {
		src := make([]uint32, mcBatch*n)
		for i := range src {
			src[i] = uint32(i)
		}
		dst := make([]uint32, n*mcBatch)
		for i0 := 0; i0 < n; i0 += mcBlock {
			transposeBatch(dst, src, n, i0, min(i0+mcBlock, n), runs)
		}
		for i := range n {
			for j := range runs {
				if got, want := dst[i*mcBatch+j], src[j*n+i]; got != want {
					t.Fatalf("%d runs: place %d run %d: %d, want %d", runs, i, j, got, want)
				}
			}
		}
	}
}
