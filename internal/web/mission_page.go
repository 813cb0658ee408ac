package web

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strconv"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/chart"
	"github.com/localup/localup/internal/geo"
	"github.com/localup/localup/internal/missions"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/stats"
	"github.com/localup/localup/internal/tracking"
)

// missionPage is one mission: for each metric the spread of places over
// time, the gap measures, who moved most and least, and a map of the
// change since the baseline for the chosen metric.
type missionPage struct {
	basePage
	Mission   tracking.Mission
	Metrics   []metricBlock
	Targets   []targetRow
	MapFor    []option // the metrics that can be mapped
	MapMetric *metricBlock
	Map       template.HTML
	MapNote   string
	Places    []moverRow // every place for the mapped metric
	CSVURL    string     // the places table of every metric
	GapsURL   string     // the gap measures of every metric
}

type metricBlock struct {
	metricLine
	Anchor    string
	Level     string
	TailWord  string
	Note      string
	Chart     template.HTML
	Table     chart.Table // the chart's table alternative
	Gaps      []gapRow
	Most      []moverRow
	Least     []moverRow
	Baseline  string // the common baseline period of the movers
	Latest    string
	Ranked    int
	Improved  int
	Compared  int
	Direction string // "improved", or "rose" when the indicator has no polarity
}

// gapRow is one period's gap measures.
type gapRow struct {
	Period                      string
	N                           int
	Median, Best, Worst         string
	Difference, Ratio, CV       string
	BestRegion, Region, England string
}

type moverRow struct {
	Rank                     int
	Code, Name               string
	Baseline, BaselinePeriod string
	Latest, LatestPeriod     string
	Change                   string
	Direction                string
	Gap                      string // how the gap to England moved
	Summary                  string
}

type targetRow struct {
	Comparison string
	Metric     string
	Year       int
	Scope      string
	Subject    string
	Status     string
	Note       string
}

func (s *Server) mission(w http.ResponseWriter, r *http.Request) error {
	snap := s.snap()
	m, format, err := parseMission(snap, r.PathValue("n"))
	if err != nil {
		return err
	}
	n := m.Number
	if format == "csv" {
		if r.URL.Query().Get("table") == "gaps" {
			return writeCSV(w, fmt.Sprintf("mission-%d-gaps.csv", n), missionGapsCSV(m))
		}
		return writeCSV(w, fmt.Sprintf("mission-%d-places.csv", n), missionPlacesCSV(m))
	}
	// A view depends only on the mission and the metric mapped, one of a
	// few, so each is rendered once per snapshot (an unknown metric is an
	// error, which is not kept).
	metric := r.URL.Query().Get("metric")
	return s.renderOnce(w, snap, "page/missions/"+strconv.Itoa(n)+"?metric="+metric, "mission", func() (any, error) {
		return s.newMissionPage(r, snap, m, metric)
	})
}

func (s *Server) newMissionPage(r *http.Request, snap *snapshot.Snapshot, m tracking.Mission, mapMetric string) (*missionPage, error) {
	p := &missionPage{basePage: s.base(r, fmt.Sprintf("Mission %d: %s", m.Number, m.Name)), Mission: m,
		CSVURL: missionURL(m.Number) + ".csv", GapsURL: missionURL(m.Number) + ".csv?table=gaps"}
	for i := range m.Metrics {
		b := newMetricBlock(snap, &m.Metrics[i], i)
		if err := drawSpread(&b, &m.Metrics[i]); err != nil {
			return nil, err
		}
		p.Metrics = append(p.Metrics, b)
	}
	for _, tv := range m.Measured {
		p.Targets = append(p.Targets, newTargetRow(tv))
	}
	// The map shows one metric: the chosen one, else the first headline
	// metric whose places have moved.
	chosen := -1
	for i := range m.Metrics {
		x := &m.Metrics[i]
		if !x.InData || x.Movers.Ranked == 0 {
			continue
		}
		if chosen < 0 && mapMetric == "" {
			chosen = i
		}
		if x.ID == mapMetric {
			chosen = i
		}
		p.MapFor = append(p.MapFor, option{Value: x.ID, Label: x.Indicator.Title})
	}
	if mapMetric != "" && (chosen < 0 || m.Metrics[chosen].ID != mapMetric) {
		return nil, localup.Errorf(localup.EINVALID, "metric must be one of the mission's metrics with figures for two periods")
	}
	if chosen < 0 {
		p.MapNote = "None of this mission's metrics has figures for places in two periods yet, so there is no change to map."
		return p, nil
	}
	for i := range p.MapFor {
		p.MapFor[i].Selected = p.MapFor[i].Value == m.Metrics[chosen].ID
	}
	p.MapMetric = &p.Metrics[chosen]
	x := &m.Metrics[chosen]
	for _, mv := range x.Movers.Places {
		p.Places = append(p.Places, newMoverRow(x, mv))
	}
	if err := s.drawMissionMap(p, x); err != nil {
		return nil, err
	}
	return p, nil
}

