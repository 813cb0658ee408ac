package api_test

import (
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/snapshot/snapshottest"
	"github.com/localup/localup/internal/store"
	"github.com/localup/localup/internal/web"
)

// TestMain removes the real data that the allocation tests import once per
// test binary.
func TestMain(m *testing.M) {
	code := m.Run()
	snapshottest.RemoveRealData()
	os.Exit(code)
}

// newRealServer serves the real data through the real routes, with a
// fresh store of saved formulas.
func newRealServer(t *testing.T) (http.Handler, *store.DB) {
	t.Helper()
	st := snapshottest.RealData(t)
	snap := snapshottest.RealSnapshot(t)
	fs, err := store.Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fs.Close() })
	get := func() *snapshot.Snapshot { return snap }
	s, err := web.New(web.Options{Snapshot: get, Store: st,
		Allocation: allocation.New(allocation.Options{Snapshot: get, Evidence: st, Formulas: fs})})
	if err != nil {
		t.Fatal(err)
	}
	return s, fs
}

// postAllocation sends body to POST /api/v1/allocations[query] and
// decodes the answer into v, checking the status.
func postAllocation(t *testing.T, h http.Handler, query, contentType, body string, wantStatus int, v any) string {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/api/v1/allocations"+query, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	out, _ := io.ReadAll(res.Body)
	if res.StatusCode != wantStatus {
		t.Fatalf("POST %.80s: status %d, want %d\n%.600s", body, res.StatusCode, wantStatus, out)
	}
	wantType := "application/json"
	if wantStatus >= 400 {
		wantType = "application/problem+json"
	}
	if ct := res.Header.Get("Content-Type"); ct != wantType {
		t.Errorf("Content-Type %q, want %q", ct, wantType)
	}
	if v != nil {
		if err := json.Unmarshal(out, v); err != nil {
			t.Fatalf("decode: %v\n%.300s", err, out)
		}
	}
	return string(out)
}

type allocationBody struct {
	Formula struct {
		Name, Source, Example string
		SavedName             string `json:"saved_name"`
		SavedVersion          int    `json:"saved_version"`
	}
	Pot, Total  int64
	Geography   string
	EnglandOnly bool   `json:"england_only"`
	WebURL      string `json:"web_url"`
	Components  []struct {
		Key, Period     string
		EffectiveWeight float64 `json:"effective_weight"`
	}
	Places []struct {
		Code, Name     string
		NeedRank       int      `json:"need_rank"`
		Allocation     int64    `json:"allocation"`
		PerHead        *float64 `json:"per_head"`
		Unconstrained  float64
		Base           float64
		Contributions  []struct{ Pounds float64 }
		ExplanationURL string `json:"explanation_url"`
	}
	Dropped     []struct{ Code, Reason string }
	Notes       []string
	Sensitivity *struct {
		Flagged int
		Places  []struct {
			Code       string
			MonteCarlo struct{ Swing float64 } `json:"monte_carlo"`
		}
	}
	Comparison *struct {
		Rounds  []struct{ Bids int }
		Bidding struct {
			SuccessfulBids int   `json:"successful_bids"`
			EstimatedCost  int64 `json:"estimated_cost"`
		}
		TownsFund struct {
			Total  int64
			Caveat string
		} `json:"towns_fund"`
		Formula struct {
			Share struct{ Value *float64 } `json:"share_most_deprived_fifth"`
		}
	}
	Explanations []struct {
		Code       string
		Allocation int64
		Components []struct{ Pounds float64 }
	}
}

func checkSum(t *testing.T, b allocationBody, pot int64, places int) {
	t.Helper()
	var sum int64
	for _, p := range b.Places {
		sum += p.Allocation
		parts := p.Base
		for _, c := range p.Contributions {
			parts += c.Pounds
		}
		if math.Abs(parts-p.Unconstrained) > 1e-3*max(1, p.Unconstrained) {
			t.Errorf("%s: parts sum to %v, unconstrained %v", p.Code, parts, p.Unconstrained)
		}
	}
	if sum != pot || b.Total != pot || b.Pot != pot || len(b.Places) != places {
		t.Errorf("sum %d, total %d, pot %d, %d places; want %d over %d places", sum, b.Total, b.Pot, len(b.Places), pot, places)
	}
}

