package snapshot

import (
	"strings"

	"github.com/localup/localup"
)

// Area returns the area with the given code, in any case and with any
// surrounding space.
func (s *Snapshot) Area(code string) (localup.Area, bool) {
	i, ok := s.areaByCode[code]
	if !ok {
		// GSS codes are upper case; people and URLs are not always.
		if i, ok = s.areaByCode[strings.ToUpper(strings.TrimSpace(code))]; !ok {
			return localup.Area{}, false
		}
	}
	return s.areas[i], true
}

// Areas lists the areas of one type, sorted by name.
func (s *Snapshot) Areas(t localup.AreaType) []localup.Area { return clip(s.areasByTyp[t]) }

// AllAreas lists every area, by type in localup.AreaTypes order, then name.
func (s *Snapshot) AllAreas() []localup.Area { return clip(s.areas) }

// Children lists the areas whose parent is code, by type, then name.
func (s *Snapshot) Children(code string) []localup.Area { return clip(s.children[code]) }

// AreaTypes lists the area types that have at least one area, in
// localup.AreaTypes order.
func (s *Snapshot) AreaTypes() []localup.AreaType {
	var out []localup.AreaType
	for _, t := range localup.AreaTypes {
		if len(s.areasByTyp[t]) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// Parent returns the area's parent, if the snapshot has it.
func (s *Snapshot) Parent(a localup.Area) (localup.Area, bool) {
	if a.ParentCode == "" {
		return localup.Area{}, false
	}
	return s.Area(a.ParentCode)
}
