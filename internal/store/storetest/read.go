package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/localup/localup"
)

func testNotFound(t *testing.T, s localup.Store) {
	ctx := context.Background()
	mustImport(t, s, lookups())
	_, err := s.Area(ctx, "E06999999")
	wantCode(t, err, localup.ENOTFOUND, "E06999999")
	_, err = s.Indicator(ctx, "no-such-indicator")
	wantCode(t, err, localup.ENOTFOUND, "no-such-indicator")
	_, err = s.Dataset(ctx, "no-such-dataset")
	wantCode(t, err, localup.ENOTFOUND, "no-such-dataset")
}

func testDatasets(t *testing.T, s localup.Store) {
	ctx := context.Background()
	ds, err := s.Datasets(ctx)
	if err != nil || len(ds) != 0 {
		t.Fatalf("Datasets of an empty store = %v, %v", ds, err)
	}
	e := els("els_2024", "v1", jun2024)
	for _, b := range []*localup.Batch{lookups(), funding("v1"), e} {
		mustImport(t, s, b)
	}
	ds, err = s.Datasets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range ds {
		ids = append(ids, d.ID)
		if d.ImportedAt.IsZero() {
			t.Errorf("dataset %s has no ImportedAt", d.ID)
		}
	}
	diff(t, "dataset IDs", []string{"els_2024", "lookups", "luf"}, ids)
	diff(t, "lookups files", lookups().Dataset.Files, ds[1].Files)
	if ds[0].Rows != len(e.Observations) || ds[1].Rows != 0 {
		t.Errorf("Rows = %d, %d; want %d, 0", ds[0].Rows, ds[1].Rows, len(e.Observations))
	}
	one, err := s.Dataset(ctx, "els_2024")
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "Dataset and Datasets", ds[0], one)
}

