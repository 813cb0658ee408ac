package chart

import (
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/localup/localup/internal/datatest"
	"github.com/localup/localup/internal/geo"
)

var (
	atlasOnce sync.Once
	atlas     *geo.Atlas
	atlasErr  error
)

// realAtlas loads the real boundaries once: LOCALUP_DATA, or shared/data
// beside the repository. Their absence fails the test.
func realAtlas(t testing.TB) *geo.Atlas {
	t.Helper()
	dir := datatest.Dir(t)
	atlasOnce.Do(func() { atlas, atlasErr = geo.Load(dir) })
	if atlasErr != nil {
		t.Fatalf("loading boundaries from %s (set LOCALUP_DATA): %v", dir, atlasErr)
	}
	return atlas
}

// fullMap shades every 2023 LAD by a made-up quintile, leaving one area
// without data, as the busiest map a page draws.
func fullMap(a *geo.Atlas) (*geo.Layer, map[string]MapValue, MapOptions) {
	layer := a.Layer(geo.KindLAD, 2023)
	values := make(map[string]MapValue, len(layer.Areas))
	for i, ar := range layer.Areas {
		if i == 7 {
			continue
		}
		v := 400 + float64((i*53)%300)
		values[ar.Code] = MapValue{Band: int(v-400) / 60, Text: fmt.Sprintf("£%.0f", v)}
	}
	opt := MapOptions{
		Meta: Meta{ID: "lad-map", Title: "Median weekly pay by local authority, 2023",
			Desc: "Map of the UK's 361 local authorities shaded by quintile of median weekly pay. The same figures are in the table below."},
		Bands:       QuintileBands([5]string{"£400 to £459", "£460 to £519", "£520 to £579", "£580 to £639", "£640 to £699"}),
		LegendTitle: "Median weekly pay (quintiles)",
		Highlight:   "E06000001",
	}
	return layer, values, opt
}

func TestFullLADMap(t *testing.T) {
	layer, values, opt := fullMap(realAtlas(t))
	out := same(t, func() (template.HTML, error) { return Choropleth(layer, values, opt) })
	checkSVG(t, opt.Meta, out)
	if n := len(out); n >= 300_000 {
		t.Errorf("full LAD map is %d bytes, want < 300 KB", n)
	} else {
		t.Logf("full LAD map: %d bytes", n)
	}
	if got := strings.Count(string(out), `class="lu-map-area `); got != 361 {
		t.Errorf("%d areas drawn, want 361", got)
	}
	if !strings.Contains(string(out), `aria-label="Hartlepool: `) {
		t.Error("Hartlepool missing")
	}
}

func TestLocatorGolden(t *testing.T) {
	a := realAtlas(t)
	opt := LocatorOptions{Meta: Meta{ID: "loc", Desc: "Hartlepool is on the coast in the south-east of the North East region."}}
	out := same(t, func() (template.HTML, error) { return Locator(a, 2023, "E06000001", opt) })
	opt.Title = "Map showing where Hartlepool is in North East"
	checkSVG(t, opt.Meta, out)
	golden(t, "locator", out)

	for _, code := range []string{"E09000001", "S12000036", "N09000003", "E12000007", "W06000015"} {
		out, err := Locator(a, 2023, code, LocatorOptions{Meta: Meta{ID: "l" + code}})
		if err != nil {
			t.Errorf("Locator(%s): %v", code, err)
			continue
		}
		if len(out) > 60_000 {
			t.Errorf("Locator(%s) is %d bytes", code, len(out))
		}
	}
	if _, err := Locator(a, 2023, "E99999999", LocatorOptions{Meta: Meta{ID: "x"}}); err == nil {
		t.Error("unknown code gave no error")
	}
}

// TestPreview writes every chart to HTML pages in $LOCALUP_CHART_PREVIEW,
// to look at in a browser; it does nothing otherwise.
func TestPreview(t *testing.T) {
	dir := os.Getenv("LOCALUP_CHART_PREVIEW")
	if dir == "" {
		t.Skip("set LOCALUP_CHART_PREVIEW to a directory to write preview pages")
	}
	a := realAtlas(t)
	layer, values, opt := fullMap(a)
	var pages = map[string][]template.HTML{}
	add := func(page string) func(template.HTML, error) {
		return func(h template.HTML, err error) {
			if err != nil {
				t.Fatal(err)
			}
			pages[page] = append(pages[page], h)
		}
	}
	add("map")(Choropleth(layer, values, opt))
	sig := map[string]MapValue{}
	for i, ar := range layer.Areas {
		if i%11 != 3 {
			sig[ar.Code] = MapValue{Band: i % 3, Text: "x"}
		}
	}
	add("sigmap")(Choropleth(layer, sig, MapOptions{Meta: Meta{ID: "sig", Title: "Significance"},
		Bands: JudgementBands("England", Better, Similar, Worse), LegendTitle: "Compared with England", Highlight: "E08000025"}))
	series, lopt := lineFixture()
	add("line")(LineChart(series, lopt))
	dots, sopt := swarmFixture()
	add("swarm")(Beeswarm(dots, sopt))
	var real []Dot
	for i, ar := range layer.Areas {
		real = append(real, Dot{Code: ar.Code, Name: ar.Name, Value: 400 + float64((i*53)%300) + float64(i%17)})
	}
	sopt.Selected = "E06000001"
	add("swarm")(Beeswarm(real, sopt))
	for _, code := range []string{"E06000001", "E09000001", "S12000036", "E12000007", "N09000003"} {
		add("locator")(Locator(a, 2023, code, LocatorOptions{Meta: Meta{ID: "l" + code}}))
	}
	for _, tc := range []SpineData{
		{Name: "A", Value: 71.5, Judgement: Worse, Benchmark: Reference{"England", 75.2}, Min: 62.1, Q1: 72.0, Q3: 78.3, Max: 84.0},
		{Name: "B", Value: 80.5, Judgement: Better, Benchmark: Reference{"England", 75.2}, Min: 62.1, Q1: 72.0, Q3: 78.3, Max: 84.0},
		{Name: "C", Value: 76, Judgement: Similar, Benchmark: Reference{"England", 75.2}, Min: 62.1, Q1: 72.0, Q3: 78.3, Max: 84.0},
	} {
		add("spine")(Spine(tc, SpineOptions{Meta: Meta{ID: "sp" + tc.Name}}))
	}
	for name, hs := range pages {
		var b strings.Builder
		b.WriteString("<!doctype html><html><head><meta charset=utf-8><style>body{margin:8px;font-family:arial}" + CSS + "</style></head><body>\n")
		for _, h := range hs {
			b.WriteString("<div>" + string(h) + "</div>\n")
		}
		b.WriteString("</body></html>\n")
		if err := os.WriteFile(filepath.Join(dir, name+".html"), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
