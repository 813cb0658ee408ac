package localup

import "time"

// Dataset is one imported release of a publication, with its provenance.
// Version is a digest of its source files: importing the same files again
// changes nothing, and a new version replaces the old one whole.
type Dataset struct {
	ID         string // e.g. els_2024, lu_missions_ids
	Title      string
	Publisher  string
	Licence    string
	SourceURL  string
	Released   time.Time // the publisher's release date, which decides which release wins
	Version    string    // SHA-256 over the files' SHA-256s
	Files      []SourceFile
	ImportedAt time.Time
	Rows       int // observations stored for this dataset
}

// SourceFile is one file a dataset was read from.
type SourceFile struct {
	Path   string // relative to the data directory
	SHA256 string
	Bytes  int64
}

// ImportSummary reports what one dataset import did.
type ImportSummary struct {
	DatasetID    string
	Changed      bool // false when the same version was already imported
	Observations int
	Areas        int
	Indicators   int
	Periods      int
	Grants       int
	Duration     time.Duration
}
