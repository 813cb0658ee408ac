package store_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/store"
	"github.com/localup/localup/internal/store/storetest"
)

// postgresDSN returns LOCALUP_TEST_POSTGRES, or skips the test when it is
// unset. Once it is set, failing to connect fails the test.
func postgresDSN(t testing.TB) string {
	dsn := os.Getenv("LOCALUP_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("LOCALUP_TEST_POSTGRES is not set")
	}
	return dsn
}

// openPostgres opens a store in a schema of its own, dropped when the test
// ends, so every test starts from an empty database.
func openPostgres(t testing.TB, dsn string) *store.DB {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect to LOCALUP_TEST_POSTGRES: %v", err)
	}
	b := make([]byte, 8)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close(ctx)
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		admin.Close(ctx)
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := store.Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestPostgres(t *testing.T) {
	dsn := postgresDSN(t)
	storetest.Run(t, func(t *testing.T) localup.Store { return openPostgres(t, dsn) })
}

func TestPostgresMigrate(t *testing.T) {
	ctx := context.Background()
	db := openPostgres(t, postgresDSN(t))
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	if err != nil || v != db.LatestSchemaVersion() || v < 1 {
		t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, db.LatestSchemaVersion())
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if v2, err := db.SchemaVersion(ctx); err != nil || v2 != v {
		t.Fatalf("SchemaVersion after migrating again = %d, %v; want %d", v2, err, v)
	}
	if db.Dialect() != "postgres" {
		t.Errorf("Dialect = %q", db.Dialect())
	}
}
