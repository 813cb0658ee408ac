package web

import (
	"fmt"
	"strings"
	"time"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/numfmt"
)

// formatNumber writes v with dp decimal places and commas between
// thousands, as GOV.UK style asks; NaN is "".
func formatNumber(v float64, dp int) string { return numfmt.Group(v, dp) }

// formatValue writes v in the indicator's style: its decimal places,
// prefix and suffix, such as "£565.5" or "6.4%"; NaN is "".
func formatValue(ind localup.Indicator, v float64) string {
	return numfmt.Affix(v, ind.DecimalPlaces, ind.Prefix, ind.Suffix)
}

// formatInterval writes an observation's 95% confidence interval as
// "£545.2 to £585.8", or "" when it has none.
func formatInterval(ind localup.Indicator, o localup.Observation) string {
	if !o.HasInterval() {
		return ""
	}
	return formatValue(ind, o.Lower) + " to " + formatValue(ind, o.Upper)
}

// formatDate writes a date as GOV.UK style asks: "1 February 2024".
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 January 2006")
}

// formatDateTime writes a time as "1 February 2024 at 3:04pm UTC".
func formatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	return t.Format("2 January 2006") + " at " + strings.ToLower(t.Format("3:04PM")) + " UTC"
}

// formatBytes writes a file size in bytes, KB or MB.
func formatBytes(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f KB", float64(n)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
