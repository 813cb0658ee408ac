package numfmt

import (
	"math"
	"testing"
)

func TestAffix(t *testing.T) {
	for _, tc := range []struct {
		v              float64
		dp             int
		prefix, suffix string
		want           string
	}{
		{1234.5, 0, "", "", "1,235"},
		{1234567.891, 2, "£", "", "£1,234,567.89"},
		{-3.25, 1, "£", "", "-£3.3"}, // half away from zero
		{-0.04, 1, "", "%", "0.0%"},  // no sign on a rounded zero
		{999.96, 1, "", "", "1,000.0"},
		{12, -1, "", " years", "12 years"},
		{math.NaN(), 1, "£", "", ""},
		{math.Inf(1), 0, "", "", ""},
	} {
		if got := Affix(tc.v, tc.dp, tc.prefix, tc.suffix); got != tc.want {
			t.Errorf("Affix(%v, %d, %q, %q) = %q, want %q", tc.v, tc.dp, tc.prefix, tc.suffix, got, tc.want)
		}
	}
	if got := Group(65432.1, 1); got != "65,432.1" {
		t.Errorf("Group = %q", got)
	}
}

func TestInt(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", -1500000000: "-1,500,000,000",
		math.MaxInt64: "9,223,372,036,854,775,807"} {
		if got := Int(n); got != want {
			t.Errorf("Int(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestOrdinalAndPlural(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 112: "112th", 361: "361st"} {
		if got := Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
	if Plural(1, "place", "places") != "place" || Plural(0, "place", "places") != "places" || Plural(2, "place", "places") != "places" {
		t.Error("Plural")
	}
}
