package allocation

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/formula"
	"github.com/localup/localup/internal/snapshot"
)

// Evidence is what a Service reads from the store besides the snapshot:
// boundary changes, to carry values across them, and grants, for the
// comparison with competitive funding. localup.Store is one.
type Evidence interface {
	CodeChanges(ctx context.Context) ([]localup.CodeChange, error)
	Grants(ctx context.Context, f localup.GrantFilter) ([]localup.Grant, error)
}

// Options configure a Service.
type Options struct {
	// Snapshot returns the current snapshot; required.
	Snapshot func() *snapshot.Snapshot
	// Evidence supplies code changes and grants; nil means no values are
	// carried across boundary changes and comparisons show no grants.
	Evidence Evidence
	// Formulas keeps saved formulas; nil means formulas cannot be saved
	// or loaded by name.
	Formulas localup.FormulaStore
	// Weights supplies community weight sets; nil means DefaultWeightSets.
	Weights formula.WeightSource
	// CacheSize is how many bound formulas, runs and analyses of each kind
	// are kept; 0 means 64.
	CacheSize int
}

// Service runs formulas against the current data and caches the results
// by data version, formula, weights and pot. It is safe for concurrent
// use; everything it returns is shared and must not be modified.
type Service struct {
	snap     func() *snapshot.Snapshot
	evidence Evidence
	formulas localup.FormulaStore
	weights  formula.WeightSource

	data  *lru[*Data]
	runs  *lru[*Run]
	sens  *lru[*Sensitivity]
	comps *lru[*Comparison]

	evMu sync.Mutex
	ev   *evidenceData
}

// New returns a Service.
func New(o Options) *Service {
	size := cmp.Or(o.CacheSize, 64)
	s := &Service{snap: o.Snapshot, evidence: o.Evidence, formulas: o.Formulas, weights: o.Weights,
		data: newLRU[*Data](size), runs: newLRU[*Run](size), sens: newLRU[*Sensitivity](size), comps: newLRU[*Comparison](size)}
	if s.weights == nil {
		s.weights = DefaultWeightSets
	}
	return s
}

// Formulas returns the store of saved formulas, nil if there is none.
func (s *Service) Formulas() localup.FormulaStore { return s.formulas }

// evidenceData is what Evidence returned for one data version.
type evidenceData struct {
	version string
	lin     *lineage
	grants  []localup.Grant
}

// evidenceFor reads code changes and grants once per data version: both
// arrive by import, which also changes the snapshot's version.
func (s *Service) evidenceFor(ctx context.Context, snap *snapshot.Snapshot) (*evidenceData, error) {
	s.evMu.Lock()
	defer s.evMu.Unlock()
	if s.ev != nil && s.ev.version == snap.Version() {
		return s.ev, nil
	}
	ev := &evidenceData{version: snap.Version(), lin: newLineage(nil)}
	if s.evidence != nil {
		changes, err := s.evidence.CodeChanges(ctx)
		if err != nil {
			return nil, fmt.Errorf("allocation: code changes: %w", err)
		}
		ev.lin = newLineage(changes)
		if ev.grants, err = s.evidence.Grants(ctx, localup.GrantFilter{}); err != nil {
			return nil, fmt.Errorf("allocation: grants: %w", err)
		}
	}
	s.ev = ev
	return ev, nil
}

// Run is one allocation of a pot by a formula.
type Run struct {
	Data *Data
	Pot  int64
	// Weights is the community weight set used, if the formula has
	// weights_from.
	Weights *formula.WeightSet
	Result  formula.Result
	// ByRank lists positions in Result.Places (and Data.Places), most
	// need first.
	ByRank []int
	// Took is how long binding and allocating took when first computed.
	Took time.Duration

	key    string
	inputs formula.Inputs
}

// MaxPot is the largest pot accepted: £1 trillion, far above any fund
// and well inside the engine's exact range.
const MaxPot int64 = 1_000_000_000_000

// checkPot rejects pots the service will not divide.
func checkPot(pot int64) error {
	if pot < 1 || pot > MaxPot {
		return invalidf("pot: enter a whole number of pounds from 1 to %d", MaxPot)
	}
	return nil
}

// Allocate applies f to the current data and divides pot among the
// places. Errors the user can fix are EINVALID and name the field or
// constraint at fault.
func (s *Service) Allocate(ctx context.Context, f formula.Formula, pot int64) (*Run, error) {
	return s.allocateOn(ctx, s.snap(), f, pot)
}

// allocateOn is Allocate on a given snapshot, so that an analysis built
// on a run reads the same data version as the run.
func (s *Service) allocateOn(ctx context.Context, snap *snapshot.Snapshot, f formula.Formula, pot int64) (*Run, error) {
	if err := checkPot(pot); err != nil {
		return nil, err
	}
	start := time.Now()
	d, err := s.bind(ctx, snap, f)
	if err != nil {
		return nil, err
	}
	ws, err := formula.LoadWeightSet(ctx, s.weights, f)
	if err != nil {
		return nil, domainError("allocate", err)
	}
	key := hashKey(d.DataVersion, f, ws, pot)
	if r, ok := s.runs.get(key); ok {
		return r, nil
	}
	in := d.Inputs
	in.Weights = ws
	in.Baselines = d.baselines(pot)
	res, err := formula.Allocate(f, in, pot)
	if err != nil {
		return nil, domainError("allocate", err)
	}
	r := &Run{Data: d, Pot: pot, Weights: ws, Result: res, key: key, inputs: in}
	r.ByRank = make([]int, len(res.Places))
	for i := range r.ByRank {
		r.ByRank[i] = i
	}
	slices.SortFunc(r.ByRank, func(a, b int) int { return cmp.Compare(res.Places[a].NeedRank, res.Places[b].NeedRank) })
	r.Took = time.Since(start)
	s.runs.put(key, r)
	return r, nil
}

// bind returns f bound to snap, from the cache when it can.
func (s *Service) bind(ctx context.Context, snap *snapshot.Snapshot, f formula.Formula) (*Data, error) {
	key := hashKey(snap.Version(), f)
	if d, ok := s.data.get(key); ok {
		return d, nil
	}
	ev, err := s.evidenceFor(ctx, snap)
	if err != nil {
		return nil, err
	}
	d, err := bind(snap, ev.lin, f)
	if err != nil {
		return nil, err
	}
	s.data.put(key, d)
	return d, nil
}

// hashKey digests its parts' JSON into a cache key. Formula's JSON
// encoding lists fields in a fixed order, so equal formulas give equal
// keys.
func hashKey(parts ...any) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, p := range parts {
		if err := enc.Encode(p); err != nil {
			// Only NaN or Inf could fail, and Validate rejects them.
			fmt.Fprintf(h, "%#v\n", p)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Place returns the run's result for one area, and its place data.
func (r *Run) Place(code string) (formula.PlaceResult, Place, bool) {
	i, ok := r.Data.Index(code)
	if !ok {
		return formula.PlaceResult{}, Place{}, false
	}
	return r.Result.Places[i], r.Data.Places[i], true
}

// Total is the sum of the allocations, which equals the pot.
func (r *Run) Total() int64 {
	var t int64
	for _, p := range r.Result.Places {
		t += p.Allocation
	}
	return t
}
