package chart

import (
	"math"

	"github.com/localup/localup/internal/numfmt"
)

// Format writes values as an indicator shows them: Prefix "£", Suffix "%",
// a fixed number of decimals, and thousands separated by commas.
type Format struct {
	Prefix   string
	Suffix   string
	Decimals int
}

// Text formats v, e.g. Format{Prefix: "£", Decimals: 0}.Text(1234.5) is
// "£1,235". NaN gives "no data".
func (f Format) Text(v float64) string { return f.text(v, f.Decimals) }

func (f Format) text(v float64, decimals int) string {
	if math.IsNaN(v) {
		return "no data"
	}
	return numfmt.Affix(v, decimals, f.Prefix, f.Suffix)
}

// interval formats a confidence interval, or "" when either limit is absent.
func (f Format) interval(lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return ""
	}
	return f.Text(lo) + " to " + f.Text(hi)
}

// scale maps data values onto a pixel range.
type scale struct{ d0, d1, r0, r1 float64 }

func (s scale) at(v float64) float64 {
	if s.d1 == s.d0 {
		return (s.r0 + s.r1) / 2
	}
	return s.r0 + (v-s.d0)/(s.d1-s.d0)*(s.r1-s.r0)
}

// ticks returns round tick values covering lo..hi, about n of them, with
// the step of 1, 2 or 5 times a power of ten nearest (hi-lo)/(n-1), and the decimals their labels
// need. The first and last ticks enclose lo and hi.
func ticks(lo, hi float64, n int) ([]float64, int) {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		lo, hi = 0, 1
	}
	if lo == hi {
		pad := math.Max(math.Abs(lo)*0.1, 1)
		lo, hi = lo-pad, hi+pad
	}
	raw := (hi - lo) / float64(max(n-1, 1))
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	var step float64
	switch f := raw / mag; {
	case f < 1.5:
		step = mag
	case f < 3:
		step = 2 * mag
	case f < 7:
		step = 5 * mag
	default:
		step = 10 * mag
	}
	decimals := max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	k0 := math.Floor(lo/step + 1e-9)
	k1 := math.Ceil(hi/step - 1e-9)
	out := make([]float64, 0, int(k1-k0)+1)
	for k := k0; k <= k1; k++ {
		p := math.Pow(10, float64(decimals))
		out = append(out, math.Round(k*step*p)/p)
	}
	return out, decimals
}

// extent returns the least and greatest of the non-NaN values, or NaNs.
func extent(vs ...[]float64) (lo, hi float64) {
	lo, hi = math.NaN(), math.NaN()
	for _, v := range vs {
		for _, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				continue
			}
			if math.IsNaN(lo) || x < lo {
				lo = x
			}
			if math.IsNaN(hi) || x > hi {
				hi = x
			}
		}
	}
	return lo, hi
}
