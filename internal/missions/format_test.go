package missions

import (
	"math"
	"testing"

	"github.com/localup/localup"
)

func TestFormatOf(t *testing.T) {
	ind := localup.Indicator{Unit: "yrs", Suffix: " years", Prefix: "", DecimalPlaces: 1}
	if got, want := FormatOf(ind), (Format{Suffix: " years", Decimals: 1}); got != want {
		t.Errorf("FormatOf = %+v, want %+v", got, want)
	}
	if got := FormatOf(localup.Indicator{DecimalPlaces: -1}); got.Decimals != 0 {
		t.Errorf("negative decimal places give %d", got.Decimals)
	}
}

func TestFormatValueAndChange(t *testing.T) {
	pounds, pct, years := Format{Prefix: "£"}, Format{Suffix: "%", Decimals: 1}, Format{Suffix: " years", Decimals: 1}
	tests := []struct {
		f      Format
		v      float64
		value  string
		change string
	}{
		{pounds, 612, "£612", "£612"},
		{pounds, 1234567.891, "£1,234,568", "£1,234,568"},
		{pounds, -1250, "-£1,250", "£1,250"},
		{pounds, 999.5, "£1,000", "£1,000"}, // rounds half away from zero
		{pounds, 100, "£100", "£100"},
		{pct, 65, "65.0%", "65.0 percentage points"},
		{pct, -2.14, "-2.1%", "2.1 percentage points"},
		{years, 61.25, "61.3 years", "61.3"},
		{years, -0.04, "0.0 years", "0.0"}, // rounds to zero: no minus sign
		{years, math.NaN(), "no data", "no data"},
		{Format{Decimals: 2}, 1234.5, "1,234.50", "1,234.50"},
	}
	for _, tt := range tests {
		if got := tt.f.Value(tt.v); got != tt.value {
			t.Errorf("%+v.Value(%v) = %q, want %q", tt.f, tt.v, got, tt.value)
		}
		if got := tt.f.Change(tt.v); got != tt.change {
			t.Errorf("%+v.Change(%v) = %q, want %q", tt.f, tt.v, got, tt.change)
		}
	}
	if !years.Negligible(0.049) || years.Negligible(0.05) {
		t.Error("Negligible at one decimal place: 0.049 should be negligible and 0.05 not")
	}
}

func TestSignedAndTailName(t *testing.T) {
	pct := Format{Suffix: "%", Decimals: 1}
	years := Format{Suffix: " years", Decimals: 1}
	for _, tc := range []struct {
		f    Format
		v    float64
		want string
	}{
		{pct, 4.66, "+4.7 percentage points"},
		{pct, -1.12, "−1.1 percentage points"},
		{pct, 0.04, "0"},
		{years, -3.5, "−3.5"},
		{Format{Prefix: "£"}, 161, "+£161"},
		{pct, math.NaN(), ""},
	} {
		if got := tc.f.Signed(tc.v); got != tc.want {
			t.Errorf("Signed(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
	for share, want := range map[float64]string{0.2: "fifth", 0.1: "tenth", 0.25: "quarter", 0.15: "15%"} {
		if got := TailName(share); got != want {
			t.Errorf("TailName(%v) = %q, want %q", share, got, want)
		}
	}
}
