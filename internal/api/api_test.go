package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/snapshot/snapshottest"
	"github.com/localup/localup/internal/web"
)

// newServer serves the fixture through the real routes.
func newServer(t *testing.T) http.Handler { return serverOver(t, snapshottest.Open(t)) }

// serverOver serves a snapshot of st through the real routes.
func serverOver(t *testing.T, st localup.Store) http.Handler {
	t.Helper()
	snap := snapshottest.Load(t, st)
	s, err := web.New(web.Options{Snapshot: func() *snapshot.Snapshot { return snap }, Store: st})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// getJSON fetches target, checks the status and content type, and decodes
// the body into v (which may be nil). It returns the raw body.
func getJSON(t *testing.T, h http.Handler, target string, wantStatus int, v any) string {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != wantStatus {
		t.Fatalf("GET %s: status %d, want %d\n%s", target, res.StatusCode, wantStatus, body)
	}
	wantType := "application/json"
	if wantStatus >= 400 {
		wantType = "application/problem+json"
	}
	if ct := res.Header.Get("Content-Type"); ct != wantType {
		t.Errorf("GET %s: Content-Type %q, want %q", target, ct, wantType)
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: decode: %v\n%s", target, err, body)
		}
	}
	return string(body)
}

func areaCodes(l areaList) []string {
	var out []string
	for _, a := range l.Areas {
		out = append(out, a.Code)
	}
	return out
}

type areaList struct {
	Count int
	Areas []struct {
		Code, Name, Type string
		ParentCode       string `json:"parent_code"`
		Current          bool
		URL              string
		WebURL           string `json:"web_url"`
	}
}

type problem struct {
	Status       int
	Code, Detail string
}

func TestAreas(t *testing.T) {
	h := newServer(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"K02000001", "E92000001", "W92000004", "E12000001", "E47000006", "E10000002", "E06000001", "E06000002", "W06000001", "E01011954"}},
		{"?type=lad", []string{"E06000001", "E06000002", "W06000001"}},
		{"?parent=E12000001", []string{"E47000006", "E06000001", "E06000002"}},
		{"?parent=e12000001&type=lad", []string{"E06000001", "E06000002"}},
		{"?q=hart", []string{"E06000001", "E01011954"}},
		{"?q=hart&type=lad", []string{"E06000001"}},
		{"?q=m&type=lad", []string{"E06000002", "W06000001"}},
		{"?q=nowhere", nil},
	}
	for _, tt := range tests {
		var got areaList
		getJSON(t, h, "/api/v1/areas"+tt.query, http.StatusOK, &got)
		if diff := cmp.Diff(tt.want, areaCodes(got)); diff != "" {
			t.Errorf("GET /api/v1/areas%s (-want +got):\n%s", tt.query, diff)
		}
		if got.Count != len(tt.want) {
			t.Errorf("GET /api/v1/areas%s: count %d, want %d", tt.query, got.Count, len(tt.want))
		}
	}
	var got areaList
	body := getJSON(t, h, "/api/v1/areas?q=nowhere", http.StatusOK, &got)
	if !strings.Contains(body, `"areas":[]`) {
		t.Errorf("an empty list must be [], not null: %s", body)
	}
	getJSON(t, h, "/api/v1/areas?q=hart", http.StatusOK, &got)
	a := got.Areas[0]
	if a.Name != "Hartlepool" || a.Type != "lad" || a.ParentCode != "E12000001" || !a.Current ||
		a.URL != "/api/v1/areas/E06000001" || a.WebURL != "/areas/E06000001" {
		t.Errorf("Hartlepool = %+v", a)
	}
}

func TestAreasInvalid(t *testing.T) {
	h := newServer(t)
	for _, q := range []string{"?type=town", "?parent=nope", "?q=" + strings.Repeat("x", 101)} {
		var p problem
		getJSON(t, h, "/api/v1/areas"+q, http.StatusBadRequest, &p)
		if p.Status != 400 || p.Code != "invalid" || p.Detail == "" {
			t.Errorf("GET /api/v1/areas%s: problem %+v", q, p)
		}
	}
}

