package stats

import (
	"math/rand/v2"
	"testing"
)

var (
	sinkF float64
	sinkI int
)

func BenchmarkWilsonInterval(b *testing.B) {
	for b.Loop() {
		lo, hi, _ := WilsonInterval(1045, 5000, 0.95)
		sinkF += lo + hi
	}
}

func BenchmarkByarsInterval(b *testing.B) {
	for b.Loop() {
		lo, hi, _ := ByarsInterval(1045, 0.95)
		sinkF += lo + hi
	}
}

func BenchmarkPoissonCIExact(b *testing.B) {
	for b.Loop() {
		lo, hi, _, _ := PoissonCI(7, 0.95)
		sinkF += lo + hi
	}
}

func BenchmarkRecentTrendProportion(b *testing.B) {
	num := []float64{410, 420, 445, 470, 490, 515}
	den := []float64{1000, 1010, 1005, 1020, 1015, 1030}
	for b.Loop() {
		r, _ := RecentTrendProportion(num, den)
		sinkF += r.ChiSquared
	}
}

func BenchmarkRecentTrendCI(b *testing.B) {
	v := []float64{50, 52, 55, 57, 60}
	lo := []float64{48, 50, 53, 55, 58}
	hi := []float64{52, 54, 57, 59, 62}
	for b.Loop() {
		r, _ := RecentTrendCI(v, lo, hi)
		sinkF += r.ChiSquared
	}
}

func BenchmarkQuintiles33000(b *testing.B) {
	r := rand.New(rand.NewPCG(11, 12))
	v := make([]float64, 33000)
	for i := range v {
		v[i] = r.NormFloat64()
	}
	for b.Loop() {
		q, _, _ := Quintiles(v, HigherIsBetter)
		sinkI += q[0]
	}
}

func benchNeighbours(b *testing.B, n int) {
	x := randomMatrix(42, n, 40, 4, 0.02)
	before, far := exactFallbacks.Load(), farTiles.Load()
	for b.Loop() {
		nb, err := Neighbours(x, 15)
		if err != nil {
			b.Fatal(err)
		}
		sinkI += nb[0][0].Index
	}
	b.ReportMetric(float64(exactFallbacks.Load()-before)/float64(b.N), "fallbacks/op")
	b.ReportMetric(float64(farTiles.Load()-far)/float64(b.N), "skipped-tiles/op")
}

func BenchmarkNeighbours400(b *testing.B)   { benchNeighbours(b, 400) }
func BenchmarkNeighbours33000(b *testing.B) { benchNeighbours(b, 33000) }

// BenchmarkNeighbours33000ByKernel runs the same search with each kernel
// this CPU supports, the portable Go one included.
func BenchmarkNeighbours33000ByKernel(b *testing.B) {
	for _, k := range append(asmKernels(), namedKernel{"go", kernelGo}) {
		b.Run(k.name, func(b *testing.B) {
			old := kernel
			kernel = k.fn
			defer func() { kernel = old }()
			benchNeighbours(b, 33000)
		})
	}
}

// BenchmarkNeighbours33000IID uses independent standard normal indicators,
// the hardest case for any pruning (none is done here; it measures the same
// work on different data).
func BenchmarkNeighbours33000IID(b *testing.B) {
	x := randomMatrix(43, 33000, 40, 0, 0)
	far := farTiles.Load()
	for b.Loop() {
		nb, err := Neighbours(x, 15)
		if err != nil {
			b.Fatal(err)
		}
		sinkI += nb[0][0].Index
	}
	b.ReportMetric(float64(farTiles.Load()-far)/float64(b.N), "skipped-tiles/op")
}

// BenchmarkNeighboursExactScan33000 is the simple exact method on its own:
// for each area, a scan of all others with partial distances and a
// fixed-size heap, areas spread over the CPUs (the tiled search disabled).
func BenchmarkNeighboursExactScan33000(b *testing.B) {
	x := randomMatrix(42, 33000, 40, 4, 0.02)
	useTiles = false
	defer func() { useTiles = true }()
	for b.Loop() {
		nb, err := Neighbours(x, 15)
		if err != nil {
			b.Fatal(err)
		}
		sinkI += nb[0][0].Index
	}
}

// BenchmarkNeighboursNaive33000 is the baseline: a single-threaded double
// loop computing every distance by the definition, then each area's list
// fully sorted. It takes minutes.
func BenchmarkNeighboursNaive33000(b *testing.B) {
	x := randomMatrix(42, 33000, 40, 4, 0.02)
	for b.Loop() {
		nb := naiveNeighboursRun(b, x, 15, sequentialRows)
		sinkI += nb[0][0].Index
	}
}

// BenchmarkNeighboursNaiveParallel33000 is the same naive method with its
// rows spread over runtime.NumCPU() goroutines, to separate the gain from
// parallelism from the gain from the algorithm.
func BenchmarkNeighboursNaiveParallel33000(b *testing.B) {
	x := randomMatrix(42, 33000, 40, 4, 0.02)
	for b.Loop() {
		nb := naiveNeighboursRun(b, x, 15, parallelRows)
		sinkI += nb[0][0].Index
	}
}