// TestAllocationsAPI posts each form of request: an example, an inline
// JSON document object, a YAML document with ?pot=, a raw JSON document,
// and a saved formula by name and version.
func TestAllocationsAPI(t *testing.T) {
	h, fs := newRealServer(t)
	var b allocationBody
	start := time.Now()
	postAllocation(t, h, "", "application/json", `{"example": "deprivation-index", "pot": 1500000000}`, 200, &b)
	t.Logf("first allocation over %d places through the API: %v", len(b.Places), time.Since(start))
	checkSum(t, b, 1_500_000_000, 361)
	if b.Places[3].Code != "E06000009" || b.Places[3].NeedRank != 4 || b.Places[3].Allocation != 9_099_535 {
		t.Errorf("fourth place %+v, want Blackpool, £9,099,535", b.Places[3])
	}
	if b.Formula.Source != "example" || b.WebURL != "/allocate?example=deprivation-index&pot=1500000000" ||
		b.Places[3].ExplanationURL != "/allocate/places/E06000009?example=deprivation-index&pot=1500000000" {
		t.Errorf("formula %+v, web URL %q, explanation %q", b.Formula, b.WebURL, b.Places[3].ExplanationURL)
	}
	if len(b.Components) != 5 || b.Components[0].Period != "2021-01-01/P1Y" {
		t.Errorf("components %+v", b.Components)
	}

	// The same request again gives the same pounds.
	var again allocationBody
	start = time.Now()
	postAllocation(t, h, "", "application/json", `{"example": "deprivation-index", "pot": 1500000000}`, 200, &again)
	t.Logf("repeat allocation (cached): %v", time.Since(start))
	for i := range b.Places {
		if b.Places[i].Allocation != again.Places[i].Allocation {
			t.Fatalf("place %d: %d then %d", i, b.Places[i].Allocation, again.Places[i].Allocation)
		}
	}

	ex, _ := allocation.LookupExample("per-head-need-uplift")
	doc, _ := json.Marshal(ex.Formula)
	b = allocationBody{}
	postAllocation(t, h, "", "application/json", `{"formula": `+string(doc)+`, "pot": 999999999}`, 200, &b)
	checkSum(t, b, 999_999_999, 361)
	if b.Formula.Source != "document" || b.WebURL != "" {
		t.Errorf("inline document: %+v %q", b.Formula, b.WebURL)
	}
	b = allocationBody{}
	postAllocation(t, h, "?pot=1000000000", "application/yaml", ex.Document, 200, &b)
	checkSum(t, b, 1_000_000_000, 361)
	b = allocationBody{}
	postAllocation(t, h, "?pot=1000000000", "application/json", string(doc), 200, &b)
	checkSum(t, b, 1_000_000_000, 361)

	growth, _ := allocation.LookupExample("growth-and-productivity")
	if _, err := fs.SaveFormula(context.Background(), "Growth", growth.Document); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.SaveFormula(context.Background(), "Growth", ex.Document); err != nil {
		t.Fatal(err)
	}
	b = allocationBody{}
	postAllocation(t, h, "", "application/json", `{"formula": "Growth", "version": 1, "pot": 1500000000}`, 200, &b)
	checkSum(t, b, 1_500_000_000, 296)
	if !b.EnglandOnly || len(b.Dropped) != 65 || b.Formula.SavedName != "Growth" || b.Formula.SavedVersion != 1 {
		t.Errorf("saved version 1: England-only %v, %d dropped, %+v", b.EnglandOnly, len(b.Dropped), b.Formula)
	}
	b = allocationBody{}
	postAllocation(t, h, "", "application/json", `{"formula": "Growth", "pot": 1500000000}`, 200, &b)
	if b.Formula.SavedVersion != 2 || len(b.Places) != 361 {
		t.Errorf("latest saved version: %+v, %d places", b.Formula, len(b.Places))
	}
}

// TestAllocationsAPIAnalyses asks for sensitivity, comparison and
// explanations in one request.
func TestAllocationsAPIAnalyses(t *testing.T) {
	h, _ := newRealServer(t)
	var b allocationBody
	postAllocation(t, h, "", "application/json", `{"example": "growth-and-productivity", "pot": 1500000000,
		"sensitivity": {"runs": 500, "seed": 7, "threshold": 0.05},
		"comparison": {"cost_per_bid": 40000, "success_rate": 0.5},
		"explain": ["E06000009", "e08000038"]}`, 200, &b)
	if b.Sensitivity == nil || len(b.Sensitivity.Places) != 296 || b.Sensitivity.Flagged == 0 {
		t.Fatalf("sensitivity %+v", b.Sensitivity)
	}
	flagged := 0
	for _, p := range b.Sensitivity.Places {
		if p.MonteCarlo.Swing > 0.05 {
			flagged++
		}
	}
	if flagged != b.Sensitivity.Flagged {
		t.Errorf("%d swing by more than 5%%, %d flagged", flagged, b.Sensitivity.Flagged)
	}
	c := b.Comparison
	if c == nil || len(c.Rounds) != 2 || c.Bidding.SuccessfulBids != 216 || c.Bidding.EstimatedCost != 432*40_000 ||
		c.TownsFund.Total != 3_179_782_055 || c.TownsFund.Caveat == "" || c.Formula.Share.Value == nil {
		t.Errorf("comparison %+v", c)
	}
	if len(b.Explanations) != 2 || b.Explanations[0].Code != "E06000009" || b.Explanations[1].Code != "E08000038" ||
		len(b.Explanations[0].Components) != 5 {
		t.Errorf("explanations %+v", b.Explanations)
	}
}

