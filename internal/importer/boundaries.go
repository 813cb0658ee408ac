package importer

import (
	"encoding/json"
	"fmt"
	"time"
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
		raw, sf, err := readFile(im.DataDir, rel)
		if err != nil {
			return err
		}
		b.file(sf)
		var fc struct {
			Type     string `json:"type"`
			Features []struct {
				Properties struct {
					Code string `json:"areacd"`
					Name string `json:"areanm"`
				} `json:"properties"`
				Geometry struct {
					Type string `json:"type"`
				} `json:"geometry"`
			} `json:"features"`
		}
		if err := json.Unmarshal(raw, &fc); err != nil {
			return invalid(rel, 0, "", "not valid GeoJSON: %v", err)
		}
		if fc.Type != "FeatureCollection" || len(fc.Features) == 0 {
			return invalid(rel, 0, "type", "want a FeatureCollection with features, got %q with %d", fc.Type, len(fc.Features))
		}
		c := &csvFile{rel: rel}
		for i, f := range fc.Features {
			c.line = i + 1
			field := fmt.Sprintf("features[%d].properties.areacd", i)
			if err := b.area(c, field, f.Properties.Code, ""); err != nil {
				return err
			}
			if f.Geometry.Type != "Polygon" && f.Geometry.Type != "MultiPolygon" {
				return invalid(rel, 0, fmt.Sprintf("features[%d].geometry.type", i), "want Polygon or MultiPolygon, got %q", f.Geometry.Type)
			}
		}
	}
	return nil
}
