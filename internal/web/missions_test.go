package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/localup/localup/internal/web/webtest"
)

// The missions pages are tested on the real data and name real places
// and published figures.

func readCSV(t *testing.T, body []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("CSV: %v\n%s", err, body)
	}
	return rows
}

// column returns the index of a header, failing when it is missing.
func column(t *testing.T, head []string, name string) int {
	t.Helper()
	for i, h := range head {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q in %v", name, head)
	return -1
}

func TestMissionsIndex(t *testing.T) {
	h := newAllocateServer(t)
	doc := page(t, h, "/missions", http.StatusOK)
	sections := webtest.QueryAll(doc, "section.app-mission")
	if len(sections) != 12 {
		t.Fatalf("%d missions, want 12", len(sections))
	}
	// Mission 7: healthy life expectancy, the gap between the best and
	// worst tenths of local authorities widened from 2020-22 to 2022-24.
	health := sections[6]
	if got := webtest.Text(webtest.Query(health, "h2")); got != "Health" {
		t.Errorf("mission 7 heading %q", got)
	}
	hle := webtest.Query(health, "tr[data-metric=female-healthy-life-expectancy]")
	if hle == nil {
		t.Fatal("no female healthy life expectancy row")
	}
	cells := webtest.Texts(hle, "td")
	if cells[0] != "61.3 years (2022-24)" || !strings.Contains(cells[1], "widened, from 14.2 in 2020-22 to 14.8 in 2022-24") {
		t.Errorf("HLE row %q", cells)
	}
	if !strings.Contains(cells[2], "Office for National Statistics") {
		t.Errorf("HLE source %q", cells[2])
	}
	// Mission 9 has no metric and says so.
	if !strings.Contains(webtest.Text(sections[8]), "No indicator in localup's data measures pride in place") {
		t.Errorf("mission 9: %q", webtest.Text(sections[8]))
	}

	res := get(t, h, "/missions.csv")
	rows := readCSV(t, res.body)
	if res.status != 200 || res.header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("CSV: %d %s", res.status, res.header.Get("Content-Type"))
	}
	ind, trend, lic := column(t, rows[0], "indicator"), column(t, rows[0], "spread_trend"), column(t, rows[0], "licence")
	found := false
	for _, r := range rows[1:] {
		if r[ind] == "female-healthy-life-expectancy" {
			found = r[trend] == "widening" && r[lic] != ""
		}
	}
	if !found {
		t.Error("CSV lacks HLE widening with its licence")
	}
}

func TestMissionPage(t *testing.T) {
	h := newAllocateServer(t)
	doc := page(t, h, "/missions/5", http.StatusOK)
	// DfE key stage 2: 60% in England in 2023-24 against 90% by 2030.
	status := webtest.Texts(doc, "#targets-table td[data-target-status]")
	if len(status) != 2 || !strings.HasPrefix(status[0], "Off track: 60.0% in 2023-24, 30.0 percentage points from the target of 90.0% by 2030.") {
		t.Errorf("target status %q", status)
	}
	// Hackney improved most: 66% to 73% from 2018-19 to 2023-24.
	first := webtest.Query(doc, "#places tbody tr")
	if webtest.Attr(first, "data-area") != "E09000012" || webtest.Text(webtest.Query(first, "td[data-change]")) != "+7.0 percentage points" {
		t.Errorf("first place %q", webtest.Text(first))
	}
	if webtest.Query(doc, "#map svg") == nil {
		t.Error("no map")
	}
	if n := len(webtest.QueryAll(doc, "table[data-gaps]")); n < 4 {
		t.Errorf("%d gap tables", n)
	}

	// Another metric on the map; a bad one is a 400.
	doc = page(t, h, "/missions/7?metric=cigarette-smokers", http.StatusOK)
	if got := webtest.Text(webtest.Query(doc, "#map-heading")); got != "Who moved most: Cigarette smokers" {
		t.Errorf("map heading %q", got)
	}
	page(t, h, "/missions/7?metric=nope", http.StatusBadRequest)
	page(t, h, "/missions/13", http.StatusNotFound)
	page(t, h, "/missions/x", http.StatusNotFound)
	doc = page(t, h, "/missions/9", http.StatusOK)
	if webtest.Query(doc, "#no-metric") == nil {
		t.Error("mission 9 does not say it has no metric")
	}

	rows := readCSV(t, get(t, h, "/missions/5.csv").body)
	code, change, rank := column(t, rows[0], "area_code"), column(t, rows[0], "change"), column(t, rows[0], "rank_of_improvement")
	if rows[1][code] != "E09000012" || rows[1][change] != "7" || rows[1][rank] != "1" {
		t.Errorf("places CSV first row %q", rows[1])
	}
	gaps := readCSV(t, get(t, h, "/missions/7.csv?table=gaps").body)
	per, diff, ind := column(t, gaps[0], "period"), column(t, gaps[0], "tail_difference"), column(t, gaps[0], "indicator")
	ok := false
	for _, r := range gaps[1:] {
		if r[ind] == "female-healthy-life-expectancy" && r[per] == "2022-01-01/P3Y" {
			ok = strings.HasPrefix(r[diff], "14.8")
		}
	}
	if !ok {
		t.Error("gaps CSV lacks HLE 2022-24 difference 14.8")
	}
}

func TestAreaMissionsPage(t *testing.T) {
	h := newAllocateServer(t)
	doc := page(t, h, "/areas/E06000009/missions", http.StatusOK)
	if got := webtest.Text(webtest.Query(doc, "h1")); got != "Levelling-up missions" {
		t.Errorf("h1 %q", got)
	}
	text := webtest.Text(webtest.Query(doc, "main"))
	for _, want := range []string{
		"Female healthy life expectancy: 51.8 years, down 3.5 since 2017-19; the gap to England widened",
		"Between women and men: Women 51.8 years, Men 50.9 years in 2022-24: a gap of 0.9; since 2017-19 (a gap of 0.6) it has widened.",
		"No figure for Blackpool; for North West, which contains it,",
		"Target: At least 90.0% by 2030: Off track: 53.0% in 2023-24, 37.0 percentage points from the target of 90.0% by 2030.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Breadcrumbs lead from the places through its parents to Blackpool.
	if got := strings.Join(webtest.Texts(doc, ".govuk-breadcrumbs__link"), " > "); got != "Places > United Kingdom > England > North West > Blackpool" {
		t.Errorf("breadcrumbs %q", got)
	}
	if n := len(webtest.QueryAll(doc, "table[data-mission]")); n != 11 {
		t.Errorf("%d mission tables, want 11 (mission 9 has none)", n)
	}
	page(t, h, "/areas/E99999999/missions", http.StatusNotFound)

	res := get(t, h, "/areas/E06000009/missions.csv")
	if res.header.Get("Content-Disposition") != `attachment; filename="E06000009-missions.csv"` {
		t.Errorf("Content-Disposition %q", res.header.Get("Content-Disposition"))
	}
	rows := readCSV(t, res.body)
	ind, latest, from := column(t, rows[0], "indicator"), column(t, rows[0], "latest"), column(t, rows[0], "figures_for")
	seen := map[string][]string{}
	for _, r := range rows[1:] {
		seen[r[ind]] = r
	}
	if r := seen["female-healthy-life-expectancy"]; r == nil || r[latest] != "51.8" || r[from] != "E06000009" {
		t.Errorf("HLE row %q", r)
	}
	if r := seen["homicide-offences"]; r == nil || r[from] != "E12000002" {
		t.Errorf("homicide row %q", r)
	}
}
