package library

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/i18n"
)

// changelogForm is the form of an entry as the engineer writes it, with the
// Norwegian text still to be written.
func changelogForm(e Change) string {
	nb := e.Text.NB
	if strings.TrimSpace(nb) == "" {
		nb = "<norsk tekst>"
	}
	en := e.Text.EN
	if strings.TrimSpace(en) == "" {
		en = "<English text>"
	}
	return fmt.Sprintf("- {version: %v, date: %s, text: {nb: %q, en: %q}}", e.Version, e.Date, nb, en)
}

// TestChangelogBilingual checks that every changelog entry of the embedded
// library (clauses and library.yaml) has a Norwegian and an English text,
// so `dpa diff` of libraries and `dpa clauses show` print it in the
// document language.
func TestChangelogBilingual(t *testing.T) {
	lib, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	check := func(where, what string, e Change) {
		if strings.TrimSpace(e.Text.NB) != "" && strings.TrimSpace(e.Text.EN) != "" && !e.Text.OldForm {
			return
		}
		missing := "Norwegian (nb) text"
		if strings.TrimSpace(e.Text.EN) == "" {
			missing = "English (en) text"
		}
		t.Errorf("%s: %s, changelog version %v: no %s; the embedded library needs both languages in every entry, written:\n      %s\n  (Norwegian bokmål with the defined terms of clause 2.1: Behandlingsansvarlig, Databehandler, Underdatabehandler, Hovedavtalen ...; an old-form entry text: \"...\" can also be converted with go run ./internal/tools/changelognb after adding its nb text to internal/tools/changelognb/nb.yaml)",
			where, what, e.Version, missing, changelogForm(e))
	}
	n := 0
	for _, e := range lib.Changelog {
		check(fmt.Sprintf("clauses/library.yaml:%d", e.Line), "library", e)
		n++
	}
	for _, c := range lib.Clauses {
		for _, e := range c.Changelog {
			check(fmt.Sprintf("%s:%d", c.File, e.Line), "clause "+c.ID, e)
			n++
		}
	}
	if n < 200 {
		t.Errorf("only %d changelog entries seen", n)
	}
}

// TestChangelogOldForm checks that an outside library may still write an
// entry as one string: it is read as English only, and In says so, and
// that the changelog is not part of a clause's hash (lock.yaml).
func TestChangelogOldForm(t *testing.T) {
	old := strings.Replace(good, "    title:", "    changelog:\n      - {version: 1, date: 2026-12-02, text: \"New clause.\"}\n    title:", 1)
	lib, err := Load(withFile(t, "zz-test.yaml", old), "lib", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	c := lib.Clause("extra-clause")
	e := c.Changelog[0]
	if !e.Text.OldForm || e.Text.EN != "New clause." || e.Text.NB != "" || e.Line != 10 {
		t.Fatalf("old form read as %+v", e)
	}
	if text, in := e.Text.In("nb"); text != "New clause." || in != "en" {
		t.Errorf("In(nb) = %q, %q; want the English text and \"en\"", text, in)
	}
	bi := strings.Replace(old, `text: "New clause."`, `text: {nb: "Ny klausul.", en: "New clause."}`, 1)
	lib2, err := Load(withFile(t, "zz-test.yaml", bi), "lib", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	c2 := lib2.Clause("extra-clause")
	e2 := c2.Changelog[0]
	if e2.Text.OldForm || e2.Text.NB != "Ny klausul." || e2.Text.EN != "New clause." {
		t.Fatalf("bilingual form read as %+v", e2)
	}
	for lang, want := range map[string]string{"nb": "Ny klausul.", "en": "New clause."} {
		if text, in := e2.Text.In(lang); text != want || in != lang {
			t.Errorf("In(%s) = %q, %q", lang, text, in)
		}
	}
	// the lock hashes condition, covers, titles and bodies, not the changelog
	if c.Hash() != c2.Hash() {
		t.Error("the changelog changed the clause hash")
	}
	// the old form in library.yaml is read too
	for _, e := range lib.Changelog {
		if e.Text.OldForm || e.Text.NB == "" {
			t.Errorf("embedded library.yaml entry %v read as %+v", e.Version, e.Text)
		}
	}
}

// TestChangelogErrors checks that a wrong changelog text fails the load with
// file, line and what to write.
func TestChangelogErrors(t *testing.T) {
	entry := func(text string) string {
		return strings.Replace(good, "    title:", "    changelog:\n      - {version: 1, date: 2026-12-02, text: "+text+"}\n    title:", 1)
	}
	cases := []struct{ name, text, want string }{
		{"unknown language", `{nb: "Ny klausul.", de: "Neue Klausel."}`, `zz-test.yaml:10:66: clauses[0].changelog[0].text.de: unknown key "de"`},
		{"misspelt language", `{nb: "Ny klausul.", em: "New clause."}`, `did you mean "en"?`},
		{"empty", `{nb: "", en: ""}`, `zz-test.yaml:10: extra-clause.changelog: changelog[0] (version 1) has no text: write text: {nb: "...", en: "..."}`},
		{"a list", `["New clause."]`, `zz-test.yaml:10:46: clauses[0].changelog[0].text: wrong type`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(withFile(t, "zz-test.yaml", entry(c.text)), "lib", i18n.For("en"))
			if err == nil {
				t.Fatal("loaded")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error\n%v\ndoes not contain\n%s", err, c.want)
			}
		})
	}
}
