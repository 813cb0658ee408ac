// Package api implements localup's JSON API under /api/v1: areas,
// indicators and their latest figures, read from the current snapshot.
// Response types, with their JSON tags, live here rather than on the
// domain types. Handlers return errors; internal/web routes them and turns
// errors into problem documents.
package api

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/snapshot"
)

// OpenAPIDocument is the OpenAPI 3.1 description of the API, served at
// /api/v1/openapi.yaml.
//
//go:embed openapi.yaml
var OpenAPIDocument []byte

// API answers the /api/v1 endpoints.
type API struct {
	snap  func() *snapshot.Snapshot
	alloc *allocation.Service // set by SetAllocation; nil disables allocations
}

// New returns an API reading from the snapshot that snap returns.
func New(snap func() *snapshot.Snapshot) *API { return &API{snap: snap} }

// writeJSON writes v as the response body.
func writeJSON(w http.ResponseWriter, v any) error {
	b, err := encode(v)
	if err != nil {
		return err
	}
	return writeEncoded(w, b)
}

// encode is writeJSON's encoding, with a final newline, for responses
// kept in a snapshot's memo.
func encode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("api: encode %T: %w", v, err)
	}
	return append(b, '\n'), nil
}

// writeEncoded writes an encoded JSON body.
func writeEncoded(w http.ResponseWriter, b []byte) error {
	return write(w, "application/json", b)
}

// write writes a body with the headers every API response has.
func write(w http.ResponseWriter, contentType string, b []byte) error {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", "no-cache")
	h.Set("Access-Control-Allow-Origin", "*")
	_, err := w.Write(b)
	return err
}

// OpenAPI serves the OpenAPI document.
func (a *API) OpenAPI(w http.ResponseWriter, r *http.Request) error {
	return write(w, "application/yaml", OpenAPIDocument)
}
