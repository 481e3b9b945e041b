package cli

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestWatchHeap: with the collector off under the soft limit, a live heap
// over half the limit switches to proportional pacing under LargeLimit; a
// small one leaves the settings alone.
func TestWatchHeap(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(SoftLimit))
	watchHeap()
	for i := 0; i < 3; i++ { // small live heap: no change
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Fatalf("GOGC %d with a small heap, want off", p)
	}
	live := make([]byte, SoftLimit) // over half the limit, live
	for i := range live {
		live[i] = byte(i)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		if p == 100 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GOGC still %d with %d MiB live", p, len(live)>>20)
		}
	}
	if l := debug.SetMemoryLimit(-1); l != LargeLimit {
		t.Errorf("memory limit %d, want %d", l, LargeLimit)
	}
	runtime.KeepAlive(live)
}
