package localup

// FundType says how a grant was decided.
type FundType string

// Fund types.
const (
	FundCompetitive = FundType("competitive") // places bid against each other
	FundFormula     = FundType("formula")     // allocated by a needs formula
	FundRingFenced  = FundType("ring_fenced") // formula money with conditions on its use
)

// Grant is money from a central fund to a place: one awarded bid or one
// formula allocation. A bid led by one council for several districts lists
// every district in AreaCodes; PlaceRef keeps the publisher's own key where
// the source has no area code (the Towns Fund's place abbreviations).
type Grant struct {
	DatasetID string
	Fund      string // e.g. "Levelling Up Fund"
	Round     string // e.g. "1"
	Type      FundType
	Recipient string // as published
	Project   string
	AreaCodes []string
	PlaceRef  string
	Amount    int64 // whole pounds
	Capital   int64 // capital (CDEL) part, where published; -1 if not
	Revenue   int64 // revenue (RDEL) part, where published; -1 if not
	Year      int   // year announced
	Line      int   // line in the source file, for tracing a figure back
}

// GrantFilter selects grants. Zero fields do not filter.
type GrantFilter struct {
	Fund     string
	AreaCode string
}
