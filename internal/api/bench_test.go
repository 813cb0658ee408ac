package api

import (
	"syscall"
	"testing"

	"github.com/localup/localup/internal/snapshot/snapshottest"
)

// The real-data database is removed by TestMain in allocations_test.go.

func cpuNs() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkEncodeProfile measures building and encoding Hartlepool's
// profile response (126 indicators) from the precomputed snapshot: what
// the first request for an area costs before the memo holds it.
func BenchmarkEncodeProfile(b *testing.B) {
	snap := snapshottest.RealSnapshot(b)
	p, ok := snap.Profile("E06000001")
	if !ok {
		b.Fatal("no profile")
	}
	c0 := cpuNs()
	var n int
	for b.Loop() {
		out, err := encode(newProfile(snap, p, nil))
		if err != nil {
			b.Fatal(err)
		}
		n = len(out)
	}
	b.ReportMetric(float64(cpuNs()-c0)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(n), "bytes")
}
