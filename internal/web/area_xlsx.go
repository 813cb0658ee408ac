package web

import (
	"bytes"
	"fmt"
	"math"
	"net/http"

	"github.com/xuri/excelize/v2"

	"github.com/localup/localup"
)

// xlsxType is the media type of an Excel workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// areaXLSX answers GET /areas/{code}.xlsx: the profile as a workbook, the
// same rows as the CSV. Text is written as text cells (a spreadsheet never
// reads it as a formula, so it needs no neutralising) and numbers as numbers.
func (s *Server) areaXLSX(w http.ResponseWriter, r *http.Request, raw string) error {
	snap := s.snap()
	a, ok := snap.Area(raw)
	if !ok {
		return localup.Errorf(localup.ENOTFOUND, "There is no area with the code %q.", raw)
	}
	compare, err := snap.ParseCompare(r.URL.Query().Get("compare"))
	if err != nil {
		return err
	}
	p, _ := snap.Profile(a.Code)
	header, rows := profileTable(snap, p, compare)
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Profile"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("area XLSX %s: %w", a.Code, err)
	}
	set := func(col, row int, c tableCell) error {
		ref, err := excelize.CoordinatesToCellName(col+1, row)
		if err != nil {
			return err
		}
		if c.IsNum {
			if math.IsNaN(c.Number) || math.IsInf(c.Number, 0) {
				return nil
			}
			return f.SetCellFloat(sheet, ref, c.Number, -1, 64)
		}
		return f.SetCellStr(sheet, ref, c.Text)
	}
	for i, h := range header {
		if err := set(i, 1, tableCell{Text: h}); err != nil {
			return fmt.Errorf("area XLSX %s: %w", a.Code, err)
		}
	}
	for j, row := range rows {
		for i, c := range row {
			if err := set(i, j+2, c); err != nil {
				return fmt.Errorf("area XLSX %s: %w", a.Code, err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return fmt.Errorf("area XLSX %s: %w", a.Code, err)
	}
	return writeDownload(w, xlsxType, a.Code+"-profile.xlsx", buf.Bytes())
}
