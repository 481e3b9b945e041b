package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/web"
)

// TestBuildCap: with one build slot and a queue of one, a PDF request
// that finds the slot taken waits; one that finds the queue full gets 503
// with Retry-After at once; a waiting request whose client goes away
// leaves the queue; when the slot is free the waiting one is built.
func TestBuildCap(t *testing.T) {
	s, ts := newServerS(t, web.Options{BuildSlots: 1, BuildQueue: 1})
	entered := make(chan struct{}, 10)
	release := make(chan struct{})
	web.SetBuildHook(s, func() {
		entered <- struct{}{}
		<-release
	})
	type result struct {
		code  int
		retry string
		n     int
		err   error
	}
	start := func(ctx context.Context, format string) chan result {
		c := make(chan result, 1)
		go func() {
			req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL+"/api/generate?format="+format, bytes.NewReader(examples.Journal))
			req.Header.Set("Content-Type", "application/yaml")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				c <- result{err: err}
				return
			}
			var b bytes.Buffer
			b.ReadFrom(resp.Body)
			resp.Body.Close()
			c <- result{code: resp.StatusCode, retry: resp.Header.Get("Retry-After"), n: b.Len()}
		}()
		return c
	}
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting until %s", what)
			}
		}
	}
	a := start(context.Background(), "pdf")
	<-entered // a holds the slot
	ctxB, cancelB := context.WithCancel(context.Background())
	b := start(ctxB, "docx")
	waitFor("b waits", func() bool { return web.BuildsWaiting(s) == 1 })
	// the queue is full: 503 with Retry-After, at once
	c := <-start(context.Background(), "pdf")
	if c.err != nil || c.code != http.StatusServiceUnavailable || c.retry == "" {
		t.Fatalf("queue full: %+v", c)
	}
	if n, err := strconv.Atoi(c.retry); err != nil || n < 1 {
		t.Errorf("Retry-After %q", c.retry)
	}
	// formats that are not capped are not held up
	if md := <-start(context.Background(), "md"); md.code != 200 {
		t.Errorf("md while the PDF slot is taken: %+v", md)
	}
	// b's client goes away: b leaves the queue and is never built
	cancelB()
	if r := <-b; r.err == nil {
		t.Errorf("b after cancel: %+v", r)
	}
	waitFor("b left the queue", func() bool { return web.BuildsWaiting(s) == 0 })
	d := start(context.Background(), "docx")
	waitFor("d waits", func() bool { return web.BuildsWaiting(s) == 1 })
	close(release)
	for name, ch := range map[string]chan result{"a": a, "d": d} {
		if r := <-ch; r.err != nil || r.code != 200 || r.n == 0 {
			t.Errorf("%s: %+v", name, r)
		}
	}
	if len(entered) != 1 { // d only; b was never built
		t.Errorf("%d more builds entered, want 1 (d)", len(entered))
	}
}

// login posts a token from addr to h.
func login(h http.Handler, addr, token string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", "/login", strings.NewReader(url.Values{"token": {token}, "next": {"/"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = addr
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// TestLoginBackoffAtOnce: a second token right after a wrong one from the
// same address is not even compared (429 with Retry-After), also when it
// is the right one; another address is not held up.
func TestLoginBackoffAtOnce(t *testing.T) {
	s, err := web.New(web.Options{Lib: lib(t), Addr: "0.0.0.0:8080", Token: "s3cret-token"})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	if w := login(h, "192.0.2.1:4000", "guess-1"); w.Code != 401 {
		t.Fatalf("first wrong token: %d", w.Code)
	}
	w := login(h, "192.0.2.1:4001", "s3cret-token")
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
		t.Fatalf("right after a wrong token: %d, Retry-After %q", w.Code, w.Header().Get("Retry-After"))
	}
	if !strings.Contains(w.Body.String(), "Vent") {
		t.Errorf("the page does not say to wait: %.300s", w.Body.String())
	}
	if w := login(h, "192.0.2.2:4000", "s3cret-token"); w.Code != http.StatusSeeOther {
		t.Errorf("another address: %d", w.Code)
	}
}

// TestLoginBackoff: the wait after wrong tokens from one address doubles
// (1, 2, 4, ... s) up to 10 minutes; a right token after the wait logs in
// and starts the count again; bearer tokens count the same way.
func TestLoginBackoff(t *testing.T) {
	s, err := web.New(web.Options{Lib: lib(t), Addr: "0.0.0.0:8080", Token: "s3cret-token"})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	web.SetClock(s, func() time.Time { mu.Lock(); defer mu.Unlock(); return now })
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	h := s.Handler()
	const addr = "198.51.100.7:5555"
	want := time.Second
	for i := 0; i < 14; i++ {
		if w := login(h, addr, "wrong"); w.Code != 401 {
			t.Fatalf("wrong token %d after the wait: %d", i+1, w.Code)
		}
		w := login(h, addr, "s3cret-token")
		ra, _ := strconv.Atoi(w.Header().Get("Retry-After"))
		if w.Code != http.StatusTooManyRequests || time.Duration(ra)*time.Second != want {
			t.Fatalf("after %d wrong tokens: %d, Retry-After %q, want %v", i+1, w.Code, w.Header().Get("Retry-After"), want)
		}
		advance(want - time.Millisecond)
		if w := login(h, addr, "s3cret-token"); w.Code != http.StatusTooManyRequests {
			t.Fatalf("just before the wait is over: %d", w.Code)
		}
		advance(time.Millisecond)
		want = min(2*want, 10*time.Minute)
	}
	if w := login(h, addr, "s3cret-token"); w.Code != http.StatusSeeOther {
		t.Fatalf("right token after the wait: %d", w.Code)
	}
	// counted from the start again
	login(h, addr, "wrong")
	if w := login(h, addr, "wrong"); w.Header().Get("Retry-After") != "1" {
		t.Errorf("after a login the count starts again: Retry-After %q", w.Header().Get("Retry-After"))
	}
	// bearer tokens
	api := func(tok string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/api/check", bytes.NewReader(examples.Journal))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.RemoteAddr = "203.0.113.9:1"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}
	if w := api("wrong"); w.Code != 401 {
		t.Fatalf("wrong bearer: %d", w.Code)
	}
	if w := api("s3cret-token"); w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") != "1" {
		t.Fatalf("bearer right after a wrong one: %d %q", w.Code, w.Header().Get("Retry-After"))
	}
	advance(time.Second)
	if w := api("s3cret-token"); w.Code != 200 {
		t.Fatalf("bearer after the wait: %d", w.Code)
	}
}
