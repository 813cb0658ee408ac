package snapshottest

import (
	"context"
	"testing"
	"time"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/store"
)

// Open returns a fresh store holding the fixture's three imports. The
// store is closed when the test ends.
func Open(t testing.TB) localup.Store {
	t.Helper()
	st := openEmpty(t)
	Import(t, st)
	return st
}

// Import writes the fixture's batches to st, in order.
func Import(t testing.TB, st localup.Store) {
	t.Helper()
	for _, b := range Batches() {
		if _, err := st.Import(context.Background(), b); err != nil {
			t.Fatalf("import fixture %s: %v", b.Dataset.ID, err)
		}
	}
}

// OpenEmpty returns a fresh store with nothing imported.
func OpenEmpty(t testing.TB) localup.Store {
	t.Helper()
	return openEmpty(t)
}

func openEmpty(t testing.TB) localup.Store {
	t.Helper()
	st, err := store.Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatalf("open in-memory store: %v", err)
	}
	// Import stamps datasets with the store's clock; a fixed one keeps
	// pages and responses reproducible.
	st.Now = func() time.Time { return ImportedAt }
	t.Cleanup(func() { st.Close() })
	return st
}

// ImportedAt is when the fixture's datasets were imported, as the store
// records it.
var ImportedAt = time.Date(2024, time.March, 1, 0, 0, 0, 0, time.UTC)

// Load builds a snapshot of st, failing t if it cannot.
func Load(t testing.TB, st localup.Store) *snapshot.Snapshot {
	t.Helper()
	s, err := snapshot.Load(context.Background(), st)
	if err != nil {
		t.Fatalf("load snapshot: %v", err)
	}
	return s
}
