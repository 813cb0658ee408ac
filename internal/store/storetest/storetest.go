// Package storetest is the conformance suite for localup.Store: every
// store runs the same tests, so SQLite and PostgreSQL behave alike.
package storetest

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/store"
)

// Run runs every test against stores made by open, which must return a new,
// empty store each time it is called; Run closes them. Where the store is a
// *store.DB, its clock is set to Clock.
func Run(t *testing.T, open func(t *testing.T) localup.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s localup.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"ReimportSameVersion", testReimportSameVersion},
		{"NewVersionReplaces", testNewVersionReplaces},
		{"DuplicateObservation", testDuplicateObservation},
		{"DuplicateKeys", testDuplicateKeys},
		{"UnknownReferences", testUnknownReferences},
		{"ReferencesFromStore", testReferencesFromStore},
		{"InvalidBatch", testInvalidBatch},
		{"AreasAuthoritative", testAreasAuthoritative},
		{"IndicatorNewestReleaseWins", testIndicatorNewestReleaseWins},
		{"NotFound", testNotFound},
		{"Datasets", testDatasets},
		{"AreaFilters", testAreaFilters},
		{"IndicatorFilters", testIndicatorFilters},
		{"ObservationFilters", testObservationFilters},
		{"ObservationManyAreaCodes", testObservationManyAreaCodes},
		{"ObservationCallbackError", testObservationCallbackError},
		{"CrossSections", testCrossSections},
		{"UnusualValues", testUnusualValues},
		{"Grants", testGrants},
		{"Groups", testGroups},
		{"CodeChanges", testCodeChanges},
		{"TransactRollsBack", testTransactRollsBack},
		{"TransactPanic", testTransactPanic},
		{"Ping", testPing},
		{"Formulas", testFormulas},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			if db, ok := s.(*store.DB); ok {
				db.Now = func() time.Time { return Clock }
			}
			tt.fn(t, s)
		})
	}
}

// opts compare domain values: NaN equals NaN, nil equals empty.
var opts = gocmp.Options{cmpopts.EquateNaNs(), cmpopts.EquateEmpty()}

func diff(t *testing.T, what string, want, got any) {
	t.Helper()
	if d := gocmp.Diff(want, got, opts); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", what, d)
	}
}

func mustImport(t *testing.T, s localup.Store, b *localup.Batch) {
	t.Helper()
	changed, err := s.Import(context.Background(), b)
	if err != nil {
		t.Fatalf("Import(%s): %v", b.Dataset.ID, err)
	}
	if !changed {
		t.Fatalf("Import(%s) = false, want true", b.Dataset.ID)
	}
}

// wantCode checks that err carries code and, when they are given, that
// its user message mentions every one of words.
func wantCode(t *testing.T, err error, code string, words ...string) {
	t.Helper()
	if got := localup.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
	msg := localup.ErrorMessage(err)
	for _, w := range words {
		if !strings.Contains(msg, w) {
			t.Errorf("error message %q does not mention %q", msg, w)
		}
	}
}

// observations returns the observations matching f in key order.
func observations(t *testing.T, s localup.Store, f localup.ObservationFilter) []localup.Observation {
	t.Helper()
	var out []localup.Observation
	if err := s.Observations(context.Background(), f, func(o localup.Observation) error {
		out = append(out, o)
		return nil
	}); err != nil {
		t.Fatalf("Observations: %v", err)
	}
	sortObservations(out)
	return out
}

func sortObservations(os []localup.Observation) {
	slices.SortFunc(os, func(a, b localup.Observation) int {
		ka, kb := a.Key(), b.Key()
		return cmp.Or(cmp.Compare(ka.IndicatorID, kb.IndicatorID), cmp.Compare(ka.AreaCode, kb.AreaCode),
			cmp.Compare(ka.Period, kb.Period), cmp.Compare(ka.Breakdown, kb.Breakdown),
			cmp.Compare(a.DatasetID, b.DatasetID))
	})
}

// withDataset returns the batch's observations as the store should give
// them back: recorded under the batch's dataset, in key order.
func withDataset(b *localup.Batch) []localup.Observation {
	out := slices.Clone(b.Observations)
	for i := range out {
		out[i].DatasetID = b.Dataset.ID
	}
	sortObservations(out)
	return out
}

func count(t *testing.T, s localup.Store, f localup.ObservationFilter) int {
	t.Helper()
	n, err := s.CountObservations(context.Background(), f)
	if err != nil {
		t.Fatalf("CountObservations: %v", err)
	}
	return n
}

// snapshot is everything a store holds, for checking that a failed import
// changed nothing.
type snapshot struct {
	Datasets     []localup.Dataset
	Areas        []localup.Area
	Indicators   []localup.Indicator
	Observations []localup.Observation
	CodeChanges  []localup.CodeChange
	Grants       []localup.Grant
	Groups       []localup.AreaGroup
	Descriptions []localup.GroupDescription
	Neighbours   []localup.PublishedNeighbour
}

func take(t *testing.T, s localup.Store) snapshot {
	t.Helper()
	ctx := context.Background()
	var sn snapshot
	var errs []error
	var err error
	sn.Datasets, err = s.Datasets(ctx)
	errs = append(errs, err)
	sn.Areas, err = s.Areas(ctx, localup.AreaFilter{})
	errs = append(errs, err)
	sn.Indicators, err = s.Indicators(ctx, localup.IndicatorFilter{})
	errs = append(errs, err)
	sn.CodeChanges, err = s.CodeChanges(ctx)
	errs = append(errs, err)
	sn.Grants, err = s.Grants(ctx, localup.GrantFilter{})
	errs = append(errs, err)
	sn.Groups, err = s.AreaGroups(ctx, "")
	errs = append(errs, err)
	sn.Descriptions, err = s.GroupDescriptions(ctx, "")
	errs = append(errs, err)
	sn.Neighbours, err = s.PublishedNeighbours(ctx, "")
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	sn.Observations = observations(t, s, localup.ObservationFilter{})
	return sn
}
