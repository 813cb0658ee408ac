package web

import (
	"math"
	"testing"

	"github.com/localup/localup"
)

func TestFormatValue(t *testing.T) {
	pounds := localup.Indicator{Prefix: "£", DecimalPlaces: 1}
	pct := localup.Indicator{Suffix: "%", DecimalPlaces: 2}
	count := localup.Indicator{}
	tests := []struct {
		ind  localup.Indicator
		v    float64
		want string
	}{
		{pounds, 565.5, "£565.5"},
		{pounds, 1234567.891, "£1,234,567.9"},
		{pounds, -1234.5, "-£1,234.5"},
		{pct, 6.4, "6.40%"},
		{pct, -0.001, "0.00%"},
		{count, 1000, "1,000"},
		{count, 999, "999"},
		{count, 123456, "123,456"},
		{count, 0, "0"},
		{count, math.NaN(), ""},
		{count, math.Inf(1), ""},
	}
	for _, tt := range tests {
		if got := formatValue(tt.ind, tt.v); got != tt.want {
			t.Errorf("formatValue(%+v, %v) = %q, want %q", tt.ind, tt.v, got, tt.want)
		}
	}
	o := localup.NewObservation("x", "y", localup.MustPeriod("2023"))
	if got := formatInterval(pounds, o); got != "" {
		t.Errorf("interval with no limits = %q", got)
	}
	o.Lower, o.Upper = 1, 2
	if got := formatInterval(pounds, o); got != "£1.0 to £2.0" {
		t.Errorf("interval = %q", got)
	}
	if got := formatBytes(1500); got != "1.5 KB" {
		t.Errorf("formatBytes(1500) = %q", got)
	}
}
