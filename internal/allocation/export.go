package allocation

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/localup/localup/internal/numfmt"
)

// SafeCell neutralises text that a spreadsheet would read as a formula:
// a cell starting with = + - @ (or a tab or carriage return, which some
// spreadsheets skip before looking) gets a leading apostrophe. Area
// names, formula names and indicator ids are untrusted text; numbers are
// written by this package and never pass through here.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// cell is one value of the results table: text (held as given) or a
// number. CSV neutralises text that looks like a formula; XLSX stores
// text as text, which a spreadsheet never evaluates.
type cell struct {
	text  string
	num   float64
	isNum bool
}

func text(s string) cell { return cell{text: s} }
func num(f float64) cell { return cell{num: f, isNum: true} }
func whole(n int64) cell { return cell{num: float64(n), isNum: true} }
func count(n int) cell   { return cell{num: float64(n), isNum: true} }
func (c cell) csv() string {
	if !c.isNum {
		return SafeCell(c.text)
	}
	if math.IsNaN(c.num) || math.IsInf(c.num, 0) {
		return ""
	}
	return strconv.FormatFloat(c.num, 'f', -1, 64)
}

// Header lists the columns of the results table: one contribution column
// per component, named after its indicator.
func (r *Run) Header() []string {
	h := []string{"need_rank", "area_code", "area_name", "parent", "population", "need_score", "need_index",
		"allocation", "per_head", "share", "unconstrained", "base"}
	for _, c := range r.Result.Components {
		h = append(h, "contribution: "+c.Key)
	}
	return append(h, "constraint_adjustment", "rounding_adjustment", "bound")
}

// rows returns the results table in need-rank order.
func (r *Run) rows() [][]cell {
	var out [][]cell
	for _, i := range r.ByRank {
		p, pl := r.Result.Places[i], r.Data.Places[i]
		perHead := math.NaN()
		if p.Population > 0 {
			perHead = p.PerHead
		}
		row := []cell{count(p.NeedRank), text(p.Code), text(pl.Name), text(pl.Parent), num(p.Population),
			num(p.NeedScore), num(p.NeedIndex), whole(p.Allocation), num(perHead), num(p.Share),
			num(p.Unconstrained), num(p.Base)}
		for _, v := range p.Contributions {
			row = append(row, num(v))
		}
		row = append(row, num(p.ConstraintAdjustment), num(p.RoundingAdjustment), text(p.Bound))
		out = append(out, row)
	}
	return out
}

// WriteCSV writes the results table as CSV, one row per place in
// need-rank order, with a header row.
func (r *Run) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	var header []string
	for _, h := range r.Header() {
		header = append(header, SafeCell(h))
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("allocation: write CSV: %w", err)
	}
	for _, row := range r.rows() {
		rec := make([]string, len(row))
		for i, c := range row {
			rec[i] = c.csv()
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("allocation: write CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("allocation: write CSV: %w", err)
	}
	return nil
}

// Sheet names of the XLSX workbook.
const (
	SheetAllocation = "Allocation"
	SheetAbout      = "About"
)

// WriteXLSX writes the results as an Excel workbook: the table on the
// Allocation sheet (text as text, never as formulas; numbers as numbers)
// and the formula, data version, notes and left-out places on About.
func (r *Run) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetAllocation); err != nil {
		return fmt.Errorf("allocation: write XLSX: %w", err)
	}
	put := func(sheet string, row int, cells []cell) error {
		for col, c := range cells {
			ref, err := excelize.CoordinatesToCellName(col+1, row)
			if err != nil {
				return err
			}
			switch {
			case !c.isNum:
				err = f.SetCellStr(sheet, ref, c.text)
			case math.IsNaN(c.num) || math.IsInf(c.num, 0):
				continue
			default:
				err = f.SetCellFloat(sheet, ref, c.num, -1, 64)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	var header []cell
	for _, h := range r.Header() {
		header = append(header, text(h))
	}
	if err := put(SheetAllocation, 1, header); err != nil {
		return fmt.Errorf("allocation: write XLSX: %w", err)
	}
	for i, row := range r.rows() {
		if err := put(SheetAllocation, i+2, row); err != nil {
			return fmt.Errorf("allocation: write XLSX: %w", err)
		}
	}
	if _, err := f.NewSheet(SheetAbout); err != nil {
		return fmt.Errorf("allocation: write XLSX: %w", err)
	}
	for i, row := range r.about() {
		if err := put(SheetAbout, i+1, row); err != nil {
			return fmt.Errorf("allocation: write XLSX: %w", err)
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("allocation: write XLSX: %w", err)
	}
	return nil
}

// about describes the run for the About sheet.
func (r *Run) about() [][]cell {
	d, res := r.Data, r.Result
	rows := [][]cell{
		{text("Formula"), text(res.Formula)},
		{text("Formula version"), count(res.Version)},
		{text("Description"), text(strings.TrimSpace(d.Formula.Description))},
		{text("Basis"), text(string(res.Basis))},
		{text("Pot (£)"), whole(r.Pot)},
		{text("Total allocated (£)"), whole(r.Total())},
		{text("Places"), count(len(res.Places))},
		{text("Data version"), text(d.DataVersion)},
		{},
		{text("Component"), text("Period"), text("Transform"), text("Direction"), text("Effective weight"),
			text("Places with a value"), text("Values filled with the median")},
	}
	for i, c := range res.Components {
		rows = append(rows, []cell{text(c.Key), text(d.Components[i].Period.String()), text(string(c.Transform)),
			text(string(c.Direction)), num(c.EffectiveWeight), count(d.Components[i].WithValue), count(c.Missing)})
	}
	if d.Population != nil {
		rows = append(rows, []cell{text("Population: " + d.Population.Indicator.ID), text(d.Population.Period.String())})
	}
	rows = append(rows, []cell{})
	for _, n := range r.Notes() {
		rows = append(rows, []cell{text("Note"), text(n)})
	}
	if len(d.Dropped) > 0 {
		rows = append(rows, []cell{}, []cell{text("Left out"), text("Name"), text("Reason")})
		for _, x := range d.Dropped {
			rows = append(rows, []cell{text(x.Code), text(x.Name), text(x.Reason)})
		}
	}
	return rows
}

// Notes are the engine's notes on the run and the notes on the data:
// values carried over from predecessor areas and the England-only rule.
func (r *Run) Notes() []string {
	notes := append([]string(nil), r.Result.Notes...)
	for i, c := range r.Data.Components {
		if c.Carried > 0 {
			notes = append(notes, fmt.Sprintf("components[%d] %s: %d %s taken from the areas they replaced (boundary changes)",
				i, c.Key(), c.Carried, numfmt.Plural(c.Carried, "place's value was", "places' values were")))
		}
	}
	if p := r.Data.Population; p != nil && p.Carried > 0 {
		notes = append(notes, fmt.Sprintf("population: %d %s taken from the areas they replaced (boundary changes)",
			p.Carried, numfmt.Plural(p.Carried, "place's figure was", "places' figures were")))
	}
	if r.Data.EnglandOnly {
		notes = append(notes, "At least one indicator covers England only, so the allocation is among English places only.")
	}
	return notes
}
