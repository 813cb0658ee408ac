package stats

import (
	"errors"
	"math"
	"testing"
)

func TestRecentTrendProportion(t *testing.T) {
	n5 := []float64{1000, 1000, 1000, 1000, 1000}
	for _, tc := range []struct {
		name       string
		num, den   []float64
		want       Trend
		wantStable bool
	}{
		{"clear increase", []float64{100, 150, 200, 250, 300}, n5, TrendIncreasing, true},
		{"clear decrease", []float64{300, 250, 200, 150, 100}, n5, TrendDecreasing, true},
		{"no change", []float64{200, 205, 198, 202, 201}, n5, TrendNoSignificantChange, false},
		// Significant overall only because of the last year: without it the
		// proportions fall, so the leave-one-out rule blocks the marker.
		{"leave-one-out sign flip", []float64{110, 105, 100, 95, 400}, n5, TrendNoSignificantChange, false},
		{"uses the last five points", []float64{900, 900, 100, 150, 200, 250, 300}, []float64{1000, 1000, 1000, 1000, 1000, 1000, 1000}, TrendIncreasing, true},
		{"fewer than five points", []float64{100, 150, 200, 250}, n5[:4], TrendCannotBeCalculated, false},
		{"missing value", []float64{100, 150, math.NaN(), 250, 300}, n5, TrendCannotBeCalculated, false},
		{"zero numerator", []float64{0, 150, 200, 250, 300}, n5, TrendCannotBeCalculated, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := RecentTrendProportion(tc.num, tc.den)
			if err != nil {
				t.Fatal(err)
			}
			if got.Trend != tc.want || got.StableDirection != tc.wantStable {
				t.Errorf("got %v (χ² %.3f, slope %.4f, stable %v), want %v (stable %v)",
					got.Trend, got.ChiSquared, got.Slope, got.StableDirection, tc.want, tc.wantStable)
			}
			if tc.name == "leave-one-out sign flip" && !(got.ChiSquared > TrendChiSquaredThreshold) {
				t.Errorf("flip case should be significant by χ² alone: %v", got.ChiSquared)
			}
		})
	}
}

// TestRecentTrendProportionChiSquared checks the statistic by hand:
// r = 10…50 of 100 each: N = 500, R = 150, Σrt = 550, Σnt = 1500,
// Σnt² = 5500, so χ² = 500·(500·550 − 150·1500)² / (150·350·(500·5500 −
// 1500²)) = 1.25e12 / 2.625e10 = 47.619….
func TestRecentTrendProportionChiSquared(t *testing.T) {
	got, err := RecentTrendProportion([]float64{10, 20, 30, 40, 50}, []float64{100, 100, 100, 100, 100})
	if err != nil {
		t.Fatal(err)
	}
	if want := 1.25e12 / 2.625e10; math.Abs(got.ChiSquared-want) > 1e-9*want {
		t.Errorf("χ² = %.12g, want %.12g", got.ChiSquared, want)
	}
	if got.Trend != TrendIncreasing {
		t.Errorf("trend %v", got.Trend)
	}
}