// TestAllocationsAPIErrors checks that a malformed formula is a 400
// naming the field, infeasible constraints a 400 naming the constraint,
// and a missing saved formula a 404.
func TestAllocationsAPIErrors(t *testing.T) {
	h, _ := newRealServer(t)
	ex, _ := allocation.LookupExample("deprivation-index")
	tests := []struct {
		name, query, contentType, body string
		status                         int
		phrases                        []string
	}{
		{"negative weight", "?pot=100", "application/yaml",
			strings.Replace(ex.Document, "weight: 0.30", "weight: -0.30", 1), 400, []string{"components[0].weight"}},
		{"unknown field", "?pot=100", "application/json", `{"name": "x", "version": 1, "geography": "lad", "colour": "red"}`, 400,
			[]string{"colour", "population"}},
		{"unknown indicator", "", "application/json", `{"document": {"name": "x", "version": 1, "geography": "lad",
			"components": [{"indicator": "nope", "transform": "zscore", "weight": 1}],
			"population": {"indicator": "population-count", "basis": "need_weighted_per_head"}}, "pot": 100}`, 400,
			[]string{"components[0].indicator", "nope"}},
		{"infeasible floor", "?pot=1000000", "application/yaml",
			strings.Replace(ex.Document, "population:", "floor: 10000\npopulation:", 1), 400, []string{"floor: infeasible"}},
		{"infeasible ceiling", "", "application/json", `{"document": ` + jsonString(strings.Replace(ex.Document, "population:", "ceiling_share: 0.001\npopulation:", 1)) + `, "pot": 1000000}`, 400,
			[]string{"ceiling_share: infeasible"}},
		{"no pot", "", "application/json", `{"example": "deprivation-index"}`, 400, []string{"pot"}},
		{"pot as text", "", "application/json", `{"example": "deprivation-index", "pot": "lots"}`, 400, []string{"pot"}},
		{"unknown request field", "", "application/json", `{"example": "deprivation-index", "pot": 1, "pots": 2}`, 400, []string{"pots"}},
		{"two formulas", "", "application/json", `{"example": "deprivation-index", "formula": "x", "pot": 1}`, 400, []string{"one of"}},
		{"empty body", "?pot=1", "application/json", ``, 400, []string{"empty"}},
		{"bad JSON", "?pot=1", "application/json", `{"name": `, 400, []string{"JSON"}},
		{"bad sensitivity", "", "application/json", `{"example": "deprivation-index", "pot": 1000, "sensitivity": {"runs": 1000000}}`, 400, []string{"runs"}},
		{"bad comparison", "", "application/json", `{"example": "deprivation-index", "pot": 1000, "comparison": {"split": "fair"}}`, 400, []string{"split"}},
		{"unknown example", "", "application/json", `{"example": "nope", "pot": 1}`, 404, []string{"nope"}},
		{"unknown saved formula", "", "application/json", `{"formula": "never", "pot": 1}`, 404, []string{"never"}},
		{"unknown place to explain", "", "application/json", `{"example": "deprivation-index", "pot": 1000, "explain": ["E99999999"]}`, 404, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p problem
			postAllocation(t, h, tt.query, tt.contentType, tt.body, tt.status, &p)
			for _, want := range tt.phrases {
				if !strings.Contains(p.Detail, want) {
					t.Errorf("detail %q does not mention %q", p.Detail, want)
				}
			}
			if p.Status != tt.status {
				t.Errorf("problem status %d", p.Status)
			}
		})
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestFormulasAPI lists the examples and saved formulas.
func TestFormulasAPI(t *testing.T) {
	h, fs := newRealServer(t)
	if _, err := fs.SaveFormula(context.Background(), "Mine", "name: x"); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Examples []struct{ ID, Name, Document string }
		Saved    []struct {
			Name    string
			Version int
			WebURL  string `json:"web_url"`
		}
	}
	getJSON(t, h, "/api/v1/formulas", 200, &got)
	if len(got.Examples) != 3 || got.Examples[0].ID != "deprivation-index" || got.Examples[0].Document == "" {
		t.Errorf("examples %+v", got.Examples)
	}
	if len(got.Saved) != 1 || got.Saved[0].Name != "Mine" || got.Saved[0].WebURL != "/allocate?formula=Mine&version=1" {
		t.Errorf("saved %+v", got.Saved)
	}
}
