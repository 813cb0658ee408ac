package web

import (
	"cmp"
	"encoding/json"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/chart"
	"github.com/localup/localup/internal/geo"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/stats"
)

// indicatorPage shows one indicator across every area of one geography
// level in one period: a choropleth, a ranked table, a beeswarm and the
// time series for England and the regions. Its whole state is in its URL.
type indicatorPage struct {
	basePage
	Indicator localup.Indicator
	Periods   []option
	Levels    []option
	Colours   []option
	Period    localup.Period
	Level     string // "lad" or "region"
	Colour    string // "quintile" or "significance"
	LevelName string // "local authorities"
	England   string // England's value as shown, "" if none
	Map       template.HTML
	MapNote   string // why there is no map
	Rows      []indicatorRow
	Swarm     template.HTML
	Line      template.HTML
	LineTable chart.Table
	CSVURL    string
	JSONURL   string
}

// option is one choice of a select.
type option struct {
	Value, Label string
	Selected     bool
}

// indicatorRow is one area in the ranked table (and the downloads).
type indicatorRow struct {
	Rank      int // 0 when the area has no value
	Code      string
	Name      string
	Value     float64
	Lower     float64
	Upper     float64
	Text      string // the value as shown
	Interval  string
	Judgement string
	Benchmark string // England, or the area's own nation when it is in Wales, Scotland or Northern Ireland and that has a figure
	Status    string
	judgement chart.Judgement
}

// indicatorLevels maps the level parameter to an area type and boundary layer.
var indicatorLevels = []struct {
	Value  string
	Label  string
	Type   localup.AreaType
	Kind   geo.Kind
	Plural string
}{
	{"lad", "Local authorities", localup.AreaLAD, geo.KindLAD, "local authorities"},
	{"region", "Regions and nations", localup.AreaRegion, geo.KindRegion, "regions"},
}

func (s *Server) indicator(w http.ResponseWriter, r *http.Request) error {
	raw := r.PathValue("id")
	format := ""
	for _, ext := range []string{".csv", ".json"} {
		if c, ok := strings.CutSuffix(raw, ext); ok {
			raw, format = c, ext[1:]
		}
	}
	snap := s.snap()
	ind, ok := snap.Indicator(raw)
	if !ok {
		return localup.Errorf(localup.ENOTFOUND, "There is no indicator with the id %q.", raw)
	}
	if format == "" && r.URL.RawQuery == "" {
		return s.renderOnce(w, snap, "page/indicators/"+ind.ID, "indicator", func() (any, error) {
			p, err := s.newIndicatorPage(r, snap, ind)
			if err != nil {
				return nil, err
			}
			return p, s.drawIndicator(snap, p)
		})
	}
	p, err := s.newIndicatorPage(r, snap, ind)
	if err != nil {
		return err
	}
	switch format {
	case "csv":
		return writeIndicatorCSV(w, p)
	case "json":
		return writeIndicatorJSON(w, p)
	}
	if err := s.drawIndicator(snap, p); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "indicator", p)
}

