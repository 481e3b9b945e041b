// Package rendertest has helpers shared by renderer tests: checking that the
// words of the plain-text rendering come out, in order, in another format's
// extracted text, and finding external tools (pdftotext, qpdf, pandoc,
// LibreOffice) with a skip on developer machines that turns into a failure
// when DPA_REQUIRE_TOOLS is set (CI sets it).
package rendertest

import (
	"fmt"
	"github.com/dpa-no/dpa/internal/doc"
	"os"
	"os/exec"
	"strings"
	"testing"
	"unicode"
)

// RequireEnv is the environment variable that turns a missing tool from a
// skip into a failure.
const RequireEnv = "DPA_REQUIRE_TOOLS"

// Tool returns the path of the first of names found on PATH. When none is
// found the test is skipped with a clear message, or fails when
// DPA_REQUIRE_TOOLS is set.
func Tool(t testing.TB, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("%s not installed (apt-get install poppler-utils qpdf pandoc libreoffice-writer-nogui)", strings.Join(names, "/"))
	if os.Getenv(RequireEnv) != "" {
		t.Fatalf("%s; %s is set, so this is a failure", msg, RequireEnv)
	}
	t.Skip(msg)
	return ""
}

// Words splits s into words: runs of letters and digits. Punctuation,
// symbols and white space separate words and are not compared, since
// extraction tools differ in how they render quotes, dashes and bullets.
func Words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

// WordsInOrder reports an error naming the first word of want that cannot be
// found, in order, in got. Hyphenation or line breaks that split a word in
// got are tolerated by also matching the concatenation of adjacent words.
func WordsInOrder(want, got string) error {
	w := Words(want)
	g := Words(got)
	j := 0
	for i, word := range w {
		found := false
		for j < len(g) {
			if g[j] == word {
				j++
				found = true
				break
			}
			// a word broken across lines in a narrow column or at a line
			// end ("personvernb" "estemmelse" "r")
			if strings.HasPrefix(word, g[j]) {
				joined, k := g[j], j+1
				for k < len(g) && len(joined) < len(word) && strings.HasPrefix(word, joined+g[k]) {
					joined += g[k]
					k++
				}
				if joined == word {
					j = k
					found = true
					break
				}
			}
			j++
		}
		if !found {
			lo := i - 5
			if lo < 0 {
				lo = 0
			}
			return fmt.Errorf("word %d %q not found in order (after %q)", i, word, strings.Join(w[lo:i], " "))
		}
	}
	return nil
}

// Unnumbered returns a copy of d whose section and clause headings have no
// number, for comparing with readers that drop Word's list numbering
// (pandoc): the DOCX numbers its headings with a list, not in the text.
func Unnumbered(d *doc.Document) *doc.Document {
	c := *d
	c.Sections = make([]doc.Section, len(d.Sections))
	for i, s := range d.Sections {
		s.Number = ""
		s.Clauses = unnumbered(s.Clauses)
		c.Sections[i] = s
	}
	c.Annexes = make([]doc.Annex, len(d.Annexes))
	for i, a := range d.Annexes {
		a.Clauses = unnumbered(a.Clauses)
		c.Annexes[i] = a
	}
	return &c
}

func unnumbered(cs []doc.Clause) []doc.Clause {
	out := make([]doc.Clause, len(cs))
	for i, c := range cs {
		c.Number = ""
		out[i] = c
	}
	return out
}
