package api_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/google/go-cmp/cmp"
)

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
	// Every API route the server registers is documented, and no more.
	var documented []string
	for p, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+p)
		}
	}
	slices.Sort(documented)
	if diff := cmp.Diff(apiRoutes(t), documented); diff != "" {
		t.Errorf("routes in internal/web/routes.go (-) against openapi.yaml (+):\n%s", diff)
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

// apiRoutes reads the /api/v1 routes from internal/web/routes.go, where
// every route is registered, as "METHOD /path".
func apiRoutes(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "web", "routes.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`"((?:GET|POST|PUT|DELETE) /api/v1/[^"]+)"`).FindAllStringSubmatch(string(src), -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	if len(out) < 10 {
		t.Fatalf("found only %d API routes in routes.go: %v", len(out), out)
	}
	return out
}
