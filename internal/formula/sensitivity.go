package formula

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
)

// DefaultDelta is the one-at-a-time weight change: each weight ×(1±0.2).
const DefaultDelta = 0.2

// OATOptions configures OneAtATime.
type OATOptions struct {
	// Delta is the fractional change applied to each weight in turn, in
	// (0, 1); 0 means DefaultDelta.
	Delta float64
}

// OATResult is a one-at-a-time sensitivity analysis.
type OATResult struct {
	Delta      float64        `json:"delta"`
	Components []OATComponent `json:"components"`
	Places     []OATPlace     `json:"places"` // in the order of Inputs.Codes
}

// OATComponent gives a component's effective weight at base and after
// the weight was multiplied by (1−δ) (Down) and (1+δ) (Up) and all
// weights renormalised.
type OATComponent struct {
	Indicator string  `json:"indicator"`
	Key       string  `json:"key"`
	Weight    float64 `json:"weight"`
	Down      float64 `json:"down"`
	Up        float64 `json:"up"`
}

// OATPlace is one place's range over every one-at-a-time run, including
// the base run. Allocations are rounded pounds, as Allocate gives them;
// ranks are need ranks (1 = most need).
type OATPlace struct {
	Code          string `json:"code"`
	Name          string `json:"name,omitempty"`
	Allocation    int64  `json:"allocation"`
	NeedRank      int    `json:"need_rank"`
	MinAllocation int64  `json:"min_allocation"`
	MaxAllocation int64  `json:"max_allocation"`
	MinRank       int    `json:"min_rank"`
	MaxRank       int    `json:"max_rank"`
	// Components are aligned with OATResult.Components.
	Components []OATRange `json:"components"`
}

// OATRange is a place's allocation and need rank with one component's
// weight moved down and up.
type OATRange struct {
	Down     int64 `json:"down"`
	Up       int64 `json:"up"`
	DownRank int   `json:"down_rank"`
	UpRank   int   `json:"up_rank"`
}

// OneAtATime moves each component's weight by ±δ in turn (renormalising
// the weights) and reports each place's allocation and need-rank ranges.
// A component whose effective weight is zero has no effect.
func OneAtATime(f Formula, in Inputs, pot int64, opt OATOptions) (OATResult, error) {
	delta := opt.Delta
	if delta == 0 {
		delta = DefaultDelta
	}
	if !(delta > 0 && delta < 1) {
		return OATResult{}, fmt.Errorf("sensitivity: delta must be between 0 and 1, got %v", delta)
	}
	e, err := prepare(f, in, pot)
	if err != nil {
		return OATResult{}, err
	}
	ws := e.newWorkspace()
	baseAlloc, baseRank, err := e.allocationOnly(e.w, ws)
	if err != nil {
		return OATResult{}, err
	}
	baseRank = append([]int32(nil), baseRank...)
	res := OATResult{Delta: delta, Places: make([]OATPlace, e.n)}
	for k, row := range e.order {
		res.Places[row] = OATPlace{Code: e.codes[k], Name: e.names[k], Allocation: baseAlloc[k], NeedRank: int(baseRank[k]),
			MinAllocation: baseAlloc[k], MaxAllocation: baseAlloc[k], MinRank: int(baseRank[k]), MaxRank: int(baseRank[k]),
			Components: make([]OATRange, e.m)}
	}
	w := make([]float64, e.m)
	for c, comp := range e.f.Components {
		oc := OATComponent{Indicator: comp.Indicator, Key: comp.Key(), Weight: e.w[c]}
		for side, factor := range []float64{1 - delta, 1 + delta} {
			copy(w, e.w)
			w[c] *= factor
			normalise(w)
			if side == 0 {
				oc.Down = w[c]
			} else {
				oc.Up = w[c]
			}
			alloc, rank, err := e.allocationOnly(w, ws)
			if err != nil {
				return OATResult{}, fmt.Errorf("sensitivity: components[%d] weight ×%v: %w", c, factor, err)
			}
			for k, row := range e.order {
				p := &res.Places[row]
				a, r := alloc[k], int(rank[k])
				if side == 0 {
					p.Components[c].Down, p.Components[c].DownRank = a, r
				} else {
					p.Components[c].Up, p.Components[c].UpRank = a, r
				}
				p.MinAllocation, p.MaxAllocation = min(p.MinAllocation, a), max(p.MaxAllocation, a)
				p.MinRank, p.MaxRank = min(p.MinRank, r), max(p.MaxRank, r)
			}
		}
		res.Components = append(res.Components, oc)
	}
	return res, nil
}

