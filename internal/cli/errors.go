// Package cli implements the dpa command line: one options struct, NewCmdX
// and xRun per command, and typed errors mapped to exit codes in one place
// (ExitCode).
package cli

import (
	"errors"
	"fmt"

	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/rules"
	"github.com/dpa-no/dpa/internal/yamlx"
)

// Exit codes of spec/cli.md.
const (
	ExitOK       = 0
	ExitInternal = 1 // not the input's fault: I/O, internal
	ExitInput    = 2 // unreadable input, YAML syntax, unknown key, wrong type, bad flag
	ExitFindings = 3 // readable input with blocking findings and no --draft
)

// InputError is a problem with what the user gave: exit 2.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// FindingsError means blocking findings: exit 3.
type FindingsError struct {
	File  string
	Count int
	Msg   string
}

func (e *FindingsError) Error() string { return e.Msg }

// blocking is the FindingsError of a file whose findings block a final
// agreement.
func blocking(ui *i18n.Localizer, file string, findings []doc.Finding) *FindingsError {
	n := 0
	for _, x := range findings {
		if x.Severity == rules.Error {
			n++
		}
	}
	return &FindingsError{File: file, Count: n, Msg: ui.T("cli.blocking", M{"File": file, "Count": n})}
}

// SilentError is an error already reported to the user: Main prints
// nothing more, and the exit code is Err's (ExitCode unwraps it).
type SilentError struct{ Err error }

func (e *SilentError) Error() string { return e.Err.Error() }
func (e *SilentError) Unwrap() error { return e.Err }

// BatchError is a batch in which some files (or its manifest) failed, each
// reported on its own: the exit code is the worst of theirs (see worst).
type BatchError struct{ Errs []error }

func (e *BatchError) Error() string { return fmt.Sprintf("%d failures", len(e.Errs)) }

// ExitCode maps an error to the exit code of spec/cli.md. This is the only
// place that decides exit codes.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var b *BatchError
	if errors.As(err, &b) {
		code := ExitOK
		for _, e := range b.Errs {
			code = worst(code, ExitCode(e))
		}
		return code
	}
	var ie *InterruptedError
	if errors.As(err, &ie) {
		return ie.code()
	}
	var f *FindingsError
	if errors.As(err, &f) {
		return ExitFindings
	}
	var fl *FlagError
	if errors.As(err, &fl) {
		return ExitInput
	}
	var in *InputError
	if errors.As(err, &in) {
		return ExitInput
	}
	var ye *yamlx.Error
	if errors.As(err, &ye) {
		return ExitInput
	}
	var yes yamlx.Errors
	if errors.As(err, &yes) {
		return ExitInput
	}
	return ExitInternal
}

// worst returns the exit code a batch reports when its files ended with a
// and b: an input error (2) if any file could not be used, else blocking
// findings (3) if any, else an internal or I/O error (1), else 0. The
// input's problems come first because they are what the user must fix; the
// summary lists every failure with its reason.
func worst(a, b int) int {
	rank := map[int]int{ExitOK: 0, ExitInternal: 1, ExitFindings: 2, ExitInput: 3}
	if rank[b] > rank[a] {
		return b
	}
	return a
}
