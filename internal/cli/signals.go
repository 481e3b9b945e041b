package cli

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
)

// InterruptedError means the run was stopped by a signal (SIGINT, SIGTERM) or
// its context was cancelled. Exit code 128 + the signal number (130 for
// SIGINT and a cancelled context, 143 for SIGTERM), as shells report it.
type InterruptedError struct{ Signal os.Signal }

func (e *InterruptedError) Error() string { return "interrupted: " + signalName(e) }

func (e *InterruptedError) code() int {
	if s, ok := e.Signal.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 128 + int(syscall.SIGINT)
}

func signalName(err error) string {
	var ie *InterruptedError
	if errors.As(err, &ie) && ie.Signal != nil {
		switch ie.Signal {
		case os.Interrupt:
			return "SIGINT"
		case syscall.SIGTERM:
			return "SIGTERM"
		}
		return ie.Signal.String()
	}
	return "SIGINT"
}

// sigCause carries the signal as the context's cause.
type sigCause struct{ sig os.Signal }

func (c sigCause) Error() string { return c.sig.String() }

// interruptible returns a context that is cancelled on SIGINT or SIGTERM
// (with the signal as its cause) while the command runs; stop restores
// the default handling.
func interruptible(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			cancel(sigCause{s})
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}

// interrupted returns an *InterruptedError when ctx was cancelled, else nil.
func interrupted(ctx context.Context) error {
	if ctx.Err() == nil {
		return nil
	}
	var sc sigCause
	if errors.As(context.Cause(ctx), &sc) {
		return &InterruptedError{Signal: sc.sig}
	}
	return &InterruptedError{Signal: os.Interrupt}
}

// context is the factory's context (tests cancel it), else Background.
func (f *Factory) context() context.Context {
	if f.Context != nil {
		return f.Context
	}
	return context.Background()
}
