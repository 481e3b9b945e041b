package answers

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/yamlx"
)

var update = flag.Bool("update", false, "rewrite the golden error files of testdata/bad")

// errorsOf returns the positioned errors of a Load error.
func errorsOf(t *testing.T, err error) []*yamlx.Error {
	var es yamlx.Errors
	var e *yamlx.Error
	switch {
	case errors.As(err, &es):
		return es
	case errors.As(err, &e):
		return []*yamlx.Error{e}
	}
	t.Fatalf("error of type %T: %v", err, err)
	return nil
}

// TestBadInputs is the bad-input battery: every file in testdata/bad is one
// class of bad input (the comment at its top says which). Each is refused;
// every error names the file, the line, the column and the field path
// (a second document has no field); the messages, with their suggestions,
// are in the golden .err file next to it (go test -run TestBadInputs -update).
func TestBadInputs(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil || len(files) < 40 {
		t.Fatalf("battery: %d files, %v", len(files), err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			_, lerr := Load(name, data, i18n.For("en"))
			if lerr == nil {
				t.Fatal("accepted")
			}
			for _, e := range errorsOf(t, lerr) {
				if e.File != name || e.Line < 1 || e.Column < 1 {
					t.Errorf("error without file, line or column: %q", e.Error())
				}
				if e.Path == "" && !strings.HasPrefix(name, "document-") && !strings.HasPrefix(name, "key-complex") {
					t.Errorf("error without a field path: %q", e.Error())
				}
			}
			// the same file in Norwegian: a message in the other language, not an id
			_, nerr := Load(name, data, i18n.For("nb"))
			if nerr == nil || nerr.Error() == lerr.Error() || strings.Contains(nerr.Error(), "yaml.") {
				t.Errorf("no Norwegian message: %v", nerr)
			}
			golden := strings.TrimSuffix(f, ".yaml") + ".err"
			got := lerr.Error() + "\n"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("errors differ from %s:\n--- got\n%s--- want\n%s", golden, got, want)
			}
		})
	}
}
