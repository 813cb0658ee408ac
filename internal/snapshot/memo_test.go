package snapshot_test

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
)

func TestMemo(t *testing.T) {
	s := load(t)
	calls := 0
	var mu sync.Mutex
	build := func() ([]byte, error) {
		mu.Lock()
		calls++
		mu.Unlock()
		return []byte("body"), nil
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			b, err := s.Memo(fmt.Sprint("k", i%2), build)
			if err != nil || string(b) != "body" {
				t.Errorf("Memo = %q, %v", b, err)
			}
		})
	}
	wg.Wait()
	before := calls
	if b, _ := s.Memo("k0", build); string(b) != "body" || calls != before {
		t.Errorf("a kept result was built again (%d calls, then %d)", before, calls)
	}
	// Errors are returned and not kept.
	boom := errors.New("boom")
	if _, err := s.Memo("bad", func() ([]byte, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("error %v", err)
	}
	if b, err := s.Memo("bad", build); err != nil || string(b) != "body" {
		t.Errorf("after an error: %q, %v", b, err)
	}
}

func TestDerivedBuildsOnce(t *testing.T) {
	snap := load(t)
	var builds atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			v := snap.Derived("k", func() any { builds.Add(1); return 42 })
			if v != 42 {
				t.Errorf("Derived = %v", v)
			}
		})
	}
	wg.Wait()
	if n := builds.Load(); n != 1 {
		t.Errorf("built %d times, want 1", n)
	}
	if v := snap.Derived("other", func() any { return "x" }); v != "x" {
		t.Errorf("other key = %v", v)
	}
}
