package web

import (
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"

	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/snapshot/snapshottest"
)

// realServer serves the snapshot of the real data.
func realServer(b *testing.B) *Server {
	b.Helper()
	snap := snapshottest.RealSnapshot(b)
	s, err := New(Options{Snapshot: func() *snapshot.Snapshot { return snap }, Store: pinger{}})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// cpuNs is the process's CPU time, reported beside wall time because the
// benchmarks may share a busy machine.
func cpuNs() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// benchGet measures GET target through the whole handler stack.
func benchGet(b *testing.B, h http.Handler, target string) {
	b.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	c0 := cpuNs()
	var size int
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s = %d", target, rec.Code)
		}
		size = rec.Body.Len()
	}
	b.ReportMetric(float64(cpuNs()-c0)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(size), "bytes")
}

// BenchmarkProfileAPI measures Hartlepool's full profile (126 indicators)
// as JSON from the real data's snapshot, as served after the first
// request has encoded it into the snapshot's memo. The first request's
// cost is api's BenchmarkEncodeProfile.
func BenchmarkProfileAPI(b *testing.B) {
	benchGet(b, realServer(b), "/api/v1/areas/E06000001/profile")
}

// BenchmarkProfileAPICompare measures the profile compared with another
// area, which is computed for each request.
func BenchmarkProfileAPICompare(b *testing.B) {
	benchGet(b, realServer(b), "/api/v1/areas/E06000001/profile?compare=E06000002")
}

// BenchmarkProfilePage measures Hartlepool's profile page, with a spine
// chart per row, as served from the memo after the first request.
func BenchmarkProfilePage(b *testing.B) {
	benchGet(b, realServer(b), "/areas/E06000001")
}

// BenchmarkProfilePageRender measures rendering the same page each time
// (a query string keeps it out of the memo): the first request's cost.
func BenchmarkProfilePageRender(b *testing.B) {
	benchGet(b, realServer(b), "/areas/E06000001?group=mission")
}

// BenchmarkProfileCSV measures Hartlepool's profile as CSV, built each
// time (a comparison keeps it out of the memo).
func BenchmarkProfileCSV(b *testing.B) {
	benchGet(b, realServer(b), "/areas/E06000001.csv?compare=E92000001")
}

// BenchmarkSimilarAPI measures Hartlepool's 15 similar areas with every
// indicator's contribution, from the precomputed model.
func BenchmarkSimilarAPI(b *testing.B) {
	benchGet(b, realServer(b), "/api/v1/areas/E06000001/similar")
}

// BenchmarkSimilarCustomAPI measures a request with its own indicators,
// computed for the one area on demand.
func BenchmarkSimilarCustomAPI(b *testing.B) {
	benchGet(b, realServer(b), "/api/v1/areas/E06000001/similar?k=10&indicators=gross-median-weekly-pay,claimant-count,cigarette-smokers,gross-value-added-per-hour-worked,gross-disposable-household-income-per-head")
}