// newIndicatorPage reads period, level and colour and builds the rows.
func (s *Server) newIndicatorPage(r *http.Request, snap *snapshot.Snapshot, ind localup.Indicator) (*indicatorPage, error) {
	q := r.URL.Query()
	p := &indicatorPage{basePage: s.base(r, ind.Title), Indicator: ind}
	periods := snap.Periods(ind.ID)
	if len(periods) == 0 {
		return nil, localup.Errorf(localup.ENOTFOUND, "The indicator %q has no figures yet.", ind.ID)
	}
	p.Period = periods[len(periods)-1]
	if v := q.Get("period"); v != "" {
		found := false
		for _, per := range periods {
			if per.String() == v {
				p.Period, found = per, true
			}
		}
		if !found {
			return nil, localup.Errorf(localup.EINVALID, "period must be one of the indicator's periods, such as %s", p.Period.String())
		}
	}
	for i := len(periods) - 1; i >= 0; i-- {
		per := periods[i]
		p.Periods = append(p.Periods, option{per.String(), per.Label(), per.String() == p.Period.String()})
	}
	p.Level = q.Get("level")
	if p.Level == "" {
		p.Level = "lad"
	}
	li := -1
	for i, l := range indicatorLevels {
		p.Levels = append(p.Levels, option{l.Value, l.Label, l.Value == p.Level})
		if l.Value == p.Level {
			li = i
		}
	}
	if li < 0 {
		return nil, localup.Errorf(localup.EINVALID, "level must be lad or region")
	}
	level := indicatorLevels[li]
	p.LevelName = level.Plural
	p.Colour = q.Get("colour")
	if p.Colour == "" {
		p.Colour = "quintile"
	}
	if p.Colour != "quintile" && p.Colour != "significance" {
		return nil, localup.Errorf(localup.EINVALID, "colour must be quintile or significance")
	}
	p.Colours = []option{{"quintile", "Fifths of areas (quintiles)", p.Colour == "quintile"},
		{"significance", "Compared with the national figure", p.Colour == "significance"}}

	eng, hasEng := snap.FollowedValue(ind.ID, localup.CodeEngland, p.Period)
	if hasEng && eng.HasValue() {
		p.England = formatValue(ind, eng.Value)
	}
	for _, a := range levelAreas(snap, level.Type) {
		row := indicatorRow{Code: a.Code, Name: a.Name, Value: math.NaN(), Lower: math.NaN(), Upper: math.NaN()}
		if o, ok := snap.FollowedValue(ind.ID, a.Code, p.Period); ok && o.HasValue() {
			row.Value = o.Value
			row.Lower, row.Upper, _ = snapshot.Interval(&ind, &o)
			row.Text = formatValue(ind, o.Value)
			row.Interval = formatInterval(ind, o)
			row.Status = o.Status
			// Each area is judged against its national figure as its
			// profile is: England, Wales, Scotland, Northern Ireland, or
			// the UK when its nation has none.
			b := snap.NationalBenchmark(a, ind.ID, p.Period, row.Lower, row.Upper)
			row.judgement = chart.Judgement(b.Comparison)
			if b.Comparison != stats.NotCompared {
				row.Judgement, row.Benchmark = row.judgement.String(), b.Label
			}
		}
		p.Rows = append(p.Rows, row)
	}
	rankRows(p.Rows, ind.Polarity)
	base := "/indicators/" + url.PathEscape(ind.ID)
	v := url.Values{"period": {p.Period.String()}, "level": {p.Level}}
	p.CSVURL = base + ".csv?" + v.Encode()
	p.JSONURL = base + ".json?" + v.Encode()
	return p, nil
}

// rankRows sorts rows best first (highest first when the indicator has no
// polarity), then areas without a value by name, and numbers the ranks.
func rankRows(rows []indicatorRow, pol localup.Polarity) {
	lowerBetter := stats.Polarity(pol) == stats.LowerIsBetter
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		an, bn := math.IsNaN(a.Value), math.IsNaN(b.Value)
		if an != bn {
			return bn
		}
		if an || a.Value == b.Value {
			return a.Name < b.Name
		}
		if lowerBetter {
			return a.Value < b.Value
		}
		return a.Value > b.Value
	})
	for i := range rows {
		if !math.IsNaN(rows[i].Value) {
			rows[i].Rank = i + 1
		}
	}
}

