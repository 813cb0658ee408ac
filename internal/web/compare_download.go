package web

import (
	"bytes"
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

// latestRows indexes the places' profiles by indicator: rows[i][id] is
// place i's row for the indicator. Each profile is fetched once.
func latestRows(snap *snapshot.Snapshot, areas []localup.Area) []map[string]*snapshot.ProfileRow {
	rows := make([]map[string]*snapshot.ProfileRow, len(areas))
	for i, a := range areas {
		rows[i] = map[string]*snapshot.ProfileRow{}
		if prof, ok := snap.Profile(a.Code); ok {
			for j := range prof.Rows {
				rows[i][prof.Rows[j].Indicator.ID] = &prof.Rows[j]
			}
		}
	}
	return rows
}

// compareRecords lays out the places' profiles, indicator by indicator,
// from the same snapshot rows the page shows.
func compareRecords(snap *snapshot.Snapshot, areas []localup.Area) []compareRecord {
	latest := latestRows(snap, areas)
	var out []compareRecord
	for _, ind := range snap.Indicators() {
		for i, a := range areas {
			r, ok := latest[i][ind.ID]
			if !ok {
				continue
			}
			o := r.Observation
			out = append(out, compareRecord{AreaCode: a.Code, AreaName: a.Name, Indicator: ind.ID, Title: ind.Title,
				Unit: ind.Unit, Period: o.Period.String(), Label: o.Period.Label(), Value: ptr(r.Value()),
				Lower: ptr(r.Lower), Upper: ptr(r.Upper), Judgement: r.National.Judgement(),
				Source: ind.Source, Licence: ind.Licence, Dataset: o.DatasetID})
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
	switch format {
	case "csv":
		rows := [][]string{{"area_code", "area_name", "indicator", "title", "unit", "period", "period_label", "value", "lci", "uci",
			"judgement_against_national", "source", "licence", "dataset"}}
		num := func(p *float64) string {
			if p == nil {
				return ""
			}
			return number(*p)
		}
		for _, r := range recs {
			rows = append(rows, []string{r.AreaCode, r.AreaName, r.Indicator, r.Title, r.Unit, r.Period,
				r.Label, num(r.Value), num(r.Lower), num(r.Upper), r.Judgement, r.Source, r.Licence, r.Dataset})
		}
		return writeCSV(w, name+".csv", rows)
	case "json":
		var b bytes.Buffer
		if err := json.NewEncoder(&b).Encode(map[string]any{"areas": codes, "rows": recs}); err != nil {
			return err
		}
		return writeDownload(w, "application/json", name+".json", b.Bytes())
	}
	return localup.Errorf(localup.EINVALID, "format must be csv or json, not %q", format)
}
