package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/geo"
)

var update = flag.Bool("update", false, "rewrite testdata/*.svg golden files")

var nan = math.NaN()

// evil is a name that must come out escaped wherever it is written.
const evil = `Evil <script>alert(1)</script> & "Co" 'Ltd'`

// golden compares got with testdata/name.svg, rewriting it with -update.
func golden(t *testing.T, name string, got template.HTML) {
	t.Helper()
	path := filepath.Join("testdata", name+".svg")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from golden file (-want +got):\n%s", path, diff)
	}
}

// checkSVG walks the output with an XML decoder and checks the things every
// chart promises: one root <svg> with a role, named by its title and
// described by its desc, and no unescaped markup from the data.
func checkSVG(t *testing.T, m Meta, out template.HTML) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(out)))
	var stack []string
	var root xml.StartElement
	texts := map[string]string{} // id → text of <title>/<desc> with that id
	var curID string
	done := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("output is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if done {
				t.Errorf("element <%s> after the root element", tok.Name.Local)
			}
			if len(stack) == 0 {
				root = tok.Copy()
			}
			if tok.Name.Local == "script" || tok.Name.Local == "foreignObject" {
				t.Errorf("output has a <%s> element", tok.Name.Local)
			}
			stack = append(stack, tok.Name.Local)
			curID = ""
			for _, a := range tok.Attr {
				if a.Name.Local == "id" {
					curID = a.Value
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			curID = ""
			done = len(stack) == 0
		case xml.CharData:
			if done && strings.TrimSpace(string(tok)) != "" {
				t.Errorf("text after the root element")
			}
			if curID != "" {
				texts[curID] += string(tok)
			}
		}
	}
	if root.Name.Local != "svg" {
		t.Fatalf("root element is <%s>, want <svg>", root.Name.Local)
	}
	attr := map[string]string{}
	for _, a := range root.Attr {
		attr[a.Name.Local] = a.Value
	}
	if attr["role"] != "img" && attr["role"] != "group" {
		t.Errorf("root role = %q, want img (or group for a focusable map)", attr["role"])
	}
	want := m.ID + "-title"
	if m.Desc != "" {
		want += " " + m.ID + "-desc"
	}
	if attr["aria-labelledby"] != want {
		t.Errorf("aria-labelledby = %q, want %q", attr["aria-labelledby"], want)
	}
	if got := texts[m.ID+"-title"]; got != m.Title {
		t.Errorf("title = %q, want %q", got, m.Title)
	}
	if got := texts[m.ID+"-desc"]; got != m.Desc {
		t.Errorf("desc = %q, want %q", got, m.Desc)
	}
	if strings.Contains(string(out), "<script") || strings.Contains(string(out), `"Co"`) {
		t.Errorf("unescaped markup from data in output")
	}
}

// same checks that a chart gives identical bytes on repeated calls.
func same(t *testing.T, f func() (template.HTML, error)) template.HTML {
	t.Helper()
	first, err := f()
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		again, err := f()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal([]byte(first), []byte(again)) {
			t.Fatal("output differs between calls")
		}
	}
	return first
}

// square is a fixture area: a square of side s at x, y.
func square(code, name string, x, y, s float64) *geo.Area {
	p := "M" + num(x) + " " + num(y) + "h" + num(s) + "v" + num(s) + "h-" + num(s) + "z"
	return &geo.Area{Code: code, Name: name, Path: p,
		BBox:     geo.Rect{Min: geo.Point{X: x, Y: y}, Max: geo.Point{X: x + s, Y: y + s}},
		Centroid: geo.Point{X: x + s/2, Y: y + s/2}}
}

var fixtureLayer = &geo.Layer{Kind: geo.KindLAD, Year: 2023, Areas: []*geo.Area{
	square("E06000001", "Hartlepool", 100, 100, 80),
	square("E06000002", "Middlesbrough", 180, 100, 80),
	square("E06000003", "Redcar and Cleveland", 100, 180, 80),
	square("E06000004", evil, 180, 180, 80),
	square("E06000005", "Darlington", 260, 180, 80),
}}

