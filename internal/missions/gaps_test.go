package missions

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/localup/localup"
)

var nanOK = cmp.Options{cmpopts.EquateNaNs(), cmpopts.EquateApprox(0, 1e-9)}

func seq(from, to float64) []float64 {
	var v []float64
	for x := from; x <= to; x++ {
		v = append(v, x)
	}
	return v
}

func TestTailGap(t *testing.T) {
	n := math.NaN()
	tests := []struct {
		name   string
		values []float64
		pol    localup.Polarity
		share  float64
		want   Tails
		err    error
	}{
		// 1..10, fifths: k = 10 × 0.2 = 2 places a tail.
		// low = (1 + 2)/2 = 1.5, high = (10 + 9)/2 = 9.5; 9.5 − 1.5 = 8; 9.5/1.5 = 6.333…
		{"ten places", seq(1, 10), localup.HigherIsBetter, 0.2,
			Tails{N: 10, Share: 0.2, PerTail: 2, BestMean: 9.5, WorstMean: 1.5, Difference: 8, Ratio: 9.5 / 1.5}, nil},
		// Lower is better: the best fifth is the low one; difference and ratio are unchanged.
		{"lower is better", seq(1, 10), localup.LowerIsBetter, 0.2,
			Tails{N: 10, Share: 0.2, PerTail: 2, BestMean: 1.5, WorstMean: 9.5, Difference: 8, Ratio: 9.5 / 1.5}, nil},
		// No polarity reads like higher is better.
		{"no polarity", seq(1, 10), localup.NoPolarity, 0.2,
			Tails{N: 10, Share: 0.2, PerTail: 2, BestMean: 9.5, WorstMean: 1.5, Difference: 8, Ratio: 9.5 / 1.5}, nil},
		// Seven places, unsorted: k = 1.4, so the boundary place counts 0.4.
		// low = (10 + 0.4×20)/1.4 = 18/1.4 = 12.857…; high = (70 + 0.4×60)/1.4 = 94/1.4 = 67.142…
		// difference = 76/1.4 = 54.285…; ratio = 94/18 = 5.222…
		{"fractional boundary", []float64{40, 70, 10, 60, 20, 50, 30}, localup.HigherIsBetter, 0.2,
			Tails{N: 7, Share: 0.2, PerTail: 1.4, BestMean: 94 / 1.4, WorstMean: 18 / 1.4, Difference: 76 / 1.4, Ratio: 94.0 / 18}, nil},
		// Exactly five places: one a tail. low 2, high 10; 8; 5.
		{"five places", []float64{2, 4, 6, 8, 10}, localup.HigherIsBetter, 0.2,
			Tails{N: 5, Share: 0.2, PerTail: 1, BestMean: 10, WorstMean: 2, Difference: 8, Ratio: 5}, nil},
		// NaN places are left out before counting: five remain.
		{"missing values", []float64{1, n, 2, 3, n, 4, 5}, localup.HigherIsBetter, 0.2,
			Tails{N: 5, Share: 0.2, PerTail: 1, BestMean: 5, WorstMean: 1, Difference: 4, Ratio: 5}, nil},
		// A negative low mean leaves the ratio undefined: 15 − (−5) = 20.
		{"negative low mean", []float64{-5, 0, 5, 10, 15}, localup.HigherIsBetter, 0.2,
			Tails{N: 5, Share: 0.2, PerTail: 1, BestMean: 15, WorstMean: -5, Difference: 20, Ratio: n}, nil},
		// Tenths of 1..20: k = 2. low (1+2)/2 = 1.5, high (20+19)/2 = 19.5; 18; 13.
		{"tenths", seq(1, 20), localup.HigherIsBetter, 0.1,
			Tails{N: 20, Share: 0.1, PerTail: 2, BestMean: 19.5, WorstMean: 1.5, Difference: 18, Ratio: 13}, nil},
		{"fewer than five places", []float64{1, 2, 3, 4, n}, localup.HigherIsBetter, 0.2, Tails{}, ErrTooFew},
		{"no places", nil, localup.HigherIsBetter, 0.2, Tails{}, ErrTooFew},
		{"infinite value", []float64{1, 2, 3, 4, math.Inf(1)}, localup.HigherIsBetter, 0.2, Tails{}, ErrInvalid},
		{"share too large", seq(1, 10), localup.HigherIsBetter, 0.6, Tails{}, ErrInvalid},
		{"share zero", seq(1, 10), localup.HigherIsBetter, 0, Tails{}, ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := TailGap(tt.values, tt.pol, tt.share)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if diff := cmp.Diff(tt.want, got, nanOK); diff != "" {
				t.Errorf("TailGap (-want +got):\n%s", diff)
			}
		})
	}
	if got, _ := Fifths(seq(1, 10), localup.HigherIsBetter); got.Difference != 8 {
		t.Errorf("Fifths difference = %v, want 8", got.Difference)
	}
}

