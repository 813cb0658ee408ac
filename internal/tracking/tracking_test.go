package tracking

import (
	"math"
	"strings"
	"testing"

	"github.com/localup/localup/internal/missions"
	"github.com/localup/localup/internal/snapshot/snapshottest"
)

// The tests read the real data (../shared/data, or LOCALUP_DATA) and name
// real places and their published figures.

func round1(v float64) float64 { return math.Round(v*10) / 10 }

func metricOf(t *testing.T, m Mission, id string) *Metric {
	t.Helper()
	for i := range m.Metrics {
		if m.Metrics[i].ID == id {
			return &m.Metrics[i]
		}
	}
	t.Fatalf("mission %d has no metric %s", m.Number, id)
	return nil
}

func TestOverviewCatalogue(t *testing.T) {
	snap := snapshottest.RealSnapshot(t)
	all := Overview(snap)
	if again := Overview(snap); &again[0] != &all[0] {
		t.Error("Overview was built twice for one snapshot")
	}
	if len(all) != 12 {
		t.Fatalf("%d missions, want 12", len(all))
	}
	for _, m := range all {
		if m.Number == 9 {
			if len(m.Metrics) != 0 || !strings.Contains(m.Headline, "No indicator") || m.NoMetric == "" {
				t.Errorf("mission 9: %d metrics, headline %q", len(m.Metrics), m.Headline)
			}
			continue
		}
		inData := 0
		for _, x := range m.Metrics {
			if x.InData {
				inData++
			}
		}
		if inData == 0 {
			t.Errorf("mission %d: no metric in the data", m.Number)
		}
		if m.Headline == "" {
			t.Errorf("mission %d: no headline", m.Number)
		}
		if len(m.Measured) != len(m.Targets) {
			t.Errorf("mission %d: %d targets measured of %d", m.Number, len(m.Measured), len(m.Targets))
		}
	}
}

func TestHealthSpreadWidening(t *testing.T) {
	snap := snapshottest.RealSnapshot(t)
	m, _ := Get(snap, 7)
	hle := metricOf(t, m, "female-healthy-life-expectancy")
	if hle.Level.Plural != "local authorities" || hle.TailShare != 0.1 {
		t.Fatalf("level %q tail share %v", hle.Level.Plural, hle.TailShare)
	}
	s, ok := hle.HeadlineSpread()
	if !ok {
		t.Fatalf("no spread: %s", hle.Note)
	}
	// ONS healthy life expectancy, local authorities: the gap between the
	// best and worst tenths was 14.2 years in 2020-22 and 14.8 in 2022-24.
	if s.BaselineYear != 2022 || s.Baseline.Period.Label() != "2020-22" || s.Latest.Period.Label() != "2022-24" {
		t.Errorf("spread from %d: %s to %s", s.BaselineYear, s.Baseline.Period.Label(), s.Latest.Period.Label())
	}
	if round1(s.Baseline.Value) != 14.2 || round1(s.Latest.Value) != 14.8 || s.Trend != missions.Widening {
		t.Errorf("gap %v to %v, %s; want 14.2 to 14.8, widening", s.Baseline.Value, s.Latest.Value, s.Trend)
	}
	// The measure agrees with the tails of the distribution it came from.
	last, _ := hle.Latest()
	d, _ := snap.Distribution(hle.ID, hle.Level.Type, last.Period)
	k := int(math.Floor(float64(d.N()) * 0.1))
	if k < 1 || last.N != d.N() || last.Max != d.Values[d.N()-1] || last.Min != d.Values[0] {
		t.Fatalf("latest section %+v", last)
	}
	if !strings.Contains(m.Headline, "widened on 2 of 2") || m.Trend != missions.Widening {
		t.Errorf("headline %q, trend %q", m.Headline, m.Trend)
	}
}

func TestEducationTargets(t *testing.T) {
	snap := snapshottest.RealSnapshot(t)
	m, _ := Get(snap, 5)
	var england, worst *TargetView
	for i := range m.Measured {
		switch tv := &m.Measured[i]; tv.Target.Kind {
		case missions.TargetAtLeast:
			england = tv
		case missions.TargetChangeByFraction:
			worst = tv
		}
	}
	if england == nil || worst == nil || !england.Checked || !worst.Checked {
		t.Fatalf("targets not checked: %+v %+v", england, worst)
	}
	// DfE key stage 2: 60% of pupils in England met the expected standard
	// in 2023-24 against the ambition of 90% by 2030; it was 65% in 2018-19.
	c := england.Check
	if england.Subject != "England" || c.Latest.Value != 60 || c.Latest.Period.Label() != "2023-24" || c.Baseline.Value != 65 ||
		c.Distance != 30 || c.Status != missions.TargetOffTrack {
		t.Errorf("England check %+v", c)
	}
	if round1(c.NeededPerYear) != 4.7 {
		t.Errorf("needed per year %v, want 4.7 (30 points over 6.4 years)", c.NeededPerYear)
	}
	if !strings.HasPrefix(worst.Subject, "the worst fifth of local authorities in 2018-19") {
		t.Errorf("worst subject %q", worst.Subject)
	}
	if got := worst.Check.Level; math.Abs(got-worst.Check.Baseline.Value*4/3) > 1e-9 {
		t.Errorf("worst level %v for baseline %v", got, worst.Check.Baseline.Value)
	}
}