func TestArea(t *testing.T) {
	h := newServer(t)
	var got struct {
		Code, Name string
		Parent     *struct{ Code, Name, URL string }
		Children   []struct{ Code string }
		Latest     []struct {
			Indicator, Title, Unit, Period string
			PeriodLabel                    string `json:"period_label"`
			Value                          *float64
			Lower                          *float64 `json:"lower_ci_95"`
			Upper                          *float64 `json:"upper_ci_95"`
			Dataset, Source, Licence       string
		}
	}
	body := getJSON(t, h, "/api/v1/areas/E06000001", http.StatusOK, &got)
	if got.Name != "Hartlepool" || got.Parent == nil || got.Parent.Code != "E12000001" || got.Parent.URL != "/api/v1/areas/E12000001" {
		t.Errorf("area = %+v", got)
	}
	if len(got.Latest) != 2 {
		t.Fatalf("latest = %+v", got.Latest)
	}
	pay := got.Latest[1]
	if pay.Indicator != "gross-median-weekly-pay" || pay.PeriodLabel != "2023" || pay.Period != "2023-01-01/P1Y" ||
		pay.Value == nil || *pay.Value != 565.5 || pay.Lower == nil || *pay.Lower != 545.2 ||
		pay.Dataset != "fixture_2024" || pay.Source != "Office for National Statistics" || pay.Licence != "Open Government Licence v3.0" {
		t.Errorf("pay = %+v", pay)
	}
	// Absent confidence limits are null, never 0 or NaN.
	claim := got.Latest[0]
	if claim.Lower != nil || claim.Upper != nil {
		t.Errorf("claimant limits = %v, %v; want null", claim.Lower, claim.Upper)
	}
	if !strings.Contains(body, `"lower_ci_95":null`) {
		t.Errorf("no null limit in %s", body)
	}
	getJSON(t, h, "/api/v1/areas/E12000001", http.StatusOK, &got)
	if len(got.Children) != 3 {
		t.Errorf("region children = %v", got.Children)
	}
	getJSON(t, h, "/api/v1/areas/e06000001", http.StatusOK, &got)
	if got.Code != "E06000001" {
		t.Errorf("lower-case code gave %q", got.Code)
	}
	var p problem
	getJSON(t, h, "/api/v1/areas/E06999999", http.StatusNotFound, &p)
	if p.Code != "not_found" || !strings.Contains(p.Detail, "E06999999") {
		t.Errorf("problem = %+v", p)
	}
}

type indicator struct {
	ID, Title, Unit, Topic, Source, Licence, Dataset, URL string
	Polarity                                              int
	PolarityLabel                                         string `json:"polarity_label"`
	DecimalPlaces                                         int    `json:"decimal_places"`
}

func TestIndicators(t *testing.T) {
	h := newServer(t)
	var got struct {
		Count      int
		Indicators []indicator
	}
	getJSON(t, h, "/api/v1/indicators", http.StatusOK, &got)
	var ids []string
	for _, ind := range got.Indicators {
		ids = append(ids, ind.ID)
	}
	if diff := cmp.Diff([]string{"claimant-count", "gross-median-weekly-pay", "healthy-life-expectancy"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if got.Count != 3 {
		t.Errorf("count %d", got.Count)
	}
	getJSON(t, h, "/api/v1/indicators?topic=health", http.StatusOK, &got)
	if got.Count != 1 || got.Indicators[0].ID != "healthy-life-expectancy" {
		t.Errorf("topic=health: %+v", got)
	}
}

func TestIndicator(t *testing.T) {
	h := newServer(t)
	var got struct {
		indicator
		DatasetInfo *struct{ ID, Title, Licence, Released, Imported string } `json:"dataset_info"`
		Periods     []struct{ Period, Label string }
		AreaCount   int `json:"area_count"`
	}
	getJSON(t, h, "/api/v1/indicators/gross-median-weekly-pay", http.StatusOK, &got)
	if got.Title != "Gross median weekly pay" || got.Unit != "£" || got.Polarity != 1 || got.PolarityLabel != "higher is better" ||
		got.DecimalPlaces != 1 || got.Source != "Office for National Statistics" || got.Licence != "Open Government Licence v3.0" {
		t.Errorf("indicator = %+v", got.indicator)
	}
	if got.DatasetInfo == nil || got.DatasetInfo.Licence != "Open Government Licence v3.0" || got.DatasetInfo.Imported != "2024-03-01T00:00:00Z" {
		t.Errorf("dataset_info = %+v", got.DatasetInfo)
	}
	var labels []string
	for _, p := range got.Periods {
		labels = append(labels, p.Label)
	}
	if diff := cmp.Diff([]string{"2021", "2022", "2023", "2024"}, labels); diff != "" {
		t.Errorf("periods (-want +got):\n%s", diff)
	}
	if got.AreaCount != 4 {
		t.Errorf("area_count = %d", got.AreaCount)
	}
	var p problem
	getJSON(t, h, "/api/v1/indicators/nope", http.StatusNotFound, &p)
	if p.Code != "not_found" {
		t.Errorf("problem = %+v", p)
	}
}
