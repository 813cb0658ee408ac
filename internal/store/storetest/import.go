package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/store"
)

func testRoundTrip(t *testing.T, s localup.Store) {
	ctx := context.Background()
	mustImport(t, s, lookups())
	b := els("els_2024", "v1", jun2024)
	mustImport(t, s, b)

	got, err := s.Dataset(ctx, "els_2024")
	if err != nil {
		t.Fatal(err)
	}
	want := b.Dataset
	want.Rows = len(b.Observations)
	want.ImportedAt = Clock
	if _, ok := s.(*store.DB); !ok {
		want.ImportedAt = got.ImportedAt
	}
	diff(t, "Dataset", want, got)

	diff(t, "Observations", withDataset(b), observations(t, s, localup.ObservationFilter{DatasetID: "els_2024"}))
	for _, o := range observations(t, s, localup.ObservationFilter{IndicatorID: "gross-median-weekly-pay"}) {
		switch o.AreaCode {
		case "E08000001":
			if !o.HasValue() || o.Value != 0 || o.HasInterval() {
				t.Errorf("published zero came back as %v [%v, %v]", o.Value, o.Lower, o.Upper)
			}
		case "E06000002":
			if o.HasValue() || o.Missing != "[c]" {
				t.Errorf("suppressed value came back as %v, missing %q", o.Value, o.Missing)
			}
		}
	}

	for _, n := range b.Indicators {
		n.DatasetID = "els_2024"
		got, err := s.Indicator(ctx, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "Indicator "+n.ID, n, got)
	}

	for _, a := range append(lookups().Areas, b.Areas[1]) {
		got, err := s.Area(ctx, a.Code)
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "Area "+a.Code, a, got)
	}
}

func testReimportSameVersion(t *testing.T, s localup.Store) {
	ctx := context.Background()
	mustImport(t, s, lookups())
	mustImport(t, s, els("els_2024", "v1", jun2024))
	before := take(t, s)

	if db, ok := s.(*store.DB); ok {
		db.Now = func() time.Time { return Clock.Add(time.Hour) }
	}
	again := els("els_2024", "v1", jun2024)
	again.Observations = again.Observations[:2] // same version: content is not even looked at
	changed, err := s.Import(ctx, again)
	if err != nil || changed {
		t.Fatalf("Import(same version) = %v, %v; want false, nil", changed, err)
	}
	diff(t, "store after re-import", before, take(t, s))
}

func testNewVersionReplaces(t *testing.T, s localup.Store) {
	ctx := context.Background()
	mustImport(t, s, lookups())
	mustImport(t, s, els("els_2024", "v1", jun2024))
	mustImport(t, s, funding("v1"))
	other := els("els_2023", "v1", jan2023)
	other.Groups, other.Descriptions, other.Neighbours = nil, nil, nil
	mustImport(t, s, other)

	v2 := els("els_2024", "v2", jun2024)
	v2.Observations = slices.Delete(v2.Observations, 1, 4)
	v2.Observations[0].Value = 700
	v2.Observations = append(v2.Observations, obs("healthy-life-expectancy", "E08000001", "2019-21", 61.2, nan, nan))
	v2.Groups = v2.Groups[:1]
	v2.Descriptions = v2.Descriptions[:1]
	v2.Neighbours = nil
	v2.CodeChanges = []localup.CodeChange{{OldCode: "E07000026", NewCode: "E06000063", Type: localup.ChangeMerger, Year: 2023}}
	mustImport(t, s, v2)

	diff(t, "els_2024 observations", withDataset(v2), observations(t, s, localup.ObservationFilter{DatasetID: "els_2024"}))
	diff(t, "els_2023 observations", withDataset(other), observations(t, s, localup.ObservationFilter{DatasetID: "els_2023"}))
	if got, want := count(t, s, localup.ObservationFilter{}), len(v2.Observations)+len(other.Observations); got != want {
		t.Errorf("CountObservations = %d, want %d", got, want)
	}
	d, err := s.Dataset(ctx, "els_2024")
	if err != nil {
		t.Fatal(err)
	}
	if d.Version != "v2" || d.Rows != len(v2.Observations) {
		t.Errorf("Dataset = version %q, %d rows; want v2, %d", d.Version, d.Rows, len(v2.Observations))
	}
	groups, err := s.AreaGroups(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "groups", v2.Groups, groups)
	descs, err := s.GroupDescriptions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "descriptions", v2.Descriptions, descs)
	nbs, err := s.PublishedNeighbours(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "neighbours", []localup.PublishedNeighbour(nil), nbs)
	changes, err := s.CodeChanges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 3 {
		t.Errorf("CodeChanges = %d, want the lookups' 2 and els_2024's 1", len(changes))
	}
	grants, err := s.Grants(ctx, localup.GrantFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(grants) != len(funding("v1").Grants) {
		t.Errorf("Grants = %d, want luf's %d untouched", len(grants), len(funding("v1").Grants))
	}
}

