package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/library"
)

// LockOptions are the options of `dpa clauses lock`.
type LockOptions struct {
	F       *Factory
	Library string
	Force   bool
}

// NewCmdClausesLock builds `dpa clauses lock`.
func NewCmdClausesLock(f *Factory, runF func(*LockOptions) error) *cobra.Command {
	opts := &LockOptions{F: f}
	cmd := &cobra.Command{
		Use:   "lock",
		Short: "Record the sha256 of every clause version in lock.yaml",
		Long: `Write DIR/lock.yaml with the sha256 of every clause version (id@version:
condition, covers, titles and bodies). Entries of other versions are kept
(history); new id@version entries are added.

A clause whose hash differs from the one locked for the same id@version
changed without a new version: nothing is written and the exit code is 2,
naming the clause's file and line. Bump its version, add a changelog entry
and run again (or use --force to overwrite the locked hash).

DIR is --library, or ./clauses when run in the repository (a folder
"clauses" with library.yaml in the current folder). The embedded library
cannot be written.`,
		Example: `  dpa clauses lock                     # in the repository: clauses/lock.yaml
  dpa clauses lock --library ./my-clauses
  go run ./cmd/dpa clauses lock --library clauses`,
		Args: noArgs(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Library = inherited(cmd, "library")
			if runF != nil {
				return runF(opts)
			}
			return lockRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite locked hashes of clauses that changed without a new version")
	return cmd
}

func lockRun(opts *LockOptions) error {
	f := opts.F
	dir := opts.Library
	if dir == "" {
		if st, err := os.Stat(filepath.Join("clauses", "library.yaml")); err == nil && !st.IsDir() {
			dir = "clauses"
		} else {
			return &FlagError{Err: msgErr(f.UI(""), "cli.err.lock_no_library", nil), Cmd: "dpa clauses lock"}
		}
	}
	lib, err := assemble.LoadLibrary(dir, f.UI(""))
	if err != nil {
		return &InputError{Err: err}
	}
	entries, problems := library.LockEntries(lib)
	if len(problems) > 0 && !opts.Force {
		return inputErr(f.UI(""), "cli.err.lock_changed", M{"Problems": strings.Join(problems, "\n")})
	}
	for _, p := range problems {
		fmt.Fprintf(f.Err, "warning (--force): %s\n", p)
	}
	added := len(entries) - len(lib.Lock)
	data := library.FormatLock(entries)
	// the lock file as the folder spells it (Lock.YML stays Lock.YML:
	// a second lock.yaml beside it would make the library unreadable)
	name := lib.LockFile
	if name == "" {
		name = "lock.yaml"
	}
	if err := f.writeAll(dir, []output{{Name: name, Format: "yaml", Data: data}}, true); err != nil {
		return err
	}
	fmt.Fprintf(f.Out, "%s: %d clauses, %d entries (%d new)\n", filepath.Join(dir, name), len(lib.Clauses), len(entries), added)
	return nil
}
