package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/store"
	"github.com/localup/localup/internal/store/storetest"
)

func openSQLite(t testing.TB, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestSQLiteMemory(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) localup.Store { return openSQLite(t, ":memory:") })
}

func TestSQLiteFile(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) localup.Store {
		return openSQLite(t, filepath.Join(t.TempDir(), "localup.db"))
	})
}

func TestSQLiteMigrate(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "localup.db")
	db := openSQLite(t, path)
	v, err := db.SchemaVersion(ctx)
	if err != nil || v != db.LatestSchemaVersion() || v < 1 {
		t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, db.LatestSchemaVersion())
	}
	db.Close()

	// Reopening applies nothing twice.
	db = openSQLite(t, path)
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if v2, err := db.SchemaVersion(ctx); err != nil || v2 != v {
		t.Fatalf("SchemaVersion after reopening = %d, %v; want %d", v2, err, v)
	}
}

// TestSQLiteMemoryPrivate checks that two in-memory stores do not share a
// database.
func TestSQLiteMemoryPrivate(t *testing.T) {
	ctx := context.Background()
	a, b := openSQLite(t, ":memory:"), openSQLite(t, ":memory:")
	defer a.Close()
	defer b.Close()
	if _, err := a.Import(ctx, &localup.Batch{Dataset: localup.Dataset{ID: "x", Version: "1"}}); err != nil {
		t.Fatal(err)
	}
	if ds, err := b.Datasets(ctx); err != nil || len(ds) != 0 {
		t.Fatalf("second in-memory store sees %v, %v", ds, err)
	}
}
