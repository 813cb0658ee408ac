package missions

import (
	"github.com/localup/localup/internal/numfmt"
	"math"
	"strconv"

	"github.com/localup/localup"
)

// Format writes an indicator's numbers for people: a prefix, digits with
// thousands separators rounded to Decimals places, and a suffix.
type Format struct {
	Prefix   string // written before the number, e.g. "£"
	Suffix   string // written after it, e.g. "%" or " years"
	Decimals int    // decimal places shown; changes smaller than half the last place count as no change
}

// unitWords turns the short units publishers use into the words written
// after a number. Long units ("Rate per 100,000 population") are left to
// the indicator's title to explain.
var unitWords = map[string]string{
	"yrs": " years", "years": " years", "mins": " minutes", "minutes": " minutes",
	"Score out of 10": " out of 10",
}

// FormatOf returns the format of an indicator: its own prefix and suffix
// and decimal places, or, when it has no suffix, the words for a short
// unit (yrs becomes " years").
func FormatOf(ind localup.Indicator) Format {
	f := Format{Prefix: ind.Prefix, Suffix: ind.Suffix, Decimals: max(ind.DecimalPlaces, 0)}
	if f.Suffix == "" && f.Prefix == "" {
		f.Suffix = unitWords[ind.Unit]
	}
	if f.Suffix == "" && ind.Unit == "%" {
		f.Suffix = "%"
	}
	if f.Prefix == "" && f.Suffix == "" && ind.Unit == "£ million" {
		f.Prefix, f.Suffix = "£", " million"
	}
	return f
}

// Value writes v: "£612", "61.2 years", "65%", "-£1,250". NaN is "no data".
func (f Format) Value(v float64) string {
	if math.IsNaN(v) {
		return "no data"
	}
	s := f.number(math.Abs(v))
	if f.round(v) < 0 {
		return "-" + f.Prefix + s + f.Suffix
	}
	return f.Prefix + s + f.Suffix
}

// Change writes the size of a change, without a sign since the words
// around it ("up", "down") carry the direction: "£12", "0.8", "2.1
// percentage points". A percentage changes by percentage points, so "%"
// becomes " percentage points"; other suffixes are left off.
func (f Format) Change(v float64) string {
	if math.IsNaN(v) {
		return "no data"
	}
	s := f.Prefix + f.number(math.Abs(v))
	if f.Suffix == "%" {
		s += " percentage points"
	}
	return s
}

// round rounds v to the format's decimal places.
func (f Format) round(v float64) float64 { return numfmt.Round(v, f.Decimals) }

// Negligible reports whether v rounds to zero at the format's decimal
// places, so that a change written as "0.0" is never called a rise.
func (f Format) Negligible(v float64) bool { return f.round(v) == 0 }

// number writes a non-negative v with thousands separators.
func (f Format) number(v float64) string { return numfmt.Group(v, f.Decimals) }

// Signed writes a change with its sign, as Change writes the number:
// "+0.8", "−3.5 percentage points", "0" when it rounds to nothing, and ""
// when it is NaN.
func (f Format) Signed(v float64) string {
	switch {
	case math.IsNaN(v):
		return ""
	case f.Negligible(v):
		return "0"
	case v < 0:
		return "−" + f.Change(-v)
	}
	return "+" + f.Change(v)
}

// TailName names the share of places in a tail: "fifth", "tenth",
// "quarter", or a percentage such as "15%".
func TailName(share float64) string {
	switch share {
	case 0.2:
		return "fifth"
	case 0.1:
		return "tenth"
	case 0.25:
		return "quarter"
	}
	return strconv.FormatFloat(share*100, 'f', -1, 64) + "%"
}
