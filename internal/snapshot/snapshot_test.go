package snapshot_test

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/snapshot/snapshottest"
)

func load(t testing.TB) *snapshot.Snapshot {
	t.Helper()
	s, err := snapshot.Load(context.Background(), snapshottest.Open(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func codes(areas []localup.Area) []string {
	var out []string
	for _, a := range areas {
		out = append(out, a.Code)
	}
	return out
}

func TestAreas(t *testing.T) {
	s := load(t)
	a, ok := s.Area("E06000001")
	if !ok || a.Name != "Hartlepool" {
		t.Fatalf("Area(E06000001) = %+v, %v", a, ok)
	}
	if _, ok := s.Area("E06999999"); ok {
		t.Error("Area(unknown) found something")
	}
	if diff := cmp.Diff([]string{"E06000001", "E06000002", "W06000001"}, codes(s.Areas(localup.AreaLAD))); diff != "" {
		t.Errorf("Areas(lad) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"E47000006", "E06000001", "E06000002"}, codes(s.Children("E12000001"))); diff != "" {
		t.Errorf("Children(E12000001) (-want +got):\n%s", diff)
	}
	wantTypes := []localup.AreaType{localup.AreaUK, localup.AreaCountry, localup.AreaRegion,
		localup.AreaCombinedAuthority, localup.AreaCounty, localup.AreaLAD, localup.AreaLSOA}
	if diff := cmp.Diff(wantTypes, s.AreaTypes()); diff != "" {
		t.Errorf("AreaTypes (-want +got):\n%s", diff)
	}
	if p, ok := s.Parent(a); !ok || p.Code != "E12000001" {
		t.Errorf("Parent(Hartlepool) = %v, %v", p, ok)
	}
	// A caller's append must not write into the snapshot: slices are
	// returned with no room beyond their length, so append copies. A
	// series is a window on the snapshot's one array of observations, so
	// without that, append would overwrite the next series.
	if lads := s.Areas(localup.AreaLAD); cap(lads) != len(lads) {
		t.Errorf("Areas: cap %d, len %d", cap(lads), len(lads))
	}
	series := s.Series("gross-median-weekly-pay", "E06000001")
	if cap(series) != len(series) {
		t.Fatalf("Series: cap %d, len %d", cap(series), len(series))
	}
	other := s.Series("gross-median-weekly-pay", "E06000002")
	before := other[0]
	_ = append(series, localup.Observation{AreaCode: "X"})
	if after := s.Series("gross-median-weekly-pay", "E06000002")[0]; after.AreaCode != before.AreaCode || after.Value != before.Value {
		t.Errorf("append to one series changed another: %+v", after)
	}
}

func TestSearch(t *testing.T) {
	s := load(t)
	tests := []struct {
		q    string
		want []string
	}{
		{"", nil},
		{"   ", nil},
		{"zzz", nil},
		// neighbourhoods after everything else
		{"hartlepool", []string{"E06000001", "E01011954"}},
		{"HART", []string{"E06000001", "E01011954"}},
		{"e01011954", []string{"E01011954"}},
		{"e06000002", []string{"E06000002"}},
		{"mon", []string{"W06000001"}},       // accents ignored
		{"ynys  môn", []string{"W06000001"}}, // spaces collapsed
		{"land", []string{"E92000001"}},
		{"east", []string{"E12000001"}},
		// all substrings: wider areas first
		{"es", []string{"W92000004", "E47000006", "E06000002"}},
		// prefix, then word start, then substring, abolished last
		{"m", []string{"E06000002", "W06000001", "K02000001", "E10000002"}},
		// the whole name beats a prefix
		{"wales", []string{"W92000004"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, codes(s.Search(tt.q))); diff != "" {
			t.Errorf("Search(%q) (-want +got):\n%s", tt.q, diff)
		}
	}
}

func TestSeriesResolvesReleases(t *testing.T) {
	s := load(t)
	got := s.Series("gross-median-weekly-pay", "E06000001")
	type row struct {
		Period, Dataset string
		Value           float64
	}
	var rows []row
	for _, o := range got {
		rows = append(rows, row{o.Period.String(), o.DatasetID, o.Value})
	}
	want := []row{
		{"2021-01-01/P1Y", snapshottest.Release2023, 500.5},
		{"2022-01-01/P1Y", snapshottest.Release2024, 545.5}, // revised by the newer release
		{"2023-01-01/P1Y", snapshottest.Release2024, 565.5},
		{"2024-01-01/P1Y", snapshottest.Release2024, math.NaN()},
	}
	if diff := cmp.Diff(want, rows, cmpNaN); diff != "" {
		t.Errorf("Series (-want +got):\n%s", diff)
	}
	if got := s.Series("gross-median-weekly-pay", "W06000001"); got != nil {
		t.Errorf("Series for an area without data = %v", got)
	}
	if got := s.Series("healthy-life-expectancy", "E06000001"); got != nil {
		t.Errorf("Series with only breakdowns = %v, want none for the total", got)
	}
	fem := s.SeriesBreakdown("healthy-life-expectancy", "E06000001", "sex=female")
	if len(fem) != 1 || fem[0].Value != 58.4 {
		t.Errorf("SeriesBreakdown(female) = %v", fem)
	}
	if diff := cmp.Diff([]string{"sex=female", "sex=male"}, s.Breakdowns("healthy-life-expectancy", "E06000001")); diff != "" {
		t.Errorf("Breakdowns (-want +got):\n%s", diff)
	}
}

var cmpNaN = cmp.Comparer(func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) })

func TestByPeriod(t *testing.T) {
	s := load(t)
	var periods []string
	for _, p := range s.Periods("gross-median-weekly-pay") {
		periods = append(periods, p.Label())
	}
	if diff := cmp.Diff([]string{"2021", "2022", "2023", "2024"}, periods); diff != "" {
		t.Errorf("Periods (-want +got):\n%s", diff)
	}
	vals := s.Values("gross-median-weekly-pay", localup.MustPeriod("2022"))
	var got []string
	for _, o := range vals {
		got = append(got, fmt.Sprintf("%s=%g", o.AreaCode, o.Value))
	}
	want := []string{"E06000001=545.5", "E06000002=530.25", "E12000001=600", "E92000001=640.8"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Values(2022) (-want +got):\n%s", diff)
	}
	if o, ok := s.Value("gross-median-weekly-pay", "E92000001", localup.MustPeriod("2022")); !ok || o.Value != 640.8 {
		t.Errorf("Value(England, 2022) = %v, %v", o, ok)
	}
	if n := s.AreaCount("gross-median-weekly-pay"); n != 4 {
		t.Errorf("AreaCount = %d, want 4", n)
	}
}

func TestLatest(t *testing.T) {
	s := load(t)
	type row struct{ Indicator, Period, Dataset, Licence string }
	var got []row
	for _, l := range s.Latest("E06000001") {
		got = append(got, row{l.Indicator.ID, l.Observation.Period.Label(), l.Dataset.ID, l.Dataset.Licence})
	}
	// Indicators order: topic, then title. HLE has breakdowns only, so no row.
	want := []row{
		{"claimant-count", "2022-23", snapshottest.Release2023, snapshottest.OGL},
		{"gross-median-weekly-pay", "2023", snapshottest.Release2024, snapshottest.OGL}, // 2024 is missing
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Latest(Hartlepool) (-want +got):\n%s", diff)
	}
	if got := s.Latest("K02000001"); got != nil {
		t.Errorf("Latest(UK) = %v, want nothing", got)
	}
}

func TestIndicatorsAndDatasets(t *testing.T) {
	s := load(t)
	var ids []string
	for _, ind := range s.Indicators() {
		ids = append(ids, ind.ID)
	}
	if diff := cmp.Diff([]string{"claimant-count", "gross-median-weekly-pay", "healthy-life-expectancy"}, ids); diff != "" {
		t.Errorf("Indicators (-want +got):\n%s", diff)
	}
	if ind, ok := s.Indicator("claimant-count"); !ok || ind.Suffix != "%" {
		t.Errorf("Indicator(claimant-count) = %+v, %v", ind, ok)
	}
	if _, ok := s.Indicator("nope"); ok {
		t.Error("Indicator(nope) found")
	}
	var ds []string
	for _, d := range s.Datasets() {
		ds = append(ds, d.ID)
	}
	if diff := cmp.Diff([]string{snapshottest.Release2023, snapshottest.Release2024, snapshottest.Lookups}, ds); diff != "" {
		t.Errorf("Datasets (-want +got):\n%s", diff)
	}
	if d, ok := s.Dataset(snapshottest.Release2024); !ok || len(d.Files) != 1 {
		t.Errorf("Dataset(2024) = %+v, %v", d, ok)
	}
}

func TestDigest(t *testing.T) {
	a := []localup.Dataset{{ID: "a", Version: "1"}, {ID: "b", Version: "2"}}
	b := []localup.Dataset{{ID: "b", Version: "2"}, {ID: "a", Version: "1"}}
	c := []localup.Dataset{{ID: "a", Version: "1"}, {ID: "b", Version: "3"}}
	if snapshot.Digest(a) != snapshot.Digest(b) {
		t.Error("Digest depends on order")
	}
	if snapshot.Digest(a) == snapshot.Digest(c) {
		t.Error("Digest ignores versions")
	}
}

func TestLiveRefresh(t *testing.T) {
	ctx := context.Background()
	st := snapshottest.OpenEmpty(t)
	live, err := snapshot.NewLive(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	empty := live.Get()
	if len(empty.AllAreas()) != 0 {
		t.Fatalf("empty store gave %d areas", len(empty.AllAreas()))
	}
	if changed, err := live.Refresh(ctx); err != nil || changed {
		t.Errorf("Refresh with no change = %v, %v", changed, err)
	}
	snapshottest.Import(t, st)
	if changed, err := live.Refresh(ctx); err != nil || !changed {
		t.Fatalf("Refresh after import = %v, %v", changed, err)
	}
	if _, ok := live.Get().Area("E06000001"); !ok {
		t.Error("new snapshot lacks Hartlepool")
	}
	if _, ok := empty.Area("E06000001"); ok {
		t.Error("the old snapshot changed")
	}
}

// BenchmarkLoad measures building a snapshot from a store holding a
// synthetic national dataset: 400 areas × 50 indicators × 20 years.
func BenchmarkLoad(b *testing.B) {
	st := snapshottest.OpenEmpty(b)
	if _, err := st.Import(context.Background(), synthetic(400, 50, 20)); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := snapshot.Load(context.Background(), st); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLatest measures one area page's worth of latest values.
func BenchmarkLatest(b *testing.B) {
	st := snapshottest.OpenEmpty(b)
	if _, err := st.Import(context.Background(), synthetic(400, 50, 3)); err != nil {
		b.Fatal(err)
	}
	s, err := snapshot.Load(context.Background(), st)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if len(s.Latest("E06000123")) != 50 {
			b.Fatal("wrong number of rows")
		}
	}
}

// BenchmarkSearch measures a place-name search over 400 areas.
func BenchmarkSearch(b *testing.B) {
	st := snapshottest.OpenEmpty(b)
	if _, err := st.Import(context.Background(), synthetic(400, 1, 1)); err != nil {
		b.Fatal(err)
	}
	s, err := snapshot.Load(context.Background(), st)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s.Search("area 12")
	}
}

func synthetic(areas, indicators, years int) *localup.Batch {
	b := &localup.Batch{Dataset: localup.Dataset{ID: "synthetic", Title: "Synthetic", Version: "1",
		Released: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}}
	for a := range areas {
		b.Areas = append(b.Areas, localup.Area{Code: fmt.Sprintf("E06%06d", a), Name: fmt.Sprintf("Area %d", a), Type: localup.AreaLAD})
	}
	for i := range indicators {
		b.Indicators = append(b.Indicators, localup.Indicator{ID: fmt.Sprintf("ind-%02d", i), Title: fmt.Sprintf("Indicator %d", i), Topic: "Topic"})
		for _, a := range b.Areas {
			for y := range years {
				o := localup.NewObservation(fmt.Sprintf("ind-%02d", i), a.Code, localup.Period{Start: time.Date(2000+y, 1, 1, 0, 0, 0, 0, time.UTC), Years: 1})
				o.Value, o.DatasetID = float64(y*i), "synthetic"
				b.Observations = append(b.Observations, o)
			}
		}
	}
	return b
}

func TestAreaCodeAnyCase(t *testing.T) {
	snap := load(t)
	for _, code := range []string{"E06000001", "e06000001", " E06000001\t"} {
		if a, ok := snap.Area(code); !ok || a.Code != "E06000001" {
			t.Errorf("Area(%q) = %q, %v", code, a.Code, ok)
		}
	}
	if _, ok := snap.Area("E0600000"); ok {
		t.Error("found a code that does not exist")
	}
}

// TestIndicatorSourceFromDataset checks that an indicator whose file gave
// no source or licence carries its dataset's, for every reader.
func TestIndicatorSourceFromDataset(t *testing.T) {
	st := snapshottest.Open(t)
	at := time.Date(2024, time.March, 1, 0, 0, 0, 0, time.UTC)
	b := &localup.Batch{
		Dataset: localup.Dataset{ID: "council-own", Title: "A council's own indicators", Publisher: "Hartlepool Borough Council",
			Licence: snapshottest.OGL, SourceURL: "https://www.hartlepool.gov.uk/", Released: at, Version: "v1",
			Files: []localup.SourceFile{{Path: "own.csv", SHA256: "ee55", Bytes: 10}}, ImportedAt: at},
		Indicators: []localup.Indicator{{ID: "own-measure", Title: "Own measure", DatasetID: "council-own"}},
	}
	if _, err := st.Import(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	s, err := snapshot.Load(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	ind, ok := s.Indicator("own-measure")
	if !ok || ind.Source != "Hartlepool Borough Council" || ind.Licence != snapshottest.OGL || ind.SourceURL != "https://www.hartlepool.gov.uk/" {
		t.Errorf("indicator %+v", ind)
	}
	if got, _ := s.Indicator("gross-median-weekly-pay"); got.Source == "Hartlepool Borough Council" {
		t.Error("an indicator's own source was replaced")
	}
}

// TestAreaCount counts the fixture's areas with whole-population pay
// figures: Hartlepool, Middlesbrough, the North East and England.
func TestAreaCount(t *testing.T) {
	s := load(t)
	if got := s.AreaCount("gross-median-weekly-pay"); got != 4 {
		t.Errorf("AreaCount(pay) = %d, want 4", got)
	}
	if got := s.AreaCount("no-such-indicator"); got != 0 {
		t.Errorf("AreaCount(unknown) = %d", got)
	}
}
