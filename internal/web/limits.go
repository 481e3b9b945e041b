package web

import (
	"context"
	"errors"
	"math"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// ---- PDF and DOCX builds ----

// errBusy: every build slot is taken and the queue is full.
var errBusy = errors.New("busy: too many PDF and DOCX builds at once; try again shortly")

// busyRetry is the Retry-After of a 503 for a full build queue.
const busyRetry = 2 * time.Second

// gate caps concurrent builds at cap(slots); up to queue more requests
// wait for a slot (as long as their request lives); beyond that, errBusy.
type gate struct {
	slots   chan struct{}
	queue   int64
	waiting atomic.Int64
}

func newGate(slots, queue int) *gate {
	if slots <= 0 {
		slots = runtime.GOMAXPROCS(0)
	}
	if queue < 0 {
		queue = 0
	}
	return &gate{slots: make(chan struct{}, slots), queue: int64(queue)}
}

// acquire takes a slot, waiting in the queue while ctx lives; release
// gives it back.
func (g *gate) acquire(ctx context.Context) (release func(), err error) {
	release = func() { <-g.slots }
	select {
	case g.slots <- struct{}{}:
		return release, nil
	default:
	}
	if g.waiting.Add(1) > g.queue {
		g.waiting.Add(-1)
		return nil, errBusy
	}
	defer g.waiting.Add(-1)
	select {
	case g.slots <- struct{}{}:
		return release, nil
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}

// heavy: the formats whose builds the gate caps.
func heavy(format string) bool { return format == "pdf" || format == "docx" }

// busy answers a request refused by a full build queue: 503 with
// Retry-After.
func busy(w http.ResponseWriter) {
	w.Header().Set("Retry-After", strconv.Itoa(int(busyRetry/time.Second)))
}

// ---- token login ----

// loginBackoff is the wait after the first wrong token from an address;
// it doubles with every further one, up to loginMaxBackoff.
const (
	loginBackoff    = time.Second
	loginMaxBackoff = 10 * time.Minute
	// loginForget: an address without a wrong token for this long starts
	// again from the first wait
	loginForget = time.Hour
	// loginMaxAddrs bounds the table; when full, the oldest entry goes
	loginMaxAddrs = 10000
)

// limiter is the back-off of token guesses per remote address.
type limiter struct {
	mu  sync.Mutex
	m   map[string]*strikes
	now func() time.Time
}

type strikes struct {
	n     int       // wrong tokens in a row
	until time.Time // no attempt is checked before this
	last  time.Time
}

func newLimiter() *limiter { return &limiter{m: map[string]*strikes{}, now: time.Now} }

// clientAddr is the remote address without its port (IPv6: its /64, which
// one client can take addresses from at will).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if ip := net.ParseIP(host); ip != nil && ip.To4() == nil {
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
	return host
}

// wait is how long addr must wait before its next attempt is checked
// (0: now).
func (l *limiter) wait(addr string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.m[addr]
	if s == nil {
		return 0
	}
	if d := s.until.Sub(l.now()); d > 0 {
		return d
	}
	return 0
}

// fail records a wrong token from addr.
func (l *limiter) fail(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	s := l.m[addr]
	if s != nil && now.Sub(s.last) > loginForget {
		s = nil
	}
	if s == nil {
		if len(l.m) >= loginMaxAddrs {
			l.evict(now)
		}
		s = &strikes{}
		l.m[addr] = s
	}
	s.n++
	d := time.Duration(float64(loginBackoff) * math.Pow(2, float64(min(s.n-1, 30))))
	if d > loginMaxBackoff {
		d = loginMaxBackoff
	}
	s.until, s.last = now.Add(d), now
}

// ok forgets addr's wrong tokens after a right one.
func (l *limiter) ok(addr string) {
	l.mu.Lock()
	delete(l.m, addr)
	l.mu.Unlock()
}

// evict removes forgotten entries, and if none was, the oldest.
func (l *limiter) evict(now time.Time) {
	var oldest string
	var t time.Time
	for a, s := range l.m {
		if now.Sub(s.last) > loginForget {
			delete(l.m, a)
			continue
		}
		if oldest == "" || s.last.Before(t) {
			oldest, t = a, s.last
		}
	}
	if len(l.m) >= loginMaxAddrs {
		delete(l.m, oldest)
	}
}

// retryAfter is d in whole seconds, at least 1.
func retryAfter(d time.Duration) string {
	return strconv.Itoa(max(1, int(math.Ceil(d.Seconds()))))
}
