package importer

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/localup/localup/internal/geo"
)

// Boundaries: the ONS generalised boundaries used for maps. The geometry
// is read by the web layer at start-up straight from the data directory
// (it is projected and simplified there, once); the import records the
// files' provenance and checks that every feature names a known area,
// so that a map can never show a shape the rest of localup cannot name.
var boundaryFiles = []string{"boundaries/lad_2023_uk.geojson", "boundaries/lad_2022_uk.geojson", "boundaries/rgn_2023_uk.geojson"}

var boundariesSource = source{
	id:        "boundaries",
	title:     "ONS local authority and region boundaries (generalised, WGS84)",
	publisher: sourceONS,
	licence:   licenceOGL + ". Contains OS data © Crown copyright and database right.",
	url:       "https://geoportal.statistics.gov.uk/",
	released:  time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
	main:      "boundaries/lad_2023_uk.geojson",
	files:     boundaryFiles,
	read:      readBoundaries,
}

func readBoundaries(im *Importer, b *builder) error {
	for _, rel := range boundaryFiles {
		raw, sf, err := im.readFile(rel)
		if err != nil {
			return err
		}
		b.file(sf)
		// The maps' own parser checks the file, so that an import accepts
		// exactly what a map can draw.
		codes, err := geo.Codes(rel, raw)
		var fe *geo.FeatureError
		switch {
		case errors.As(err, &fe):
			return invalid(rel, 0, fmt.Sprintf("features[%d].%s", fe.Index, fe.Field), "%s", fe.Problem)
		case err != nil:
			return invalid(rel, 0, "", "%s", strings.TrimPrefix(err.Error(), "geo: "+rel+": "))
		}
		c := &csvFile{rel: rel}
		for i, code := range codes {
			c.line = i + 1
			if err := b.area(c, fmt.Sprintf("features[%d].properties.areacd", i), code, ""); err != nil {
				return err
			}
		}
	}
	return nil
}
