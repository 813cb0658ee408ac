package importer

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/localup/localup"
)

// The lookups dataset defines the areas every other dataset is checked
// against: the ONS hierarchy used by Explore Local Statistics (which keeps
// abolished areas with their start and end years), the ONS names-and-codes
// lists of each vintage (newest name wins), and the code changes between
// vintages as lineage.

// hierarchyFile is lookups/els_geo_hierarchy.json.
type hierarchyEntry struct {
	Code     string   `json:"areacd"`
	Name     string   `json:"areanm"`
	Level    []string `json:"level"`
	Parents  []string `json:"parents"`
	Children []string `json:"children"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
}

// nameLists are applied oldest first so that the newest vintage's names win.
var nameLists = []string{
	"lookups/ons_names_codes_ctry22.csv",
	"lookups/ons_names_codes_rgn22.csv",
	"lookups/ons_names_codes_cty23.csv",
	"lookups/ons_names_codes_cauth24.csv",
	"lookups/ons_names_codes_cauth25.csv",
	"lookups/ons_names_codes_ltla22.csv",
	"lookups/ons_names_codes_ltla23.csv",
	"lookups/ons_names_codes_ltla25.csv",
}

// groupings ONS uses above country level; they are in no lookup file but
// are official GSS codes (ONS Code History Database).
var ukGroupings = []localup.Area{
	{Code: "K02000001", Name: "United Kingdom", Type: localup.AreaUK},
	{Code: "K03000001", Name: "Great Britain", Type: localup.AreaUK, ParentCode: "K02000001"},
	{Code: "K04000001", Name: "England and Wales", Type: localup.AreaUK, ParentCode: "K02000001"},
}

func readLookups(im *Importer, b *builder) error {
	b.batch.AreasAuthoritative = true
	areas := map[string]localup.Area{}
	for _, a := range ukGroupings {
		areas[a.Code] = a
	}
	raw, sf, err := im.readFile("lookups/els_geo_hierarchy.json")
	if err != nil {
		return err
	}
	b.file(sf)
	var h map[string]hierarchyEntry
	if err := json.Unmarshal(raw, &h); err != nil {
		return invalid(sf.Path, 0, "", "not valid JSON: %v", err)
	}
	codes := make([]string, 0, len(h))
	for code := range h {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		e := h[code]
		if e.Code != code || !localup.ValidCode(code) {
			return invalid(sf.Path, 0, code, "entry has area code %q under key %q", e.Code, code)
		}
		a := localup.Area{Code: code, Name: e.Name, Type: localup.ClassifyCode(code),
			Country: localup.CountryOf(code), ValidFrom: e.Start, ValidTo: e.End}
		a.ParentCode = parentOf(a, e.Parents)
		if a.Type == localup.AreaUK {
			a.Country = ""
		}
		areas[code] = a
	}
	for _, rel := range nameLists {
		err := eachRow(im, b, rel, []string{"areacd", "areanm"}, func(c *csvFile) error {
			code, name := c.get("areacd"), c.get("areanm")
			if !localup.ValidCode(code) {
				return c.errf("areacd", "%q is not an ONS area code", code)
			}
			if name == "" {
				return c.errf("areanm", "empty area name")
			}
			a, ok := areas[code]
			if !ok {
				a = localup.Area{Code: code, Type: localup.ClassifyCode(code), Country: localup.CountryOf(code)}
			}
			a.Name = name
			areas[code] = a
			return nil
		})
		if err != nil {
			return err
		}
	}
	// Regions and countries: the hierarchy lists Wales, Scotland and
	// Northern Ireland as both; they are countries.
	for code, a := range areas {
		switch a.Type {
		case localup.AreaRegion, localup.AreaCounty, localup.AreaCombinedAuthority:
			if a.ParentCode == "" {
				a.ParentCode = localup.CodeEngland
			}
		case localup.AreaCountry:
			a.ParentCode = localup.CodeUK
		}
		areas[code] = a
	}
	codes = codes[:0]
	for code := range areas {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		b.addArea(areas[code])
	}
	return readCodeChanges(im, b, areas)
}

// parentOf picks the parent shown for an area: a local authority's region
// in England, or its country elsewhere; a region's country.
func parentOf(a localup.Area, parents []string) string {
	want := []localup.AreaType{localup.AreaRegion, localup.AreaCountry}
	if a.Type == localup.AreaRegion || a.Type == localup.AreaCountry {
		want = []localup.AreaType{localup.AreaCountry, localup.AreaUK}
	}
	for _, t := range want {
		for _, p := range parents {
			if p != a.Code && localup.ClassifyCode(p) == t {
				return p
			}
		}
	}
	return ""
}

// readCodeChanges reads the 2014-2025 change table and the April 2023
// change list. The 2019 Glasgow and North Lanarkshire rows are typed
// new_geo in the source but are recodes (data README, caveats): they are
// recorded as new_code.
func readCodeChanges(im *Importer, b *builder, areas map[string]localup.Area) error {
	seen := map[[2]string]bool{}
	add := func(c *csvFile, ch localup.CodeChange) error {
		if !localup.ValidCode(ch.OldCode) {
			return c.errf("oldcd", "%q is not an ONS area code", ch.OldCode)
		}
		if ch.NewCode != "" && !localup.ValidCode(ch.NewCode) {
			return c.errf("newcd", "%q is not an ONS area code", ch.NewCode)
		}
		k := [2]string{ch.OldCode, ch.NewCode}
		if seen[k] {
			return nil
		}
		seen[k] = true
		b.batch.CodeChanges = append(b.batch.CodeChanges, ch)
		return nil
	}
	err := eachRow(im, b, "lookups/geography_changes_2014-2025.csv", []string{"oldcd", "oldnm", "newcd", "newnm", "type", "start"}, func(c *csvFile) error {
		year, err := strconv.Atoi(c.get("start"))
		if err != nil {
			return c.errf("start", "not a year: %q", c.get("start"))
		}
		t := localup.ChangeType(c.get("type"))
		switch t {
		case localup.ChangeMerger, localup.ChangeNewCode, localup.ChangeNewGeo, localup.ChangeTermination:
		default:
			return c.errf("type", "unknown change type %q (want merger, new_code, new_geo or termination)", t)
		}
		ch := localup.CodeChange{OldCode: c.get("oldcd"), OldName: c.get("oldnm"), NewCode: c.get("newcd"),
			NewName: c.get("newnm"), Type: t, Year: year}
		if t == localup.ChangeNewGeo && localup.ClassifyCode(ch.OldCode) == localup.AreaLAD &&
			localup.ClassifyCode(ch.NewCode) == localup.AreaLAD {
			ch.Type = localup.ChangeNewCode // the documented Glasgow / North Lanarkshire mis-typing
		}
		return add(c, ch)
	})
	if err != nil {
		return err
	}
	err = eachRow(im, b, "lookups/lad_changes_2023.csv", []string{"areacd", "areanm", "newcd", "year"}, func(c *csvFile) error {
		year, err := strconv.Atoi(c.get("year"))
		if err != nil {
			return c.errf("year", "not a year: %q", c.get("year"))
		}
		ch := localup.CodeChange{OldCode: c.get("areacd"), OldName: c.get("areanm"), NewCode: c.get("newcd"),
			Type: localup.ChangeMerger, Year: year}
		ch.NewName = areas[ch.NewCode].Name
		return add(c, ch)
	})
	if err != nil {
		return err
	}
	for _, ch := range b.batch.CodeChanges {
		for _, code := range []string{ch.OldCode, ch.NewCode} {
			if _, ok := areas[code]; code != "" && !ok {
				return fmt.Errorf("lookups: code change %s → %s names %s, which no lookup defines", ch.OldCode, ch.NewCode, code)
			}
		}
	}
	return nil
}
