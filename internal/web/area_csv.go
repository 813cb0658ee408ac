package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/snapshot"
)

// csvHeader names the columns of an area's profile CSV.
var csvHeader = []string{
	"area_code", "area_name", "indicator_id", "indicator", "topic", "mission", "polarity", "unit",
	"period", "period_label", "published_under_code", "value", "lower_ci_95", "upper_ci_95", "interval",
	"national_code", "national_name", "national_value", "national_comparison", "national_note",
	"region_code", "region_name", "region_value", "region_comparison",
	"similar_areas_mean", "similar_areas_with_value", "similar_areas", "similar_comparison",
	"rank", "rank_of", "trend", "trend_assessment", "trend_reason",
	"source", "licence", "dataset",
}

// compareHeader is appended when the request compares with another area.
var compareHeader = []string{"compare_code", "compare_name", "compare_value", "compare_comparison"}

// areaCSV answers GET /areas/{code}.csv: the profile, one row per
// indicator, with the same judgements as the page and the API.
func (s *Server) areaCSV(w http.ResponseWriter, r *http.Request, raw string) error {
	snap := s.snap()
	a, ok := snap.Area(raw)
	if !ok {
		return localup.Errorf(localup.ENOTFOUND, "There is no area with the code %q.", raw)
	}
	compare, err := snap.ParseCompare(r.URL.Query().Get("compare"))
	if err != nil {
		return err
	}
	p, _ := snap.Profile(a.Code)
	build := func() ([]byte, error) {
		var buf bytes.Buffer
		if err := writeProfileCSV(&buf, snap, p, compare); err != nil {
			return nil, fmt.Errorf("area CSV %s: %w", a.Code, err)
		}
		return buf.Bytes(), nil
	}
	var b []byte
	if compare == nil {
		b, err = snap.Memo("csv/areas/"+a.Code, build)
	} else {
		b, err = build()
	}
	if err != nil {
		return err
	}
	return writeDownload(w, csvType, a.Code+"-profile.csv", b)
}

// writeProfileCSV writes a profile as CSV. Text cells are neutralised
// (see cell); numbers are written in full precision, never as formulas.
func writeProfileCSV(w *bytes.Buffer, snap *snapshot.Snapshot, p *snapshot.Profile, compare *localup.Area) error {
	cw := csv.NewWriter(w)
	header, rows := profileTable(snap, p, compare)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, row := range rows {
		rec := make([]string, len(row))
		for i, c := range row {
			rec[i] = c.csv()
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// tableCell is one cell of a download: text, or a number (NaN for none).
type tableCell struct {
	Text   string
	Number float64
	IsNum  bool
}

func textCell(s string) tableCell { return tableCell{Text: s} }
func numCell(v float64) tableCell { return tableCell{Number: v, IsNum: true} }

// csv writes the cell for a CSV file: text neutralised, numbers in full.
func (c tableCell) csv() string {
	if c.IsNum {
		return number(c.Number)
	}
	return allocation.SafeCell(c.Text)
}

// profileTable lays a profile out as the rows of its downloads (CSV and
// XLSX), one per indicator.
func profileTable(snap *snapshot.Snapshot, p *snapshot.Profile, compare *localup.Area) ([]string, [][]tableCell) {
	header := csvHeader
	var cmps []snapshot.Benchmark
	if compare != nil {
		header = append(append([]string(nil), csvHeader...), compareHeader...)
		cmps = snap.Compare(p, *compare)
	}
	var rows [][]tableCell
	for i := range p.Rows {
		r := &p.Rows[i]
		ind, o := r.Indicator, r.Observation
		under := ""
		if o.AreaCode != p.Area.Code {
			under = o.AreaCode
		}
		interval := string(r.IntervalSource)
		if interval == "" {
			interval = "none published"
		}
		rank, of := math.NaN(), math.NaN()
		if r.Rank > 0 {
			rank, of = float64(r.Rank), float64(r.RankOf)
		}
		mission := math.NaN()
		if ind.Mission > 0 {
			mission = float64(ind.Mission)
		}
		source, licence, dataset := ind.Source, ind.Licence, o.DatasetID
		rec := []tableCell{
			textCell(p.Area.Code), textCell(p.Area.Name), textCell(ind.ID), textCell(ind.Title), textCell(ind.Topic), numCell(mission),
			textCell(ind.Polarity.String()), textCell(ind.Unit),
			textCell(o.Period.String()), textCell(o.Period.Label()), textCell(under), numCell(o.Value), numCell(r.Lower), numCell(r.Upper), textCell(interval),
			textCell(benchCode(r.National)), textCell(r.National.Label), numCell(r.National.Value), textCell(r.National.Judgement()), textCell(r.National.Note),
			textCell(benchCode(r.Region)), textCell(benchName(r.Region)), numCell(r.Region.Value), textCell(r.Region.Judgement()),
			numCell(r.Similar.Value), numCell(float64(r.Similar.N)), numCell(float64(r.Similar.Of)), textCell(r.Similar.Judgement()),
			numCell(rank), numCell(of), textCell(r.Trend.Result.Trend.String()), textCell(r.Trend.Assessment.String()), textCell(r.Trend.Reason),
			textCell(source), textCell(licence), textCell(dataset),
		}
		if cmps != nil {
			c := cmps[i]
			rec = append(rec, textCell(compare.Code), textCell(compare.Name), numCell(c.Value), textCell(c.Judgement()))
		}
		rows = append(rows, rec)
	}
	return header, rows
}

// number writes a figure in full precision, "" when absent. A number's
// leading minus sign is not a formula, so numbers are not neutralised.
func number(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func benchCode(b snapshot.Benchmark) string {
	if b.Area == nil {
		return ""
	}
	return b.Area.Code
}

func benchName(b snapshot.Benchmark) string {
	if b.Area == nil {
		return ""
	}
	return b.Area.Name
}

// writeCSV writes rows as a CSV download. Text cells that a spreadsheet
// would read as formulas are neutralised (see cell); numbers are not.
func writeCSV(w http.ResponseWriter, name string, rows [][]string) error {
	var b strings.Builder
	cw := csv.NewWriter(&b)
	for _, row := range rows {
		out := make([]string, len(row))
		for i, c := range row {
			if _, err := strconv.ParseFloat(c, 64); err != nil {
				c = allocation.SafeCell(c)
			}
			out[i] = c
		}
		cw.Write(out)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return writeDownload(w, csvType, name, []byte(b.String()))
}

// csvType is the media type of every CSV download.
const csvType = "text/csv; charset=utf-8"

// writeDownload sends a file built in full beforehand (so that a failure
// is an error page, never half a file) as an attachment named name.
func writeDownload(w http.ResponseWriter, contentType, name string, body []byte) error {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "no-cache")
	_, err := w.Write(body)
	return err
}
