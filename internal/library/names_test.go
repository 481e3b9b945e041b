package library

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dpa-no/dpa/clauses"
	"github.com/dpa-no/dpa/internal/i18n"
)

// renamed returns the embedded library files with some renamed
// (old name -> new name; "" drops the file) and extra files added.
func renamed(t *testing.T, ren map[string]string, extra map[string]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	names, _ := fs.Glob(clauses.FS, "*.yaml")
	for _, n := range names {
		b, _ := fs.ReadFile(clauses.FS, n)
		if to, ok := ren[n]; ok {
			if to == "" {
				continue
			}
			n = to
		}
		m[n] = &fstest.MapFile{Data: b}
	}
	for n, c := range extra {
		m[n] = &fstest.MapFile{Data: []byte(c)}
	}
	return m
}

// TestLoadYAMLAnyCase: clause files and the library's own files count
// with .yaml or .yml in any case, as answers files do (a clause file
// 05-security.YAML was skipped without a word: its clauses silently left
// the agreement).
func TestLoadYAMLAnyCase(t *testing.T) {
	ref, err := Load(clauses.FS, "embedded", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ren := range []map[string]string{
		{"05-security.yaml": "05-security.YAML"},
		{"06-model.yaml": "06-model.Yml"},
		{"08-transfers.yaml": "08-Transfers.yml", "library.yaml": "Library.YAML"},
		{"matrix.yaml": "matrix.YML", "requirements.yaml": "Requirements.Yaml", "lock.yaml": "LOCK.yml"},
	} {
		lib, err := Load(renamed(t, ren, nil), "lib", i18n.For("en"))
		if err != nil {
			t.Errorf("%v: %v", ren, err)
			continue
		}
		if len(lib.Clauses) != len(ref.Clauses) || len(lib.Requirements) != len(ref.Requirements) ||
			len(lib.Lock) != len(ref.Lock) || lib.Version != ref.Version || len(lib.Matrix.Layers) != len(ref.Matrix.Layers) {
			t.Errorf("%v: %d clauses, %d requirements, %d lock entries, version %q; want %d, %d, %d, %q",
				ren, len(lib.Clauses), len(lib.Requirements), len(lib.Lock), lib.Version,
				len(ref.Clauses), len(ref.Requirements), len(ref.Lock), ref.Version)
		}
		for _, to := range ren {
			if n, ok := map[string]bool{"Library.YAML": true, "matrix.YML": true, "Requirements.Yaml": true, "LOCK.yml": true}[to]; ok && n {
				continue
			}
			found := false
			for _, c := range lib.Clauses {
				if c.File == "lib/"+to {
					found = true
				}
			}
			if !found {
				t.Errorf("%v: no clause from %s", ren, to)
			}
		}
	}
}

// TestLoadYAMLAnyCaseRead: a library file under another spelling is the
// one read (a broken one is an error naming it, not replaced by the
// embedded one).
func TestLoadYAMLAnyCaseRead(t *testing.T) {
	for _, name := range []string{"matrix.YML", "Requirements.Yaml", "LOCK.yml", "07-subprocessors.YAML"} {
		base := strings.ToLower(TrimYAMLExt(name)) + ".yaml"
		_, err := Load(renamed(t, map[string]string{base: ""}, map[string]string{name: "[broken\n"}), "lib", i18n.For("en"))
		if err == nil || !strings.Contains(err.Error(), "lib/"+name) {
			t.Errorf("%s broken: %v", name, err)
		}
	}
}

// TestLoadSameNameTwice: two files of one name apart from case, or with
// both .yaml and .yml, are an error naming both (on a file system that
// ignores case they are one file; otherwise which one counts is a guess).
func TestLoadSameNameTwice(t *testing.T) {
	for _, c := range []struct {
		ren   map[string]string
		extra map[string]string
		a, b  string
	}{
		{extra: map[string]string{"05-SECURITY.yaml": good}, a: "05-SECURITY.yaml", b: "05-security.yaml"},
		{extra: map[string]string{"05-security.YAML": good}, a: "05-security.YAML", b: "05-security.yaml"},
		{extra: map[string]string{"05-security.yml": good}, a: "05-security.yaml", b: "05-security.yml"},
		{extra: map[string]string{"Library.yaml": "version: 9\n"}, a: "Library.yaml", b: "library.yaml"},
		{extra: map[string]string{"lock.yml": "clauses: {}\n"}, a: "lock.yaml", b: "lock.yml"},
	} {
		_, err := Load(renamed(t, c.ren, c.extra), "lib", i18n.For("en"))
		if err == nil {
			t.Errorf("%s with %s: loaded", c.a, c.b)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "lib/"+c.a) || !strings.Contains(msg, "lib/"+c.b) {
			t.Errorf("%s with %s: %s", c.a, c.b, msg)
		}
	}
}

// TestEmbeddedFoldersLowercaseYAML: the folders embedded with
// //go:embed *.yaml (clauses, templates, locales) hold no YAML file under
// another spelling of the extension, which the pattern would leave out of
// the binary without a word.
func TestEmbeddedFoldersLowercaseYAML(t *testing.T) {
	for _, dir := range []string{"../../clauses", "../../templates", "../../locales"} {
		es, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if IsYAMLName(e.Name()) && filepath.Ext(e.Name()) != ".yaml" {
				t.Errorf("%s/%s: rename to .yaml (//go:embed *.yaml leaves it out)", dir, e.Name())
			}
		}
	}
}
