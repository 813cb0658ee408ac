package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// MeanResult is a sample mean with its Student t confidence interval, plus
// the summary figures PHEindicatormethods reports alongside it.
type MeanResult struct {
	Estimate
	Sum   float64 // sum of the values used
	Count int     // number of non-missing values used
	SD    float64 // sample standard deviation (divisor Count−1)
}

// MeanCI returns the mean of values with a confidence interval from
// Student's t distribution on n−1 degrees of freedom, as PHEindicatormethods'
// phe_mean does (Fingertips technical guidance, "Means"):
//
//	x̄ ± t(c + (1−c)/2; n−1) · s/√n
//
// where s is the sample standard deviation. The t interval is used rather
// than the normal one because indicator means are often based on few units.
// NaN values are treated as missing and skipped; fewer than two remaining
// values is an error wrapping ErrTooFew, and an infinite value is an error.
func MeanCI(values []float64, conf float64) (MeanResult, error) {
	c, err := checkConfidence("MeanCI", conf)
	if err != nil {
		return MeanResult{}, err
	}
	var sum float64
	n := 0
	for _, v := range values {
		if isMissing(v) {
			continue
		}
		if math.IsInf(v, 0) {
			return MeanResult{}, fmt.Errorf("stats: MeanCI: value %v: %w", v, ErrInvalid)
		}
		sum += v
		n++
	}
	if n < 2 {
		return MeanResult{}, fmt.Errorf("stats: MeanCI: %d non-missing values, need at least 2: %w", n, ErrTooFew)
	}
	mean := sum / float64(n)
	// Two-pass variance with the usual correction term: it keeps precision
	// when the values are large relative to their spread (Chan, Golub &
	// LeVeque 1983), which matters for indicators such as life expectancy.
	var ss, comp float64
	for _, v := range values {
		if isMissing(v) {
			continue
		}
		d := v - mean
		ss += d * d
		comp += d
	}
	variance := (ss - comp*comp/float64(n)) / float64(n-1)
	sd := math.Sqrt(variance)

	res := MeanResult{Sum: sum, Count: n, SD: sd}
	res.Estimate = Estimate{Value: mean, Confidence: c, Method: MethodStudentsT}
	if c == 1 {
		res.Lower, res.Upper = math.Inf(-1), math.Inf(1)
		return res, nil
	}
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(c + (1-c)/2)
	half := t * sd / math.Sqrt(float64(n))
	res.Lower = mean - half
	res.Upper = mean + half
	return res, nil
}