func TestChoroplethGolden(t *testing.T) {
	values := map[string]MapValue{
		"E06000001": {Band: 0, Text: "£512"},
		"E06000002": {Band: 1, Text: "£530"},
		"E06000003": {Band: 2, Text: "£610"},
		"E06000004": {Band: 2, Text: "£605"},
		"E99999999": {Band: 1, Text: "ignored: not in the layer"},
	}
	opt := MapOptions{
		Meta:        Meta{ID: "pay-map", Title: "Pay by area, 2023", Desc: "Areas shaded by comparison with England. The table below gives each value."},
		Bands:       JudgementBands("England", Better, Similar, Worse),
		LegendTitle: "Compared with England",
		Highlight:   "E06000001",
	}
	out := same(t, func() (template.HTML, error) { return Choropleth(fixtureLayer, values, opt) })
	checkSVG(t, opt.Meta, out)
	for _, want := range []string{
		`tabindex="0" role="img" aria-label="Hartlepool: £512"><title>Hartlepool: £512</title>`,
		`aria-label="Darlington: no data"`,
		`Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Co&#34; &#39;Ltd&#39;: £605`,
		`<pattern id="pay-map-b0"`, `<pattern id="pay-map-b2"`, `<pattern id="pay-map-none"`,
		`>No data</text>`, `>Better than England</text>`,
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %s", want)
		}
	}
	// Tab order follows the names.
	if i, j := strings.Index(string(out), "Darlington:"), strings.Index(string(out), "Hartlepool:"); i > j {
		t.Errorf("Darlington comes after Hartlepool")
	}
	golden(t, "choropleth", out)

	opt.Static, opt.ID = true, "static-map"
	opt.Bands = QuintileBands([5]string{"1", "2", "3", "4", "5"})
	static, err := Choropleth(fixtureLayer, values, opt)
	if err != nil {
		t.Fatal(err)
	}
	checkSVG(t, opt.Meta, static)
	if strings.Contains(string(static), "tabindex") || !strings.Contains(string(static), `role="img"`) {
		t.Error("static map should have no tab stops and role img")
	}
}

