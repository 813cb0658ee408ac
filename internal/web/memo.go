package web

import (
	"bytes"
	"fmt"
	"net/http"
)

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
