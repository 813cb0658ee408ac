package snapshot

import (
	"cmp"
	"slices"

	"github.com/localup/localup"
)

// Published classification schemes that the similar-areas page offers.
const (
	SchemeONSGlobal      = "ons-global"      // ONS Explore Local Statistics clusters, all indicators
	SchemeONSEconomic    = "ons-economic"    // the same, economic indicators
	SchemeONSDemographic = "ons-demographic" // the same, demographic indicators
)

// groupIndex holds published classifications and neighbour lists.
type groupIndex struct {
	byArea     map[string][]localup.AreaGroup             // area → its group in each scheme, by scheme
	members    map[[2]string][]string                     // scheme, group → area codes, sorted
	desc       map[[2]string]string                       // scheme, group → description
	neighbours map[[2]string][]localup.PublishedNeighbour // scheme, area → list by rank
}

func (s *Snapshot) indexGroups(groups []localup.AreaGroup, descs []localup.GroupDescription, nbs []localup.PublishedNeighbour) {
	ix := groupIndex{byArea: map[string][]localup.AreaGroup{}, members: map[[2]string][]string{},
		desc: map[[2]string]string{}, neighbours: map[[2]string][]localup.PublishedNeighbour{}}
	for _, g := range groups {
		ix.byArea[g.AreaCode] = append(ix.byArea[g.AreaCode], g)
		k := [2]string{g.Scheme, g.Group}
		ix.members[k] = append(ix.members[k], g.AreaCode)
	}
	for _, gs := range ix.byArea {
		slices.SortFunc(gs, func(a, b localup.AreaGroup) int { return cmp.Compare(a.Scheme, b.Scheme) })
	}
	for _, m := range ix.members {
		slices.Sort(m)
	}
	for _, d := range descs {
		ix.desc[[2]string{d.Scheme, d.Group}] = d.Description
	}
	for _, n := range nbs {
		k := [2]string{n.Scheme, n.AreaCode}
		ix.neighbours[k] = append(ix.neighbours[k], n)
	}
	for _, l := range ix.neighbours {
		slices.SortFunc(l, func(a, b localup.PublishedNeighbour) int { return cmp.Compare(a.Rank, b.Rank) })
	}
	s.groups = ix
}

// Group returns the area's group in a published classification scheme.
func (s *Snapshot) Group(scheme, area string) (localup.AreaGroup, bool) {
	for _, g := range s.groups.byArea[area] {
		if g.Scheme == scheme {
			return g, true
		}
	}
	return localup.AreaGroup{}, false
}

// Groups lists the area's group in every scheme that places it, by scheme.
func (s *Snapshot) Groups(area string) []localup.AreaGroup { return clip(s.groups.byArea[area]) }

// GroupMembers lists the codes of the areas in one group, sorted.
func (s *Snapshot) GroupMembers(scheme, group string) []string {
	return clip(s.groups.members[[2]string{scheme, group}])
}

// GroupDescription says in words what a group's members share; "" if the
// publisher described none.
func (s *Snapshot) GroupDescription(scheme, group string) string {
	return s.groups.desc[[2]string{scheme, group}]
}

// PublishedNeighbours returns a scheme's published list of the areas most
// similar to area, most similar first.
func (s *Snapshot) PublishedNeighbours(scheme, area string) []localup.PublishedNeighbour {
	return clip(s.groups.neighbours[[2]string{scheme, area}])
}
