package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
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

func init() {
	clauseSubcommands = append(clauseSubcommands, func(f *Factory) *cobra.Command { return NewCmdClausesLock(f, nil) })
}

// LockHeader is the comment at the top of lock.yaml.
const LockHeader = `# sha256 of each clause version (id@version): condition, covers, titles and bodies.
# Update with: dpa clauses lock   (after bumping the version of every changed clause)
`

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
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if fl := cmd.Flag("library"); fl != nil {
				opts.Library = fl.Value.String()
			}
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
			return inputf("give --library DIR: no clauses/library.yaml in the current folder, and the embedded library cannot be written")
		}
	}
	lib, err := assemble.LoadLibrary(dir, f.UI(""))
	if err != nil {
		return &InputError{Err: err}
	}
	entries, problems := LockEntries(lib)
	if len(problems) > 0 && !opts.Force {
		return inputf("%s\nnothing was written (use --force to overwrite the locked hashes)", strings.Join(problems, "\n"))
	}
	for _, p := range problems {
		fmt.Fprintf(f.Err, "warning (--force): %s\n", p)
	}
	added := len(entries) - len(lib.Lock)
	data := FormatLock(entries)
	if err := writeAll(f.UI(""), dir, []output{{Name: "lock.yaml", Format: "yaml", Data: data}}, true); err != nil {
		return err
	}
	fmt.Fprintf(f.Out, "%s: %d clauses, %d entries (%d new)\n", filepath.Join(dir, "lock.yaml"), len(lib.Clauses), len(entries), added)
	return nil
}

// LockEntries returns the lock entries of lib: its current lock plus the
// hash of every clause version, and one problem per clause whose hash
// differs from the one locked for the same id@version.
func LockEntries(lib *library.Library) (map[string]string, []string) {
	out := map[string]string{}
	for k, v := range lib.Lock {
		out[k] = v
	}
	var problems []string
	for _, c := range lib.Clauses {
		h := c.Hash()
		if old, ok := lib.Lock[c.Ref()]; ok && old != h {
			problems = append(problems, fmt.Sprintf("%s:%d: clause %s: text changed without a new version: bump version to %d and add a changelog entry (locked %s, now %s)",
				c.File, c.Line, c.Ref(), c.Version+1, short(old), short(h)))
		}
		out[c.Ref()] = h
	}
	return out, problems
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// FormatLock writes lock entries as lock.yaml, sorted by id and version.
func FormatLock(entries map[string]string) []byte {
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	split := func(k string) (string, int) {
		i := strings.LastIndexByte(k, '@')
		if i < 0 {
			return k, 0
		}
		n, _ := strconv.Atoi(k[i+1:])
		return k[:i], n
	}
	sort.Slice(keys, func(i, j int) bool {
		a, av := split(keys[i])
		b, bv := split(keys[j])
		if a != b {
			return a < b
		}
		return av < bv
	})
	var b bytes.Buffer
	b.WriteString(LockHeader)
	b.WriteString("clauses:\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "  %s: %s\n", k, entries[k])
	}
	return b.Bytes()
}
