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
