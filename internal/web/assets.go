package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// static holds localup's own CSS and JavaScript and, once `make assets`
// has run, GOV.UK Frontend's compiled files under static/govuk. Embedding
// the folder rather than named files lets a fresh clone build before npm
// has run; pages then work without GOV.UK styling.
//
//go:embed static
var static embed.FS

// assetPrefix is where assets are served; the content hash follows it.
const assetPrefix = "/assets/"

// asset is one static file, ready to serve.
type asset struct {
	body, gz    []byte // gz is nil when compression does not pay
	contentType string
	etag        string
}

// assets serves the embedded static files under /assets/<hash>/, where the
// hash covers every file, so that a new build gets new URLs and the old
// ones can be cached for a year.
type assets struct {
	hash  string
	files map[string]*asset // by path below static/
}

// contentTypes are the types of the files we ship; mime.TypeByExtension
// depends on the host's tables and misses .mjs and .woff2 on some.
var contentTypes = map[string]string{
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".ico":   "image/x-icon",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".map":   "application/json",
}

// embeddedAssets reads, hashes and compresses the embedded files once per
// process, since they cannot change.
var embeddedAssets = sync.OnceValues(func() (*assets, error) {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		return nil, err
	}
	return loadAssets(sub)
})

// loadAssets reads the embedded files, hashes them, rewrites GOV.UK
// Frontend's absolute font and image URLs to the hashed location and
// gzips what compresses.
func loadAssets(fsys fs.FS) (*assets, error) {
	raw := make(map[string][]byte)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		raw[p] = b
		return nil
	})
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(raw))
	for p := range raw {
		names = append(names, p)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, p := range names {
		fh := sha256.Sum256(raw[p])
		h.Write([]byte(p))
		h.Write(fh[:])
	}
	a := &assets{hash: hex.EncodeToString(h.Sum(nil))[:12], files: make(map[string]*asset, len(raw))}
	for _, p := range names {
		body := raw[p]
		if strings.HasPrefix(p, "govuk/") && strings.HasSuffix(p, ".css") {
			// GOV.UK Frontend's CSS expects its fonts and images at
			// /assets/fonts and /assets/images.
			body = bytes.ReplaceAll(body, []byte("url(/assets/"), []byte("url("+assetPrefix+a.hash+"/govuk/assets/"))
		}
		sum := sha256.Sum256(body)
		f := &asset{body: body, contentType: contentTypes[path.Ext(p)], etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
		if f.contentType == "" {
			f.contentType = "application/octet-stream"
		}
		if compressible(f.contentType) && len(body) > 512 {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(body)
			zw.Close()
			if buf.Len() < len(body)*9/10 {
				f.gz = buf.Bytes()
			}
		}
		a.files[p] = f
	}
	return a, nil
}

// URL returns the hashed URL of a static file, given its path below static/.
func (a *assets) URL(p string) string { return assetPrefix + a.hash + "/" + p }

// Has reports whether a static file exists, such as the GOV.UK Frontend
// files that only a build with npm provides.
func (a *assets) Has(p string) bool { _, ok := a.files[p]; return ok }

// ServeHTTP serves GET /assets/{hash}/{path...}. A stale hash (a page
// from before a deploy) still gets the current file, but not cached for
// long, so that it never pins old content under a new URL.
func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := a.files[r.PathValue("path")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", f.contentType)
	hd.Set("ETag", f.etag)
	hd.Set("Vary", "Accept-Encoding")
	if r.PathValue("hash") == a.hash {
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hd.Set("Cache-Control", "no-cache")
	}
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, f.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := f.body
	if f.gz != nil && acceptsGzip(r) {
		hd.Set("Content-Encoding", "gzip")
		body = f.gz
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}
