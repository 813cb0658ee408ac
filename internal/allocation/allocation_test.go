package allocation_test

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/formula"
	"github.com/localup/localup/internal/snapshot/snapshottest"
)

const pot = 1_500_000_000

func example(t *testing.T, id string) formula.Formula {
	t.Helper()
	ex, ok := allocation.LookupExample(id)
	if !ok {
		t.Fatalf("no example %s", id)
	}
	return ex.Formula
}

// currentLADs lists the codes of every current local authority district.
func currentLADs(t *testing.T, st localup.Store) []string {
	t.Helper()
	snap := snapshottest.Load(t, st)
	var out []string
	for _, a := range snap.Areas(localup.AreaLAD) {
		if a.Current() {
			out = append(out, a.Code)
		}
	}
	slices.Sort(out)
	return out
}

// TestExamplesOnRealData applies every example formula to the real data:
// the pounds add up to the pot exactly, every current district is either
// allocated or listed as left out with a reason, floors and ceilings
// hold, and a second service computing from scratch gives the same
// pounds.
func TestExamplesOnRealData(t *testing.T) {
	svc, st := realService(t)
	other, _ := realService(t)
	lads := currentLADs(t, st)
	if len(lads) != 361 {
		t.Fatalf("%d current districts, want the 361 of LAD23/LAD25", len(lads))
	}
	exs, err := allocation.Examples()
	if err != nil {
		t.Fatal(err)
	}
	if len(exs) != 3 {
		t.Fatalf("%d examples, want 3", len(exs))
	}
	for _, ex := range exs {
		t.Run(ex.ID, func(t *testing.T) {
			ctx := context.Background()
			run, err := svc.Allocate(ctx, ex.Formula, pot)
			if err != nil {
				t.Fatal(err)
			}
			if got := run.Total(); got != pot {
				t.Errorf("allocations sum to %d, want %d", got, pot)
			}
			var seen []string
			for _, p := range run.Result.Places {
				seen = append(seen, p.Code)
				if ex.Formula.Floor > 0 && float64(p.Allocation) < ex.Formula.Floor-1 {
					t.Errorf("%s gets %d, below the floor %v", p.Code, p.Allocation, ex.Formula.Floor)
				}
				if c := ex.Formula.CeilingShare; c > 0 && float64(p.Allocation) > c*pot+1 {
					t.Errorf("%s gets %d, above the ceiling %v", p.Code, p.Allocation, c*pot)
				}
				if p.Population <= 0 {
					t.Errorf("%s has population %v", p.Code, p.Population)
				}
			}
			for _, d := range run.Data.Dropped {
				seen = append(seen, d.Code)
				if d.Reason == "" {
					t.Errorf("%s left out without a reason", d.Code)
				}
			}
			slices.Sort(seen)
			if diff := cmp.Diff(lads, seen); diff != "" {
				t.Errorf("places plus left-out areas are not the current districts (-want +got):\n%s", diff)
			}
			again, err := other.Allocate(ctx, ex.Formula, pot)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(allocations(run), allocations(again)); diff != "" {
				t.Errorf("a second computation differs (-first +second):\n%s", diff)
			}
			for rank, i := range run.ByRank {
				if got := run.Result.Places[i].NeedRank; got != rank+1 {
					t.Fatalf("ByRank[%d] has need rank %d", rank, got)
				}
			}
		})
	}
}

func allocations(r *allocation.Run) map[string]int64 {
	m := map[string]int64{}
	for _, p := range r.Result.Places {
		m[p.Code] = p.Allocation
	}
	return m
}