func testDuplicateObservation(t *testing.T, s localup.Store) {
	ctx := context.Background()
	mustImport(t, s, lookups())
	mustImport(t, s, els("els_2024", "v1", jun2024))
	before := take(t, s)

	for _, id := range []string{"els_2024", "els_new"} {
		b := els(id, "v2", jun2024)
		dup := b.Observations[len(b.Observations)-1]
		dup.Value = 1
		b.Observations = append(b.Observations, dup)
		_, err := s.Import(ctx, b)
		wantCode(t, err, localup.ECONFLICT, dup.IndicatorID, dup.AreaCode, dup.Period.String())
		diff(t, "store after failed import of "+id, before, take(t, s))
	}
}

func testDuplicateKeys(t *testing.T, s localup.Store) {
	ctx := context.Background()
	mustImport(t, s, lookups())
	before := take(t, s)
	tests := []struct {
		name  string
		edit  func(b *localup.Batch)
		words []string
	}{
		{"area", func(b *localup.Batch) { b.Areas = append(b.Areas, b.Areas[1]) }, []string{"E47000001"}},
		{"indicator", func(b *localup.Batch) { b.Indicators = append(b.Indicators, lifeIndicator()) }, []string{"healthy-life-expectancy"}},
		{"file", func(b *localup.Batch) { b.Dataset.Files = append(b.Dataset.Files, b.Dataset.Files[0]) }, []string{"combined-data.csv"}},
		{"code change", func(b *localup.Batch) {
			c := localup.CodeChange{OldCode: "E07000026", NewCode: "E06000063", Type: localup.ChangeMerger, Year: 2023}
			b.CodeChanges = []localup.CodeChange{c, c}
		}, []string{"E07000026"}},
		{"grant area", func(b *localup.Batch) {
			b.Grants = []localup.Grant{{Fund: "F", AreaCodes: []string{"E06000001", "E06000001"}, Amount: 1, Line: 7}}
		}, []string{"E06000001"}},
		{"group", func(b *localup.Batch) {
			b.Groups = append(b.Groups, localup.AreaGroup{Scheme: "ons-global", Group: "C", AreaCode: "E06000002"})
		}, []string{"E06000002"}},
		{"description", func(b *localup.Batch) { b.Descriptions = append(b.Descriptions, b.Descriptions[0]) }, []string{"ons-global"}},
		{"neighbour", func(b *localup.Batch) { b.Neighbours = append(b.Neighbours, b.Neighbours[0]) }, []string{"E06000001"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := els("els_2024", "v1", jun2024)
			tt.edit(b)
			_, err := s.Import(ctx, b)
			wantCode(t, err, localup.ECONFLICT, tt.words...)
			diff(t, "store", before, take(t, s))
		})
	}
}

func testUnknownReferences(t *testing.T, s localup.Store) {
	ctx := context.Background()
	mustImport(t, s, lookups())
	before := take(t, s)
	tests := []struct {
		name, ind, area, word string
	}{
		{"area", "gross-median-weekly-pay", "E06999999", "E06999999"},
		{"indicator", "no-such-indicator", "E06000001", "no-such-indicator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := els("els_2024", "v1", jun2024)
			b.Observations = append(b.Observations, obs(tt.ind, tt.area, "2023", 1, nan, nan))
			_, err := s.Import(ctx, b)
			wantCode(t, err, localup.EINVALID, tt.word)
			diff(t, "store", before, take(t, s))
		})
	}
}

