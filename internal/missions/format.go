package missions

import (
	"math"
	"strconv"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/numfmt"
)

// Format writes an indicator's numbers for people: a prefix, digits with
// thousands separators rounded to Decimals places, and a suffix.
type Format struct {
	Prefix   string // written before the number, e.g. "£"
	Suffix   string // written after it, e.g. "%" or " years"
	Decimals int    // decimal places shown; changes smaller than half the last place count as no change
}

// FormatOf returns the format of an indicator: its prefix, suffix and
// decimal places (the importer fills the prefix and suffix in from short
// units, so "yrs" is written " years" here as on every page).
func FormatOf(ind localup.Indicator) Format {
	return Format{Prefix: ind.Prefix, Suffix: ind.Suffix, Decimals: max(ind.DecimalPlaces, 0)}
}

// Value writes v: "£612", "61.2 years", "65%", "-£1,250". NaN is "no data".
func (f Format) Value(v float64) string {
	if math.IsNaN(v) {
		return "no data"
	}
	return numfmt.Affix(v, f.Decimals, f.Prefix, f.Suffix)
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
