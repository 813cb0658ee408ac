package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/localup/localup/internal/web/webtest"
)

func TestAssets(t *testing.T) {
	s := newTestServer(t)
	url := s.AssetURL("app.css")
	if !strings.HasPrefix(url, "/assets/"+s.assets.hash+"/") || len(s.assets.hash) != 12 {
		t.Fatalf("AssetURL = %s", url)
	}
	res := get(t, s, url)
	if res.status != 200 || res.header.Get("Content-Type") != "text/css; charset=utf-8" {
		t.Fatalf("GET %s = %d %s", url, res.status, res.header.Get("Content-Type"))
	}
	if cc := res.header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
		t.Errorf("Cache-Control %q", cc)
	}
	etag := res.header.Get("ETag")
	if res := get(t, s, url, "If-None-Match", etag); res.status != http.StatusNotModified {
		t.Errorf("conditional GET = %d, want 304", res.status)
	}
	// A stale hash still gets the file, but not cached for a year.
	res = get(t, s, "/assets/000000000000/app.css")
	if res.status != 200 || res.header.Get("Cache-Control") != "no-cache" {
		t.Errorf("stale hash: %d %q", res.status, res.header.Get("Cache-Control"))
	}
	if res := get(t, s, s.AssetURL("nope.css")); res.status != 404 {
		t.Errorf("missing asset = %d", res.status)
	}
	if res := get(t, s, s.AssetURL("../templates/base.tmpl")); res.status == 200 {
		t.Errorf("path traversal = %d", res.status)
	}
	// Pages link to hashed URLs.
	doc := webtest.Parse(t, get(t, s, "/").body)
	found := false
	for _, l := range webtest.QueryAll(doc, "link[rel=stylesheet]") {
		if webtest.Attr(l, "href") == url {
			found = true
		}
	}
	if !found {
		t.Errorf("home page does not link %s", url)
	}
}

// TestGovUKAssets checks that GOV.UK Frontend was built in and that its
// CSS points at fonts that are served. `make test` requires the files;
// a plain `go test` on a fresh clone, before npm has run, skips.
func TestGovUKAssets(t *testing.T) {
	s := newTestServer(t)
	if !s.assets.Has("govuk/govuk-frontend.min.css") {
		if os.Getenv("LOCALUP_REQUIRE_ASSETS") != "" {
			t.Fatal("GOV.UK Frontend is not embedded: run make assets")
		}
		t.Skip("GOV.UK Frontend not built; run make assets")
	}
	css := get(t, s, s.AssetURL("govuk/govuk-frontend.min.css"))
	if css.status != 200 {
		t.Fatalf("GOV.UK CSS = %d", css.status)
	}
	if bytes.Contains(css.body, []byte("url(/assets/fonts")) {
		t.Error("GOV.UK CSS still points at /assets/fonts")
	}
	font := s.AssetURL("govuk/assets/fonts/bold-b542beb274-v2.woff2")
	if !bytes.Contains(css.body, []byte("url("+font+")")) {
		t.Errorf("GOV.UK CSS does not point at %s", font)
	}
	if res := get(t, s, font); res.status != 200 || res.header.Get("Content-Type") != "font/woff2" {
		t.Errorf("GET %s = %d %s", font, res.status, res.header.Get("Content-Type"))
	}
	doc := webtest.Parse(t, get(t, s, "/").body)
	if webtest.Query(doc, `script[type=module][src="`+s.AssetURL("app/init.mjs")+`"]`) == nil {
		t.Error("pages do not load GOV.UK Frontend's JavaScript")
	}
	if res := get(t, s, s.AssetURL("govuk/govuk-frontend.min.js")); res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "text/javascript") {
		t.Errorf("GOV.UK JS = %d %s", res.status, res.header.Get("Content-Type"))
	}
}

func TestGzip(t *testing.T) {
	s := newTestServer(t)
	for _, target := range []string{"/", "/api/v1/areas", s.AssetURL("app.css")} {
		plain := get(t, s, target)
		res := get(t, s, target, "Accept-Encoding", "gzip, deflate, br")
		if res.header.Get("Content-Encoding") != "gzip" {
			t.Errorf("GET %s: Content-Encoding %q", target, res.header.Get("Content-Encoding"))
			continue
		}
		if !strings.Contains(res.header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("GET %s: Vary %q", target, res.header.Get("Vary"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(res.body))
		if err != nil {
			t.Fatalf("GET %s: %v", target, err)
		}
		body, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("GET %s: %v", target, err)
		}
		if !bytes.Equal(body, plain.body) {
			t.Errorf("GET %s: gzipped body differs from the plain one", target)
		}
	}
	if res := get(t, s, "/", "Accept-Encoding", "gzip;q=0"); res.header.Get("Content-Encoding") != "" {
		t.Error("gzip sent although refused with q=0")
	}
}
