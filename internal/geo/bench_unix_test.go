//go:build unix

package geo

import (
	"syscall"
	"testing"
	"time"
)

// BenchmarkLoadCPU reports Load's CPU time as well as its wall time, since
// the boundaries are parsed on several cores and shared machines are noisy.
func BenchmarkLoadCPU(b *testing.B) {
	dir := dataDir(b)
	var ru0, ru1 syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	for b.Loop() {
		if _, err := Load(dir); err != nil {
			b.Fatal(err)
		}
	}
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	cpu := time.Duration(ru1.Utime.Nano() - ru0.Utime.Nano() + ru1.Stime.Nano() - ru0.Stime.Nano())
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}
