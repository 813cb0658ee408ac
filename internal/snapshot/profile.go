package snapshot

import (
	"fmt"
	"math"

	"github.com/localup/localup"
)

// Profile is an area's latest figure for every indicator, each with its
// interval, benchmarks, judgements, rank and recent trend. Profiles are
// computed once per snapshot, so that the page, the API and the CSV show
// the same judgements and serving one is a look-up.
type Profile struct {
	Area localup.Area
	// National is the benchmark the area's figures are usually compared
	// with: England for English areas, their own nation for Welsh,
	// Scottish and Northern Irish ones, the UK for the nations. A row
	// falls back to the UK when this has no figure for its period.
	National *localup.Area
	// Region is the area's English region, if it has one.
	Region *localup.Area
	// Similar are the DefaultK similar areas (default indicators) whose
	// mean is the similar-areas benchmark.
	Similar []localup.Area
	Rows    []ProfileRow
}

// ProfileRow is one indicator of a profile.
type ProfileRow struct {
	Indicator *localup.Indicator
	// Observation is the latest figure with a value. Its AreaCode is the
	// code that published it: the area's own, or the code it replaced
	// (see FollowedSeries).
	Observation *localup.Observation
	Dataset     *localup.Dataset // where the figure came from; nil if unknown
	// Lower and Upper are the 95% interval, published or calculated (see
	// Interval); NaN when there is none.
	Lower, Upper   float64
	IntervalSource IntervalSource
	National       Benchmark
	Region         Benchmark
	Similar        Benchmark
	// Rank is the area's place among current areas of its type with a
	// figure for the same period (1 = best, or highest without polarity);
	// 0 when not ranked, with RankNote saying why.
	Rank, RankOf int
	RankNote     string
	// Distribution is the spread that Rank is among, for the spine chart;
	// nil when there is none.
	Distribution *Distribution
	Trend        Trend
}

// Value is the row's figure.
func (r *ProfileRow) Value() float64 { return r.Observation.Value }

// HasInterval reports whether the row has a 95% interval.
func (r *ProfileRow) HasInterval() bool { return !math.IsNaN(r.Lower) && !math.IsNaN(r.Upper) }

// Profile returns an area's profile. Profiles of every area but
// neighbourhoods are computed when the snapshot is built; a
// neighbourhood's is computed on request from the precomputed
// distributions.
func (s *Snapshot) Profile(code string) (*Profile, bool) {
	if p, ok := s.profiles[code]; ok {
		return p, true
	}
	a, ok := s.Area(code)
	if !ok {
		return nil, false
	}
	return s.buildProfile(a), true
}

// deriveProfiles computes the profile of every area with figures, except
// neighbourhoods (tens of thousands, with two indicators each).
func (s *Snapshot) deriveProfiles() {
	s.profiles = make(map[string]*Profile)
	for _, a := range s.areas {
		if a.Type == localup.AreaLSOA {
			continue
		}
		_, own := s.byArea[a.Code]
		_, old := s.byArea[s.lineage.follow[a.Code]]
		if !own && !old {
			continue
		}
		s.profiles[a.Code] = s.buildProfile(a)
	}
}

// nationalFor returns the usual national benchmark of an area.
func (s *Snapshot) nationalFor(a localup.Area) *localup.Area {
	code := ""
	switch a.Type {
	case localup.AreaUK:
		return nil
	case localup.AreaCountry:
		code = localup.CodeUK
	default:
		code = a.Country
		if code == "" {
			code = localup.CountryOf(a.Code)
		}
		if code == "" || code == a.Code {
			code = localup.CodeUK
		}
	}
	if code == a.Code {
		return nil
	}
	if b, ok := s.Area(code); ok {
		return &b
	}
	return nil
}

func (s *Snapshot) buildProfile(a localup.Area) *Profile {
	p := &Profile{Area: a, National: s.nationalFor(a)}
	if parent, ok := s.Parent(a); ok && parent.Type == localup.AreaRegion {
		p.Region = &parent
	}
	var uk *localup.Area
	if u, ok := s.Area(localup.CodeUK); ok && a.Code != localup.CodeUK {
		uk = &u
	}
	p.Similar = s.defaultNeighbours(a, DefaultK)
	similar := make([]int32, len(p.Similar))
	for i, n := range p.Similar {
		similar[i] = int32(s.areaByCode[n.Code])
	}
	for i := range s.indicators {
		ind := &s.indicators[i]
		series := s.FollowedSeries(ind.ID, a.Code)
		last := len(series) - 1
		for last >= 0 && !series[last].HasValue() {
			last--
		}
		if last < 0 {
			continue
		}
		o := &series[last]
		r := ProfileRow{Indicator: ind, Observation: o}
		if k, ok := s.datasetByID[o.DatasetID]; ok {
			r.Dataset = &s.datasets[k]
		}
		r.Lower, r.Upper, r.IntervalSource = Interval(ind, o)
		idx := s.cell(ind.ID, o.Period)
		r.National = s.national(idx, p.National, uk, ind, o.Period, r.Lower, r.Upper)
		if p.Region != nil {
			r.Region = s.compareIn(idx, p.Region, ind, o.Period, r.Lower, r.Upper)
		} else {
			r.Region = noBenchmark("region")
			r.Region.Note = "not in an English region"
		}
		r.Similar = s.similarMean(idx, similar, ind, o.Period, r.Lower, r.Upper)
		if d, ok := s.Distribution(ind.ID, a.Type, o.Period); ok {
			r.Distribution = d
			if a.Current() {
				r.Rank, r.RankOf = d.Rank(o.Value, ind.Polarity), d.N()
			}
		}
		switch {
		case r.Rank > 0:
		case !a.Current():
			r.RankNote = "not ranked: the code is no longer in use"
		default:
			r.RankNote = "not ranked"
		}
		r.Trend = recentTrend(ind, series, last)
		p.Rows = append(p.Rows, r)
	}
	return p
}

// national compares a row with the area's national benchmark, or with the
// UK when that has no figure for the period.
// NationalBenchmark compares an area's figure for an indicator in a
// period (its interval, lower to upper) with its national figure as its
// profile does: its own nation's, or the UK's when the nation has none.
func (s *Snapshot) NationalBenchmark(a localup.Area, indicator string, p localup.Period, lower, upper float64) Benchmark {
	ind, ok := s.Indicator(indicator)
	if !ok {
		return noBenchmark("national figure")
	}
	var uk *localup.Area
	if u, ok := s.Area(localup.CodeUK); ok && a.Code != localup.CodeUK {
		uk = &u
	}
	return s.national(s.cell(indicator, p), s.nationalFor(a), uk, &ind, p, lower, upper)
}

func (s *Snapshot) national(idx periodCell, nat, uk *localup.Area, ind *localup.Indicator, p localup.Period, lower, upper float64) Benchmark {
	if nat == nil {
		bm := noBenchmark("national figure")
		bm.Note = "no national benchmark"
		return bm
	}
	bm := s.compareIn(idx, nat, ind, p, lower, upper)
	if bm.HasValue() || uk == nil || nat.Code == uk.Code {
		return bm
	}
	alt := s.compareIn(idx, uk, ind, p, lower, upper)
	if !alt.HasValue() {
		return bm
	}
	alt.Note = fmt.Sprintf("%s has no figure for %s, so this is compared with the %s", nat.Name, p.Label(), uk.Name)
	return alt
}
