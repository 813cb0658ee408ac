package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/localup/localup/internal/config"
)

// axeTags are the WCAG levels every page must pass.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"}

// chromiumPath finds the browser: LOCALUP_CHROMIUM, or Debian's chromium.
// Without one the test is skipped, unless CI is set.
func chromiumPath(t *testing.T) string {
	t.Helper()
	p := os.Getenv("LOCALUP_CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("chromium not found at %s (set LOCALUP_CHROMIUM): %v", p, err)
		}
		t.Skipf("chromium not found at %s (set LOCALUP_CHROMIUM)", p)
	}
	return p
}

// axeSource reads axe-core, installed by npm ci.
func axeSource(t *testing.T) string {
	t.Helper()
	p := filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(p)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core not installed (run npm ci): %v", err)
		}
		t.Skipf("axe-core not installed (run npm ci): %v", err)
	}
	return string(b)
}

// axeViolation is the part of an axe-core violation a failure reports.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// TestBrowser drives Chromium through the main pages of the real server:
// home, search, a profile, an indicator's map with a change of period,
// compare and a CSV download. Every page must pass axe-core's WCAG 2.2 AA
// rules; screenshots go to testartifacts/.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the full data set and starts a browser")
	}
	chromium := chromiumPath(t)
	axe := axeSource(t)
	data := dataDir(t)
	db := filepath.Join(t.TempDir(), "localup.db")
	if _, stderr, err := runMain(t, "import", "--db", db, "--data", data, "--log-level", "warn"); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// serve reads the boundaries for its maps from the data folder.
	srv := serve(t, db, func(k string) string {
		if k == config.EnvData {
			return data
		}
		return ""
	}, "--log-level", "warn")
	base, logs := srv.base, srv.logs

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1024),
	}
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	artifacts := filepath.Join("..", "..", "testartifacts")
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatalf("%s: %v\n%s", what, err, logs.String())
		}
	}
	str := func(what string, a chromedp.Action[string]) string {
		t.Helper()
		v, err := chromedp.Run(bctx, a)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}
	attr := func(sel, name string) string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
		if err != nil || !v.Exists {
			t.Fatalf("%s[%s]: %v", sel, name, err)
		}
		return v.Value
	}
	// waitFor waits until a script is true (after a form or link loads a page).
	waitFor := func(what, script string) {
		t.Helper()
		// Evaluate fails while the old page unloads, so try again until
		// the new page answers.
		var err error
		for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			var ok bool
			if ok, err = chromedp.Run(bctx, chromedp.Evaluate[bool](script)); err == nil && ok {
				return
			}
		}
		where, _ := chromedp.Run(bctx, chromedp.Location())
		t.Fatalf("%s: waiting for %s at %s: %v", what, script, where, err)
	}
	// check runs axe-core on the page shown and saves a screenshot.
	check := func(name string) {
		t.Helper()
		if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
			t.Fatalf("%s: loading axe: %v", name, err)
		}
		tags := "'" + strings.Join(axeTags, "','") + "'"
		script := `axe.run(document, {runOnly: {type: 'tag', values: [` + tags + `]}}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))`
		violations, err := chromedp.Run(bctx, chromedp.Evaluate[[]axeViolation](script, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: axe: %v", name, err)
		}
		for _, v := range violations {
			t.Errorf("%s: axe %s (%s): %s at %v", name, v.ID, v.Impact, v.Help, v.Nodes)
		}
		shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(80))
		if err != nil {
			t.Errorf("%s: screenshot: %v", name, err)
			return
		}
		if err := os.WriteFile(filepath.Join(artifacts, name+".jpg"), shot, 0o644); err != nil {
			t.Error(err)
		}
	}

	// Home page, then a search from its form.
	do("home", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("#q")))
	check("home")
	// Suggestions: type, pick the first with the keyboard.
	do("suggest", chromedp.SendKeys(chromedp.CSS("#q"), "Hartle"))
	waitFor("suggestions", `!!document.querySelector('#q-suggestion-0') && document.querySelector('#q').getAttribute('aria-expanded') === 'true'`)
	check("home-suggestions")
	do("pick suggestion", chromedp.SendKeys(chromedp.CSS("#q"), kb.ArrowDown))
	if got := str("active", chromedp.Evaluate[string](`document.querySelector('#q').getAttribute('aria-activedescendant') || ''`)); got != "q-suggestion-0" {
		t.Errorf("after ArrowDown the active option is %q", got)
	}
	do("choose suggestion", chromedp.SendKeys(chromedp.CSS("#q"), kb.Enter))
	waitFor("suggestion chosen", `location.pathname === '/areas/E06000001' && document.readyState === 'complete'`)
	// The plain form still works.
	do("home again", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("#q")))
	do("search", chromedp.SendKeys(chromedp.CSS("#q"), "Hartlepool"), chromedp.Submit(chromedp.CSS("#q")))
	waitFor("search", `location.pathname === '/search' && document.readyState === 'complete' && !!document.querySelector('main a[href="/areas/E06000001"]')`)
	check("search")

	// The profile, reached from the results.
	do("profile", chromedp.Click(chromedp.CSS(`main a[href="/areas/E06000001"]`)))
	waitFor("profile", `location.pathname === '/areas/E06000001' && document.readyState === 'complete' && !!document.querySelector('tr[data-indicator]')`)
	id := attr(`tr[data-indicator]`, "data-indicator")
	check("profile")

	// The indicator's map; switch to an older period with the form.
	do("indicator", chromedp.Navigate(base+"/indicators/"+id), chromedp.WaitVisible(chromedp.CSS("#ranked")))
	period := str("periods", chromedp.Evaluate[string](`(document.querySelectorAll('#period option')[1] || document.querySelector('#period option')).value`))
	check("indicator")
	do("choose period", chromedp.SetValue(chromedp.CSS("#period"), period), chromedp.Click(chromedp.CSS(`#view-form button[type=submit]`)))
	waitFor("indicator period", `location.search.includes('period=') && document.readyState === 'complete' && !!document.querySelector('#ranked')`)
	if got := str("selected period", chromedp.Value(chromedp.CSS("#period"))); got != period {
		t.Errorf("selected period %q, want %q", got, period)
	}
	check("indicator-period")

	// The CSV download link.
	href := attr(`#downloads a[download]`, "href")
	res, err := http.Get(base + href)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !bytes.HasPrefix(body, []byte("rank,area_code,")) {
		t.Errorf("CSV %s: %d %q %.80q", href, res.StatusCode, res.Header.Get("Content-Type"), body)
	}

	// Compare.
	do("compare", chromedp.Navigate(base+"/compare?areas=E06000001,E06000002,E12000001"), chromedp.WaitVisible(chromedp.CSS("#compare")))
	check("compare")

	// Missions: the list, one mission (its map form), one place.
	do("missions", chromedp.Navigate(base+"/missions"), chromedp.WaitVisible(chromedp.CSS("section.app-mission")))
	check("missions")
	do("mission", chromedp.Click(chromedp.CSS(`#mission-1 a`)))
	waitFor("mission", `location.pathname === '/missions/1' && document.readyState === 'complete' && !!document.querySelector('h1')`)
	check("mission")
	do("area missions", chromedp.Navigate(base+"/areas/E06000001/missions"), chromedp.WaitVisible(chromedp.CSS("h1")))
	check("area-missions")
}
