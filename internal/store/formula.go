package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/localup/localup"
)

var _ localup.FormulaStore = (*DB)(nil)

const formulaColumns = "name, version, document, created_at"

func scanFormula(s scanner) (localup.SavedFormula, error) {
	var f localup.SavedFormula
	err := s.Scan(&f.Name, &f.Version, &f.Document, timeValue{&f.CreatedAt})
	return f, err
}

// saveAttempts bounds the retries of SaveFormula. Two saves of one name
// at once can both read the same highest version; the primary key makes
// the second fail with a conflict, and trying again gives it the next
// version. Each round at least one contender wins, so this many attempts
// suffice for that many simultaneous saves of one name.
const saveAttempts = 16

// SaveFormula stores document as the next version of name.
func (db *DB) SaveFormula(ctx context.Context, name, document string) (localup.SavedFormula, error) {
	if err := localup.ValidateSavedFormula(name, document); err != nil {
		return localup.SavedFormula{}, fmt.Errorf("store: save formula %q: %w", name, err)
	}
	f := localup.SavedFormula{Name: name, Document: document, CreatedAt: db.now()}
	var err error
	for range saveAttempts {
		// One statement, so that reading the highest version and
		// inserting the next cannot be split by another writer on SQLite,
		// and on PostgreSQL a race ends in a unique violation, not a gap.
		err = db.queryRow(ctx, `INSERT INTO formulas (name, version, document, created_at)
			SELECT ?, coalesce(max(version), 0) + 1, ?, ? FROM formulas WHERE name = ?
			RETURNING version`, name, document, db.dialect.timeArg(f.CreatedAt), name).Scan(&f.Version)
		err = db.dialect.mapError(err)
		if localup.ErrorCode(err) != localup.ECONFLICT {
			break
		}
	}
	if err != nil {
		return localup.SavedFormula{}, fmt.Errorf("store: save formula %q: %w", name, err)
	}
	return f, nil
}

// Formula returns one version of a saved formula, the latest for version 0.
func (db *DB) Formula(ctx context.Context, name string, version int) (localup.SavedFormula, error) {
	var row *sql.Row
	if version == 0 {
		row = db.queryRow(ctx, `SELECT `+formulaColumns+` FROM formulas WHERE name = ?
			ORDER BY version DESC LIMIT 1`, name)
	} else {
		row = db.queryRow(ctx, `SELECT `+formulaColumns+` FROM formulas WHERE name = ? AND version = ?`, name, version)
	}
	f, err := scanFormula(row)
	if errors.Is(err, sql.ErrNoRows) {
		if version == 0 {
			err = localup.Errorf(localup.ENOTFOUND, "No formula is saved with the name %q.", name)
		} else {
			err = localup.Errorf(localup.ENOTFOUND, "The formula %q has no version %d.", name, version)
		}
	}
	if err != nil {
		return localup.SavedFormula{}, fmt.Errorf("store: formula %q version %d: %w", name, version, err)
	}
	return f, nil
}

// FormulaVersions lists every version of name, oldest first.
func (db *DB) FormulaVersions(ctx context.Context, name string) ([]localup.SavedFormula, error) {
	fs, err := collect(ctx, db, `SELECT `+formulaColumns+` FROM formulas WHERE name = ? ORDER BY version`,
		[]any{name}, scanFormula)
	if err != nil {
		return nil, fmt.Errorf("store: formula versions %q: %w", name, err)
	}
	return fs, nil
}

// Formulas lists the latest version of every saved name, by name.
func (db *DB) Formulas(ctx context.Context) ([]localup.SavedFormula, error) {
	fs, err := collect(ctx, db, `SELECT `+formulaColumns+` FROM formulas f
		WHERE version = (SELECT max(version) FROM formulas g WHERE g.name = f.name)`, nil, scanFormula)
	if err != nil {
		return nil, fmt.Errorf("store: formulas: %w", err)
	}
	// Sorted here rather than in SQL: PostgreSQL's text order follows the
	// database's locale, and both stores must list names alike.
	slices.SortFunc(fs, func(a, b localup.SavedFormula) int { return cmp.Compare(a.Name, b.Name) })
	return fs, nil
}