func TestMoversRankedByImprovement(t *testing.T) {
	snap := snapshottest.RealSnapshot(t)
	m, _ := Get(snap, 5)
	ks2 := metricOf(t, m, "pupils-at-expected-standards-by-end-of-primary-school")
	mv := ks2.Movers
	if mv.Ranked < 100 || mv.Baseline.Label() != "2018-19" {
		t.Fatalf("%d ranked from %s", mv.Ranked, mv.Baseline.Label())
	}
	// Hackney's 73% in 2023-24 was 7 points up on 2018-19, more than any
	// other authority with figures for both years.
	top := mv.Most(1)
	if len(top) != 1 || top[0].Area.Name != "Hackney" || top[0].Progress.Change != 7 || top[0].Rank != 1 {
		t.Fatalf("most improved %+v", top)
	}
	for i := 1; i < mv.Ranked; i++ {
		if mv.Change(mv.Places[i]) > mv.Change(mv.Places[i-1]) {
			t.Fatalf("rank %d %s (%v) above rank %d (%v)", i, mv.Places[i-1].Area.Name, mv.Change(mv.Places[i-1]), i+1, mv.Change(mv.Places[i]))
		}
	}
	least := mv.Least(1)[0]
	if least.Rank != mv.Ranked {
		t.Errorf("least improved has rank %d of %d", least.Rank, mv.Ranked)
	}
	// Lower is better: the most improved fell most.
	m7, _ := Get(snap, 7)
	smoke := metricOf(t, m7, "cigarette-smokers").Movers
	if p := smoke.Most(1)[0].Progress; p.Change >= 0 || p.Direction != missions.Improved {
		t.Errorf("most improved smoking %+v", p)
	}
}

func TestForAreaBlackpool(t *testing.T) {
	snap := snapshottest.RealSnapshot(t)
	ams, a, ok := ForArea(snap, "E06000009")
	if !ok || a.Name != "Blackpool" || len(ams) != 12 {
		t.Fatalf("ForArea: %v %q %d", ok, a.Name, len(ams))
	}
	find := func(n int, id string) AreaMetric {
		for _, x := range ams[n-1].Metrics {
			if x.ID == id {
				return x
			}
		}
		t.Fatalf("mission %d has no %s", n, id)
		return AreaMetric{}
	}
	hle := find(7, "female-healthy-life-expectancy")
	const want = "Female healthy life expectancy: 51.8 years, down 3.5 since 2017-19; the gap to England widened"
	if hle.Summary != want {
		t.Errorf("summary\n got %q\nwant %q", hle.Summary, want)
	}
	if len(hle.Targets) != 1 || hle.Targets[0].Check.Status != missions.TargetOffTrack || round1(hle.Targets[0].Check.Level) != 60.3 {
		t.Errorf("targets %+v", hle.Targets)
	}
	in := hle.Inequality
	if in == nil || in.Between != "women and men" || in.Latest.Best.Name != "Women" || round1(in.Latest.Difference) != 0.9 ||
		in.Trend == nil || in.Trend.Trend != missions.Widening {
		t.Fatalf("inequality %+v", in)
	}
	ks2 := find(5, "pupils-at-expected-standards-by-end-of-primary-school")
	if !ks2.HasProgress || ks2.Progress.Latest.Value != 53 || ks2.Progress.Direction != missions.Worsened {
		t.Errorf("key stage 2 %+v", ks2.Progress)
	}
	if len(ks2.Targets) != 1 || ks2.Targets[0].Check.Distance != 37 {
		t.Errorf("key stage 2 targets %+v", ks2.Targets)
	}
	// Homicide is published for police force areas and regions, so
	// Blackpool is shown the North West's figure and told so.
	hom := find(11, "homicide-offences")
	if hom.From.Name != "North West" || !strings.HasPrefix(hom.Summary, "No figure for Blackpool; for North West, which contains it,") || len(hom.Targets) != 0 {
		t.Errorf("homicide from %q: %q", hom.From.Name, hom.Summary)
	}
	if _, _, ok := ForArea(snap, "E99999999"); ok {
		t.Error("ForArea found a code that does not exist")
	}
}

func BenchmarkOverview(b *testing.B) {
	snap := snapshottest.RealSnapshot(b)
	b.ResetTimer()
	for b.Loop() {
		buildAll(snap)
	}
}

func BenchmarkForArea(b *testing.B) {
	snap := snapshottest.RealSnapshot(b)
	b.ResetTimer()
	for b.Loop() {
		ForArea(snap, "E06000009")
	}
}

// TestResearchOutsideGreaterSouthEast checks the one target set on a sum
// of regions: public R&D in the six English regions outside London, the
// South East and the East of England, £4,882.0m in 2020-21, is to rise by
// 40% (to £6,834.8m); with one year of figures there is no trend yet.
func TestResearchOutsideGreaterSouthEast(t *testing.T) {
	snap := snapshottest.RealSnapshot(t)
	m, _ := Get(snap, 2)
	if len(m.Measured) != 1 {
		t.Fatalf("%d targets", len(m.Measured))
	}
	tv := m.Measured[0]
	c := tv.Check
	if !tv.Checked || tv.Subject != "the 6 English regions outside the Greater South East, together" ||
		round1(c.Latest.Value) != 4882 || round1(c.Level) != 6834.8 || c.Status != missions.TargetTooLittle {
		t.Errorf("target %q: %+v", tv.Subject, c)
	}
}
