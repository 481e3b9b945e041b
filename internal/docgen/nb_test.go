package docgen

import (
	"regexp"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
)

// proseLines returns the lines of a generated document that are prose:
// outside code blocks, not headings, with at least four words of letters;
// each cell of a table row by itself.
func proseLines(doc string) []string {
	var out []string
	fence := false
	words := regexp.MustCompile(`\p{L}{2,}`)
	command := regexp.MustCompile(`^(GET|POST|dpa) `) // a request or a command line, as in a help text
	for _, l := range strings.Split(doc, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") {
			fence = !fence
			continue
		}
		if fence || t == "" || strings.HasPrefix(t, "#") || command.MatchString(t) {
			continue
		}
		// a table row: each cell by itself
		parts := []string{t}
		if strings.HasPrefix(t, "|") {
			parts = strings.Split(strings.Trim(t, "|"), " | ")
		}
		for _, p := range parts {
			p = strings.TrimSpace(p)
			// code spans and links are names, not prose
			plain := regexp.MustCompile("`[^`]*`|\\]\\([^)]*\\)").ReplaceAllString(p, "")
			if len(words.FindAllString(plain, -1)) >= 4 {
				out = append(out, p)
			}
		}
	}
	return out
}

// TestDocsNBNoEnglish: the Norwegian references (docs/nb/answers.md,
// docs/nb/cli.md) hold no line of English prose from their English
// counterparts, and every field's nb label, help, value texts and default
// text are there while the English help is not (the catalogue has nb for
// every entry).
func TestDocsNBNoEnglish(t *testing.T) {
	for _, c := range []struct {
		name   string
		en, nb func() ([]byte, error)
	}{
		{"docs/nb/answers.md", AnswersMD, AnswersMDNB},
		{"docs/nb/cli.md", CLIMD, CLIMDNB},
	} {
		en, err := c.en()
		if err != nil {
			t.Fatal(err)
		}
		nb, err := c.nb()
		if err != nil {
			t.Fatal(err)
		}
		doc := string(nb)
		n := 0
		for _, l := range proseLines(string(en)) {
			n++
			if strings.Contains(doc, l) {
				t.Errorf("%s has English prose (the same text as the English reference): %q\n  (give it a Norwegian text: fields.yaml nb, locales/nb.yaml help.*/flag.*, or the nb text in internal/docgen)", c.name, l)
			}
		}
		if n < 50 {
			t.Errorf("%s: only %d prose lines in the English reference", c.name, n)
		}
	}

	b, err := AnswersMDNB()
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	present := func(path, what, s string) {
		if strings.TrimSpace(s) == "" {
			t.Errorf("internal/answers/fields.yaml: %s: %s has no nb text", path, what)
		} else if !strings.Contains(doc, s) {
			t.Errorf("docs/nb/answers.md: %s: %s %q missing", path, what, s)
		}
	}
	absent := func(path, what string, tx answers.Text) {
		if tx.EN != tx.NB && len(strings.Fields(tx.EN)) >= 3 && strings.Contains(doc, tx.EN) {
			t.Errorf("docs/nb/answers.md: %s: English %s %q where nb text exists", path, what, tx.EN)
		}
	}
	for _, f := range answers.Fields() {
		present(f.Path, "label", f.Label.NB)
		present(f.Path, "help", f.Help.NB)
		absent(f.Path, "help", f.Help)
		if !f.DefaultText.Empty() {
			present(f.Path, "default text", f.DefaultText.NB)
			absent(f.Path, "default text", f.DefaultText)
		}
		for _, v := range f.Values {
			present(f.Path+"="+v.Value, "label", v.Label.NB)
			present(f.Path+"="+v.Value, "help", mdCell(v.Help.NB))
			absent(f.Path+"="+v.Value, "help", v.Help)
		}
	}
	for _, r := range findingRows {
		if nb, ok := findingRowsNB[r[0]]; !ok || nb[0] == "" || nb[1] == "" {
			t.Errorf("finding %s has no Norwegian row in findingRowsNB (internal/docgen/answers.go)", r[0])
		}
	}
}
