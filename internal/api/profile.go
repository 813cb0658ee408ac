package api

import (
	"math"
	"net/http"
	"net/url"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
)

// Profile answers GET /api/v1/areas/{code}/profile: every indicator's
// latest figure with its interval, benchmarks, judgements, rank, recent
// trend and distribution, as computed once per snapshot; with compare=CODE,
// also judged against that area. The judgements are the area page's.
func (a *API) Profile(w http.ResponseWriter, r *http.Request) error {
	snap := a.snap()
	code := r.PathValue("code")
	ar, ok := snap.Area(code)
	if !ok {
		return localup.Errorf(localup.ENOTFOUND, "no area has the code %q", code)
	}
	compare, err := snap.ParseCompare(r.URL.Query().Get("compare"))
	if err != nil {
		return err
	}
	p, _ := snap.Profile(ar.Code)
	if compare != nil {
		return writeJSON(w, newProfile(snap, p, compare))
	}
	// A profile never changes within a snapshot: encode it once.
	b, err := snap.Memo("api/profile/"+ar.Code, func() ([]byte, error) { return encode(newProfile(snap, p, nil)) })
	if err != nil {
		return err
	}
	return writeEncoded(w, b)
}

func newProfile(snap *snapshot.Snapshot, p *snapshot.Profile, compare *localup.Area) Profile {
	out := Profile{Area: newArea(p.Area), Similar: []AreaRef{}, Rows: make([]ProfileIndicator, 0, len(p.Rows)),
		National: refOf(p.National), Region: refOf(p.Region), Compare: refOf(compare), AreaLineage: newLineage(snap.Lineage(p.Area.Code))}
	for _, s := range p.Similar {
		out.Similar = append(out.Similar, newAreaRef(s))
	}
	var cmps []snapshot.Benchmark
	if compare != nil {
		cmps = snap.Compare(p, *compare)
	}
	for i := range p.Rows {
		row := newRowValue(p, &p.Rows[i])
		if cmps != nil {
			b := newBenchmarkValue(cmps[i])
			row.Compare = &b
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

func refOf(a *localup.Area) *AreaRef {
	if a == nil {
		return nil
	}
	ref := newAreaRef(*a)
	return &ref
}

func newLineage(l snapshot.Lineage) AreaLineage {
	out := AreaLineage{Predecessors: []AreaCodeChange{}, Successors: []AreaCodeChange{}, FollowsFrom: l.FollowsFrom, ContinuesAs: l.ContinuesAs}
	for _, c := range l.Predecessors {
		out.Predecessors = append(out.Predecessors, newCodeChange(c))
	}
	for _, c := range l.Successors {
		out.Successors = append(out.Successors, newCodeChange(c))
	}
	return out
}

func newCodeChange(c localup.CodeChange) AreaCodeChange {
	return AreaCodeChange{OldCode: c.OldCode, OldName: c.OldName, NewCode: c.NewCode, NewName: c.NewName, Type: string(c.Type), Year: c.Year}
}

func newRowValue(p *snapshot.Profile, r *snapshot.ProfileRow) ProfileIndicator {
	ind, o := r.Indicator, r.Observation
	v := ProfileIndicator{Indicator: ind.ID, Title: ind.Title, Topic: ind.Topic, Mission: ind.Mission, Unit: ind.Unit,
		Polarity: int(ind.Polarity), ValueType: string(ind.ValueType),
		Period: o.Period.String(), PeriodLabel: o.Period.Label(), Value: fig(o.Value), Lower: fig(r.Lower),
		Upper: fig(r.Upper), Interval: string(r.IntervalSource), Status: o.Status,
		Comparison: r.National.Comparison.String(), Judgement: r.National.Judgement(),
		National: newBenchmarkValue(r.National), Region: newBenchmarkValue(r.Region), Similar: newBenchmarkValue(r.Similar),
		RankNote: r.RankNote, Trend: newTrendValue(r.Trend), Dataset: o.DatasetID,
		Source: ind.Source, SourceURL: ind.SourceURL, Licence: ind.Licence, URL: "/api/v1/indicators/" + url.PathEscape(ind.ID)}
	if v.Interval == "" {
		v.Interval = "none published"
	}
	if o.AreaCode != p.Area.Code {
		v.PublishedUnder = o.AreaCode
	}
	if r.Rank > 0 {
		rank, of := r.Rank, r.RankOf
		v.Rank, v.Of = &rank, &of
	}
	if d := r.Distribution; d != nil {
		v.Spine = &ProfileSpread{Areas: d.N(), Min: fig(d.Min), P25: fig(d.P25), Median: fig(d.Median),
			P75: fig(d.P75), Max: fig(d.Max)}
	}
	return v
}

func newBenchmarkValue(b snapshot.Benchmark) ProfileBenchmark {
	v := ProfileBenchmark{Name: b.Label, Value: fig(b.Value), Lower: fig(b.Lower), Upper: fig(b.Upper),
		N: b.N, Of: b.Of, Comparison: b.Comparison.String(), Judgement: b.Judgement(), Note: b.Note}
	if b.Area != nil {
		v.Code, v.Name = b.Area.Code, ""
	}
	return v
}

func newTrendValue(t snapshot.Trend) ProfileTrend {
	v := ProfileTrend{Marker: t.Result.Trend.String(), Assessment: t.Assessment.String(), Text: t.Text(),
		Method: string(t.Method), ChiSquared: fig(t.Result.ChiSquared), Reason: t.Reason}
	if t.Calculated() {
		v.From, v.To = t.From.String(), t.To.String()
	}
	return v
}

// fig is a figure for JSON: nil (null) when absent or not finite.
func fig(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}
