package tracking

import (
	"math"
	"strconv"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/missions"
	"github.com/localup/localup/internal/snapshot"
)

// WhitePaperYear is the year the missions were set.
const WhitePaperYear = 2022

// MinPlaces is the fewest places with a figure for a level to be
// compared: enough for each fifth to hold one place.
const MinPlaces = 5

// Level is the kind of place a metric is compared across.
type Level struct {
	Type   localup.AreaType
	Plural string // "local authorities"
}

// levels are tried in order; see the package comment.
var levels = []Level{
	{localup.AreaLAD, "local authorities"},
	{localup.AreaCounty, "counties and upper-tier areas"},
	{localup.AreaPoliceForce, "police force areas"},
	{localup.AreaRegion, "regions"},
}

// Section is the spread of a metric across places in one period.
type Section struct {
	Period           localup.Period
	N                int     // places with a figure
	Min, Median, Max float64 // of the places' values
	Tails            missions.Tails
	TailsOK          bool
	CV               float64 // coefficient of variation; NaN when it cannot be computed
	Region           missions.RegionGap
	RegionOK         bool
	England          float64 // England's figure; NaN when it has none
}

// Spread is how the gap between the best and worst tails of places moved
// from a baseline year.
type Spread struct {
	BaselineYear int
	missions.SpreadChange
}

// Metric is one mission metric as the data has it.
type Metric struct {
	missions.Metric
	Indicator localup.Indicator
	InData    bool // false when the indicator is not in the snapshot
	Format    missions.Format
	Level     Level   // the places compared; zero when there are too few
	TailShare float64 // share of places in each compared tail: 0.2 (fifths), or the mission's own
	Sections  []Section
	England   []missions.Point // England's figures, oldest first
	// Spreads are the tail difference's moves from WhitePaperYear and
	// from missions.DefaultBaselineYear, those that could be measured.
	Spreads []Spread
	Note    string // why there is no spread, when there is none
	Movers  Movers // every place's progress since its baseline
}

// Latest returns the newest section, and false when there is none.
func (m *Metric) Latest() (Section, bool) {
	if len(m.Sections) == 0 {
		return Section{}, false
	}
	return m.Sections[len(m.Sections)-1], true
}

// EnglandLatest is England's newest figure, with a NaN value when it has
// none.
func (m *Metric) EnglandLatest() missions.Point {
	if len(m.England) == 0 {
		return missions.Point{Value: math.NaN()}
	}
	return m.England[len(m.England)-1]
}

// HeadlineSpread returns the spread measured from the White Paper year when it
// could be, else from 2019, and false when neither could.
func (m *Metric) HeadlineSpread() (Spread, bool) {
	if len(m.Spreads) == 0 {
		return Spread{}, false
	}
	return m.Spreads[0], true
}

// tailShare is the share of places in each tail the mission compares: its
// gap-narrowed target's, or fifths.
func tailShare(ms missions.Mission, id string) float64 {
	for _, t := range ms.TargetsFor(id) {
		if t.Kind == missions.TargetGapNarrowed && t.TailShare > 0 {
			return t.TailShare
		}
	}
	return 0.2
}

// chooseLevel picks the level compared for the indicator; see the package
// comment.
func chooseLevel(snap *snapshot.Snapshot, id string, periods []localup.Period) (Level, bool) {
	for _, l := range levels {
		for i := len(periods) - 1; i >= 0; i-- {
			if d, ok := snap.Distribution(id, l.Type, periods[i]); ok {
				if d.N() >= MinPlaces {
					return l, true
				}
				break
			}
		}
	}
	return Level{}, false
}

// buildMetric measures one metric.
func buildMetric(snap *snapshot.Snapshot, ms missions.Mission, mm missions.Metric) Metric {
	m := Metric{Metric: mm, TailShare: tailShare(ms, mm.ID)}
	ind, ok := snap.Indicator(mm.ID)
	if !ok {
		m.Note = "This indicator is not in the imported data."
		return m
	}
	m.Indicator, m.InData, m.Format = ind, true, missions.FormatOf(ind)
	m.England = seriesOf(snap.FollowedSeries(ind.ID, localup.CodeEngland))
	if !Comparable(ind) {
		m.Note = "This measure is a total, which grows with the size of a place, so places are not compared on it."
		return m
	}
	periods := snap.Periods(ind.ID)
	level, ok := chooseLevel(snap, ind.ID, periods)
	if !ok {
		m.Note = "Fewer than " + strconv.Itoa(MinPlaces) + " places of any one kind have a figure, so there is no spread between places to measure."
		return m
	}
	m.Level = level
	regions := snap.CurrentAreas(localup.AreaRegion)
	for _, p := range periods {
		d, ok := snap.Distribution(ind.ID, level.Type, p)
		if !ok || d.N() < MinPlaces {
			continue
		}
		sec := Section{Period: p, N: d.N(), Min: d.Min, Median: d.Median, Max: d.Max, CV: math.NaN(), England: math.NaN()}
		if t, err := missions.TailGap(d.Values, ind.Polarity, m.TailShare); err == nil {
			sec.Tails, sec.TailsOK = t, true
		}
		if cv, err := missions.CoefficientOfVariation(d.Values); err == nil {
			sec.CV = cv
		}
		var rs []missions.Region
		for _, a := range regions {
			if o, ok := snap.Value(ind.ID, a.Code, p); ok && o.HasValue() {
				rs = append(rs, missions.Region{Code: a.Code, Value: o.Value})
			}
		}
		if g, err := missions.BestRegionGap(rs, ind.Polarity); err == nil {
			sec.Region, sec.RegionOK = g, true
		}
		if o, ok := snap.Value(ind.ID, localup.CodeEngland, p); ok && o.HasValue() {
			sec.England = o.Value
		}
		m.Sections = append(m.Sections, sec)
	}
	var pts []missions.Point
	for _, s := range m.Sections {
		if s.TailsOK {
			pts = append(pts, missions.Point{Period: s.Period, Value: s.Tails.Difference})
		}
	}
	for _, year := range []int{WhitePaperYear, missions.DefaultBaselineYear} {
		if c, err := missions.TrendOf(pts, year); err == nil {
			m.Spreads = append(m.Spreads, Spread{BaselineYear: year, SpreadChange: c})
		}
	}
	m.Movers = moversOf(snap, ms, &m)
	if len(m.Spreads) == 0 {
		switch {
		case len(pts) < 2:
			m.Note = "There is only one period with figures for enough places, so no change in the spread can be measured yet."
		default:
			m.Note = "There are no figures after the baseline yet, so no change in the spread can be measured."
		}
	}
	return m
}

// seriesOf returns the observations that have a value as points, oldest
// first.
func seriesOf(obs []localup.Observation) []missions.Point {
	var keep []localup.Observation
	for _, o := range obs {
		if o.HasValue() {
			keep = append(keep, o)
		}
	}
	return missions.SeriesOf(keep)
}

// Comparable reports whether places can be compared on the indicator: not
// when it is a count or a total (learner achievements, £ million of R&D),
// which grows with the size of a place.
func Comparable(ind localup.Indicator) bool { return ind.ValueType != localup.ValueCount }
