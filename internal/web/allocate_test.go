package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/snapshot/snapshottest"
	"github.com/localup/localup/internal/store"
	"github.com/localup/localup/internal/web/webtest"
)

// newAllocateServer serves the real data with a fresh, empty store of
// saved formulas.
func newAllocateServer(t *testing.T) *Server {
	t.Helper()
	st := snapshottest.RealData(t)
	snap := snapshottest.RealSnapshot(t)
	fs, err := store.Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fs.Close() })
	get := func() *snapshot.Snapshot { return snap }
	svc := allocation.New(allocation.Options{Snapshot: get, Evidence: st, Formulas: fs})
	s, err := New(Options{Snapshot: get, Store: st, Allocation: svc, Atlas: realAtlas(t)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const deprivationRef = "example=deprivation-index&pot=1500000000"

// sumPounds adds up "£1,234" texts.
func sumPounds(t *testing.T, texts []string) int64 {
	t.Helper()
	var total int64
	for _, s := range texts {
		n, err := strconv.ParseInt(strings.NewReplacer("£", "", ",", "").Replace(s), 10, 64)
		if err != nil {
			t.Fatalf("not pounds: %q", s)
		}
		total += n
	}
	return total
}

// TestAllocateForm checks the empty form on the small fixture: examples
// to choose, a labelled editor protected by a CSRF token, no results, and
// no saving where there is no formula store.
func TestAllocateForm(t *testing.T) {
	s := newTestServer(t)
	doc := page(t, s, "/allocate", http.StatusOK)
	if got := webtest.Text(webtest.Query(doc, "h1")); got != "Allocate a single pot by need" {
		t.Errorf("h1 %q", got)
	}
	if n := len(webtest.QueryAll(doc, "select#example option")); n != 3 {
		t.Errorf("%d example options, want 3", n)
	}
	editor := webtest.MustQuery(t, doc, `form#editor[method=post][action="/allocate"]`)
	if webtest.Attr(webtest.Query(editor, `input[name=csrf_token][type=hidden]`), "value") == "" {
		t.Error("editor has no CSRF token")
	}
	for _, sel := range []string{`label[for=document]`, `textarea#document[name=document]`, `input#pot[name=pot]`} {
		if webtest.Query(editor, sel) == nil {
			t.Errorf("editor lacks %s", sel)
		}
	}
	if webtest.Query(doc, "#results") != nil || webtest.Query(doc, "button#save") != nil {
		t.Error("results or a save button on the empty form without a store")
	}
	if a := webtest.Query(doc, `nav a[href="/allocate"][aria-current=true]`); a == nil {
		t.Error("navigation does not mark Allocate as current")
	}
}

// TestAllocateResults runs the deprivation example on the real data.
func TestAllocateResults(t *testing.T) {
	s := newAllocateServer(t)
	doc := page(t, s, "/allocate?"+deprivationRef, http.StatusOK)
	rows := webtest.QueryAll(doc, "table#allocation tbody tr")
	if len(rows) != 361 {
		t.Fatalf("%d rows, want 361", len(rows))
	}
	// The map shades every place by its fifth of pounds per head, and
	// names Blackpool's allocation on hover and focus.
	webtest.MustQuery(t, doc, "#allocation-map-wrapper svg")
	var bpLabel string
	for _, path := range webtest.QueryAll(doc, "#allocation-map-wrapper path") {
		if l := webtest.Attr(path, "aria-label"); strings.HasPrefix(l, "Blackpool: ") {
			bpLabel = l
		}
	}
	if !strings.Contains(bpLabel, "£9,099,535") || !strings.Contains(bpLabel, "per head") {
		t.Errorf("Blackpool's map label = %q, want its £9,099,535 and pounds per head", bpLabel)
	}
	if got := webtest.Attr(rows[0], "data-code"); got != "E08000028" {
		t.Errorf("first row %s, want Sandwell", got)
	}
	bp := webtest.MustQuery(t, doc, "table#allocation tr[data-code=E06000009]")
	if got := webtest.Text(webtest.Query(bp, "td[data-rank]")); got != "4" {
		t.Errorf("Blackpool rank %q", got)
	}
	if got := webtest.Text(webtest.Query(bp, "td[data-allocation]")); got != "£9,099,535" {
		t.Errorf("Blackpool allocation %q", got)
	}
	link := webtest.Attr(webtest.Query(bp, "th a"), "href")
	if link != "/allocate/places/E06000009?"+deprivationRef {
		t.Errorf("Blackpool links to %q", link)
	}
	if got := sumPounds(t, webtest.Texts(doc, "table#allocation td[data-allocation]")); got != 1_500_000_000 {
		t.Errorf("table sums to %d", got)
	}
	if got := webtest.Text(webtest.Query(doc, "dd[data-total]")); !strings.HasPrefix(got, "£1,500,000,000") {
		t.Errorf("total %q", got)
	}
	for _, want := range []string{"/allocate?" + deprivationRef, "/allocate/download.csv?" + deprivationRef,
		"/allocate/download.xlsx?" + deprivationRef, "/allocate/sensitivity?" + deprivationRef, "/allocate/compare?" + deprivationRef} {
		if webtest.Query(doc, `#result-links a[href="`+want+`"]`) == nil {
			t.Errorf("no link to %s", want)
		}
	}
	if n := len(webtest.QueryAll(doc, "table#components tbody tr")); n != 5 {
		t.Errorf("%d component rows", n)
	}
	// The editor holds the example's document, ready to edit.
	if got := webtest.Text(webtest.Query(doc, "textarea#document")); !strings.Contains(got, "name: Deprivation index (IMD-style)") {
		t.Errorf("editor holds %.80q", got)
	}
	if opt := webtest.Query(doc, "select#example option[selected]"); webtest.Attr(opt, "value") != "deprivation-index" {
		t.Error("the example in use is not selected")
	}
	checkNoInlineScript(t, doc)

	// England-only: 65 places listed as left out, with reasons.
	doc = page(t, s, "/allocate?example=growth-and-productivity&pot=1500000000", http.StatusOK)
	if n := len(webtest.QueryAll(doc, "table#allocation tbody tr")); n != 296 {
		t.Errorf("%d rows under the England-only formula", n)
	}
	if n := len(webtest.QueryAll(doc, "table#dropped tbody tr")); n != 65 {
		t.Errorf("%d left-out rows, want 65", n)
	}
}

// checkNoInlineScript checks that the page needs no 'unsafe-inline'.
func checkNoInlineScript(t *testing.T, doc *html.Node) {
	t.Helper()
	for _, sc := range webtest.QueryAll(doc, "script") {
		if webtest.Attr(sc, "src") == "" {
			t.Errorf("inline script %q", webtest.Text(sc))
		}
	}
	for _, el := range webtest.QueryAll(doc, "*") {
		for _, a := range el.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "style" {
				t.Errorf("<%s %s=%q>", el.Data, a.Key, a.Val)
			}
		}
	}
}

// TestAllocateErrors checks that problems the user can fix are shown in
// the error summary, linked to their field, with the formula's field
// paths.
func TestAllocateErrors(t *testing.T) {
	s := newAllocateServer(t)
	bad := "name: x\nversion: 1\ngeography: lad\ncomponents:\n  - indicator: gross-median-weekly-pay\n    transform: zscore\n    weight: -1\npopulation:\n  indicator: population-count\n  basis: per_heed\n"
	floor := strings.Replace(mustExample(t, "deprivation-index"), "population:", "floor: 10000000\npopulation:", 1)
	tests := []struct {
		target, field, phrase string
		status                int
	}{
		{"/allocate?pot=1500000000&document=" + url.QueryEscape(bad), "document", "components[0].weight", http.StatusBadRequest},
		{"/allocate?pot=1500000000&document=" + url.QueryEscape(bad), "document", "population.basis", http.StatusBadRequest},
		{"/allocate?pot=1500000000&document=" + url.QueryEscape(floor), "document", "floor: infeasible", http.StatusBadRequest},
		{"/allocate?example=deprivation-index&pot=lots", "pot", "whole number of pounds", http.StatusBadRequest},
		{"/allocate?example=nope&pot=1", "example", "no example formula", http.StatusNotFound},
		{"/allocate?formula=never-saved", "example", "never-saved", http.StatusNotFound},
	}
	for _, tt := range tests {
		doc := page(t, s, tt.target, tt.status)
		summary := webtest.Query(doc, ".govuk-error-summary [role=alert]")
		if summary == nil {
			t.Errorf("%.60s: no error summary", tt.target)
			continue
		}
		found := false
		for _, a := range webtest.QueryAll(summary, `a[href="#`+tt.field+`"]`) {
			if strings.Contains(webtest.Text(a), tt.phrase) {
				found = true
			}
		}
		if !found {
			t.Errorf("%.60s: summary %q has no link to #%s mentioning %q", tt.target, webtest.Text(summary), tt.field, tt.phrase)
		}
		if !strings.HasPrefix(webtest.Text(webtest.Query(doc, "title")), "Error: ") {
			t.Errorf("%.60s: title does not start with Error:", tt.target)
		}
	}
	// The document stays in the editor to be fixed.
	doc := page(t, s, "/allocate?pot=1500000000&document="+url.QueryEscape(bad), http.StatusBadRequest)
	if got := webtest.Text(webtest.Query(doc, "textarea#document")); !strings.Contains(got, "per_heed") {
		t.Errorf("editor lost the document: %q", got)
	}
}

func mustExample(t *testing.T, id string) string {
	t.Helper()
	ex, ok := allocation.LookupExample(id)
	if !ok {
		t.Fatalf("no example %s", id)
	}
	return ex.Document
}

// TestAllocatePlace checks a place's explanation page.
func TestAllocatePlace(t *testing.T) {
	s := newAllocateServer(t)
	doc := page(t, s, "/allocate/places/E06000009?"+deprivationRef, http.StatusOK)
	if got := webtest.Text(webtest.Query(doc, "h1")); got != "Why Blackpool gets £9,099,535" {
		t.Errorf("h1 %q", got)
	}
	if got := webtest.Text(webtest.Query(doc, "dd[data-rank]")); got != "4th of 361" {
		t.Errorf("rank %q", got)
	}
	if n := len(webtest.QueryAll(doc, "table#explain-components tbody tr")); n != 5 {
		t.Errorf("%d component rows", n)
	}
	if n := len(webtest.QueryAll(doc, "table#what-if tbody tr")); n != 5 {
		t.Errorf("%d what-if rows", n)
	}
	arith := webtest.Texts(doc, "table#arithmetic tbody td")
	if len(arith) == 0 || arith[len(arith)-1] != "£9,099,535" {
		t.Errorf("arithmetic ends %v", arith)
	}
	if back := webtest.Attr(webtest.Query(doc, "a.govuk-back-link"), "href"); back != "/allocate?"+deprivationRef+"#results" {
		t.Errorf("back link %q", back)
	}
	// A place the formula leaves out, and one that does not exist.
	doc = page(t, s, "/allocate/places/W06000024?example=growth-and-productivity&pot=1500000000", http.StatusNotFound)
	if !strings.Contains(webtest.Text(webtest.Query(doc, "main")), "England only") {
		t.Error("left-out place does not say why")
	}
	page(t, s, "/allocate/places/E99999999?"+deprivationRef, http.StatusNotFound)
	// The explain form redirects to the place's page.
	res := get(t, s, "/allocate/places?code=e06000009&"+deprivationRef)
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/allocate/places/E06000009?"+deprivationRef {
		t.Errorf("explain form: %d %s", res.status, res.header.Get("Location"))
	}
}

