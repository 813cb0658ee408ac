package api_test

import (
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files from the served output")

// TestOpenAPI checks that the served document is openapi.yaml, that it
// is valid YAML declaring OpenAPI 3.1, and that it describes exactly the
// API routes that answer.
func TestOpenAPI(t *testing.T) {
	h := newServer(t)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/openapi.yaml", nil))
	res := rec.Result()
	served, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/yaml" {
		t.Fatalf("GET /api/v1/openapi.yaml = %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	const golden = "openapi.yaml"
	if *update {
		if err := os.WriteFile(golden, served, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(served)); diff != "" {
		t.Errorf("served document differs from %s (-file +served); run go test -update:\n%s", golden, diff)
	}

	var doc struct {
		OpenAPI string `yaml:"openapi"`
		Info    struct {
			Title, Version string
		}
		Paths map[string]map[string]struct {
			OperationID string `yaml:"operationId"`
			Responses   map[string]any
		}
	}
	if err := yaml.Unmarshal(served, &doc); err != nil {
		t.Fatalf("openapi.yaml is not valid YAML: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") || doc.Info.Title == "" || doc.Info.Version == "" {
		t.Errorf("openapi %q, info %+v", doc.OpenAPI, doc.Info)
	}
	var paths []string
	for p, ops := range doc.Paths {
		paths = append(paths, p)
		for method, op := range ops {
			if op.OperationID == "" || len(op.Responses) == 0 {
				t.Errorf("%s %s lacks an operationId or responses", method, p)
			}
		}
	}
	slices.Sort(paths)
	wantPaths := []string{"/api/v1/allocations", "/api/v1/areas", "/api/v1/areas/{code}", "/api/v1/areas/{code}/missions", "/api/v1/areas/{code}/profile", "/api/v1/areas/{code}/similar", "/api/v1/formulas", "/api/v1/indicators", "/api/v1/indicators/{id}", "/api/v1/missions", "/api/v1/missions/{n}", "/api/v1/openapi.yaml", "/api/v1/search"}
	if diff := cmp.Diff(wantPaths, paths); diff != "" {
		t.Errorf("documented paths (-want +got):\n%s", diff)
	}
	// Every documented GET answers 200 with an example filled in (POST
	// endpoints have their own tests).
	examples := strings.NewReplacer("{code}", "E06000001", "{id}", "gross-median-weekly-pay", "{n}", "7")
	for _, p := range paths {
		if _, ok := doc.Paths[p]["get"]; !ok {
			continue
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, examples.Replace(p), nil))
		if rec.Code != 200 {
			t.Errorf("GET %s = %d", p, rec.Code)
		}
	}
}
