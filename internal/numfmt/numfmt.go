// Package numfmt writes numbers as GOV.UK style and statistical
// publishers show them: rounded half away from zero to a fixed number of
// decimal places, with commas between thousands. Every page, chart,
// summary sentence and command-line report uses it, so that one figure is
// never written two ways.
package numfmt

import (
	"math"
	"strconv"
	"strings"
)

// Group writes v with decimals places and commas between thousands:
// Group(1234.5, 0) is "1,235" and Group(-0.04, 1) is "0.0", the sign
// dropped when the rounded value is zero. NaN and ±Inf give "".
func Group(v float64, decimals int) string {
	return Affix(v, decimals, "", "")
}

// Affix is Group with a prefix and suffix around the digits and any minus
// sign before the prefix: Affix(-3.25, 1, "£", "") is "-£3.3".
func Affix(v float64, decimals int, prefix, suffix string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	decimals = max(decimals, 0)
	s := strconv.FormatFloat(Round(math.Abs(v), decimals), 'f', decimals, 64)
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	b.WriteString(prefix)
	b.WriteString(groupDigits(whole))
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	b.WriteString(suffix)
	return b.String()
}

// Int writes n with commas between thousands, exactly for any int64.
func Int(n int64) string {
	s := strconv.FormatInt(n, 10)
	if neg := strings.HasPrefix(s, "-"); neg {
		return "-" + groupDigits(s[1:])
	}
	return groupDigits(s)
}

// Round rounds v half away from zero to decimals places, as publishers
// round.
func Round(v float64, decimals int) float64 {
	p := math.Pow10(max(decimals, 0))
	return math.Round(v*p) / p
}

// groupDigits puts commas between thousands in a string of digits.
func groupDigits(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	b.Grow(len(digits) + len(digits)/3)
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Plural returns one when n is 1, else many.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Ordinal writes n as 1st, 2nd, 3rd, 4th ... 11th, 12th, 13th, 21st.
func Ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}
