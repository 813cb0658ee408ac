package formula

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var approx = cmpopts.EquateApprox(0, 1e-9)

var nan = math.NaN()

// TestTransforms works each transform by hand on three to five places.
// The expected values are oriented: larger always means more need.
func TestTransforms(t *testing.T) {
	tests := []struct {
		name       string
		tr         Transform
		dir        Direction
		x          []float64
		want       []float64
		wantMedian float64
	}{
		// mean 4; population sd = sqrt((4+0+4)/3) = sqrt(8/3);
		// z = ±2/sqrt(8/3) = ±sqrt(3/2) = ±1.2247448714.
		{"zscore higher", TransformZScore, HigherIsMoreNeed, []float64{2, 4, 6},
			[]float64{-1.224744871391589, 0, 1.224744871391589}, 0},
		{"zscore lower", TransformZScore, LowerIsMoreNeed, []float64{2, 4, 6},
			[]float64{1.224744871391589, 0, -1.224744871391589}, 0},
		// sd 0: every z-score is 0.
		{"zscore constant", TransformZScore, HigherIsMoreNeed, []float64{5, 5, 5}, []float64{0, 0, 0}, 0},
		// Ranks ascending in need: 10→1, 20 and 20 share (2+3)/2 = 2.5,
		// 30→4; divided by 4 places.
		{"rank higher with tie", TransformRank, HigherIsMoreNeed, []float64{10, 30, 20, 20},
			[]float64{0.25, 1, 0.625, 0.625}, 0.625},
		// Lower is more need: 30→1, the 20s 2.5, 10→4.
		{"rank lower with tie", TransformRank, LowerIsMoreNeed, []float64{10, 30, 20, 20},
			[]float64{1, 0.25, 0.625, 0.625}, 0.625},
		// R = 0.25, 0.5, 0.75, 1; X = −23 ln(1 − R(1 − e^(−100/23))):
		// R=0.25: 1 − 0.25×0.987064 = 0.753234, −23 ln → 6.5177
		// R=0.5:  1 − 0.493532 = 0.506468 → 15.6468
		// R=0.75: 1 − 0.740298 = 0.259702 → 31.0091
		// R=1:    e^(−100/23) → 100.
		{"rank_exponential", TransformRankExponential, HigherIsMoreNeed, []float64{1, 2, 3, 4},
			[]float64{6.517733263680379, 15.646790072602894, 31.009143532807215, 100}, (15.646790072602894 + 31.009143532807215) / 2},
		{"rank_exponential lower", TransformRankExponential, LowerIsMoreNeed, []float64{4, 3, 2, 1},
			[]float64{6.517733263680379, 15.646790072602894, 31.009143532807215, 100}, (15.646790072602894 + 31.009143532807215) / 2},
		// ln 1 = 0, ln 10 = 2.302585, ln 100 = 4.605170.
		{"log higher", TransformLog, HigherIsMoreNeed, []float64{1, 10, 100}, []float64{0, 2.302585092994046, 4.605170185988092}, 2.302585092994046},
		{"log lower", TransformLog, LowerIsMoreNeed, []float64{1, 10, 100}, []float64{0, -2.302585092994046, -4.605170185988092}, -2.302585092994046},
		// min 5, max 25, range 20: (5−5)/20 = 0, 5/20, 10/20, 20/20.
		{"minmax higher", TransformMinMax, HigherIsMoreNeed, []float64{5, 10, 15, 25}, []float64{0, 0.25, 0.5, 1}, 0.375},
		// (25−x)/20.
		{"minmax lower", TransformMinMax, LowerIsMoreNeed, []float64{5, 10, 15, 25}, []float64{1, 0.75, 0.5, 0}, 0.625},
		{"none higher", TransformNone, HigherIsMoreNeed, []float64{3, -1, 2}, []float64{3, -1, 2}, 2},
		{"none lower", TransformNone, LowerIsMoreNeed, []float64{3, -1, 2}, []float64{-3, 1, -2}, -2},
		// Missing: minmax over 1, 3, 5 gives 0, 0.5, 1; the median 0.5 is
		// imputed for the missing place.
		{"minmax missing", TransformMinMax, HigherIsMoreNeed, []float64{1, nan, 3, 5}, []float64{0, 0.5, 0.5, 1}, 0.5},
		// Missing with ranks: ranks among the 3 present: 10→1/3, 20→2/3,
		// 30→1; the median 2/3 is imputed.
		{"rank missing", TransformRank, HigherIsMoreNeed, []float64{10, nan, 30, 20}, []float64{1.0 / 3, 2.0 / 3, 1, 2.0 / 3}, 2.0 / 3},
		// Missing with z-scores: 2, 4, 6 as above; median 0 imputed.
		{"zscore missing", TransformZScore, HigherIsMoreNeed, []float64{2, nan, 4, 6},
			[]float64{-1.224744871391589, 0, 0, 1.224744871391589}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, med, _, err := transform(tt.tr, tt.dir, tt.x)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got, approx); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.wantMedian, med, approx); d != "" {
				t.Errorf("median (-want +got):\n%s", d)
			}
		})
	}
}

func TestTransformErrors(t *testing.T) {
	tests := []struct {
		tr   Transform
		x    []float64
		want string
	}{
		{TransformLog, []float64{1, 0, 2}, "log needs values > 0, got 0"},
		{TransformLog, []float64{1, -3, 2}, "log needs values > 0, got -3"},
		{TransformZScore, []float64{nan, nan}, "every value is missing"},
		{TransformNone, []float64{1, math.Inf(1)}, "value is infinite"},
	}
	for _, tt := range tests {
		_, _, _, err := transform(tt.tr, HigherIsMoreNeed, tt.x)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %v: error %v, want %q", tt.tr, tt.x, err, tt.want)
		}
	}
}

func TestDirectionFromPolarity(t *testing.T) {
	// GDHI: higher is better, so the lowest income is the most need.
	f := oneComponent(TransformMinMax, "")
	in := threePlaces([]float64{10, 20, 40})
	in.Polarity = map[string]Polarity{"x": HigherIsBetter}
	r, err := Allocate(f, in, 300)
	if err != nil {
		t.Fatal(err)
	}
	if r.Components[0].Direction != LowerIsMoreNeed {
		t.Errorf("direction %q, want lower_is_more_need", r.Components[0].Direction)
	}
	// minmax reflected: (40−x)/30 = 1, 2/3, 0; shares 3/5, 2/5, 0.
	if got := allocations(r); !cmp.Equal(got, []int64{180, 120, 0}) {
		t.Errorf("allocations %v", got)
	}
	in.Polarity = map[string]Polarity{"x": LowerIsBetter}
	r, _ = Allocate(f, in, 300)
	if r.Components[0].Direction != HigherIsMoreNeed {
		t.Errorf("direction %q, want higher_is_more_need", r.Components[0].Direction)
	}
	in.Polarity = nil
	_, err = Allocate(f, in, 300)
	if err == nil || !strings.Contains(err.Error(), `components[0].direction: not set, and indicator "x" has no polarity`) {
		t.Errorf("error %v", err)
	}
}
