package web

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/localup/localup/internal/snapshot"
)

// renderOnce answers with a page whose default view cannot change within
// a snapshot: build makes the page data and template name renders it the
// first time, and later requests are served the bytes kept under key.
func (s *Server) renderOnce(w http.ResponseWriter, snap *snapshot.Snapshot, key, name string, build func() (any, error)) error {
	b, err := snap.Memo(key, func() ([]byte, error) {
		p, err := build()
		if err != nil {
			return nil, err
		}
		return s.execute(name, p)
	})
	if err != nil {
		return err
	}
	return writeHTML(w, http.StatusOK, b)
}

// execute runs a page template into bytes, for pages kept in a snapshot's
// memo (see snapshot.Snapshot.Memo); render does the same and writes.
func (s *Server) execute(name string, data any) ([]byte, error) {
	t, ok := s.templates[name]
	if !ok {
		return nil, fmt.Errorf("no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", data); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// writeHTML writes a rendered page.
func writeHTML(w http.ResponseWriter, status int, b []byte) error {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	w.WriteHeader(status)
	_, err := w.Write(b)
	return err
}
