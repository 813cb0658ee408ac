package snapshot_test

import (
	"math"
	"os"
	"testing"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/snapshot/snapshottest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	snapshottest.RemoveRealData()
	os.Exit(code)
}

// TestRealProfiles checks judgements on the real data. Each expectation
// was worked out by hand from the published files named in its comment.
func TestRealProfiles(t *testing.T) {
	s := snapshottest.RealSnapshot(t)
	tests := []struct {
		name, area, indicator string
		period                string
		value, lower, upper   float64
		national, region      string
		rank, of              int
	}{
		// els_current/healthy-life-expectancy.csv, female, 2022-01-01/P3Y:
		// Hartlepool 51.2 [47.1, 55.2]; England 61.3 and the North East
		// 56.9 both lie above the interval. Of the 195 current local
		// authorities with a figure, 193 are higher and Hartlepool is
		// 194th.
		{"Hartlepool female HLE", "E06000001", "female-healthy-life-expectancy", "2022-24", 51.2, 47.1, 55.2,
			"worse than England", "worse than North East", 194, 195},
		// The same file: Wokingham 69.4 [66.0, 72.9]; England's 61.3 lies
		// below, so better; three authorities are higher.
		{"Wokingham female HLE", "E06000041", "female-healthy-life-expectancy", "2022-24", 69.4, 66.0, 72.9,
			"better than England", "", 4, 195},
		// The same file, male: Barnsley (its 2025 code) 55.2 [51.6, 58.8];
		// England 60.9 lies above.
		{"Barnsley male HLE", "E08000038", "male-healthy-life-expectancy", "2022-24", 55.2, 51.6, 58.8,
			"worse than England", "", 0, 0},
		// els_current/gross-median-weekly-pay.csv, 2025-04-30: Hartlepool
		// £533.9 [459.6, 608.2]; England £648.4 lies above, the North
		// East's £577.9 inside.
		{"Hartlepool pay", "E06000001", "gross-median-weekly-pay", "30 Apr 2025", 533.9, 459.602476, 608.197524,
			"worse than England", "similar to North East", 0, 0},
		// The same file: Isle of Anglesey £612.9 [550.4, 675.4] is compared
		// with Wales (£601.8), which lies inside.
		{"Anglesey pay", "W06000001", "gross-median-weekly-pay", "30 Apr 2025", 612.9, 550.433232, 675.366768,
			"similar to Wales", "not compared", 0, 0},
		// els_current/claimant-count.csv publishes no intervals and no
		// counts: Hartlepool's 4.4% (2025) is not compared.
		{"Hartlepool claimant count", "E06000001", "claimant-count", "2025", 4.4, math.NaN(), math.NaN(),
			"not compared", "not compared", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := row(t, s, tt.area, tt.indicator)
			o := r.Observation
			if o.Period.Label() != tt.period || o.Value != tt.value || !same(r.Lower, tt.lower) || !same(r.Upper, tt.upper) {
				t.Errorf("figure %s %v [%v, %v], want %s %v [%v, %v]", o.Period.Label(), o.Value, r.Lower, r.Upper,
					tt.period, tt.value, tt.lower, tt.upper)
			}
			if got := r.National.Judgement(); got != tt.national {
				t.Errorf("national: %q, want %q (benchmark %v)", got, tt.national, r.National.Value)
			}
			if got := r.Region.Judgement(); tt.region != "" && got != tt.region {
				t.Errorf("region: %q, want %q (benchmark %v)", got, tt.region, r.Region.Value)
			}
			if tt.of > 0 && (r.Rank != tt.rank || r.RankOf != tt.of) {
				t.Errorf("rank %d of %d, want %d of %d", r.Rank, r.RankOf, tt.rank, tt.of)
			}
		})
	}
	// Interval-less figures say so.
	if r := row(t, s, "E06000001", "claimant-count"); r.IntervalSource != snapshot.IntervalNone ||
		r.IntervalSource.Describe() != "no interval published" || r.Trend.Calculated() {
		t.Errorf("claimant count: %q, trend %q", r.IntervalSource, r.Trend.Text())
	}
	// Barnsley's 2025 code carries the figures published under E08000016.
	if r := row(t, s, "E08000038", "gross-value-added-per-hour-worked"); r.Observation.AreaCode != "E08000016" || r.Rank == 0 {
		t.Errorf("Barnsley GVA: published under %s, rank %d", r.Observation.AreaCode, r.Rank)
	}
	// Cumberland names the districts it replaced.
	if l := s.Lineage("E06000063"); len(l.Predecessors) != 3 {
		t.Errorf("Cumberland predecessors %+v", l.Predecessors)
	}
	m, ok := s.SimilarModel(localup.AreaLAD)
	if !ok || len(m.Columns) < 20 || len(m.Areas) < 300 {
		t.Fatalf("local authority model: %v", m)
	}
	res, err := s.Similar("E06000001", snapshot.SimilarQuery{K: snapshot.DefaultK})
	if err != nil || len(res.Neighbours) != snapshot.DefaultK {
		t.Errorf("Hartlepool's similar areas: %v, %v", res, err)
	}
}

func same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-9 }
