package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/snapshot/snapshottest"
	"github.com/localup/localup/internal/web/webtest"
)

// newProfileServer serves the profile fixture.
func newProfileServer(t *testing.T) *Server { return serverOver(t, snapshottest.OpenProfile(t), nil) }

// profileRowText reads one indicator's row of an area page.
type profileRowText struct {
	Period, Value, Interval, IntervalNote      string
	National, Region, Similar, Rank, Trend     string
	NationalCmp, RegionCmp, SimilarCmp, Marker string
}

func readRow(t *testing.T, doc *html.Node, indicator string) profileRowText {
	t.Helper()
	tr := webtest.MustQuery(t, doc, `tr[data-indicator=`+indicator+`]`)
	text := func(sel string) string { return webtest.Text(webtest.Query(tr, sel)) }
	attr := func(sel, name string) string { return webtest.Attr(webtest.Query(tr, sel), name) }
	return profileRowText{
		Period: webtest.Text(webtest.Query(tr, "td[data-period]")), Value: text("td[data-value] strong"),
		Interval: text("[data-interval]"), IntervalNote: text("[data-interval-note]"),
		National: text("td[data-national] [data-judgement]"), Region: text("td[data-region] [data-judgement]"),
		Similar: text("td[data-similar] [data-judgement]"), Rank: text("[data-rank]"), Trend: text("td[data-trend] strong"),
		NationalCmp: attr("td[data-national]", "data-comparison"), RegionCmp: attr("td[data-region]", "data-comparison"),
		SimilarCmp: attr("td[data-similar]", "data-comparison"), Marker: attr("td[data-trend]", "data-trend"),
	}
}

func TestProfilePage(t *testing.T) {
	s := newProfileServer(t)
	doc := page(t, s, "/areas/E06000001", http.StatusOK)
	if got := webtest.Text(webtest.Query(doc, "h1")); got != "Hartlepool" {
		t.Errorf("h1 %q", got)
	}
	// Mission 7 first, then topics.
	if diff := cmp.Diff([]string{"Mission 7: health", "Health and wellbeing", "Population"}, webtest.Texts(doc, "table caption")); diff != "" {
		t.Errorf("captions (-want +got):\n%s", diff)
	}
	want := map[string]profileRowText{
		"life-expectancy": {Period: "2020-22", Value: "55.0 years", Interval: "54.0 to 56.0",
			National: "Worse than England", Region: "Worse than North East", Similar: "Worse than similar areas",
			Rank: "13th of 13", Trend: "↓ Decreasing, getting worse",
			NationalCmp: "worse", RegionCmp: "worse", SimilarCmp: "worse", Marker: "decreasing"},
		"smoking": {Period: "2022", Value: "20.0%", Interval: "18.6% to 21.5%",
			IntervalNote: "calculated from the numerator and denominator (Wilson score method)",
			National:     "Worse than England", Region: "Worse than North East", Similar: "Worse than similar areas",
			Rank: "12th of 12", Trend: "↓ Decreasing, getting better",
			NationalCmp: "worse", RegionCmp: "worse", SimilarCmp: "worse", Marker: "decreasing"},
		"admissions": {Period: "2022", Value: "8.9 per 100,000", Interval: "3.8 to 17.5",
			IntervalNote: "calculated from the count and population (exact Poisson method)",
			National:     "Better than England", Region: "Better than North East", Similar: "Better than similar areas",
			Rank: "1st of 12", Trend: "Cannot be calculated",
			NationalCmp: "better", RegionCmp: "better", SimilarCmp: "better", Marker: "cannot be calculated"},
		"population": {Period: "2022", Value: "92,000 people", IntervalNote: "No interval published",
			National: "Not compared", Region: "Not compared", Similar: "Not compared",
			Rank: "12th of 13", Trend: "Cannot be calculated",
			NationalCmp: "not compared", RegionCmp: "not compared", SimilarCmp: "not compared", Marker: "cannot be calculated"},
		"median-age": {Period: "2022", Value: "42.0 years", Interval: "41.0 to 43.0",
			// No polarity: not judged; the finding stays in the row's note.
			National: "Not compared", Region: "Not compared", Similar: "Not compared",
			Rank: "3rd of 12", Trend: "Cannot be calculated",
			NationalCmp: "not compared", RegionCmp: "not compared", SimilarCmp: "not compared", Marker: "cannot be calculated"},
	}
	for id, w := range want {
		if diff := cmp.Diff(w, readRow(t, doc, id)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", id, diff)
		}
	}
	// Each row links to its indicator and names its source and licence.
	tr := webtest.MustQuery(t, doc, "tr[data-indicator=smoking]")
	if a := webtest.Query(tr, `th a[href="/indicators/smoking"]`); webtest.Text(a) != "Adults who smoke" {
		t.Errorf("indicator link %q", webtest.Text(a))
	}
	if got := webtest.Text(webtest.Query(tr, "[data-source]")); !strings.Contains(got, "Office for Health Improvement and Disparities") ||
		webtest.Text(webtest.Query(tr, "[data-licence]")) != "Open Government Licence v3.0" {
		t.Errorf("source %q", got)
	}
	if webtest.Query(tr, `a[href="/datasets#els_fixture_profile"]`) == nil {
		t.Error("no link to the dataset")
	}
	// A spine chart per row, with a text alternative.
	svg := webtest.MustQuery(t, doc, "tr[data-indicator=life-expectancy] td[data-spine] svg")
	if webtest.Attr(svg, "role") != "img" || !strings.HasPrefix(webtest.Attr(svg, "aria-label"), "Hartlepool: 55.0, worse than England (square); England: 63.0 (line); 13 local authorities range from 55.0 (worst, left) to 64.5 (best, right)") {
		t.Errorf("spine %s %q", webtest.Attr(svg, "role"), webtest.Attr(svg, "aria-label"))
	}
	if n := len(webtest.QueryAll(doc, "#spine-key li")); n != 6 {
		t.Errorf("%d key items", n)
	}
	if webtest.Query(doc, `a#csv-link[href="/areas/E06000001.csv"]`) == nil || webtest.Query(doc, `a#similar-link[href="/areas/E06000001/similar"]`) == nil {
		t.Error("no CSV or similar areas link")
	}
	if webtest.Query(doc, `a[href="/methods"]`) == nil {
		t.Error("no link to the methods")
	}
	if got := len(webtest.QueryAll(doc, "#similar-list li")); got != 12 {
		t.Errorf("%d similar areas listed, want 12 (every other authority)", got)
	}
}

