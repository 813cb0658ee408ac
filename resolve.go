package localup

import (
	"strconv"
	"time"
)

// ObservationKey identifies one figure regardless of which release
// published it.
type ObservationKey struct {
	IndicatorID string
	AreaCode    string
	Period      string // canonical ISO 8601
	Breakdown   string
}

// Key returns the observation's key within one release.
func (o Observation) Key() ObservationKey {
	return ObservationKey{o.IndicatorID, o.AreaCode, o.Period.String(), o.Breakdown}
}

// SeriesKey returns the key under which releases replace each other. It
// is Key except that a calendar year and a single date within it are the
// same period: ONS published annual survey figures as "2023" and now
// publishes them by reference date ("2023-04-19"), and the newer release's
// figure must replace the older one rather than sit beside it.
func (o Observation) SeriesKey() ObservationKey {
	k := o.Key()
	p := o.Period
	if p.Instant() || (p.Years == 1 && p.Months == 0 && p.Start.Month() == time.January && p.Start.Day() == 1) {
		k.Period = "Y" + strconv.Itoa(p.Start.Year())
	}
	return k
}

// Resolver keeps, for every key, the observation from the newest release:
// the same indicator published in several releases is one series, and a
// later release's revisions replace the earlier figures for the periods it
// covers while the earlier release still supplies the periods it alone has.
// Ties on release date go to the dataset ID that sorts last, so the result
// never depends on the order rows arrive in.
type Resolver struct {
	released map[string]time.Time
	best     map[ObservationKey]Observation
}

// NewResolver returns a resolver that ranks datasets by release date.
func NewResolver(datasets []Dataset) *Resolver {
	r := &Resolver{released: make(map[string]time.Time, len(datasets)), best: make(map[ObservationKey]Observation)}
	for _, d := range datasets {
		r.released[d.ID] = d.Released
	}
	return r
}

// Add offers one observation.
func (r *Resolver) Add(o Observation) {
	k := o.SeriesKey()
	cur, ok := r.best[k]
	if !ok || r.newer(o.DatasetID, cur.DatasetID) {
		r.best[k] = o
	}
}

func (r *Resolver) newer(a, b string) bool {
	if a == b {
		return false
	}
	ta, tb := r.released[a], r.released[b]
	if !ta.Equal(tb) {
		return ta.After(tb)
	}
	return a > b
}

// Observations returns the winning observations in no particular order.
func (r *Resolver) Observations() []Observation {
	out := make([]Observation, 0, len(r.best))
	for _, o := range r.best {
		out = append(out, o)
	}
	return out
}
