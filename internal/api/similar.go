package api

import (
	"fmt"
	"net/http"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
)

// Similar answers GET /api/v1/areas/{code}/similar: the area's k (1 to
// 50, default 15) most similar areas of the same type with their
// distances and each indicator's part in them, over the default
// indicators or those named in indicators= (comma-separated IDs); and
// the ONS clusters and published nearest neighbours of the area.
func (a *API) Similar(w http.ResponseWriter, r *http.Request) error {
	snap := a.snap()
	code := r.PathValue("code")
	ar, ok := snap.Area(code)
	if !ok {
		return localup.Errorf(localup.ENOTFOUND, "no area has the code %q", code)
	}
	q := r.URL.Query()
	query, err := snap.ParseSimilarQuery(q.Get("k"), q["indicators"])
	if err != nil {
		return err
	}
	if len(query.Indicators) > 0 {
		out, err := newSimilar(snap, ar, query)
		if err != nil {
			return err
		}
		return writeJSON(w, out)
	}
	// The default model's answer never changes within a snapshot.
	b, err := snap.Memo(fmt.Sprintf("api/similar/%s/%d", ar.Code, query.K), func() ([]byte, error) {
		out, err := newSimilar(snap, ar, query)
		if err != nil {
			return nil, err
		}
		return encode(out)
	})
	if err != nil {
		return err
	}
	return writeEncoded(w, b)
}

// newSimilar builds the response of Similar from one snapshot.
func newSimilar(snap *snapshot.Snapshot, ar localup.Area, query snapshot.SimilarQuery) (Similar, error) {
	res, err := snap.Similar(ar.Code, query)
	if err != nil {
		return Similar{}, err
	}
	out := Similar{Area: newAreaRef(ar), K: res.K, Default: len(query.Indicators) == 0, Note: res.Note,
		Indicators: []SimilarColumn{}, Neighbours: []SimilarArea{}, Groups: []ONSGroup{}, Published: []AreaRef{}}
	if m := res.Model; m != nil {
		out.Compared = len(m.Areas)
		for _, c := range m.Columns {
			out.Indicators = append(out.Indicators, SimilarColumn{Indicator: c.Indicator.ID, Title: c.Indicator.Title,
				Period: c.Period.String(), PeriodLabel: c.Period.Label(), Areas: c.Areas})
		}
	}
	for i, n := range res.Neighbours {
		sa := SimilarArea{Rank: i + 1, Area: newAreaRef(n.Area), Distance: n.Distance, Contributions: make([]SimilarContribution, 0, len(n.Contributions))}
		for _, c := range n.Contributions {
			sa.Contributions = append(sa.Contributions, SimilarContribution{Indicator: c.Indicator.ID, Value: fig(c.Value),
				NeighbourValue: fig(c.NeighbourValue), Z: c.ZA, NeighbourZ: c.ZB, Missing: c.Missing,
				SquaredDiff: c.SquaredDiff, Share: c.Share})
		}
		out.Neighbours = append(out.Neighbours, sa)
	}
	for _, sc := range []string{snapshot.SchemeONSGlobal, snapshot.SchemeONSEconomic, snapshot.SchemeONSDemographic} {
		if g, ok := snap.Group(sc, ar.Code); ok {
			out.Groups = append(out.Groups, ONSGroup{Scheme: sc, Group: g.Group, Description: snap.GroupDescription(sc, g.Group)})
		}
	}
	for _, n := range snap.PublishedNeighbours(snapshot.SchemeONSGlobal, ar.Code) {
		if na, ok := snap.Area(n.Neighbour); ok {
			out.Published = append(out.Published, newAreaRef(na))
		}
	}
	return out, nil
}
