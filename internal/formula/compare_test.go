package formula

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/stat"
)

func TestPearsonSpearman(t *testing.T) {
	// x 1,2,3; y 2,4,7. Deviations −1,0,1 and −7/3,−1/3,8/3:
	// Σdxdy = 7/3 + 8/3 = 5; Σdx² = 2; Σdy² = (49+1+64)/9 = 114/9;
	// r = 5/√(2×114/9) = 0.993399...
	r, err := Pearson([]float64{1, 2, 3}, []float64{2, 4, 7})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(5/math.Sqrt(2*114.0/9), r, approx); d != "" {
		t.Errorf("pearson (-want +got):\n%s", d)
	}
	// Ties: x ranks 1, 2.5, 2.5, 4; y ranks 1, 3, 2, 4. Deviations
	// −1.5,0,0,1.5 and −1.5,0.5,−0.5,1.5: 4.5/√(4.5×5) = 0.948683.
	s, err := Spearman([]float64{1, 2, 2, 3}, []float64{1, 3, 2, 4})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(4.5/math.Sqrt(4.5*5), s, approx); d != "" {
		t.Errorf("spearman (-want +got):\n%s", d)
	}
	// Against gonum on random data.
	rng := rand.New(rand.NewPCG(1, 1))
	x, y := make([]float64, 100), make([]float64, 100)
	for i := range x {
		x[i] = rng.NormFloat64()
		y[i] = x[i] + rng.NormFloat64()
	}
	r, _ = Pearson(x, y)
	if d := cmp.Diff(stat.Correlation(x, y, nil), r, approx); d != "" {
		t.Errorf("pearson vs gonum (-want +got):\n%s", d)
	}
	// Monotone but non-linear: Spearman 1.
	for i := range y {
		y[i] = math.Exp(x[i])
	}
	if s, _ = Spearman(x, y); math.Abs(s-1) > 1e-12 {
		t.Errorf("spearman of a monotone transform %v", s)
	}
	for _, bad := range [][2][]float64{{{1}, {1}}, {{1, 2}, {1}}, {{1, 1}, {1, 2}}, {{1, math.NaN()}, {1, 2}}} {
		if _, err := Pearson(bad[0], bad[1]); err == nil {
			t.Errorf("Pearson(%v, %v) gave no error", bad[0], bad[1])
		}
	}
}

func TestCompare(t *testing.T) {
	a := []float64{10, 20, 30, 40}
	b := []float64{40, 30, 20, 10}
	need := []float64{1, 2, 3, 5}
	c, err := Compare(a, b, need)
	if err != nil {
		t.Fatal(err)
	}
	pa, _ := Pearson(a, need)
	want := Comparison{AB: Correlation{-1, -1}, ANeed: Correlation{pa, 1}, BNeed: Correlation{-pa, -1}}
	if d := cmp.Diff(want, c, approx); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if _, err := Compare(a, b, need[:3]); err == nil {
		t.Error("mismatched lengths accepted")
	}
}

func TestShareToMostDeprivedFifth(t *testing.T) {
	tests := []struct {
		name   string
		amount []float64
		rank   []int
		want   float64
	}{
		// 10 places: the most deprived fifth is ranks 1 and 2 (5r <= 10):
		// 30 + 20 of 100.
		{"ten", []float64{5, 30, 5, 5, 20, 5, 10, 10, 5, 5}, []int{9, 1, 3, 4, 2, 5, 6, 7, 8, 10}, 0.5},
		// 7 places: ⌊7/5⌋ = 1 place, rank 1.
		{"seven", []float64{1, 1, 1, 1, 1, 1, 4}, []int{2, 3, 4, 5, 6, 7, 1}, 0.4},
		{"five equal", []float64{1, 1, 1, 1, 1}, []int{1, 2, 3, 4, 5}, 0.2},
	}
	for _, tt := range tests {
		got, err := ShareToMostDeprivedFifth(tt.amount, tt.rank)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(tt.want, got, approx); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, d)
		}
	}
	if _, err := ShareToMostDeprivedFifth([]float64{1, 2, 3}, []int{1, 2, 3}); err == nil {
		t.Error("three places accepted")
	}
	if _, err := ShareToMostDeprivedFifth([]float64{1, 1, 1, 1, 1}, []int{1, 2, 3, 4, 6}); err == nil {
		t.Error("rank 6 of 5 accepted")
	}
}

func TestConcentrationIndex(t *testing.T) {
	tests := []struct {
		name   string
		amount []float64
		weight []float64
		rank   []int
		want   float64
	}{
		// Ranks 1..4 (most deprived first), amounts 4,3,2,1: μ = 2.5;
		// fractional ranks 1/8, 3/8, 5/8, 7/8, less 0.5: −3/8, −1/8, 1/8,
		// 3/8; deviations 1.5, 0.5, −0.5, −1.5; covariance
		// (−0.5625 − 0.0625 − 0.0625 − 0.5625)/4 = −0.3125;
		// C = 2 × −0.3125 / 2.5 = −0.25: pro-deprived.
		{"pro-deprived", []float64{4, 3, 2, 1}, nil, []int{1, 2, 3, 4}, -0.25},
		{"input order does not matter", []float64{2, 4, 1, 3}, nil, []int{3, 1, 4, 2}, -0.25},
		{"reversed", []float64{1, 2, 3, 4}, nil, []int{1, 2, 3, 4}, 0.25},
		{"equal", []float64{2, 2, 2, 2}, nil, []int{1, 2, 3, 4}, 0},
		// Weighted: per-head amounts 3, 1 with populations 1, 3 (W = 4).
		// μ = (3 + 3)/4 = 1.5; fractional ranks 0.5/4 = 0.125 and
		// (1 + 1.5)/4 = 0.625; covariance
		// (1×1.5×(−0.375) + 3×(−0.5)×0.125)/4 = (−0.5625 − 0.1875)/4
		// = −0.1875; C = 2 × −0.1875/1.5 = −0.25.
		{"population weighted", []float64{3, 1}, []float64{1, 3}, []int{1, 2}, -0.25},
		// Weights of 1 are the unweighted case.
		{"unit weights", []float64{4, 3, 2, 1}, []float64{1, 1, 1, 1}, []int{1, 2, 3, 4}, -0.25},
	}
	for _, tt := range tests {
		got, err := ConcentrationIndex(tt.amount, tt.weight, tt.rank)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(tt.want, got, approx); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, d)
		}
	}
	if _, err := ConcentrationIndex([]float64{0, 0}, nil, []int{1, 2}); err == nil {
		t.Error("zero mean accepted")
	}
}

func TestBiddingCost(t *testing.T) {
	if got := BiddingCost(10, 0); got != 300_000 {
		t.Errorf("default: %d", got)
	}
	if got := BiddingCost(4, 12_500); got != 50_000 {
		t.Errorf("custom: %d", got)
	}
}
