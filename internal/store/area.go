package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/localup/localup"
)

const areaColumns = "code, name, type, parent_code, country, valid_from, valid_to"

// areaTypeOrder sorts area types in localup.AreaTypes order, widest first.
var areaTypeOrder = func() string {
	var b strings.Builder
	b.WriteString("CASE type")
	for i, t := range localup.AreaTypes {
		// The types are package constants of lower-case letters and _.
		b.WriteString(" WHEN '" + string(t) + "' THEN " + strconv.Itoa(i))
	}
	b.WriteString(" ELSE " + strconv.Itoa(len(localup.AreaTypes)) + " END")
	return b.String()
}()

func scanArea(s scanner) (localup.Area, error) {
	var a localup.Area
	var typ string
	err := s.Scan(&a.Code, &a.Name, &typ, &a.ParentCode, &a.Country, &a.ValidFrom, &a.ValidTo)
	a.Type = localup.AreaType(typ)
	return a, err
}

// Areas lists areas matching f, ordered by type (widest first, as
// localup.AreaTypes lists them), then name. Query matches a
// case-insensitive substring of the name or a prefix of the code.
func (db *DB) Areas(ctx context.Context, f localup.AreaFilter) ([]localup.Area, error) {
	var w where
	if f.Type != "" {
		w.add("type = ?", string(f.Type))
	}
	if f.ParentCode != "" {
		w.add("parent_code = ?", f.ParentCode)
	}
	if f.Country != "" {
		w.add("country = ?", f.Country)
	}
	if f.Query != "" {
		w.add(`(lower(name) LIKE ? ESCAPE '\' OR code LIKE ? ESCAPE '\')`,
			contains(f.Query), likeEscaper.Replace(strings.ToUpper(f.Query))+"%")
	}
	if f.Current {
		w.add("valid_to = 0")
	}
	q := `SELECT ` + areaColumns + ` FROM areas` + w.String() + ` ORDER BY ` + areaTypeOrder + `, name, code`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		w.args = append(w.args, f.Limit)
	}
	as, err := collect(ctx, db, q, w.args, scanArea)
	if err != nil {
		return nil, fmt.Errorf("store: areas: %w", err)
	}
	return as, nil
}

// Area returns one area by code; ENOTFOUND if unknown.
func (db *DB) Area(ctx context.Context, code string) (localup.Area, error) {
	a, err := scanArea(db.queryRow(ctx, `SELECT `+areaColumns+` FROM areas WHERE code = ?`, code))
	if errors.Is(err, sql.ErrNoRows) {
		err = localup.Errorf(localup.ENOTFOUND, "area %q not found", code)
	}
	if err != nil {
		return localup.Area{}, fmt.Errorf("store: area %s: %w", code, err)
	}
	return a, nil
}

// CodeChanges lists every recorded code change, oldest first; changes of
// the same year keep the order their dataset gave them.
func (db *DB) CodeChanges(ctx context.Context) ([]localup.CodeChange, error) {
	cs, err := collect(ctx, db, `SELECT old_code, old_name, new_code, new_name, type, year FROM code_changes
		ORDER BY year, dataset_id, seq`, nil, func(s scanner) (localup.CodeChange, error) {
		var c localup.CodeChange
		var typ string
		err := s.Scan(&c.OldCode, &c.OldName, &c.NewCode, &c.NewName, &typ, &c.Year)
		c.Type = localup.ChangeType(typ)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: code changes: %w", err)
	}
	return cs, nil
}