// TestAllocateSensitivity checks the sensitivity page and its threshold.
func TestAllocateSensitivity(t *testing.T) {
	s := newAllocateServer(t)
	ref := "example=growth-and-productivity&pot=1500000000"
	doc := page(t, s, "/allocate/sensitivity?"+ref, http.StatusOK)
	if n := len(webtest.QueryAll(doc, "table#sensitivity tbody tr")); n != 296 {
		t.Errorf("%d rows", n)
	}
	// The page's default seed is 1 (allocation.DefaultSeed), so its
	// figures differ slightly from the library's seed-0 tests.
	if n := len(webtest.QueryAll(doc, "table#sensitivity tr[data-flagged]")); n != 8 {
		t.Errorf("%d flagged rows, want 8", n)
	}
	if got := webtest.Text(webtest.Query(doc, "#flagged-summary")); !strings.HasPrefix(got, "8 of 296 places swing by more than 10%") || !regexp.MustCompile(`worked out in [0-9.]+m?s\)`).MatchString(got) {
		t.Errorf("summary %q", got)
	}
	if n := len(webtest.QueryAll(doc, "table#weights tbody tr")); n != 5 {
		t.Errorf("%d weight rows", n)
	}
	// The form keeps the formula and pot, so that changing the threshold
	// analyses the same allocation.
	form := webtest.MustQuery(t, doc, `form#sensitivity-form[method=get]`)
	if webtest.Attr(webtest.Query(form, "input[name=example]"), "value") != "growth-and-productivity" ||
		webtest.Attr(webtest.Query(form, "input[name=pot]"), "value") != "1500000000" {
		t.Error("the form does not carry the formula and pot")
	}
	doc = page(t, s, "/allocate/sensitivity?"+ref+"&threshold=50", http.StatusOK)
	if n := len(webtest.QueryAll(doc, "table#sensitivity tr[data-flagged]")); n != 0 {
		t.Errorf("%d places swing by more than 50%%", n)
	}
	doc = page(t, s, "/allocate/sensitivity?"+ref+"&threshold=abc&runs=999999", http.StatusBadRequest)
	for _, field := range []string{"threshold"} {
		if webtest.Query(doc, `.govuk-error-summary a[href="#`+field+`"]`) == nil {
			t.Errorf("no error linked to #%s", field)
		}
	}
	doc = page(t, s, "/allocate/sensitivity?"+ref+"&runs=999999", http.StatusBadRequest)
	if webtest.Query(doc, `.govuk-error-summary a[href="#runs"]`) == nil {
		t.Error("too many runs not linked to #runs")
	}
}

