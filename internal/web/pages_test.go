package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/localup/localup/internal/web/webtest"
)

func TestHome(t *testing.T) {
	s := newTestServer(t)
	doc := page(t, s, "/", http.StatusOK)
	form := webtest.MustQuery(t, doc, `form[action="/search"][method=get]`)
	if webtest.Query(form, "input#q[name=q]") == nil || webtest.Query(form, "label[for=q]") == nil {
		t.Error("search form lacks a labelled q input")
	}
	wantH2 := []string{"Countries", "Regions of England", "Local authorities by region", "Combined authorities"}
	if diff := cmp.Diff(wantH2, webtest.Texts(doc, "main h2")); diff != "" {
		t.Errorf("h2 (-want +got):\n%s", diff)
	}
	// Local authorities are grouped by region, English regions first.
	if diff := cmp.Diff([]string{"North East", "Wales"}, webtest.Texts(doc, "main h3")); diff != "" {
		t.Errorf("h3 (-want +got):\n%s", diff)
	}
	if a := webtest.Query(doc, `main h3 a[href="/areas/E12000001"]`); a == nil {
		t.Error("region heading does not link to the region")
	}
	links := webtest.Texts(doc, `main li a[href^="/areas/"]`)
	_ = links
	var names []string
	for _, a := range webtest.QueryAll(doc, "main ul li a") {
		names = append(names, webtest.Text(a))
	}
	for _, want := range []string{"England", "Wales", "North East", "Hartlepool", "Middlesbrough", "Ynys Môn", "Tees Valley"} {
		if !slicesContains(names, want) {
			t.Errorf("home page does not list %s; lists %v", want, names)
		}
	}
	if slicesContains(names, "Buckinghamshire") {
		t.Error("home page lists an abolished county")
	}
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestSearch(t *testing.T) {
	s := newTestServer(t)
	doc := page(t, s, "/search?q=hart", http.StatusOK)
	results := webtest.QueryAll(doc, `main ul.govuk-list li a`)
	if len(results) != 2 || webtest.Attr(results[0], "href") != "/areas/E06000001" || webtest.Text(results[0]) != "Hartlepool" {
		t.Errorf("results for hart: %v", webtest.Texts(doc, "main ul.govuk-list li"))
	}
	if got := webtest.Attr(webtest.Query(doc, "input#q"), "value"); got != "hart" {
		t.Errorf("query not kept in the form: %q", got)
	}

	doc = page(t, s, "/search?q=e", http.StatusOK)
	if got := webtest.Texts(doc, "main ul.govuk-list li a"); len(got) < 5 || got[0] != "England" {
		t.Errorf("results for e: %v, want England first", got)
	}

	doc = page(t, s, "/search?q=nowhere", http.StatusOK)
	if got := webtest.Text(webtest.Query(doc, "#result-count")); !strings.Contains(got, "No places match") {
		t.Errorf("no-results message %q", got)
	}

	// No query: the form alone, no error.
	doc = page(t, s, "/search", http.StatusOK)
	if webtest.Query(doc, ".govuk-error-summary") != nil {
		t.Error("error summary with no query")
	}

	for _, q := range []string{"", "+++", strings.Repeat("a", 101)} {
		target := "/search?q=" + q
		doc = page(t, s, target, http.StatusBadRequest)
		summary := webtest.Query(doc, `.govuk-error-summary [role=alert]`)
		if summary == nil {
			t.Errorf("%s: no error summary with role=alert", target)
			continue
		}
		link := webtest.Query(summary, `a[href="#q"]`)
		if link == nil {
			t.Errorf("%s: error summary does not link to the field", target)
		}
		if !strings.Contains(webtest.Attr(webtest.Query(doc, "input#q"), "aria-describedby"), "q-error") {
			t.Errorf("%s: input not described by its error", target)
		}
		if !strings.HasPrefix(webtest.Text(webtest.Query(doc, "title")), "Error: ") {
			t.Errorf("%s: title %q does not start with Error:", target, webtest.Text(webtest.Query(doc, "title")))
		}
	}
}

// TestSearchEscapes checks that a query is shown as text, never markup.
func TestSearchEscapes(t *testing.T) {
	s := newTestServer(t)
	doc := page(t, s, "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", http.StatusOK)
	for _, sc := range webtest.QueryAll(doc, "script") {
		if webtest.Attr(sc, "src") == "" {
			t.Fatal("the query became a script element")
		}
	}
	if got := webtest.Text(webtest.Query(doc, "h1")); got != "Places matching ‘<script>alert(1)</script>’" {
		t.Errorf("h1 = %q", got)
	}
}

func TestAreaPage(t *testing.T) {
	s := newTestServer(t)
	doc := page(t, s, "/areas/E06000001", http.StatusOK)
	if got := webtest.Text(webtest.Query(doc, "h1")); got != "Hartlepool" {
		t.Errorf("h1 = %q", got)
	}
	if got := webtest.Text(webtest.Query(doc, "#area-code")); got != "E06000001" {
		t.Errorf("code = %q", got)
	}
	if a := webtest.Query(doc, `#parent a[href="/areas/E12000001"]`); webtest.Text(a) != "North East" {
		t.Errorf("parent link %q", webtest.Text(a))
	}
	if got := webtest.Text(webtest.Query(doc, "#country")); got != "England" {
		t.Errorf("country = %q", got)
	}
	if diff := cmp.Diff([]string{"Places", "England", "North East"}, webtest.Texts(doc, ".govuk-breadcrumbs__link")); diff != "" {
		t.Errorf("breadcrumbs (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Economy"}, webtest.Texts(doc, "table caption")); diff != "" {
		t.Errorf("table captions (-want +got):\n%s", diff)
	}
	type row struct{ Title, Value, Unit, Interval, Period, Source string }
	var got []row
	for _, tr := range webtest.QueryAll(doc, "table#topic-economy tbody tr") {
		got = append(got, row{
			webtest.Text(webtest.Query(tr, "th[scope=row]")),
			webtest.Text(webtest.Query(tr, "td[data-value]")),
			webtest.Text(webtest.Query(tr, "td[data-unit]")),
			webtest.Text(webtest.Query(tr, "td[data-interval]")),
			webtest.Text(webtest.Query(tr, "td[data-period]")),
			webtest.Text(webtest.Query(tr, "td[data-source]")),
		})
	}
	want := []row{
		{"Claimant count Percentage of residents aged 16 to 64 claiming benefits", "1,234.5%", "%", "Not published", "2022-23",
			"Department for Work and Pensions Open Government Licence v3.0 Fixture release 2023"},
		{"Gross median weekly pay Median gross weekly pay of full-time employees", "£565.5", "£", "£545.2 to £585.8", "2023",
			"Office for National Statistics Open Government Licence v3.0 Fixture release 2024"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("economy rows (-want +got):\n%s", diff)
	}
	if got := webtest.Attr(webtest.Query(doc, `tr[data-indicator=gross-median-weekly-pay] td[data-period]`), "data-period"); got != "2023-01-01/P1Y" {
		t.Errorf("period in ISO 8601 %q", got)
	}
	if a := webtest.Query(doc, `tr[data-indicator=gross-median-weekly-pay] td[data-source] a[href="/datasets#fixture_2024"]`); a == nil {
		t.Error("no link to the figure's dataset")
	}
}

func TestAreaPageOthers(t *testing.T) {
	s := newTestServer(t)
	// A region lists its children by type.
	doc := page(t, s, "/areas/E12000001", http.StatusOK)
	if diff := cmp.Diff([]string{"Latest figures", "Combined authorities", "Local authorities"}, webtest.Texts(doc, "main h2")); diff != "" {
		t.Errorf("region h2 (-want +got):\n%s", diff)
	}
	// A title with markup is text.
	doc = page(t, s, "/areas/W06000001", http.StatusOK)
	th := webtest.Query(doc, "tr[data-indicator=healthy-life-expectancy] th")
	if got := webtest.Text(th); got != "Healthy life expectancy <at birth>" {
		t.Errorf("title %q", got)
	}
	if webtest.Query(doc, "at") != nil {
		t.Error("indicator title became markup")
	}
	// An area with no figures says so.
	doc = page(t, s, "/areas/K02000001", http.StatusOK)
	if webtest.Query(doc, "table") != nil {
		t.Error("UK page has a table with no data")
	}
	// Lower case codes redirect to the canonical URL.
	res := get(t, s, "/areas/e06000001")
	if res.status != http.StatusMovedPermanently || res.header.Get("Location") != "/areas/E06000001" {
		t.Errorf("GET /areas/e06000001 = %d %s", res.status, res.header.Get("Location"))
	}
	doc = page(t, s, "/areas/E06999999", http.StatusNotFound)
	if got := webtest.Text(webtest.Query(doc, "main p")); !strings.Contains(got, "E06999999") {
		t.Errorf("not-found message %q", got)
	}
	page(t, s, "/areas/%3Cb%3E", http.StatusNotFound)
}

func TestDatasetsPage(t *testing.T) {
	s := newTestServer(t)
	doc := page(t, s, "/datasets", http.StatusOK)
	if diff := cmp.Diff([]string{"Fixture release 2023", "Fixture release 2024", "Fixture area lookups"}, webtest.Texts(doc, "main h2")); diff != "" {
		t.Errorf("h2 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"bb22", "cc33", "aa11"}, webtest.Texts(doc, "td[data-sha256]")); diff != "" {
		t.Errorf("SHA-256 cells (-want +got):\n%s", diff)
	}
	sec := webtest.MustQuery(t, doc, "section#fixture_2024")
	if got := webtest.Text(webtest.Query(sec, "[data-licence]")); got != "Open Government Licence v3.0" {
		t.Errorf("licence %q", got)
	}
	if got := webtest.Text(webtest.Query(sec, "[data-imported]")); got != "1 March 2024 at 12:00am UTC" {
		t.Errorf("imported %q", got)
	}
	if got := webtest.Text(webtest.Query(sec, "tbody th")); got != "els/2024.csv" {
		t.Errorf("file %q", got)
	}
}