func TestRecentTrendCI(t *testing.T) {
	// With every standard error 1 (interval width 3.92) and values 1…5,
	// β = 1, var(β) = Σw/(Σw·Σwt² − (Σwt)²) = 5/50, so χ² = 10: just above
	// the 9.5495 threshold. Widening the intervals by 5% gives χ² = 9.07.
	ci := func(v []float64, half float64) (lo, hi []float64) {
		for _, x := range v {
			lo = append(lo, x-half)
			hi = append(hi, x+half)
		}
		return lo, hi
	}
	up := []float64{1, 2, 3, 4, 5}
	down := []float64{5, 4, 3, 2, 1}
	lo1, hi1 := ci(up, 1.96)
	lo2, hi2 := ci(up, 1.96*1.05)
	lo3, hi3 := ci(down, 1.96)
	flip := []float64{3, 2.5, 2, 1.5, 12}
	loF, hiF := ci(flip, 1.96)
	for _, tc := range []struct {
		name          string
		v, lo, hi     []float64
		want          Trend
		wantChi2      float64
		checkChi2     bool
		wantErrOrNone bool
	}{
		{"borderline significant increase", up, lo1, hi1, TrendIncreasing, 10, true, false},
		{"wider intervals: not significant", up, lo2, hi2, TrendNoSignificantChange, 10 / (1.05 * 1.05), true, false},
		{"decrease", down, lo3, hi3, TrendDecreasing, 10, true, false},
		{"leave-one-out sign flip", flip, loF, hiF, TrendNoSignificantChange, 0, false, false},
		{"fewer than five", up[:4], lo1[:4], hi1[:4], TrendCannotBeCalculated, 0, false, false},
		{"zero-width interval", up, up, up, TrendCannotBeCalculated, 0, false, false},
		{"missing limit", up, []float64{0, 1, math.NaN(), 3, 4}, hi1, TrendCannotBeCalculated, 0, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := RecentTrendCI(tc.v, tc.lo, tc.hi)
			if err != nil {
				t.Fatal(err)
			}
			if got.Trend != tc.want {
				t.Errorf("trend %v (χ² %.4f, stable %v), want %v", got.Trend, got.ChiSquared, got.StableDirection, tc.want)
			}
			if tc.checkChi2 && math.Abs(got.ChiSquared-tc.wantChi2) > 1e-9*tc.wantChi2 {
				t.Errorf("χ² = %.12g, want %.12g", got.ChiSquared, tc.wantChi2)
			}
			if tc.name == "leave-one-out sign flip" && (got.StableDirection || !(got.ChiSquared > TrendChiSquaredThreshold)) {
				t.Errorf("flip case: χ² %v, stable %v", got.ChiSquared, got.StableDirection)
			}
		})
	}
}

func TestRecentTrendErrors(t *testing.T) {
	n5 := []float64{100, 100, 100, 100, 100}
	for name, f := range map[string]func() error{
		"lengths":    func() error { _, err := RecentTrendProportion([]float64{1, 2, 3, 4, 5}, n5[:4]); return err },
		"negative":   func() error { _, err := RecentTrendProportion([]float64{1, 2, -3, 4, 5}, n5); return err },
		"x > n":      func() error { _, err := RecentTrendProportion([]float64{1, 2, 300, 4, 5}, n5); return err },
		"ci lengths": func() error { _, err := RecentTrendCI(n5, n5, n5[:3]); return err },
		"lower > upper": func() error {
			_, err := RecentTrendCI(n5, []float64{1, 1, 1, 1, 1}, []float64{2, 2, 0, 2, 2})
			return err
		},
		"infinite value": func() error { _, err := RecentTrendCI([]float64{1, 2, math.Inf(1), 4, 5}, n5, n5); return err },
	} {
		if err := f(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestTrendAssess(t *testing.T) {
	for _, tc := range []struct {
		tr   Trend
		pol  Polarity
		want TrendAssessment
		text string
	}{
		{TrendIncreasing, HigherIsBetter, TrendGettingBetter, "getting better"},
		{TrendIncreasing, LowerIsBetter, TrendGettingWorse, "getting worse"},
		{TrendDecreasing, HigherIsBetter, TrendGettingWorse, "getting worse"},
		{TrendDecreasing, LowerIsBetter, TrendGettingBetter, "getting better"},
		{TrendIncreasing, NoPolarity, TrendUp, "increasing"},
		{TrendDecreasing, NoPolarity, TrendDown, "decreasing"},
		{TrendNoSignificantChange, HigherIsBetter, TrendNoChange, "no significant change"},
		{TrendCannotBeCalculated, LowerIsBetter, TrendNotAssessed, "could not be calculated"},
		{TrendIncreasing, Polarity(7), TrendNotAssessed, "could not be calculated"},
	} {
		got := tc.tr.Assess(tc.pol)
		if got != tc.want || got.String() != tc.text {
			t.Errorf("%v.Assess(%v) = %v (%q), want %v (%q)", tc.tr, tc.pol, got, got.String(), tc.want, tc.text)
		}
	}
	if s := TrendIncreasing.String(); s != "increasing" {
		t.Errorf("String = %q", s)
	}
	if !errors.Is(ErrInvalid, ErrInvalid) {
		t.Fatal("sanity")
	}
}
