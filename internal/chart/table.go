package chart

// Table is the data of a chart as rows of text, for the HTML table that
// sits beside it. Cells are plain text: the caller's template escapes them.
type Table struct {
	Caption string
	Head    []string
	Rows    [][]string
	Numeric []bool // per column: right-align as GOV.UK numeric cells
}
