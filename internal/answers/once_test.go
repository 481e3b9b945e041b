package answers

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/yamlx"
)

// peekLanguageOld is the second parse LoadFor replaced (PeekLanguage,
// as it was), kept as the oracle for languageOf.
func peekLanguageOld(data []byte) string {
	var m struct {
		Language string `yaml:"language"`
	}
	if len(data) > yamlx.DefaultLimits.MaxBytes {
		return ""
	}
	if err := yaml.Unmarshal(data, &m); err != nil {
		return ""
	}
	if l, err := i18n.Normalize(m.Language); err == nil {
		return l
	}
	return ""
}

// TestLanguageOfAsPeek: the language read from the loader's own node tree
// is the one the old second parse found, for every answers file in the
// repository and for the odd cases.
func TestLanguageOfAsPeek(t *testing.T) {
	inputs := map[string][]byte{
		"en":        []byte("format: 1\nlanguage: en\n"),
		"EN":        []byte("format: 1\nlanguage: EN\n"),
		"nb":        []byte("language: nb\nformat: 1\n"),
		"none":      []byte("format: 1\n"),
		"unknown":   []byte("format: 1\nlanguage: de\n"),
		"null":      []byte("format: 1\nlanguage: ~\n"),
		"number":    []byte("format: 1\nlanguage: 12\n"),
		"list":      []byte("format: 1\nlanguage: [en]\n"),
		"alias":     []byte("x: &l en\nlanguage: *l\n"),
		"not a map": []byte("- language: en\n"),
		"quoted":    []byte("format: 1\n\"language\": \"en\"\n"),
		"nested":    []byte("format: 1\nservice:\n  language: en\n"),
	}
	root := filepath.Join("..", "..")
	for _, dir := range []string{"testdata", "examples", "internal"} {
		_ = filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
				if b, err := os.ReadFile(p); err == nil && len(b) < 1<<20 {
					inputs[p] = b
				}
			}
			return nil
		})
	}
	if len(inputs) < 50 {
		t.Fatalf("only %d inputs", len(inputs))
	}
	for name, data := range inputs {
		want := peekLanguageOld(data)
		var got string
		r := &yamlx.Reader{File: name, Data: data, UI: i18n.For("nb"), Limits: yamlx.DefaultLimits,
			UIFor: func(root *yaml.Node) *i18n.Localizer { got = languageOf(root); return nil }}
		_, _ = r.Parse()
		if got != want {
			t.Errorf("%s: language %q, the old peek read %q", name, got, want)
		}
	}
}

// TestLoadForParsesOnce: LoadFor decodes the file once and gives its
// errors in the file's language, or in the chosen one.
func TestLoadForParsesOnce(t *testing.T) {
	data := []byte("format: 1\nlanguage: en\nservice:\n  modell: saas\n")
	var asked []string
	ui := func(l string) *i18n.Localizer {
		asked = append(asked, l)
		if l == "" {
			l = "nb"
		}
		return i18n.For(l)
	}
	before := yamlx.Parses()
	_, err := LoadFor("a.yaml", data, ui)
	if n := yamlx.Parses() - before; n != 1 {
		t.Errorf("%d parses, want 1", n)
	}
	if err == nil {
		t.Fatal("unknown key accepted")
	}
	if strings.Join(asked, ",") != ",en" {
		t.Errorf("languages asked: %q", asked)
	}
	if en, nb := err.Error(), errorIn(t, data, "nb"); en == nb {
		t.Errorf("the file's language did not choose the messages: %s", en)
	}
	// a syntax error: the language before the parse ("")
	asked = nil
	if _, err := LoadFor("b.yaml", []byte("language: en\n: : :\n\t"), ui); err == nil {
		t.Fatal("syntax error accepted")
	}
	if strings.Join(asked, ",") != "" {
		t.Errorf("languages asked for a syntax error: %q", asked)
	}
}

func errorIn(t *testing.T, data []byte, lang string) string {
	t.Helper()
	_, err := Load("a.yaml", data, i18n.For(lang))
	if err == nil {
		t.Fatal("no error")
	}
	return err.Error()
}
