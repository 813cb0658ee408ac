package formula

import "testing"

func benchAllocate(b *testing.B, n int) {
	f, in := synthetic(n, 1, TransformRankExponential, BasisNeedWeightedPerHead)
	f.Floor = 1000
	f.CeilingShare = 0.01
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Allocate(f, in, 1_000_000_000); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAllocate400(b *testing.B)   { benchAllocate(b, 400) }
func BenchmarkAllocate33000(b *testing.B) { benchAllocate(b, 33_000) }

func benchMC(b *testing.B, n, runs int, constrained bool) {
	f, in := synthetic(n, 1, TransformZScore, BasisNeedWeightedPerHead)
	if constrained {
		f.Floor = 10_000
		f.CeilingShare = 0.001
	}
	b.ReportAllocs()
	c0 := cpuTime()
	for b.Loop() {
		if _, err := MonteCarlo(f, in, 1_000_000_000, MCOptions{Runs: runs, Seed: 42}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
}

func BenchmarkMonteCarlo1000x33000(b *testing.B)            { benchMC(b, 33_000, 1000, false) }
func BenchmarkMonteCarlo1000x33000Constrained(b *testing.B) { benchMC(b, 33_000, 1000, true) }