func normalise(w []float64) {
	var s float64
	for _, v := range w {
		s += v
	}
	if s > 0 {
		for i := range w {
			w[i] /= s
		}
	}
}

// Monte Carlo defaults.
const (
	DefaultRuns           = 1000
	DefaultSigma          = 0.2
	DefaultSwingThreshold = 0.1
)

// MCOptions configures MonteCarlo.
type MCOptions struct {
	// Runs is the number of weight draws; 0 means DefaultRuns.
	Runs int
	// Seed fixes the draws: the same seed gives the same output, whatever
	// the number of workers. Zero is a valid seed.
	Seed uint64
	// Sigma is the standard deviation of the log of each weight's
	// multiplier; 0 means DefaultSigma. Use a negative value for none.
	Sigma float64
	// SwingThreshold flags places whose allocation swings by more than
	// this fraction of their base allocation; 0 means the default.
	SwingThreshold float64
	// Workers is the number of goroutines; 0 means GOMAXPROCS.
	Workers int
}

// MCResult is a Monte Carlo sensitivity analysis.
type MCResult struct {
	Runs           int     `json:"runs"`
	Seed           uint64  `json:"seed"`
	Sigma          float64 `json:"sigma"`
	SwingThreshold float64 `json:"swing_threshold"`
	// MaxIterations is the most constraint iterations any run needed.
	MaxIterations int       `json:"max_iterations"`
	Flagged       int       `json:"flagged"`
	Places        []MCPlace `json:"places"` // in the order of Inputs.Codes
}

// MCPlace is one place's distribution over the runs. Allocation and
// NeedRank are the base (unperturbed) values from Allocate. Min, Max, P5
// and P95 are unrounded pounds, held as float32 (about seven significant
// figures). Percentiles use the nearest-rank method: P5 is the
// ⌈0.05·runs⌉-th smallest value.
type MCPlace struct {
	Code       string  `json:"code"`
	Name       string  `json:"name,omitempty"`
	Allocation int64   `json:"allocation"`
	NeedRank   int     `json:"need_rank"`
	Min        float64 `json:"min"`
	Max        float64 `json:"max"`
	P5         float64 `json:"p5"`
	P95        float64 `json:"p95"`
	RankMin    int     `json:"rank_min"`
	RankMax    int     `json:"rank_max"`
	RankP5     int     `json:"rank_p5"`
	RankP95    int     `json:"rank_p95"`
	// Swing is max(P95 − Allocation, Allocation − P5) / max(Allocation, £1).
	Swing   float64 `json:"swing"`
	Flagged bool    `json:"flagged"`
}

