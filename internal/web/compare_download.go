package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
)

// compareRecord is one place's latest figure for one indicator in the
// compare downloads, with the period, source and licence beside it.
type compareRecord struct {
	AreaCode  string   `json:"area_code"`
	AreaName  string   `json:"area_name"`
	Indicator string   `json:"indicator"`
	Title     string   `json:"title"`
	Unit      string   `json:"unit"`
	Period    string   `json:"period"`
	Label     string   `json:"period_label"`
	Value     *float64 `json:"value"`
	Lower     *float64 `json:"lci"`
	Upper     *float64 `json:"uci"`
	Judgement string   `json:"judgement"`
	Source    string   `json:"source"`
	Licence   string   `json:"licence"`
	Dataset   string   `json:"dataset"`
}

// compareRecords lays out the places' profiles, indicator by indicator,
// from the same snapshot rows the page shows.
func compareRecords(snap *snapshot.Snapshot, areas []localup.Area) []compareRecord {
	var out []compareRecord
	for _, ind := range snap.Indicators() {
		for _, a := range areas {
			prof, ok := snap.Profile(a.Code)
			if !ok {
				continue
			}
			for i := range prof.Rows {
				r := &prof.Rows[i]
				if r.Indicator.ID != ind.ID {
					continue
				}
				o := r.Observation
				source, licence := ind.Source, ind.Licence
				if d := r.Dataset; d != nil {
					source, licence = cmpOr(source, d.Publisher), cmpOr(licence, d.Licence)
				}
				out = append(out, compareRecord{AreaCode: a.Code, AreaName: a.Name, Indicator: ind.ID, Title: ind.Title,
					Unit: ind.Unit, Period: o.Period.String(), Label: o.Period.Label(), Value: ptr(r.Value()),
					Lower: ptr(r.Lower), Upper: ptr(r.Upper), Judgement: r.National.Judgement(),
					Source: source, Licence: licence, Dataset: o.DatasetID})
			}
		}
	}
	return out
}

// writeCompareDownload answers /compare?areas=...&format=csv|json.
func writeCompareDownload(w http.ResponseWriter, format string, snap *snapshot.Snapshot, areas []localup.Area) error {
	recs := compareRecords(snap, areas)
	codes := make([]string, len(areas))
	for i, a := range areas {
		codes[i] = a.Code
	}
	name := "compare-" + strings.Join(codes, "-")
	var b bytes.Buffer
	h := w.Header()
	switch format {
	case "csv":
		cw := csv.NewWriter(&b)
		cw.Write([]string{"area_code", "area_name", "indicator", "title", "unit", "period", "period_label", "value", "lci", "uci",
			"judgement_against_national", "source", "licence", "dataset"})
		num := func(p *float64) string {
			if p == nil {
				return ""
			}
			return number(*p)
		}
		for _, r := range recs {
			cw.Write([]string{cell(r.AreaCode), cell(r.AreaName), cell(r.Indicator), cell(r.Title), cell(r.Unit), cell(r.Period),
				cell(r.Label), num(r.Value), num(r.Lower), num(r.Upper), cell(r.Judgement), cell(r.Source), cell(r.Licence), cell(r.Dataset)})
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	case "json":
		if err := json.NewEncoder(&b).Encode(map[string]any{"areas": codes, "rows": recs}); err != nil {
			return err
		}
		h.Set("Content-Type", "application/json")
		h.Set("Content-Disposition", `attachment; filename="`+name+`.json"`)
	default:
		return localup.Errorf(localup.EINVALID, "format must be csv or json, not %q", format)
	}
	_, err := w.Write(b.Bytes())
	return err
}
