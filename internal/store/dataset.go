package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/localup/localup"
)

const datasetColumns = "id, title, publisher, licence, source_url, released, version, imported_at, row_count"

func scanDataset(s scanner) (localup.Dataset, error) {
	var d localup.Dataset
	err := s.Scan(&d.ID, &d.Title, &d.Publisher, &d.Licence, &d.SourceURL, timeValue{&d.Released}, &d.Version,
		timeValue{&d.ImportedAt}, &d.Rows)
	return d, err
}

// Datasets lists imported datasets by ID, each with its files.
func (db *DB) Datasets(ctx context.Context) ([]localup.Dataset, error) {
	ds, err := collect(ctx, db, `SELECT `+datasetColumns+` FROM datasets ORDER BY id`, nil, scanDataset)
	if err != nil {
		return nil, fmt.Errorf("store: datasets: %w", err)
	}
	files, err := db.datasetFiles(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("store: datasets: %w", err)
	}
	for i := range ds {
		ds[i].Files = files[ds[i].ID]
	}
	return ds, nil
}

// Dataset returns one dataset with its files; ENOTFOUND if it was never
// imported.
func (db *DB) Dataset(ctx context.Context, id string) (localup.Dataset, error) {
	d, err := scanDataset(db.queryRow(ctx, `SELECT `+datasetColumns+` FROM datasets WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = localup.Errorf(localup.ENOTFOUND, "dataset %q not found", id)
	}
	if err != nil {
		return localup.Dataset{}, fmt.Errorf("store: dataset %s: %w", id, err)
	}
	files, err := db.datasetFiles(ctx, id)
	if err != nil {
		return localup.Dataset{}, fmt.Errorf("store: dataset %s: %w", id, err)
	}
	d.Files = files[id]
	return d, nil
}

// datasetFiles returns the files of one dataset, or of all for id "", by
// dataset, in the order they were given.
func (db *DB) datasetFiles(ctx context.Context, id string) (map[string][]localup.SourceFile, error) {
	var w where
	if id != "" {
		w.add("dataset_id = ?", id)
	}
	rows, err := db.query(ctx, `SELECT dataset_id, path, sha256, bytes FROM dataset_files`+w.String()+
		` ORDER BY dataset_id, seq`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	files := map[string][]localup.SourceFile{}
	for rows.Next() {
		var ds string
		var f localup.SourceFile
		if err := rows.Scan(&ds, &f.Path, &f.SHA256, &f.Bytes); err != nil {
			return nil, err
		}
		files[ds] = append(files[ds], f)
	}
	return files, rows.Err()
}
