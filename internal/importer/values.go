package importer

import (
	"math"
	"strconv"
	"strings"
)

// missingMarks are the publishers' shorthands for "no value": ONS uses
// x, .., : and the bracketed GSS codes [c] confidential, [x] not
// available, [z] not applicable; R exports write NA; blank is blank.
var missingMarks = map[string]bool{
	"": true, "NA": true, "na": true, "N/A": true, "x": true, "..": true, ":": true, "-": true,
	"[c]": true, "[x]": true, "[z]": true, "[low]": true, "[u]": true, "c": true, "z": true,
}

// number parses a published numeric cell. It returns NaN with the mark as
// reason for a documented missing-value shorthand, and ok=false for
// anything else that is not a number. Thousands separators are accepted.
func number(s string) (v float64, missing string, ok bool) {
	// Most cells are plain numbers: parse them before any map look-up.
	if s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '-' && len(s) > 1 || s[0] == '.' && len(s) > 1 && s != "..") {
		if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) {
			return f, "", true
		}
	}
	s = strings.TrimSpace(s)
	if missingMarks[s] {
		if s == "" {
			s = "blank"
		}
		return math.NaN(), s, true
	}
	if strings.Contains(s, ",") {
		s = strings.ReplaceAll(s, ",", "")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return math.NaN(), "", false
	}
	return f, "", true
}

// numberField parses column name of the current row, reporting a clear
// error naming the field when the cell is neither a number nor a missing
// mark.
func (c *csvFile) number(name string) (float64, string, error) {
	raw := c.get(name)
	v, miss, ok := number(raw)
	if !ok {
		return v, "", c.errf(name, "not a number: %q", raw)
	}
	return v, miss, nil
}
