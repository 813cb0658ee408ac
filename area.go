package localup

import "strings"

// AreaType is the kind of geography an area code names.
type AreaType string

// Area types, from widest to narrowest. LAD covers every lower-tier or
// unitary local authority in the four nations (E06, E07, E08, E09, W06,
// S12, N09), since that is the level at which councils are compared.
const (
	AreaUK                = AreaType("uk")                 // K02 UK, K03 GB, K04 England and Wales
	AreaCountry           = AreaType("country")            // E92, W92, S92, N92
	AreaRegion            = AreaType("region")             // E12 English regions
	AreaITL1              = AreaType("itl1")               // TL* International Territorial Level 1
	AreaCombinedAuthority = AreaType("combined_authority") // E47
	AreaCounty            = AreaType("county")             // E10 shire counties, E11 metropolitan counties, E13 Inner/Outer London
	AreaLAD               = AreaType("lad")                // local authority districts and unitaries
	AreaPoliceForce       = AreaType("police_force")       // E23, W15
	AreaLSOA              = AreaType("lsoa")               // E01, W01 lower layer super output areas
	AreaOther             = AreaType("other")
)

// AreaTypes lists every area type in display order.
var AreaTypes = []AreaType{AreaUK, AreaCountry, AreaRegion, AreaITL1, AreaCombinedAuthority,
	AreaCounty, AreaLAD, AreaPoliceForce, AreaLSOA, AreaOther}

// Label is the plain-English name of the type, plural for listings.
func (t AreaType) Label() string {
	switch t {
	case AreaUK:
		return "United Kingdom and Great Britain"
	case AreaCountry:
		return "Countries"
	case AreaRegion:
		return "Regions of England"
	case AreaITL1:
		return "ITL1 regions"
	case AreaCombinedAuthority:
		return "Combined authorities"
	case AreaCounty:
		return "Counties"
	case AreaLAD:
		return "Local authorities"
	case AreaPoliceForce:
		return "Police force areas"
	case AreaLSOA:
		return "Neighbourhoods (LSOAs)"
	}
	return "Other areas"
}

// Valid reports whether t is a known area type.
func (t AreaType) Valid() bool {
	for _, k := range AreaTypes {
		if k == t {
			return true
		}
	}
	return false
}

// Area is a place with an official GSS code.
type Area struct {
	Code       string // nine-character GSS code, e.g. E06000001
	Name       string
	Type       AreaType
	ParentCode string // region for an English LAD, country for Welsh, Scottish and NI LADs
	Country    string // E92000001, W92000004, S92000003, N92000002; "" for UK-wide groupings
	ValidFrom  int    // first year the code was in use; 0 if unknown
	ValidTo    int    // last year the code was in use; 0 while current
}

// Current reports whether the area's code is still in use.
func (a Area) Current() bool { return a.ValidTo == 0 }

// Codes of the four nations and the UK, used as benchmarks.
const (
	CodeUK              = "K02000001"
	CodeEngland         = "E92000001"
	CodeWales           = "W92000004"
	CodeScotland        = "S92000003"
	CodeNorthernIreland = "N92000002"
)

// ClassifyCode infers the area type from a GSS code's three-character
// prefix, as ONS's code history database defines them.
func ClassifyCode(code string) AreaType {
	if strings.HasPrefix(code, "TL") {
		return AreaITL1
	}
	if len(code) < 3 {
		return AreaOther
	}
	switch code[:3] {
	case "K02", "K03", "K04":
		return AreaUK
	case "E92", "W92", "S92", "N92":
		return AreaCountry
	case "E12":
		return AreaRegion
	case "E47":
		return AreaCombinedAuthority
	case "E10", "E11", "E13":
		return AreaCounty
	case "E06", "E07", "E08", "E09", "W06", "S12", "N09":
		return AreaLAD
	case "E23", "W15":
		return AreaPoliceForce
	case "E01", "W01":
		return AreaLSOA
	}
	return AreaOther
}

// CountryOf returns the nation code implied by a GSS code's first letter.
func CountryOf(code string) string {
	if len(code) == 0 {
		return ""
	}
	switch code[0] {
	case 'E':
		return CodeEngland
	case 'W':
		return CodeWales
	case 'S':
		return CodeScotland
	case 'N':
		return CodeNorthernIreland
	}
	return ""
}

// ValidCode reports whether s has the shape of a GSS code: a letter, eight
// digits. ITL codes (TLC, TLD...) are accepted too since ONS files use them.
func ValidCode(s string) bool {
	if strings.HasPrefix(s, "TL") && len(s) >= 3 && len(s) <= 5 {
		return true
	}
	if len(s) != 9 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < 9; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ChangeType says how a code change happened.
type ChangeType string

// Code change types, as ONS's geography change tables name them.
const (
	ChangeMerger      = ChangeType("merger")      // several old areas became one new area
	ChangeNewCode     = ChangeType("new_code")    // same area, new code (often a boundary tweak)
	ChangeNewGeo      = ChangeType("new_geo")     // a new grouping that contains the old area
	ChangeTermination = ChangeType("termination") // the old area ended with no successor
	ChangeRename      = ChangeType("rename")      // same code, new name
)

// CodeChange is one edge of area lineage: OldCode was replaced by NewCode
// from the start of Year. A series can be followed across it.
type CodeChange struct {
	OldCode string
	OldName string
	NewCode string
	NewName string
	Type    ChangeType
	Year    int
}

// AreaFilter selects areas. Zero fields do not filter.
type AreaFilter struct {
	Type       AreaType
	ParentCode string
	Country    string
	Query      string // case-insensitive substring of the name or a code prefix
	Current    bool   // only codes still in use
	Limit      int
}
