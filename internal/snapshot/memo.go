package snapshot

import "sync"

// MemoBytes bounds what Memo keeps for one snapshot.
const MemoBytes = 64 << 20

// memo holds bytes derived from one snapshot: rendered pages and encoded
// responses, which never change while the snapshot is current and are
// dropped with it when a new one replaces it.
type memo struct {
	mu    sync.Mutex
	items map[string][]byte
	size  int
}

// Memo returns the bytes stored under key, or calls build, keeps its
// result while the snapshot's memo has room (MemoBytes in all; after that,
// results are built each time) and returns it. Callers must not modify the
// returned slice. Concurrent callers with the same key may both build.
func (s *Snapshot) Memo(key string, build func() ([]byte, error)) ([]byte, error) {
	m := &s.memo
	m.mu.Lock()
	b, ok := m.items[key]
	m.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := build()
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.size+len(b) <= MemoBytes {
		if m.items == nil {
			m.items = make(map[string][]byte)
		}
		if _, dup := m.items[key]; !dup {
			m.items[key] = b
			m.size += len(b)
		}
	}
	return b, nil
}

// derived holds values that packages above the snapshot compute from it
// once (the missions overview), each built on first use.
type derived struct {
	mu    sync.Mutex
	items map[string]*derivedItem
}

type derivedItem struct {
	once sync.Once
	v    any
}

// Derived returns the value stored under key, calling build once, on
// first use, to make it. Unlike Memo it keeps any value and every key
// (callers use a fixed few), and concurrent callers wait for the one
// build. The value must be treated as read-only.
func (s *Snapshot) Derived(key string, build func() any) any {
	d := &s.derived
	d.mu.Lock()
	it, ok := d.items[key]
	if !ok {
		if d.items == nil {
			d.items = make(map[string]*derivedItem)
		}
		it = &derivedItem{}
		d.items[key] = it
	}
	d.mu.Unlock()
	it.once.Do(func() { it.v = build() })
	return it.v
}
