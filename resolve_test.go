package localup

import (
	"testing"
	"time"
)

func TestResolverNewestReleaseWins(t *testing.T) {
	old := Dataset{ID: "els_2024", Released: time.Date(2024, 2, 23, 0, 0, 0, 0, time.UTC)}
	cur := Dataset{ID: "els_current", Released: time.Date(2025, 10, 23, 0, 0, 0, 0, time.UTC)}
	obs := func(ds, period string, v float64) Observation {
		o := NewObservation("pay", "E06000001", MustPeriod(period))
		o.Value, o.DatasetID = v, ds
		return o
	}
	// Either arrival order gives the same answer.
	for _, order := range [][]Observation{
		{obs("els_2024", "2022", 500), obs("els_2024", "2023", 521.2), obs("els_current", "2023-04-19", 527.7)},
		{obs("els_current", "2023-04-19", 527.7), obs("els_2024", "2023", 521.2), obs("els_2024", "2022", 500)},
	} {
		r := NewResolver([]Dataset{old, cur})
		for _, o := range order {
			r.Add(o)
		}
		got := map[int]float64{}
		for _, o := range r.Observations() {
			got[o.Period.Year()] = o.Value
		}
		if len(got) != 2 || got[2023] != 527.7 || got[2022] != 500 {
			t.Errorf("resolved = %v, want 2022: 500 (only release) and 2023: 527.7 (newer release)", got)
		}
	}
}