// TestAllocateCompare checks the comparison page's figures.
func TestAllocateCompare(t *testing.T) {
	s := newAllocateServer(t)
	doc := page(t, s, "/allocate/compare?"+deprivationRef, http.StatusOK)
	if n := len(webtest.QueryAll(doc, "table#rounds tbody tr")); n != 2 {
		t.Errorf("%d rounds", n)
	}
	if n := len(webtest.QueryAll(doc, "table#measures tbody tr")); n != 4 {
		t.Errorf("%d measures", n)
	}
	if got := webtest.Text(webtest.Query(doc, "#formula-vs-competitive")); !regexp.MustCompile(`is -?0\.\d\d:`).MatchString(got) {
		t.Errorf("formula against the rounds: %q", got)
	}
	bp := webtest.MustQuery(t, doc, "table#compare tr[data-code=E06000009]")
	if got := webtest.Text(webtest.Query(bp, "td[data-competitive]")); got != "£40,000,000" {
		t.Errorf("Blackpool competitive %q", got)
	}
	if got := webtest.Text(webtest.Query(bp, "td[data-formula]")); got != "£9,099,535" {
		t.Errorf("Blackpool formula %q", got)
	}
	if got := webtest.Text(webtest.Query(doc, "dd[data-estimated-bids]")); !strings.HasPrefix(got, "720") {
		t.Errorf("estimated bids %q", got)
	}
	if got := webtest.Text(webtest.Query(doc, ".govuk-warning-text")); !strings.Contains(got, "no local authority code") {
		t.Errorf("Towns Fund caveat %q", got)
	}
	if n := len(webtest.QueryAll(doc, "table#towns tbody tr")); n != 2 {
		t.Errorf("%d Towns Fund rows", n)
	}
	doc = page(t, s, "/allocate/compare?"+deprivationRef+"&success=100&cost=50000", http.StatusOK)
	if got := webtest.Text(webtest.Query(doc, "dd[data-estimated-cost]")); got != "£10,800,000" {
		t.Errorf("216 bids at £50,000 = %q", got)
	}
	doc = page(t, s, "/allocate/compare?"+deprivationRef+"&success=150", http.StatusBadRequest)
	if webtest.Query(doc, `.govuk-error-summary a[href="#success"]`) == nil {
		t.Error("a success rate of 150% is not linked to #success")
	}
}

