package missions

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheckTarget(t *testing.T) {
	ks2 := Target{IndicatorID: idKS2, Kind: TargetAtLeast, Value: 90, Year: 2030, BaselineYear: 2019}
	hle := Target{IndicatorID: idHLEFemale, Kind: TargetChangeBy, Value: 5, Year: 2035}
	halve := Target{Kind: TargetChangeByFraction, Value: -0.5, Year: 2030}
	n := math.NaN()
	tests := []struct {
		name   string
		target Target
		series []Point
		want   TargetCheck
		err    error
	}{
		{
			// Level 90; latest 60 in 2023: distance 30, 2030 − 2023 = 7 years left,
			// needed 30/7 = 4.2857 a year. Slope of 65, 59, 60 over 2019, 2021, 2023
			// is −1.25 (see TestSlope); 60 − 1.25×7 = 51.25 < 90 → off track.
			name: "off track", target: ks2,
			series: []Point{{p("2019"), 65}, {p("2021"), 59}, {p("2023"), 60}},
			want: TargetCheck{Target: ks2, Baseline: Point{p("2019"), 65}, Latest: Point{p("2023"), 60}, Level: 90,
				Distance: 30, YearsLeft: 7, NeededPerYear: 30.0 / 7, PerYearSoFar: -1.25, Status: TargetOffTrack},
		},
		{
			// 80, 84, 88: x̄ 2021, ȳ 84; Σdxdy = (−2)(−4) + (2)(4) = 16; Σdx² = 8; slope 2.
			// Distance 2, needed 2/7; 88 + 2×7 = 102 ≥ 90 → on track.
			name: "on track", target: ks2,
			series: []Point{{p("2019"), 80}, {p("2021"), 84}, {p("2023"), 88}},
			want: TargetCheck{Target: ks2, Baseline: Point{p("2019"), 80}, Latest: Point{p("2023"), 88}, Level: 90,
				Distance: 2, YearsLeft: 7, NeededPerYear: 2.0 / 7, PerYearSoFar: 2, Status: TargetOnTrack},
		},
		{
			// Already 91 ≥ 90: met; distance −1.
			name: "met", target: ks2,
			series: []Point{{p("2019"), 89}, {p("2023"), 91}},
			want: TargetCheck{Target: ks2, Baseline: Point{p("2019"), 89}, Latest: Point{p("2023"), 91}, Level: 90,
				Distance: -1, YearsLeft: 7, NeededPerYear: -1.0 / 7, PerYearSoFar: 0.5, Status: TargetMet},
		},
		{
			// School years start on 1 September (the IDS file's ISO periods): the latest,
			// 2022/23, sits at 2022 + 243/365; the deadline is 1 January 2030, so 7.3342…
			// years are left, within which the 2029/30 results fall. Baseline 2018/19 (65).
			// Slope over 2018/19, 2021/22, 2022/23 (starts 2018.665…, 2021.665…, 2022.665…;
			// none a leap year, so exactly 3 and 1 years apart): x offsets −7/3, 2/3, 5/3,
			// y offsets 65 − 61⅓ = 11/3, −7/3, −4/3 → Σdxdy = (−77 − 14 − 20)/9 = −111/9,
			// Σdx² = (49 + 4 + 25)/9 = 78/9 → −111/78 = −1.4231.
			name: "school years", target: ks2,
			series: []Point{{p("2018-09-01/P1Y"), 65}, {p("2021-09-01/P1Y"), 59}, {p("2022-09-01/P1Y"), 60}},
			want: TargetCheck{Target: ks2, Baseline: Point{p("2018-09-01/P1Y"), 65}, Latest: Point{p("2022-09-01/P1Y"), 60}, Level: 90,
				Distance: 30, YearsLeft: 2030 - (2022 + 243.0/365), NeededPerYear: 30 / (2030 - (2022 + 243.0/365)),
				PerYearSoFar: -1.4230769230769231, Status: TargetOffTrack},
		},
		{
			// HLE +5 by 2035, default baseline 2019 → 2017-19 (63.0); level 68.0.
			// Latest 2020-22 starts 2020: 15 years left; distance 5.6; needed 5.6/15 = 0.3733.
			// Slope over starts 2017..2020 of 63.0, 63.2, 62.8, 62.4: x̄ 2018.5, ȳ 62.85;
			// Σdxdy = (−1.5)(0.15) + (−0.5)(0.35) + (0.5)(−0.05) + (1.5)(−0.45) = −1.1; Σdx² = 5 → −0.22.
			name: "change by, three-year periods", target: hle,
			series: []Point{{p("2016-18"), 62.9}, {p("2017-19"), 63.0}, {p("2018-20"), 63.2}, {p("2019-21"), 62.8}, {p("2020-22"), 62.4}},
			want: TargetCheck{Target: hle, Baseline: Point{p("2017-19"), 63.0}, Latest: Point{p("2020-22"), 62.4}, Level: 68,
				Distance: 5.6, YearsLeft: 15, NeededPerYear: 5.6 / 15, PerYearSoFar: -0.22, Status: TargetOffTrack},
		},
		{
			// Halve from 10: level 5. 10, 8, 6 over 2019, 2021, 2023: slope −1.
			// Distance 5 − 6 = −1 (down), needed −1/7; 6 − 7 = −1 ≤ 5 → on track.
			name: "fall by half", target: halve,
			series: []Point{{p("2019"), 10}, {p("2021"), 8}, {p("2023"), 6}},
			want: TargetCheck{Target: halve, Baseline: Point{p("2019"), 10}, Latest: Point{p("2023"), 6}, Level: 5,
				Distance: -1, YearsLeft: 7, NeededPerYear: -1.0 / 7, PerYearSoFar: -1, Status: TargetOnTrack},
		},
		{
			// The 2015 value is before the baseline, so it does not count towards the
			// slope: 60 → 64 over 2019..2023 is +1 a year. 64 + 7 = 71 < 90.
			name: "slope from the baseline", target: ks2,
			series: []Point{{p("2015"), 100}, {p("2019"), 60}, {p("2023"), 64}},
			want: TargetCheck{Target: ks2, Baseline: Point{p("2019"), 60}, Latest: Point{p("2023"), 64}, Level: 90,
				Distance: 26, YearsLeft: 7, NeededPerYear: 26.0 / 7, PerYearSoFar: 1, Status: TargetOffTrack},
		},
		{
			name: "single period", target: ks2,
			series: []Point{{p("2023"), 60}, {p("2022"), n}},
			want: TargetCheck{Target: ks2, Baseline: Point{p("2023"), 60}, Latest: Point{p("2023"), 60}, Level: 90,
				Distance: 30, YearsLeft: 7, NeededPerYear: 30.0 / 7, PerYearSoFar: n, Status: TargetTooLittle},
		},
		{
			// A 2020 deadline judged in 2023: missed; nothing more is needed per year.
			name: "missed", target: Target{Kind: TargetAtLeast, Value: 90, Year: 2020},
			series: []Point{{p("2019"), 60}, {p("2023"), 64}},
			want: TargetCheck{Target: Target{Kind: TargetAtLeast, Value: 90, Year: 2020}, Baseline: Point{p("2019"), 60}, Latest: Point{p("2023"), 64},
				Level: 90, Distance: 26, YearsLeft: -3, NeededPerYear: n, PerYearSoFar: 1, Status: TargetMissed},
		},
		{name: "not numeric", target: Target{Kind: TargetImprove, Year: 2030}, series: []Point{{p("2019"), 1}}, err: ErrNotNumeric},
		{name: "gap target", target: Target{Kind: TargetGapNarrowed, Year: 2030}, series: []Point{{p("2019"), 1}}, err: ErrNotNumeric},
		{name: "no year", target: Target{Kind: TargetAtLeast, Value: 1}, series: []Point{{p("2019"), 1}}, err: ErrInvalid},
		{name: "no data", target: ks2, series: []Point{{p("2019"), n}}, err: ErrNoData},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckTarget(tt.target, tt.series)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if diff := cmp.Diff(tt.want, got, nanOK); diff != "" {
				t.Errorf("CheckTarget (-want +got):\n%s", diff)
			}
			if got.OnTrack() != (got.Status == TargetMet || got.Status == TargetOnTrack) {
				t.Errorf("OnTrack() = %v for status %q", got.OnTrack(), got.Status)
			}
		})
	}
}

// The catalogue's numeric targets can all be checked.
func TestCatalogueTargetsCheck(t *testing.T) {
	series := []Point{{p("2019"), 50}, {p("2022"), 55}}
	for _, m := range All() {
		for _, tg := range m.Targets {
			_, err := CheckTarget(tg, series)
			if tg.Numeric() && err != nil {
				t.Errorf("mission %d: CheckTarget(%s on %s): %v", m.Number, tg.Kind, tg.IndicatorID, err)
			}
			if !tg.Numeric() && !errors.Is(err, ErrNotNumeric) {
				t.Errorf("mission %d: CheckTarget(%s) err = %v, want ErrNotNumeric", m.Number, tg.Kind, err)
			}
		}
	}
}