func TestCoefficientOfVariation(t *testing.T) {
	n := math.NaN()
	tests := []struct {
		name   string
		values []float64
		want   float64
		err    error
	}{
		// mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; 32/8 = 4; sd 2; 2/5 = 0.4.
		{"population sd", []float64{2, 4, 4, 4, 5, 5, 7, 9}, 0.4, nil},
		// The same values negated: |mean| keeps the CV positive.
		{"negative mean", []float64{-2, -4, -4, -4, -5, -5, -7, -9}, 0.4, nil},
		// mean 3, no spread.
		{"no spread, NaN skipped", []float64{n, 3, 3}, 0, nil},
		// mean 2; deviations ±1 → variance 1, sd 1; 1/2.
		{"two values", []float64{1, 3}, 0.5, nil},
		{"zero mean", []float64{1, -1}, n, ErrZeroMean},
		{"one value", []float64{5, n}, n, ErrTooFew},
		{"no values", nil, n, ErrTooFew},
		{"infinite", []float64{1, math.Inf(-1)}, n, ErrInvalid},
	}
	for _, tt := range tests {
		got, err := CoefficientOfVariation(tt.values)
		if !errors.Is(err, tt.err) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.err)
		}
		if !near(got, tt.want) {
			t.Errorf("%s: CV = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestBestRegionGap(t *testing.T) {
	a, b, c := Region{"A", 30, 100}, Region{"B", 20, 300}, Region{"C", 10, 100}
	zero := func(rs ...Region) []Region {
		for i := range rs {
			rs[i].Weight = 0
		}
		return rs
	}
	tests := []struct {
		name    string
		regions []Region
		pol     localup.Polarity
		want    RegionGap
		err     error
	}{
		// Best A = 30; rest = (20×300 + 10×100)/(300+100) = 7000/400 = 17.5; 30 − 17.5 = 12.5; 30/17.5 = 1.714…
		{"weighted", []Region{a, b, c}, localup.HigherIsBetter,
			RegionGap{Best: a, RestMean: 17.5, Difference: 12.5, Ratio: 30 / 17.5}, nil},
		// All weights zero: rest = (20 + 10)/2 = 15; 15; 2.
		{"equal weights", zero(a, b, c), localup.HigherIsBetter,
			RegionGap{Best: Region{"A", 30, 0}, RestMean: 15, Difference: 15, Ratio: 2, EqualWeights: true}, nil},
		// Lower is better: best C = 10; rest = (30×100 + 20×300)/400 = 9000/400 = 22.5; 12.5; 2.25.
		{"lower is better", []Region{a, b, c}, localup.LowerIsBetter,
			RegionGap{Best: c, RestMean: 22.5, Difference: 12.5, Ratio: 2.25}, nil},
		// A region with no value is left out, weight and all: rest = B alone.
		{"missing value", []Region{a, b, {"C", math.NaN(), 100}}, localup.HigherIsBetter,
			RegionGap{Best: a, RestMean: 20, Difference: 10, Ratio: 1.5}, nil},
		// A tie goes to the first listed.
		{"tie", []Region{{"X", 5, 1}, {"Y", 5, 1}, {"Z", 1, 1}}, localup.HigherIsBetter,
			RegionGap{Best: Region{"X", 5, 1}, RestMean: 3, Difference: 2, Ratio: 5.0 / 3}, nil},
		{"some weights missing", []Region{a, b, {"C", 10, 0}}, localup.HigherIsBetter, RegionGap{}, ErrInvalid},
		{"negative weight", []Region{a, {"B", 20, -1}}, localup.HigherIsBetter, RegionGap{}, ErrInvalid},
		{"NaN weight", []Region{a, {"B", 20, math.NaN()}}, localup.HigherIsBetter, RegionGap{}, ErrInvalid},
		{"one region", []Region{a, {"B", math.NaN(), 1}}, localup.HigherIsBetter, RegionGap{}, ErrTooFew},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := BestRegionGap(tt.regions, tt.pol)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if diff := cmp.Diff(tt.want, got, nanOK); diff != "" {
				t.Errorf("BestRegionGap (-want +got):\n%s", diff)
			}
		})
	}
}
