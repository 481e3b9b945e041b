package diff_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/diff"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/rules"
)

// TestDiffOutputControlCharacters: `dpa diff` applies the control-character
// rule of generate (rules.BadRune) to text, Markdown and HTML output: raw
// ESC, U+202E and the other refused characters in a value never reach the
// output; they are shown as their code.
func TestDiffOutputControlCharacters(t *testing.T) {
	lib, err := assemble.LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	old := string(examples.Journal)
	if !strings.Contains(old, "name: Skyjournal AS") {
		t.Skip("the example changed")
	}
	// escapes in a double-quoted YAML value: ESC, RLO, an isolate, BEL, CR
	neu := strings.Replace(old, "name: Skyjournal AS", `name: "Skyjournal \e[31mAS \u202Eevil\u2066 \a\r"`, 1)
	od := assembleDoc(t, []byte(old), lib).Doc
	nd := assembleDoc(t, []byte(neu), lib).Doc
	r := diff.Documents(od, nd, diff.Options{})
	if r.Empty() {
		t.Fatal("no difference found")
	}
	for _, f := range []struct {
		name   string
		render func(*bytes.Buffer) error
	}{
		{"text", func(b *bytes.Buffer) error { return diff.Text(b, r, false) }},
		{"text colour", func(b *bytes.Buffer) error { return diff.Text(b, r, true) }},
		{"md", func(b *bytes.Buffer) error { return diff.Markdown(b, r) }},
		{"html", func(b *bytes.Buffer) error { return diff.HTML(b, r) }},
	} {
		var b bytes.Buffer
		if err := f.render(&b); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if f.name == "text colour" {
			// the renderer's own colour codes are the only escapes
			for _, code := range []string{"\x1b[31;9m", "\x1b[32;4m", "\x1b[0m"} {
				out = strings.ReplaceAll(out, code, "")
			}
		}
		for _, c := range out {
			if c != '\n' && c != '\t' && (c == '\r' || rules.BadRune(c)) {
				t.Errorf("%s: U+%04X reaches the output", f.name, c)
				break
			}
		}
		for _, code := range []string{"U+001B", "U+202E", "U+2066", "U+0007", "U+000D"} {
			if !strings.Contains(b.String(), code) {
				t.Errorf("%s: %s not shown", f.name, code)
			}
		}
	}
	// the report itself keeps the values (JSON and docx write them escaped)
	found := false
	for _, c := range r.Changed {
		if strings.Contains(diff.NewText(c.Body["nb"]), "\u202E") {
			found = true
		}
	}
	if !found {
		t.Error("the report lost the value")
	}
}
