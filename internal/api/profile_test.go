package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/localup/localup/internal/snapshot/snapshottest"
)

// newProfileServer serves the profile fixture through the real routes.
func newProfileServer(t *testing.T) http.Handler { return serverOver(t, snapshottest.OpenProfile(t)) }

type benchmarkJSON struct {
	Code, Name, Comparison, Judgement, Note string
	Value, Lower, Upper                     *float64
	LCI                                     *float64 `json:"lci"`
	UCI                                     *float64 `json:"uci"`
	N                                       int      `json:"areas_with_value"`
	Of                                      int      `json:"areas"`
}

type profileJSON struct {
	Area                      struct{ Code, Name string }
	National, Region, Compare *struct{ Code, Name string }
	Similar                   []struct{ Code string } `json:"similar_areas"`
	Lineage                   struct {
		Predecessors []struct {
			OldCode string `json:"old_code"`
			Type    string
			Year    int
		}
		FollowsFrom string `json:"follows_from"`
	}
	Indicators []struct {
		Indicator, Title, Topic, Unit, Period, Interval string
		PeriodLabel                                     string `json:"period_label"`
		PublishedUnder                                  string `json:"published_under"`
		Polarity                                        int
		Value, LCI, UCI                                 *float64
		Comparison, Judgement                           string
		National, Region                                benchmarkJSON
		Similar                                         benchmarkJSON `json:"similar_areas_mean"`
		Compare                                         *benchmarkJSON
		Rank, Of                                        *int
		Trend                                           struct {
			Marker, Assessment, Text, Method, From, To, Reason string
		}
		Spine *struct {
			Areas                      int
			Min, P25, Median, P75, Max *float64
		}
		Source, Licence, Dataset, URL string
	}
}

func TestProfileAPI(t *testing.T) {
	h := newProfileServer(t)
	var got profileJSON
	body := getJSON(t, h, "/api/v1/areas/E06000001/profile", http.StatusOK, &got)
	if got.Area.Code != "E06000001" || got.National == nil || got.National.Code != "E92000001" ||
		got.Region == nil || got.Region.Code != "E12000001" || got.Compare != nil || len(got.Similar) != 12 {
		t.Errorf("profile header %+v", got)
	}
	if len(got.Indicators) != 5 {
		t.Fatalf("%d indicators", len(got.Indicators))
	}
	le := got.Indicators[2]
	if le.Indicator != "life-expectancy" || le.Period != "2020-01-01/P3Y" || le.PeriodLabel != "2020-22" ||
		*le.Value != 55 || *le.LCI != 54 || *le.UCI != 56 || le.Interval != "published" || le.Polarity != 1 || le.Unit != "years" ||
		le.Comparison != "worse" || le.Judgement != "worse than England" ||
		le.National.Code != "E92000001" || *le.National.Value != 63 || le.National.Judgement != "worse than England" ||
		le.Region.Code != "E12000001" || le.Region.Comparison != "worse" ||
		le.Similar.Comparison != "worse" || le.Similar.N != 12 || le.Similar.Of != 12 ||
		*le.Rank != 13 || *le.Of != 13 ||
		le.Trend.Marker != "decreasing" || le.Trend.Assessment != "getting worse" || le.Trend.From != "2016-01-01/P3Y" ||
		le.Spine == nil || le.Spine.Areas != 13 || *le.Spine.Min != 55 ||
		le.Source != "Office for National Statistics" || le.Licence != "Open Government Licence v3.0" ||
		le.Dataset != "els_fixture_profile" || le.URL != "/api/v1/indicators/life-expectancy" {
		t.Errorf("life expectancy %+v", le)
	}
	pop := got.Indicators[4]
	if pop.Indicator != "population" || pop.LCI != nil || pop.Interval != "none published" || pop.Comparison != "not compared" ||
		pop.Trend.Reason != "only 1 period is published; the test needs 5" || *pop.Rank != 12 {
		t.Errorf("population %+v", pop)
	}
	if !strings.Contains(body, `"lci":null`) {
		t.Error("absent limits are not null")
	}
	// compare= adds a judgement per indicator.
	getJSON(t, h, "/api/v1/areas/E06000001/profile?compare=E06000003", http.StatusOK, &got)
	if got.Compare == nil || got.Compare.Code != "E06000003" || got.Indicators[1].Compare == nil ||
		got.Indicators[1].Compare.Judgement != "better than Redcar and Cleveland" {
		t.Errorf("compare %+v %+v", got.Compare, got.Indicators[1].Compare)
	}
	// A recoded area follows its old code.
	getJSON(t, h, "/api/v1/areas/E08000038/profile", http.StatusOK, &got)
	if got.Lineage.FollowsFrom != "E08000016" || got.Indicators[0].PublishedUnder != "E08000016" {
		t.Errorf("Barnsley lineage %+v, first row %+v", got.Lineage, got.Indicators[0])
	}
	getJSON(t, h, "/api/v1/areas/E06000063/profile", http.StatusOK, &got)
	if len(got.Lineage.Predecessors) != 2 || got.Lineage.Predecessors[0].Type != "merger" {
		t.Errorf("Cumberland lineage %+v", got.Lineage)
	}
}

