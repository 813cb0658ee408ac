package web

import "net/http"

// routes lists every route of the service, HTML and JSON, in one place.
// GET patterns answer HEAD too.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()

	// Pages.
	mux.Handle("GET /{$}", s.page(s.home))
	mux.Handle("GET /search", s.page(s.search))
	mux.Handle("GET /areas/{code}", s.page(s.area))
	mux.Handle("GET /datasets", s.page(s.datasets))
	mux.Handle("GET /healthz", http.HandlerFunc(s.healthz))
	mux.Handle("GET "+assetPrefix+"{hash}/{path...}", s.assets)

	// JSON API, described by openapi.yaml.
	mux.Handle("GET /api/v1/areas", s.json(s.api.Areas))
	mux.Handle("GET /api/v1/areas/{code}", s.json(s.api.Area))
	mux.Handle("GET /api/v1/indicators", s.json(s.api.Indicators))
	mux.Handle("GET /api/v1/indicators/{id}", s.json(s.api.Indicator))
	mux.Handle("GET /api/v1/openapi.yaml", s.json(s.api.OpenAPI))

	// Everything else.
	mux.Handle("/api/", s.json(notFound))
	mux.Handle("/", s.page(notFound))

	return logRequests(s.log, securityHeaders(gzipResponses(mux)))
}
