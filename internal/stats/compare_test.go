package stats

import (
	"math"
	"testing"
)

func TestComparisonStrings(t *testing.T) {
	want := map[Comparison]string{
		NotCompared: "not compared", Better: "better", Similar: "similar",
		Worse: "worse", Higher: "higher", Lower: "lower",
	}
	for c, s := range want {
		if c.String() != s {
			t.Errorf("%d.String() = %q, want %q", int(c), c.String(), s)
		}
	}
	for p, s := range map[Polarity]string{HigherIsBetter: "higher is better", LowerIsBetter: "lower is better", NoPolarity: "no polarity"} {
		if p.String() != s {
			t.Errorf("%d.String() = %q, want %q", int(p), p.String(), s)
		}
	}
}

func TestCompareToBenchmark(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name          string
		lo, hi, bench float64
		pol           Polarity
		want          Comparison
	}{
		{"above benchmark, higher is better", 12, 15, 10, HigherIsBetter, Better},
		{"above benchmark, lower is better", 12, 15, 10, LowerIsBetter, Worse},
		{"above benchmark, no polarity", 12, 15, 10, NoPolarity, Higher},
		{"below benchmark, higher is better", 5, 8, 10, HigherIsBetter, Worse},
		{"below benchmark, lower is better", 5, 8, 10, LowerIsBetter, Better},
		{"below benchmark, no polarity", 5, 8, 10, NoPolarity, Lower},
		{"benchmark inside", 8, 12, 10, HigherIsBetter, Similar},
		{"benchmark on the lower limit", 10, 12, 10, LowerIsBetter, Similar},
		{"benchmark on the upper limit", 8, 10, 10, NoPolarity, Similar},
		{"no interval", nan, nan, 10, HigherIsBetter, NotCompared},
		{"no benchmark", 8, 12, nan, HigherIsBetter, NotCompared},
		{"inverted interval", 12, 8, 10, HigherIsBetter, NotCompared},
		{"bad polarity", 12, 15, 10, Polarity(2), NotCompared},
	} {
		if got := CompareToBenchmark(tc.lo, tc.hi, tc.bench, tc.pol); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCompareIntervals(t *testing.T) {
	for _, tc := range []struct {
		name               string
		aLo, aHi, bLo, bHi float64
		pol                Polarity
		want               Comparison
	}{
		{"A above B", 20, 25, 10, 15, HigherIsBetter, Better},
		{"A above B, lower is better", 20, 25, 10, 15, LowerIsBetter, Worse},
		{"A below B", 1, 5, 10, 15, NoPolarity, Lower},
		{"overlap", 12, 20, 10, 15, HigherIsBetter, Similar},
		{"touching", 15, 20, 10, 15, HigherIsBetter, Similar},
		{"B missing", 15, 20, math.NaN(), 15, HigherIsBetter, NotCompared},
	} {
		if got := CompareIntervals(tc.aLo, tc.aHi, tc.bLo, tc.bHi, tc.pol); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestCompareProportionToControlLimits: around p = 0.5 with n = 100 the 95%
// limits are 0.5 ± 1.959964·0.05 = [0.402, 0.598] and the 99.8% limits
// 0.5 ± 3.090232·0.05 = [0.3455, 0.6545].
func TestCompareProportionToControlLimits(t *testing.T) {
	for _, tc := range []struct {
		x, conf float64
		pol     Polarity
		want    Comparison
	}{
		{61, 0.95, HigherIsBetter, Better},
		{61, 0.998, HigherIsBetter, Similar},
		{59, 0.95, HigherIsBetter, Similar},
		{40, 0.95, LowerIsBetter, Better},
		{34, 99.8, HigherIsBetter, Worse},
		{66, 0.998, NoPolarity, Higher},
		{math.NaN(), 0.95, HigherIsBetter, NotCompared},
	} {
		got, err := CompareProportionToControlLimits(tc.x, 100, 0.5, tc.conf, tc.pol)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("x=%v conf=%v: got %v, want %v", tc.x, tc.conf, got, tc.want)
		}
	}
	for _, bad := range [][3]float64{{101, 100, 0.5}, {-1, 100, 0.5}, {5, 0, 0.5}, {5, 100, 1.5}} {
		if _, err := CompareProportionToControlLimits(bad[0], bad[1], bad[2], 0.95, HigherIsBetter); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

// TestCompareRateToControlLimits uses a benchmark rate of 0.02 per person
// and a population of 1000, so 20 events are expected. Byar's 95% lower
// limit for 30 events is 20.24 (significantly high) but for 28 it is 18.6;
// the upper limit for 11 events is 19.68 (significantly low) but for 12 it
// is 20.96; below 10 events the exact limits apply (upper for 5: 11.67).
func TestCompareRateToControlLimits(t *testing.T) {
	for _, tc := range []struct {
		count float64
		pol   Polarity
		want  Comparison
	}{
		{30, LowerIsBetter, Worse},
		{28, LowerIsBetter, Similar},
		{12, HigherIsBetter, Similar},
		{11, HigherIsBetter, Worse},
		{5, NoPolarity, Lower},
		{math.NaN(), NoPolarity, NotCompared},
	} {
		got, err := CompareRateToControlLimits(tc.count, 1000, 0.02, 0.95, tc.pol)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("count %v: got %v, want %v", tc.count, got, tc.want)
		}
	}
	if _, err := CompareRateToControlLimits(-1, 1000, 0.02, 0.95, NoPolarity); err == nil {
		t.Error("negative count accepted")
	}
	if _, err := CompareRateToControlLimits(5, 0, 0.02, 0.95, NoPolarity); err == nil {
		t.Error("zero population accepted")
	}
}

func TestFunnelSignificanceComparison(t *testing.T) {
	for _, tc := range []struct {
		s    FunnelSignificance
		pol  Polarity
		want Comparison
		text string
	}{
		{FunnelHigh998, HigherIsBetter, Better, "High (0.001)"},
		{FunnelHigh95, LowerIsBetter, Worse, "High (0.025)"},
		{FunnelLow998, NoPolarity, Lower, "Low (0.001)"},
		{FunnelLow95, HigherIsBetter, Worse, "Low (0.025)"},
		{FunnelNotSignificant, LowerIsBetter, Similar, "Not significant"},
		{FunnelNotApplicable, HigherIsBetter, NotCompared, "Not applicable for events less than 10 for dsrs"},
	} {
		if got := tc.s.Comparison(tc.pol); got != tc.want || tc.s.String() != tc.text {
			t.Errorf("%v.Comparison(%v) = %v (%q), want %v (%q)", tc.s, tc.pol, got, tc.s.String(), tc.want, tc.text)
		}
	}
}