type similarJSON struct {
	Area       struct{ Code string }
	K          int
	Default    bool `json:"default_indicators"`
	Indicators []struct {
		Indicator, Period string
		Areas             int `json:"areas_with_value"`
	}
	Compared   int `json:"areas_compared"`
	Note       string
	Neighbours []struct {
		Rank          int
		Area          struct{ Code, Name string }
		Distance      float64
		Contributions []struct {
			Indicator         string
			Value             *float64
			NeighbourValue    *float64 `json:"neighbour_value"`
			Z                 float64
			NeighbourZ        float64 `json:"neighbour_z"`
			Missing           bool
			SquaredDifference float64 `json:"squared_difference"`
			Share             float64
		}
	}
	Groups []struct {
		Scheme, Group, Description string
	} `json:"ons_groups"`
	Published []struct{ Code string } `json:"ons_nearest_neighbours"`
}

func TestSimilarAPI(t *testing.T) {
	h := newProfileServer(t)
	var got similarJSON
	getJSON(t, h, "/api/v1/areas/E06000001/similar?k=3", http.StatusOK, &got)
	if got.K != 3 || !got.Default || len(got.Indicators) != 5 || got.Compared != 13 || len(got.Neighbours) != 3 {
		t.Fatalf("similar %+v", got)
	}
	for i, n := range got.Neighbours {
		var sum, share float64
		for _, c := range n.Contributions {
			sum += c.SquaredDifference
			share += c.Share
		}
		if n.Rank != i+1 || len(n.Contributions) != 5 || abs(sum-n.Distance*n.Distance) > 1e-9 || abs(share-1) > 1e-9 {
			t.Errorf("neighbour %d: %+v", i, n)
		}
	}
	if diff := cmp.Diff([]string{"ons-global", "ons-economic"}, []string{got.Groups[0].Scheme, got.Groups[1].Scheme}); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	if len(got.Published) != 3 || got.Published[0].Code != "E06000003" {
		t.Errorf("published %+v", got.Published)
	}
	getJSON(t, h, "/api/v1/areas/E06000001/similar?indicators=life-expectancy,smoking&k=1", http.StatusOK, &got)
	if got.Default || len(got.Indicators) != 2 || len(got.Neighbours) != 1 || len(got.Neighbours[0].Contributions) != 2 {
		t.Errorf("custom %+v", got)
	}
	getJSON(t, h, "/api/v1/areas/E07000026/similar", http.StatusOK, &got)
	if len(got.Neighbours) != 0 || !strings.Contains(got.Note, "no longer in use") {
		t.Errorf("abolished %+v", got)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestProfileAPIErrors(t *testing.T) {
	h := newProfileServer(t)
	tests := []struct {
		target string
		status int
		detail string
	}{
		{"/api/v1/areas/E06999999/profile", 404, `no area has the code "E06999999"`},
		{"/api/v1/areas/E06999999/similar", 404, `no area has the code "E06999999"`},
		{"/api/v1/areas/E06000001/profile?compare=E06999999", 400, `compare: there is no area with the code "E06999999"`},
		{"/api/v1/areas/E06000001/similar?k=0", 400, "k must be a whole number from 1 to 50"},
		{"/api/v1/areas/E06000001/similar?k=51", 400, "k must be a whole number from 1 to 50"},
		{"/api/v1/areas/E06000001/similar?k=ten", 400, "k must be a whole number from 1 to 50"},
		{"/api/v1/areas/E06000001/similar?indicators=smoking,nope", 400, `indicators: there is no indicator with the id "nope"`},
		{"/api/v1/areas/E92000001/similar?indicators=admissions", 400, `indicators: "admissions" has figures for too few countries to compare`},
	}
	for _, tt := range tests {
		var p problem
		getJSON(t, h, tt.target, tt.status, &p)
		if p.Status != tt.status || !strings.HasPrefix(p.Detail, tt.detail) {
			t.Errorf("GET %s: %+v, want detail %q", tt.target, p, tt.detail)
		}
	}
}