func TestChoroplethErrors(t *testing.T) {
	ok := Meta{ID: "m", Title: "Map"}
	for name, tc := range map[string]struct {
		layer  *geo.Layer
		values map[string]MapValue
		opt    MapOptions
	}{
		"no title":   {fixtureLayer, nil, MapOptions{Meta: Meta{ID: "m"}}},
		"bad id":     {fixtureLayer, nil, MapOptions{Meta: Meta{ID: `x" onload="`, Title: "T"}}},
		"no layer":   {nil, nil, MapOptions{Meta: ok}},
		"bad band":   {fixtureLayer, map[string]MapValue{"E06000001": {Band: 3}}, MapOptions{Meta: ok, Bands: make([]Band, 3)}},
		"minus band": {fixtureLayer, map[string]MapValue{"E06000001": {Band: -2}}, MapOptions{Meta: ok}},
	} {
		if _, err := Choropleth(tc.layer, tc.values, tc.opt); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func lineFixture() ([]Series, LineOptions) {
	series := []Series{
		{Name: evil, Values: []float64{61.2, 62.0, nan, 63.5, 64.1, 63.9},
			Lower: []float64{59.0, 60.1, nan, 61.0, 62.2, nan}, Upper: []float64{63.4, 63.9, nan, 66.0, 66.0, nan}},
		{Name: "England", Values: []float64{60.0, 60.5, 61.0, 61.8, 62.1, 62.6}},
		{Name: "North East", Values: []float64{58.1, 58.0, 59.2, nan, 60.0, 60.3}},
		{Name: "Similar areas (mean)", Values: []float64{nan, 59.5, 60.1, 60.8, 61.0, 61.7}},
	}
	opt := LineOptions{
		Meta:    Meta{ID: "emp-line", Title: "Employment rate, 2018 to 2023", Desc: "Line chart of four series. Data in the table below."},
		Periods: []string{"2018", "2019", "2020", "2021", "2022", "2023"},
		Format:  Format{Suffix: "%", Decimals: 1},
		YLabel:  "Percentage of people aged 16 to 64",
	}
	return series, opt
}

func TestLineChartGolden(t *testing.T) {
	series, opt := lineFixture()
	out := same(t, func() (template.HTML, error) { return LineChart(series, opt) })
	checkSVG(t, opt.Meta, out)
	// The 2020 gap breaks the first line into two pieces, and the
	// 2018-2019 interval run is a band while 2021-2022 is another.
	if n := strings.Count(string(out), `fill-opacity="0.15"`); n != 2 {
		t.Errorf("%d interval bands, want 2", n)
	}
	for _, want := range []string{">2020</text>", "(95% confidence interval 61.0% to 66.0%)", `stroke-dasharray="6 3"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %s", want)
		}
	}
	golden(t, "line", out)

	tab := LineTable(series, opt)
	if diff := cmp.Diff([]string{"2020", "no data", "", "61.0%", "59.2%", "60.1%"}, tab.Rows[2]); diff != "" {
		t.Errorf("table row for 2020 (-want +got):\n%s", diff)
	}
	if _, err := LineChart([]Series{{Name: "x", Values: []float64{1}}}, opt); err == nil {
		t.Error("mismatched lengths gave no error")
	}
}

func swarmFixture() ([]Dot, SwarmOptions) {
	var dots []Dot
	for i := range 60 {
		v := 500 + 3*float64((i*37)%41) + float64(i%7)
		dots = append(dots, Dot{Code: "E0700" + string(rune('0'+i/10)) + string(rune('0'+i%10)) + "00", Name: "Area " + num(float64(i)), Value: v})
	}
	dots = append(dots, Dot{Code: "E06000004", Name: evil, Value: 571}, Dot{Code: "E06000099", Name: "No value", Value: nan})
	opt := SwarmOptions{
		Meta:       Meta{ID: "pay-swarm", Title: "Pay in every area", Desc: "Each dot is an area."},
		Format:     Format{Prefix: "£"},
		XLabel:     "Median weekly pay",
		Selected:   "E06000004",
		References: []Reference{{Label: "England", Value: 560}},
	}
	return dots, opt
}

func TestBeeswarmGolden(t *testing.T) {
	dots, opt := swarmFixture()
	out := same(t, func() (template.HTML, error) { return Beeswarm(dots, opt) })
	checkSVG(t, opt.Meta, out)
	for _, want := range []string{">England: £560</text>", ">Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Co&#34; &#39;Ltd&#39;: £571</text>"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %s", want)
		}
	}
	if strings.Contains(string(out), "No value") {
		t.Error("an area without a value was drawn")
	}
	golden(t, "swarm", out)
}

func TestSwarmNoOverlap(t *testing.T) {
	xs := []float64{10, 10, 10, 11, 12, 12.5, 13, 30, 30.2, 30.4}
	const d = 9
	ys := swarm(xs, d)
	for i := range xs {
		for j := range i {
			if dx, dy := xs[i]-xs[j], ys[i]-ys[j]; dx*dx+dy*dy < d*d-1e-6 {
				t.Errorf("points %d and %d overlap: (%g,%g) (%g,%g)", j, i, xs[j], ys[j], xs[i], ys[i])
			}
		}
	}
	if ys[0] != 0 || ys[7] != 0 {
		t.Errorf("first points of clusters not on the centre line: %v", ys)
	}
}

func TestSpineGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    SpineData
	}{
		{"spine_worse", SpineData{Name: evil, Value: 71.5, Judgement: Worse, Benchmark: Reference{"England", 75.2},
			Min: 62.1, Q1: 72.0, Q3: 78.3, Max: 84.0, Polarity: localup.HigherIsBetter}},
		{"spine_better_lower", SpineData{Name: "Hartlepool", Value: 9.1, Judgement: Better, Benchmark: Reference{"England", 12.3},
			Min: 6.2, Q1: 10.5, Q3: 14.1, Max: 21.7, Polarity: localup.LowerIsBetter}},
	} {
		opt := SpineOptions{Meta: Meta{ID: tc.name, Desc: "Spine chart."}, Format: Format{Suffix: "%", Decimals: 1}}
		out := same(t, func() (template.HTML, error) { return Spine(tc.d, opt) })
		opt.Title = spineSentence(tc.d, opt.Format)
		checkSVG(t, opt.Meta, out)
		golden(t, tc.name, out)
	}
	// Lower is better: the better value sits right of the centre line.
	out, _ := Spine(SpineData{Name: "A", Value: 9, Judgement: Better, Benchmark: Reference{"England", 12}, Min: 6, Q1: 10, Q3: 14, Max: 22,
		Polarity: localup.LowerIsBetter}, SpineOptions{Meta: Meta{ID: "s"}})
	if !strings.Contains(string(out), `<circle cx="1`) && !strings.Contains(string(out), `<circle cx="2`) {
		t.Errorf("better marker not right of centre:\n%s", out)
	}
	if _, err := Spine(SpineData{Name: "A", Value: 1, Min: 3, Q1: 2, Q3: 4, Max: 5}, SpineOptions{Meta: Meta{ID: "s"}}); err == nil {
		t.Error("disordered quartiles gave no error")
	}
}

func TestContrast(t *testing.T) {
	for _, c := range []string{colText, colSecondary} {
		if r := contrast(c, "#ffffff"); r < 4.5 {
			t.Errorf("text colour %s has contrast %.2f with white, want ≥ 4.5", c, r)
		}
	}
	shapes := append([]string{colPoint, colHighlight, colNoDataInk}, SequentialColours[:]...)
	for _, s := range lineStyles {
		shapes = append(shapes, s.colour)
	}
	for _, j := range []Judgement{Better, Similar, Worse, Higher, Lower} {
		shapes = append(shapes, j.Style().Fill)
	}
	for _, c := range shapes {
		if r := contrast(c, "#ffffff"); r < 3 {
			t.Errorf("shape colour %s has contrast %.2f with white, want ≥ 3", c, r)
		}
	}
	// Text drawn on the map's legend and axes is on white; the ramp's
	// neighbours must stay apart.
	for i := 1; i < len(SequentialColours); i++ {
		if r := contrast(SequentialColours[i-1], SequentialColours[i]); r < 1.3 {
			t.Errorf("ramp steps %d and %d too close: %.2f", i-1, i, r)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		f    Format
		v    float64
		want string
	}{
		{Format{Prefix: "£"}, 1234.5, "£1,235"},
		{Format{Suffix: "%", Decimals: 1}, 12.345, "12.3%"},
		{Format{Decimals: 2}, -0.001, "0.00"},
		{Format{Prefix: "£"}, -1234567, "-£1,234,567"},
		{Format{}, nan, "no data"},
	} {
		if got := tc.f.Text(tc.v); got != tc.want {
			t.Errorf("%+v.Text(%g) = %q, want %q", tc.f, tc.v, got, tc.want)
		}
	}
}

func TestTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   []float64
		dec    int
	}{
		{58.1, 66, []float64{58, 60, 62, 64, 66}, 0},
		{0, 1, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}, 1},
		{5, 5, []float64{4, 4.5, 5, 5.5, 6}, 1},
		{-3, 12, []float64{-5, 0, 5, 10, 15}, 0},
	} {
		got, dec := ticks(tc.lo, tc.hi, 5)
		if diff := cmp.Diff(tc.want, got); diff != "" || dec != tc.dec {
			t.Errorf("ticks(%g, %g) = %v, %d decimals; want %v, %d", tc.lo, tc.hi, got, dec, tc.want, tc.dec)
		}
	}
}
