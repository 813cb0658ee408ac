package importer_test

import (
	"context"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/datatest"
	"github.com/localup/localup/internal/importer"
	"github.com/localup/localup/internal/store"
)

// dataDir is the real open data: LOCALUP_DATA, or ../shared/data beside
// the repository.
func dataDir(t testing.TB) string { return datatest.Dir(t) }

var (
	fullOnce sync.Once
	fullDB   string
	fullErr  error
	fullSums []localup.ImportSummary
)

// imported returns a store holding every real dataset. The import runs
// once per test binary into a file; each caller opens that file.
func imported(t *testing.T) localup.Store {
	t.Helper()
	dir := dataDir(t)
	fullOnce.Do(func() {
		tmp, err := os.MkdirTemp("", "localup-importer-test")
		if err != nil {
			fullErr = err
			return
		}
		fullDB = filepath.Join(tmp, "full.db")
		s, err := store.Open(context.Background(), fullDB)
		if err != nil {
			fullErr = err
			return
		}
		defer s.Close()
		fullSums, fullErr = importer.New(s, dir).ImportAll(context.Background())
	})
	if fullErr != nil {
		t.Fatalf("import real data: %v", fullErr)
	}
	for _, s := range fullSums {
		t.Logf("%-50s %7d observations %5d areas %4d indicators in %v", s.DatasetID, s.Observations, s.Areas, s.Indicators, s.Duration)
	}
	s, err := store.Open(context.Background(), fullDB)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fullDB != "" {
		os.RemoveAll(filepath.Dir(fullDB))
	}
	os.Exit(code)
}

