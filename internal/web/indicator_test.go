package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/datatest"
	"github.com/localup/localup/internal/geo"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/snapshot/snapshottest"
	"github.com/localup/localup/internal/web/webtest"
)

var (
	testAtlasOnce sync.Once
	testAtlas     *geo.Atlas
	testAtlasErr  error
)

// realAtlas loads the real boundaries once: LOCALUP_DATA, or shared/data
// beside the repository.
func realAtlas(t testing.TB) *geo.Atlas {
	t.Helper()
	dir := datatest.Dir(t)
	testAtlasOnce.Do(func() { testAtlas, testAtlasErr = geo.Load(dir) })
	if testAtlasErr != nil {
		t.Fatalf("loading boundaries from %s (set LOCALUP_DATA): %v", dir, testAtlasErr)
	}
	return testAtlas
}

// newMapServer is newTestServer with boundaries, so that maps are drawn.
func newMapServer(t *testing.T) *Server { return serverOver(t, snapshottest.Open(t), realAtlas(t)) }

// firstIndicator is an indicator of the test data with figures.
func firstIndicator(t *testing.T, s *Server) string {
	t.Helper()
	snap := s.snap()
	for _, ind := range snap.Indicators() {
		if len(snap.Periods(ind.ID)) > 1 {
			return ind.ID
		}
	}
	t.Fatal("no indicator with two periods in the test data")
	return ""
}

func TestIndicatorPage(t *testing.T) {
	s := newMapServer(t)
	id := firstIndicator(t, s)
	for _, colour := range []string{"quintile", "significance"} {
		doc := page(t, s, "/indicators/"+id+"?colour="+colour, http.StatusOK)
		webtest.MustQuery(t, doc, `form#view-form[method=get] select#period[name=period]`)
		webtest.MustQuery(t, doc, `select#level[name=level]`)
		webtest.MustQuery(t, doc, `select#colour[name=colour] option[value=`+colour+`][selected]`)
		webtest.MustQuery(t, doc, `a#skip-map[href="#ranked-caption"]`)
		webtest.MustQuery(t, doc, `#map svg`)
		webtest.MustQuery(t, doc, `#swarm svg`)
		if len(s.snap().Series(id, "E92000001")) > 0 {
			webtest.MustQuery(t, doc, `#line svg`)
			webtest.MustQuery(t, doc, `table#line-table caption`)
		}
		rows := webtest.QueryAll(doc, `table#ranked tbody tr`)
		if len(rows) == 0 {
			t.Fatalf("%s: ranked table is empty", colour)
		}
		if href := webtest.Attr(webtest.MustQuery(t, doc, `#downloads a[download]`), "href"); !strings.HasPrefix(href, "/indicators/"+id+".csv?") {
			t.Errorf("CSV link %q", href)
		}
	}
	// Every period can be chosen, and the page then says so.
	for _, p := range s.snap().Periods(id) {
		doc := page(t, s, "/indicators/"+id+"?period="+p.String()+"&level=region", http.StatusOK)
		sel := webtest.MustQuery(t, doc, `select#period option[selected]`)
		if webtest.Attr(sel, "value") != p.String() {
			t.Errorf("period %s: selected %q", p, webtest.Attr(sel, "value"))
		}
	}
}

func TestIndicatorPageWithoutAtlas(t *testing.T) {
	s := newTestServer(t)
	id := firstIndicator(t, s)
	doc := page(t, s, "/indicators/"+id, http.StatusOK)
	webtest.MustQuery(t, doc, `#map-note`)
	webtest.MustQuery(t, doc, `table#ranked`)
}

func TestIndicatorErrors(t *testing.T) {
	s := newTestServer(t)
	id := firstIndicator(t, s)
	for _, tc := range []struct {
		target string
		status int
		want   string
	}{
		{"/indicators/no-such-thing", http.StatusNotFound, "no-such-thing"},
		{"/indicators/" + id + "?period=1999", http.StatusBadRequest, "period"},
		{"/indicators/" + id + "?level=lsoa", http.StatusBadRequest, "level"},
		{"/indicators/" + id + "?colour=red", http.StatusBadRequest, "colour"},
	} {
		res := get(t, s, tc.target)
		if res.status != tc.status || !strings.Contains(string(res.body), tc.want) {
			t.Errorf("GET %s: %d, want %d naming %q", tc.target, res.status, tc.status, tc.want)
		}
	}
}

