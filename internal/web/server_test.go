package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/geo"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/snapshot/snapshottest"
	"github.com/localup/localup/internal/web/webtest"
)

// newTestServer returns a server over the fixture, in a real store.
func newTestServer(t *testing.T) *Server { return serverOver(t, snapshottest.Open(t), nil) }

// serverOver serves a snapshot of st, with maps when atlas is not nil.
func serverOver(t *testing.T, st localup.Store, atlas *geo.Atlas) *Server {
	t.Helper()
	snap := snapshottest.Load(t, st)
	s, err := New(Options{Snapshot: func() *snapshot.Snapshot { return snap }, Store: st, Atlas: atlas})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// response is a finished request's status, headers and body.
type response struct {
	status int
	header http.Header
	body   []byte
}

func do(t *testing.T, h http.Handler, method, target string, header ...string) response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, body}
}

func get(t *testing.T, h http.Handler, target string, header ...string) response {
	t.Helper()
	return do(t, h, http.MethodGet, target, header...)
}

// page fetches an HTML page, checks its status and its accessibility
// basics, and returns the parsed document.
func page(t *testing.T, h http.Handler, target string, wantStatus int) *html.Node {
	t.Helper()
	res := get(t, h, target)
	if res.status != wantStatus {
		t.Fatalf("GET %s: status %d, want %d\n%s", target, res.status, wantStatus, res.body)
	}
	if ct := res.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", target, ct)
	}
	doc := webtest.Parse(t, res.body)
	checkPage(t, target, doc)
	return doc
}

// checkPage checks what every page must have: the language, a skip link
// to the one main element, one h1, headings that do not skip levels,
// tables with captions and header scopes, and labelled inputs.
func checkPage(t *testing.T, target string, doc *html.Node) {
	t.Helper()
	if lang := webtest.Attr(webtest.Query(doc, "html"), "lang"); lang != "en" {
		t.Errorf("%s: html lang=%q, want en", target, lang)
	}
	skip := webtest.Query(doc, "a.govuk-skip-link")
	if webtest.Text(skip) != "Skip to main content" || webtest.Attr(skip, "href") != "#main-content" {
		t.Errorf("%s: skip link %q -> %q", target, webtest.Text(skip), webtest.Attr(skip, "href"))
	}
	if n := len(webtest.QueryAll(doc, "main#main-content")); n != 1 {
		t.Errorf("%s: %d main#main-content elements, want 1", target, n)
	}
	if n := len(webtest.QueryAll(doc, "h1")); n != 1 {
		t.Errorf("%s: %d h1 elements, want 1", target, n)
	}
	if webtest.Query(doc, ".govuk-phase-banner") == nil {
		t.Errorf("%s: no phase banner", target)
	}
	if lic := webtest.Query(doc, `footer a[rel=license]`); webtest.Text(lic) != "Open Government Licence v3.0" {
		t.Errorf("%s: footer licence link %q", target, webtest.Text(lic))
	}
	level := 0
	for _, hd := range webtest.QueryAll(doc, "main *") {
		if strings.Contains(webtest.Attr(hd, "class"), "govuk-error-summary__title") {
			continue // GOV.UK puts the error summary above the h1
		}
		if len(hd.Data) == 2 && hd.Data[0] == 'h' && hd.Data[1] >= '1' && hd.Data[1] <= '6' {
			l := int(hd.Data[1] - '0')
			if l > level+1 {
				t.Errorf("%s: heading %s %q skips a level after h%d", target, hd.Data, webtest.Text(hd), level)
			}
			level = l
		}
	}
	for _, tbl := range webtest.QueryAll(doc, "table") {
		if webtest.Query(tbl, "caption") == nil {
			t.Errorf("%s: a table has no caption", target)
		}
		for _, th := range webtest.QueryAll(tbl, "th") {
			if s := webtest.Attr(th, "scope"); s != "col" && s != "row" {
				t.Errorf("%s: th %q has scope %q", target, webtest.Text(th), s)
			}
		}
	}
	for _, in := range webtest.QueryAll(doc, "input") {
		id := webtest.Attr(in, "id")
		if webtest.Attr(in, "type") != "hidden" && (id == "" || webtest.Query(doc, "label[for="+id+"]") == nil) {
			t.Errorf("%s: input %q has no label", target, id)
		}
	}
}

