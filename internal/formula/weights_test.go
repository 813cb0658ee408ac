package formula

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func missionFormula() (Formula, Inputs) {
	f := Formula{Name: "m", Version: 1, Geography: "lad", WeightsFrom: "panel",
		Population: Population{Basis: BasisNeedShare},
		Components: []Component{
			{Indicator: "a", Transform: TransformMinMax, Direction: HigherIsMoreNeed, Weight: 1},
			{Indicator: "b", Transform: TransformMinMax, Direction: HigherIsMoreNeed, Weight: 3},
			{Indicator: "c", Transform: TransformMinMax, Direction: HigherIsMoreNeed},
		}}
	in := Inputs{Codes: []string{"E1", "E2", "E3"},
		Values:   map[string][]float64{"a": {0, 1, 2}, "b": {2, 1, 0}, "c": {0, 0, 1}},
		Missions: map[string]int{"a": 1, "b": 1, "c": 2}}
	return f, in
}

func TestCommunityWeights(t *testing.T) {
	src := StaticWeights{"panel": {1: 2, 2: 1, 3: 5}}
	f, in := missionFormula()
	ws, err := LoadWeightSet(context.Background(), src, f)
	if err != nil {
		t.Fatal(err)
	}
	in.Weights = ws
	// Mission 1 (weight 2) is shared 1:3 between a and b: 0.5 and 1.5.
	// Mission 2 (weight 1) has only c, whose formula weight is 0: all of
	// it. Mission 3 has no component and is ignored. Total 3:
	// a 1/6, b 1/2, c 1/3.
	r, err := Allocate(f, in, 600)
	if err != nil {
		t.Fatal(err)
	}
	var got []float64
	var missions []int
	for _, c := range r.Components {
		got = append(got, c.EffectiveWeight)
		missions = append(missions, c.Mission)
	}
	if d := cmp.Diff([]float64{1.0 / 6, 0.5, 1.0 / 3}, got, approx); d != "" {
		t.Errorf("weights (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]int{1, 1, 2}, missions); d != "" {
		t.Errorf("missions (-want +got):\n%s", d)
	}
	// Scores: E1 1/6×0 + 1/2×1 + 0 = 0.5; E2 1/12 + 1/4 = 1/3;
	// E3 1/6 + 0 + 1/3 = 0.5; total 4/3 of 600 → 225, 150, 225.
	if d := cmp.Diff([]int64{225, 150, 225}, allocations(r)); d != "" {
		t.Errorf("allocations (-want +got):\n%s", d)
	}
	// No weights_from: the formula weights (1, 3, 0).
	f.WeightsFrom = ""
	if r, err = Allocate(f, in, 600); err != nil {
		t.Fatal(err)
	}
	if r.Components[2].EffectiveWeight != 0 || r.Components[0].Mission != 0 {
		t.Errorf("components %+v", r.Components)
	}
}

func TestCommunityWeightErrors(t *testing.T) {
	ctx := context.Background()
	f, _ := missionFormula()
	if _, err := LoadWeightSet(ctx, StaticWeights{}, f); !errors.Is(err, ErrUnknownWeightSet) {
		t.Errorf("unknown set: %v", err)
	}
	if ws, err := LoadWeightSet(ctx, nil, Formula{}); ws != nil || err != nil {
		t.Errorf("no weights_from: %v %v", ws, err)
	}
	tests := []struct {
		name   string
		change func(*Inputs)
		want   string
	}{
		{"no weight set", func(in *Inputs) { in.Weights = nil }, `takes its weights from "panel" but Inputs.Weights is empty`},
		{"wrong set", func(in *Inputs) { in.Weights.Name = "other" }, `names weight set "panel" but Inputs.Weights is "other"`},
		{"unmapped indicator", func(in *Inputs) { delete(in.Missions, "c") }, "no mission is mapped for indicator(s) c"},
		{"mission without weight", func(in *Inputs) { delete(in.Weights.Missions, 2) }, `weight set "panel" has no weight for mission 2`},
		{"negative mission weight", func(in *Inputs) { in.Weights.Missions[1] = -1 }, "weights must be >= 0"},
		{"all zero", func(in *Inputs) { in.Weights.Missions = map[int]float64{1: 0, 2: 0} }, "gives every component's mission a weight of zero"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, in := missionFormula()
			in.Weights = &WeightSet{Name: "panel", Missions: map[int]float64{1: 2, 2: 1}}
			tt.change(&in)
			_, err := Allocate(f, in, 100)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}
