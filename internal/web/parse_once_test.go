package web

import (
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/yamlx"
)

// TestParseAnswersOnce: the API reads an answers file with one YAML parse,
// its errors in the file's language unless the request chose one.
func TestParseAnswersOnce(t *testing.T) {
	raw := []byte("format: 1\nlanguage: en\nservice:\n  modell: saas\n")
	before := yamlx.Parses()
	_, errFile := parseAnswers("a.yaml", raw, "")
	if n := yamlx.Parses() - before; n != 1 {
		t.Errorf("parsed %d times, want 1", n)
	}
	_, errNB := parseAnswers("a.yaml", raw, "nb")
	if errFile == nil || errNB == nil {
		t.Fatal("unknown key accepted")
	}
	if errFile.Error() == errNB.Error() || !strings.Contains(errFile.Error(), "modell") {
		t.Errorf("file language en: %q; ui nb: %q", errFile, errNB)
	}
}
