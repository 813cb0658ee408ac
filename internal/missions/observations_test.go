package missions

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/localup/localup"
)

func obs(area, period, breakdown string, v float64) localup.Observation {
	o := localup.NewObservation("x", area, p(period))
	o.Breakdown, o.Value = breakdown, v
	return o
}

func TestObservationHelpers(t *testing.T) {
	in := []localup.Observation{
		obs("A", "2020", "", 3), obs("B", "2019", "", 2), obs("A", "2019", "", 1),
		obs("A", "2019", "sex=female", 5), obs("A", "2019", "sex=male", 4), obs("A", "2020", "sex=female", 6),
	}
	if diff := cmp.Diff([]Point{{p("2019"), 1}, {p("2020"), 3}}, SeriesOf([]localup.Observation{in[0], in[2]})); diff != "" {
		t.Errorf("SeriesOf (-want +got):\n%s", diff)
	}
	wantGS := []GroupSection{
		{p("2019"), []Group{{"sex=female", 5}, {"sex=male", 4}}},
		{p("2020"), []Group{{"sex=female", 6}}},
	}
	if diff := cmp.Diff(wantGS, GroupSections(in)); diff != "" {
		t.Errorf("GroupSections (-want +got):\n%s", diff)
	}
}