func TestProfilePageOptions(t *testing.T) {
	s := newProfileServer(t)
	// Compare with another area: one more column, the same judgements.
	doc := page(t, s, "/areas/E06000001?compare=e06000003", http.StatusOK)
	if got := webtest.Text(webtest.Query(doc, "tr[data-indicator=admissions] td[data-compare] [data-judgement]")); got != "Better than Redcar and Cleveland" {
		t.Errorf("compare %q", got)
	}
	if webtest.Attr(webtest.Query(doc, "input#compare"), "value") != "e06000003" {
		t.Error("compare code not kept in the form")
	}
	if webtest.Query(doc, `a#csv-link[href="/areas/E06000001.csv?compare=E06000003"]`) == nil {
		t.Error("CSV link does not keep the comparison")
	}
	// Grouped by topic alone.
	doc = page(t, s, "/areas/E06000001?group=topic", http.StatusOK)
	if diff := cmp.Diff([]string{"Health and wellbeing", "Population"}, webtest.Texts(doc, "table caption")); diff != "" {
		t.Errorf("topic captions (-want +got):\n%s", diff)
	}
	// Bad parameters name themselves.
	for target, want := range map[string]string{
		"/areas/E06000001?compare=E06999999": "compare",
		"/areas/E06000001?group=colour":      "group",
		"/areas/E06000001.csv?compare=nope":  "compare",
	} {
		doc := page(t, s, target, http.StatusBadRequest)
		if got := webtest.Text(webtest.Query(doc, "main")); !strings.Contains(got, want) {
			t.Errorf("%s: message %q does not name %s", target, got, want)
		}
	}
	doc = page(t, s, "/areas/E06999999", http.StatusNotFound)
	if got := webtest.Text(webtest.Query(doc, "main")); !strings.Contains(got, "E06999999") {
		t.Errorf("not found message %q", got)
	}
	page(t, s, "/areas/E06999999/similar", http.StatusNotFound)
	if res := get(t, s, "/areas/E06999999.csv"); res.status != http.StatusNotFound {
		t.Errorf("CSV of unknown area: %d", res.status)
	}
	// Lower-case codes redirect, keeping the query.
	res := get(t, s, "/areas/e06000001?compare=E06000002")
	if res.status != http.StatusMovedPermanently || res.header.Get("Location") != "/areas/E06000001?compare=E06000002" {
		t.Errorf("redirect %d %s", res.status, res.header.Get("Location"))
	}
}