// TestAllocateDownloads checks the CSV and XLSX files.
func TestAllocateDownloads(t *testing.T) {
	s := newAllocateServer(t)
	res := get(t, s, "/allocate/download.csv?"+deprivationRef)
	if res.status != 200 || res.header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		res.header.Get("Content-Disposition") != `attachment; filename="allocation-deprivation-index-imd-style.csv"` {
		t.Fatalf("CSV: %d %s %s", res.status, res.header.Get("Content-Type"), res.header.Get("Content-Disposition"))
	}
	recs, err := csv.NewReader(bytes.NewReader(res.body)).ReadAll()
	if err != nil || len(recs) != 362 {
		t.Fatalf("CSV: %d records, %v", len(recs), err)
	}
	res = get(t, s, "/allocate/download.xlsx?"+deprivationRef)
	if res.status != 200 || !strings.Contains(res.header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("XLSX: %d %s", res.status, res.header.Get("Content-Type"))
	}
	x, err := excelize.OpenReader(bytes.NewReader(res.body))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(allocation.SheetAllocation)
	if err != nil || len(rows) != 362 {
		t.Errorf("XLSX: %d rows, %v", len(rows), err)
	}
	// A failing download is an error page, not a file.
	res = get(t, s, "/allocate/download.csv?example=nope&pot=1")
	if res.status != http.StatusNotFound || res.header.Get("Content-Disposition") != "" {
		t.Errorf("failed download: %d %q", res.status, res.header.Get("Content-Disposition"))
	}
}

