package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"syscall"
	"testing"

	"github.com/spf13/cobra"

	"github.com/dpa-no/dpa/internal/yamlx"
)

// TestExitCode: every typed error maps to its exit code in ExitCode,
// wrapped or not, and a batch gets the worst of its files'.
func TestExitCode(t *testing.T) {
	in := &InputError{Err: errors.New("x")}
	fnd := &FindingsError{Msg: "x"}
	intr := &InterruptedError{Signal: syscall.SIGTERM}
	for _, c := range []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, ExitOK},
		{"plain", errors.New("disk"), ExitInternal},
		{"input", in, ExitInput},
		{"yaml", &yamlx.Error{Msg: "x"}, ExitInput},
		{"yaml list", yamlx.Errors{{Msg: "x"}}, ExitInput},
		{"flag", &FlagError{}, ExitInput},
		{"findings", fnd, ExitFindings},
		{"wrapped findings", fmt.Errorf("a: %w", fnd), ExitFindings},
		{"silent findings", &SilentError{Err: fnd}, ExitFindings},
		{"silent interrupt", &SilentError{Err: intr}, 143},
		{"interrupt", &InterruptedError{Signal: os.Interrupt}, 130},
		{"batch: input over findings", &BatchError{Errs: []error{fnd, in, errors.New("io")}}, ExitInput},
		{"batch: findings over internal", &BatchError{Errs: []error{errors.New("io"), fnd}}, ExitFindings},
		{"batch: internal", &SilentError{Err: &BatchError{Errs: []error{errors.New("io")}}}, ExitInternal},
	} {
		if got := ExitCode(c.err); got != c.want {
			t.Errorf("%s: exit %d, want %d", c.name, got, c.want)
		}
	}
}

// TestCommandsTakeRunF: the commands built as NewCmdX(f, runF) hand their
// parsed options to runF instead of running (cli/cli's test seam), the
// group's persistent flags included.
func TestCommandsTakeRunF(t *testing.T) {
	f := &Factory{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
	var list *ClausesListOptions
	var show *ClausesShowOptions
	var ver *VersionOptions
	group := func() *cobra.Command {
		root := NewCmdClauses(f)
		root.RemoveCommand(root.Commands()...)
		root.AddCommand(
			NewCmdClausesList(f, func(o *ClausesListOptions) error { list = o; return nil }),
			NewCmdClausesShow(f, func(o *ClausesShowOptions) error { show = o; return nil }),
		)
		return root
	}
	root := group()
	root.SetArgs([]string{"--lang", "en", "list", "--library", "lib"})
	if err := root.Execute(); err != nil || list == nil || list.Lang != "en" || list.Library != "lib" {
		t.Fatalf("list: %v %+v", err, list)
	}
	root = group()
	root.SetArgs([]string{"show", "term", "--answers", "a.yaml"})
	if err := root.Execute(); err != nil || show == nil || show.ID != "term" || show.Answers != "a.yaml" || show.Lang != "nb" {
		t.Fatalf("show: %v %+v", err, show)
	}
	v := NewCmdVersion(f, func(o *VersionOptions) error { ver = o; return nil })
	v.SetArgs([]string{"--library", "x"})
	if err := v.Execute(); err != nil || ver == nil || ver.Library != "x" {
		t.Fatalf("version: %v %+v", err, ver)
	}
}
