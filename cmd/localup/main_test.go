package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/localup/localup/internal/datatest"
	"github.com/localup/localup/internal/web/webtest"
)

// dataDir finds the real data (see datatest.Dir); without it the
// end-to-end tests fail, since the data is part of what they test.
func dataDir(t *testing.T) string { return datatest.Dir(t) }

// runMain runs one localup command to completion and returns its output.
func runMain(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := NewMain()
	m.Stdout, m.Stderr = &out, &errOut
	m.Getenv = func(string) string { return "" } // only flags count
	err = m.ParseFlags(context.Background(), args)
	if err == nil {
		err = m.Run(context.Background())
	}
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	return out.String(), errOut.String(), err
}

// TestEndToEnd imports the real data into a temporary SQLite database,
// serves it on a free port with the real Main, and reads pages and API
// responses as a browser and an API client would.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the full data set")
	}
	data := dataDir(t)
	db := filepath.Join(t.TempDir(), "localup.db")

	out, stderr, err := runMain(t, "import", "--db", db, "--data", data, "--log-level", "warn")
	if err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	for _, want := range []string{"DATASET", "els_2024", "lookups", "changed"} {
		if !strings.Contains(out, want) {
			t.Errorf("import summary lacks %q:\n%s", want, out)
		}
	}
	// A second import finds nothing new.
	out, stderr, err = runMain(t, "import", "--db", db, "--data", data, "--log-level", "warn")
	if err != nil {
		t.Fatalf("second import: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, " 0 changed") {
		t.Errorf("second import changed something:\n%s", out)
	}

	srv := serve(t, db, func(string) string { return "" })
	base, logs := srv.base, srv.logs
	client := &http.Client{Timeout: 30 * time.Second}
	fetch := func(path string, wantStatus int) []byte {
		t.Helper()
		res, err := client.Get(base + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != wantStatus {
			t.Fatalf("GET %s: status %d, want %d\n%.500s", path, res.StatusCode, wantStatus, body)
		}
		if res.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s: no Content-Security-Policy", path)
		}
		return body
	}

	t.Run("healthz", func(t *testing.T) {
		if got := string(fetch("/healthz", 200)); got != "ok" {
			t.Errorf("healthz = %q", got)
		}
	})

	t.Run("home", func(t *testing.T) {
		doc := webtest.Parse(t, fetch("/", 200))
		if a := webtest.Query(doc, `main a[href="/areas/E06000001"]`); webtest.Text(a) != "Hartlepool" {
			t.Errorf("home page link to Hartlepool: %q", webtest.Text(a))
		}
		h2 := strings.Join(webtest.Texts(doc, "main h2"), "|")
		for _, want := range []string{"Countries", "Regions of England", "Local authorities by region", "Combined authorities", "Counties"} {
			if !strings.Contains(h2, want) {
				t.Errorf("home page h2s %q lack %q", h2, want)
			}
		}
		if n := len(webtest.QueryAll(doc, "main h3")); n < 10 {
			t.Errorf("%d region headings, want the 9 English regions and the nations", n)
		}
	})

	t.Run("search", func(t *testing.T) {
		doc := webtest.Parse(t, fetch("/search?q=hartle", 200))
		first := webtest.Query(doc, "main ul.govuk-list li a")
		if webtest.Attr(first, "href") != "/areas/E06000001" {
			t.Errorf("first result for hartle: %q", webtest.Text(first))
		}
	})

	t.Run("area page", func(t *testing.T) {
		doc := webtest.Parse(t, fetch("/areas/E06000001", 200))
		if got := webtest.Text(webtest.Query(doc, "h1")); got != "Hartlepool" {
			t.Errorf("h1 = %q", got)
		}
		if got := webtest.Text(webtest.Query(doc, "#parent")); got != "North East" {
			t.Errorf("parent = %q", got)
		}
		if got := webtest.Text(webtest.Query(doc, "#country")); got != "England" {
			t.Errorf("country = %q", got)
		}
		rows := webtest.QueryAll(doc, "main table tbody tr[data-indicator]")
		if len(rows) < 30 {
			t.Errorf("%d indicator rows, want at least 30", len(rows))
		}
		for _, tr := range rows {
			id := webtest.Attr(tr, "data-indicator")
			if webtest.Text(webtest.Query(tr, "td[data-value]")) == "" || webtest.Text(webtest.Query(tr, "td[data-period]")) == "" ||
				webtest.Text(webtest.Query(tr, "[data-source]")) == "" {
				t.Errorf("row %s lacks a value, period or source", id)
			}
		}
		pay := webtest.Query(doc, "tr[data-indicator=gross-median-weekly-pay]")
		if v := webtest.Text(webtest.Query(pay, "td[data-value]")); !strings.HasPrefix(v, "£") {
			t.Errorf("weekly pay = %q, want pounds", v)
		}
		if s := webtest.Text(webtest.Query(pay, "[data-source]")); !strings.Contains(s, "Open Government Licence") {
			t.Errorf("weekly pay source %q lacks its licence", s)
		}
		if v := webtest.Text(webtest.Query(pay, "[data-interval]")); !strings.Contains(v, " to ") {
			t.Errorf("weekly pay interval = %q", v)
		}
	})

	t.Run("datasets", func(t *testing.T) {
		doc := webtest.Parse(t, fetch("/datasets", 200))
		if webtest.Query(doc, "section#els_2024") == nil {
			t.Error("no els_2024 section")
		}
		if n := len(webtest.QueryAll(doc, "td[data-sha256]")); n < 20 {
			t.Errorf("%d files listed", n)
		}
	})

	getJSON := func(path string, v any) {
		t.Helper()
		if err := json.Unmarshal(fetch(path, 200), v); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
	}

	t.Run("api areas", func(t *testing.T) {
		var list struct {
			Count int
			Areas []struct{ Code, Name, Type string }
		}
		getJSON("/api/v1/areas?type=lad", &list)
		if list.Count < 300 || list.Count != len(list.Areas) {
			t.Errorf("%d local authorities (%d listed)", list.Count, len(list.Areas))
		}
		getJSON("/api/v1/areas?parent=E12000001&type=lad", &list)
		found := false
		for _, a := range list.Areas {
			found = found || a.Code == "E06000001"
		}
		if !found {
			t.Errorf("North East's authorities lack Hartlepool: %v", list.Areas)
		}
	})

	t.Run("api area", func(t *testing.T) {
		var a struct {
			Code, Name string
			Parent     struct{ Code string }
			Latest     []struct {
				Indicator, Period, Licence, Source string
				Value                              *float64
			}
		}
		getJSON("/api/v1/areas/E06000001", &a)
		if a.Name != "Hartlepool" || a.Parent.Code != "E12000001" || len(a.Latest) < 30 {
			t.Fatalf("area = %s %s parent %s, %d latest", a.Code, a.Name, a.Parent.Code, len(a.Latest))
		}
		for _, l := range a.Latest {
			if l.Value == nil || l.Period == "" || l.Licence == "" || l.Source == "" {
				t.Errorf("latest %s = %+v", l.Indicator, l)
			}
			if l.Indicator == "gross-median-weekly-pay" && (*l.Value < 300 || *l.Value > 2000) {
				t.Errorf("Hartlepool weekly pay = %v", *l.Value)
			}
		}
	})

	t.Run("api indicators", func(t *testing.T) {
		var list struct {
			Count      int
			Indicators []struct{ ID, Title, Licence string }
		}
		getJSON("/api/v1/indicators", &list)
		if list.Count < 30 {
			t.Errorf("%d indicators", list.Count)
		}
		var ind struct {
			ID, Title, Unit, Source, Licence string
			Periods                          []struct{ Period, Label string }
			AreaCount                        int `json:"area_count"`
		}
		getJSON("/api/v1/indicators/gross-median-weekly-pay", &ind)
		if ind.Title == "" || ind.Source == "" || ind.Licence == "" || len(ind.Periods) < 10 || ind.AreaCount < 300 {
			t.Errorf("weekly pay = %+v", ind)
		}
	})

	t.Run("openapi", func(t *testing.T) {
		if body := fetch("/api/v1/openapi.yaml", 200); !bytes.HasPrefix(body, []byte("openapi: 3.1")) {
			t.Errorf("openapi.yaml starts %.40q", body)
		}
	})

	if err := srv.stop(); err != nil {
		t.Errorf("stop: %v", err)
	}
	if !strings.Contains(logs.String(), "msg=stopped") {
		t.Errorf("no graceful stop in the log:\n%s", logs.String())
	}
}

func TestMissingDataDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "no-such-data")
	_, _, err := runMain(t, "import", "--db", filepath.Join(t.TempDir(), "x.db"), "--data", dir)
	if err == nil || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "shared/data") {
		t.Errorf("import with no data directory: %v; want an error naming %s and shared/data", err, dir)
	}
}

func TestCommandLine(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr error // nil, errHelp or errUsage
		wantOut string
	}{
		{nil, errUsage, ""},
		{[]string{"frob"}, errUsage, ""},
		{[]string{"-h"}, errHelp, "Commands:"},
		{[]string{"serve", "-h"}, errHelp, ""},
		{[]string{"import", "-h"}, errHelp, ""},
		{[]string{"migrate", "-h"}, errHelp, ""},
		{[]string{"version", "-h"}, errHelp, ""},
		{[]string{"version", "extra"}, errUsage, ""},
		{[]string{"serve", "--no-such-flag"}, errUsage, ""},
		{[]string{"import", "a.csv", "b.csv"}, errUsage, ""},
		{[]string{"version"}, nil, "localup "},
	}
	for _, tt := range tests {
		out, _, err := runMain(t, tt.args...)
		if !errors.Is(err, tt.wantErr) && !(tt.wantErr == nil && err == nil) {
			t.Errorf("localup %v: error %v, want %v", tt.args, err, tt.wantErr)
		}
		if !strings.Contains(out, tt.wantOut) {
			t.Errorf("localup %v: output %q lacks %q", tt.args, out, tt.wantOut)
		}
		if code := exitCode(err); (tt.wantErr == errUsage) != (code == 2) {
			t.Errorf("localup %v: exit code %d", tt.args, code)
		}
	}
	// Invalid settings fail before anything runs.
	if _, _, err := runMain(t, "serve", "--addr", "nonsense"); err == nil || !strings.Contains(err.Error(), "--addr") {
		t.Errorf("serve --addr nonsense: %v", err)
	}
	// Tidy flags need a file, and a file needs the flags.
	db := filepath.Join(t.TempDir(), "x.db")
	if _, _, err := runMain(t, "import", "--db", db, "--tidy-id", "x"); err == nil || !strings.Contains(err.Error(), "FILE") {
		t.Errorf("import --tidy-id without a file: %v", err)
	}
	if _, _, err := runMain(t, "import", "--db", db, "x.csv"); err == nil || !strings.Contains(err.Error(), "--tidy-id") {
		t.Errorf("import x.csv without flags: %v", err)
	}
}

