package snapshot_test

import (
	"math"
	"testing"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
)

func TestQuantile(t *testing.T) {
	tests := []struct {
		values []float64
		q      float64
		want   float64
	}{
		{nil, 0.5, math.NaN()},
		{[]float64{7}, 0.25, 7},
		{[]float64{1, 2, 3, 4}, 0, 1},
		{[]float64{1, 2, 3, 4}, 1, 4},
		{[]float64{1, 2, 3, 4}, 0.5, 2.5},
		// R: quantile(c(1,2,3,4,10), c(.25,.75)) gives 2 and 4.
		{[]float64{1, 2, 3, 4, 10}, 0.25, 2},
		{[]float64{1, 2, 3, 4, 10}, 0.75, 4},
		// R: quantile(c(1,2,3,4), .25) = 1.75
		{[]float64{1, 2, 3, 4}, 0.25, 1.75},
	}
	for _, tt := range tests {
		got := snapshot.Quantile(tt.values, tt.q)
		if !(got == tt.want || math.IsNaN(got) && math.IsNaN(tt.want)) {
			t.Errorf("Quantile(%v, %v) = %v, want %v", tt.values, tt.q, got, tt.want)
		}
	}
}

func TestDistributionRank(t *testing.T) {
	d := &snapshot.Distribution{Values: []float64{1, 2, 2, 3, 5}}
	tests := []struct {
		v    float64
		pol  localup.Polarity
		want int
	}{
		{5, localup.HigherIsBetter, 1},
		{3, localup.HigherIsBetter, 2},
		{2, localup.HigherIsBetter, 3}, // tied, both third
		{1, localup.HigherIsBetter, 5},
		{5, localup.NoPolarity, 1}, // no polarity: highest first
		{1, localup.LowerIsBetter, 1},
		{2, localup.LowerIsBetter, 2}, // tied, both second
		{3, localup.LowerIsBetter, 4},
		{5, localup.LowerIsBetter, 5},
	}
	for _, tt := range tests {
		if got := d.Rank(tt.v, tt.pol); got != tt.want {
			t.Errorf("Rank(%v, %v) = %d, want %d", tt.v, tt.pol, got, tt.want)
		}
	}
}

func TestDistributions(t *testing.T) {
	s := loadProfile(t)
	d, ok := s.Distribution("life-expectancy", localup.AreaLAD, localup.MustPeriod("2020-22"))
	if !ok {
		t.Fatal("no distribution")
	}
	// 13 current authorities: abolished districts are left out and
	// Barnsley counts once, under its new code.
	if d.N() != 13 || d.Min != 55 || d.Max != 64.5 || d.Median != 61 || d.P25 != 59 || d.P75 != 62 {
		t.Errorf("distribution %+v", d)
	}
	// The 2018-20 figure of Barnsley's old code counts for the new code,
	// which has none of its own for that period.
	d, _ = s.Distribution("life-expectancy", localup.AreaLAD, localup.MustPeriod("2018-20"))
	if d.N() != 12 {
		t.Errorf("2018-20: %d areas, want 12", d.N())
	}
	d, _ = s.Distribution("life-expectancy", localup.AreaCountry, localup.MustPeriod("2020-22"))
	if d.N() != 2 {
		t.Errorf("countries: %d, want 2", d.N())
	}
}

func TestInterval(t *testing.T) {
	nan := math.NaN()
	prop := &localup.Indicator{ValueType: localup.ValueProportion, Suffix: "%"}
	rate := &localup.Indicator{ValueType: localup.ValueRate}
	count := &localup.Indicator{ValueType: localup.ValueCount}
	ob := func(v, lo, hi, x, n float64) *localup.Observation {
		return &localup.Observation{Value: v, Lower: lo, Upper: hi, Numerator: x, Denominator: n}
	}
	wl, wu := wilson(30, 200)
	tests := []struct {
		name   string
		ind    *localup.Indicator
		o      *localup.Observation
		lo, hi float64
		src    snapshot.IntervalSource
	}{
		{"published wins", prop, ob(15, 10, 20, 30, 200), 10, 20, snapshot.IntervalPublished},
		{"percentage from counts", prop, ob(15, nan, nan, 30, 200), wl, wu, snapshot.IntervalWilson},
		{"fraction from counts", prop, ob(0.15, nan, nan, 30, 200), wl / 100, wu / 100, snapshot.IntervalWilson},
		{"zero percentage", prop, ob(0, nan, nan, 0, 200), 0, 1.8846, snapshot.IntervalWilson},
		{"rate from a small count", rate, ob(5, nan, nan, 5, 100000), 1.6235, 11.6683, snapshot.IntervalExact},
		{"rate from a large count", rate, ob(50, nan, nan, 50, 100000), 37.1081, 65.9202, snapshot.IntervalByars},
		{"counts that do not give the value", prop, ob(40, nan, nan, 30, 200), nan, nan, snapshot.IntervalNone},
		{"count type", count, ob(30, nan, nan, 30, 200), nan, nan, snapshot.IntervalNone},
		{"no counts", prop, ob(15, nan, nan, nan, nan), nan, nan, snapshot.IntervalNone},
		{"numerator above denominator", prop, ob(150, nan, nan, 300, 200), nan, nan, snapshot.IntervalNone},
		{"no value", prop, ob(nan, nan, nan, 30, 200), nan, nan, snapshot.IntervalNone},
	}
	near := func(a, b float64) bool { return math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-3 }
	for _, tt := range tests {
		lo, hi, src := snapshot.Interval(tt.ind, tt.o)
		if !near(lo, tt.lo) || !near(hi, tt.hi) || src != tt.src {
			t.Errorf("%s: Interval = %v, %v, %q; want %v, %v, %q", tt.name, lo, hi, src, tt.lo, tt.hi, tt.src)
		}
	}
}
