package formula

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestMedianOfMatchesSort checks selection against sorting, on values with
// many ties, sorted and reversed input, and sizes either side of where
// selection hands over to sorting.
func TestMedianOfMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 400 {
		n := 1 + rng.IntN(60)
		if trial%4 == 0 {
			n = 1 + rng.IntN(5000)
		}
		a := make([]float64, n)
		for i := range a {
			switch trial % 5 {
			case 0:
				a[i] = rng.NormFloat64()
			case 1:
				a[i] = float64(rng.IntN(3))
			case 2:
				a[i] = float64(i)
			case 3:
				a[i] = float64(n - i)
			default:
				a[i] = 7
			}
		}
		s := slices.Clone(a)
		slices.Sort(s)
		want := s[n/2]
		if n%2 == 0 {
			want = (s[n/2-1] + s[n/2]) / 2
		}
		k := rng.IntN(n)
		b := slices.Clone(a)
		if got := medianOf(a); got != want {
			t.Fatalf("trial %d (n=%d): median %v, want %v", trial, n, got, want)
		}
		if got := selectKth(b, k); got != s[k] || slices.Max(b[:k+1]) != s[k] || slices.Min(b[k:]) != s[k] {
			t.Fatalf("trial %d (n=%d): selectKth(%d) = %v, want %v, with the smaller values before it", trial, n, k, got, s[k])
		}
	}
}
