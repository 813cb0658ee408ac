package web

import "net/http"

// routes lists every route of the service, HTML and JSON, in one place.
// GET patterns answer HEAD too.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()

	// Pages.
	mux.Handle("GET /{$}", s.page(s.home))
	mux.Handle("GET /search", s.page(s.search))
	mux.Handle("GET /areas/{code}", s.page(s.area)) // also /areas/{code}.csv and .xlsx, the profile as files
	mux.Handle("GET /areas/{code}/indicators/{id}", s.page(s.areaIndicator))
	mux.Handle("GET /areas/{code}/similar", s.page(s.similar))
	mux.Handle("GET /indicators/{id}", s.page(s.indicator)) // also {id}.csv and {id}.json
	mux.Handle("GET /compare", s.page(s.comparePlaces))
	mux.Handle("GET /missions", s.page(s.missionsIndex))
	mux.Handle("GET /missions.csv", s.page(s.missionsIndex))
	mux.Handle("GET /missions/{n}", s.page(s.mission)) // also {n}.csv
	mux.Handle("GET /areas/{code}/missions", s.page(s.areaMissions))
	mux.Handle("GET /areas/{code}/missions.csv", s.page(s.areaMissions))
	mux.Handle("GET /methods", s.page(s.methods))
	mux.Handle("GET /datasets", s.page(s.datasets))
	mux.Handle("GET /allocate", s.page(s.allocate))
	mux.Handle("POST /allocate", s.page(s.allocateRun))
	mux.Handle("POST /allocate/formulas", s.page(s.allocateSave))
	mux.Handle("GET /allocate/places", s.page(s.allocateExplainRedirect))
	mux.Handle("GET /allocate/places/{code}", s.page(s.allocatePlace))
	mux.Handle("GET /allocate/sensitivity", s.page(s.allocateSensitivity))
	mux.Handle("GET /allocate/compare", s.page(s.allocateCompare))
	mux.Handle("GET /allocate/download.csv", s.page(s.allocateDownload("csv")))
	mux.Handle("GET /allocate/download.xlsx", s.page(s.allocateDownload("xlsx")))
	mux.Handle("GET /healthz", http.HandlerFunc(s.healthz))
	mux.Handle("GET "+assetPrefix+"{hash}/{path...}", s.assets)

	// JSON API, described by openapi.yaml.
	mux.Handle("GET /api/v1/areas", s.json(s.api.Areas))
	mux.Handle("GET /api/v1/areas/{code}", s.json(s.api.Area))
	mux.Handle("GET /api/v1/areas/{code}/profile", s.json(s.api.Profile))
	mux.Handle("GET /api/v1/areas/{code}/similar", s.json(s.api.Similar))
	mux.Handle("GET /api/v1/indicators", s.json(s.api.Indicators))
	mux.Handle("GET /api/v1/indicators/{id}", s.json(s.api.Indicator))
	mux.Handle("GET /api/v1/search", s.json(s.api.Search))
	mux.Handle("GET /api/v1/missions", s.json(s.api.Missions))
	mux.Handle("GET /api/v1/missions/{n}", s.json(s.api.Mission))
	mux.Handle("GET /api/v1/areas/{code}/missions", s.json(s.api.AreaMissions))
	mux.Handle("GET /api/v1/openapi.yaml", s.json(s.api.OpenAPI))
	mux.Handle("POST /api/v1/allocations", s.json(s.api.Allocations))
	mux.Handle("GET /api/v1/formulas", s.json(s.api.Formulas))

	// Everything else.
	mux.Handle("/api/", s.json(notFound))
	mux.Handle("/", s.page(notFound))

	return logRequests(s.log, securityHeaders(gzipResponses(mux)))
}
