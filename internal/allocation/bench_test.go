package allocation_test

import (
	"context"
	"testing"

	"github.com/localup/localup/internal/allocation"
)

// BenchmarkAllocate allocates a new pot each time (so the run is not
// cached) over the 361 districts; the formula's binding to the data is
// cached after the first call, as it is in the server.
func BenchmarkAllocate(b *testing.B) {
	svc, _ := realService(b)
	ex, _ := allocation.LookupExample("deprivation-index")
	ctx := context.Background()
	pot := int64(1_500_000_000)
	for b.Loop() {
		pot++
		if _, err := svc.Allocate(ctx, ex.Formula, pot); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBindAndAllocate is a first request after an import: reading
// code changes and grants from the store, binding the formula to the data
// (choosing periods, carrying values across boundary changes, dropping
// places) and allocating.
func BenchmarkBindAndAllocate(b *testing.B) {
	ex, _ := allocation.LookupExample("deprivation-index")
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		svc, _ := realService(b)
		b.StartTimer()
		if _, err := svc.Allocate(ctx, ex.Formula, 1_500_000_000); err != nil {
			b.Fatal(err)
		}
	}
}