func TestIndicatorDownloads(t *testing.T) {
	s := newTestServer(t)
	id := firstIndicator(t, s)
	res := get(t, s, "/indicators/"+id+".csv")
	if res.status != http.StatusOK || res.header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("CSV: %d %q", res.status, res.header.Get("Content-Type"))
	}
	recs, err := csv.NewReader(strings.NewReader(string(res.body))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"rank", "area_code", "area_name", "value", "lower_ci", "upper_ci", "compared_with_benchmark", "benchmark", "period", "indicator", "source", "licence"}
	if strings.Join(recs[0], ",") != strings.Join(want, ",") || len(recs) < 2 {
		t.Fatalf("CSV header %v, %d rows", recs[0], len(recs))
	}
	for _, r := range recs[1:] {
		for _, c := range r[1:3] {
			if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
				t.Errorf("cell %q is not neutralised", c)
			}
		}
		if r[8] == "" {
			t.Errorf("row %v has no period", r)
		}
	}
	res = get(t, s, "/indicators/"+id+".json?level=region")
	if res.status != http.StatusOK || res.header.Get("Content-Type") != "application/json" {
		t.Fatalf("JSON: %d %q", res.status, res.header.Get("Content-Type"))
	}
	var out indicatorJSON
	if err := json.Unmarshal(res.body, &out); err != nil {
		t.Fatal(err)
	}
	if out.Indicator != id || out.Level != "region" || out.Period == "" || len(out.Areas) == 0 {
		t.Errorf("JSON: %+v", out)
	}
	if c := allocation.SafeCell("=cmd"); c != "'=cmd" {
		t.Errorf("cell(=cmd) = %q", c)
	}
}

// BenchmarkIndicatorPage renders /indicators/{id} for every local
// authority of the real data, with the map.
func BenchmarkIndicatorPage(b *testing.B) {
	snap := snapshottest.RealSnapshot(b)
	s, err := New(Options{Snapshot: func() *snapshot.Snapshot { return snap }, Store: pinger{}, Atlas: realAtlas(b)})
	if err != nil {
		b.Fatal(err)
	}
	var id string
	for _, ind := range snap.Indicators() {
		if snap.AreaCount(ind.ID) > 300 {
			id = ind.ID
			break
		}
	}
	r := httptest.NewRequest(http.MethodGet, "/indicators/"+id, nil)
	ind, _ := snap.Indicator(id)
	p, err := s.newIndicatorPage(r, snap, ind)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.drawIndicator(snap, p); err != nil {
		b.Fatal(err)
	}
	if n := len(p.Map); n == 0 || n >= 300<<10 {
		b.Fatalf("map SVG is %d bytes, want 0 < n < 300 KB", n)
	}
	mapBytes := float64(len(p.Map))
	// What travels over the wire: the page gzip-compressed.
	gz := httptest.NewRequest(http.MethodGet, "/indicators/"+id, nil)
	gz.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, gz)
	if rec.Header().Get("Content-Encoding") != "gzip" {
		b.Fatalf("/indicators/%s is not gzip-compressed", id)
	}
	gzBytes := float64(rec.Body.Len())
	b.Run("memo", func(b *testing.B) {
		benchGet(b, s, "/indicators/"+id)
		b.ReportMetric(mapBytes, "map-bytes")
		b.ReportMetric(gzBytes, "gzip-bytes")
	})
	b.Run("render", func(b *testing.B) {
		benchGet(b, s, "/indicators/"+id+"?level=lad&colour=significance")
		b.ReportMetric(mapBytes, "map-bytes")
	})
}

func TestAreaLocator(t *testing.T) {
	s := newMapServer(t)
	for _, code := range []string{"E06000001", "E12000001"} {
		doc := page(t, s, "/areas/"+code, http.StatusOK)
		svg := webtest.MustQuery(t, doc, `#locator svg`)
		if webtest.Attr(svg, "role") != "img" {
			t.Errorf("%s: locator role %q", code, webtest.Attr(svg, "role"))
		}
	}
	// Without boundaries the page has no map.
	doc := page(t, newTestServer(t), "/areas/E06000001", http.StatusOK)
	if webtest.Query(doc, `#locator`) != nil {
		t.Error("locator drawn without boundaries")
	}
}

