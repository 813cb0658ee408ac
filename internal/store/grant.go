package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/localup/localup"
)

// Grants lists grants matching f in source order: by dataset, then in the
// order the dataset gave them. Each grant lists all its areas, even when
// f.AreaCode picked it by one of them.
func (db *DB) Grants(ctx context.Context, f localup.GrantFilter) ([]localup.Grant, error) {
	var w where
	if f.Fund != "" {
		w.add("g.fund = ?", f.Fund)
	}
	if f.AreaCode != "" {
		w.add(`EXISTS (SELECT 1 FROM grant_areas ga
			WHERE ga.dataset_id = g.dataset_id AND ga.grant_seq = g.seq AND ga.area_code = ?)`, f.AreaCode)
	}
	type key struct {
		ds  string
		seq int
	}
	index := map[key]int{}
	gs, err := collect(ctx, db, `SELECT g.dataset_id, g.seq, g.fund, g.round, g.type, g.recipient, g.project,
		g.place_ref, g.amount, g.capital, g.revenue, g.year, g.line FROM grants g`+w.String()+
		` ORDER BY g.dataset_id, g.seq`, w.args, func(s scanner) (localup.Grant, error) {
		var g localup.Grant
		var seq int
		var typ string
		var capital, revenue sql.NullInt64
		err := s.Scan(&g.DatasetID, &seq, &g.Fund, &g.Round, &typ, &g.Recipient, &g.Project, &g.PlaceRef,
			&g.Amount, &capital, &revenue, &g.Year, &g.Line)
		g.Type, g.Capital, g.Revenue = localup.FundType(typ), moneyOrUnknown(capital), moneyOrUnknown(revenue)
		index[key{g.DatasetID, seq}] = len(index)
		return g, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: grants: %w", err)
	}
	if len(gs) == 0 {
		return gs, nil
	}
	rows, err := db.query(ctx, `SELECT g.dataset_id, g.seq, ga.area_code FROM grants g
		JOIN grant_areas ga ON ga.dataset_id = g.dataset_id AND ga.grant_seq = g.seq`+w.String()+
		` ORDER BY g.dataset_id, g.seq, ga.pos`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: grants: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k key
		var code string
		if err := rows.Scan(&k.ds, &k.seq, &code); err != nil {
			return nil, fmt.Errorf("store: grants: %w", err)
		}
		if i, ok := index[k]; ok {
			gs[i].AreaCodes = append(gs[i].AreaCodes, code)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: grants: %w", err)
	}
	return gs, nil
}
