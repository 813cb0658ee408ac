package allocation_test

import (
	"os"
	"testing"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/snapshot/snapshottest"
)

// realService returns a new Service over the real data (imported once per
// test binary by snapshottest), with the store it reads. Each Service has
// its own caches, so two of them compute independently.
func realService(t testing.TB) (*allocation.Service, localup.Store) {
	t.Helper()
	st := snapshottest.RealData(t)
	snap := snapshottest.RealSnapshot(t)
	fs, _ := st.(localup.FormulaStore)
	svc := allocation.New(allocation.Options{Snapshot: func() *snapshot.Snapshot { return snap }, Evidence: st, Formulas: fs})
	return svc, st
}

func TestMain(m *testing.M) {
	code := m.Run()
	snapshottest.RemoveRealData()
	os.Exit(code)
}
