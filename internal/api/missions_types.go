package api

import (
	"math"
	"strconv"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/missions"
	"github.com/localup/localup/internal/tracking"
)

// MissionList is the response of GET /api/v1/missions.
type MissionList struct {
	Missions []Mission `json:"missions"`
}

// Mission is one mission with its metrics and targets measured.
type Mission struct {
	Number    int             `json:"number"`
	Name      string          `json:"name"`
	Ambition  string          `json:"ambition"`
	Plain     string          `json:"plain"`
	Objective string          `json:"objective"`
	Headline  string          `json:"headline"`
	Trend     string          `json:"trend,omitempty"`
	NoMetric  string          `json:"no_metric,omitempty"`
	Caveat    string          `json:"caveat,omitempty"`
	URL       string          `json:"url"`
	WebURL    string          `json:"web_url"`
	Metrics   []MissionMetric `json:"metrics"`
	Targets   []MissionTarget `json:"targets"`
}

// MissionMetric is one metric of a mission.
type MissionMetric struct {
	Indicator      string         `json:"indicator"`
	Title          string         `json:"title,omitempty"`
	Headline       bool           `json:"headline"`
	InData         bool           `json:"in_data"`
	PlacesCompared string         `json:"places_compared,omitempty"`
	TailShare      float64        `json:"tail_share"`
	England        *PointJSON     `json:"england,omitempty"`
	Spread         *SpreadJSON    `json:"spread,omitempty"`
	Note           string         `json:"note,omitempty"`
	Source         string         `json:"source,omitempty"`
	Licence        string         `json:"licence,omitempty"`
	Sections       []GapSection   `json:"sections,omitempty"`
	Places         []MissionPlace `json:"places,omitempty"`
}

// PointJSON is a figure in a period.
type PointJSON struct {
	Period string `json:"period"`
	Label  string `json:"label"`
	Value  Number `json:"value"`
}

// SpreadJSON is how the gap between the best and worst places moved.
type SpreadJSON struct {
	BaselineYear   int       `json:"baseline_year"`
	Baseline       PointJSON `json:"baseline"`
	Latest         PointJSON `json:"latest"`
	Change         Number    `json:"change"`
	RelativeChange Number    `json:"relative_change"`
	Trend          string    `json:"trend"`
}

// GapSection is the spread across places in one period.
type GapSection struct {
	Period         string `json:"period"`
	Places         int    `json:"places"`
	Min            Number `json:"min"`
	Median         Number `json:"median"`
	Max            Number `json:"max"`
	BestTailMean   Number `json:"best_tail_mean"`
	WorstTailMean  Number `json:"worst_tail_mean"`
	TailDifference Number `json:"tail_difference"`
	TailRatio      Number `json:"tail_ratio"`
	CV             Number `json:"coefficient_of_variation"`
	BestRegion     string `json:"best_region,omitempty"`
	BestRegionGap  Number `json:"best_region_gap"`
	England        Number `json:"england"`
}

// MissionPlace is one place's progress on a metric.
type MissionPlace struct {
	Rank int     `json:"rank,omitempty"`
	Area AreaRef `json:"area"`
	Progress
}

// Progress is a place's change since its baseline and its gap to England.
type Progress struct {
	Baseline        *PointJSON `json:"baseline,omitempty"`
	Latest          PointJSON  `json:"latest"`
	Change          Number     `json:"change"`
	Direction       string     `json:"direction,omitempty"`
	EnglandBaseline Number     `json:"england_baseline"`
	EnglandLatest   Number     `json:"england_latest"`
	GapBaseline     Number     `json:"gap_to_england_baseline"`
	GapLatest       Number     `json:"gap_to_england_latest"`
	Gap             string     `json:"gap_to_england,omitempty"`
	Summary         string     `json:"summary"`
}

// MissionTarget is a target and where it stands.
type MissionTarget struct {
	Indicator     string  `json:"indicator,omitempty"`
	Kind          string  `json:"kind"`
	Value         float64 `json:"value"`
	Comparison    string  `json:"comparison"`
	Year          int     `json:"year"`
	Scope         string  `json:"scope,omitempty"`
	Subject       string  `json:"subject,omitempty"`
	Status        string  `json:"status"`
	Checked       bool    `json:"checked"`
	Outcome       string  `json:"outcome,omitempty"`
	Level         Number  `json:"level"`
	Distance      Number  `json:"distance"`
	NeededPerYear Number  `json:"needed_per_year"`
	PerYearSoFar  Number  `json:"per_year_so_far"`
	PlacesMet     int     `json:"places_met,omitempty"`
	PlacesOnTrack int     `json:"places_on_track,omitempty"`
	Places        int     `json:"places,omitempty"`
	Note          string  `json:"note,omitempty"`
}

