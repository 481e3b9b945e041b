package library

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dpa-no/dpa/clauses"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/templates"
)

// LockHeader is the comment at the top of lock.yaml.
const LockHeader = `# sha256 of each clause version (id@version): condition, covers, titles and bodies.
# Update with: go generate ./...   (after bumping the version of every changed clause;
# for another library folder: dpa clauses lock --library DIR)
`

// LockEntries returns the lock entries of lib: its current lock plus the
// hash of every clause version, and one problem per clause whose hash
// differs from the one locked for the same id@version.
func LockEntries(lib *Library) (map[string]string, []string) {
	out := map[string]string{}
	for k, v := range lib.Lock {
		out[k] = v
	}
	var problems []string
	for _, c := range lib.Clauses {
		h := c.Hash()
		if old, ok := lib.Lock[c.Ref()]; ok && old != h {
			problems = append(problems, fmt.Sprintf("%s:%d: clause %s: text changed without a new version: bump version to %d and add a changelog entry (locked %s, now %s)",
				c.File, c.Line, c.Ref(), c.Version+1, shortHash(old), shortHash(h)))
		}
		out[c.Ref()] = h
	}
	return out, problems
}

func shortHash(h string) string {
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

// EmbeddedLockFile is clauses/lock.yaml for the embedded library (the
// generator's "lock" step). It fails, writing nothing, when a clause
// changed without a new version.
func EmbeddedLockFile() ([]byte, error) {
	lib, err := Load(clauses.FS, "clauses", i18n.For("en"))
	if err != nil {
		return nil, err
	}
	entries, problems := LockEntries(lib)
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return FormatLock(entries), nil
}

// EmbeddedSnapshotGo is internal/library/snapshot_gen.go for the embedded
// library (the generator's "library" step).
func EmbeddedSnapshotGo() ([]byte, error) {
	lib, err := Load(clauses.FS, "embedded", i18n.For("en"))
	if err != nil {
		return nil, err
	}
	key, err := InputKey(clauses.FS, templates.FS)
	if err != nil {
		return nil, err
	}
	return SnapshotGo(lib.Snapshot(key)), nil
}
