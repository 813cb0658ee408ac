package missions

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/localup/localup"
)

func TestLargestGroupGap(t *testing.T) {
	female, male := Group{"sex=female", 63.1}, Group{"sex=male", 61.5}
	d1, d3, d5, d10 := Group{"imd-decile=1", 52}, Group{"imd-decile=3", math.NaN()}, Group{"imd-decile=5", 60}, Group{"imd-decile=10", 70}
	tests := []struct {
		name   string
		groups []Group
		pol    localup.Polarity
		want   GroupGap
		err    error
	}{
		// 63.1 − 61.5 = 1.6; higher is better, so women are the better-off group.
		{"sex", []Group{male, female}, localup.HigherIsBetter,
			GroupGap{Highest: female, Lowest: male, Best: female, Worst: male, Difference: 1.6}, nil},
		// Deciles 1, 5, 10 (3 has no figure): 70 − 52 = 18. Lower is better: decile 1 is best.
		{"deciles, lower is better", []Group{d1, d3, d5, d10}, localup.LowerIsBetter,
			GroupGap{Highest: d10, Lowest: d1, Best: d1, Worst: d10, Difference: 18}, nil},
		// Age bands with equal values: no gap; the first listed is both ends.
		{"no gap", []Group{{"age=16-24", 5}, {"age=25-49", 5}}, localup.HigherIsBetter,
			GroupGap{Highest: Group{"age=16-24", 5}, Lowest: Group{"age=16-24", 5}, Best: Group{"age=16-24", 5}, Worst: Group{"age=16-24", 5}}, nil},
		{"one group", []Group{female, {"sex=male", math.NaN()}}, localup.HigherIsBetter, GroupGap{}, ErrTooFew},
		{"infinite", []Group{female, {"sex=male", math.Inf(1)}}, localup.HigherIsBetter, GroupGap{}, ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := LargestGroupGap(tt.groups, tt.pol)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if diff := cmp.Diff(tt.want, got, nanOK); diff != "" {
				t.Errorf("LargestGroupGap (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGroupGapTrend(t *testing.T) {
	sections := []GroupSection{
		{p("2021"), []Group{{"sex=female", 62.5}, {"sex=male", 61.5}}}, // gap 1
		{p("2019"), []Group{{"sex=female", 63}, {"sex=male", 61}}},     // gap 2
		{p("2022"), []Group{{"sex=female", 62}}},                       // one group: left out
	}
	// 2 → 1: −1, −50% → narrowing.
	got, err := GroupGapTrend(sections, 2019, localup.HigherIsBetter)
	if err != nil {
		t.Fatal(err)
	}
	want := GroupGapChange{
		BaselineGap:  GroupGap{Highest: Group{"sex=female", 63}, Lowest: Group{"sex=male", 61}, Best: Group{"sex=female", 63}, Worst: Group{"sex=male", 61}, Difference: 2},
		LatestGap:    GroupGap{Highest: Group{"sex=female", 62.5}, Lowest: Group{"sex=male", 61.5}, Best: Group{"sex=female", 62.5}, Worst: Group{"sex=male", 61.5}, Difference: 1},
		SpreadChange: SpreadChange{Point{p("2019"), 2}, Point{p("2021"), 1}, -1, -0.5, Narrowing},
	}
	if diff := cmp.Diff(want, got, nanOK); diff != "" {
		t.Errorf("GroupGapTrend (-want +got):\n%s", diff)
	}
	// Deciles, where the pair of groups changes: 2019 decile 1 (50) to 10 (60),
	// gap 10; 2023 decile 2 (49) to 9 (61), gap 12: +20% → widening.
	deciles := []GroupSection{
		{p("2019"), []Group{{"d=1", 50}, {"d=2", 52}, {"d=9", 58}, {"d=10", 60}}},
		{p("2023"), []Group{{"d=1", 51}, {"d=2", 49}, {"d=9", 61}, {"d=10", 60}}},
	}
	got, err = GroupGapTrend(deciles, 2019, localup.HigherIsBetter)
	if err != nil || got.Trend != Widening || got.LatestGap.Lowest.Name != "d=2" || got.LatestGap.Highest.Name != "d=9" || !near(got.RelativeChange, 0.2) {
		t.Errorf("GroupGapTrend deciles = %+v, %v", got, err)
	}
	if _, err := GroupGapTrend(sections[:1], 2019, localup.HigherIsBetter); !errors.Is(err, ErrTooFew) {
		t.Errorf("single period: err = %v, want ErrTooFew", err)
	}
	dup := []GroupSection{sections[0], sections[0]}
	if _, err := GroupGapTrend(dup, 2019, localup.HigherIsBetter); !errors.Is(err, ErrInvalid) {
		t.Errorf("duplicate period: err = %v, want ErrInvalid", err)
	}
	bad := []GroupSection{{p("2019"), []Group{{"a", math.Inf(1)}, {"b", 1}}}}
	if _, err := GroupGapTrend(bad, 2019, localup.HigherIsBetter); !errors.Is(err, ErrInvalid) {
		t.Errorf("infinite value: err = %v, want ErrInvalid", err)
	}
}