func TestProfilePageNationsAndLineage(t *testing.T) {
	s := newProfileServer(t)
	// A Welsh authority is compared with Wales, and says so.
	doc := page(t, s, "/areas/W06000001", http.StatusOK)
	if got := webtest.Text(webtest.Query(doc, "#national-note")); !strings.Contains(got, "compared with Wales, not England") {
		t.Errorf("national note %q", got)
	}
	if got := readRow(t, doc, "life-expectancy").National; got != "Better than Wales" {
		t.Errorf("Anglesey life expectancy %q", got)
	}
	if got := webtest.Text(webtest.Query(doc, "tr[data-indicator=admissions] td[data-national] [data-note]")); !strings.Contains(got, "compared with the United Kingdom") {
		t.Errorf("fallback note %q", got)
	}
	if webtest.Query(doc, "td[data-region]") != nil {
		t.Error("a region column for a Welsh authority")
	}
	// A merged area names its predecessors and links to them.
	doc = page(t, s, "/areas/E06000063", http.StatusOK)
	notice := webtest.MustQuery(t, doc, "[data-notice]")
	if diff := cmp.Diff([]string{"Allerdale (E07000026)", "Carlisle (E07000028)"}, webtest.Texts(notice, "li a")); diff != "" {
		t.Errorf("Cumberland predecessors (-want +got):\n%s", diff)
	}
	// An abolished area says which area replaced it.
	doc = page(t, s, "/areas/E07000026", http.StatusOK)
	notice = webtest.MustQuery(t, doc, "[data-notice]")
	if a := webtest.Query(notice, `a[href="/areas/E06000063"]`); webtest.Text(a) != "Cumberland (E06000063)" {
		t.Errorf("Allerdale successor link %q", webtest.Text(a))
	}
	if got := readRow(t, doc, "life-expectancy").Rank; got != "Not ranked: the code is no longer in use" {
		t.Errorf("abolished rank %q", got)
	}
	// A recoded area carries on its old code's series, and says so.
	doc = page(t, s, "/areas/E08000038", http.StatusOK)
	if webtest.Query(doc, `tr[data-indicator=smoking] [data-published-under=E08000016]`) == nil {
		t.Error("smoking row does not say it was published under E08000016")
	}
	if got := readRow(t, doc, "life-expectancy").Trend; got != "↑ Increasing, getting better" {
		t.Errorf("Barnsley trend %q", got)
	}
	doc = page(t, s, "/areas/E08000016", http.StatusOK)
	if a := webtest.Query(doc, `[data-notice] a[href="/areas/E08000038"]`); a == nil {
		t.Error("old Barnsley does not link to its new code")
	}
}

