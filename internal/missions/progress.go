package missions

import (
	"fmt"
	"math"
	"strings"

	"github.com/localup/localup"
)

// Direction is how a place's value moved, judged by the indicator's
// polarity.
type Direction string

// Directions.
const (
	Improved = Direction("improved")
	Worsened = Direction("worsened")
	NoChange = Direction("no change") // the change rounds to zero at the format's decimal places
	Changed  = Direction("changed")   // it moved, but the indicator has no polarity to judge it by
)

// GapChange is how the size of a place's gap to England moved.
type GapChange string

// Gap changes.
const (
	GapNarrowed  = GapChange("narrowed")
	GapWidened   = GapChange("widened")
	GapUnchanged = GapChange("unchanged")
)

// Series is one place's values of one indicator, with England's values of
// the same indicator to compare with.
type Series struct {
	Title        string           // what the summary calls it, e.g. "Healthy life expectancy for women"
	Polarity     localup.Polarity // which direction is better
	Format       Format           // how numbers are written; see FormatOf
	Place        []Point          // the place's values; NaN and order do not matter
	England      []Point          // England's values; may be empty
	BaselineYear int              // 0 for DefaultBaselineYear; a target's BaselineYear where it states one
}

// Progress is one place's change on one indicator since the baseline.
type Progress struct {
	Title     string
	Polarity  localup.Polarity
	Format    Format
	Baseline  Point     // the place's value in the baseline period (see BaselineIndex)
	Latest    Point     // the place's latest value
	Change    float64   // Latest − Baseline; NaN when the baseline is the latest period
	Direction Direction // "" when the baseline is the latest period
	// England's values in the same two periods, NaN where England has none.
	EnglandBaseline, EnglandLatest float64
	// The gaps to England, oriented by polarity: (place − England) when
	// higher is better or there is no polarity, (England − place) when lower
	// is better. Positive means better than England. NaN when England has
	// no value for the period.
	GapBaseline, GapLatest float64
	Gap                    GapChange // how |gap| moved; "" when either gap is unknown or there is one period
}

// SinglePeriod reports whether there was no earlier period to compare with.
func (p Progress) SinglePeriod() bool { return p.Baseline.Period.Equal(p.Latest.Period) }

// ProgressOf compares the place's latest value with its baseline value and
// its gap to England then and now. England's values are matched by
// period: a gap is known only where England has a value for exactly the
// same period. A change smaller than half the last decimal place of the
// format is no change, so that the words never contradict the figures. It
// is an error wrapping ErrNoData when the place has no value at all.
func ProgressOf(s Series) (Progress, error) {
	pts, err := clean("ProgressOf", s.Place)
	if err != nil {
		return Progress{}, err
	}
	if len(pts) == 0 {
		return Progress{}, fmt.Errorf("missions: ProgressOf: %s: %w", s.Title, ErrNoData)
	}
	eng, err := clean("ProgressOf", s.England)
	if err != nil {
		return Progress{}, err
	}
	year := s.BaselineYear
	if year == 0 {
		year = DefaultBaselineYear
	}
	base, _, latest := baselineAndLatest(pts, year)
	p := Progress{Title: s.Title, Polarity: s.Polarity, Format: s.Format, Baseline: base, Latest: latest,
		Change: nan, EnglandBaseline: valueAt(eng, base.Period), EnglandLatest: valueAt(eng, latest.Period)}
	sign := 1.0
	if s.Polarity == localup.LowerIsBetter {
		sign = -1
	}
	p.GapBaseline = sign * (base.Value - p.EnglandBaseline)
	p.GapLatest = sign * (latest.Value - p.EnglandLatest)
	if p.SinglePeriod() {
		return p, nil
	}
	p.Change = latest.Value - base.Value
	switch {
	case s.Format.Negligible(p.Change):
		p.Direction = NoChange
	case s.Polarity == localup.NoPolarity:
		p.Direction = Changed
	case p.Change*float64(s.Polarity) > 0:
		p.Direction = Improved
	default:
		p.Direction = Worsened
	}
	if !math.IsNaN(p.GapBaseline) && !math.IsNaN(p.GapLatest) {
		switch d := math.Abs(p.GapLatest) - math.Abs(p.GapBaseline); {
		case s.Format.Negligible(d):
			p.Gap = GapUnchanged
		case d < 0:
			p.Gap = GapNarrowed
		default:
			p.Gap = GapWidened
		}
	}
	return p, nil
}

// valueAt returns the value for period p, or NaN.
func valueAt(pts []Point, p localup.Period) float64 {
	for _, x := range pts {
		if x.Period.Equal(p) {
			return x.Value
		}
	}
	return nan
}

// Summary says in one sentence where the place stands and how it moved:
//
//	Healthy life expectancy for women: 61.2 years, up 0.8 since 2017-19; the gap to England narrowed
//
// The change is written without a unit except for percentages, which
// change by percentage points. The clause about England is left out when
// England's figures are missing; it speaks of a lead when the place is
// better than England, and says when the place moved ahead or fell behind.
func (p Progress) Summary() string {
	var b strings.Builder
	b.WriteString(p.Title)
	b.WriteString(": ")
	b.WriteString(p.Format.Value(p.Latest.Value))
	if p.SinglePeriod() {
		fmt.Fprintf(&b, " (%s); there is no earlier figure to compare", p.Latest.Period.Label())
		return b.String()
	}
	switch {
	case p.Direction == NoChange:
		b.WriteString(", no change")
	case p.Change > 0:
		b.WriteString(", up " + p.Format.Change(p.Change))
	default:
		b.WriteString(", down " + p.Format.Change(p.Change))
	}
	b.WriteString(" since " + p.Baseline.Period.Label())
	if c := p.englandClause(); c != "" {
		b.WriteString("; " + c)
	}
	return b.String()
}

// englandClause describes the gap to England.
func (p Progress) englandClause() string {
	if p.Gap == "" {
		return ""
	}
	moved := map[GapChange][2]string{
		GapNarrowed:  {"narrowed", "shrank"},
		GapWidened:   {"widened", "grew"},
		GapUnchanged: {"did not change", "did not change"},
	}[p.Gap]
	if p.Polarity == localup.NoPolarity {
		return "the difference from England " + moved[0]
	}
	f := p.Format
	level := func(g float64) bool { return f.Negligible(g) }
	before, after := p.GapBaseline, p.GapLatest
	switch {
	case level(after) && level(before):
		return "it remains level with England"
	case level(after):
		return "it is now level with England"
	case before < 0 && !level(before) && after > 0:
		return "it moved ahead of England"
	case before > 0 && !level(before) && after < 0:
		return "it fell behind England"
	case after < 0:
		return "the gap to England " + moved[0]
	}
	return "its lead over England " + moved[1]
}