// AreaMissions is the response of GET /api/v1/areas/{code}/missions.
type AreaMissions struct {
	Area     AreaRef       `json:"area"`
	Missions []AreaMission `json:"missions"`
}

// AreaMission is one mission's metrics for the place.
type AreaMission struct {
	Number   int          `json:"number"`
	Name     string       `json:"name"`
	NoMetric string       `json:"no_metric,omitempty"`
	Metrics  []AreaMetric `json:"metrics"`
}

// AreaMetric is the place's progress on one metric.
type AreaMetric struct {
	Indicator  string          `json:"indicator"`
	Title      string          `json:"title,omitempty"`
	Headline   bool            `json:"headline"`
	FiguresFor *AreaRef        `json:"figures_for,omitempty"`
	Progress   *Progress       `json:"progress,omitempty"`
	Summary    string          `json:"summary"`
	Targets    []MissionTarget `json:"targets,omitempty"`
	Inequality *InequalityJSON `json:"inequality,omitempty"`
	Source     string          `json:"source,omitempty"`
	Licence    string          `json:"licence,omitempty"`
}

// InequalityJSON is the largest gap between groups within the place.
type InequalityJSON struct {
	Between    string     `json:"between"`
	Period     string     `json:"period"`
	Highest    GroupJSON  `json:"highest"`
	Lowest     GroupJSON  `json:"lowest"`
	Best       string     `json:"best"`
	Difference Number     `json:"difference"`
	Trend      string     `json:"trend,omitempty"`
	Baseline   *PointJSON `json:"baseline_gap,omitempty"`
	Summary    string     `json:"summary"`
}

// GroupJSON is one group's figure.
type GroupJSON struct {
	Name  string `json:"name"`
	Value Number `json:"value"`
}

func newPoint(p missions.Point) PointJSON {
	return PointJSON{Period: p.Period.String(), Label: p.Period.Label(), Value: Number(p.Value)}
}

func missionURLs(n int) (string, string) {
	s := strconv.Itoa(n)
	return "/api/v1/missions/" + s, "/missions/" + s
}

func newMission(m tracking.Mission, detail bool) Mission {
	api, web := missionURLs(m.Number)
	out := Mission{Number: m.Number, Name: m.Name, Ambition: m.Ambition, Plain: m.Plain, Objective: string(m.Objective),
		Headline: m.Headline, Trend: string(m.Trend), NoMetric: m.NoMetric, Caveat: m.Caveat, URL: api, WebURL: web,
		Metrics: []MissionMetric{}, Targets: []MissionTarget{}}
	for i := range m.Metrics {
		out.Metrics = append(out.Metrics, newMissionMetric(&m.Metrics[i], detail))
	}
	for _, tv := range m.Measured {
		out.Targets = append(out.Targets, newTarget(tv))
	}
	return out
}