func newMetricBlock(snap *snapshot.Snapshot, x *tracking.Metric, i int) metricBlock {
	b := metricBlock{metricLine: newMetricLine(x), Anchor: "metric-" + strconv.Itoa(i+1), Level: x.Level.Plural,
		TailWord: missions.TailName(x.TailShare), Note: x.Note, Direction: "improved"}
	if !x.InData {
		return b
	}
	if x.Indicator.Polarity == localup.NoPolarity {
		b.Direction = "rose"
	}
	f := x.Format
	for _, sec := range x.Sections {
		g := gapRow{Period: sec.Period.Label(), N: sec.N, Median: f.Value(sec.Median), England: f.Value(sec.England)}
		if sec.TailsOK {
			g.Best, g.Worst, g.Difference = f.Value(sec.Tails.BestMean), f.Value(sec.Tails.WorstMean), f.Change(sec.Tails.Difference)
			if !math.IsNaN(sec.Tails.Ratio) {
				g.Ratio = strconv.FormatFloat(sec.Tails.Ratio, 'f', 2, 64)
			}
		}
		if !math.IsNaN(sec.CV) {
			g.CV = strconv.FormatFloat(sec.CV*100, 'f', 1, 64) + "%"
		}
		if sec.RegionOK {
			g.BestRegion, g.Region = sec.Region.Best.Code, f.Change(sec.Region.Difference)
			if a, ok := snap.Area(sec.Region.Best.Code); ok {
				g.BestRegion = a.Name
			}
		}
		b.Gaps = append(b.Gaps, g)
	}
	mv := x.Movers
	for _, m := range mv.Most(5) {
		b.Most = append(b.Most, newMoverRow(x, m))
	}
	for _, m := range mv.Least(5) {
		b.Least = append(b.Least, newMoverRow(x, m))
	}
	if mv.Ranked > 0 {
		b.Baseline, b.Latest = mv.Baseline.Label(), mv.Latest.Label()
	}
	b.Ranked, b.Improved, b.Compared = mv.Ranked, mv.Improved, mv.Compared
	return b
}

func newMoverRow(x *tracking.Metric, mv tracking.Mover) moverRow {
	p, f := mv.Progress, x.Format
	r := moverRow{Rank: mv.Rank, Code: mv.Area.Code, Name: mv.Area.Name, Latest: f.Value(p.Latest.Value), LatestPeriod: p.Latest.Period.Label(),
		Direction: string(p.Direction), Gap: string(p.Gap), Summary: p.Summary()}
	if !p.SinglePeriod() {
		r.Baseline, r.BaselinePeriod = f.Value(p.Baseline.Value), p.Baseline.Period.Label()
		r.Change = f.Signed(p.Change)
	}
	return r
}

