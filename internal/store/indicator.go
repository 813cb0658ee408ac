package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/localup/localup"
)

func scanIndicator(s scanner) (localup.Indicator, error) {
	var n localup.Indicator
	var polarity int
	var valueType string
	err := s.Scan(&n.ID, &n.Title, &n.Subtitle, &n.Description, &n.Unit, &n.Measure, &n.Prefix, &n.Suffix,
		&polarity, &valueType, &n.DecimalPlaces, &n.Topic, &n.SubTopic, &n.Mission, &n.Category, &n.Source,
		&n.SourceURL, &n.Licence, &n.Caveats, &n.DatasetID)
	n.Polarity, n.ValueType = localup.Polarity(polarity), localup.ValueType(valueType)
	return n, err
}

// Indicators lists indicators matching f, ordered by topic then title.
// Query matches a case-insensitive substring of the title or the ID.
func (db *DB) Indicators(ctx context.Context, f localup.IndicatorFilter) ([]localup.Indicator, error) {
	var w where
	if f.Topic != "" {
		w.add("topic = ?", f.Topic)
	}
	if f.Mission != 0 {
		w.add("mission = ?", f.Mission)
	}
	if f.Query != "" {
		p := contains(f.Query)
		w.add(`(lower(title) LIKE ? ESCAPE '\' OR lower(id) LIKE ? ESCAPE '\')`, p, p)
	}
	ns, err := collect(ctx, db, `SELECT `+indicatorColumns+` FROM indicators`+w.String()+
		` ORDER BY topic, title, id`, w.args, scanIndicator)
	if err != nil {
		return nil, fmt.Errorf("store: indicators: %w", err)
	}
	return ns, nil
}

// Indicator returns one indicator; ENOTFOUND if unknown.
func (db *DB) Indicator(ctx context.Context, id string) (localup.Indicator, error) {
	n, err := scanIndicator(db.queryRow(ctx, `SELECT `+indicatorColumns+` FROM indicators WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = localup.Errorf(localup.ENOTFOUND, "indicator %q not found", id)
	}
	if err != nil {
		return localup.Indicator{}, fmt.Errorf("store: indicator %s: %w", id, err)
	}
	return n, nil
}