// TestDeprivationFigures checks real figures under the deprivation
// formula. Blackpool (E06000009) is the most deprived district in England
// by IMD 2025 average score and ranks 4th of 361 on this formula's need
// score, after Sandwell, Merthyr Tydfil and Blaenau Gwent. Its pounds are
// checked against the need_weighted_per_head rule recomputed here from
// the result's own need indexes and populations: pot × p·N / Σ p·N.
func TestDeprivationFigures(t *testing.T) {
	svc, _ := realService(t)
	ctx := context.Background()
	f := example(t, "deprivation-index")
	run, err := svc.Allocate(ctx, f, pot)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(run.Result.Places); n != 361 || len(run.Data.Dropped) != 0 || run.Data.EnglandOnly {
		t.Fatalf("%d places, %d left out, England-only %v; want all 361 districts", n, len(run.Data.Dropped), run.Data.EnglandOnly)
	}
	bp, place, ok := run.Place("E06000009")
	if !ok {
		t.Fatal("Blackpool missing")
	}
	if place.Name != "Blackpool" || place.Parent != "North West" {
		t.Errorf("place = %+v", place)
	}
	if bp.NeedRank != 4 || bp.NeedRank > len(run.Result.Places)/5 {
		t.Errorf("Blackpool need rank %d, want 4 (top fifth)", bp.NeedRank)
	}
	if bp.Population != 144191 {
		t.Errorf("Blackpool population %v, want 144,191 (mid-2024)", bp.Population)
	}
	var sum float64
	for _, p := range run.Result.Places {
		sum += p.Population * p.NeedIndex
	}
	want := pot * bp.Population * bp.NeedIndex / sum
	if math.Abs(bp.Unconstrained-want) > 1e-6*want || math.Abs(float64(bp.Allocation)-want) >= 1 {
		t.Errorf("Blackpool gets %d (unconstrained %v), want %v", bp.Allocation, bp.Unconstrained, want)
	}
	if bp.Allocation != 9_099_535 {
		t.Errorf("Blackpool gets £%d, want £9,099,535", bp.Allocation)
	}
	var top []string
	for _, i := range run.ByRank[:4] {
		top = append(top, run.Result.Places[i].Code)
	}
	if diff := cmp.Diff([]string{"E08000028", "W06000024", "W06000019", "E06000009"}, top); diff != "" {
		t.Errorf("four most in need (-want +got):\n%s", diff)
	}
	// The least deprived quintile gets less per head than the most.
	first, last := run.Result.Places[run.ByRank[0]], run.Result.Places[run.ByRank[len(run.ByRank)-1]]
	if first.PerHead <= last.PerHead {
		t.Errorf("per head: most in need %v, least %v", first.PerHead, last.PerHead)
	}
}

// TestBoundaryChanges checks that values published for replaced areas
// stand in for the current ones: Barnsley was recoded in 2025
// (E08000016 → E08000038) and Cumberland formed in 2023 from Allerdale,
// Carlisle and Copeland.
func TestBoundaryChanges(t *testing.T) {
	svc, st := realService(t)
	ctx := context.Background()
	run, err := svc.Allocate(ctx, example(t, "deprivation-index"), pot)
	if err != nil {
		t.Fatal(err)
	}
	snap := snapshottest.Load(t, st)
	old, ok := snap.Value("population-count", "E08000016", run.Data.Population.Period)
	if !ok {
		t.Fatal("no 2024 population for Barnsley's old code")
	}
	bp, _, ok := run.Place("E08000038")
	if !ok || bp.Population != old.Value {
		t.Errorf("Barnsley (E08000038) population %v, want %v from E08000016", bp.Population, old.Value)
	}
	if diff := cmp.Diff([]string{"E08000016"}, run.Data.Carried["E08000038"]); diff != "" {
		t.Errorf("Barnsley carried from (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"E07000026", "E07000028", "E07000029"}, run.Data.Carried["E06000063"]); diff != "" {
		t.Errorf("Cumberland carried from (-want +got):\n%s", diff)
	}
	for _, c := range run.Data.Components {
		if c.WithValue == 0 || c.Carried == 0 {
			t.Errorf("%s: %d values, %d carried", c.Indicator.ID, c.WithValue, c.Carried)
		}
	}
}

// TestEnglandOnly checks that a component covering England only restricts
// the formula to England and says why each other place was left out.
func TestEnglandOnly(t *testing.T) {
	svc, _ := realService(t)
	ctx := context.Background()
	run, err := svc.Allocate(ctx, example(t, "growth-and-productivity"), pot)
	if err != nil {
		t.Fatal(err)
	}
	if !run.Data.EnglandOnly || len(run.Result.Places) != 296 || len(run.Data.Dropped) != 65 {
		t.Fatalf("England-only %v, %d places, %d left out; want true, 296, 65", run.Data.EnglandOnly,
			len(run.Result.Places), len(run.Data.Dropped))
	}
	for _, d := range run.Data.Dropped {
		if d.Code[0] == 'E' || !strings.Contains(d.Reason, "covers England only") {
			t.Errorf("left out %s: %s", d.Code, d.Reason)
		}
	}
	for _, p := range run.Result.Places {
		if p.Code[0] != 'E' {
			t.Errorf("%s allocated under an England-only formula", p.Code)
		}
	}
	if !slices.ContainsFunc(run.Notes(), func(n string) bool { return strings.Contains(n, "England only") }) {
		t.Errorf("notes do not say the allocation is England-only: %q", run.Notes())
	}
	_, err = svc.Explain(ctx, example(t, "growth-and-productivity"), pot, "W06000024")
	if localup.ErrorCode(err) != localup.ENOTFOUND || !strings.Contains(localup.ErrorMessage(err), "England only") {
		t.Errorf("explaining a Welsh place under an England-only formula: %v", err)
	}
}

// TestUserErrors checks that a formula the data cannot serve, and
// constraints no allocation can meet, are EINVALID naming the field.
func TestUserErrors(t *testing.T) {
	svc, _ := realService(t)
	ctx := context.Background()
	base := example(t, "deprivation-index")
	tests := []struct {
		name   string
		edit   func(f *formula.Formula)
		pot    int64
		phrase string
	}{
		{"unknown indicator", func(f *formula.Formula) { f.Components[0].Indicator = "no-such-thing" }, pot, "components[0].indicator"},
		{"period without data", func(f *formula.Formula) { f.Components[1].Period = "1999" }, pot, "components[1].period"},
		{"unknown geography", func(f *formula.Formula) { f.Geography = "parish" }, pot, "geography"},
		{"floors above the pot", func(f *formula.Formula) { f.Floor = 10_000_000 }, pot, "floor: infeasible"},
		{"ceilings below the pot", func(f *formula.Formula) { f.CeilingShare = 0.001 }, pot, "ceiling_share: infeasible"},
		{"unknown baseline", func(f *formula.Formula) { f.Damping = &formula.Damping{Baseline: "last-year", MaxChange: 0.05} }, pot, "damping.baseline"},
		{"unknown weight set", func(f *formula.Formula) { f.WeightsFrom = "nobody" }, pot, "equal-missions"},
		{"zero pot", func(*formula.Formula) {}, 0, "pot"},
		{"huge pot", func(*formula.Formula) {}, allocation.MaxPot + 1, "pot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := base
			f.Components = slices.Clone(base.Components)
			tt.edit(&f)
			_, err := svc.Allocate(ctx, f, tt.pot)
			if localup.ErrorCode(err) != localup.EINVALID || !strings.Contains(localup.ErrorMessage(err), tt.phrase) {
				t.Errorf("error %v (code %s), want EINVALID mentioning %q", err, localup.ErrorCode(err), tt.phrase)
			}
		})
	}
}

