package allocation

import (
	"context"
	"errors"
	"math"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/formula"
)

func TestLRU(t *testing.T) {
	c := newLRU[int](2)
	c.put("a", 1)
	c.put("b", 2)
	if v, ok := c.get("a"); !ok || v != 1 {
		t.Fatalf("get a = %v, %v", v, ok)
	}
	c.put("c", 3) // evicts b, the least recently used
	if _, ok := c.get("b"); ok {
		t.Error("b survived eviction")
	}
	if v, _ := c.get("c"); v != 3 || c.len() != 2 {
		t.Errorf("c = %v, len %d", v, c.len())
	}
	c.put("a", 10)
	if v, _ := c.get("a"); v != 10 {
		t.Errorf("a = %v after update", v)
	}
}

func TestWeightedMean(t *testing.T) {
	if got := weightedMean([]float64{10, 20}, []float64{1, 3}); got != 17.5 {
		t.Errorf("weighted = %v", got)
	}
	if got := weightedMean([]float64{10, 20}, []float64{1, math.NaN()}); got != 15 {
		t.Errorf("with a missing weight = %v, want the plain mean", got)
	}
}

func TestLineage(t *testing.T) {
	l := newLineage([]localup.CodeChange{
		{OldCode: "E08000016", NewCode: "E08000038", Type: localup.ChangeNewCode, Year: 2025},
		{OldCode: "E07000026", NewCode: "E06000063", Type: localup.ChangeMerger, Year: 2023},
		{OldCode: "E07000028", NewCode: "E06000063", Type: localup.ChangeMerger, Year: 2023},
		{OldCode: "E10000006", NewCode: "E06000063", Type: localup.ChangeMerger, Year: 2023}, // a county: not a predecessor district
		{OldCode: "E06000014", NewCode: "E47000012", Type: localup.ChangeNewGeo, Year: 2024}, // joins a combined authority
		{OldCode: "E06000057", NewCode: "E06000057", Type: localup.ChangeRename, Year: 2009},
	})
	want := map[string][]string{"E08000038": {"E08000016"}, "E06000063": {"E07000026", "E07000028"}}
	if diff := cmp.Diff(want, l.preds); diff != "" {
		t.Errorf("predecessors (-want +got):\n%s", diff)
	}
	next := l.successors()
	for old, cur := range map[string]string{"E08000016": "E08000038", "E07000028": "E06000063", "E06000014": "E06000014", "X": "X"} {
		if got := next(old); got != cur {
			t.Errorf("successor of %s = %s, want %s", old, got, cur)
		}
	}
}

func TestSourceQuery(t *testing.T) {
	for _, src := range []Source{
		{Example: "deprivation-index"},
		{Name: "Need & <more>", Version: 3},
		{Name: "latest"},
		{Document: "name: x\nversion: 1\n"},
	} {
		got, err := SourceFromQuery(src.Query())
		if err != nil {
			t.Fatalf("%+v: %v", src, err)
		}
		if got != src {
			t.Errorf("round trip of %+v gave %+v", src, got)
		}
	}
	for _, q := range []string{"formula=x&version=0", "formula=x&version=two", "version=2", "document=" + url.QueryEscape(string(make([]byte, MaxQueryDocument+1)))} {
		v, _ := url.ParseQuery(q)
		if _, err := SourceFromQuery(v); localup.ErrorCode(err) != localup.EINVALID {
			t.Errorf("%.40s: error %v, want EINVALID", q, err)
		}
	}
	if s, err := SourceFromQuery(url.Values{"document": {"  \n"}}); err != nil || !s.IsZero() {
		t.Errorf("blank document = %+v, %v; want no source", s, err)
	}
}

func TestResolve(t *testing.T) {
	s := New(Options{})
	ctx := context.Background()
	r, err := s.Resolve(ctx, Source{Example: "deprivation-index"})
	if err != nil || r.Formula.Name != "Deprivation index (IMD-style)" || r.Label() != "Deprivation index (IMD-style) (example)" {
		t.Fatalf("example = %+v, %v", r.Formula.Name, err)
	}
	_, err = s.Resolve(ctx, Source{Document: "name: x\nversion: 1\ngeography: lad\ncomponents:\n  - indicator: a\n    transform: zscore\n    weight: -1\npopulation:\n  basis: need_share\n"})
	if localup.ErrorCode(err) != localup.EINVALID || !strings.Contains(localup.ErrorMessage(err), "components[0].weight") {
		t.Errorf("malformed document: %v", err)
	}
	for _, src := range []Source{{}, {Example: "a", Name: "b"}} {
		if _, err := s.Resolve(ctx, src); localup.ErrorCode(err) != localup.EINVALID {
			t.Errorf("%+v: %v", src, err)
		}
	}
	if _, err := s.Resolve(ctx, Source{Example: "nope"}); localup.ErrorCode(err) != localup.ENOTFOUND {
		t.Errorf("unknown example: %v", err)
	}
	if _, err := s.Resolve(ctx, Source{Name: "saved"}); localup.ErrorCode(err) != localup.ENOTFOUND {
		t.Errorf("saved formula without a store: %v", err)
	}
}

func TestWeightSets(t *testing.T) {
	w := WeightSets{"panel": {1: 2, 7: 1}, "equal": {1: 1}}
	m, err := w.MissionWeights(context.Background(), "panel")
	if err != nil || m[1] != 2 || m[7] != 1 {
		t.Fatalf("panel = %v, %v", m, err)
	}
	m[1] = 99 // a copy: the set itself is unchanged
	if again, _ := w.MissionWeights(context.Background(), "panel"); again[1] != 2 {
		t.Error("MissionWeights returned the set itself")
	}
	_, err = w.MissionWeights(context.Background(), "nobody")
	if !errors.Is(err, formula.ErrUnknownWeightSet) || !strings.Contains(err.Error(), "equal, panel") {
		t.Errorf("unknown set: %v", err)
	}
	var _ formula.WeightSource = DefaultWeightSets
	if len(DefaultWeightSets["equal-missions"]) != 12 {
		t.Error("equal-missions does not weigh all twelve missions")
	}
}
