// Package snapshot holds an immutable, in-memory copy of the evidence base,
// built once per data version and swapped atomically after an import, so
// that every page and API call reads from memory without locks.
//
// Everything a Snapshot returns (slices, and the values inside them) is
// shared by every reader and must not be modified.
package snapshot

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/localup/localup"
)

// Snapshot is the evidence base as of one data version. It is never
// changed after Load returns, so any number of goroutines may read it;
// its one cache, Memo, is safe for concurrent use.
type Snapshot struct {
	version  string
	loadedAt time.Time

	datasets    []localup.Dataset
	datasetByID map[string]int

	areas      []localup.Area // by type order, then name
	areaByCode map[string]int
	areasByTyp map[localup.AreaType][]localup.Area
	children   map[string][]localup.Area
	names      []string // lower-cased area names, parallel to areas

	indicators  []localup.Indicator // by topic, then title
	indicatorID map[string]int

	// obs holds every resolved observation, sorted by area, indicator,
	// breakdown and period, so that a series is a sub-slice of it.
	obs       []localup.Observation
	byArea    map[string]map[string]span       // area → indicator → all breakdowns
	byIndPer  map[string]map[periodKey][]int32 // indicator → period → obs indexes, by area code (total only)
	areaCount map[string]int                   // indicator → areas with any whole-population figure
	// cells mirrors byIndPer by area index, with values, for searching.
	cells   map[string]map[periodKey]periodCell
	periods map[string][]localup.Period // indicator → periods with a total value, oldest first
	latest  map[string][]Latest         // area → one row per indicator

	lineage   lineageIndex // code changes, by old and new code
	followIdx []int32      // area index → index of the code it continues (new_code), or -1
	groups    groupIndex   // published classifications and neighbour lists

	// Derived once per version by the profile steps of build.
	dists    map[distKey]*Distribution          // indicator × area type × period
	similar  map[localup.AreaType]*SimilarModel // default similar-areas model per type
	profiles map[string]*Profile                // area → profile (not neighbourhoods)

	memo    memo    // bytes derived from this snapshot; see Memo
	derived derived // values derived from this snapshot; see Derived
}

// span is a half-open range of Snapshot.obs.
type span struct{ lo, hi int }

// Version is the digest of the dataset IDs and versions the snapshot was
// built from; two snapshots with the same version hold the same data.
func (s *Snapshot) Version() string { return s.version }

// LoadedAt is when the snapshot was built.
func (s *Snapshot) LoadedAt() time.Time { return s.loadedAt }

