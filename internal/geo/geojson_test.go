package geo

import (
	"errors"
	"slices"
	"testing"
)

func TestCodes(t *testing.T) {
	const ring = `[[[-1.5,54.5],[-1.4,54.5],[-1.4,54.6],[-1.5,54.5]]]`
	good := `{"type":"FeatureCollection","features":[
		{"type":"Feature","properties":{"areacd":"E06000001","areanm":"Hartlepool"},"geometry":{"type":"Polygon","coordinates":` + ring + `}},
		{"type":"Feature","properties":{"areacd":"E06000002","areanm":"Middlesbrough"},"geometry":{"type":"MultiPolygon","coordinates":[` + ring + `]}}]}`
	codes, err := Codes("good.geojson", []byte(good))
	if err != nil || !slices.Equal(codes, []string{"E06000001", "E06000002"}) {
		t.Fatalf("Codes = %v, %v", codes, err)
	}
	for _, tc := range []struct {
		name, json, field string
		index             int
	}{
		{"no name", `{"type":"FeatureCollection","features":[{"properties":{"areacd":"E06000001"},"geometry":{"type":"Polygon","coordinates":` + ring + `}}]}`, "properties.areanm", 0},
		{"duplicate", `{"type":"FeatureCollection","features":[{"properties":{"areacd":"E06000001","areanm":"A"},"geometry":{"type":"Polygon","coordinates":` + ring + `}},{"properties":{"areacd":"E06000001","areanm":"B"},"geometry":{"type":"Polygon","coordinates":` + ring + `}}]}`, "properties.areacd", 1},
		{"point", `{"type":"FeatureCollection","features":[{"properties":{"areacd":"E06000001","areanm":"A"},"geometry":{"type":"Point","coordinates":[0,0]}}]}`, "geometry.type", 0},
		{"not WGS84", `{"type":"FeatureCollection","features":[{"properties":{"areacd":"E06000001","areanm":"A"},"geometry":{"type":"Polygon","coordinates":[[[450000,500000],[450100,500000],[450100,500100],[450000,500000]]]}}]}`, "geometry.coordinates", 0},
	} {
		_, err := Codes("bad.geojson", []byte(tc.json))
		var fe *FeatureError
		if !errors.As(err, &fe) || fe.Field != tc.field || fe.Index != tc.index || fe.File != "bad.geojson" {
			t.Errorf("%s: err = %v, want a fault in feature %d's %s", tc.name, err, tc.index, tc.field)
		}
	}
	if _, err := Codes("empty.geojson", []byte(`{"type":"FeatureCollection","features":[]}`)); err == nil {
		t.Error("an empty collection was accepted")
	}
}