// TestDampingBaseline checks that damping against a per-head baseline
// keeps every place within 5% of its population share of the pot.
func TestDampingBaseline(t *testing.T) {
	svc, _ := realService(t)
	f := example(t, "deprivation-index")
	f.Damping = &formula.Damping{Baseline: allocation.BaselinePerHead, MaxChange: 0.05}
	run, err := svc.Allocate(context.Background(), f, pot)
	if err != nil {
		t.Fatal(err)
	}
	var popTotal float64
	for _, p := range run.Result.Places {
		popTotal += p.Population
	}
	for _, p := range run.Result.Places {
		base := pot * p.Population / popTotal
		if a := float64(p.Allocation); a < base*0.95-1 || a > base*1.05+1 {
			t.Errorf("%s: %v is more than 5%% from its baseline %v", p.Code, a, base)
		}
	}
	if run.Total() != pot {
		t.Errorf("total %d", run.Total())
	}
}

// TestCommunityWeights checks weights_from with the built-in equal
// mission weights: pay (mission 1) and healthy life expectancy (mission 7)
// get half the weight each, however the formula weighs them.
func TestCommunityWeights(t *testing.T) {
	svc, _ := realService(t)
	doc := `name: Community
version: 1
geography: lad
weights_from: equal-missions
components:
  - indicator: gross-disposable-household-income-per-head
    transform: zscore
    weight: 3
  - indicator: female-healthy-life-expectancy
    transform: zscore
    weight: 1
  - indicator: male-healthy-life-expectancy
    transform: zscore
    weight: 1
population:
  indicator: population-count
  basis: need_weighted_per_head
`
	r, err := svc.Resolve(context.Background(), allocation.Source{Document: doc})
	if err != nil {
		t.Fatal(err)
	}
	run, err := svc.Allocate(context.Background(), r.Formula, pot)
	if err != nil {
		t.Fatal(err)
	}
	var got []float64
	for _, c := range run.Result.Components {
		got = append(got, math.Round(c.EffectiveWeight*1000)/1000)
	}
	if diff := cmp.Diff([]float64{0.5, 0.25, 0.25}, got); diff != "" {
		t.Errorf("effective weights (-want +got):\n%s", diff)
	}
	if run.Weights == nil || run.Weights.Name != "equal-missions" || run.Total() != pot {
		t.Errorf("weights %+v, total %d", run.Weights, run.Total())
	}
}

