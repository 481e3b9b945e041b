package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// SoftLimit is the heap at which dpa's first collection runs.
const SoftLimit = 64 << 20

// LargeLimit is the soft memory limit once the live heap has outgrown
// SoftLimit (see TuneGC).
const LargeLimit = 1 << 30

// TuneGC sets the collector for a short-lived dpa process (cmd/dpa calls it
// first). dpa allocates some 20 MB for an agreement in all formats. The
// collector runs only when the heap reaches SoftLimit: a single agreement
// never pays for a collection (a fifth of its instructions at GOGC=200),
// and a batch keeps a footprint under 100 MB (bench/README.md). GOGC and
// GOMEMLIMIT in the environment override.
//
// With the collector off, a soft limit is only cheap while the live heap
// stays well under it: a very large agreement (14,000 subprocessors) keeps
// hundreds of MB live, and the runtime then collected back to back, which
// more than doubled its time (36.9 s user instead of 15). So after each
// collection the live heap is looked at, and once it is over half the
// limit the collector goes back to proportional pacing (GOGC 100) for the
// rest of the process, under a soft limit of LargeLimit: the largest
// agreement (at most about 600 MB live) then peaks at about 1.06 GB
// instead of 1.4 GB, for about 10 % more CPU.
func TuneGC() {
	gogc, limit := os.Getenv("GOGC") == "", os.Getenv("GOMEMLIMIT") == ""
	if gogc {
		debug.SetGCPercent(-1)
	}
	if limit {
		debug.SetMemoryLimit(SoftLimit)
	}
	if gogc && limit {
		watchHeap()
	}
}

// watching is set while watchHeap's finalizer is armed.
var watching atomic.Bool

// watchHeap arms a finalizer that runs after every collection and switches
// to proportional pacing when the live heap is over half the soft limit.
func watchHeap() {
	if !watching.CompareAndSwap(false, true) {
		return // armed already
	}
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		sentinel := new([16]byte) // not a tiny allocation: collected on its own
		runtime.SetFinalizer(sentinel, func(*[16]byte) {
			metrics.Read(s)
			if s[0].Value.Kind() == metrics.KindUint64 && s[0].Value.Uint64() > SoftLimit/2 {
				debug.SetGCPercent(100)
				debug.SetMemoryLimit(LargeLimit)
				watching.Store(false)
				return
			}
			arm()
		})
	}
	arm()
}
