package formula

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// rankExact is the specification ranker must meet: rank[i] = 1 + the
// number of places with a higher score, or an equal score and a lower index
// (places are held in area-code order, so ties go by code), by a
// comparison sort.
func rankExact(s []float64, rank []int32, idx []int32) {
	idx = idx[:len(s)]
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int {
		if c := cmp.Compare(s[b], s[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	for pos, i := range idx {
		rank[i] = int32(pos + 1)
	}
}

func BenchmarkRank33000(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := make([]float64, 33000)
	for i := range s {
		s[i] = rng.NormFloat64()
	}
	var r ranker[int32]
	rank := make([]int32, len(s))
	for b.Loop() {
		r.rank(s, rank)
	}
}

func TestRankerMatchesExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 2, 5, 300, 33000} {
		for trial := range 9 {
			s := make([]float64, n)
			for i := range s {
				switch trial {
				case 6:
					// Scores a few units in the last place apart, closer
					// than the keys can tell, with an outlier to widen
					// the range.
					s[i] = 1 + float64(rng.IntN(6))*0x1p-52
					if i == n/2 {
						s[i] = -5
					}
				case 7:
					s[i] = 1e6 + float64(rng.IntN(4))*0x1p-30 - float64(i%2)*0x1p-31
				case 8:
					// A range too wide for float64: hi − lo overflows.
					s[i] = float64(rng.IntN(5)-2) * 0.6e308
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
			var r ranker[int32]
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
	var sp spreader[uint32]
	var si spreader[uint16]
	for trial := range 200 {
		n := 1 + rng.IntN(1500)
		v := make([]uint32, n)
		r := make([]uint16, n)
		for i := range v {
			var f float32
			switch trial % 5 {
			case 0:
				f = float32(rng.NormFloat64())
			case 1:
				f = float32(rng.IntN(3))
			case 2:
				f = float32(rng.ExpFloat64() * rng.ExpFloat64())
			case 3:
				f = float32(1e6 + rng.NormFloat64()) // a narrow range of keys
			default:
				f = 5
			}
			v[i] = floatKey(f)
			r[i] = uint16(rng.IntN(1 + trial*trial))
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

// TestFloatKey checks that floatKey orders floats as < does and that
// fromFloatKey inverts it.
func TestFloatKey(t *testing.T) {
	fs := []float32{float32(math.Inf(-1)), -math.MaxFloat32, -1e6, -1, -math.SmallestNonzeroFloat32,
		float32(math.Copysign(0, -1)), 0, math.SmallestNonzeroFloat32, 1, 1.0000001, 3e4, 1e9, math.MaxFloat32, float32(math.Inf(1))}
	for i, f := range fs {
		k := floatKey(f)
		if back := fromFloatKey(k); math.Float32bits(back) != math.Float32bits(f) {
			t.Errorf("fromFloatKey(floatKey(%v)) = %v", f, back)
		}
		if i > 0 && floatKey(fs[i-1]) >= k {
			t.Errorf("floatKey(%v) = %#x is not below floatKey(%v) = %#x", fs[i-1], floatKey(fs[i-1]), f, k)
		}
	}
}

func BenchmarkSpread1000(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	v := make([]uint32, 1000)
	for i := range v {
		v[i] = floatKey(float32(3e4 + 1e3*rng.NormFloat64()))
	}
	var sp spreader[uint32]
	for b.Loop() {
		sp.spread(v, 49, 949)
	}
}