func TestAreaIndicatorPage(t *testing.T) {
	s := newTestServer(t)
	id := firstIndicator(t, s)
	doc := page(t, s, "/areas/E06000001/indicators/"+id, http.StatusOK)
	webtest.MustQuery(t, doc, `a#indicator-link[href="/indicators/`+id+`"]`)
	webtest.MustQuery(t, doc, `#line svg`)
	webtest.MustQuery(t, doc, `table#line-table caption`)
	// The profile links each row to its chart over time.
	prof := page(t, s, "/areas/E06000001", http.StatusOK)
	webtest.MustQuery(t, prof, `tr[data-indicator=`+id+`] a[data-over-time][href="/areas/E06000001/indicators/`+id+`"]`)
	for _, target := range []string{"/areas/E06000001/indicators/nope", "/areas/X99/indicators/" + id} {
		if res := get(t, s, target); res.status != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", target, res.status)
		}
	}
}

func TestAreaXLSX(t *testing.T) {
	s := newTestServer(t)
	doc := page(t, s, "/areas/E06000001", http.StatusOK)
	if href := webtest.Attr(webtest.MustQuery(t, doc, `a#xlsx-link`), "href"); href != "/areas/E06000001.xlsx" {
		t.Errorf("xlsx link %q", href)
	}
	res := get(t, s, "/areas/E06000001.xlsx")
	if res.status != http.StatusOK || res.header.Get("Content-Type") != xlsxType {
		t.Fatalf("XLSX: %d %q", res.status, res.header.Get("Content-Type"))
	}
	f, err := excelize.OpenReader(bytes.NewReader(res.body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Profile")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || rows[0][0] != csvHeader[0] || rows[1][0] != "E06000001" || rows[1][1] != "Hartlepool" {
		t.Fatalf("rows: %v", rows[:min(2, len(rows))])
	}
	// The value column is a number, the name a string.
	typ, _ := f.GetCellType("Profile", "B2")
	if typ == excelize.CellTypeFormula {
		t.Errorf("B2 is a formula")
	}
	if res := get(t, s, "/areas/X99.xlsx"); res.status != http.StatusNotFound {
		t.Errorf("unknown area: %d", res.status)
	}
}

func TestComparePlaces(t *testing.T) {
	s := newTestServer(t)
	doc := page(t, s, "/compare?areas=E06000001,e06000002", http.StatusOK)
	heads := webtest.QueryAll(doc, `table#compare thead th[data-area]`)
	if len(heads) != 2 || webtest.Attr(heads[0], "data-area") != "E06000001" {
		t.Fatalf("compare heads: %v", webtest.Texts(doc, `table#compare thead th`))
	}
	if len(webtest.QueryAll(doc, `table#compare tbody tr[data-indicator]`)) == 0 {
		t.Error("no indicator rows")
	}
	webtest.MustQuery(t, doc, `.app-chart svg`)

	// The table downloads: CSV with source, licence and period; JSON alike.
	link := webtest.MustQuery(t, doc, `#compare-downloads a`)
	res := get(t, s, webtest.Attr(link, "href"))
	if res.status != http.StatusOK || !strings.HasPrefix(res.header.Get("Content-Type"), "text/csv") {
		t.Fatalf("compare CSV: %d %s", res.status, res.header.Get("Content-Type"))
	}
	lines := strings.Split(strings.TrimSpace(string(res.body)), "\n")
	if !strings.Contains(lines[0], "period,period_label") || !strings.Contains(lines[0], "source,licence") || len(lines) < 3 {
		t.Errorf("compare CSV head %q, %d lines", lines[0], len(lines))
	}
	if !strings.Contains(string(res.body), "E06000001,Hartlepool") || !strings.Contains(string(res.body), "E06000002,") {
		t.Errorf("compare CSV lacks a place:\n%s", res.body)
	}
	res = get(t, s, "/compare?areas=E06000001,E06000002&format=json")
	var doc2 struct {
		Areas []string `json:"areas"`
		Rows  []struct {
			AreaCode, Indicator, Period, Source, Licence string
		} `json:"rows"`
	}
	if err := json.Unmarshal(res.body, &doc2); err != nil || len(doc2.Areas) != 2 || len(doc2.Rows) == 0 || doc2.Rows[0].Source == "" || doc2.Rows[0].Period == "" {
		t.Errorf("compare JSON: %v %+v", err, doc2)
	}
	if res := get(t, s, "/compare?areas=E06000001&format=pdf"); res.status != http.StatusBadRequest || !strings.Contains(string(res.body), "format") {
		t.Errorf("bad format: %d", res.status)
	}

	eleven := strings.Repeat("E06000001,", 0)
	for _, c := range []string{"E06000001", "E06000002", "E06000003", "E06000004", "E06000005", "E12000001", "E92000001", "W92000004", "E08000001", "E09000001", "E07000001"} {
		eleven += c + ","
	}
	for _, target := range []string{"/compare", "/compare?areas=nope", "/compare?areas=E06000001,XX", "/compare?areas=" + eleven} {
		res := get(t, s, target)
		if res.status != http.StatusBadRequest || !strings.Contains(string(res.body), "areas") {
			t.Errorf("GET %s: %d, want 400 naming areas", target, res.status)
		}
	}
}

func TestParseCompareAreas(t *testing.T) {
	get := func(code string) (localup.Area, bool) {
		return localup.Area{Code: code, Name: code}, strings.HasPrefix(code, "E")
	}
	codes := []string{}
	for i := 0; i < 11; i++ {
		codes = append(codes, "E0600000"+string(rune('0'+i%10))+string(rune('a'+i)))
	}
	if _, err := parseCompareAreas(get, strings.Join(codes[:10], ",")); err != nil {
		t.Errorf("ten areas: %v", err)
	}
	if _, err := parseCompareAreas(get, strings.Join(codes, ",")); err == nil || !strings.Contains(err.Error(), "at most 10") {
		t.Errorf("eleven areas: %v", err)
	}
	if _, err := parseCompareAreas(get, "E1,X2"); err == nil || !strings.Contains(err.Error(), "X2") {
		t.Errorf("unknown code: %v", err)
	}
	got, err := parseCompareAreas(get, " e1 , E1,")
	if err != nil || len(got) != 1 || got[0].Code != "E1" {
		t.Errorf("duplicates: %v %v", got, err)
	}
}

func TestSearchAPI(t *testing.T) {
	s := newTestServer(t)
	res := get(t, s, "/api/v1/search?q=hart")
	if res.status != http.StatusOK || !strings.HasPrefix(res.header.Get("Content-Type"), "application/json") {
		t.Fatalf("search: %d %q", res.status, res.header.Get("Content-Type"))
	}
	var out struct {
		Count int `json:"count"`
		Areas []struct {
			Code   string `json:"code"`
			WebURL string `json:"web_url"`
		} `json:"areas"`
	}
	if err := json.Unmarshal(res.body, &out); err != nil {
		t.Fatal(err)
	}
	if out.Count == 0 || out.Count > 10 || out.Areas[0].Code != "E06000001" || out.Areas[0].WebURL != "/areas/E06000001" {
		t.Errorf("search hart: %+v", out)
	}
	if res := get(t, s, "/api/v1/search?q="); res.status != http.StatusOK || !strings.Contains(string(res.body), `"count":0`) {
		t.Errorf("empty query: %d %s", res.status, res.body)
	}
	if res := get(t, s, "/api/v1/search?q="+strings.Repeat("a", 101)); res.status != http.StatusBadRequest {
		t.Errorf("long query: %d", res.status)
	}
}

// TestIndicatorRegionsAndNations checks that the regions level lists the
// three other nations beside the English regions, as its map draws them.
func TestIndicatorRegionsAndNations(t *testing.T) {
	h := newAllocateServer(t)
	doc := page(t, h, "/indicators/gross-median-weekly-pay?level=region", http.StatusOK)
	rows := webtest.QueryAll(doc, "#ranked tbody tr")
	if len(rows) != 12 {
		t.Errorf("%d rows, want 9 regions and 3 nations", len(rows))
	}
	for _, code := range []string{"W92000004", "S92000003", "N92000002", "E12000007"} {
		tr := webtest.Query(doc, "#ranked tr[data-area="+code+"]")
		if tr == nil || webtest.Text(webtest.Query(tr, "td[data-value]")) == "no data" {
			t.Errorf("%s: no row or no value", code)
		}
	}
}

// TestIndicatorNationBenchmark checks that Welsh authorities are judged
// against Wales, as their profiles are, and English ones against England.
func TestIndicatorNationBenchmark(t *testing.T) {
	h := newAllocateServer(t)
	res := get(t, h, "/indicators/gross-median-weekly-pay.json?level=lad")
	var out indicatorJSON
	if err := json.Unmarshal(res.body, &out); err != nil {
		t.Fatal(err)
	}
	bench := map[string]string{}
	for _, a := range out.Areas {
		bench[a.Code] = a.Benchmark
	}
	if bench["W06000015"] != "Wales" || bench["E06000009"] != "England" {
		t.Errorf("Cardiff against %q, Blackpool against %q", bench["W06000015"], bench["E06000009"])
	}
}
