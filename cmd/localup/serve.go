package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/geo"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/web"
)

var serveCommand = &command{
	name:    "serve",
	summary: "serve the web site and the JSON API",
	help: `Serve the web site and the /api/v1 JSON API from an in-memory snapshot of
the database, replaced when a new import is seen. Stops gracefully on
SIGINT or SIGTERM. With --addr port 0, a free port is chosen and logged.`,
	flags: func(m *Main, fs *flag.FlagSet) {
		m.Config.StoreFlags(fs)
		m.Config.ServeFlags(fs)
	},
	run: func(m *Main, ctx context.Context) error { return m.serve(ctx) },
}

// Addr returns the address serve listens on, once Ready is closed; with
// port 0 it holds the port chosen.
func (m *Main) Addr() string {
	select {
	case <-m.ready:
		return m.addr
	default:
		return ""
	}
}

// Ready is closed once serve is accepting connections.
func (m *Main) Ready() <-chan struct{} { return m.ready }

func (m *Main) serve(ctx context.Context) error {
	m.log.Info("starting", "config", m.Config)
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	live, err := snapshot.NewLive(ctx, db)
	if err != nil {
		return fmt.Errorf("load data: %w", err)
	}
	snap := live.Get()
	if len(snap.Datasets()) == 0 {
		m.log.Warn("the database holds no data yet: run localup import")
	}
	m.log.Info("data loaded", "datasets", len(snap.Datasets()), "areas", len(snap.AllAreas()),
		"indicators", len(snap.Indicators()), "observations", snap.ObservationCount(),
		"version", snap.Version()[:12], "took", time.Since(start).Round(time.Millisecond))
	alloc := allocation.New(allocation.Options{Snapshot: live.Get, Evidence: db, Formulas: db})
	// Boundaries are read once; without them pages show tables, not maps.
	atlas, err := geo.Load(m.Config.DataDir)
	if err != nil {
		m.log.Warn("no maps: boundaries not loaded", "err", err)
		atlas = nil
	}
	srv, err := web.New(web.Options{Snapshot: live.Get, Store: db, Log: m.log, Allocation: alloc, Atlas: atlas})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", m.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", m.Config.Addr, err)
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(m.log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	m.addr = ln.Addr().String()
	close(m.ready)
	m.log.Info("listening", "addr", m.addr, "url", "http://"+displayAddr(ln.Addr()))

	if m.Config.ReloadInterval > 0 {
		go m.reload(ctx, live)
	}
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	m.log.Info("shutting down", "timeout", m.Config.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), m.Config.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	m.log.Info("stopped")
	return nil
}

// reload looks for a newer import every ReloadInterval and swaps the
// snapshot when it finds one; a failed load keeps the old snapshot.
func (m *Main) reload(ctx context.Context, live *snapshot.Live) {
	t := time.NewTicker(m.Config.ReloadInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		start := time.Now()
		changed, err := live.Refresh(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			m.log.Error("reload data", "err", err)
		case changed:
			m.log.Info("data reloaded", "version", live.Get().Version()[:12], "took", time.Since(start).Round(time.Millisecond))
		}
	}
}

// displayAddr turns a listener address into one a browser can open.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || tcp.IP.IsUnspecified() {
		if ok {
			return fmt.Sprintf("localhost:%d", tcp.Port)
		}
		return a.String()
	}
	return a.String()
}