func testAreaFilters(t *testing.T, s localup.Store) {
	ctx := context.Background()
	mustImport(t, s, lookups())
	mustImport(t, s, els("els_2024", "v1", jun2024))
	tests := []struct {
		name string
		f    localup.AreaFilter
		want []string
	}{
		{"all, by type then name", localup.AreaFilter{}, []string{
			"E92000001", "W92000004", "E12000001", "E12000002", "E47000001",
			"E07000026", "E08000001", "E06000063", "E06000001", "W06000001", "E06000002"}},
		{"type", localup.AreaFilter{Type: localup.AreaRegion}, []string{"E12000001", "E12000002"}},
		{"parent", localup.AreaFilter{ParentCode: "E12000001"}, []string{"E06000001", "E06000002"}},
		{"country", localup.AreaFilter{Country: localup.CodeWales}, []string{"W92000004", "W06000001"}},
		{"name substring", localup.AreaFilter{Query: "pool"}, []string{"E06000001"}},
		{"name any case", localup.AreaFilter{Query: "hARTLE"}, []string{"E06000001"}},
		{"words", localup.AreaFilter{Query: "north"}, []string{"E12000001", "E12000002"}},
		{"code prefix", localup.AreaFilter{Query: "e0600000"}, []string{"E06000001", "E06000002"}},
		{"code is a prefix, not a substring", localup.AreaFilter{Query: "000001"}, nil},
		{"percent is literal", localup.AreaFilter{Query: "%"}, nil},
		{"underscore is literal", localup.AreaFilter{Query: "_"}, nil},
		{"current", localup.AreaFilter{Type: localup.AreaLAD, Current: true}, []string{
			"E08000001", "E06000063", "E06000001", "W06000001", "E06000002"}},
		{"combined", localup.AreaFilter{Type: localup.AreaLAD, Country: localup.CodeEngland, Query: "l"}, []string{
			"E07000026", "E08000001", "E06000063", "E06000001", "E06000002"}},
		{"limit", localup.AreaFilter{Type: localup.AreaLAD, Limit: 2}, []string{"E07000026", "E08000001"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as, err := s.Areas(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range as {
				got = append(got, a.Code)
			}
			diff(t, fmt.Sprintf("Areas(%+v)", tt.f), tt.want, got)
		})
	}
}

func testIndicatorFilters(t *testing.T, s localup.Store) {
	ctx := context.Background()
	mustImport(t, s, lookups())
	mustImport(t, s, els("els_2024", "v1", jun2024))
	mustImport(t, s, &localup.Batch{
		Dataset:    localup.Dataset{ID: "claimants", Released: jun2024, Version: "v1"},
		Indicators: []localup.Indicator{claimantIndicator()},
	})
	tests := []struct {
		name string
		f    localup.IndicatorFilter
		want []string
	}{
		{"all, by topic then title", localup.IndicatorFilter{}, []string{"claimant-count", "gross-median-weekly-pay", "healthy-life-expectancy"}},
		{"topic", localup.IndicatorFilter{Topic: "Health"}, []string{"healthy-life-expectancy"}},
		{"mission", localup.IndicatorFilter{Mission: 1}, []string{"gross-median-weekly-pay"}},
		{"title any case", localup.IndicatorFilter{Query: "WEEKLY"}, []string{"gross-median-weekly-pay"}},
		{"id", localup.IndicatorFilter{Query: "claimant-"}, []string{"claimant-count"}},
		{"combined", localup.IndicatorFilter{Topic: "Economy", Query: "count"}, []string{"claimant-count"}},
		{"none", localup.IndicatorFilter{Topic: "Economy", Mission: 7}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns, err := s.Indicators(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, n := range ns {
				got = append(got, n.ID)
			}
			diff(t, fmt.Sprintf("Indicators(%+v)", tt.f), tt.want, got)
		})
	}
}

func testObservationFilters(t *testing.T, s localup.Store) {
	mustImport(t, s, lookups())
	a := els("els_2024", "v1", jun2024)
	b := els("els_2023", "v1", jan2023)
	b.Observations = b.Observations[:4]
	b.Groups, b.Descriptions, b.Neighbours = nil, nil, nil
	mustImport(t, s, a)
	mustImport(t, s, b)
	all := append(withDataset(a), withDataset(b)...)
	sortObservations(all)

	tests := []struct {
		name string
		f    localup.ObservationFilter
		keep func(o localup.Observation) bool
	}{
		{"all", localup.ObservationFilter{}, func(localup.Observation) bool { return true }},
		{"indicator", localup.ObservationFilter{IndicatorID: "healthy-life-expectancy"},
			func(o localup.Observation) bool { return o.IndicatorID == "healthy-life-expectancy" }},
		{"area", localup.ObservationFilter{AreaCode: "E06000001"},
			func(o localup.Observation) bool { return o.AreaCode == "E06000001" }},
		{"areas", localup.ObservationFilter{AreaCodes: []string{"E08000001", "E47000001", "E08000001"}},
			func(o localup.Observation) bool { return o.AreaCode == "E08000001" || o.AreaCode == "E47000001" }},
		{"dataset", localup.ObservationFilter{DatasetID: "els_2023"},
			func(o localup.Observation) bool { return o.DatasetID == "els_2023" }},
		{"total only", localup.ObservationFilter{Breakdown: str("")},
			func(o localup.Observation) bool { return o.Breakdown == "" }},
		{"breakdown", localup.ObservationFilter{Breakdown: str("sex=female")},
			func(o localup.Observation) bool { return o.Breakdown == "sex=female" }},
		{"combined", localup.ObservationFilter{IndicatorID: "gross-median-weekly-pay", AreaCodes: []string{"E06000001"}, DatasetID: "els_2024"},
			func(o localup.Observation) bool {
				return o.IndicatorID == "gross-median-weekly-pay" && o.AreaCode == "E06000001" && o.DatasetID == "els_2024"
			}},
		{"nothing", localup.ObservationFilter{AreaCode: "E06000001", AreaCodes: []string{"E08000001"}},
			func(localup.Observation) bool { return false }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []localup.Observation
			for _, o := range all {
				if tt.keep(o) {
					want = append(want, o)
				}
			}
			diff(t, "Observations", want, observations(t, s, tt.f))
			if got := count(t, s, tt.f); got != len(want) {
				t.Errorf("CountObservations = %d, want %d", got, len(want))
			}
		})
	}
}

// testObservationManyAreaCodes asks for more areas than one statement
// should carry placeholders for.
func testObservationManyAreaCodes(t *testing.T, s localup.Store) {
	const n = 1500
	b := &localup.Batch{
		Dataset:    localup.Dataset{ID: "imd", Released: jan2023, Version: "v1"},
		Indicators: []localup.Indicator{{ID: "imd-rank", Title: "IMD rank"}},
	}
	var codes []string
	for i := range n {
		code := fmt.Sprintf("E01%06d", i)
		b.Areas = append(b.Areas, localup.Area{Code: code, Name: "LSOA " + code, Type: localup.AreaLSOA})
		b.Observations = append(b.Observations, obs("imd-rank", code, "2019", float64(i), nan, nan))
		if i%3 != 0 {
			codes = append(codes, code, code)
		}
	}
	mustImport(t, s, b)
	f := localup.ObservationFilter{AreaCodes: codes}
	got := observations(t, s, f)
	if want := n - (n+2)/3; len(got) != want || count(t, s, f) != want {
		t.Errorf("got %d observations, count %d; want %d", len(got), count(t, s, f), want)
	}
	if !slices.IsSortedFunc(got, func(a, b localup.Observation) int { return int(a.Value - b.Value) }) {
		t.Error("values do not follow area codes")
	}
}