// drawIndicator draws the map, the beeswarm and the line chart.
func (s *Server) drawIndicator(snap *snapshot.Snapshot, p *indicatorPage) error {
	ind := p.Indicator
	f := chart.Format{Prefix: ind.Prefix, Suffix: ind.Suffix, Decimals: ind.DecimalPlaces}
	var level = indicatorLevels[0]
	for _, l := range indicatorLevels {
		if l.Value == p.Level {
			level = l
		}
	}
	title := ind.Title + ", " + p.LevelName + ", " + p.Period.Label()
	var layer *geo.Layer
	if s.atlas != nil {
		layer = s.atlas.Layer(level.Kind, p.Period.Year())
	}
	if layer == nil {
		p.MapNote = "No boundaries are loaded, so there is no map; the table below lists every area."
	} else {
		values, bands, legend := mapValues(p)
		svg, err := chart.Choropleth(layer, values, chart.MapOptions{
			Meta: chart.Meta{ID: "indicator-map", Title: "Map of " + title,
				Desc: "Each area is shaded by its band; the table after the map gives every value."},
			Bands: bands, LegendTitle: legend})
		if err != nil {
			return err
		}
		p.Map = svg
	}
	var dots []chart.Dot
	for _, r := range p.Rows {
		if !math.IsNaN(r.Value) {
			dots = append(dots, chart.Dot{Code: r.Code, Name: r.Name, Value: r.Value})
		}
	}
	var refs []chart.Reference
	if eng, ok := snap.FollowedValue(ind.ID, localup.CodeEngland, p.Period); ok && eng.HasValue() {
		refs = append(refs, chart.Reference{Label: "England", Value: eng.Value})
	}
	if len(dots) > 0 {
		svg, err := chart.Beeswarm(dots, chart.SwarmOptions{
			Meta: chart.Meta{ID: "indicator-swarm", Title: "Distribution of " + title,
				Desc: "Each dot is one area; the dashed line is England. The ranked table lists every value."},
			Format: f, XLabel: ind.Title, References: refs})
		if err != nil {
			return err
		}
		p.Swarm = svg
	}
	// Time series: England and the regions.
	periods := snap.Periods(ind.ID)
	var labels []string
	for _, per := range periods {
		labels = append(labels, per.Label())
	}
	var series []chart.Series
	codes := []string{localup.CodeEngland}
	for _, a := range snap.CurrentAreas(localup.AreaRegion) {
		codes = append(codes, a.Code)
	}
	for _, c := range codes {
		a, ok := snap.Area(c)
		if !ok {
			continue
		}
		ser := chart.Series{Name: a.Name}
		has := false
		for _, per := range periods {
			v := math.NaN()
			if o, ok := snap.FollowedValue(ind.ID, c, per); ok && o.HasValue() {
				v, has = o.Value, true
			}
			ser.Values = append(ser.Values, v)
		}
		if has {
			series = append(series, ser)
		}
	}
	if len(series) > 0 {
		opt := chart.LineOptions{Meta: chart.Meta{ID: "indicator-line", Title: ind.Title + " over time, England and regions",
			Desc: "One line per area; the table after the chart gives every value."},
			Periods: labels, Format: f, YLabel: ind.Title}
		svg, err := chart.LineChart(series, opt)
		if err != nil {
			return err
		}
		p.Line = svg
		p.LineTable = chart.LineTable(series, opt)
	}
	return nil
}

// mapValues bands the rows by quintile or by comparison with England.
func mapValues(p *indicatorPage) (map[string]chart.MapValue, []chart.Band, string) {
	values := make(map[string]chart.MapValue, len(p.Rows))
	if p.Colour == "significance" {
		js := []chart.Judgement{chart.Better, chart.Similar, chart.Worse, chart.Higher, chart.Lower}
		if stats.Polarity(p.Indicator.Polarity) != stats.HigherIsBetter && stats.Polarity(p.Indicator.Polarity) != stats.LowerIsBetter {
			js = []chart.Judgement{chart.Higher, chart.Similar, chart.Lower}
		} else {
			js = []chart.Judgement{chart.Better, chart.Similar, chart.Worse}
		}
		for _, r := range p.Rows {
			mv := chart.MapValue{Band: chart.NoData, Text: cmp.Or(r.Text, "no data")}
			for i, j := range js {
				if r.judgement == j && !math.IsNaN(r.Value) {
					mv.Band = i
				}
			}
			values[r.Code] = mv
		}
		bench, legend := "England", "Compared with England (95% confidence)"
		for _, r := range p.Rows {
			if r.Benchmark != "" && r.Benchmark != "England" {
				bench, legend = "national figure", "Compared with the area's national figure (95% confidence)"
			}
		}
		return values, chart.JudgementBands(bench, js...), legend
	}
	var vals []float64
	var idx []int
	for i, r := range p.Rows {
		values[r.Code] = chart.MapValue{Band: chart.NoData, Text: "no data"}
		if !math.IsNaN(r.Value) {
			vals = append(vals, r.Value)
			idx = append(idx, i)
		}
	}
	labels := [5]string{"Lowest 20%", "Lower 20%", "Middle 20%", "Higher 20%", "Highest 20%"}
	pol := stats.Polarity(p.Indicator.Polarity)
	if pol == stats.HigherIsBetter || pol == stats.LowerIsBetter {
		labels = [5]string{"Worst 20%", "Worse 20%", "Middle 20%", "Better 20%", "Best 20%"}
	}
	bands, _, err := stats.Quintiles(vals, pol)
	if err == nil {
		for k, i := range idx {
			r := p.Rows[i]
			values[r.Code] = chart.MapValue{Band: bands[k] - 1, Text: r.Text}
		}
	}
	return values, chart.QuintileBands(labels), "Fifths of " + p.LevelName
}