// MonteCarlo draws Runs sets of weights around the formula's effective
// weights and reports each place's allocation and need-rank distribution.
//
// Each draw multiplies every weight by an independent lognormal factor
// exp(σZ), Z standard normal, then renormalises (so σ = 0.2 moves a weight
// by roughly ±20% at one standard deviation, and a zero weight stays
// zero). Run r draws from a PCG generator seeded (Seed, r), so runs are
// independent of which worker computes them. Transforms do not depend on
// the weights and are computed once; each run is a weighted sum, the
// basis, the constraint fixed point and a bucket-sort ranking. Runs are not
// rounded to whole pounds: rounding moves no place by £1 or more, which is
// far below the spread being measured.
func MonteCarlo(f Formula, in Inputs, pot int64, opt MCOptions) (MCResult, error) {
	if opt.Runs == 0 {
		opt.Runs = DefaultRuns
	}
	if opt.Sigma == 0 {
		opt.Sigma = DefaultSigma
	} else if opt.Sigma < 0 {
		opt.Sigma = 0
	}
	if opt.SwingThreshold == 0 {
		opt.SwingThreshold = DefaultSwingThreshold
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	switch {
	case opt.Runs < 0 || opt.Runs > 1_000_000:
		return MCResult{}, fmt.Errorf("sensitivity: runs must be between 1 and 1,000,000, got %d", opt.Runs)
	case !finite(opt.Sigma) || opt.Sigma > 5:
		return MCResult{}, fmt.Errorf("sensitivity: sigma must be between 0 and 5, got %v", opt.Sigma)
	case !finite(opt.SwingThreshold) || opt.SwingThreshold < 0:
		return MCResult{}, fmt.Errorf("sensitivity: swing threshold must be >= 0, got %v", opt.SwingThreshold)
	}
	e, err := prepare(f, in, pot)
	if err != nil {
		return MCResult{}, err
	}
	baseAlloc, baseRank, err := e.allocationOnly(e.w, e.newWorkspace())
	if err != nil {
		return MCResult{}, err
	}
	if e.n <= math.MaxUint16 {
		return monteCarlo[uint16](e, opt, baseAlloc, baseRank)
	}
	return monteCarlo[uint32](e, opt, baseAlloc, baseRank)
}

// monteCarlo runs the draws, holding ranks as R (uint16 when they fit, to
// halve the memory the ranks take).
func monteCarlo[R mcRank](e *engine, opt MCOptions, baseAlloc []int64, baseRank []int32) (MCResult, error) {
	n, runs := e.n, opt.Runs
	if int64(n)*int64(runs) > 1<<31 {
		return MCResult{}, fmt.Errorf("sensitivity: %d runs × %d places is too many to hold", runs, n)
	}
	// Workers take batches of 16 runs. A batch is computed run by run into
	// run-major buffers, then transposed into the batch's results, which
	// are place-major: vals[b][i*batch+j] is place i in run j of batch b,
	// so each place's 16 runs of a batch fill one 64-byte cache line (pounds
	// are held as floatKey, 4 bytes, so that the percentile pass can bin and
	// compare them as integers). The transpose then writes one contiguous stretch of memory
	// per batch, rather than one line per place scattered over the whole
	// result (which cost a cache and TLB miss per place per batch), and the
	// percentile pass reads each batch's block of 64 places as 4 KiB of
	// contiguous memory. Each batch's results are allocated by the worker
	// that fills them, so the zeroing and first touch of the memory (about
	// 200 MB for 1,000 runs over 33,000 places) is shared among the
	// workers rather than done up front by one. The last batch's unused
	// runs stay zero and are never read.
	const batch = mcBatch
	batches := (runs + batch - 1) / batch
	stride := batches * batch
	vals := make([][]uint32, batches) // pounds, as floatKey
	ranks := make([][]R, batches)
	workers := max(1, min(opt.Workers, batches))

	var (
		next    atomic.Int64
		mu      sync.Mutex
		runErr  error
		maxIter int
		wg      sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			ws := e.newWorkspace()
			var rk ranker[R]
			w := make([]float64, e.m)
			bv := make([]uint32, batch*n)
			br := make([]R, batch*n)
			most := 0
			defer func() {
				mu.Lock()
				maxIter = max(maxIter, most)
				mu.Unlock()
			}()
			for {
				b := int(next.Add(1) - 1)
				if b >= batches {
					return
				}
				r0, r1 := b*batch, min((b+1)*batch, runs)
				for r := r0; r < r1; r++ {
					j := r - r0
					rng := rand.New(rand.NewPCG(opt.Seed, uint64(r)))
					for c := range w {
						w[c] = e.w[c] * math.Exp(opt.Sigma*rng.NormFloat64())
					}
					normalise(w)
					// e.run, without its copy of the amounts when there
					// are no constraints.
					sums := e.scores(w, ws.s)
					e.amounts(ws.s, sums, ws.a)
					x, it, err := ws.a, 0, error(nil)
					if e.lo != nil {
						x = ws.x
						it, err = e.constrain(ws.a, ws.x, ws.bound, &ws.free)
					}
					if err != nil {
						mu.Lock()
						runErr = errors.Join(runErr, fmt.Errorf("run %d: %w", r, err))
						mu.Unlock()
						return
					}
					most = max(most, it)
					rankTo(&rk, ws.s, sums.lo, sums.hi, br[j*n:(j+1)*n])
					row := bv[j*n : (j+1)*n]
					for i, v := range x[:n] {
						row[i] = floatKey(float32(v))
					}
					// Yield after every run: a goroutine that runs for 10ms
					// without yielding is preempted by a signal, which is
					// slow on some virtual machines.
					runtime.Gosched()
				}
				// Transpose in blocks of 64 places, so that the 4 KiB of
				// results being written stay in the level-1 cache while all
				// the batch's runs are written into them.
				dv, dr := make([]uint32, n*batch), make([]R, n*batch)
				vals[b], ranks[b] = dv, dr
				for i0 := 0; i0 < n; i0 += mcBlock {
					i1 := min(i0+mcBlock, n)
					transposeBatch(dv, bv, n, i0, i1, r1-r0)
					transposeBatch(dr, br, n, i0, i1, r1-r0)
				}
			}
		})
	}
	wg.Wait()
	if runErr != nil {
		return MCResult{}, fmt.Errorf("sensitivity: %w", runErr)
	}

	res := MCResult{Runs: runs, Seed: opt.Seed, Sigma: opt.Sigma, SwingThreshold: opt.SwingThreshold,
		MaxIterations: maxIter, Places: make([]MCPlace, n)}
	pos5 := max(1, (5*runs+99)/100) - 1   // nearest rank: the ⌈0.05·runs⌉-th smallest
	pos95 := max(1, (95*runs+99)/100) - 1 // the ⌈0.95·runs⌉-th smallest
	// Places are taken in blocks of 64: each block's runs are gathered
	// from the batch-major results into place-major scratch (one 4 KiB
	// stretch per batch), then each place's runs are summarised.
	const chunk = mcBlock
	var nextChunk atomic.Int64
	chunks := (n + chunk - 1) / chunk
	for range max(1, min(opt.Workers, chunks)) {
		wg.Go(func() {
			var sv spreader[uint32]
			var sr spreader[R]
			lv := make([]uint32, chunk*stride)
			lr := make([]R, chunk*stride)
			for {
				c := int(nextChunk.Add(1) - 1)
				if c >= chunks {
					return
				}
				k0, k1 := c*chunk, min((c+1)*chunk, n)
				for b := range batches {
					src := vals[b][k0*batch : k1*batch]
					srr := ranks[b][k0*batch : k1*batch]
					for k := range k1 - k0 {
						*(*[batch]uint32)(lv[k*stride+b*batch:]) = *(*[batch]uint32)(src[k*batch:])
						*(*[batch]R)(lr[k*stride+b*batch:]) = *(*[batch]R)(srr[k*batch:])
					}
				}
				for k := k0; k < k1; k++ {
					p := MCPlace{Code: e.codes[k], Name: e.names[k], Allocation: baseAlloc[k], NeedRank: int(baseRank[k])}
					off := (k - k0) * stride
					lo, hi, q5, q95 := sv.spread(lv[off:off+runs], pos5, pos95)
					p.Min, p.Max = float64(fromFloatKey(lo)), float64(fromFloatKey(hi))
					p.P5, p.P95 = float64(fromFloatKey(q5)), float64(fromFloatKey(q95))
					rlo, rhi, r5, r95 := sr.spread(lr[off:off+runs], pos5, pos95)
					p.RankMin, p.RankMax, p.RankP5, p.RankP95 = int(rlo), int(rhi), int(r5), int(r95)
					base := float64(p.Allocation)
					p.Swing = max(p.P95-base, base-p.P5, 0) / max(base, 1)
					p.Flagged = p.Swing > opt.SwingThreshold
					res.Places[e.order[k]] = p
				}
				runtime.Gosched()
			}
		})
	}
	wg.Wait()
	for _, p := range res.Places {
		if p.Flagged {
			res.Flagged++
		}
	}
	return res, nil
}

