package tracking

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/missions"
	"github.com/localup/localup/internal/snapshot/snapshottest"
)

// TestInequalityFromBreakdowns gives Hartlepool smoking figures by sex, as
// a council's own tidy CSV could, and checks the largest gap between the
// groups and its trend: women 14% and men 20% in 2019 (a gap of 6), 12%
// and 15% in 2023 (a gap of 3): narrowed by half.
func TestInequalityFromBreakdowns(t *testing.T) {
	st := snapshottest.Open(t)
	at := time.Date(2024, time.March, 1, 0, 0, 0, 0, time.UTC)
	ob := func(period, breakdown string, v float64) localup.Observation {
		o := localup.NewObservation("cigarette-smokers", "E06000001", localup.MustPeriod(period))
		o.Breakdown, o.DatasetID, o.Value = breakdown, "smoking-by-sex", v
		return o
	}
	b := &localup.Batch{
		Dataset: localup.Dataset{ID: "smoking-by-sex", Title: "Smoking by sex", Publisher: "Test", Licence: snapshottest.OGL,
			Released: at, Version: "v1", Files: []localup.SourceFile{{Path: "smoking.csv", SHA256: "dd44", Bytes: 100}}, ImportedAt: at},
		Indicators: []localup.Indicator{{ID: "cigarette-smokers", Title: "Cigarette smokers", Unit: "%", Suffix: "%",
			Polarity: localup.LowerIsBetter, ValueType: localup.ValueProportion, DecimalPlaces: 0, Mission: 7, DatasetID: "smoking-by-sex"}},
		Observations: []localup.Observation{
			ob("2019", "", 17), ob("2023", "", 13.5),
			ob("2019", "sex=female", 14), ob("2019", "sex=male", 20),
			ob("2023", "sex=female", 12), ob("2023", "sex=male", 15),
		},
	}
	if _, err := st.Import(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	snap := snapshottest.Load(t, st)
	ams, _, ok := ForArea(snap, "E06000001")
	if !ok {
		t.Fatal("no Hartlepool")
	}
	var in *Inequality
	for _, x := range ams[6].Metrics {
		if x.ID == "cigarette-smokers" {
			in = x.Inequality
		}
	}
	if in == nil {
		t.Fatal("no inequality for smoking")
	}
	if in.Between != "groups by sex" || in.Latest.Highest.Name != "Male" || in.Latest.Best.Name != "Female" ||
		in.Latest.Difference != 3 || in.Period.Label() != "2023" {
		t.Errorf("latest gap %+v", in)
	}
	if in.Trend == nil || in.Trend.Baseline.Value != 6 || in.Trend.Trend != missions.Narrowing || math.Abs(in.Trend.RelativeChange+0.5) > 1e-12 {
		t.Errorf("trend %+v", in.Trend)
	}
	const want = "Male 15%, Female 12% in 2023: a gap of 3 percentage points; since 2019 (a gap of 6 percentage points) it has narrowed."
	if in.Summary != want {
		t.Errorf("summary\n got %q\nwant %q", in.Summary, want)
	}
}

func TestGroupName(t *testing.T) {
	for in, want := range map[string]string{
		"sex=female":         "Female",
		"age=16-64;sex=male": "Age 16-64, male",
		"imd_decile=1":       "Imd decile 1",
		"Women":              "Women",
	} {
		if got := groupName(in); got != want {
			t.Errorf("groupName(%q) = %q, want %q", in, got, want)
		}
	}
}
