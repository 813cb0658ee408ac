package snapshot_test

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/snapshot/snapshottest"
	"github.com/localup/localup/internal/stats"
)

func loadProfile(t testing.TB) *snapshot.Snapshot {
	t.Helper()
	s, err := snapshot.Load(t.Context(), snapshottest.OpenProfile(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// row returns one indicator's row of an area's profile.
func row(t *testing.T, s *snapshot.Snapshot, area, indicator string) snapshot.ProfileRow {
	t.Helper()
	p, ok := s.Profile(area)
	if !ok {
		t.Fatalf("no profile for %s", area)
	}
	for _, r := range p.Rows {
		if r.Indicator.ID == indicator {
			return r
		}
	}
	t.Fatalf("profile of %s has no %s row", area, indicator)
	return snapshot.ProfileRow{}
}

// wilson is the Wilson score interval written out independently of stats
// (Newcombe 1998, method 3), as a percentage.
func wilson(x, n float64) (float64, float64) {
	const z = 1.959963984540054
	root := z * math.Sqrt(z*z+4*x*(1-x/n))
	return 100 * (2*x + z*z - root) / (2 * (n + z*z)), 100 * (2*x + z*z + root) / (2 * (n + z*z))
}

// TestProfileJudgements checks each kind of row of the fixture by hand:
// the values are in snapshottest/profile.go and each expectation says why.
func TestProfileJudgements(t *testing.T) {
	s := loadProfile(t)
	type want struct {
		Period, Source      string
		Lower, Upper        float64
		National, NatNote   string
		Region, Similar     string
		Rank, Of            int
		Trend, TrendMethod  string
		PublishedUnderCode  string
		SimilarN, SimilarOf int
	}
	wl, wu := wilson(600, 3000)
	ml, mu := wilson(200, 1500)
	tests := []struct {
		area, indicator string
		want            want
	}{
		// 55 [54, 56]: England's 63 and the North East's 60 lie above the
		// interval, so worse; lowest of 13 current authorities; falling
		// by one year a year with narrow intervals, so decreasing.
		{"E06000001", "life-expectancy", want{Period: "2020-22", Source: "published", Lower: 54, Upper: 56,
			National: "worse than England", Region: "worse than North East", Similar: "worse than similar areas",
			Rank: 13, Of: 13, Trend: "decreasing, getting worse", TrendMethod: string(snapshot.TrendIntervals),
			PublishedUnderCode: "E06000001", SimilarN: 12, SimilarOf: 12}},
		// 600 of 3,000 smoke: 20%, Wilson interval about 18.6 to 21.5;
		// England's 13% is below it, and lower is better, so worse.
		// Falling from 24%, so decreasing, which for smoking is better.
		{"E06000001", "smoking", want{Period: "2022", Source: "Wilson score", Lower: wl, Upper: wu,
			National: "worse than England", Region: "worse than North East", Similar: "worse than similar areas",
			Rank: 12, Of: 12, Trend: "decreasing, getting better", TrendMethod: string(snapshot.TrendProportions),
			PublishedUnderCode: "E06000001", SimilarN: 11, SimilarOf: 12}},
		// 8 admissions in 90,000 people: 8.9 per 100,000, exact Poisson
		// limits 3.454 and 15.763 events; England's 35.7 is above, lower
		// is better, so better; the lowest rate ranks first.
		{"E06000001", "admissions", want{Period: "2022", Source: "exact Poisson", Lower: 3.4538 / 90000 * 1e5, Upper: 15.7632 / 90000 * 1e5,
			National: "better than England", Region: "better than North East", Similar: "better than similar areas",
			Rank: 1, Of: 12, Trend: "cannot be calculated", PublishedUnderCode: "E06000001", SimilarN: 11, SimilarOf: 12}},
		// 50 in 140,000 is England's rate exactly: similar (Byar's limits).
		{"E06000002", "admissions", want{Period: "2022", Source: "Byar's method", Lower: 26.5058, Upper: 47.0858,
			National: "similar to England", Region: "similar to North East", Similar: "similar to similar areas",
			Rank: 9, Of: 12, Trend: "cannot be calculated", PublishedUnderCode: "E06000002", SimilarN: 11, SimilarOf: 12}},
		{"E06000002", "smoking", want{Period: "2022", Source: "Wilson score", Lower: ml, Upper: mu,
			National: "similar to England", Region: "similar to North East", Similar: "similar to similar areas",
			Rank: 4, Of: 12, Trend: "no significant change", TrendMethod: string(snapshot.TrendProportions),
			PublishedUnderCode: "E06000002", SimilarN: 11, SimilarOf: 12}},
		// 62.5 [61.5, 63.5] contains England's 63; only Redcar (64.5) and
		// Bury (63) are higher.
		{"E06000002", "life-expectancy", want{Period: "2020-22", Source: "published", Lower: 61.5, Upper: 63.5,
			National: "similar to England", Region: "better than North East", Similar: "better than similar areas",
			Rank: 3, Of: 13, Trend: "no significant change", TrendMethod: string(snapshot.TrendIntervals),
			PublishedUnderCode: "E06000002", SimilarN: 12, SimilarOf: 12}},
		// No polarity: higher or lower, never better or worse.
		{"E06000001", "median-age", want{Period: "2022", Source: "published", Lower: 41, Upper: 43,
			// No polarity: not judged, the finding kept in words.
			National: "not compared", NatNote: "higher than England; this indicator has no better or worse direction",
			Region: "not compared", Similar: "not compared",
			Rank: 3, Of: 12, Trend: "cannot be calculated", PublishedUnderCode: "E06000001", SimilarN: 11, SimilarOf: 12}},
		// No interval: not compared; ranked by size, largest first.
		{"E06000001", "population", want{Period: "2022", Source: "", Lower: math.NaN(), Upper: math.NaN(),
			National: "not compared", Region: "not compared", Similar: "not compared",
			Rank: 12, Of: 13, Trend: "cannot be calculated", PublishedUnderCode: "E06000001", SimilarN: 12, SimilarOf: 12}},
		// A Welsh authority is compared with Wales, and with the UK where
		// Wales has no figure.
		{"W06000001", "life-expectancy", want{Period: "2020-22", Source: "published", Lower: 61.5, Upper: 62.5,
			National: "better than Wales", Region: "not compared", Similar: "better than similar areas",
			Rank: 4, Of: 13, Trend: "no significant change", TrendMethod: string(snapshot.TrendIntervals),
			PublishedUnderCode: "W06000001", SimilarN: 12, SimilarOf: 12}},
		{"W06000001", "admissions", want{Period: "2022", Source: "Byar's method", Lower: 17.6977, Upper: 44.7679,
			National: "similar to United Kingdom", NatNote: "Wales has no figure for 2022, so this is compared with the United Kingdom",
			Region: "not compared", Similar: "similar to similar areas",
			Rank: 2, Of: 12, Trend: "cannot be calculated", PublishedUnderCode: "W06000001", SimilarN: 11, SimilarOf: 12}},
		// Barnsley's new code carries on the series of its old one: the
		// 2022 smoking figure was published under E08000016, and the life
		// expectancy trend runs across the change (58.5 to 60.5).
		{"E08000038", "smoking", want{Period: "2022", Source: "Wilson score", Lower: 100 * 0.14232, Upper: 100 * 0.17942,
			National: "worse than England", Region: "worse than Yorkshire and The Humber", Similar: "similar to similar areas",
			Rank: 9, Of: 12, Trend: "no significant change", TrendMethod: string(snapshot.TrendProportions),
			PublishedUnderCode: "E08000016", SimilarN: 11, SimilarOf: 12}},
		{"E08000038", "life-expectancy", want{Period: "2020-22", Source: "published", Lower: 60, Upper: 61,
			National: "worse than England", Region: "worse than Yorkshire and The Humber", Similar: "similar to similar areas",
			Rank: 8, Of: 13, Trend: "increasing, getting better", TrendMethod: string(snapshot.TrendIntervals),
			PublishedUnderCode: "E08000038", SimilarN: 12, SimilarOf: 12}},
		// Cumberland's predecessors' series are not merged into its own.
		{"E06000063", "life-expectancy", want{Period: "2020-22", Source: "published", Lower: 58, Upper: 60,
			National: "worse than England", Region: "worse than North West", Similar: "worse than similar areas",
			Rank: 10, Of: 13, Trend: "cannot be calculated", PublishedUnderCode: "E06000063", SimilarN: 12, SimilarOf: 12}},
	}
	approx := cmp.Comparer(func(a, b float64) bool {
		return a == b || math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-3
	})
	for _, tt := range tests {
		r := row(t, s, tt.area, tt.indicator)
		got := want{Period: r.Observation.Period.Label(), Source: string(r.IntervalSource), Lower: r.Lower, Upper: r.Upper,
			National: r.National.Judgement(), NatNote: r.National.Note, Region: r.Region.Judgement(), Similar: r.Similar.Judgement(),
			Rank: r.Rank, Of: r.RankOf, Trend: r.Trend.Text(), TrendMethod: string(r.Trend.Method),
			PublishedUnderCode: r.Observation.AreaCode, SimilarN: r.Similar.N, SimilarOf: r.Similar.Of}
		if tt.want.NatNote == "" && got.NatNote == "no confidence interval for this figure" {
			got.NatNote = ""
		}
		if diff := cmp.Diff(tt.want, got, approx); diff != "" {
			t.Errorf("%s %s (-want +got):\n%s", tt.area, tt.indicator, diff)
		}
	}
}

func TestProfileTrendReasons(t *testing.T) {
	s := loadProfile(t)
	tests := []struct{ area, indicator, reason string }{
		{"E06000001", "population", "only 1 period is published; the test needs 5"},
		{"E06000063", "life-expectancy", "only 1 period is published; the test needs 5"},
	}
	for _, tt := range tests {
		if got := row(t, s, tt.area, tt.indicator).Trend.Reason; got != tt.reason {
			t.Errorf("%s %s: reason %q, want %q", tt.area, tt.indicator, got, tt.reason)
		}
	}
	tr := row(t, s, "E06000001", "life-expectancy").Trend
	if tr.From.Label() != "2016-18" || tr.To.Label() != "2020-22" || !(tr.Result.ChiSquared > stats.TrendChiSquaredThreshold) {
		t.Errorf("trend %+v", tr)
	}
}

func TestProfileAbolishedAndOthers(t *testing.T) {
	s := loadProfile(t)
	// An abolished code keeps its figures but is not ranked, and has no
	// similar areas.
	r := row(t, s, "E08000016", "life-expectancy")
	if r.Rank != 0 || r.RankNote != "not ranked: the code is no longer in use" || r.Similar.HasValue() {
		t.Errorf("abolished Barnsley: rank %d %q, similar %+v", r.Rank, r.RankNote, r.Similar)
	}
	if r.Distribution == nil || r.Distribution.N() != 12 { // 11 authorities and Barnsley under its new code
		t.Errorf("abolished Barnsley has no distribution for its spine chart")
	}
	// England is compared with the UK and has no region.
	p, _ := s.Profile("E92000001")
	if p.National == nil || p.National.Code != localup.CodeUK || p.Region != nil {
		t.Errorf("England benchmarks: national %v, region %v", p.National, p.Region)
	}
	// Profile order follows Indicators: topic, then title.
	var ids []string
	p, _ = s.Profile("E06000001")
	for _, r := range p.Rows {
		ids = append(ids, r.Indicator.ID)
	}
	if diff := cmp.Diff([]string{"smoking", "admissions", "life-expectancy", "median-age", "population"}, ids); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if p.National.Code != localup.CodeEngland || p.Region.Code != "E12000001" || len(p.Similar) != 12 {
		t.Errorf("Hartlepool: national %v region %v, %d similar", p.National, p.Region, len(p.Similar))
	}
	// Unknown codes have no profile; a code with no figures has an empty one.
	if _, ok := s.Profile("E06999999"); ok {
		t.Error("profile of an unknown code")
	}
	if p, ok := s.Profile("E47000006"); !ok || len(p.Rows) != 0 {
		t.Errorf("Tees Valley profile: %v, %v", p, ok)
	}
}

func TestCompare(t *testing.T) {
	s := loadProfile(t)
	p, _ := s.Profile("E06000001")
	other, err := s.ParseCompare("e06000003")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for i, b := range s.Compare(p, *other) {
		got[p.Rows[i].Indicator.ID] = b.Judgement()
	}
	want := map[string]string{
		"life-expectancy": "worse than Redcar and Cleveland",  // 64.5 above [54, 56]
		"smoking":         "worse than Redcar and Cleveland",  // 10% below 18.6
		"admissions":      "better than Redcar and Cleveland", // 59.3 above 17.5
		"median-age":      "not compared",                     // 40.5 below [41, 43], but no direction
		"population":      "not compared",                     // no interval
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Compare (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"E06999999", "nope"} {
		if _, err := s.ParseCompare(bad); localup.ErrorCode(err) != localup.EINVALID || !strings.HasPrefix(localup.ErrorMessage(err), "compare: ") {
			t.Errorf("ParseCompare(%q) = %v", bad, err)
		}
	}
	if a, err := s.ParseCompare(""); a != nil || err != nil {
		t.Errorf("ParseCompare(\"\") = %v, %v", a, err)
	}
}

func TestLineage(t *testing.T) {
	s := loadProfile(t)
	l := s.Lineage("E06000063")
	var olds []string
	for _, c := range l.Predecessors {
		olds = append(olds, c.OldCode)
	}
	if diff := cmp.Diff([]string{"E07000026", "E07000028"}, olds); diff != "" || l.FollowsFrom != "" {
		t.Errorf("Cumberland predecessors (-want +got):\n%s; follows %q", diff, l.FollowsFrom)
	}
	if l := s.Lineage("E07000026"); len(l.Successors) != 1 || l.Successors[0].NewCode != "E06000063" || l.ContinuesAs != "" {
		t.Errorf("Allerdale lineage %+v", l)
	}
	if l := s.Lineage("E08000038"); l.FollowsFrom != "E08000016" {
		t.Errorf("Barnsley follows %q", l.FollowsFrom)
	}
	if l := s.Lineage("E08000016"); l.ContinuesAs != "E08000038" {
		t.Errorf("old Barnsley continues as %q", l.ContinuesAs)
	}
	// A combined authority formed over Hartlepool is not its successor.
	if l := s.Lineage("E06000001"); len(l.Successors) != 0 {
		t.Errorf("Hartlepool successors %+v", l.Successors)
	}
	var got []string
	for _, o := range s.FollowedSeries("life-expectancy", "E08000038") {
		got = append(got, o.Period.Label()+"@"+o.AreaCode)
	}
	want := []string{"2015-17@E08000016", "2016-18@E08000016", "2017-19@E08000016", "2018-20@E08000016", "2019-21@E08000016", "2020-22@E08000038"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FollowedSeries (-want +got):\n%s", diff)
	}
}

func TestGroups(t *testing.T) {
	s := loadProfile(t)
	g, ok := s.Group(snapshot.SchemeONSGlobal, "E06000001")
	if !ok || g.Group != "A" {
		t.Fatalf("Group = %v, %v", g, ok)
	}
	if diff := cmp.Diff([]string{"E06000001", "E06000002", "E06000003"}, s.GroupMembers("ons-global", "A")); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	if d := s.GroupDescription("ons-global", "A"); d != "Older, more rural authorities with <lower> pay." {
		t.Errorf("description %q", d)
	}
	if len(s.Groups("E06000001")) != 2 {
		t.Errorf("groups %v", s.Groups("E06000001"))
	}
	var nb []string
	for _, n := range s.PublishedNeighbours("ons-global", "E06000001") {
		nb = append(nb, n.Neighbour)
	}
	if diff := cmp.Diff([]string{"E06000003", "E06000002", "E08000004"}, nb); diff != "" {
		t.Errorf("published neighbours (-want +got):\n%s", diff)
	}
}

// TestSimilarMeanAgreesWithProfile checks that the similar-areas mean a
// chart draws over time is the profile's, period for period.
func TestSimilarMeanAgreesWithProfile(t *testing.T) {
	s := loadProfile(t)
	p, _ := s.Profile("E06000001")
	checked := 0
	for _, r := range p.Rows {
		got := s.SimilarMean(p, r.Indicator.ID, r.Observation.Period)
		want := r.Similar
		if math.IsNaN(want.Value) != math.IsNaN(got.Value) || (!math.IsNaN(want.Value) && got.Value != want.Value) || got.N != want.N {
			t.Errorf("%s: SimilarMean %v of %d, profile %v of %d", r.Indicator.ID, got.Value, got.N, want.Value, want.N)
		}
		if !math.IsNaN(got.Value) {
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no row has a similar-areas mean")
	}
}