// csrfSession fetches the form and returns its cookie and token.
func csrfSession(t *testing.T, h http.Handler) (*http.Cookie, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/allocate", nil))
	var cookie *http.Cookie
	for _, c := range rec.Result().Cookies() {
		if c.Name == csrfCookie {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Fatalf("CSRF cookie %+v", cookie)
	}
	doc := webtest.Parse(t, rec.Body.Bytes())
	tok := webtest.Attr(webtest.Query(doc, "input[name=csrf_token]"), "value")
	if tok != cookie.Value {
		t.Fatalf("form token %q differs from the cookie %q", tok, cookie.Value)
	}
	return cookie, tok
}

// post submits a form with the given cookie and extra headers.
func post(t *testing.T, h http.Handler, target string, form url.Values, cookie *http.Cookie, header ...string) response {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if cookie != nil {
		req.AddCookie(cookie)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	return response{res.StatusCode, res.Header, rec.Body.Bytes()}
}

// TestAllocateSaveCSRF checks that saving needs the form's token: no
// token, a token that does not match the cookie, a forged cookie and a
// cross-site origin are all refused.
func TestAllocateSaveCSRF(t *testing.T) {
	s := newAllocateServer(t)
	cookie, tok := csrfSession(t, s)
	doc := mustExample(t, "per-head-need-uplift")
	form := func(token string) url.Values {
		return url.Values{"csrf_token": {token}, "name": {"Shared"}, "document": {doc}, "pot": {"1000000000"}}
	}
	forged := &http.Cookie{Name: csrfCookie, Value: "AAAAAAAAAAAAAAAAAAAAAAAA.AAAA"}
	for _, tt := range []struct {
		name   string
		form   url.Values
		cookie *http.Cookie
		header []string
	}{
		{"no token", form(""), cookie, nil},
		{"no cookie", form(tok), nil, nil},
		{"wrong token", form(tok + "x"), cookie, nil},
		{"forged cookie and token", form(forged.Value), forged, nil},
		{"cross-site origin", form(tok), cookie, []string{"Origin", "https://evil.example"}},
	} {
		for _, target := range []string{"/allocate/formulas", "/allocate"} {
			res := post(t, s, target, tt.form, tt.cookie, tt.header...)
			if res.status != http.StatusForbidden {
				t.Errorf("%s, POST %s: status %d, want 403", tt.name, target, res.status)
			}
		}
	}
	if saved, _ := s.alloc.Formulas().Formulas(context.Background()); len(saved) != 0 {
		t.Fatalf("refused posts saved %v", saved)
	}

	// With the token: saved as version 1, then 2; each version keeps its
	// own link.
	for v := 1; v <= 2; v++ {
		res := post(t, s, "/allocate/formulas", form(tok), cookie, "Origin", "http://example.com")
		want := "/allocate?formula=Shared&pot=1000000000&saved=1&version=" + strconv.Itoa(v)
		if res.status != http.StatusSeeOther || res.header.Get("Location") != want {
			t.Fatalf("save %d: %d %q, want 303 %q\n%s", v, res.status, res.header.Get("Location"), want, res.body)
		}
	}
	page1 := page(t, s, "/allocate?formula=Shared&pot=1000000000&saved=1&version=2", http.StatusOK)
	if got := webtest.Text(webtest.Query(page1, "#notice .govuk-notification-banner__heading")); got != "Saved as ‘Shared’, version 2." {
		t.Errorf("notice %q", got)
	}
	if n := len(webtest.QueryAll(page1, "#versions li")); n != 2 {
		t.Errorf("%d versions listed", n)
	}
	if webtest.Query(page1, `#versions a[href="/allocate?formula=Shared&pot=1000000000&version=1"]`) == nil {
		t.Error("no link to version 1")
	}
	if got := sumPounds(t, webtest.Texts(page1, "table#allocation td[data-allocation]")); got != 1_000_000_000 {
		t.Errorf("saved formula allocates %d", got)
	}
	page(t, s, "/allocate?formula=Shared&version=1&pot=1000000000", http.StatusOK)
	page(t, s, "/allocate?formula=Shared&version=3&pot=1000000000", http.StatusNotFound)

	// Run posts a short document back to an address that reproduces it.
	res := post(t, s, "/allocate", url.Values{"csrf_token": {tok}, "document": {doc}, "pot": {"£2,000,000,000"}}, cookie)
	loc, _ := url.Parse(res.header.Get("Location"))
	if res.status != http.StatusSeeOther || loc.Path != "/allocate" || loc.Query().Get("document") != doc || loc.Query().Get("pot") != "2000000000" {
		t.Errorf("run: %d %s", res.status, res.header.Get("Location"))
	}
	// Save problems are shown on the form.
	bad := form(tok)
	bad.Set("name", "")
	bad.Set("document", "name: x")
	res = post(t, s, "/allocate/formulas", bad, cookie)
	if res.status != http.StatusBadRequest {
		t.Fatalf("bad save: %d", res.status)
	}
	d := webtest.Parse(t, res.body)
	checkPage(t, "bad save", d)
	for _, field := range []string{"name", "document"} {
		if webtest.Query(d, `.govuk-error-summary a[href="#`+field+`"]`) == nil {
			t.Errorf("bad save: no error linked to #%s", field)
		}
	}
}

// TestAllocateEscapes checks that a saved formula's untrusted name and
// description are shown as text everywhere.
func TestAllocateEscapes(t *testing.T) {
	s := newAllocateServer(t)
	name := `<script>alert("name")</script>`
	doc := strings.Replace(mustExample(t, "deprivation-index"), "description: >", "description: >\n  <img src=x onerror=alert(1)> =cmd|' /C calc'!A0", 1)
	if _, err := s.alloc.Formulas().SaveFormula(context.Background(), name, doc); err != nil {
		t.Fatal(err)
	}
	target := "/allocate?" + url.Values{"formula": {name}, "pot": {"1500000000"}}.Encode()
	d := page(t, s, target, http.StatusOK)
	checkNoInlineScript(t, d)
	if webtest.Query(d, "img[onerror]") != nil || webtest.Query(d, "main img") != nil {
		t.Error("the description became markup")
	}
	if got := webtest.Text(webtest.Query(d, "#results-title")); !strings.Contains(got, name) {
		t.Errorf("results title %q does not show the name as text", got)
	}
	if got := webtest.Text(webtest.Query(d, "#formula-description")); !strings.Contains(got, "<img src=x onerror=alert(1)>") {
		t.Errorf("description %q", got)
	}
	if opt := webtest.Query(d, "select#formula option[selected]"); webtest.Attr(opt, "value") != name {
		t.Errorf("saved formula option value %q", webtest.Attr(opt, "value"))
	}
	res := get(t, s, "/allocate/download.csv?"+url.Values{"formula": {name}, "pot": {"1500000000"}}.Encode())
	if cd := res.header.Get("Content-Disposition"); cd != `attachment; filename="allocation-deprivation-index-imd-style.csv"` {
		t.Errorf("Content-Disposition %q", cd)
	}
}

// TestAllocateJSONAPI drives POST /api/v1/allocations through the routes:
// it answers without a CSRF token (it changes nothing and needs a JSON
// content type, which a cross-site form cannot send).
func TestAllocateJSONAPI(t *testing.T) {
	s := newAllocateServer(t)
	req := httptest.NewRequest(http.MethodPost, "/api/v1/allocations", strings.NewReader(`{"example": "deprivation-index", "pot": 1500000000}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"total":1500000000`) {
		t.Errorf("POST /api/v1/allocations: %d %.200s", rec.Code, rec.Body.String())
	}
}
