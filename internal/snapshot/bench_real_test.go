package snapshot_test

import (
	"syscall"
	"testing"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/snapshot/snapshottest"
)

func cpuNs() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// realCopy loads a snapshot of the real data of its own, which the
// benchmarks may rebuild without disturbing the shared one.
func realCopy(b *testing.B) *snapshot.Snapshot {
	b.Helper()
	s, err := snapshot.Load(b.Context(), snapshottest.RealData(b))
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkRealLoad measures loading the real data (about 278,000
// resolved observations) with every derived step, profiles included.
func BenchmarkRealLoad(b *testing.B) {
	st := snapshottest.RealData(b)
	c0 := cpuNs()
	for b.Loop() {
		if _, err := snapshot.Load(b.Context(), st); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuNs()-c0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkRealDeriveProfiles measures computing the profile of every
// area of the real data but neighbourhoods: about 550 areas (415 local
// authority codes) and 40,000 rows.
func BenchmarkRealDeriveProfiles(b *testing.B) {
	s := realCopy(b)
	c0 := cpuNs()
	for b.Loop() {
		snapshot.DeriveProfiles(s)
	}
	b.ReportMetric(float64(cpuNs()-c0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkRealDeriveSimilar measures the default similar-areas models of
// the real data: for local authorities, the 50 nearest of each of about
// 345 over 30 indicators, and likewise for the other types.
func BenchmarkRealDeriveSimilar(b *testing.B) {
	s := realCopy(b)
	c0 := cpuNs()
	for b.Loop() {
		snapshot.DeriveSimilar(s)
	}
	b.ReportMetric(float64(cpuNs()-c0)/float64(b.N), "cpu-ns/op")
	if m, ok := s.SimilarModel(localup.AreaLAD); ok {
		b.ReportMetric(float64(len(m.Areas)), "LAs")
		b.ReportMetric(float64(len(m.Columns)), "indicators")
	}
}
