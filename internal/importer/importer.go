// Package importer reads the official datasets in a data directory, checks
// every row, and writes each dataset to a localup.Store in one transaction.
// One file per source format; each reports bad input by file, line and
// field and never half-writes.
package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/localup/localup"
)

// Importer imports datasets from a data directory into a store.
type Importer struct {
	Store    localup.Store
	DataDir  string
	Log      *slog.Logger
	Progress io.Writer // where progress lines go for long imports; nil for none
	Now      func() time.Time

	cat     *catalogue                    // the mission catalogue, read once per run
	digests map[string]localup.SourceFile // provenance of the files digested for this dataset's version
}

// New returns an importer reading dir and writing to s.
func New(s localup.Store, dir string) *Importer {
	return &Importer{Store: s, DataDir: dir, Log: slog.New(slog.DiscardHandler), Now: time.Now}
}

// source is one dataset the importer knows how to read.
type source struct {
	id        string
	title     string
	publisher string
	licence   string
	url       string
	released  time.Time
	main      string   // the file whose presence means the dataset is in the data directory
	files     []string // every file read, relative to the data directory
	read      func(im *Importer, b *builder) error
}

// Sources lists the datasets in import order: the lookups first, since
// every other dataset's area codes are checked against them.
func (im *Importer) sources() ([]source, error) {
	srcs := []source{lookupsSource, els2024Source}
	entries, err := os.ReadDir(filepath.Join(im.DataDir, "lu_missions_ids"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("list lu_missions_ids: %w", err)
	}
	for _, e := range entries {
		if s, ok := idsSource(e.Name()); ok {
			srcs = append(srcs, s)
		}
	}
	srcs = append(srcs, elsCurrentSources...)
	srcs = append(srcs, populationSource, imdSource, fundingSource, clustersSource, otherSource, boundariesSource)
	return srcs, nil
}

// ImportAll imports every known dataset found in the data directory, in
// dependency order, and returns one summary per dataset. A dataset whose
// files are all absent is skipped; one with some files missing is an
// error. It stops at the first dataset that fails; datasets already
// imported stay imported, and the failing one leaves the store as it was.
func (im *Importer) ImportAll(ctx context.Context) ([]localup.ImportSummary, error) {
	if st, err := os.Stat(im.DataDir); err != nil || !st.IsDir() {
		return nil, localup.Errorf(localup.EINVALID,
			"data directory %s not found: localup imports the open datasets described in shared/data/README.md "+
				"(ONS Explore Local Statistics, subnational indicators, lookups, deprivation, population, funding, clusters); "+
				"set --data or LOCALUP_DATA to the folder that holds them", im.DataDir)
	}
	srcs, err := im.sources()
	if err != nil {
		return nil, err
	}
	if !im.present(lookupsSource) {
		return nil, missingFile(im.DataDir, lookupsSource.main, os.ErrNotExist)
	}
	var out []localup.ImportSummary
	for i, s := range srcs {
		if !im.present(s) {
			im.Log.Info("dataset not in data directory; skipped", "dataset", s.id)
			continue
		}
		if im.Progress != nil {
			fmt.Fprintf(im.Progress, "\r[%d/%d] importing %-60s", i+1, len(srcs), s.id)
		}
		sum, err := im.importSource(ctx, s)
		if err != nil {
			if im.Progress != nil {
				fmt.Fprintln(im.Progress)
			}
			return out, fmt.Errorf("import %s: %w", s.id, err)
		}
		out = append(out, sum)
	}
	if im.Progress != nil {
		fmt.Fprintf(im.Progress, "\r%-80s\r", "")
	}
	return out, nil
}

// present reports whether the source's main file exists; a dataset with
// its main file but another missing fails with an error naming that file.
func (im *Importer) present(s source) bool {
	_, err := os.Stat(filepath.Join(im.DataDir, s.main))
	return err == nil
}

// version digests the source's files; equal digests mean equal input.
func (im *Importer) version(s source) (string, error) {
	h := sha256.New()
	files := slices.Clone(s.files)
	slices.Sort(files)
	im.digests = make(map[string]localup.SourceFile, len(files))
	for _, rel := range files {
		f, err := os.Open(filepath.Join(im.DataDir, rel))
		if err != nil {
			return "", missingFile(im.DataDir, rel, err)
		}
		fh := sha256.New()
		n, err := io.Copy(fh, f)
		f.Close()
		if err != nil {
			return "", fmt.Errorf("read %s: %w", rel, err)
		}
		sum := fh.Sum(nil)
		im.digests[rel] = localup.SourceFile{Path: rel, SHA256: hex.EncodeToString(sum), Bytes: n}
		fmt.Fprintf(h, "%s %x\n", rel, sum)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// importSource reads one dataset and writes it, unless the same version is
// already stored, in which case nothing is parsed at all.
func (im *Importer) importSource(ctx context.Context, s source) (localup.ImportSummary, error) {
	start := time.Now()
	ver, err := im.version(s)
	if err != nil {
		return localup.ImportSummary{}, err
	}
	if cur, err := im.Store.Dataset(ctx, s.id); err == nil && cur.Version == ver {
		return localup.ImportSummary{DatasetID: s.id, Changed: false, Observations: cur.Rows, Duration: time.Since(start)}, nil
	} else if err != nil && localup.ErrorCode(err) != localup.ENOTFOUND {
		return localup.ImportSummary{}, err
	}
	known, err := im.knownAreas(ctx)
	if err != nil {
		return localup.ImportSummary{}, err
	}
	ds := localup.Dataset{ID: s.id, Title: s.title, Publisher: s.publisher, Licence: s.licence,
		SourceURL: s.url, Released: s.released, Version: ver, ImportedAt: im.Now().UTC()}
	b := newBuilder(ds, known)
	if err := s.read(im, b); err != nil {
		return localup.ImportSummary{}, err
	}
	b.batch.Dataset.Rows = len(b.batch.Observations)
	changed, err := im.Store.Import(ctx, &b.batch)
	if localup.ErrorCode(err) == localup.ECONFLICT {
		if dup := b.duplicate(); dup != nil {
			return localup.ImportSummary{}, dup
		}
	}
	if err != nil {
		return localup.ImportSummary{}, err
	}
	sum := summarise(&b.batch)
	sum.Changed = changed
	sum.Duration = time.Since(start)
	im.Log.Info("imported", "dataset", s.id, "observations", sum.Observations, "areas", sum.Areas,
		"indicators", sum.Indicators, "periods", sum.Periods, "changed", changed, "took", sum.Duration)
	return sum, nil
}

func (im *Importer) knownAreas(ctx context.Context) (map[string]localup.Area, error) {
	areas, err := im.Store.Areas(ctx, localup.AreaFilter{})
	if err != nil {
		return nil, fmt.Errorf("load known areas: %w", err)
	}
	m := make(map[string]localup.Area, len(areas))
	for _, a := range areas {
		m[a.Code] = a
	}
	return m, nil
}

func summarise(b *localup.Batch) localup.ImportSummary {
	type period struct {
		start  int64
		months int
	}
	areas, inds, periods := map[string]bool{}, map[string]bool{}, map[period]bool{}
	for _, o := range b.Observations {
		areas[o.AreaCode] = true
		inds[o.IndicatorID] = true
		periods[period{o.Period.Start.Unix(), o.Period.Years*12 + o.Period.Months}] = true
	}
	if len(b.Observations) == 0 {
		for _, a := range b.Areas {
			areas[a.Code] = true
		}
	}
	for _, g := range b.Grants {
		for _, c := range g.AreaCodes {
			areas[c] = true
		}
	}
	for _, g := range b.Groups {
		areas[g.AreaCode] = true
	}
	for _, n := range b.Neighbours {
		areas[n.AreaCode] = true
	}
	return localup.ImportSummary{DatasetID: b.Dataset.ID, Observations: len(b.Observations),
		Areas: len(areas), Indicators: len(inds), Periods: len(periods), Grants: len(b.Grants)}
}

var lookupsSource = source{
	id:        "lookups",
	title:     "ONS area names, codes, hierarchy and code changes",
	publisher: sourceONS,
	licence:   licenceOGL,
	url:       "https://geoportal.statistics.gov.uk/",
	released:  time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
	main:      "lookups/els_geo_hierarchy.json",
	files: append([]string{"lookups/els_geo_hierarchy.json", "lookups/geography_changes_2014-2025.csv",
		"lookups/lad_changes_2023.csv"}, nameLists...),
	read: readLookups,
}

var els2024Source = source{
	id:        "els_2024",
	title:     "ONS Explore Local Statistics, combined dataset (February 2024)",
	publisher: sourceONS,
	licence:   licenceOGL,
	url:       "https://www.ons.gov.uk/explore-local-statistics/",
	released:  time.Date(2024, 2, 23, 0, 0, 0, 0, time.UTC),
	main:      "els_2024/combined-data.csv",
	files: []string{"lu_missions_ids/ids-indicator-catalogue.csv", "els_2024/areas-parents-lookup.csv", "els_2024/areas.csv",
		"els_2024/areas-geog-info.csv", "els_2024/unique-periods-lookup.csv", "els_2024/indicators-metadata.csv",
		"els_2024/indicators-lookup.csv", "els_2024/combined-data.csv"},
	read: readELS2024,
}
