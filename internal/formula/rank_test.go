package formula

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func BenchmarkRank33000(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := make([]float64, 33000)
	for i := range s {
		s[i] = rng.NormFloat64()
	}
	var r ranker
	rank := make([]int32, len(s))
	for b.Loop() {
		r.rank(s, rank)
	}
}

func TestRankerMatchesExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 2, 5, 300, 33000} {
		for trial := range 6 {
			s := make([]float64, n)
			for i := range s {
				switch trial {
				case 0:
					s[i] = rng.NormFloat64()
				case 1:
					s[i] = float64(rng.IntN(10))
				case 2:
					s[i] = rng.ExpFloat64() * rng.ExpFloat64() * rng.ExpFloat64()
				case 3:
					s[i] = 7
				case 4:
					s[i] = -rng.Float64() * 1e-300
				default:
					s[i] = float64(rng.IntN(3)) * 5e-324
				}
			}
			want, got := make([]int32, n), make([]int32, n)
			rankExact(s, want, make([]int32, n))
			var r ranker
			r.rank(s, got)
			for i := range want {
				if want[i] != got[i] {
					t.Fatalf("n=%d trial %d: place %d rank %d, want %d", n, trial, i, got[i], want[i])
				}
			}
		}
	}
}

func TestSpreadMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var sp spreader[float32]
	var si spreader[int32]
	for trial := range 200 {
		n := 1 + rng.IntN(1500)
		v := make([]float32, n)
		r := make([]int32, n)
		for i := range v {
			switch trial % 4 {
			case 0:
				v[i] = float32(rng.NormFloat64())
			case 1:
				v[i] = float32(rng.IntN(3))
			case 2:
				v[i] = float32(rng.ExpFloat64() * rng.ExpFloat64())
			default:
				v[i] = 5
			}
			r[i] = int32(rng.IntN(1 + trial))
		}
		p1 := rng.IntN(n)
		p2 := p1 + rng.IntN(n-p1)
		sv := slices.Clone(v)
		slices.Sort(sv)
		lo, hi, q1, q2 := sp.spread(v, p1, p2)
		if lo != sv[0] || hi != sv[n-1] || q1 != sv[p1] || q2 != sv[p2] {
			t.Fatalf("trial %d: got %v %v %v %v, want %v %v %v %v", trial, lo, hi, q1, q2, sv[0], sv[n-1], sv[p1], sv[p2])
		}
		sr := slices.Clone(r)
		slices.Sort(sr)
		a, b, c, d := si.spread(r, p1, p2)
		if a != sr[0] || b != sr[n-1] || c != sr[p1] || d != sr[p2] {
			t.Fatalf("trial %d ints: got %v %v %v %v", trial, a, b, c, d)
		}
	}
}

func BenchmarkSpread1000(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	v := make([]float32, 1000)
	for i := range v {
		v[i] = float32(rng.NormFloat64())
	}
	var sp spreader[float32]
	for b.Loop() {
		sp.spread(v, 49, 949)
	}
}