func testObservationCallbackError(t *testing.T, s localup.Store) {
	mustImport(t, s, lookups())
	mustImport(t, s, els("els_2024", "v1", jun2024))
	stop := errors.New("enough")
	calls := 0
	err := s.Observations(context.Background(), localup.ObservationFilter{}, func(localup.Observation) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Errorf("Observations = %v, want the callback's error", err)
	}
	if calls != 3 {
		t.Errorf("callback ran %d times, want 3", calls)
	}
}

func testGrants(t *testing.T, s localup.Store) {
	ctx := context.Background()
	mustImport(t, s, lookups())
	f := funding("v1")
	mustImport(t, s, f)
	want := slices.Clone(f.Grants)
	for i := range want {
		want[i].DatasetID = "luf"
	}
	tests := []struct {
		name string
		f    localup.GrantFilter
		want []localup.Grant
	}{
		{"all in source order", localup.GrantFilter{}, want},
		{"fund", localup.GrantFilter{Fund: "Towns Fund"}, want[2:]},
		{"area, with all the grant's areas", localup.GrantFilter{AreaCode: "E06000001"}, want[:2]},
		{"second area of a bid", localup.GrantFilter{AreaCode: "E08000001"}, want[1:2]},
		{"fund and area", localup.GrantFilter{Fund: "Towns Fund", AreaCode: "E06000001"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Grants(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			diff(t, fmt.Sprintf("Grants(%+v)", tt.f), tt.want, got)
		})
	}

	f2 := funding("v2")
	f2.Grants = f2.Grants[2:]
	mustImport(t, s, f2)
	got, err := s.Grants(ctx, localup.GrantFilter{})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "Grants after a new version", want[2:], got)
}

func testGroups(t *testing.T, s localup.Store) {
	ctx := context.Background()
	mustImport(t, s, lookups())
	mustImport(t, s, els("els_2024", "v1", jun2024))

	groups, err := s.AreaGroups(ctx, "ons-global")
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "AreaGroups(ons-global)", []localup.AreaGroup{
		{Scheme: "ons-global", Group: "A", AreaCode: "E06000001"},
		{Scheme: "ons-global", Group: "B", AreaCode: "E06000002"},
	}, groups)
	groups, err = s.AreaGroups(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 3 {
		t.Errorf("AreaGroups(\"\") = %d groups, want 3", len(groups))
	}

	descs, err := s.GroupDescriptions(ctx, "ons-global")
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "GroupDescriptions", []localup.GroupDescription{
		{Scheme: "ons-global", Group: "A", Description: "Coastal towns"},
		{Scheme: "ons-global", Group: "B", Description: "Urban areas with ageing industry"},
	}, descs)
	if descs, err := s.GroupDescriptions(ctx, "cipfa"); err != nil || len(descs) != 0 {
		t.Errorf("GroupDescriptions(cipfa) = %v, %v; want none", descs, err)
	}

	nbs, err := s.PublishedNeighbours(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "PublishedNeighbours", []localup.PublishedNeighbour{
		{Scheme: "cipfa", AreaCode: "E06000002", Rank: 1, Neighbour: "E06000001"},
		{Scheme: "ons-global", AreaCode: "E06000001", Rank: 1, Neighbour: "E06000002"},
		{Scheme: "ons-global", AreaCode: "E06000001", Rank: 2, Neighbour: "E08000001"},
	}, nbs)
	nbs, err = s.PublishedNeighbours(ctx, "ons-global")
	if err != nil {
		t.Fatal(err)
	}
	if len(nbs) != 2 || nbs[0].Rank != 1 {
		t.Errorf("PublishedNeighbours(ons-global) = %v", nbs)
	}
}

func testCodeChanges(t *testing.T, s localup.Store) {
	mustImport(t, s, lookups())
	got, err := s.CodeChanges(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	l := lookups()
	diff(t, "CodeChanges, oldest first", []localup.CodeChange{l.CodeChanges[1], l.CodeChanges[0]}, got)
}

func testPing(t *testing.T, s localup.Store) {
	if err := s.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
}
