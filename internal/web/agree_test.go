package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/localup/localup/internal/numfmt"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/snapshot/snapshottest"
	"github.com/localup/localup/internal/web/webtest"
)

// judgements is what the page and the API must agree on, per indicator.
type judgements struct {
	National, Region, Similar, Rank, Trend string
}

// pageJudgements reads every row of an area page.
func pageJudgements(t *testing.T, h http.Handler, code string) map[string]judgements {
	t.Helper()
	doc := webtest.Parse(t, get(t, h, "/areas/"+code).body)
	out := map[string]judgements{}
	for _, tr := range webtest.QueryAll(doc, "tr[data-indicator]") {
		j := judgements{
			National: webtest.Attr(webtest.Query(tr, "td[data-national]"), "data-comparison"),
			Region:   webtest.Attr(webtest.Query(tr, "td[data-region]"), "data-comparison"),
			Similar:  webtest.Attr(webtest.Query(tr, "td[data-similar]"), "data-comparison"),
			Rank:     webtest.Text(webtest.Query(tr, "[data-rank]")),
			Trend:    webtest.Attr(webtest.Query(tr, "td[data-trend]"), "data-trend"),
		}
		out[webtest.Attr(tr, "data-indicator")] = j
	}
	return out
}

// apiJudgements reads the same from the profile API, with the rank
// written as the page writes it.
func apiJudgements(t *testing.T, h http.Handler, code string, hasRegion bool) map[string]judgements {
	t.Helper()
	var p struct {
		Indicators []struct {
			Indicator string
			National  struct{ Comparison string }
			Region    struct{ Comparison string }
			Similar   struct{ Comparison string } `json:"similar_areas_mean"`
			Rank, Of  *int
			RankNote  string `json:"rank_note"`
			Trend     struct{ Marker string }
		}
	}
	res := get(t, h, "/api/v1/areas/"+code+"/profile")
	if err := json.Unmarshal(res.body, &p); err != nil {
		t.Fatal(err)
	}
	out := map[string]judgements{}
	for _, r := range p.Indicators {
		j := judgements{National: r.National.Comparison, Similar: r.Similar.Comparison, Trend: r.Trend.Marker,
			Rank: capitalise(r.RankNote)}
		if hasRegion {
			j.Region = r.Region.Comparison
		}
		if r.Rank != nil {
			j.Rank = fmt.Sprintf("%s of %d", numfmt.Ordinal(*r.Rank), *r.Of)
		}
		out[r.Indicator] = j
	}
	return out
}

// TestPageAndAPIAgree checks that the area page and the profile API show
// the same judgements for every indicator of every area of the fixture
// and of a few real places.
func TestPageAndAPIAgree(t *testing.T) {
	check := func(t *testing.T, h http.Handler, snap *snapshot.Snapshot, codes []string) {
		for _, code := range codes {
			p, _ := snap.Profile(code)
			page, api := pageJudgements(t, h, code), apiJudgements(t, h, code, p.Region != nil)
			if len(page) != len(p.Rows) {
				t.Errorf("%s: page has %d rows, profile %d", code, len(page), len(p.Rows))
			}
			if diff := cmp.Diff(api, page); diff != "" {
				t.Errorf("%s: page and API disagree (-api +page):\n%s", code, diff)
			}
		}
	}
	t.Run("fixture", func(t *testing.T) {
		s := newProfileServer(t)
		var codes []string
		for _, a := range snapshottest.ProfileAreas {
			codes = append(codes, a.Code)
		}
		check(t, s, s.snap(), codes)
	})
	t.Run("real", func(t *testing.T) {
		snap := snapshottest.RealSnapshot(t)
		s, err := New(Options{Snapshot: func() *snapshot.Snapshot { return snap }, Store: pinger{}})
		if err != nil {
			t.Fatal(err)
		}
		check(t, s, snap, []string{"E06000001", "E08000038", "W06000001", "E06000063", "E92000001", "S12000049"})
	})
}
