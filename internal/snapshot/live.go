package snapshot

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/localup/localup"
)

// Live holds the current snapshot of a store and replaces it when the
// store's data version changes. Readers call Get and keep the snapshot
// they got for the whole request, so a swap never mixes two versions.
type Live struct {
	store localup.Store
	cur   atomic.Pointer[Snapshot]
	mu    sync.Mutex // one Refresh at a time
}

// NewLive loads the first snapshot of st.
func NewLive(ctx context.Context, st localup.Store) (*Live, error) {
	l := &Live{store: st}
	if _, err := l.Refresh(ctx); err != nil {
		return nil, err
	}
	return l, nil
}

// Get returns the current snapshot.
func (l *Live) Get() *Snapshot { return l.cur.Load() }

// Refresh loads a new snapshot when the store's datasets differ from the
// current snapshot's, and reports whether it did. On error the current
// snapshot stays in place.
func (l *Live) Refresh(ctx context.Context) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	datasets, err := l.store.Datasets(ctx)
	if err != nil {
		return false, fmt.Errorf("snapshot.Refresh: %w", err)
	}
	if cur := l.cur.Load(); cur != nil && cur.Version() == Digest(datasets) {
		return false, nil
	}
	s, err := Load(ctx, l.store)
	if err != nil {
		return false, err
	}
	l.cur.Store(s)
	return true, nil
}
