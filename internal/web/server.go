// Package web is `dpa serve`: a guided web interview that writes answers
// files, with live findings, a preview, downloads, saved agreements with
// revisions, and an HTTP API for scripts. It uses the same loader, rules,
// clause library and renderers as the command line; nothing of the CLI's
// logic is copied here.
package web

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/dpa-no/dpa/internal/library"
)

// Options configure a server.
type Options struct {
	Addr  string           // listen address, host:port
	Token string           // access token; required unless Addr is loopback
	Lib   *library.Library // the compiled clause library, shared by all requests
	Store Store            // saved agreements; nil: no saving (API only)
	// DPAVersion is shown on pages and recorded with revisions.
	DPAVersion string
	// BuildSlots caps the PDF and DOCX builds that run at once (0:
	// GOMAXPROCS); BuildQueue more wait for a slot while their request
	// lives (0: 8 per slot; negative: none wait), and beyond that a request
	// gets 503 with Retry-After.
	BuildSlots, BuildQueue int
}

// Server is the web application.
type Server struct {
	opts    Options
	handler http.Handler
	builds  *gate
	logins  *limiter
	// buildHook, when set (tests), runs inside every capped build
	buildHook func()
}

// ErrTokenRequired is returned by New when the address is not loopback and
// no token was given.
var ErrTokenRequired = errors.New("a non-loopback address needs an access token (--token or DPA_TOKEN)")

// MaxBody is the largest request body accepted (the answers file limit).
const MaxBody = 1 << 20

// New builds the server. It refuses an address that is not loopback
// without a token.
func New(opts Options) (*Server, error) {
	if opts.Lib == nil {
		return nil, errors.New("web: no clause library")
	}
	if !IsLoopback(opts.Addr) && opts.Token == "" {
		return nil, ErrTokenRequired
	}
	s := &Server{opts: opts, logins: newLimiter()}
	slots := opts.BuildSlots
	if slots <= 0 {
		slots = runtime.GOMAXPROCS(0)
	}
	queue := opts.BuildQueue
	if queue == 0 {
		queue = 8 * slots
	}
	s.builds = newGate(slots, queue)
	s.handler = s.routes()
	return s, nil
}

// Handler is the whole application with its security middleware.
func (s *Server) Handler() http.Handler { return s.handler }

// IsLoopback reports whether addr (host:port) binds only to the loopback
// interface. An empty host (":8080") binds every interface.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// HTTPServer returns an http.Server with timeouts set.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// Serve serves on l until ctx is done, then shuts down gracefully: requests
// in flight are finished (up to grace), new ones refused.
func (s *Server) Serve(ctx context.Context, l net.Listener, grace time.Duration) error {
	hs := s.HTTPServer(l.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