// Digest returns the data version of a set of datasets: a SHA-256 over
// their IDs and versions, independent of order.
func Digest(datasets []localup.Dataset) string {
	keys := make([]string, len(datasets))
	for i, d := range datasets {
		keys[i] = d.ID + "\x00" + d.Version
	}
	slices.Sort(keys)
	h := sha256.New()
	for _, k := range keys {
		h.Write([]byte(k))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Load reads the whole store into a new snapshot. Observations from every
// release are resolved with localup.Resolver, so the newest release wins
// for each indicator, area, period and breakdown.
func Load(ctx context.Context, st localup.Store) (*Snapshot, error) {
	datasets, err := st.Datasets(ctx)
	if err != nil {
		return nil, fmt.Errorf("snapshot.Load: datasets: %w", err)
	}
	areas, err := st.Areas(ctx, localup.AreaFilter{})
	if err != nil {
		return nil, fmt.Errorf("snapshot.Load: areas: %w", err)
	}
	indicators, err := st.Indicators(ctx, localup.IndicatorFilter{})
	if err != nil {
		return nil, fmt.Errorf("snapshot.Load: indicators: %w", err)
	}
	src := &source{datasets: datasets, areas: areas, indicators: indicators}
	if src.changes, err = st.CodeChanges(ctx); err != nil {
		return nil, fmt.Errorf("snapshot.Load: code changes: %w", err)
	}
	if src.groups, err = st.AreaGroups(ctx, ""); err != nil {
		return nil, fmt.Errorf("snapshot.Load: area groups: %w", err)
	}
	if src.descriptions, err = st.GroupDescriptions(ctx, ""); err != nil {
		return nil, fmt.Errorf("snapshot.Load: group descriptions: %w", err)
	}
	if src.neighbours, err = st.PublishedNeighbours(ctx, ""); err != nil {
		return nil, fmt.Errorf("snapshot.Load: published neighbours: %w", err)
	}
	res := localup.NewResolver(datasets)
	in := make(interner)
	err = st.Observations(ctx, localup.ObservationFilter{}, func(o localup.Observation) error {
		in.observation(&o)
		res.Add(o)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("snapshot.Load: observations: %w", err)
	}
	src.obs = res.Observations()
	return build(Digest(datasets), src), nil
}

// source is everything Load reads from the store, observations resolved.
type source struct {
	datasets     []localup.Dataset
	areas        []localup.Area
	indicators   []localup.Indicator
	obs          []localup.Observation
	changes      []localup.CodeChange
	groups       []localup.AreaGroup
	descriptions []localup.GroupDescription
	neighbours   []localup.PublishedNeighbour
}

// build indexes data that has already been read and resolved. Each step
// reads what the earlier ones made; derived figures (benchmarks, ranks,
// judgements) are computed here once per version, so that serving a page
// only looks them up.
func build(version string, src *source) *Snapshot {
	s := &Snapshot{version: version, loadedAt: time.Now()}
	s.indexDatasets(src.datasets)
	s.indexAreas(src.areas)
	s.indexIndicators(src.indicators)
	s.indexObservations(src.obs)
	s.indexCells()
	s.deriveLatest()
	s.indexLineage(src.changes)
	s.indexGroups(src.groups, src.descriptions, src.neighbours)
	s.deriveDistributions()
	s.countAreas()
	s.deriveSimilar()
	s.deriveProfiles()
	return s
}

func (s *Snapshot) indexDatasets(datasets []localup.Dataset) {
	s.datasets = slices.Clone(datasets)
	slices.SortFunc(s.datasets, func(a, b localup.Dataset) int { return cmp.Compare(a.ID, b.ID) })
	s.datasetByID = make(map[string]int, len(s.datasets))
	for i, d := range s.datasets {
		s.datasetByID[d.ID] = i
	}
}

// typeRank orders area types as localup.AreaTypes lists them.
func typeRank(t localup.AreaType) int {
	if i := slices.Index(localup.AreaTypes, t); i >= 0 {
		return i
	}
	return len(localup.AreaTypes)
}

// sortAreas orders areas by type, then name (ignoring case), then code.
// Each area's sort key is made once, not at every comparison.
func sortAreas(areas []localup.Area) {
	type keyed struct {
		rank int
		name string
		i    int
	}
	ks := make([]keyed, len(areas))
	for i, a := range areas {
		ks[i] = keyed{typeRank(a.Type), strings.ToLower(a.Name), i}
	}
	slices.SortFunc(ks, func(x, y keyed) int {
		return cmp.Or(cmp.Compare(x.rank, y.rank), cmp.Compare(x.name, y.name), cmp.Compare(areas[x.i].Code, areas[y.i].Code))
	})
	sorted := make([]localup.Area, len(areas))
	for i, k := range ks {
		sorted[i] = areas[k.i]
	}
	copy(areas, sorted)
}

func (s *Snapshot) indexAreas(areas []localup.Area) {
	s.areas = slices.Clone(areas)
	sortAreas(s.areas)
	s.areaByCode = make(map[string]int, len(s.areas))
	s.areasByTyp = make(map[localup.AreaType][]localup.Area)
	s.children = make(map[string][]localup.Area)
	s.names = make([]string, len(s.areas))
	for i, a := range s.areas {
		s.areaByCode[a.Code] = i
		s.areasByTyp[a.Type] = append(s.areasByTyp[a.Type], a)
		if a.ParentCode != "" {
			s.children[a.ParentCode] = append(s.children[a.ParentCode], a)
		}
		s.names[i] = fold(a.Name)
	}
}

func (s *Snapshot) indexIndicators(indicators []localup.Indicator) {
	s.indicators = slices.Clone(indicators)
	// An indicator without its own source or licence has its dataset's, so
	// that every page, download and API response can show them beside a
	// figure without looking the dataset up itself.
	for i := range s.indicators {
		ind := &s.indicators[i]
		if d, ok := s.Dataset(ind.DatasetID); ok {
			ind.Source = cmp.Or(ind.Source, d.Publisher)
			ind.SourceURL = cmp.Or(ind.SourceURL, d.SourceURL)
			ind.Licence = cmp.Or(ind.Licence, d.Licence)
		}
	}
	slices.SortFunc(s.indicators, func(a, b localup.Indicator) int {
		return cmp.Or(cmp.Compare(a.Topic, b.Topic), cmp.Compare(a.Title, b.Title), cmp.Compare(a.ID, b.ID))
	})
	s.indicatorID = make(map[string]int, len(s.indicators))
	for i, ind := range s.indicators {
		s.indicatorID[ind.ID] = i
	}
}

func (s *Snapshot) indexObservations(obs []localup.Observation) {
	s.obs = sortObservations(obs)
	obs = s.obs
	s.byArea = make(map[string]map[string]span)
	s.byIndPer = make(map[string]map[periodKey][]int32)
	s.periods = make(map[string][]localup.Period)
	for i := 0; i < len(obs); {
		o := obs[i]
		j := i + 1
		for j < len(obs) && obs[j].AreaCode == o.AreaCode && obs[j].IndicatorID == o.IndicatorID {
			j++
		}
		m := s.byArea[o.AreaCode]
		if m == nil {
			m = make(map[string]span)
			s.byArea[o.AreaCode] = m
		}
		m[o.IndicatorID] = span{i, j}
		byPer := s.byIndPer[o.IndicatorID]
		if byPer == nil {
			byPer = make(map[periodKey][]int32)
			s.byIndPer[o.IndicatorID] = byPer
		}
		// Areas arrive in code order, so each period's list stays sorted.
		for k := i; k < j && obs[k].Breakdown == ""; k++ {
			pk := keyOf(obs[k].Period)
			if _, ok := byPer[pk]; !ok {
				s.periods[o.IndicatorID] = append(s.periods[o.IndicatorID], obs[k].Period)
			}
			byPer[pk] = append(byPer[pk], int32(k))
		}
		i = j
	}
	for id, ps := range s.periods {
		slices.SortFunc(ps, localup.Period.Compare)
		s.periods[id] = ps
	}
}

// periodKey is a Period as a map key that does not depend on how its
// time.Time was made.
type periodKey struct {
	start  int64
	months int32
}

func keyOf(p localup.Period) periodKey {
	return periodKey{p.Start.Unix(), int32(p.Years*12 + p.Months)}
}

// sortKey is an observation's place in area, indicator, breakdown and
// period order, as integers: sorting these and then moving each
// observation once is several times faster than sorting the observations.
type sortKey struct {
	area, ind, brk int32
	months         int32
	start          int64
	i              int32
}

// sortObservations returns obs ordered by area code, indicator ID,
// breakdown and period.
func sortObservations(obs []localup.Observation) []localup.Observation {
	rank := func(get func(localup.Observation) string) map[string]int32 {
		m := make(map[string]int32)
		for _, o := range obs {
			m[get(o)] = 0
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for i, k := range keys {
			m[k] = int32(i)
		}
		return m
	}
	areas := rank(func(o localup.Observation) string { return o.AreaCode })
	inds := rank(func(o localup.Observation) string { return o.IndicatorID })
	brks := rank(func(o localup.Observation) string { return o.Breakdown })
	keys := make([]sortKey, len(obs))
	for i, o := range obs {
		keys[i] = sortKey{areas[o.AreaCode], inds[o.IndicatorID], brks[o.Breakdown],
			int32(o.Period.Years*12 + o.Period.Months), o.Period.Start.Unix(), int32(i)}
	}
	slices.SortFunc(keys, func(a, b sortKey) int {
		return cmp.Or(cmp.Compare(a.area, b.area), cmp.Compare(a.ind, b.ind), cmp.Compare(a.brk, b.brk),
			cmp.Compare(a.start, b.start), cmp.Compare(a.months, b.months))
	})
	out := make([]localup.Observation, len(obs))
	for i, k := range keys {
		out[i] = obs[k.i]
	}
	return out
}

// clip returns s with its capacity cut to its length, so that a caller's
// append cannot write into the snapshot.
func clip[T any](s []T) []T { return s[:len(s):len(s)] }
