package localup

import "context"

// Batch is everything one dataset import contributes. The store writes a
// batch in one transaction: either all of it replaces the dataset's earlier
// contribution, or nothing changes.
type Batch struct {
	Dataset Dataset
	// Areas are inserted if their code is new. When AreasAuthoritative is
	// set (the official names-and-codes lookups), existing areas are
	// updated too; other datasets never rename an area.
	Areas              []Area
	AreasAuthoritative bool
	// Indicators are inserted, or updated when this dataset's release is at
	// least as new as the release that last described them.
	Indicators   []Indicator
	Observations []Observation
	CodeChanges  []CodeChange
	Grants       []Grant
	Groups       []AreaGroup
	Descriptions []GroupDescription
	Neighbours   []PublishedNeighbour
}

// Store reads and writes the evidence base. Implementations return *Error
// values: ENOTFOUND for a missing single item, EINVALID for input that
// breaks a rule, ECONFLICT for a duplicate key, EINTERNAL otherwise.
type Store interface {
	// Ping checks that the database can be reached.
	Ping(ctx context.Context) error
	// Close releases the connection pool.
	Close() error

	// Import writes b in one transaction. When a dataset with the same ID
	// and Version is already stored it writes nothing and returns false.
	// Otherwise it deletes every observation, grant, group, neighbour and
	// code change that the dataset's previous version contributed and
	// writes the new ones; readers see the old version until it commits.
	// ECONFLICT when the batch repeats a key; EINVALID when an observation
	// names an area or indicator that neither the batch nor the store has.
	Import(ctx context.Context, b *Batch) (changed bool, err error)

	// Datasets lists imported datasets by ID.
	Datasets(ctx context.Context) ([]Dataset, error)
	// Dataset returns one dataset; ENOTFOUND if it was never imported.
	Dataset(ctx context.Context, id string) (Dataset, error)

	// Areas lists areas matching f, ordered by type then name.
	Areas(ctx context.Context, f AreaFilter) ([]Area, error)
	// Area returns one area by code; ENOTFOUND if unknown.
	Area(ctx context.Context, code string) (Area, error)
	// CodeChanges lists every recorded code change, oldest first.
	CodeChanges(ctx context.Context) ([]CodeChange, error)

	// Indicators lists indicators matching f, ordered by topic then title.
	Indicators(ctx context.Context, f IndicatorFilter) ([]Indicator, error)
	// Indicator returns one indicator; ENOTFOUND if unknown.
	Indicator(ctx context.Context, id string) (Indicator, error)

	// Observations calls fn for every stored observation matching f, in no
	// promised order, every release included: resolving which release wins
	// is the reader's job (see Resolve). An error from fn stops the scan
	// and is returned.
	Observations(ctx context.Context, f ObservationFilter, fn func(Observation) error) error
	// CountObservations counts the observations matching f.
	CountObservations(ctx context.Context, f ObservationFilter) (int, error)

	// Grants lists grants matching f in source order.
	Grants(ctx context.Context, f GrantFilter) ([]Grant, error)
	// AreaGroups lists the groups of a classification scheme ("" for all).
	AreaGroups(ctx context.Context, scheme string) ([]AreaGroup, error)
	// GroupDescriptions lists the descriptions of a scheme's groups ("" for all).
	GroupDescriptions(ctx context.Context, scheme string) ([]GroupDescription, error)
	// PublishedNeighbours lists a scheme's neighbour lists ("" for all),
	// ordered by area then rank.
	PublishedNeighbours(ctx context.Context, scheme string) ([]PublishedNeighbour, error)
}