// writeIndicatorCSV writes the ranked table with source, licence and period.
func writeIndicatorCSV(w http.ResponseWriter, p *indicatorPage) error {
	rows := [][]string{{"rank", "area_code", "area_name", "value", "lower_ci", "upper_ci", "compared_with_benchmark", "benchmark", "period", "indicator", "source", "licence"}}
	for _, r := range p.Rows {
		rank := ""
		if r.Rank > 0 {
			rank = number(float64(r.Rank))
		}
		rows = append(rows, []string{rank, r.Code, r.Name, number(r.Value), number(r.Lower), number(r.Upper),
			r.Judgement, r.Benchmark, p.Period.String(), p.Indicator.ID, p.Indicator.Source, p.Indicator.Licence})
	}
	return writeCSV(w, p.Indicator.ID+"-"+p.Level+".csv", rows)
}

// indicatorJSON is the JSON form of the ranked table.
type indicatorJSON struct {
	Indicator string             `json:"indicator"`
	Title     string             `json:"title"`
	Period    string             `json:"period"`
	Level     string             `json:"level"`
	Source    string             `json:"source"`
	Licence   string             `json:"licence"`
	Areas     []indicatorJSONRow `json:"areas"`
}

type indicatorJSONRow struct {
	Rank      int      `json:"rank,omitempty"`
	Code      string   `json:"code"`
	Name      string   `json:"name"`
	Value     *float64 `json:"value"`
	Lower     *float64 `json:"lower,omitempty"`
	Upper     *float64 `json:"upper,omitempty"`
	Judgement string   `json:"comparedWithBenchmark,omitempty"`
	Benchmark string   `json:"benchmark,omitempty"`
}

func ptr(v float64) *float64 {
	if math.IsNaN(v) {
		return nil
	}
	return &v
}

func writeIndicatorJSON(w http.ResponseWriter, p *indicatorPage) error {
	out := indicatorJSON{Indicator: p.Indicator.ID, Title: p.Indicator.Title, Period: p.Period.String(), Level: p.Level,
		Source: p.Indicator.Source, Licence: p.Indicator.Licence, Areas: []indicatorJSONRow{}}
	for _, r := range p.Rows {
		out.Areas = append(out.Areas, indicatorJSONRow{Rank: r.Rank, Code: r.Code, Name: r.Name,
			Value: ptr(r.Value), Lower: ptr(r.Lower), Upper: ptr(r.Upper), Judgement: r.Judgement, Benchmark: r.Benchmark})
	}
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	_, err = w.Write(b)
	return err
}

// levelAreas lists the current areas a level shows: for regions, the
// English regions and the other three nations, as the boundary layer
// draws them.
func levelAreas(snap *snapshot.Snapshot, t localup.AreaType) []localup.Area {
	out := snap.CurrentAreas(t)
	if t != localup.AreaRegion {
		return out
	}
	for _, a := range snap.CurrentAreas(localup.AreaCountry) {
		if c := localup.CountryOf(a.Code); c != localup.CodeEngland && c != "" {
			out = append(out, a)
		}
	}
	return out
}
