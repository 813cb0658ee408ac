package localup

import (
	"testing"
	"time"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in, want, label string
	}{
		{"2023", "2023-01-01/P1Y", "2023"},
		{"2011-13", "2011-01-01/P3Y", "2011-13"},
		{"2018-20", "2018-01-01/P3Y", "2018-20"},
		{"2021-22", "2021-04-01/P1Y", "2021-22"},
		{"202122", "2021-04-01/P1Y", "2021-22"},
		{"200809", "2008-04-01/P1Y", "2008-09"},
		{"199900", "1999-04-01/P1Y", "1999-00"},
		{"2020-2021", "2020-04-01/P1Y", "2020-21"},
		{"201922", "2019-04-01/P3Y", "2019-22"},
		{"2023-09", "2023-09-01/P1M", "Sep 2023"},
		{"2024-01", "2024-01-01/P1M", "Jan 2024"},
		{"2025-04-30", "2025-04-30", "30 Apr 2025"},
		{"2015-09-01T00:00:00/P1Y", "2015-09-01/P1Y", "2015-16"},
		{"2022-08-01T00:00:00/P3M", "2022-08-01/P3M", "Aug 2022 (quarter)"},
		{"2011-01-01/P3Y", "2011-01-01/P3Y", "2011-13"},
		{"2021-04-01/P1Y", "2021-04-01/P1Y", "2021-22"},
		{"2023-07-31T00:00:00", "2023-07-31", "31 Jul 2023"},
		{"As of 13 January 2023", "2023-01-13", "13 Jan 2023"},
		{"2019-04-01T00:00:00/P3Y", "2019-04-01/P3Y", "2019-22"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if err != nil {
			t.Errorf("ParsePeriod(%q): %v", tt.in, err)
			continue
		}
		if got := p.String(); got != tt.want {
			t.Errorf("ParsePeriod(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if got := p.Label(); got != tt.label {
			t.Errorf("ParsePeriod(%q).Label() = %s, want %s", tt.in, got, tt.label)
		}
		// The canonical form must parse back to itself.
		q, err := ParsePeriod(p.String())
		if err != nil || q != p {
			t.Errorf("round trip of %s: got %v, %v", p, q, err)
		}
	}
	for _, bad := range []string{"", "abc", "20x3", "2023-13-01", "2021-04-01/PX", "As of someday", "1234567"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) succeeded, want an error", bad)
		}
	}
}

func TestPeriodOrder(t *testing.T) {
	a, b, c := MustPeriod("2021"), MustPeriod("2021-22"), MustPeriod("2021-23")
	if !a.Before(b) || !a.Before(c) || b.Before(a) {
		t.Errorf("order wrong: %v %v %v", a, b, c)
	}
}

func TestClassifyCode(t *testing.T) {
	for code, want := range map[string]AreaType{
		"E06000001": AreaLAD, "S12000033": AreaLAD, "N09000001": AreaLAD, "W06000001": AreaLAD,
		"E12000001": AreaRegion, "E92000001": AreaCountry, "K02000001": AreaUK, "E47000001": AreaCombinedAuthority,
		"E10000002": AreaCounty, "E23000001": AreaPoliceForce, "TLC": AreaITL1, "E01000001": AreaLSOA, "X": AreaOther,
	} {
		if got := ClassifyCode(code); got != want {
			t.Errorf("ClassifyCode(%s) = %s, want %s", code, got, want)
		}
	}
}

func TestPeriodCompare(t *testing.T) {
	y2019, fy := MustPeriod("2019"), MustPeriod("2019-20")
	same := Period{Start: y2019.Start.In(time.FixedZone("BST", 3600)), Months: 12}
	for _, tc := range []struct {
		a, b Period
		want int
	}{
		{y2019, fy, -1},
		{fy, y2019, 1},
		{y2019, same, 0}, // the same year, its start made in another zone and its length in months
		{MustPeriod("2017-19"), MustPeriod("2017"), 1},
	} {
		if got := tc.a.Compare(tc.b); got != tc.want {
			t.Errorf("%s.Compare(%s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := tc.a.Equal(tc.b); got != (tc.want == 0) {
			t.Errorf("%s.Equal(%s) = %v", tc.a, tc.b, got)
		}
	}
}