// value returns the served (newest-release) value for one figure.
func value(t *testing.T, s localup.Store, indicator, area, period, breakdown string) localup.Observation {
	t.Helper()
	ctx := context.Background()
	ds, err := s.Datasets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := localup.NewResolver(ds)
	err = s.Observations(ctx, localup.ObservationFilter{IndicatorID: indicator, AreaCode: area}, func(o localup.Observation) error {
		r.Add(o)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := localup.MustPeriod(period)
	for _, o := range r.Observations() {
		if o.Breakdown == breakdown && o.Period.Year() == want.Year() && (o.Period == want || o.SeriesKey() == (localup.Observation{IndicatorID: indicator, AreaCode: area, Period: want, Breakdown: breakdown}).SeriesKey()) {
			return o
		}
	}
	t.Fatalf("no %s for %s in %s (%q)", indicator, area, period, breakdown)
	return localup.Observation{}
}

func TestImportRealData(t *testing.T) {
	s := imported(t)
	ctx := context.Background()

	// Published values, each traced to its file.
	tests := []struct {
		name                             string
		indicator, area, period, breakdn string
		value, lower, upper              float64
		dataset                          string
	}{
		// els_current/gross-median-weekly-pay.csv: the 2025 release revises
		// Hartlepool's 2023 pay from 521.2 (els_2024) to 527.7.
		{"newest release wins", "gross-median-weekly-pay", "E06000001", "2023", "", 527.7, 455.29956000000004, 600.10044, "els_current-gross-median-weekly-pay"},
		// els_2024/combined-data.csv has 403.1 [339.103844, 467.096156] for
		// Hartlepool in 2013; the current release republishes it by its
		// reference date (2013-04-17) and wins.
		{"same figure republished", "gross-median-weekly-pay", "E06000001", "2013", "", 403.1, 339.10384400000004, 467.096156, "els_current-gross-median-weekly-pay"},
		// els_current/claimant-count.csv.
		{"claimant count", "claimant-count", "E06000001", "2025", "", 4.4, math.NaN(), math.NaN(), "els_current-claimant-count"},
		// els_current/healthy-life-expectancy.csv replaces the IDS 2018-20 figure (58.75).
		{"HLE revised", "female-healthy-life-expectancy", "E06000001", "2018-20", "", 57.4, 54.5, 60.4, "els_current-healthy-life-expectancy"},
		// The UK in 2002 is in the December 2023 IDS file and in the newer
		// February 2024 ELS release, which wins.
		{"ELS 2024 over IDS 2023", "gross-median-weekly-pay", "K02000001", "2002", "", 324.8, 323.526784, 326.073216, "els_2024"},
		// lu_missions_ids/m11_homicide-offences_5_2023.csv: England and Wales, 2019-22, no interval ("na").
		{"IDS only", "homicide-offences", "K04000001", "201922", "", 10.839712197423326, math.NaN(), math.NaN(), "ids-homicide-offences-2023-05"},
		// lu_missions_ids/m06_fe-skills-learner-achievements-19plus_5_2023.csv
		// writes the academic year 2021/22 as "202122"; read as starting in
		// August it is the same period as ELS 2024's, whose newer release wins.
		{"IDS academic year joins ELS series", "aged-19-years-and-over-further-education-and-skills-learner-achievements", "E06000001", "2021-08-01/P1Y", "", 3000, math.NaN(), math.NaN(), "els_2024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := value(t, s, tt.indicator, tt.area, tt.period, tt.breakdn)
			if o.Value != tt.value || !same(o.Lower, tt.lower) || !same(o.Upper, tt.upper) || o.DatasetID != tt.dataset {
				t.Errorf("got %g [%g, %g] from %s, want %g [%g, %g] from %s", o.Value, o.Lower, o.Upper, o.DatasetID,
					tt.value, tt.lower, tt.upper, tt.dataset)
			}
		})
	}

	// Areas and lineage.
	a, err := s.Area(ctx, "E06000063")
	if err != nil || a.Name != "Cumberland" || a.Type != localup.AreaLAD || a.ParentCode != "E12000002" || a.ValidFrom != 2023 {
		t.Errorf("Cumberland = %+v, %v", a, err)
	}
	a, err = s.Area(ctx, "E07000026")
	if err != nil || a.Name != "Allerdale" || a.ValidTo != 2022 {
		t.Errorf("Allerdale = %+v, %v", a, err)
	}
	lads, err := s.Areas(ctx, localup.AreaFilter{Type: localup.AreaLAD, Current: true})
	if err != nil || len(lads) != 361 {
		t.Errorf("current LADs = %d, %v; want 361 (LAD25)", len(lads), err)
	}
	changes, err := s.CodeChanges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]localup.CodeChange{}
	for _, c := range changes {
		found[c.OldCode+">"+c.NewCode] = c
	}
	if c := found["E07000026>E06000063"]; c.Type != localup.ChangeMerger || c.Year != 2023 {
		t.Errorf("Allerdale → Cumberland = %+v", c)
	}
	if c := found["E08000016>E08000038"]; c.Type != localup.ChangeNewCode || c.Year != 2025 {
		t.Errorf("Barnsley recode = %+v", c)
	}
	if c := found["S12000046>S12000049"]; c.Type != localup.ChangeNewCode {
		t.Errorf("Glasgow recode should be corrected to new_code, got %+v", c)
	}

	// Indicator metadata and missions.
	ind, err := s.Indicator(ctx, "female-healthy-life-expectancy")
	if err != nil || ind.Mission != 7 || ind.Polarity != localup.HigherIsBetter || ind.Licence == "" || ind.Source == "" {
		t.Errorf("HLE indicator = %+v, %v", ind, err)
	}
	ind, err = s.Indicator(ctx, "ni-employment-rate-Economic Inactivity Rate")
	if err != nil || ind.Polarity != localup.LowerIsBetter || !strings.Contains(ind.Caveats, "Published with polarity 1") {
		t.Errorf("NI inactivity polarity fix = %+v, %v", ind, err)
	}

	// Funding: the Levelling Up Fund round totals as published.
	for round, want := range map[string]int64{"1": 1_693_000_000, "2": 2_088_000_000} {
		gs, err := s.Grants(ctx, localup.GrantFilter{Fund: "Levelling Up Fund"})
		if err != nil {
			t.Fatal(err)
		}
		var sum int64
		for _, g := range gs {
			if g.Round == round {
				sum += g.Amount
			}
		}
		if math.Abs(float64(sum-want)) > 5e6 {
			t.Errorf("LUF round %s total = £%d, want about £%d", round, sum, want)
		}
	}
	// Clusters: Hartlepool is in global cluster B.
	groups, err := s.AreaGroups(ctx, "ons-global")
	if err != nil {
		t.Fatal(err)
	}
	inGlobal := false
	for _, g := range groups {
		if g.AreaCode == "E06000001" {
			inGlobal = true
			if g.Group != "B" {
				t.Errorf("Hartlepool global cluster = %s, want B", g.Group)
			}
		}
	}
	if !inGlobal {
		t.Error("Hartlepool has no global cluster")
	}
	// Age bands are summed from single years of age: Hartlepool's girls
	// aged 0 to 15 in mid-2022 add up to 8,620 in
	// population/mye_2011_2022_single_year_age_sex_lad2023.csv.
	if got := value(t, s, "population-count", "E06000001", "2022", "age=0-15;sex=female").Value; got != 8620 {
		t.Errorf("Hartlepool girls 0-15 mid-2022 = %g, want 8620", got)
	}
	// Census 2021 usual residents in Hartlepool (TS007 total).
	if got := value(t, s, "census-2021-usual-residents", "E06000001", "2021-03-21", "").Value; got != 92334 {
		t.Errorf("Hartlepool census 2021 = %g, want 92334", got)
	}

	// other/: Adur's political control, and the 360Giving total for
	// Hartlepool as published (7,337,381.97).
	pc, err := s.AreaGroups(ctx, "political-control-2019")
	if err != nil {
		t.Fatal(err)
	}
	control := map[string]string{}
	for _, g := range pc {
		control[g.AreaCode] = g.Group
	}
	if control["E07000223"] != "Con" || control["E07000026"] != "NOC" {
		t.Errorf("political control: Adur %q, Allerdale %q", control["E07000223"], control["E07000026"])
	}
	if got := value(t, s, "360giving-grants-awarded", "E06000001", "2019", "").Value; math.Abs(got-7337381.97) > 0.01 {
		t.Errorf("360Giving Hartlepool = %g", got)
	}
	// boundaries/: provenance of all three files, every feature's code known.
	if d, err := s.Dataset(ctx, "boundaries"); err != nil || len(d.Files) != 3 {
		t.Errorf("boundaries dataset = %+v, %v", d, err)
	}

	// Every dataset records provenance.
	ds, err := s.Datasets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) < 20 {
		t.Errorf("datasets = %d, want every known dataset", len(ds))
	}
	for _, d := range ds {
		if len(d.Files) == 0 || d.Version == "" || d.Licence == "" || d.ImportedAt.IsZero() {
			t.Errorf("dataset %s lacks provenance: %+v", d.ID, d)
		}
		for _, f := range d.Files {
			if len(f.SHA256) != 64 || f.Bytes <= 0 {
				t.Errorf("dataset %s file %s: sha %q bytes %d", d.ID, f.Path, f.SHA256, f.Bytes)
			}
		}
	}
}

