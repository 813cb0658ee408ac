package geo

import (
	"encoding/json"
	"fmt"
	"os"
)

// lonLat is a GeoJSON position; a third (height) value is ignored.
type lonLat [2]float64

// feature is one parsed GeoJSON feature: polygons of rings of positions,
// the first ring of each polygon its outer boundary, the rest its holes.
type feature struct {
	code, name string
	polys      [][][]lonLat
}

// FeatureError is a fault in one feature of a boundary file.
type FeatureError struct {
	File    string
	Index   int    // the feature's place in the collection, from 0
	Code    string // its areacd, if any
	Field   string // the part at fault, e.g. "properties.areanm" or "geometry.coordinates"
	Problem string
}

func (e *FeatureError) Error() string {
	return fmt.Sprintf("geo: %s: feature %d (%q): %s: %s", e.File, e.Index, e.Code, e.Field, e.Problem)
}

// Codes checks a boundary file as the maps read it (a FeatureCollection of
// Polygon and MultiPolygon features with areacd and areanm properties,
// unique codes, closed rings of WGS84 positions) and returns its area
// codes in order, so that an import accepts exactly the files a map can
// draw. A fault in one feature is a *FeatureError.
func Codes(name string, raw []byte) ([]string, error) {
	fs, err := parseGeoJSON(name, raw)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.code
	}
	return out, nil
}

// readGeoJSON reads and parses a boundary file.
func readGeoJSON(path string) ([]feature, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	return parseGeoJSON(path, raw)
}

// parseGeoJSON parses a FeatureCollection of Polygon and MultiPolygon
// features carrying areacd and areanm properties. Errors name the file and,
// where one is at fault, the feature index.
func parseGeoJSON(path string, raw []byte) ([]feature, error) {
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Properties struct {
				Code string `json:"areacd"`
				Name string `json:"areanm"`
			} `json:"properties"`
			Geometry *struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(raw, &fc); err != nil {
		return nil, fmt.Errorf("geo: %s: not valid GeoJSON: %w", path, err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) == 0 {
		return nil, fmt.Errorf("geo: %s: want a FeatureCollection with features, got %q with %d", path, fc.Type, len(fc.Features))
	}
	out := make([]feature, len(fc.Features))
	seen := make(map[string]int, len(fc.Features))
	for i, f := range fc.Features {
		field := "geometry.coordinates"
		bad := func(format string, args ...any) error {
			return &FeatureError{File: path, Index: i, Code: f.Properties.Code, Field: field, Problem: fmt.Sprintf(format, args...)}
		}
		if f.Properties.Code == "" {
			field = "properties.areacd"
			return nil, bad("missing")
		}
		if f.Properties.Name == "" {
			field = "properties.areanm"
			return nil, bad("missing")
		}
		if j, dup := seen[f.Properties.Code]; dup {
			field = "properties.areacd"
			return nil, bad("code already used by feature %d", j)
		}
		seen[f.Properties.Code] = i
		if f.Geometry == nil {
			field = "geometry"
			return nil, bad("no geometry")
		}
		var polys [][][]lonLat
		switch f.Geometry.Type {
		case "Polygon":
			c := coordScanner{s: f.Geometry.Coordinates}
			p, err := c.polygon()
			if err := c.done(err); err != nil {
				return nil, bad("Polygon coordinates: %v", err)
			}
			polys = [][][]lonLat{p}
		case "MultiPolygon":
			c := coordScanner{s: f.Geometry.Coordinates}
			m, err := c.multiPolygon()
			if err := c.done(err); err != nil {
				return nil, bad("MultiPolygon coordinates: %v", err)
			}
			polys = m
		default:
			field = "geometry.type"
			return nil, bad("want Polygon or MultiPolygon, got %q", f.Geometry.Type)
		}
		for pi, p := range polys {
			if len(p) == 0 {
				return nil, bad("polygon %d has no rings", pi)
			}
			for ri, r := range p {
				if len(r) < 4 {
					return nil, bad("polygon %d ring %d has %d positions, want at least 4", pi, ri, len(r))
				}
				for _, c := range r {
					if !(c[0] >= -180 && c[0] <= 180 && c[1] >= -90 && c[1] <= 90) {
						return nil, bad("polygon %d ring %d: position %v is not WGS84 longitude, latitude", pi, ri, c)
					}
				}
			}
		}
		out[i] = feature{code: f.Properties.Code, name: f.Properties.Name, polys: polys}
	}
	return out, nil
}
