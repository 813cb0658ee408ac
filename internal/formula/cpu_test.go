//go:build linux

package formula

import (
	"os"
	"syscall"
	"testing"
	"time"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestCPUTiming(t *testing.T) {
	if os.Getenv("FORMULA_TIMING") == "" {
		t.Skip("set FORMULA_TIMING=1")
	}
	for _, constrained := range []bool{false, true} {
		f, in := synthetic(33000, 1, TransformZScore, BasisNeedWeightedPerHead)
		if constrained {
			f.Floor = 10_000
			f.CeilingShare = 0.001
		}
		for range 3 {
			w0, c0 := time.Now(), cpuTime()
			r, err := MonteCarlo(f, in, 1_000_000_000, MCOptions{Runs: 1000, Seed: 42})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("constrained=%v wall %v cpu %v maxIter %d", constrained, time.Since(w0), cpuTime()-c0, r.MaxIterations)
		}
	}
}
