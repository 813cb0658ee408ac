package formula

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestOneAtATime(t *testing.T) {
	f, in := synthetic(200, 11, TransformRankExponential, BasisNeedWeightedPerHead)
	f.Floor = 100_000
	f.CeilingShare = 0.02
	const pot = 100_000_000
	res, err := OneAtATime(f, in, pot, OATOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Delta != DefaultDelta {
		t.Errorf("delta %v", res.Delta)
	}
	// Weights 1..5 of 15. Component 0 at ×0.8: 0.8/14.8; at ×1.2: 1.2/15.2.
	want := OATComponent{Indicator: idGDHI, Key: idGDHI, Weight: 1.0 / 15, Down: 0.8 / 14.8, Up: 1.2 / 15.2}
	if d := cmp.Diff(want, res.Components[0], approx); d != "" {
		t.Errorf("component 0 (-want +got):\n%s", d)
	}
	base, err := Allocate(f, in, pot)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range res.Places {
		b := base.Places[i]
		if p.Code != b.Code || p.Allocation != b.Allocation || p.NeedRank != b.NeedRank {
			t.Fatalf("place %d: %+v, base %+v", i, p, b)
		}
		if p.MinAllocation > p.Allocation || p.Allocation > p.MaxAllocation || p.MinRank > p.NeedRank || p.NeedRank > p.MaxRank {
			t.Errorf("%s: range [%d, %d] ranks [%d, %d] do not contain base %d rank %d",
				p.Code, p.MinAllocation, p.MaxAllocation, p.MinRank, p.MaxRank, p.Allocation, p.NeedRank)
		}
		for _, c := range p.Components {
			for _, a := range []int64{c.Down, c.Up} {
				if a < p.MinAllocation || a > p.MaxAllocation {
					t.Errorf("%s: component allocation %d outside [%d, %d]", p.Code, a, p.MinAllocation, p.MaxAllocation)
				}
			}
		}
	}
	// The "up" run for component 2 is Allocate with that weight ×1.2.
	f2 := f
	f2.Components = slices.Clone(f.Components)
	f2.Components[2].Weight *= 1.2
	up, err := Allocate(f2, in, pot)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range res.Places {
		if p.Components[2].Up != up.Places[i].Allocation || p.Components[2].UpRank != up.Places[i].NeedRank {
			t.Fatalf("%s: OAT up %d rank %d, Allocate %d rank %d", p.Code, p.Components[2].Up, p.Components[2].UpRank,
				up.Places[i].Allocation, up.Places[i].NeedRank)
		}
	}
	for _, d := range []float64{-0.1, 1, 2} {
		if _, err := OneAtATime(f, in, pot, OATOptions{Delta: d}); err == nil || !strings.Contains(err.Error(), "delta") {
			t.Errorf("delta %v: error %v", d, err)
		}
	}
}

func TestMonteCarloDeterministic(t *testing.T) {
	f, in := synthetic(500, 12, TransformZScore, BasisNeedWeightedPerHead)
	f.Floor = 50_000
	f.CeilingShare = 0.01
	const pot = 100_000_000
	opt := MCOptions{Runs: 300, Seed: 99, Workers: 1}
	a, err := MonteCarlo(f, in, pot, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{1, 2, 3, 7} {
		opt.Workers = w
		b, err := MonteCarlo(f, in, pot, opt)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(a, b); d != "" {
			t.Fatalf("workers %d: same seed, different output (-1 worker +%d):\n%s", w, w, d)
		}
	}
	opt.Seed = 100
	c, err := MonteCarlo(f, in, pot, opt)
	if err != nil {
		t.Fatal(err)
	}
	if cmp.Equal(a.Places, c.Places) {
		t.Error("different seeds gave the same output")
	}
	for _, p := range a.Places {
		if !(p.Min <= p.P5 && p.P5 <= p.P95 && p.P95 <= p.Max) || !(p.RankMin <= p.RankP5 && p.RankP5 <= p.RankP95 && p.RankP95 <= p.RankMax) {
			t.Fatalf("%s: disordered %+v", p.Code, p)
		}
		if p.RankMin < 1 || p.RankMax > 500 {
			t.Fatalf("%s: ranks %d..%d", p.Code, p.RankMin, p.RankMax)
		}
		if p.Min < 50_000*(1-1e-6) || p.Max > 1_000_000*(1+1e-6) {
			t.Fatalf("%s: %v..%v breaks the floor or ceiling", p.Code, p.Min, p.Max)
		}
	}
	if a.MaxIterations < 1 {
		t.Errorf("max iterations %d", a.MaxIterations)
	}
}

// TestMonteCarloMatchesRecomputation re-runs each draw by hand and checks
// min, max and the nearest-rank percentiles.
func TestMonteCarloMatchesRecomputation(t *testing.T) {
	for _, constrained := range []bool{false, true} {
		f, in := synthetic(60, 13, TransformRank, BasisNeedShare)
		if constrained {
			f.Floor, f.CeilingShare = 200_000, 0.03
		}
		// 40 runs: P5 is the ⌈2⌉nd smallest, P95 the ⌈38⌉th.
		checkByHand(t, f, in, 20_000_000, MCOptions{Runs: 40, Seed: 5})
	}
}

// checkByHand runs MonteCarlo and then every draw again, one at a time
// with the exact ranking, and compares each place's min, max and
// nearest-rank 5th and 95th percentiles of pounds and rank.
func checkByHand(t *testing.T, f Formula, in Inputs, pot int64, opt MCOptions) {
	t.Helper()
	res, err := MonteCarlo(f, in, pot, opt)
	if err != nil {
		t.Fatal(err)
	}
	e, err := prepare(f, in, pot)
	if err != nil {
		t.Fatal(err)
	}
	runs := opt.Runs
	ws := e.newWorkspace()
	vals := make([][]float32, e.n)
	ranks := make([][]int32, e.n)
	w := make([]float64, e.m)
	idx := make([]int32, e.n)
	for r := range runs {
		rng := rand.New(rand.NewPCG(opt.Seed, uint64(r)))
		for c := range w {
			w[c] = e.w[c] * math.Exp(DefaultSigma*rng.NormFloat64())
		}
		normalise(w)
		if _, _, err := e.run(w, ws); err != nil {
			t.Fatal(err)
		}
		rankExact(ws.s, ws.rank, idx)
		for k := range e.n {
			vals[k] = append(vals[k], float32(ws.x[k]))
			ranks[k] = append(ranks[k], ws.rank[k])
		}
	}
	p5, p95 := (5*runs+99)/100-1, (95*runs+99)/100-1
	for k, row := range e.order {
		slices.Sort(vals[k])
		slices.Sort(ranks[k])
		p := res.Places[row]
		want := []float64{float64(vals[k][0]), float64(vals[k][p5]), float64(vals[k][p95]), float64(vals[k][runs-1]),
			float64(ranks[k][0]), float64(ranks[k][p5]), float64(ranks[k][p95]), float64(ranks[k][runs-1])}
		got := []float64{p.Min, p.P5, p.P95, p.Max, float64(p.RankMin), float64(p.RankP5), float64(p.RankP95), float64(p.RankMax)}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("floor %v %s (-want +got):\n%s", f.Floor, p.Code, d)
		}
	}
}

func TestMonteCarloNoPerturbation(t *testing.T) {
	f, in := synthetic(100, 14, TransformMinMax, BasisPerHead)
	f.Population.NeedUplift = 0.5
	res, err := MonteCarlo(f, in, 10_000_000, MCOptions{Runs: 20, Sigma: -1, SwingThreshold: 0.001})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Places {
		if p.Min != p.Max || p.P5 != p.P95 || math.Abs(p.Min-float64(p.Allocation)) > 1 {
			t.Fatalf("%s: %+v", p.Code, p)
		}
		if p.RankMin != p.NeedRank || p.RankMax != p.NeedRank || p.Flagged {
			t.Fatalf("%s: %+v", p.Code, p)
		}
	}
	if res.Flagged != 0 {
		t.Errorf("flagged %d", res.Flagged)
	}
	// With perturbation and a tiny threshold, places are flagged.
	res, err = MonteCarlo(f, in, 10_000_000, MCOptions{Runs: 50, SwingThreshold: 1e-9})
	if err != nil {
		t.Fatal(err)
	}
	if res.Flagged == 0 {
		t.Error("nothing flagged")
	}
	if _, err := MonteCarlo(f, in, 10_000_000, MCOptions{Runs: -5}); err == nil {
		t.Error("negative runs accepted")
	}
}