func same(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }

func TestReimportIsNoop(t *testing.T) {
	s := imported(t)
	ctx := context.Background()
	before, err := s.CountObservations(ctx, localup.ObservationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	sums, err := importer.New(s, dataDir(t)).ImportAll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, sum := range sums {
		if sum.Changed {
			t.Errorf("re-import changed %s", sum.DatasetID)
		}
	}
	after, _ := s.CountObservations(ctx, localup.ObservationFilter{})
	if after != before {
		t.Errorf("observations %d → %d after a no-op re-import", before, after)
	}
	if len(fullSums) != len(sums) {
		t.Errorf("first import reported %d datasets, second %d", len(fullSums), len(sums))
	}
}

// overlay returns a data directory that links every real file except those
// the case replaces.
func overlay(t *testing.T, caseDir string) string {
	t.Helper()
	real, err := filepath.Abs(dataDir(t))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	err = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(real, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(tmp, rel), 0o755)
		}
		return os.Symlink(p, filepath.Join(tmp, rel))
	})
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(caseDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(caseDir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(tmp, rel)
		os.Remove(dst)
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return tmp
}

func TestMalformedInputLeavesStoreUnchanged(t *testing.T) {
	s := imported(t)
	ctx := context.Background()
	tests := []struct {
		dir  string
		want string // file:line: field "x": message
	}{
		{"wrong_header", `funding/levelling_up_fund_round1_successful_bids.csv:1: field "Bid Value": missing column`},
		{"non_numeric", `els_current/claimant-count.csv:3: field "observation": not a number: "four"`},
		{"unknown_area", `clusters/els_cluster-allocation.csv:3: field "AREACD": unknown area code "E06999999"`},
		{"duplicate_key", `els_current/claimant-count.csv:4: duplicate row: claimant-count for E06000001 in 2025 already given on line 2`},
		{"lower_above_upper", `els_current/gross-median-weekly-pay.csv:2: field "lower confidence limit": lower limit 600.1 is above upper limit 455.3`},
		{"truncated", `funding/towns_fund_grant_awarded_by_project.csv:4: field "column 1": expected 4 fields`},
		{"invalid_utf8", `funding/towns_fund_grant_awarded_by_project.csv:3: field "Index Code": not valid UTF-8`},
		{"bad_period", `els_current/claimant-count.csv:2: field "period": unrecognised period "sometime in 2025"`},
		{"bad_boundary", `boundaries/rgn_2023_uk.geojson: field "features[0].properties.areanm": missing`},
	}
	counts := func() [3]int {
		n, err := s.CountObservations(ctx, localup.ObservationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		g, err := s.Grants(ctx, localup.GrantFilter{})
		if err != nil {
			t.Fatal(err)
		}
		gr, err := s.AreaGroups(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		return [3]int{n, len(g), len(gr)}
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			before := counts()
			dsBefore, err := s.Datasets(ctx)
			if err != nil {
				t.Fatal(err)
			}
			_, err = importer.New(s, overlay(t, filepath.Join("testdata", "malformed", tt.dir))).ImportAll(ctx)
			if err == nil {
				t.Fatal("import succeeded, want an error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v\nwant it to contain %s", err, tt.want)
			}
			if localup.ErrorCode(err) != localup.EINVALID {
				t.Errorf("error code = %s, want invalid", localup.ErrorCode(err))
			}
			if after := counts(); after != before {
				t.Errorf("counts changed from %v to %v", before, after)
			}
			dsAfter, err := s.Datasets(ctx)
			if err != nil || len(dsAfter) != len(dsBefore) {
				t.Fatalf("datasets after: %d, %v (before: %d)", len(dsAfter), err, len(dsBefore))
			}
			for i := range dsBefore {
				if dsBefore[i].Version != dsAfter[i].Version {
					t.Errorf("dataset %s version changed", dsBefore[i].ID)
				}
			}
		})
	}
}

func TestImportTidy(t *testing.T) {
	s := imported(t)
	ctx := context.Background()
	im := importer.New(s, dataDir(t))
	sum, err := im.ImportTidy(ctx, "hartlepool-local", "testdata/tidy/data.csv", "testdata/tidy/metadata.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Changed || sum.Observations != 9 || sum.Indicators != 1 {
		t.Errorf("summary = %+v", sum)
	}
	got := map[string]string{}
	err = s.Observations(ctx, localup.ObservationFilter{IndicatorID: "local-parks"}, func(o localup.Observation) error {
		if o.HasValue() {
			got[o.AreaCode] = "value"
		} else {
			got[o.AreaCode] = o.Missing
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"E06000001": "value", "E06000002": "NA", "E06000003": "x", "E06000004": "..",
		"E06000005": ":", "E06000006": "[c]", "E06000007": "[x]", "E06000008": "[z]", "E06000009": "na"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
	o := value(t, s, "local-parks", "E06000001", "2025", "")
	if o.Value != 61.5 || o.Lower != 58 || o.Upper != 65 || o.Numerator != 615 || o.Denominator != 1000 {
		t.Errorf("tidy row = %+v", o)
	}
	// The same files again: nothing to do.
	sum, err = im.ImportTidy(ctx, "hartlepool-local", "testdata/tidy/data.csv", "testdata/tidy/metadata.csv")
	if err != nil || sum.Changed {
		t.Errorf("re-import: %+v, %v", sum, err)
	}
}

func TestMissingDataDirectory(t *testing.T) {
	s, err := store.Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = importer.New(s, "/nonexistent/data").ImportAll(context.Background())
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/data not found") || !strings.Contains(err.Error(), "LOCALUP_DATA") {
		t.Errorf("error = %v", err)
	}
	empty := t.TempDir()
	_, err = importer.New(s, empty).ImportAll(context.Background())
	if err == nil || !strings.Contains(err.Error(), "lookups/els_geo_hierarchy.json is missing") {
		t.Errorf("error = %v", err)
	}
}

// TestNewLookupsRenameAreas re-imports a new version of the lookups in
// which Hartlepool has another name, into a copy of the fully imported
// store: the stored area must take the new name, as the official lookups
// are authoritative for names and codes.
func TestNewLookupsRenameAreas(t *testing.T) {
	imported(t).Close()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "copy.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(fullDB + suffix)
		if err != nil && suffix == "" {
			t.Fatal(err)
		}
		if err == nil {
			if err := os.WriteFile(db+suffix, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// The newest names list, ons_names_codes_ltla25.csv, names it.
	raw, err := os.ReadFile(filepath.Join(dataDir(t), "lookups", "ons_names_codes_ltla25.csv"))
	if err != nil {
		t.Fatal(err)
	}
	renamed := strings.Replace(string(raw), "E06000001,Hartlepool\n", "E06000001,Hartlepool Borough\n", 1)
	if renamed == string(raw) {
		t.Fatal("Hartlepool not found in ons_names_codes_ltla25.csv")
	}
	caseDir := t.TempDir()
	os.MkdirAll(filepath.Join(caseDir, "lookups"), 0o755)
	if err := os.WriteFile(filepath.Join(caseDir, "lookups", "ons_names_codes_ltla25.csv"), []byte(renamed), 0o644); err != nil {
		t.Fatal(err)
	}
	sums, err := importer.New(s, overlay(t, caseDir)).ImportAll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, sum := range sums {
		if sum.Changed != (sum.DatasetID == "lookups") {
			t.Errorf("%s changed = %v", sum.DatasetID, sum.Changed)
		}
	}
	a, err := s.Area(ctx, "E06000001")
	if err != nil || a.Name != "Hartlepool Borough" {
		t.Errorf("Hartlepool after the new lookups: %q, %v", a.Name, err)
	}
}
