package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/allocation"
)

// sensitivityPage shows how allocations move when the weights move.
type sensitivityPage struct {
	basePage
	Ref                            allocRef
	Back, Label                    string
	Errors                         fieldErrors
	Runs, Seed, Threshold, Sigma   string
	Delta                          string
	Flagged, Places                int
	ThresholdText, DeltaText, Took string
	Weights                        []weightRow
	Rows                           []sensRow
	RunsN                          string
	SigmaText                      string
}

type weightRow struct {
	Title, Base, Down, Up string
}

type sensRow struct {
	Rank                          int
	Code, Name, URL               string
	Allocation, OATRange, MCRange string
	Swing, RankRange              string
	Flagged                       bool
}

// readPercent reads a percentage field into a fraction; blank gives def.
func readPercent(form url.Values, field string, def float64, errs *[]fieldError, msg string) float64 {
	v := strings.TrimSuffix(strings.TrimSpace(form.Get(field)), "%")
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		*errs = append(*errs, fieldError{field, msg})
		return def
	}
	return f / 100
}

// allocateSensitivity answers GET /allocate/sensitivity.
func (s *Server) allocateSensitivity(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	ref, errs := readAllocRef(r, q)
	opt := allocation.SensitivityOptions{Runs: allocation.DefaultRuns, Seed: allocation.DefaultSeed, Sigma: allocation.DefaultSigma}
	if v := strings.TrimSpace(q.Get("runs")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			errs = append(errs, fieldError{"runs", "Enter the number of runs as a whole number"})
		}
		opt.Runs = n
	}
	if v := strings.TrimSpace(q.Get("seed")); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			errs = append(errs, fieldError{"seed", "Enter the seed as a whole number of 0 or more"})
		}
		opt.Seed = n
	}
	if v := strings.TrimSpace(q.Get("sigma")); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			errs = append(errs, fieldError{"sigma", "Enter the spread as a number, such as 0.2"})
		}
		opt.Sigma = f
	}
	opt.Threshold = readPercent(q, "threshold", allocation.DefaultSwing, &errs, "Enter the threshold as a percentage, such as 10")
	opt.Delta = readPercent(q, "delta", allocation.DefaultDelta, &errs, "Enter the weight change as a percentage, such as 20")
	p := sensitivityPage{basePage: s.base(r, "Sensitivity of the allocation to its weights"), Ref: ref,
		Back: ref.Link("/allocate") + "#results", Runs: strconv.Itoa(opt.Runs), Seed: strconv.FormatUint(opt.Seed, 10),
		Threshold: decimal(opt.Threshold*100, 0), Sigma: strconv.FormatFloat(opt.Sigma, 'g', -1, 64),
		Delta: decimal(opt.Delta*100, 0)}
	if len(errs) == 0 {
		if err := opt.Validate(); err != nil {
			errs = append(errs, optionError(err))
		}
	}
	if len(errs) > 0 {
		p.Errors = errs
		p.Title = "Error: " + p.Title
		return s.render(w, http.StatusBadRequest, "allocate_sensitivity", p)
	}
	ctx := r.Context()
	res, err := s.alloc.Resolve(ctx, ref.Source)
	if err != nil {
		return err
	}
	p.Ref.Source = res.Source
	p.Back = p.Ref.Link("/allocate") + "#results"
	p.Label = res.Label()
	sens, err := s.alloc.Sensitivity(ctx, res.Formula, ref.Pot, opt)
	if err != nil {
		return err
	}
	o := sens.Options
	p.Flagged, p.Places, p.RunsN = sens.Flagged, len(sens.Places), formatNumber(float64(o.Runs), 0)
	p.ThresholdText, p.DeltaText, p.SigmaText = percentText(o.Threshold, 0), percentText(o.Delta, 0), decimal(o.Sigma, 2)
	p.Took = sens.Took.Round(time.Millisecond).String()
	for i, c := range sens.Components {
		p.Weights = append(p.Weights, weightRow{Title: sens.Run.Data.Components[i].Indicator.Title,
			Base: percentText(c.Weight, 1), Down: percentText(c.Down, 1), Up: percentText(c.Up, 1)})
	}
	for _, sp := range sens.Places {
		mc, oat := sp.MonteCarlo, sp.OneAtATime
		row := sensRow{Rank: mc.NeedRank, Code: mc.Code, Name: sp.Place.Name, Allocation: pounds(mc.Allocation),
			OATRange: pounds(oat.MinAllocation) + " to " + pounds(oat.MaxAllocation),
			MCRange:  poundsF(mc.P5) + " to " + poundsF(mc.P95), Swing: percentText(mc.Swing, 1),
			RankRange: rankRange(mc.RankP5, mc.RankP95), Flagged: mc.Flagged}
		if p.Ref.compact() {
			row.URL = p.Ref.Link("/allocate/places/" + url.PathEscape(mc.Code))
		}
		p.Rows = append(p.Rows, row)
	}
	return s.render(w, http.StatusOK, "allocate_sensitivity", p)
}

func rankRange(lo, hi int) string {
	if lo == hi {
		return strconv.Itoa(lo)
	}
	return strconv.Itoa(lo) + "–" + strconv.Itoa(hi)
}

// optionError links an options error ("runs: ...") to its field.
func optionError(err error) fieldError {
	msg := localup.ErrorMessage(err)
	field, rest, ok := strings.Cut(msg, ": ")
	if !ok {
		return fieldError{"runs", msg}
	}
	switch field {
	case "cost_per_bid":
		field = "cost"
	case "success_rate":
		field = "success"
	}
	return fieldError{field, strings.ToUpper(rest[:1]) + rest[1:]}
}