func newTargetRow(tv tracking.TargetView) targetRow {
	t := tv.Target
	r := targetRow{Comparison: t.Comparison(), Year: t.Year, Scope: t.Scope, Subject: tv.Subject, Status: tv.Status, Note: t.Note}
	if tv.Metric != nil {
		r.Metric = tv.Metric.Indicator.Title
		f := tv.Metric.Format
		switch t.Kind {
		case missions.TargetAtLeast:
			r.Comparison = "At least " + f.Value(t.Value)
		case missions.TargetAtMost:
			r.Comparison = "At most " + f.Value(t.Value)
		case missions.TargetChangeBy:
			r.Comparison = "Change by " + f.Signed(t.Value)
		case missions.TargetChangeByFraction:
			r.Comparison = "Change by " + strconv.FormatFloat(math.Round(t.Value*1000)/10, 'f', -1, 64) + "%"
		case missions.TargetImprove:
			r.Comparison = "Improve"
		case missions.TargetGapNarrowed:
			r.Comparison = "Gap narrowed"
		}
	}
	return r
}

// drawMissionMap shades each place by its fifth of improvement since the
// baseline.
func (s *Server) drawMissionMap(p *missionPage, x *tracking.Metric) error {
	kind := map[localup.AreaType]geo.Kind{localup.AreaLAD: geo.KindLAD, localup.AreaRegion: geo.KindRegion}
	k, ok := kind[x.Level.Type]
	var layer *geo.Layer
	if ok && s.atlas != nil {
		layer = s.atlas.Layer(k, x.Movers.Latest.Year())
	}
	if layer == nil {
		p.MapNote = "There are no boundaries for " + x.Level.Plural + " loaded, so there is no map; the table lists every place."
		return nil
	}
	values := map[string]chart.MapValue{}
	var changes []float64
	var codes []string
	for _, mv := range x.Movers.Places {
		values[mv.Area.Code] = chart.MapValue{Band: chart.NoData, Text: "not compared"}
		if mv.Rank > 0 {
			changes = append(changes, x.Movers.Change(mv))
			codes = append(codes, mv.Area.Code)
		}
	}
	labels := [5]string{"Improved least 20%", "Improved less 20%", "Middle 20%", "Improved more 20%", "Improved most 20%"}
	if x.Indicator.Polarity == localup.NoPolarity {
		labels = [5]string{"Fell most 20%", "Fell more 20%", "Middle 20%", "Rose more 20%", "Rose most 20%"}
	}
	bands, _, err := stats.Quintiles(changes, stats.HigherIsBetter)
	if err == nil {
		for i, c := range codes {
			values[c] = chart.MapValue{Band: bands[i] - 1, Text: x.Format.Signed(changes[i])}
		}
	}
	title := fmt.Sprintf("Map of the change in %s, %s to %s", x.Indicator.Title, x.Movers.Baseline.Label(), x.Movers.Latest.Label())
	svg, err := chart.Choropleth(layer, values, chart.MapOptions{
		Meta:  chart.Meta{ID: "mission-map", Title: title, Desc: "Each place is shaded by its fifth of improvement; the table after the map gives every change."},
		Bands: chart.QuintileBands(labels), LegendTitle: "Change since " + x.Movers.Baseline.Label() + ", fifths of " + x.Level.Plural})
	if err != nil {
		return err
	}
	p.Map = svg
	return nil
}

