package web

import (
	"os"
	"testing"

	"github.com/localup/localup/internal/snapshot/snapshottest"
)

// TestMain removes the real-data database that some tests and benchmarks
// import once per test binary (snapshottest.RealData).
func TestMain(m *testing.M) {
	code := m.Run()
	snapshottest.RemoveRealData()
	os.Exit(code)
}