func TestProfileCSV(t *testing.T) {
	s := newProfileServer(t)
	res := get(t, s, "/areas/E06000001.csv")
	if res.status != 200 || res.header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		res.header.Get("Content-Disposition") != `attachment; filename="E06000001-profile.csv"` {
		t.Fatalf("GET CSV: %d %v", res.status, res.header)
	}
	golden(t, "testdata/hartlepool-profile.csv", res.body)
	recs, err := csv.NewReader(bytes.NewReader(res.body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 6 {
		t.Fatalf("%d records", len(recs))
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	rows := map[string][]string{}
	for _, r := range recs[1:] {
		rows[r[col["indicator_id"]]] = r
	}
	for _, tt := range []struct{ indicator, column, want string }{
		{"life-expectancy", "national_comparison", "worse than England"},
		{"life-expectancy", "value", "55"},
		{"life-expectancy", "lower_ci_95", "54"},
		{"life-expectancy", "period", "2020-01-01/P3Y"},
		{"life-expectancy", "period_label", "2020-22"},
		{"life-expectancy", "rank", "13"},
		{"life-expectancy", "trend_assessment", "getting worse"},
		{"life-expectancy", "source", "Office for National Statistics"},
		{"life-expectancy", "licence", "Open Government Licence v3.0"},
		{"smoking", "interval", "Wilson score"},
		{"population", "interval", "none published"},
		{"population", "lower_ci_95", ""},
		// A source that starts with = is neutralised.
		{"median-age", "source", `'=HYPERLINK("https://example.com","ONS")`},
	} {
		if got := rows[tt.indicator][col[tt.column]]; got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.indicator, tt.column, got, tt.want)
		}
	}
	for _, in := range []string{"=1+2", "+1", "-cmd", "@SUM(A1)", "\tx", "plain", ""} {
		got := allocation.SafeCell(in)
		if in != "" && strings.ContainsRune("=+-@\t", rune(in[0])) != strings.HasPrefix(got, "'") {
			t.Errorf("cell(%q) = %q", in, got)
		}
	}
	if number(-1.5) != "-1.5" {
		t.Errorf("number(-1.5) = %q", number(-1.5))
	}
	// The comparison adds columns.
	res = get(t, s, "/areas/E06000001.csv?compare=E06000003")
	recs, _ = csv.NewReader(bytes.NewReader(res.body)).ReadAll()
	if h := recs[0]; h[len(h)-1] != "compare_comparison" || recs[1][len(h)-1] == "" {
		t.Errorf("compare columns: %v / %v", h, recs[1])
	}
}

func TestMethodsPage(t *testing.T) {
	s := newProfileServer(t)
	doc := page(t, s, "/methods", http.StatusOK)
	if got := webtest.Text(webtest.Query(doc, "h1")); got != "How figures are compared" {
		t.Errorf("h1 %q", got)
	}
	for _, id := range []string{"intervals", "benchmarks", "comparison", "ranks", "trends", "spine-charts", "similar-areas", "code-changes"} {
		if webtest.Query(doc, "h2#"+id) == nil {
			t.Errorf("no section %s", id)
		}
		if webtest.Query(doc, `#contents a[href="#`+id+`"]`) == nil {
			t.Errorf("contents does not link to %s", id)
		}
	}
	if got := webtest.Text(webtest.Query(doc, "main")); !strings.Contains(got, "is the benchmark value inside the area’s 95% confidence interval?") {
		t.Errorf("comparison method not described")
	}
	// The default indicators are listed as the data has them.
	var got []string
	for _, tr := range webtest.QueryAll(doc, "table#model-lad tbody tr") {
		got = append(got, webtest.Text(webtest.Query(tr, "th"))+" "+webtest.Text(webtest.Query(tr, "td")))
	}
	want := []string{"Adults who smoke 2022", "Emergency admissions for falls 2022", "Healthy life expectancy 2020-22", "Median age 2022", "Population 2022"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("default indicators (-want +got):\n%s", diff)
	}
	if !strings.Contains(webtest.Text(webtest.Query(doc, "table#model-lad caption")), "13 compared") {
		t.Errorf("caption %q", webtest.Text(webtest.Query(doc, "table#model-lad caption")))
	}
}

func TestSimilarPage(t *testing.T) {
	s := newProfileServer(t)
	doc := page(t, s, "/areas/E06000001/similar", http.StatusOK)
	rows := webtest.QueryAll(doc, "table#neighbours tbody tr")
	if len(rows) != 12 {
		t.Fatalf("%d similar areas, want 12 (every other authority)", len(rows))
	}
	for _, tr := range rows {
		alike, different := webtest.Texts(tr, "[data-alike] li"), webtest.Texts(tr, "[data-different] li")
		overlap := len(alike) > 0 && len(different) > 0 && slices.Contains(different, alike[len(alike)-1])
		if !strings.HasPrefix(webtest.Attr(webtest.Query(tr, "th a"), "href"), "/areas/") || webtest.Text(webtest.Query(tr, "[data-distance]")) == "" ||
			len(alike) == 0 || len(alike) != len(different) || overlap {
			t.Errorf("row %q", webtest.Text(tr))
		}
	}
	if n := len(webtest.QueryAll(doc, "table[data-contributions] tbody tr")); n != 12*5 {
		t.Errorf("%d contribution rows, want 60", n)
	}
	// Every indicator is a labelled checkbox, the default set ticked.
	if n := len(webtest.QueryAll(doc, `input[name=indicators][type=checkbox][checked]`)); n != 5 {
		t.Errorf("%d ticked indicators", n)
	}
	// ONS's groupings.
	if got := webtest.Text(webtest.Query(doc, "[data-cluster-description]")); got != "Older, more rural authorities with <lower> pay." {
		t.Errorf("cluster description %q", got)
	}
	if diff := cmp.Diff([]string{"Redcar and Cleveland", "Middlesbrough", "Oldham"}, webtest.Texts(doc, "#published-neighbours a")); diff != "" {
		t.Errorf("published neighbours (-want +got):\n%s", diff)
	}
	// Chosen indicators and k.
	doc = page(t, s, "/areas/E06000001/similar?k=2&indicators=life-expectancy&indicators=smoking", http.StatusOK)
	if n := len(webtest.QueryAll(doc, "table#neighbours tbody tr")); n != 2 {
		t.Errorf("k=2 gave %d", n)
	}
	if n := len(webtest.QueryAll(doc, "table#columns tbody tr")); n != 2 {
		t.Errorf("%d indicators compared", n)
	}
	for target, want := range map[string]string{
		"/areas/E06000001/similar?k=0":                   "k must",
		"/areas/E06000001/similar?k=51":                  "k must",
		"/areas/E06000001/similar?indicators=nope":       "indicators",
		"/areas/E92000001/similar?indicators=admissions": "indicators",
	} {
		doc := page(t, s, target, http.StatusBadRequest)
		if got := webtest.Text(webtest.Query(doc, "main")); !strings.Contains(got, want) {
			t.Errorf("%s: %q", target, got)
		}
	}
	// An abolished area gets a note.
	doc = page(t, s, "/areas/E07000026/similar", http.StatusOK)
	if got := webtest.Text(webtest.Query(doc, "#similar-note")); !strings.Contains(got, "no longer in use") {
		t.Errorf("note %q", got)
	}
}