func newMissionMetric(x *tracking.Metric, detail bool) MissionMetric {
	mm := MissionMetric{Indicator: x.ID, Headline: x.Headline, InData: x.InData, PlacesCompared: x.Level.Plural,
		TailShare: x.TailShare, Note: x.Note}
	if !x.InData {
		return mm
	}
	mm.Title, mm.Source, mm.Licence = x.Indicator.Title, x.Indicator.Source, x.Indicator.Licence
	if e := x.EnglandLatest(); !math.IsNaN(e.Value) {
		p := newPoint(e)
		mm.England = &p
	}
	if s, ok := x.HeadlineSpread(); ok {
		mm.Spread = &SpreadJSON{BaselineYear: s.BaselineYear, Baseline: newPoint(s.Baseline), Latest: newPoint(s.Latest),
			Change: Number(s.Change), RelativeChange: Number(s.RelativeChange), Trend: string(s.Trend)}
	}
	if !detail {
		return mm
	}
	for _, s := range x.Sections {
		g := GapSection{Period: s.Period.String(), Places: s.N, Min: Number(s.Min), Median: Number(s.Median), Max: Number(s.Max),
			BestTailMean: Number(math.NaN()), WorstTailMean: Number(math.NaN()), TailDifference: Number(math.NaN()), TailRatio: Number(math.NaN()),
			CV: Number(s.CV), BestRegionGap: Number(math.NaN()), England: Number(s.England)}
		if s.TailsOK {
			g.BestTailMean, g.WorstTailMean, g.TailDifference, g.TailRatio = Number(s.Tails.BestMean), Number(s.Tails.WorstMean), Number(s.Tails.Difference), Number(s.Tails.Ratio)
		}
		if s.RegionOK {
			g.BestRegion, g.BestRegionGap = s.Region.Best.Code, Number(s.Region.Difference)
		}
		mm.Sections = append(mm.Sections, g)
	}
	for _, mv := range x.Movers.Places {
		mm.Places = append(mm.Places, MissionPlace{Rank: mv.Rank, Area: newAreaRef(mv.Area), Progress: newProgress(mv.Progress)})
	}
	return mm
}

func newProgress(p missions.Progress) Progress {
	out := Progress{Latest: newPoint(p.Latest), Change: Number(p.Change), Direction: string(p.Direction),
		EnglandBaseline: Number(p.EnglandBaseline), EnglandLatest: Number(p.EnglandLatest), GapBaseline: Number(p.GapBaseline),
		GapLatest: Number(p.GapLatest), Gap: string(p.Gap), Summary: p.Summary()}
	if !p.SinglePeriod() {
		b := newPoint(p.Baseline)
		out.Baseline = &b
	}
	return out
}

func newTarget(tv tracking.TargetView) MissionTarget {
	t := tv.Target
	out := MissionTarget{Indicator: t.IndicatorID, Kind: string(t.Kind), Value: t.Value, Comparison: t.Comparison(), Year: t.Year,
		Scope: t.Scope, Subject: tv.Subject, Status: tv.Status, Checked: tv.Checked, Level: Number(math.NaN()),
		Distance: Number(math.NaN()), NeededPerYear: Number(math.NaN()), PerYearSoFar: Number(math.NaN()),
		PlacesMet: tv.Met, PlacesOnTrack: tv.OnTrack, Places: tv.Places, Note: t.Note}
	if tv.Checked {
		c := tv.Check
		out.Outcome, out.Level, out.Distance = string(c.Status), Number(c.Level), Number(c.Distance)
		out.NeededPerYear, out.PerYearSoFar = Number(c.NeededPerYear), Number(c.PerYearSoFar)
	}
	return out
}

func newAreaMissions(a localup.Area, ams []tracking.AreaMission) AreaMissions {
	out := AreaMissions{Area: newAreaRef(a), Missions: []AreaMission{}}
	for _, am := range ams {
		m := AreaMission{Number: am.Number, Name: am.Name, NoMetric: am.NoMetric, Metrics: []AreaMetric{}}
		for _, x := range am.Metrics {
			r := AreaMetric{Indicator: x.ID, Title: x.Indicator.Title, Headline: x.Headline, Summary: x.Summary,
				Source: x.Indicator.Source, Licence: x.Indicator.Licence}
			if x.HasProgress {
				p := newProgress(x.Progress)
				r.Progress = &p
				if x.From.Code != a.Code {
					ref := newAreaRef(x.From)
					r.FiguresFor = &ref
				}
			}
			for _, tv := range x.Targets {
				r.Targets = append(r.Targets, newTarget(tv))
			}
			if in := x.Inequality; in != nil {
				j := &InequalityJSON{Between: in.Between, Period: in.Period.String(), Highest: GroupJSON{in.Latest.Highest.Name, Number(in.Latest.Highest.Value)},
					Lowest: GroupJSON{in.Latest.Lowest.Name, Number(in.Latest.Lowest.Value)}, Best: in.Latest.Best.Name,
					Difference: Number(in.Latest.Difference), Summary: in.Summary}
				if in.Trend != nil {
					j.Trend = string(in.Trend.Trend)
					b := newPoint(in.Trend.Baseline)
					j.Baseline = &b
				}
				r.Inequality = j
			}
			m.Metrics = append(m.Metrics, r)
		}
		out.Missions = append(out.Missions, m)
	}
	return out
}
