// Package golden compares test output with golden files. One flag rewrites
// them all:
//
//	go test ./internal/assemble ./internal/cli ./internal/render ./internal/render/docx -update
//
// (every package whose tests use golden files imports this package, so each
// of them knows -update). Review the diff of the rewritten files before
// committing them.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/fsafe"
)

var update = flag.Bool("update", false, "rewrite the golden files instead of comparing with them")

// Updating reports whether -update was given.
func Updating() bool { return *update }

// Check compares got with the golden file at path, or rewrites the file
// under -update. A difference names the first differing line.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := fsafe.WriteFile(path, got); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%s: %v (run go test with -update to create it)", path, err)
		return
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the golden file (run go test with -update and review the diff): %s", path, firstDiff(want, got))
	}
}

func firstDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return fmt.Sprintf("line %d: want %q, got %q", i+1, clip(w), clip(g))
		}
	}
	return "same lines, different bytes"
}

func clip(b []byte) string {
	if len(b) > 120 {
		return string(b[:120]) + "…"
	}
	return string(b)
}

// Contract checks a list that may grow but never shrink (condition names,
// template fields): every line of the file at path must be among got, and
// it returns the lines that are not. Under -update the file becomes the
// union of its lines and got, sorted, so that -update records additions
// and can never hide a removal.
func Contract(t testing.TB, path string, got []string) (missing []string) {
	t.Helper()
	have := map[string]bool{}
	for _, g := range got {
		have[g] = true
	}
	var old []string
	if b, err := os.ReadFile(path); err == nil {
		old = strings.Split(strings.TrimSpace(string(b)), "\n")
	} else if !*update {
		t.Errorf("%s: %v (run go test with -update to create it)", path, err)
		return nil
	}
	for _, line := range old {
		if line != "" && !have[line] {
			missing = append(missing, line)
		}
	}
	if *update {
		all := append(append([]string(nil), got...), missing...)
		sort.Strings(all)
		if err := fsafe.WriteFile(path, []byte(strings.Join(all, "\n")+"\n")); err != nil {
			t.Fatal(err)
		}
	}
	return missing
}
