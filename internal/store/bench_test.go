package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/store"
)

// benchBatches returns the areas and indicators an ELS-sized release
// needs, and the release itself: 46 indicators × 500 areas × 5 periods =
// 115,000 observations, about the size of the ONS Explore Local Statistics
// combined file, a fifth of them without confidence limits. Like that file
// they come by indicator, then period, then area in no particular order,
// which is not the order of the store's index.
func benchBatches() (lookups, release *localup.Batch) {
	released := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	lookups = &localup.Batch{Dataset: localup.Dataset{ID: "lookups", Released: released, Version: "1"}, AreasAuthoritative: true}
	release = &localup.Batch{Dataset: localup.Dataset{ID: "els", Released: released, Version: "1"}}
	for a := range 500 {
		lookups.Areas = append(lookups.Areas, localup.Area{Code: fmt.Sprintf("E06%06d", a), Name: fmt.Sprintf("Area %d", a), Type: localup.AreaLAD})
	}
	areas := slices.Clone(lookups.Areas)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(areas), func(i, j int) { areas[i], areas[j] = areas[j], areas[i] })
	periods := []string{"2019", "2020", "2021", "2022", "2023"}
	for i := range 46 {
		id := fmt.Sprintf("indicator-%02d", i)
		release.Indicators = append(release.Indicators, localup.Indicator{ID: id, Title: id})
		for k, p := range periods {
			for _, a := range areas {
				o := localup.NewObservation(id, a.Code, localup.MustPeriod(p))
				o.Value = float64(i*1000+k) + 0.25
				if (i+k)%5 != 0 {
					o.Lower, o.Upper = o.Value-1.5, o.Value+1.5
				}
				release.Observations = append(release.Observations, o)
			}
		}
	}
	return lookups, release
}

func BenchmarkImportObservations(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) {
		benchImport(b, func(b *testing.B) *store.DB {
			return openSQLite(b, filepath.Join(b.TempDir(), "bench.db"))
		})
	})
	b.Run("postgres", func(b *testing.B) {
		dsn := postgresDSN(b)
		benchImport(b, func(b *testing.B) *store.DB { return openPostgres(b, dsn) })
	})
}

// benchImport times importing a release into a fresh database ("new") and
// importing a new version over the last one ("replace").
func benchImport(b *testing.B, open func(*testing.B) *store.DB) {
	ctx := context.Background()
	lookups, release := benchBatches()
	n := float64(len(release.Observations))
	b.Run("new", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			db := open(b)
			if _, err := db.Import(ctx, lookups); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := db.Import(ctx, release); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			db.Close()
			b.StartTimer()
		}
		b.ReportMetric(n*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	})
	b.Run("replace", func(b *testing.B) {
		db := open(b)
		defer db.Close()
		if _, err := db.Import(ctx, lookups); err != nil {
			b.Fatal(err)
		}
		v := 0
		for b.Loop() {
			v++
			release.Dataset.Version = fmt.Sprint(v)
			if _, err := db.Import(ctx, release); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(n*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	})
}

// scanBatches returns lookups and a release of 300,000 observations (60
// indicators × 1,000 areas × 5 periods), about what the snapshot reads
// from a store holding every dataset.
func scanBatches() (lookups, release *localup.Batch) {
	released := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	lookups = &localup.Batch{Dataset: localup.Dataset{ID: "lookups", Released: released, Version: "1"}, AreasAuthoritative: true}
	release = &localup.Batch{Dataset: localup.Dataset{ID: "els", Released: released, Version: "1"}}
	for a := range 1000 {
		lookups.Areas = append(lookups.Areas, localup.Area{Code: fmt.Sprintf("E06%06d", a), Name: fmt.Sprintf("Area %d", a), Type: localup.AreaLAD})
	}
	periods := []string{"2019", "2020", "2021", "2022", "2023"}
	for i := range 60 {
		id := fmt.Sprintf("indicator-%02d", i)
		release.Indicators = append(release.Indicators, localup.Indicator{ID: id, Title: id})
		for k, p := range periods {
			for _, a := range lookups.Areas {
				o := localup.NewObservation(id, a.Code, localup.MustPeriod(p))
				o.Value = float64(i*1000+k) + 0.25
				if (i+k)%5 != 0 {
					o.Lower, o.Upper = o.Value-1.5, o.Value+1.5
				}
				release.Observations = append(release.Observations, o)
			}
		}
	}
	return lookups, release
}

// BenchmarkObservationsScan streams 300,000 observations, as the snapshot
// does at start-up.
func BenchmarkObservationsScan(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) {
		benchScan(b, openSQLite(b, filepath.Join(b.TempDir(), "bench.db")))
	})
	b.Run("postgres", func(b *testing.B) {
		benchScan(b, openPostgres(b, postgresDSN(b)))
	})
}

func benchScan(b *testing.B, db *store.DB) {
	defer db.Close()
	ctx := context.Background()
	lookups, release := scanBatches()
	for _, batch := range []*localup.Batch{lookups, release} {
		if _, err := db.Import(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	n := 0
	for b.Loop() {
		n = 0
		err := db.Observations(ctx, localup.ObservationFilter{}, func(localup.Observation) error {
			n++
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if n != len(release.Observations) {
		b.Fatalf("scanned %d observations, want %d", n, len(release.Observations))
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
