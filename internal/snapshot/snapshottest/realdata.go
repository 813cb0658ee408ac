package snapshottest

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/datatest"
	"github.com/localup/localup/internal/importer"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/store"
)

// RealDataDir finds the real open data: LOCALUP_DATA, or shared/data in
// a folder above the working directory (the repository's sibling).
func RealDataDir(t testing.TB) string { return datatest.Dir(t) }

var real struct {
	once sync.Once
	dir  string // temporary folder holding the database
	db   string
	snap *snapshot.Snapshot
	err  error
}

// RealData returns a store holding every real dataset. The import runs
// once per test binary, into a temporary SQLite file that RemoveRealData
// deletes; each caller opens that file and it is closed when the test
// ends.
func RealData(t testing.TB) localup.Store {
	t.Helper()
	dir := RealDataDir(t)
	real.once.Do(func() {
		tmp, err := os.MkdirTemp("", "localup-realdata")
		if err != nil {
			real.err = err
			return
		}
		real.dir, real.db = tmp, filepath.Join(tmp, "real.db")
		st, err := store.Open(context.Background(), real.db)
		if err != nil {
			real.err = err
			return
		}
		defer st.Close()
		if _, real.err = importer.New(st, dir).ImportAll(context.Background()); real.err != nil {
			return
		}
		real.snap, real.err = snapshot.Load(context.Background(), st)
	})
	if real.err != nil {
		t.Fatalf("import real data: %v", real.err)
	}
	st, err := store.Open(context.Background(), real.db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// RealSnapshot returns the snapshot of the real data, loaded once per
// test binary.
func RealSnapshot(t testing.TB) *snapshot.Snapshot {
	t.Helper()
	RealData(t)
	return real.snap
}

// RemoveRealData deletes the real-data database, if one was made. Call it
// from TestMain after the tests have run.
func RemoveRealData() {
	if real.dir != "" {
		os.RemoveAll(real.dir)
	}
}
