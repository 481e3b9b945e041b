package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/clauses"
	"github.com/dpa-no/dpa/internal/library"
)

const lockHelp = "bump the clause's version, add a changelog entry and run: go generate ./..."

// TestClauseLock fails when a clause of the embedded library changed
// without a new version, or when a clause version is not locked.
func TestClauseLock(t *testing.T) {
	lib, err := library.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Lock) == 0 {
		t.Fatalf("clauses/lock.yaml is missing or empty: run: go generate ./...")
	}
	for _, c := range lib.Clauses {
		locked, ok := lib.Lock[c.Ref()]
		switch {
		case !ok:
			t.Errorf("%s:%d: %s has no entry in clauses/lock.yaml: if the clause is new, run: go generate ./...; if it changed, %s", c.File, c.Line, c.Ref(), lockHelp)
		case locked != c.Hash():
			t.Errorf("%s:%d: %s changed (condition, covers, title or body) without a new version: %s", c.File, c.Line, c.Ref(), lockHelp)
		}
	}
}

// TestClauseChangelog checks that every clause has a changelog entry for
// its current version.
func TestClauseChangelog(t *testing.T) {
	lib, err := library.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range lib.Clauses {
		found := false
		for _, e := range c.Changelog {
			if fmt.Sprint(e.Version) == fmt.Sprint(c.Version) && strings.TrimSpace(e.Text.EN+e.Text.NB) != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("%s:%d: %s has no changelog entry for version %d", c.File, c.Line, c.ID, c.Version)
		}
	}
}

// copyEmbedded writes the embedded library files (without lock.yaml) into a temp folder.
func copyEmbedded(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(clauses.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "lock.yaml" {
			return err
		}
		b, err := fs.ReadFile(clauses.FS, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func runDPA(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	f := &Factory{Out: &out, Err: &errb, In: strings.NewReader(""), Getenv: func(string) string { return "" }}
	code := Main(f, args)
	return code, out.String(), errb.String()
}

// replaceInClause edits the text of clause c in its file: the first
// occurrence of old after the clause's line.
func replaceInClause(t *testing.T, dir string, c *library.Clause, old, new string) {
	t.Helper()
	path := filepath.Join(dir, filepath.Base(c.File))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	head := strings.Join(lines[:c.Line-1], "")
	tail := strings.Join(lines[c.Line-1:], "")
	if !strings.Contains(tail, old) {
		t.Fatalf("%q not found after %s:%d", old, path, c.Line)
	}
	tail = strings.Replace(tail, old, new, 1)
	if err := os.WriteFile(path, []byte(head+tail), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLockCommand(t *testing.T) {
	dir := copyEmbedded(t)
	lockFile := filepath.Join(dir, "lock.yaml")
	if code, _, stderr := runDPA(t, "clauses", "lock", "--library", dir); code != 0 {
		t.Fatalf("lock: exit %d: %s", code, stderr)
	}
	first, err := os.ReadFile(lockFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(first, []byte(library.LockHeader+"clauses:\n")) {
		t.Fatalf("lock.yaml header:\n%s", first)
	}
	lib, err := library.Load(os.DirFS(dir), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Lock) != len(lib.Clauses) {
		t.Fatalf("%d lock entries for %d clauses", len(lib.Lock), len(lib.Clauses))
	}
	for _, c := range lib.Clauses {
		if lib.Lock[c.Ref()] != c.Hash() {
			t.Fatalf("%s: locked %q, hash %q", c.Ref(), lib.Lock[c.Ref()], c.Hash())
		}
	}
	// again: unchanged
	if code, _, stderr := runDPA(t, "clauses", "lock", "--library", dir); code != 0 {
		t.Fatalf("second lock: exit %d: %s", code, stderr)
	}
	if again, _ := os.ReadFile(lockFile); !bytes.Equal(first, again) {
		t.Fatalf("lock.yaml changed on a second run")
	}

	// change a clause's title without a new version: refused, file:line named, nothing written
	c := lib.Clauses[0]
	title := c.Title.NB
	replaceInClause(t, dir, c, title, title+" (endret)")
	code, _, stderr := runDPA(t, "clauses", "lock", "--library", dir)
	if code != ExitInput {
		t.Fatalf("changed without bump: exit %d, want 2: %s", code, stderr)
	}
	want := fmt.Sprintf("%s:%d: clause %s: text changed without a new version: bump version to %d", filepath.Join(dir, filepath.Base(c.File)), c.Line, c.Ref(), c.Version+1)
	if !strings.Contains(stderr, want) {
		t.Fatalf("message %q does not contain %q", stderr, want)
	}
	if again, _ := os.ReadFile(lockFile); !bytes.Equal(first, again) {
		t.Fatalf("lock.yaml written although refused")
	}
	// --force overwrites the locked hash
	if code, _, stderr := runDPA(t, "clauses", "lock", "--library", dir, "--force"); code != 0 {
		t.Fatalf("--force: exit %d: %s", code, stderr)
	}
	forced, _ := library.Load(os.DirFS(dir), dir, nil)
	if forced.Lock[c.Ref()] != forced.Clause(c.ID).Hash() {
		t.Fatalf("--force did not update %s", c.Ref())
	}

	// change again and bump the version: accepted, history kept
	replaceInClause(t, dir, c, title+" (endret)", title+" (endret igjen)")
	replaceInClause(t, dir, c, fmt.Sprintf("version: %d", c.Version), fmt.Sprintf("version: %d", c.Version+1))
	if code, _, stderr := runDPA(t, "clauses", "lock", "--library", dir); code != 0 {
		t.Fatalf("after bump: exit %d: %s", code, stderr)
	}
	bumped, err := library.Load(os.DirFS(dir), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	nc := bumped.Clause(c.ID)
	if nc.Version != c.Version+1 {
		t.Fatalf("version not bumped in the test file")
	}
	if bumped.Lock[c.Ref()] == "" || bumped.Lock[nc.Ref()] != nc.Hash() || len(bumped.Lock) != len(bumped.Clauses)+1 {
		t.Fatalf("lock after bump: old entry %q, new entry %q (hash %q), %d entries", bumped.Lock[c.Ref()], bumped.Lock[nc.Ref()], nc.Hash(), len(bumped.Lock))
	}
}

func TestLockNeedsFolder(t *testing.T) {
	wd, _ := os.Getwd()
	t.Chdir(t.TempDir())
	defer os.Chdir(wd)
	code, _, stderr := runDPA(t, "clauses", "lock")
	if code != ExitInput || !strings.Contains(stderr, "--library") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}
