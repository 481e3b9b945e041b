package assemble

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/text"
)

// Cross-references: English drafting says "see" (the agreement uses "(see
// clause 8.2)"), never the Latin "cf." or the Norwegian "jf."; Norwegian
// says "jf." (with the full stop), never "cf." or "jfr.".
var (
	// A comma right before an opening parenthesis (", (article 33(1))") is
	// the remnant of a rewritten cross-reference in either language.
	crossRefBad = map[string]*regexp.Regexp{
		"en": regexp.MustCompile(`(?i)\b(cf|jf|jfr)\b\.?|, \(`),
		"nb": regexp.MustCompile(`(?i)\bcf\b\.?|\bjfr\b\.?|\bjf\b[^.]|, \(`),
	}
	// changelog lines are English release notes that may quote the old
	// wording; everything else in a clause file is agreement text
	changelogLine = regexp.MustCompile(`^\s*- \{version: `)
)

func crossRefFindings(lang, s string) []string {
	flat := strings.Join(strings.Fields(s), " ")
	var out []string
	for _, loc := range crossRefBad[lang].FindAllStringIndex(flat, -1) {
		out = append(out, flat[max(0, loc[0]-50):min(len(flat), loc[1]+30)])
	}
	return out
}

// TestCrossRefStyle: no agreement of the scenario suite or the example, in
// either language, and no trace document, uses the other language's or the
// Latin cross-reference; and no clause file or message in the sources does
// (so that clauses no scenario selects are held to it too).
func TestCrossRefStyle(t *testing.T) {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "scenarios", "*.yaml"))
	files = append(files, filepath.Join("..", "..", "examples", "journal-saas.yaml"))
	n := 0
	for _, file := range files {
		if filepath.Base(file) == "expect.yaml" {
			continue
		}
		a, data := loadFile(t, file)
		for _, lang := range i18n.Langs {
			res, err := Assemble(Input{Answers: a, Raw: data, Source: file, Lib: lib, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			n++
			if txt := string(text.Bytes(res.Doc)); strings.ContainsAny(txt, "\uE000\uE001") {
				t.Errorf("%s %s: value markers leaked into the agreement", filepath.Base(file), lang)
			}
			for _, x := range crossRefFindings(lang, string(text.Bytes(res.Doc))) {
				t.Errorf("%s %s: agreement: %q", filepath.Base(file), lang, x)
			}
			for _, x := range crossRefFindings(lang, string(text.Bytes(Trace(res, res.Doc)))) {
				t.Errorf("%s %s: trace document: %q", filepath.Base(file), lang, x)
			}
		}
	}
	if n < 2*10 {
		t.Errorf("only %d agreements checked", n)
	}

	// the sources: clause files (nb and en bodies alike: "cf." is wrong in
	// both), and the English messages
	clauseFiles, _ := filepath.Glob(filepath.Join("..", "..", "clauses", "*.yaml"))
	for _, f := range clauseFiles {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(raw), "\n") {
			if changelogLine.MatchString(line) || filepath.Base(f) == "library.yaml" || filepath.Base(f) == "lock.yaml" {
				continue
			}
			if regexp.MustCompile(`(?i)\bcf\b\.`).MatchString(line) {
				t.Errorf("%s:%d: \"cf.\" in clause text", filepath.Base(f), i+1)
			}
		}
	}
	ids, err := i18n.IDs("en")
	if err != nil {
		t.Fatal(err)
	}
	en := i18n.For("en")
	for _, id := range ids {
		if x := crossRefFindings("en", en.T(id)); len(x) > 0 {
			t.Errorf("message %s (en): %q", id, x)
		}
	}
}
