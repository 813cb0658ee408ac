package missions

import (
	"math"
	"strconv"
)

// Objective is one of the four objectives of the Levelling Up White Paper
// that group its missions. The strings are the ones the ONS subnational
// indicators publish in their Category column, so they join with
// Indicator.Category.
type Objective string

// The White Paper's four objectives.
const (
	ObjectiveProductivity = Objective("Boosting productivity, pay, jobs and living standards")
	ObjectiveOpportunity  = Objective("Spreading opportunity and improving public services")
	ObjectivePride        = Objective("Restoring a sense of community, local pride and belonging")
	ObjectiveLeadership   = Objective("Empowering local leaders and communities")
)

// Mission is one of the twelve levelling-up missions.
type Mission struct {
	Number    int       // 1 to 12
	Name      string    // the White Paper's short heading, e.g. "Living standards"
	Ambition  string    // the mission as the White Paper words it, quoted exactly
	Plain     string    // the ambition in a few plain words
	Objective Objective // the White Paper objective the mission serves
	Metrics   []Metric  // indicators in localup's data that measure it, headline first
	NoMetric  string    // why Metrics is empty; "" when it is not
	Caveat    string    // what the metrics miss of the ambition, if anything
	Targets   []Target  // what the ambition commits to, as structured data
}

// Metric is one indicator that measures a mission.
type Metric struct {
	// ID is the canonical indicator ID internal/importer gives it (the
	// Explore Local Statistics code), e.g. gross-median-weekly-pay.
	ID string
	// Headline marks the metrics that measure what the mission's own words
	// name (pay, healthy life expectancy...). The others are the supporting
	// metrics that ONS tagged with the mission.
	Headline bool
}

// TargetKind says what a target commits to.
type TargetKind string

// Target kinds. The first four carry a number; the last two only a
// direction.
const (
	// TargetAtLeast: the value reaches Value or more (90% of pupils).
	TargetAtLeast = TargetKind("at least")
	// TargetAtMost: the value falls to Value or less.
	TargetAtMost = TargetKind("at most")
	// TargetChangeBy: the value changes by Value units from the baseline
	// (+5 years of healthy life expectancy, +200,000 achievements).
	TargetChangeBy = TargetKind("change by")
	// TargetChangeByFraction: the value changes by the fraction Value of
	// the baseline (+0.40 for "at least 40%", −0.50 for "fallen by 50%").
	TargetChangeByFraction = TargetKind("change by fraction")
	// TargetImprove: the value improves, as the indicator's polarity reads
	// it, in the places Scope names (often "every area of the UK").
	TargetImprove = TargetKind("improve")
	// TargetGapNarrowed: the spread between the best and worst places
	// narrows; TailShare says how large the compared tails are.
	TargetGapNarrowed = TargetKind("gap narrowed")
)

// Target is one commitment in a mission's ambition.
type Target struct {
	IndicatorID  string     // the metric it is measured on; "" when no indicator in the data measures it
	Kind         TargetKind // what is committed to
	Value        float64    // the level or change for the numeric kinds; 0 otherwise
	Year         int        // the year by which it is to be met: 2030, or 2035 for healthy life expectancy
	BaselineYear int        // the baseline year the White Paper states; 0 when it states none (the default rule applies)
	Scope        string     // where it applies, in words: "England", "every area of the UK"
	AreaCode     string     // the one area it applies to, when there is one (E92000001 for England)
	TailShare    float64    // for TargetGapNarrowed: the share of places in each compared tail (0.2 for fifths); for a numeric kind, the target is for the worst tail of places at the baseline
	Outside      []string   // when set, the target is for the English regions other than these, taken together
	Note         string     // how localup reads the words, where that needed a choice
}

// Numeric reports whether the target has a level that can be measured
// against: the kinds at least, at most, change by and change by fraction.
func (t Target) Numeric() bool {
	switch t.Kind {
	case TargetAtLeast, TargetAtMost, TargetChangeBy, TargetChangeByFraction:
		return true
	}
	return false
}

// Rising reports whether meeting a numeric target means the value going
// up (at least; a positive change) rather than down.
func (t Target) Rising() bool {
	switch t.Kind {
	case TargetAtMost:
		return false
	case TargetChangeBy, TargetChangeByFraction:
		return t.Value >= 0
	}
	return true
}

// Level returns the value that meets the target given the baseline value:
// Value itself for at least and at most, baseline + Value for change by,
// baseline × (1 + Value) for change by fraction. It is NaN for the kinds
// with no number, and for the change kinds when baseline is NaN.
func (t Target) Level(baseline float64) float64 {
	switch t.Kind {
	case TargetAtLeast, TargetAtMost:
		return t.Value
	case TargetChangeBy:
		return baseline + t.Value
	case TargetChangeByFraction:
		return baseline * (1 + t.Value)
	}
	return math.NaN()
}

// Met reports whether value meets the target's level.
func (t Target) Met(value, level float64) bool {
	if math.IsNaN(value) || math.IsNaN(level) {
		return false
	}
	if t.Rising() {
		return value >= level
	}
	return value <= level
}

// Comparison writes the target as a short comparison: ">= 90",
// ">= baseline + 5", ">= baseline + 40%", "<= baseline - 50%", "improve",
// "gap narrowed".
func (t Target) Comparison() string {
	op := ">= "
	if !t.Rising() {
		op = "<= "
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	signed := func(v, scale float64, unit string) string {
		if v < 0 {
			return "baseline - " + num(math.Round(-v*scale*1000)/1000) + unit
		}
		return "baseline + " + num(math.Round(v*scale*1000)/1000) + unit
	}
	switch t.Kind {
	case TargetAtLeast, TargetAtMost:
		return op + num(t.Value)
	case TargetChangeBy:
		return op + signed(t.Value, 1, "")
	case TargetChangeByFraction:
		return op + signed(t.Value, 100, "%")
	}
	return string(t.Kind)
}