// TestExplainOnRealData checks that an explanation adds up and names its
// data.
func TestExplainOnRealData(t *testing.T) {
	svc, _ := realService(t)
	ctx := context.Background()
	f := example(t, "deprivation-index")
	x, err := svc.Explain(ctx, f, pot, "E06000009")
	if err != nil {
		t.Fatal(err)
	}
	sum := x.Base
	for _, c := range x.Components {
		sum += c.Pounds
		if c.Indicator.Title == "" || c.Period.IsZero() {
			t.Errorf("component %s lacks its indicator or period", c.ComponentExplanation.Indicator)
		}
	}
	if math.Abs(sum-x.Unconstrained) > 1e-3 {
		t.Errorf("components sum to %v, unconstrained %v", sum, x.Unconstrained)
	}
	if x.Allocation != 9_099_535 || x.NeedRank != 4 || x.Place.Name != "Blackpool" {
		t.Errorf("explanation %d, rank %d, %s", x.Allocation, x.NeedRank, x.Place.Name)
	}
	if _, err := svc.Explain(ctx, f, pot, "E99999999"); localup.ErrorCode(err) != localup.ENOTFOUND {
		t.Errorf("unknown place: %v", err)
	}
}

// TestSensitivityOnRealData checks that the analysis is reproducible, that
// its ranges contain the base allocation, and that the threshold decides
// which places are flagged.
func TestSensitivityOnRealData(t *testing.T) {
	svc, _ := realService(t)
	other, _ := realService(t)
	ctx := context.Background()
	f := example(t, "growth-and-productivity")
	s, err := svc.Sensitivity(ctx, f, pot, allocation.SensitivityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Options.Runs != 1000 || s.Options.Seed != 0 || s.Options.Threshold != 0.1 {
		t.Errorf("options %+v", s.Options)
	}
	flagged := 0
	for _, p := range s.Places {
		mc, oat := p.MonteCarlo, p.OneAtATime
		if mc.Flagged {
			flagged++
		}
		if mc.Flagged != (mc.Swing > 0.1) {
			t.Errorf("%s: swing %v, flagged %v", mc.Code, mc.Swing, mc.Flagged)
		}
		if !(mc.P5 <= mc.P95 && oat.MinAllocation <= oat.Allocation && oat.Allocation <= oat.MaxAllocation) {
			t.Errorf("%s: ranges out of order: %+v %+v", mc.Code, mc, oat)
		}
		if mc.RankMin > mc.NeedRank || mc.RankMax < mc.NeedRank {
			t.Errorf("%s: rank %d outside its range %d–%d", mc.Code, mc.NeedRank, mc.RankMin, mc.RankMax)
		}
	}
	if flagged != s.Flagged || s.Flagged != 7 {
		t.Errorf("%d places flagged (reported %d), want 7 at ±10%%", flagged, s.Flagged)
	}
	again, err := other.Sensitivity(ctx, f, pot, allocation.SensitivityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range s.Places {
		if s.Places[i].MonteCarlo != again.Places[i].MonteCarlo {
			t.Fatalf("place %d differs between runs with the same seed", i)
		}
	}
	loose, err := svc.Sensitivity(ctx, f, pot, allocation.SensitivityOptions{Threshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if loose.Flagged != 0 {
		t.Errorf("%d places swing by more than 50%%", loose.Flagged)
	}
	if _, err := svc.Sensitivity(ctx, f, pot, allocation.SensitivityOptions{Runs: allocation.MaxRuns + 1}); localup.ErrorCode(err) != localup.EINVALID {
		t.Errorf("too many runs: %v", err)
	}
}

// TestCompareOnRealData checks the comparison with the Levelling Up Fund
// against the published totals: round 1, 105 bids, £1,693,323,657; round
// 2, 111 bids, £2,088,234,431 (shared/data/README.md: £1.693bn and
// £2.088bn); Towns Fund 748 Town Deal projects and 72 Future High Streets
// places, £3,179,782,055 in all.
func TestCompareOnRealData(t *testing.T) {
	svc, _ := realService(t)
	ctx := context.Background()
	c, err := svc.Compare(ctx, example(t, "deprivation-index"), pot, allocation.CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []allocation.Round{
		{Fund: "Levelling Up Fund", Round: "1", Bids: 105, Amount: 1_693_323_657},
		{Fund: "Levelling Up Fund", Round: "2", Bids: 111, Amount: 2_088_234_431},
	}
	if diff := cmp.Diff(want, c.Rounds); diff != "" {
		t.Errorf("rounds (-want +got):\n%s", diff)
	}
	if got := c.CompetitiveInPlaces + c.CompetitiveOutside; math.Abs(got-3_781_558_088) > 1e-3 {
		t.Errorf("competitive money in and outside places = %v, want 3,781,558,088", got)
	}
	var sum float64
	for _, p := range c.Places {
		sum += p.Competitive
	}
	if math.Abs(sum-c.CompetitiveInPlaces) > 1e-3 {
		t.Errorf("places' competitive money sums to %v, want %v", sum, c.CompetitiveInPlaces)
	}
	bp := c.Places[3]
	if bp.Place.Code != "E06000009" || bp.Competitive != 40_000_000 || bp.DeprivationRank != 1 || bp.Bids != 1 {
		t.Errorf("Blackpool = %+v; want £40m from one round 2 bid and IMD rank 1", bp)
	}
	if c.Deprivation == nil || c.Deprivation.Indicator.ID != "imd-2025-imd-average-score" || c.Deprivation.Places != 296 {
		t.Errorf("deprivation ranking %+v", c.Deprivation)
	}
	wantBids := allocation.Bidding{CostPerBid: 30_000, SuccessRate: 0.3, SuccessfulBids: 216, EstimatedBids: 720,
		KnownCost: 6_480_000, EstimatedCost: 21_600_000}
	if diff := cmp.Diff(wantBids, c.Bidding); diff != "" {
		t.Errorf("bidding (-want +got):\n%s", diff)
	}
	if c.TownsFund.Total != 3_179_782_055 || len(c.TownsFund.Funds) != 2 || c.TownsFund.Funds[0].Projects != 748 ||
		c.TownsFund.Funds[1].Places != 72 || c.TownsFund.Caveat == "" {
		t.Errorf("towns fund %+v", c.TownsFund)
	}
	for _, s := range []allocation.Stat{c.Formula.Need.Spearman, c.Competitive.Need.Spearman,
		c.Formula.ShareMostDeprivedFifth, c.Competitive.ShareMostDeprivedFifth,
		c.Formula.ConcentrationIndex, c.Competitive.ConcentrationIndex} {
		if !s.OK {
			t.Errorf("a measure could not be computed: %s", s.Why)
		}
	}
	// The needs formula reaches the most deprived fifth more than the
	// competitive rounds did, and concentrates money in deprived places.
	if c.Formula.ShareMostDeprivedFifth.Value <= c.Competitive.ShareMostDeprivedFifth.Value || c.Formula.ConcentrationIndex.Value >= 0 {
		t.Errorf("formula share %v vs competitive %v, formula concentration %v", c.Formula.ShareMostDeprivedFifth.Value,
			c.Competitive.ShareMostDeprivedFifth.Value, c.Formula.ConcentrationIndex.Value)
	}

	// Under an England-only formula, awards in the other nations fall
	// outside the places; splitting by population moves money between
	// places but not in total.
	eng, err := svc.Compare(ctx, example(t, "growth-and-productivity"), pot,
		allocation.CompareOptions{Split: allocation.SplitPopulation, CostPerBid: 50_000, SuccessRate: 1})
	if err != nil {
		t.Fatal(err)
	}
	if eng.CompetitiveOutside <= 0 || math.Abs(eng.CompetitiveInPlaces+eng.CompetitiveOutside-3_781_558_088) > 1e-3 {
		t.Errorf("England-only: in %v, outside %v", eng.CompetitiveInPlaces, eng.CompetitiveOutside)
	}
	if eng.Bidding.EstimatedBids != 216 || eng.Bidding.EstimatedCost != 10_800_000 {
		t.Errorf("bidding at 100%% success and £50,000 a bid: %+v", eng.Bidding)
	}
	if _, err := svc.Compare(ctx, example(t, "growth-and-productivity"), pot, allocation.CompareOptions{SuccessRate: 1.5}); localup.ErrorCode(err) != localup.EINVALID {
		t.Errorf("success rate 1.5: %v", err)
	}
}
