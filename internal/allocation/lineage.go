package allocation

import (
	"math"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
)

// lineage finds the areas a current area replaced, so that values
// published for the old areas can stand in for it (see the package
// documentation, "Boundary changes").
type lineage struct {
	preds map[string][]string // new code → codes it replaced, of the same area type
	kind  map[string]localup.ChangeType
}

// maxLineageDepth bounds how far back predecessors are followed; real
// chains are one step long, and the bound guards against cycles.
const maxLineageDepth = 3

func newLineage(changes []localup.CodeChange) *lineage {
	l := &lineage{preds: map[string][]string{}, kind: map[string]localup.ChangeType{}}
	for _, c := range changes {
		if c.OldCode == c.NewCode || c.NewCode == "" || (c.Type != localup.ChangeMerger && c.Type != localup.ChangeNewCode) {
			continue
		}
		// A county abolished into a new unitary is recorded as a
		// predecessor too; averaging it with its own districts would
		// count them twice.
		if localup.ClassifyCode(c.OldCode) != localup.ClassifyCode(c.NewCode) {
			continue
		}
		l.preds[c.NewCode] = append(l.preds[c.NewCode], c.OldCode)
		l.kind[c.NewCode] = c.Type
	}
	return l
}

// carried is a value and the predecessor codes it came from (none when
// the area has its own value).
type carried struct {
	value float64
	from  []string
}

// value returns the area's whole-population value of ind in period p: its
// own, or else one carried over from the areas it replaced. Counts add up;
// other values are averaged, weighted by weight(code) when every
// predecessor has a weight. ok is false when there is no value.
func (l *lineage) value(snap *snapshot.Snapshot, ind localup.Indicator, p localup.Period, code string,
	weight func(string) float64, depth int) (carried, bool) {
	if o, ok := snap.Value(ind.ID, code, p); ok && o.HasValue() {
		return carried{value: o.Value}, true
	}
	preds := l.preds[code]
	if len(preds) == 0 || depth >= maxLineageDepth {
		return carried{}, false
	}
	var vals, ws []float64
	var from []string
	for _, pc := range preds {
		c, ok := l.value(snap, ind, p, pc, weight, depth+1)
		if !ok {
			// A merger with one predecessor missing would describe only
			// part of the new area.
			return carried{}, false
		}
		vals = append(vals, c.value)
		ws = append(ws, weight(pc))
		from = append(from, pc)
	}
	if ind.ValueType == localup.ValueCount {
		sum := 0.0
		for _, v := range vals {
			sum += v
		}
		return carried{sum, from}, true
	}
	return carried{weightedMean(vals, ws), from}, true
}

// weightedMean is Σ w v / Σ w, or the plain mean when any weight is
// missing (NaN) or the weights sum to zero.
func weightedMean(vals, ws []float64) float64 {
	var sw, swv, sv float64
	usable := true
	for i, v := range vals {
		sv += v
		if math.IsNaN(ws[i]) || ws[i] < 0 {
			usable = false
		}
		sw += ws[i]
		swv += ws[i] * v
	}
	if usable && sw > 0 {
		return swv / sw
	}
	return sv / float64(len(vals))
}

// latestValue is the area's most recent whole-population value of an
// indicator, NaN if none: the weight of a predecessor area, which matters
// only roughly.
func latestValue(snap *snapshot.Snapshot, indicator, code string) float64 {
	s := snap.Series(indicator, code)
	for i := len(s) - 1; i >= 0; i-- {
		if s[i].HasValue() {
			return s[i].Value
		}
	}
	return math.NaN()
}
