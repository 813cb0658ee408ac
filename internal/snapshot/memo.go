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