func TestMigrate(t *testing.T) {
	out, _, err := runMain(t, "migrate", "--db", filepath.Join(t.TempDir(), "m.db"))
	if err != nil || !strings.HasPrefix(out, "schema version ") {
		t.Errorf("migrate: %q, %v", out, err)
	}
}

// server is a running `localup serve`.
type server struct {
	base string        // its URL
	logs *bytes.Buffer // its log, for failure messages
	stop func() error  // cancels it and waits for a graceful stop; also run at cleanup
}

// serve runs `localup serve` over db on a free port, with getenv as its
// environment, and returns once it is ready.
func serve(t *testing.T, db string, getenv func(string) string, flags ...string) server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs := &bytes.Buffer{}
	m := NewMain()
	m.Stdout, m.Stderr = io.Discard, logs
	m.Getenv = getenv
	args := append([]string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--reload", "0"}, flags...)
	if err := m.ParseFlags(ctx, args); err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	var once sync.Once
	var stopErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(30 * time.Second):
				stopErr = errors.New("serve did not stop within 30 seconds of cancellation")
			}
			stopErr = errors.Join(stopErr, m.Close())
		})
		return stopErr
	}
	t.Cleanup(func() { stop() })
	select {
	case <-m.Ready():
	case err := <-done:
		t.Fatalf("serve stopped early: %v\n%s", err, logs.String())
	case <-time.After(2 * time.Minute):
		t.Fatalf("serve not ready after 2 minutes\n%s", logs.String())
	}
	return server{base: "http://" + m.Addr(), logs: logs, stop: stop}
}
