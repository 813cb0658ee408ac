package web

import (
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/chart"
)

// maxCompare is the most places /compare shows side by side.
const maxCompare = 10

// placesPage shows up to ten places side by side: every indicator's
// latest value and judgement against the national benchmark, and a line
// chart per indicator.
type placesPage struct {
	basePage
	Areas     []localup.Area
	AreasText string // the form's value
	Rows      []placesRow
	CSVURL    string // the table as CSV, with source, licence and period
	JSONURL   string
}

// placesRow is one indicator across the places.
type placesRow struct {
	Indicator localup.Indicator
	ID        string // HTML id prefix
	URL       string
	Cells     []placesCell
	Line      template.HTML
	Table     chart.Table
}

// placesCell is one place's latest figure for an indicator.
type placesCell struct {
	Value     string
	Period    string
	Judgement string
}

// parseCompareAreas reads the areas parameter: comma-separated codes,
// one to ten, each known.
func parseCompareAreas(get func(string) (localup.Area, bool), raw string) ([]localup.Area, error) {
	var out []localup.Area
	seen := map[string]bool{}
	for _, f := range strings.Split(raw, ",") {
		code := strings.ToUpper(strings.TrimSpace(f))
		if code == "" || seen[code] {
			continue
		}
		a, ok := get(code)
		if !ok {
			return nil, localup.Errorf(localup.EINVALID, "areas: there is no area with the code %q", f)
		}
		seen[code] = true
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, localup.Errorf(localup.EINVALID, "areas must list one to %d area codes separated by commas, such as E06000001,E06000002", maxCompare)
	}
	if len(out) > maxCompare {
		return nil, localup.Errorf(localup.EINVALID, "areas: compare at most %d places at once (%d given)", maxCompare, len(out))
	}
	return out, nil
}

func (s *Server) comparePlaces(w http.ResponseWriter, r *http.Request) error {
	snap := s.snap()
	raw := r.URL.Query().Get("areas")
	areas, err := parseCompareAreas(snap.Area, raw)
	if err != nil {
		return err
	}
	if f := r.URL.Query().Get("format"); f != "" {
		return writeCompareDownload(w, f, snap, areas)
	}
	codes := make([]string, len(areas))
	for i, a := range areas {
		codes[i] = a.Code
	}
	q := "/compare?areas=" + url.QueryEscape(strings.Join(codes, ","))
	p := &placesPage{basePage: s.base(r, "Compare places"), Areas: areas, AreasText: raw, CSVURL: q + "&format=csv", JSONURL: q + "&format=json"}
	latest := latestRows(snap, areas)
	for n, ind := range snap.Indicators() {
		row := placesRow{Indicator: ind, ID: "ind-" + strconv.Itoa(n), URL: "/indicators/" + url.PathEscape(ind.ID)}
		has := false
		for i := range areas {
			c := placesCell{}
			if pr, ok := latest[i][ind.ID]; ok {
				c.Value = formatValue(ind, pr.Value())
				c.Period = pr.Observation.Period.Label()
				c.Judgement = pr.National.Judgement()
				has = true
			}
			row.Cells = append(row.Cells, c)
		}
		if !has {
			continue
		}
		periods := snap.Periods(ind.ID)
		var labels []string
		for _, per := range periods {
			labels = append(labels, per.Label())
		}
		var series []chart.Series
		for _, a := range areas {
			ser := areaSeries(snap, ind, a, periods, false)
			for _, v := range ser.Values {
				if !math.IsNaN(v) {
					series = append(series, ser)
					break
				}
			}
		}
		if len(series) > 0 && len(periods) > 1 {
			opt := chart.LineOptions{Meta: chart.Meta{ID: row.ID + "-line", Title: ind.Title + " over time in the places compared",
				Desc: "One line per place; the table after the chart gives every value."},
				Periods: labels, Format: chart.Format{Prefix: ind.Prefix, Suffix: ind.Suffix, Decimals: ind.DecimalPlaces}, YLabel: ind.Title,
				Width: 480, Height: 260}
			svg, err := chart.LineChart(series, opt)
			if err != nil {
				return err
			}
			row.Line = svg
			row.Table = chart.LineTable(series, opt)
		}
		p.Rows = append(p.Rows, row)
	}
	return s.render(w, http.StatusOK, "compare", p)
}
