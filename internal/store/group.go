package store

import (
	"context"
	"fmt"

	"github.com/localup/localup"
)

// schemeWhere filters by scheme unless scheme is "" (all schemes).
func schemeWhere(scheme string) where {
	var w where
	if scheme != "" {
		w.add("scheme = ?", scheme)
	}
	return w
}

// AreaGroups lists the groups of a classification scheme ("" for all),
// ordered by scheme, group and area.
func (db *DB) AreaGroups(ctx context.Context, scheme string) ([]localup.AreaGroup, error) {
	w := schemeWhere(scheme)
	gs, err := collect(ctx, db, `SELECT scheme, group_name, area_code FROM area_groups`+w.String()+
		` ORDER BY scheme, group_name, area_code, dataset_id`, w.args, func(s scanner) (localup.AreaGroup, error) {
		var g localup.AreaGroup
		err := s.Scan(&g.Scheme, &g.Group, &g.AreaCode)
		return g, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: area groups %s: %w", scheme, err)
	}
	return gs, nil
}

// GroupDescriptions lists the descriptions of a scheme's groups ("" for
// all), ordered by scheme and group.
func (db *DB) GroupDescriptions(ctx context.Context, scheme string) ([]localup.GroupDescription, error) {
	w := schemeWhere(scheme)
	ds, err := collect(ctx, db, `SELECT scheme, group_name, description FROM group_descriptions`+w.String()+
		` ORDER BY scheme, group_name, dataset_id`, w.args, func(s scanner) (localup.GroupDescription, error) {
		var d localup.GroupDescription
		err := s.Scan(&d.Scheme, &d.Group, &d.Description)
		return d, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: group descriptions %s: %w", scheme, err)
	}
	return ds, nil
}

// PublishedNeighbours lists a scheme's neighbour lists ("" for all),
// ordered by scheme, area, then rank.
func (db *DB) PublishedNeighbours(ctx context.Context, scheme string) ([]localup.PublishedNeighbour, error) {
	w := schemeWhere(scheme)
	ns, err := collect(ctx, db, `SELECT scheme, area_code, rank_no, neighbour FROM published_neighbours`+w.String()+
		` ORDER BY scheme, area_code, rank_no, dataset_id`, w.args, func(s scanner) (localup.PublishedNeighbour, error) {
		var n localup.PublishedNeighbour
		err := s.Scan(&n.Scheme, &n.AreaCode, &n.Rank, &n.Neighbour)
		return n, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: published neighbours %s: %w", scheme, err)
	}
	return ns, nil
}