func TestErrorStatus(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{localup.Errorf(localup.ENOTFOUND, "x"), http.StatusNotFound},
		{localup.Errorf(localup.EINVALID, "x"), http.StatusBadRequest},
		{localup.Errorf(localup.ECONFLICT, "x"), http.StatusConflict},
		{localup.Errorf(localup.EUNAUTHORISED, "x"), http.StatusUnauthorized},
		{localup.Errorf(localup.EFORBIDDEN, "x"), http.StatusForbidden},
		{localup.Errorf(localup.EINTERNAL, "x"), http.StatusInternalServerError},
		{errors.New("driver exploded"), http.StatusInternalServerError},
		{&localup.Error{Code: "made_up"}, http.StatusInternalServerError},
	}
	for _, tt := range tests {
		if got := ErrorStatus(tt.err); got != tt.want {
			t.Errorf("ErrorStatus(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

// TestErrorAdapters checks that both adapters give each code its status,
// and that an internal error's detail stays out of the response.
func TestErrorAdapters(t *testing.T) {
	s := newTestServer(t)
	for code, status := range statusOf {
		err := &localup.Error{Code: code, Message: "User-safe message.", Err: errors.New("secret detail")}
		fail := func(http.ResponseWriter, *http.Request) error { return err }

		res := get(t, s.page(fail), "/x")
		if res.status != status {
			t.Errorf("page adapter, %s: status %d, want %d", code, res.status, status)
		}
		doc := webtest.Parse(t, res.body)
		checkPage(t, "error page "+code, doc)
		if code == localup.EINTERNAL {
			if txt := webtest.Text(doc); strings.Contains(txt, "secret") || strings.Contains(txt, "User-safe") {
				t.Errorf("internal error page shows detail: %s", txt)
			}
		} else if txt := webtest.Text(webtest.Query(doc, "main")); !strings.Contains(txt, "User-safe message.") {
			t.Errorf("page adapter, %s: message missing: %s", code, txt)
		}

		res = get(t, s.json(fail), "/api/v1/x")
		if res.status != status || res.header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("json adapter, %s: %d %s", code, res.status, res.header.Get("Content-Type"))
		}
		if strings.Contains(string(res.body), "secret") {
			t.Errorf("json adapter, %s: body shows detail: %s", code, res.body)
		}
		if !strings.Contains(string(res.body), `"code":"`+code+`"`) {
			t.Errorf("json adapter, %s: body %s", code, res.body)
		}
	}
	// An error after the response started can only be logged.
	late := func(w http.ResponseWriter, _ *http.Request) error {
		w.Write([]byte("partial"))
		return errors.New("write failed")
	}
	if res := get(t, s.page(late), "/x"); res.status != 200 || string(res.body) != "partial" {
		t.Errorf("late page error: %d %q", res.status, res.body)
	}
	if res := get(t, s.json(late), "/x"); res.status != 200 || string(res.body) != "partial" {
		t.Errorf("late json error: %d %q", res.status, res.body)
	}
	// A plain error is internal.
	res := get(t, s.json(func(http.ResponseWriter, *http.Request) error { return errors.New("dsn=secret") }), "/api/v1/x")
	if res.status != 500 || strings.Contains(string(res.body), "secret") || !strings.Contains(string(res.body), "Internal error.") {
		t.Errorf("plain error: %d %s", res.status, res.body)
	}
}

func TestNotFound(t *testing.T) {
	s := newTestServer(t)
	doc := page(t, s, "/no/such/page", http.StatusNotFound)
	if got := webtest.Text(webtest.Query(doc, "h1")); got != "Page not found" {
		t.Errorf("h1 = %q", got)
	}
	res := get(t, s, "/api/v1/nothing")
	if res.status != 404 || res.header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("GET /api/v1/nothing: %d %s", res.status, res.header.Get("Content-Type"))
	}
}

func TestSecurityHeaders(t *testing.T) {
	s := newTestServer(t)
	for _, target := range []string{"/", "/areas/E06000001", "/areas/NOPE", "/search?q=", "/datasets",
		"/healthz", "/api/v1/areas", "/api/v1/areas/NOPE", "/api/v1/openapi.yaml", s.AssetURL("app.css"), "/nope"} {
		res := get(t, s, target)
		h := res.header
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("GET %s: CSP %q lacks %q", target, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("GET %s: CSP allows unsafe scripts: %q", target, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", target, h.Get("X-Content-Type-Options"))
		}
		if h.Get("Referrer-Policy") == "" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("GET %s: Referrer-Policy %q, X-Frame-Options %q", target, h.Get("Referrer-Policy"), h.Get("X-Frame-Options"))
		}
	}
}

// TestNoInlineScript checks that pages need no 'unsafe-inline': every
// script is a file and no element has an event-handler attribute.
func TestNoInlineScript(t *testing.T) {
	s := newTestServer(t)
	for _, target := range []string{"/", "/areas/E06000001", "/search?q=hart", "/datasets", "/nope"} {
		doc := webtest.Parse(t, get(t, s, target).body)
		for _, sc := range webtest.QueryAll(doc, "script") {
			if webtest.Attr(sc, "src") == "" {
				t.Errorf("%s: inline script %q", target, webtest.Text(sc))
			}
		}
		for _, el := range webtest.QueryAll(doc, "*") {
			for _, a := range el.Attr {
				if len(a.Key) > 2 && a.Key[:2] == "on" || a.Key == "style" {
					t.Errorf("%s: <%s %s=%q> needs unsafe-inline", target, el.Data, a.Key, a.Val)
				}
			}
		}
	}
}

type pinger struct{ err error }

func (p pinger) Ping(context.Context) error { return p.err }

func TestHealthz(t *testing.T) {
	s := newTestServer(t)
	res := get(t, s, "/healthz")
	if res.status != 200 || string(res.body) != "ok" {
		t.Errorf("GET /healthz = %d %q, want 200 ok", res.status, res.body)
	}
	snap := s.snap
	down, err := New(Options{Snapshot: snap, Store: pinger{errors.New("connection refused")}})
	if err != nil {
		t.Fatal(err)
	}
	res = get(t, down, "/healthz")
	if res.status != http.StatusServiceUnavailable {
		t.Errorf("GET /healthz with the store down = %d, want 503", res.status)
	}
	if res := do(t, s, http.MethodHead, "/healthz"); res.status != 200 {
		t.Errorf("HEAD /healthz = %d", res.status)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	s := newTestServer(t)
	if res := do(t, s, http.MethodPost, "/areas/E06000001"); res.status < 400 || res.status == 200 {
		t.Errorf("POST /areas/E06000001 = %d, want an error", res.status)
	}
}