// Monte Carlo works in batches of 16 runs and blocks of 64 places: a
// place's pounds for a batch fill one 64-byte cache line, and a block's
// for a batch 4 KiB.
const mcBatch, mcBlock = 16, 64

// transposeBatch copies places [i0, i1) of a batch's runs from src, run by
// run (run j's place i at src[j*n+i]), to dst, place by place (at
// dst[i*16+j]). A full batch of a full block of 64 places is moved sixteen
// runs at a time, one place's line of dst per step, reading fixed-size
// arrays so that only the line's bounds need checking.
func transposeBatch[T uint16 | uint32](dst, src []T, n, i0, i1, runs int) {
	const batch, block = mcBatch, mcBlock
	d := dst[i0*batch : i1*batch]
	if runs < batch || i1-i0 < block {
		for j := range runs {
			for k, v := range src[j*n+i0 : j*n+i1] {
				d[k*batch+j] = v
			}
		}
		return
	}
	var rows [batch]*[block]T
	for j := range rows {
		rows[j] = (*[block]T)(src[j*n+i0:])
	}
	r0, r1, r2, r3, r4, r5, r6, r7 := rows[0], rows[1], rows[2], rows[3], rows[4], rows[5], rows[6], rows[7]
	r8, r9, r10, r11, r12, r13, r14, r15 := rows[8], rows[9], rows[10], rows[11], rows[12], rows[13], rows[14], rows[15]
	for k := range block {
		q := (*[batch]T)(d[k*batch : k*batch+batch])
		q[0], q[1], q[2], q[3] = r0[k], r1[k], r2[k], r3[k]
		q[4], q[5], q[6], q[7] = r4[k], r5[k], r6[k], r7[k]
		q[8], q[9], q[10], q[11] = r8[k], r9[k], r10[k], r11[k]
		q[12], q[13], q[14], q[15] = r12[k], r13[k], r14[k], r15[k]
	}
}
