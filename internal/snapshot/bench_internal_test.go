package snapshot

import (
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/localup/localup"
)

// nationalSource is a synthetic national dataset shaped like the real one:
// England, 9 regions and nLAD local authorities, nInd indicators (a third
// proportions with counts, a third with published intervals, a third with
// neither) over years annual periods, from an els_ release so that all
// are in the default similar-areas set.
func nationalSource(nLAD, nInd, years int) *source {
	r := rand.New(rand.NewPCG(1, 2))
	ds := localup.Dataset{ID: "els_synthetic", Title: "Synthetic", Version: "1", Released: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	src := &source{datasets: []localup.Dataset{ds}}
	src.areas = append(src.areas, localup.Area{Code: localup.CodeEngland, Name: "England", Type: localup.AreaCountry, Country: localup.CodeEngland})
	for g := range 9 {
		src.areas = append(src.areas, localup.Area{Code: fmt.Sprintf("E1200000%d", g+1), Name: fmt.Sprintf("Region %d", g+1),
			Type: localup.AreaRegion, ParentCode: localup.CodeEngland, Country: localup.CodeEngland})
	}
	for a := range nLAD {
		src.areas = append(src.areas, localup.Area{Code: fmt.Sprintf("E06%06d", a), Name: fmt.Sprintf("Authority %d", a),
			Type: localup.AreaLAD, ParentCode: fmt.Sprintf("E1200000%d", a%9+1), Country: localup.CodeEngland})
	}
	for i := range nInd {
		ind := localup.Indicator{ID: fmt.Sprintf("ind-%02d", i), Title: fmt.Sprintf("Indicator %d", i), Topic: fmt.Sprintf("Topic %d", i%4),
			Polarity: localup.Polarity(i%3 - 1), ValueType: localup.ValueMean, DatasetID: ds.ID}
		if i%3 == 0 {
			ind.ValueType, ind.Suffix = localup.ValueProportion, "%"
		}
		src.indicators = append(src.indicators, ind)
		for _, a := range src.areas {
			level := 20 + 60*r.Float64()
			for y := range years {
				o := localup.NewObservation(ind.ID, a.Code, localup.Period{Start: time.Date(2018+y, 1, 1, 0, 0, 0, 0, time.UTC), Years: 1})
				o.DatasetID = ds.ID
				switch i % 3 {
				case 0:
					n := 1000 + float64(r.IntN(5000))
					o.Numerator, o.Denominator = float64(int(n*level/100)), n
					o.Value = o.Numerator / n * 100
				case 1:
					o.Value = level + r.NormFloat64()
					o.Lower, o.Upper = o.Value-2, o.Value+2
				default:
					o.Value = level + r.NormFloat64()
				}
				src.obs = append(src.obs, o)
			}
		}
	}
	return src
}

// baseSnapshot indexes src and derives everything before the profiles.
func baseSnapshot(src *source) *Snapshot {
	s := &Snapshot{}
	s.indexDatasets(src.datasets)
	s.indexAreas(src.areas)
	s.indexIndicators(src.indicators)
	s.indexObservations(src.obs)
	s.indexCells()
	s.indexLineage(src.changes)
	s.indexGroups(nil, nil, nil)
	return s
}

// BenchmarkDeriveProfiles measures computing every local authority's
// profile (400 × 40 indicators, 5 years): distributions, ranks, benchmarks,
// intervals and trends, once per snapshot.
func BenchmarkDeriveProfiles(b *testing.B) {
	s := baseSnapshot(nationalSource(400, 40, 5))
	s.deriveDistributions()
	s.deriveSimilar()
	c0 := cpuNs()
	for b.Loop() {
		s.deriveProfiles()
	}
	b.ReportMetric(float64(cpuNs()-c0)/float64(b.N), "cpu-ns/op")
	rows := 0
	for _, p := range s.profiles {
		rows += len(p.Rows)
	}
	b.ReportMetric(float64(rows), "rows")
}

// BenchmarkDeriveDistributions measures sorting every indicator, period
// and area type's values.
func BenchmarkDeriveDistributions(b *testing.B) {
	s := baseSnapshot(nationalSource(400, 40, 5))
	c0 := cpuNs()
	for b.Loop() {
		s.deriveDistributions()
	}
	b.ReportMetric(float64(cpuNs()-c0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkDeriveSimilar measures the default similar-areas model: every
// local authority's 50 nearest among 400 over 40 indicators.
func BenchmarkDeriveSimilar(b *testing.B) {
	s := baseSnapshot(nationalSource(400, 40, 5))
	s.deriveDistributions()
	c0 := cpuNs()
	for b.Loop() {
		s.deriveSimilar()
	}
	b.ReportMetric(float64(cpuNs()-c0)/float64(b.N), "cpu-ns/op")
	if m := s.similar[localup.AreaLAD]; m == nil || len(m.Columns) != 40 || len(m.Areas) != 400 {
		b.Fatalf("model %+v", m)
	}
}

// BenchmarkSimilarCustom measures one request with its own indicators:
// building the model for 400 authorities over 10 indicators and one exact
// scan with contributions.
func BenchmarkSimilarCustom(b *testing.B) {
	s := baseSnapshot(nationalSource(400, 40, 5))
	s.deriveDistributions()
	var ids []string
	for i := range 10 {
		ids = append(ids, fmt.Sprintf("ind-%02d", i*4))
	}
	q := SimilarQuery{K: DefaultK, Indicators: ids}
	c0 := cpuNs()
	for b.Loop() {
		res, err := s.Similar("E06000123", q)
		if err != nil || len(res.Neighbours) != DefaultK {
			b.Fatal(res, err)
		}
	}
	b.ReportMetric(float64(cpuNs()-c0)/float64(b.N), "cpu-ns/op")
}

// cpuNs reports the process's user and system CPU time in nanoseconds, so
// that benchmarks on a busy machine can report CPU time per operation
// beside wall time.
func cpuNs() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}
