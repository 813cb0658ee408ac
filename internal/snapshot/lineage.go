package snapshot

import (
	"cmp"
	"slices"

	"github.com/localup/localup"
)

// Lineage is how an area's code relates to the codes before and after it.
// Only changes of the place itself count: mergers, new codes for the same
// place, and terminations. A new grouping that merely contains the area
// (a combined authority formed over it, ChangeNewGeo) is not lineage: the
// area goes on existing.
type Lineage struct {
	// Predecessors are the changes that made this code, oldest first.
	Predecessors []localup.CodeChange
	// Successors are the changes that ended this code, oldest first. A
	// termination has no NewCode.
	Successors []localup.CodeChange
	// FollowsFrom is the code this area's series continue from when the
	// area only changed code (ChangeNewCode); "" otherwise.
	FollowsFrom string
	// ContinuesAs is the code that continues this area's series when it
	// only changed code; "" otherwise.
	ContinuesAs string
}

// lineageIndex holds the code changes by old and new code.
type lineageIndex struct {
	all    []localup.CodeChange
	byOld  map[string][]localup.CodeChange
	byNew  map[string][]localup.CodeChange
	follow map[string]string // new code → old code, for a one-to-one new_code change
	ahead  map[string]string // old code → new code, the same changes reversed
}

// Lineage returns the code changes that made and ended the area's code.
func (s *Snapshot) Lineage(code string) Lineage {
	return Lineage{
		Predecessors: clip(s.lineage.byNew[code]),
		Successors:   clip(s.lineage.byOld[code]),
		FollowsFrom:  s.lineage.follow[code],
		ContinuesAs:  s.lineage.ahead[code],
	}
}

// CodeChanges lists every recorded code change, oldest first.
func (s *Snapshot) CodeChanges() []localup.CodeChange { return clip(s.lineage.all) }

func (s *Snapshot) indexLineage(changes []localup.CodeChange) {
	all := slices.Clone(changes)
	slices.SortStableFunc(all, func(a, b localup.CodeChange) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.OldCode, b.OldCode), cmp.Compare(a.NewCode, b.NewCode))
	})
	// The same change can arrive from two lookups; keep one.
	all = slices.CompactFunc(all, func(a, b localup.CodeChange) bool {
		return a.OldCode == b.OldCode && a.NewCode == b.NewCode && a.Type == b.Type && a.Year == b.Year
	})
	ix := lineageIndex{all: all, byOld: map[string][]localup.CodeChange{}, byNew: map[string][]localup.CodeChange{},
		follow: map[string]string{}, ahead: map[string]string{}}
	newCodes := map[string][]string{} // new code → old codes of its new_code changes
	for _, c := range all {
		switch c.Type {
		case localup.ChangeMerger, localup.ChangeNewCode, localup.ChangeTermination:
		default:
			continue
		}
		ix.byOld[c.OldCode] = append(ix.byOld[c.OldCode], c)
		if c.NewCode != "" {
			ix.byNew[c.NewCode] = append(ix.byNew[c.NewCode], c)
		}
		if c.Type == localup.ChangeNewCode && c.NewCode != "" && c.OldCode != c.NewCode {
			newCodes[c.NewCode] = append(newCodes[c.NewCode], c.OldCode)
		}
	}
	// A series is followed across a change only when one code simply
	// replaced another: the same place, so the figures are comparable.
	for nc, olds := range newCodes {
		if len(olds) == 1 && len(ix.byNew[nc]) == 1 {
			ix.follow[nc] = olds[0]
			ix.ahead[olds[0]] = nc
		}
	}
	s.lineage = ix
	s.followIdx = make([]int32, len(s.areas))
	for i, a := range s.areas {
		s.followIdx[i] = -1
		if old, ok := s.areaByCode[ix.follow[a.Code]]; ok {
			s.followIdx[i] = int32(old)
		}
	}
}

// memberCode returns the current code under which an observation published
// for code counts among the areas of its type: code itself while it is in
// use, or the code that replaced it in a new_code change, provided the new
// code has no figure of its own for the period. ok is false when the
// observation belongs to no current area.
func (s *Snapshot) memberCode(indicator, code string, p localup.Period) (string, bool) {
	a, ok := s.Area(code)
	if !ok {
		return "", false
	}
	if a.Current() {
		return code, true
	}
	nc, ok := s.lineage.ahead[code]
	if !ok {
		return "", false
	}
	if n, ok := s.Area(nc); !ok || !n.Current() {
		return "", false
	}
	if o, ok := s.Value(indicator, nc, p); ok && o.HasValue() {
		return "", false
	}
	return nc, true
}
