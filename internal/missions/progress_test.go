package missions

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/localup/localup"
)

func TestProgressOf(t *testing.T) {
	years := Format{Suffix: " years", Decimals: 1}
	pounds := Format{Prefix: "£"}
	pct := Format{Suffix: "%"}
	score := Format{Suffix: " out of 10", Decimals: 1}
	n := math.NaN()
	tests := []struct {
		name    string
		series  Series
		want    Progress
		summary string
		err     error
	}{
		{
			// Baseline for 2019 is 2017-19 (the first three-year period including 2019).
			// Change 61.2 − 60.4 = 0.8. Gap to England: 60.4 − 63.9 = −3.5, then
			// 61.2 − 63.9 = −2.7; |−2.7| < |−3.5| → narrowed. Higher is better → improved.
			name: "healthy life expectancy",
			series: Series{Title: "Healthy life expectancy for women", Polarity: localup.HigherIsBetter, Format: years,
				Place:   []Point{{p("2019-21"), 61.2}, {p("2017-19"), 60.4}, {p("2018-20"), 60.9}, {p("2016-18"), 60.1}},
				England: []Point{{p("2017-19"), 63.9}, {p("2018-20"), 63.9}, {p("2019-21"), 63.9}}},
			want: Progress{Title: "Healthy life expectancy for women", Polarity: localup.HigherIsBetter, Format: years,
				Baseline: Point{p("2017-19"), 60.4}, Latest: Point{p("2019-21"), 61.2}, Change: 0.8, Direction: Improved,
				EnglandBaseline: 63.9, EnglandLatest: 63.9, GapBaseline: -3.5, GapLatest: -2.7, Gap: GapNarrowed},
			summary: "Healthy life expectancy for women: 61.2 years, up 0.8 since 2017-19; the gap to England narrowed",
		},
		{
			// Calendar years: baseline 2019. 612 − 520 = 92. Gap 520 − 587 = −67, 612 − 683 = −71 → widened.
			name: "pay",
			series: Series{Title: "Gross median weekly pay", Polarity: localup.HigherIsBetter, Format: pounds,
				Place:   []Point{{p("2018"), 500}, {p("2019"), 520}, {p("2023"), 612}},
				England: []Point{{p("2019"), 587}, {p("2023"), 683}}},
			want: Progress{Title: "Gross median weekly pay", Polarity: localup.HigherIsBetter, Format: pounds,
				Baseline: Point{p("2019"), 520}, Latest: Point{p("2023"), 612}, Change: 92, Direction: Improved,
				EnglandBaseline: 587, EnglandLatest: 683, GapBaseline: -67, GapLatest: -71, Gap: GapWidened},
			summary: "Gross median weekly pay: £612, up £92 since 2019; the gap to England widened",
		},
		{
			// Lower is better. 24 − 11 = +13 → worsened. Gaps oriented England − place:
			// 10.9 − 11 = −0.1 (level at 0 dp), 22.5 − 24 = −1.5 → widened.
			name: "persistent absence",
			series: Series{Title: "Persistent absence", Polarity: localup.LowerIsBetter, Format: pct,
				Place:   []Point{{school("2018-19"), 11}, {school("2021-22"), 24}},
				England: []Point{{school("2018-19"), 10.9}, {school("2021-22"), 22.5}}},
			want: Progress{Title: "Persistent absence", Polarity: localup.LowerIsBetter, Format: pct,
				Baseline: Point{school("2018-19"), 11}, Latest: Point{school("2021-22"), 24}, Change: 13, Direction: Worsened,
				EnglandBaseline: 10.9, EnglandLatest: 22.5, GapBaseline: -0.1, GapLatest: -1.5, Gap: GapWidened},
			summary: "Persistent absence: 24%, up 13 percentage points since 2018-19; the gap to England widened",
		},
		{
			// Lower is better and falling: 20 − 25 = −5 → improved; £ change written "down".
			name: "down",
			series: Series{Title: "Homicide rate", Polarity: localup.LowerIsBetter, Format: Format{},
				Place: []Point{{p("2019"), 25}, {p("2022"), 20}}},
			want: Progress{Title: "Homicide rate", Polarity: localup.LowerIsBetter, Format: Format{},
				Baseline: Point{p("2019"), 25}, Latest: Point{p("2022"), 20}, Change: -5, Direction: Improved,
				EnglandBaseline: n, EnglandLatest: n, GapBaseline: n, GapLatest: n},
			summary: "Homicide rate: 20, down 5 since 2019",
		},
		{
			// 7.43 − 7.4 = 0.03, which rounds to 0.0 → no change. Gaps −0.1 → −0.09: |d| = 0.01 → unchanged.
			name: "no change",
			series: Series{Title: "Life satisfaction", Polarity: localup.HigherIsBetter, Format: score,
				Place:   []Point{{p("2019"), 7.4}, {p("2022"), 7.43}},
				England: []Point{{p("2019"), 7.5}, {p("2022"), 7.52}}},
			want: Progress{Title: "Life satisfaction", Polarity: localup.HigherIsBetter, Format: score,
				Baseline: Point{p("2019"), 7.4}, Latest: Point{p("2022"), 7.43}, Change: 0.03, Direction: NoChange,
				EnglandBaseline: 7.5, EnglandLatest: 7.52, GapBaseline: -0.1, GapLatest: -0.09, Gap: GapUnchanged},
			summary: "Life satisfaction: 7.4 out of 10, no change since 2019; the gap to England did not change",
		},
		{
			// Gap −2 → +2: the same size, but the words say the place moved ahead.
			name: "moved ahead",
			series: Series{Title: "Employment rate", Polarity: localup.HigherIsBetter, Format: Format{Suffix: "%", Decimals: 1},
				Place:   []Point{{p("2019"), 60}, {p("2023"), 65}},
				England: []Point{{p("2019"), 62}, {p("2023"), 63}}},
			want: Progress{Title: "Employment rate", Polarity: localup.HigherIsBetter, Format: Format{Suffix: "%", Decimals: 1},
				Baseline: Point{p("2019"), 60}, Latest: Point{p("2023"), 65}, Change: 5, Direction: Improved,
				EnglandBaseline: 62, EnglandLatest: 63, GapBaseline: -2, GapLatest: 2, Gap: GapUnchanged},
			summary: "Employment rate: 65.0%, up 5.0 percentage points since 2019; it moved ahead of England",
		},
		{
			// Ahead both times: 70 − 65 = 5 → 72 − 66 = 6: the lead grew.
			name: "lead grew",
			series: Series{Title: "Happiness", Polarity: localup.HigherIsBetter, Format: Format{},
				Place:   []Point{{p("2019"), 70}, {p("2023"), 72}},
				England: []Point{{p("2019"), 65}, {p("2023"), 66}}},
			want: Progress{Title: "Happiness", Polarity: localup.HigherIsBetter, Format: Format{},
				Baseline: Point{p("2019"), 70}, Latest: Point{p("2023"), 72}, Change: 2, Direction: Improved,
				EnglandBaseline: 65, EnglandLatest: 66, GapBaseline: 5, GapLatest: 6, Gap: GapWidened},
			summary: "Happiness: 72, up 2 since 2019; its lead over England grew",
		},
		{
			// Ahead 3 → behind 1: fell behind.
			name: "fell behind",
			series: Series{Title: "Pay", Polarity: localup.HigherIsBetter, Format: pounds,
				Place:   []Point{{p("2019"), 600}, {p("2023"), 640}},
				England: []Point{{p("2019"), 597}, {p("2023"), 641}}},
			want: Progress{Title: "Pay", Polarity: localup.HigherIsBetter, Format: pounds,
				Baseline: Point{p("2019"), 600}, Latest: Point{p("2023"), 640}, Change: 40, Direction: Improved,
				EnglandBaseline: 597, EnglandLatest: 641, GapBaseline: 3, GapLatest: -1, Gap: GapNarrowed},
			summary: "Pay: £640, up £40 since 2019; it fell behind England",
		},
		{
			// Behind 4 → level (0.2 rounds to 0 at 0 dp).
			name: "now level",
			series: Series{Title: "Pay", Polarity: localup.HigherIsBetter, Format: pounds,
				Place:   []Point{{p("2019"), 600}, {p("2023"), 650}},
				England: []Point{{p("2019"), 604}, {p("2023"), 650.2}}},
			want: Progress{Title: "Pay", Polarity: localup.HigherIsBetter, Format: pounds,
				Baseline: Point{p("2019"), 600}, Latest: Point{p("2023"), 650}, Change: 50, Direction: Improved,
				EnglandBaseline: 604, EnglandLatest: 650.2, GapBaseline: -4, GapLatest: -0.2, Gap: GapNarrowed},
			summary: "Pay: £650, up £50 since 2019; it is now level with England",
		},
		{
			// No polarity: "changed", and the difference from England, not a gap.
			name: "no polarity",
			series: Series{Title: "Population", Polarity: localup.NoPolarity, Format: Format{},
				Place:   []Point{{p("2019"), 100}, {p("2023"), 90}},
				England: []Point{{p("2019"), 120}, {p("2023"), 100}}},
			want: Progress{Title: "Population", Polarity: localup.NoPolarity, Format: Format{},
				Baseline: Point{p("2019"), 100}, Latest: Point{p("2023"), 90}, Change: -10, Direction: Changed,
				EnglandBaseline: 120, EnglandLatest: 100, GapBaseline: -20, GapLatest: -10, Gap: GapNarrowed},
			summary: "Population: 90, down 10 since 2019; the difference from England narrowed",
		},
		{
			// England has no figure for the baseline period: no gap change and no clause.
			name: "England baseline missing",
			series: Series{Title: "Pay", Polarity: localup.HigherIsBetter, Format: pounds,
				Place:   []Point{{p("2019"), 600}, {p("2023"), 640}},
				England: []Point{{p("2019"), n}, {p("2023"), 641}}},
			want: Progress{Title: "Pay", Polarity: localup.HigherIsBetter, Format: pounds,
				Baseline: Point{p("2019"), 600}, Latest: Point{p("2023"), 640}, Change: 40, Direction: Improved,
				EnglandBaseline: n, EnglandLatest: 641, GapBaseline: n, GapLatest: -1},
			summary: "Pay: £640, up £40 since 2019",
		},
		{
			// One period: no change to report.
			name: "single period",
			series: Series{Title: "Population under a devolution deal", Polarity: localup.HigherIsBetter, Format: Format{Suffix: "%", Decimals: 1},
				Place:   []Point{{p("As of 13 January 2023"), 41.0624}},
				England: []Point{{p("As of 13 January 2023"), 41.0624}}},
			want: Progress{Title: "Population under a devolution deal", Polarity: localup.HigherIsBetter, Format: Format{Suffix: "%", Decimals: 1},
				Baseline: Point{p("As of 13 January 2023"), 41.0624}, Latest: Point{p("As of 13 January 2023"), 41.0624}, Change: n,
				EnglandBaseline: 41.0624, EnglandLatest: 41.0624, GapBaseline: 0, GapLatest: 0},
			summary: "Population under a devolution deal: 41.1% (13 Jan 2023); there is no earlier figure to compare",
		},
		{
			// A NaN baseline-year value is skipped: the baseline becomes 2020, the nearest present.
			name: "missing baseline value",
			series: Series{Title: "Pay", Polarity: localup.HigherIsBetter, Format: pounds, BaselineYear: 2019,
				Place: []Point{{p("2019"), n}, {p("2020"), 610}, {p("2023"), 640}}},
			want: Progress{Title: "Pay", Polarity: localup.HigherIsBetter, Format: pounds,
				Baseline: Point{p("2020"), 610}, Latest: Point{p("2023"), 640}, Change: 30, Direction: Improved,
				EnglandBaseline: n, EnglandLatest: n, GapBaseline: n, GapLatest: n},
			summary: "Pay: £640, up £30 since 2020",
		},
		{name: "no values", series: Series{Title: "Pay", Place: []Point{{p("2019"), n}}}, err: ErrNoData},
		{name: "duplicate period", series: Series{Title: "Pay", Place: []Point{{p("2019"), 1}, {p("2019"), 2}}}, err: ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ProgressOf(tt.series)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(tt.want, got, nanOK); diff != "" {
				t.Errorf("ProgressOf (-want +got):\n%s", diff)
			}
			if s := got.Summary(); s != tt.summary {
				t.Errorf("Summary:\n got %q\nwant %q", s, tt.summary)
			}
		})
	}
}
