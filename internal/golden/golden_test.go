package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder captures Errorf without failing the real test.
type recorder struct {
	testing.TB
	msgs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.golden")
	if err := os.WriteFile(path, []byte("one\ntwo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	Check(r, path, []byte("one\ntwo\n"))
	if len(r.msgs) != 0 {
		t.Fatalf("equal output reported: %v", r.msgs)
	}
	Check(r, path, []byte("one\nthree\n"))
	if len(r.msgs) != 1 || !strings.Contains(r.msgs[0], `line 2: want "two", got "three"`) {
		t.Fatalf("difference not reported with its line: %v", r.msgs)
	}
	Check(r, filepath.Join(dir, "missing.golden"), []byte("x"))
	if len(r.msgs) != 2 || !strings.Contains(r.msgs[1], "-update") {
		t.Fatalf("missing golden file not reported: %v", r.msgs)
	}
	*update = true
	defer func() { *update = false }()
	Check(r, filepath.Join(dir, "sub", "new.golden"), []byte("new"))
	if b, err := os.ReadFile(filepath.Join(dir, "sub", "new.golden")); err != nil || string(b) != "new" {
		t.Fatalf("-update did not write the file: %q %v", b, err)
	}
}

// TestContract: a line of the contract that is no longer offered is
// returned; added lines are not; under -update the file keeps the
// removed line (the union), so that -update cannot hide it.
func TestContract(t *testing.T) {
	path := filepath.Join(t.TempDir(), "names.txt")
	if err := os.WriteFile(path, []byte("a int\nb bool\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	if m := Contract(r, path, []string{"a int", "b bool", "c string"}); len(m) != 0 || len(r.msgs) != 0 {
		t.Fatalf("additions reported: %v %v", m, r.msgs)
	}
	if m := Contract(r, path, []string{"a int", "c string"}); strings.Join(m, ",") != "b bool" {
		t.Fatalf("removal not reported: %v", m)
	}
	*update = true
	defer func() { *update = false }()
	Contract(r, path, []string{"c string", "a int"})
	if b, _ := os.ReadFile(path); string(b) != "a int\nb bool\nc string\n" {
		t.Fatalf("-update wrote %q", b)
	}
}