// missionPlacesCSV is every place's progress on every metric.
func missionPlacesCSV(m tracking.Mission) [][]string {
	rows := [][]string{{"mission", "indicator", "indicator_title", "rank_of_improvement", "area_code", "area_name", "baseline_period", "baseline",
		"latest_period", "latest", "change", "direction", "england_baseline", "england_latest", "gap_to_england_baseline",
		"gap_to_england_latest", "gap_to_england", "source", "licence"}}
	for i := range m.Metrics {
		x := &m.Metrics[i]
		for _, mv := range x.Movers.Places {
			p := mv.Progress
			rank, base, basePer := "", "", ""
			if mv.Rank > 0 {
				rank = strconv.Itoa(mv.Rank)
			}
			if !p.SinglePeriod() {
				base, basePer = number(p.Baseline.Value), p.Baseline.Period.String()
			}
			rows = append(rows, []string{strconv.Itoa(m.Number), x.ID, x.Indicator.Title, rank, mv.Area.Code, mv.Area.Name,
				basePer, base, p.Latest.Period.String(), number(p.Latest.Value), number(p.Change), string(p.Direction),
				number(p.EnglandBaseline), number(p.EnglandLatest), number(p.GapBaseline), number(p.GapLatest), string(p.Gap),
				x.Indicator.Source, x.Indicator.Licence})
		}
	}
	return rows
}

// missionGapsCSV is every metric's gap measures in every period.
func missionGapsCSV(m tracking.Mission) [][]string {
	rows := [][]string{{"mission", "indicator", "indicator_title", "places_compared", "period", "places", "min", "median", "max",
		"tail_share", "best_tail_mean", "worst_tail_mean", "tail_difference", "tail_ratio", "coefficient_of_variation",
		"best_region", "best_region_value", "other_regions_mean", "best_region_gap", "england", "source", "licence"}}
	for i := range m.Metrics {
		x := &m.Metrics[i]
		for _, s := range x.Sections {
			row := []string{strconv.Itoa(m.Number), x.ID, x.Indicator.Title, x.Level.Plural, s.Period.String(), strconv.Itoa(s.N),
				number(s.Min), number(s.Median), number(s.Max), number(x.TailShare)}
			if s.TailsOK {
				row = append(row, number(s.Tails.BestMean), number(s.Tails.WorstMean), number(s.Tails.Difference), number(s.Tails.Ratio))
			} else {
				row = append(row, "", "", "", "")
			}
			row = append(row, number(s.CV))
			if s.RegionOK {
				row = append(row, s.Region.Best.Code, number(s.Region.Best.Value), number(s.Region.RestMean), number(s.Region.Difference))
			} else {
				row = append(row, "", "", "", "")
			}
			rows = append(rows, append(row, number(s.England), x.Indicator.Source, x.Indicator.Licence))
		}
	}
	return rows
}

// drawSpread draws the best and worst tails' means, the median and
// England over time.
func drawSpread(b *metricBlock, x *tracking.Metric) error {
	if len(x.Sections) < 2 {
		return nil
	}
	tw := missions.TailName(x.TailShare)
	series := []chart.Series{{Name: "Best " + tw + " (mean)"}, {Name: "Median place"}, {Name: "Worst " + tw + " (mean)"}, {Name: "England"}}
	var labels []string
	hasEngland := false
	for _, s := range x.Sections {
		labels = append(labels, s.Period.Label())
		best, worst := math.NaN(), math.NaN()
		if s.TailsOK {
			best, worst = s.Tails.BestMean, s.Tails.WorstMean
		}
		series[0].Values = append(series[0].Values, best)
		series[1].Values = append(series[1].Values, s.Median)
		series[2].Values = append(series[2].Values, worst)
		series[3].Values = append(series[3].Values, s.England)
		hasEngland = hasEngland || !math.IsNaN(s.England)
	}
	if !hasEngland {
		series = series[:3]
	}
	f := chart.Format{Prefix: x.Format.Prefix, Suffix: x.Format.Suffix, Decimals: x.Format.Decimals}
	opt := chart.LineOptions{Meta: chart.Meta{ID: b.Anchor + "-chart", Title: x.Indicator.Title + ": the spread of " + x.Level.Plural + " over time",
		Desc: "Lines for the mean of the best and worst " + tw + "s of places, the median place and England; the table after the chart gives every value."},
		Periods: labels, Format: f, YLabel: x.Indicator.Title}
	svg, err := chart.LineChart(series, opt)
	if err != nil {
		return err
	}
	b.Chart, b.Table = svg, chart.LineTable(series, opt)
	return nil
}