func testReferencesFromStore(t *testing.T, s localup.Store) {
	mustImport(t, s, lookups())
	mustImport(t, s, els("els_2024", "v1", jun2024))
	b := &localup.Batch{
		Dataset: localup.Dataset{ID: "council", Released: jun2024, Version: "x"},
		Observations: []localup.Observation{
			obs("healthy-life-expectancy", "E47000001", "2023", 1, nan, nan),
			obs("gross-median-weekly-pay", "W06000001", "2023", 2, nan, nan),
		},
	}
	mustImport(t, s, b)
	diff(t, "observations", withDataset(b), observations(t, s, localup.ObservationFilter{DatasetID: "council"}))
}

func testInvalidBatch(t *testing.T, s localup.Store) {
	ctx := context.Background()
	mustImport(t, s, lookups())
	tests := []struct {
		name string
		edit func(b *localup.Batch)
	}{
		{"no ID", func(b *localup.Batch) { b.Dataset.ID = "" }},
		{"no version", func(b *localup.Batch) { b.Dataset.Version = "" }},
		{"no period", func(b *localup.Batch) { b.Observations[0].Period = localup.Period{} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := els("els_2024", "v1", jun2024)
			tt.edit(b)
			_, err := s.Import(ctx, b)
			wantCode(t, err, localup.EINVALID)
		})
	}
	_, err := s.Import(ctx, nil)
	wantCode(t, err, localup.EINVALID)
	if _, err := s.Dataset(ctx, "els_2024"); localup.ErrorCode(err) != localup.ENOTFOUND {
		t.Errorf("Dataset after invalid imports: %v, want not found", err)
	}
}

func testAreasAuthoritative(t *testing.T, s localup.Store) {
	ctx := context.Background()
	mustImport(t, s, lookups())
	mustImport(t, s, els("els_2024", "v1", jun2024))
	name := func(code string) string {
		t.Helper()
		a, err := s.Area(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		return a.Name
	}
	if got := name("E06000001"); got != "Hartlepool" {
		t.Errorf("after a non-authoritative batch, name = %q, want Hartlepool", got)
	}

	l2 := lookups()
	l2.Dataset.Version = "v2"
	l2.Areas[4].Name, l2.Areas[4].ValidTo = "Hartlepool (renamed)", 2030
	l2.Areas = append(l2.Areas, localup.Area{Code: "E47000001", Name: "Greater Manchester Combined Authority",
		Type: localup.AreaCombinedAuthority, Country: localup.CodeEngland})
	mustImport(t, s, l2)
	got, err := s.Area(ctx, "E06000001")
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "renamed area", l2.Areas[4], got)
	if got := name("E47000001"); got != "Greater Manchester Combined Authority" {
		t.Errorf("authoritative rename of a non-authoritative area: name = %q", got)
	}

	mustImport(t, s, els("els_2024", "v2", jun2024))
	if got := name("E06000001"); got != "Hartlepool (renamed)" {
		t.Errorf("a non-authoritative batch renamed the area to %q", got)
	}
}

func testIndicatorNewestReleaseWins(t *testing.T, s localup.Store) {
	ctx := context.Background()
	mustImport(t, s, lookups())
	type release struct {
		id       string
		released time.Time
		title    string
	}
	older := release{"els_2023", jan2023, "Pay (2023 release)"}
	newer := release{"els_2024", jun2024, "Pay (2024 release)"}
	same := release{"els_2024b", jun2024, "Pay (2024 second release)"}
	tests := []struct {
		name  string
		order []release
		want  release
	}{
		{"older then newer", []release{older, newer}, newer},
		{"newer then older", []release{newer, older}, newer},
		{"same date, later import wins", []release{newer, same}, same},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := "pay-" + string(rune('a'+i))
			for _, r := range tt.order {
				n := payIndicator(r.title)
				n.ID = id
				mustImport(t, s, &localup.Batch{
					Dataset:      localup.Dataset{ID: r.id + "-" + id, Released: r.released, Version: "v1"},
					Indicators:   []localup.Indicator{n},
					Observations: []localup.Observation{obs(id, "E06000001", "2023", 1, nan, nan)},
				})
			}
			got, err := s.Indicator(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != tt.want.title || got.DatasetID != tt.want.id+"-"+id {
				t.Errorf("Indicator = %q from %s, want %q from %s-%s", got.Title, got.DatasetID, tt.want.title, tt.want.id, id)
			}
		})
	}
}
