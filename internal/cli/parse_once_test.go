package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/yamlx"
)

// TestAnswersParsedOnce: reading an answers file decodes its YAML once
// (the language of the messages comes from the same parse), and an error
// comes in the file's language unless --ui-lang chose another.
func TestAnswersParsedOnce(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join("..", "..", "examples", "journal-saas.yaml")
	if _, err := os.Stat(good); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("format: 1\nlanguage: en\nservice:\n  modell: saas\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := &Factory{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
	for _, path := range []string{good, bad} {
		before := yamlx.Parses()
		_, _ = readAnswers(f, path)
		if n := yamlx.Parses() - before; n != 1 {
			t.Errorf("%s: parsed %d times, want 1", path, n)
		}
	}
	_, errEN := readAnswers(f, bad)
	_, errNB := readAnswers(&Factory{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}, UILang: "nb"}, bad)
	if errEN == nil || errNB == nil {
		t.Fatal("unknown key accepted")
	}
	if errEN.Error() == errNB.Error() || !strings.Contains(errEN.Error(), "modell") {
		t.Errorf("file language en: %q; --ui-lang nb: %q", errEN, errNB)
	}
}

// TestCheckParsesOnce: `dpa check` of a file with located findings parses
// the answers file once (the positions come from the loader's tree).
func TestCheckParsesOnce(t *testing.T) {
	dir := t.TempDir()
	raw, err := os.ReadFile(filepath.Join("..", "..", "examples", "journal-saas.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// the example has findings with paths (defaults applied, at least)
	p := filepath.Join(dir, "a.yaml")
	if err := os.WriteFile(p, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	before := yamlx.Parses()
	code := Main(&Factory{Out: &out, Err: &errb, In: strings.NewReader(""), Getenv: func(string) string { return "" }}, []string{"check", p})
	if n := yamlx.Parses() - before; n != 1 {
		t.Errorf("check parsed %d times, want 1 (exit %d)", n, code)
	}
	if !strings.Contains(out.String(), p+":") {
		t.Errorf("no finding with a position in:\n%s%s", out.String(), errb.String())
	}
}
