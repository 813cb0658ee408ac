package store

import (
	"context"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/localup/localup"
)

// TestSQLiteImportRestoresForeignKeys checks that the connection an import
// ran on, with foreign keys off, goes back to the pool with them on,
// whether the import succeeded or failed.
func TestSQLiteImportRestoresForeignKeys(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "fk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.sql.SetMaxOpenConns(1) // so every statement below runs on the import's connection
	check := func(when string) {
		t.Helper()
		var on int
		if err := db.sql.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&on); err != nil || on != 1 {
			t.Errorf("%s: foreign_keys = %d, %v; want 1", when, on, err)
		}
	}
	o := localup.NewObservation("i", "E06000001", localup.MustPeriod("2023"))
	o.Value = math.Pi
	b := &localup.Batch{
		Dataset:      localup.Dataset{ID: "d", Version: "1", Released: time.Now()},
		Areas:        []localup.Area{{Code: "E06000001", Name: "Hartlepool", Type: localup.AreaLAD}},
		Indicators:   []localup.Indicator{{ID: "i", Title: "I"}},
		Observations: []localup.Observation{o},
	}
	if _, err := db.Import(ctx, b); err != nil {
		t.Fatal(err)
	}
	check("after an import")

	b.Dataset.Version = "2"
	b.Observations = append(b.Observations, o)
	if _, err := db.Import(ctx, b); localup.ErrorCode(err) != localup.ECONFLICT {
		t.Fatalf("Import(duplicate) = %v, want conflict", err)
	}
	check("after a failed import")
}

func TestRebind(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"a = ? AND b IN (?,?)", "a = $1 AND b IN ($2,$3)"},
		{"?", "$1"},
	}
	for _, tt := range tests {
		if got := (postgresDialect{}).rebind(tt.in); got != tt.want {
			t.Errorf("rebind(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestObsRowsOrder(t *testing.T) {
	var obs []localup.Observation
	for _, k := range []struct{ ind, area, period, breakdown string }{
		{"b", "E2", "2021", ""}, {"a", "E2", "2020", "sex=male"}, {"a", "E2", "2020", ""},
		{"b", "E1", "2021", ""}, {"a", "E1", "2021-22", ""}, {"a", "E1", "2021", ""},
		{"a", "E2", "2020", "sex=female"}, {"c", "E1", "2019", ""},
	} {
		o := localup.NewObservation(k.ind, k.area, localup.MustPeriod(k.period))
		o.Breakdown = k.breakdown
		obs = append(obs, o)
	}
	r := newObsRows(obs)
	if r.order == nil {
		t.Fatal("unsorted rows were taken as sorted")
	}
	for k := 1; k < len(obs); k++ {
		if r.compare(int(r.order[k-1]), int(r.order[k])) >= 0 {
			t.Errorf("rows %d and %d out of order: %v then %v", k-1, k, r.obs[r.order[k-1]].Key(), r.obs[r.order[k]].Key())
		}
	}
	if r := newObsRows(obs[2:3]); r.order != nil {
		t.Error("one row was taken as unsorted")
	}
}
