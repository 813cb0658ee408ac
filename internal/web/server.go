// Package web serves localup's HTML pages, its static assets and, through
// internal/api, its JSON API. Every route is in routes.go; handlers return
// errors, which one adapter turns into a GOV.UK error page or a JSON
// problem with the status that the error's code maps to.
package web

import (
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"

	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/api"
	"github.com/localup/localup/internal/geo"
	"github.com/localup/localup/internal/snapshot"
)

// Pinger reports whether the database can be reached; localup.Store is one.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Options are what a Server needs.
type Options struct {
	// Snapshot returns the current snapshot; each request reads one
	// snapshot from start to end.
	Snapshot func() *snapshot.Snapshot
	// Store is pinged by /healthz.
	Store Pinger
	// Log receives one line per request and the detail of every server
	// error; nil discards.
	Log *slog.Logger
	// Allocation runs needs formulas for /allocate and the allocations
	// API; nil means one over Snapshot alone (examples only: no saved
	// formulas, no grants, no boundary changes).
	Allocation *allocation.Service
	// Atlas holds the boundaries that maps are drawn from; nil leaves the
	// maps out (the tables stay).
	Atlas *geo.Atlas
}

// Server is localup's HTTP handler.
type Server struct {
	snap      func() *snapshot.Snapshot
	store     Pinger
	log       *slog.Logger
	api       *api.API
	assets    *assets
	templates map[string]*template.Template
	handler   http.Handler
	alloc     *allocation.Service
	csrfKey   []byte // signs CSRF tokens; see allocate_csrf.go
	atlas     *geo.Atlas
}

// New parses the templates and reads the static assets, so that a broken
// build fails at start-up rather than on a request.
func New(o Options) (*Server, error) {
	if o.Snapshot == nil || o.Store == nil {
		return nil, fmt.Errorf("web.New: Snapshot and Store are required")
	}
	s := &Server{snap: o.Snapshot, store: o.Store, log: o.Log, api: api.New(o.Snapshot), atlas: o.Atlas}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.alloc = o.Allocation; s.alloc == nil {
		s.alloc = allocation.New(allocation.Options{Snapshot: o.Snapshot})
	}
	s.api.SetAllocation(s.alloc)
	s.csrfKey = newCSRFKey()
	var err error
	if s.assets, err = embeddedAssets(); err != nil {
		return nil, fmt.Errorf("web.New: assets: %w", err)
	}
	if s.templates, err = parseTemplates(templateFS, s.funcs()); err != nil {
		return nil, fmt.Errorf("web.New: %w", err)
	}
	s.handler = s.routes()
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// AssetURL returns the hashed URL of a static file, given its path below
// static/ (for example "app.css").
func (s *Server) AssetURL(p string) string { return s.assets.URL(p) }
