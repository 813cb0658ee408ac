package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/localup/localup"
)

// Import writes b in one transaction. When a dataset with the same ID and
// Version is already stored it writes nothing and returns false. Otherwise
// it replaces everything the dataset contributed before. Areas are added
// when new and updated only when b.AreasAuthoritative; indicators are
// written when b's release is at least as new as the one that last
// described them. Observations, indicators and grants are recorded under
// b.Dataset.ID whatever their own DatasetID says. ECONFLICT names a key the
// batch repeats; EINVALID names an area or indicator that neither the batch
// nor the store has.
func (db *DB) Import(ctx context.Context, b *localup.Batch) (changed bool, err error) {
	if b == nil {
		return false, localup.Errorf(localup.EINVALID, "store: import: no batch")
	}
	id := b.Dataset.ID
	if err := checkBatch(b); err != nil {
		return false, fmt.Errorf("store: import %s: %w", id, err)
	}
	// Sorting and encoding the observations needs no database, so it is
	// done before the transaction takes the write lock. Its error waits
	// for the version check: a version already stored is not looked at.
	bs, setsErr := groupSets(id, b.Observations)
	err = db.Transact(ctx, func(tx *Tx) error {
		var version string
		switch err := tx.QueryRowContext(ctx, `SELECT version FROM datasets WHERE id = ?`, id).Scan(&version); {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		case version == b.Dataset.Version:
			return nil
		}
		if setsErr != nil {
			return setsErr
		}
		changed = true
		return db.importBatch(ctx, tx, b, bs)
	})
	if err != nil {
		return false, fmt.Errorf("store: import %s: %w", id, err)
	}
	return changed, nil
}

// importBatch does the writing; the order matters for the foreign keys.
func (db *DB) importBatch(ctx context.Context, tx *Tx, b *localup.Batch, bs batchSets) error {
	id := b.Dataset.ID
	steps := []struct {
		what string
		fn   func() error
	}{
		{"dataset", func() error { return db.upsertDataset(ctx, tx, b) }},
		{"areas", func() error { return insertAreas(ctx, tx, b.Areas, b.AreasAuthoritative) }},
		{"indicators", func() error { return upsertIndicators(ctx, tx, id, b.Dataset.Released, b.Indicators) }},
		{"previous version", func() error { return deleteContribution(ctx, tx, id) }},
		{"references", func() error { return checkReferences(ctx, tx, b, bs) }},
		{"observations", func() error { return insertSets(ctx, tx, id, bs.sets) }},
		{"code changes", func() error { return insertCodeChanges(ctx, tx, id, b.CodeChanges) }},
		{"grants", func() error { return insertGrants(ctx, tx, id, b.Grants) }},
		{"groups", func() error { return insertGroups(ctx, tx, id, b) }},
	}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			if isDomain(err) {
				return err
			}
			return fmt.Errorf("%s: %w", s.what, err)
		}
	}
	return nil
}

// contributionTables are the tables emptied of a dataset's rows before its
// new version is written. The dataset's own row is updated, not deleted,
// so ON DELETE CASCADE never fires: each table is named.
var contributionTables = []string{
	"observation_sets", "grant_areas", "grants", "area_groups", "group_descriptions", "published_neighbours", "code_changes",
}

func deleteContribution(ctx context.Context, tx *Tx, id string) error {
	for _, t := range contributionTables {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE dataset_id = ?`, id); err != nil {
			return fmt.Errorf("delete from %s: %w", t, err)
		}
	}
	return nil
}

func (db *DB) upsertDataset(ctx context.Context, tx *Tx, b *localup.Batch) error {
	d := b.Dataset
	_, err := tx.ExecContext(ctx, `
		INSERT INTO datasets (id, title, publisher, licence, source_url, released, version, imported_at, row_count)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET
			title = excluded.title, publisher = excluded.publisher, licence = excluded.licence,
			source_url = excluded.source_url, released = excluded.released, version = excluded.version,
			imported_at = excluded.imported_at, row_count = excluded.row_count`,
		d.ID, d.Title, d.Publisher, d.Licence, d.SourceURL, db.dialect.timeArg(d.Released), d.Version,
		db.dialect.timeArg(db.now()), len(b.Observations))
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM dataset_files WHERE dataset_id = ?`, d.ID); err != nil {
		return err
	}
	return insertRows(ctx, tx, "dataset_files", "dataset_id, seq, path, sha256, bytes", "", len(d.Files),
		func(i int, args []any) []any {
			f := d.Files[i]
			return append(args, d.ID, i, f.Path, f.SHA256, f.Bytes)
		})
}

func insertAreas(ctx context.Context, tx *Tx, areas []localup.Area, authoritative bool) error {
	onConflict := "ON CONFLICT (code) DO NOTHING"
	if authoritative {
		onConflict = `ON CONFLICT (code) DO UPDATE SET name = excluded.name, type = excluded.type,
			parent_code = excluded.parent_code, country = excluded.country,
			valid_from = excluded.valid_from, valid_to = excluded.valid_to`
	}
	return insertRows(ctx, tx, "areas", "code, name, type, parent_code, country, valid_from, valid_to", onConflict, len(areas),
		func(i int, args []any) []any {
			a := areas[i]
			return append(args, a.Code, a.Name, string(a.Type), a.ParentCode, a.Country, a.ValidFrom, a.ValidTo)
		})
}

const indicatorColumns = `id, title, subtitle, description, unit, measure, prefix, suffix, polarity, value_type,
	decimal_places, topic, sub_topic, mission, category, source, source_url, licence, caveats, dataset_id`

// upsertIndicators writes indicator metadata unless a newer release has
// already described the indicator.
func upsertIndicators(ctx context.Context, tx *Tx, id string, released time.Time, inds []localup.Indicator) error {
	rel := tx.db.dialect.timeArg(released)
	return insertRows(ctx, tx, "indicators", indicatorColumns+", released", `
		ON CONFLICT (id) DO UPDATE SET
			title = excluded.title, subtitle = excluded.subtitle, description = excluded.description,
			unit = excluded.unit, measure = excluded.measure, prefix = excluded.prefix, suffix = excluded.suffix,
			polarity = excluded.polarity, value_type = excluded.value_type,
			decimal_places = excluded.decimal_places, topic = excluded.topic, sub_topic = excluded.sub_topic,
			mission = excluded.mission, category = excluded.category, source = excluded.source,
			source_url = excluded.source_url, licence = excluded.licence, caveats = excluded.caveats,
			dataset_id = excluded.dataset_id, released = excluded.released
		WHERE excluded.released >= indicators.released`, len(inds),
		func(i int, args []any) []any {
			n := inds[i]
			return append(args, n.ID, n.Title, n.Subtitle, n.Description, n.Unit, n.Measure, n.Prefix, n.Suffix,
				int(n.Polarity), string(n.ValueType), n.DecimalPlaces, n.Topic, n.SubTopic, n.Mission, n.Category,
				n.Source, n.SourceURL, n.Licence, n.Caveats, id, rel)
		})
}
