package assemble

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/geo"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/text"
)

// TestCountryArticleInRunningText is the class test for "from United
// States" (annex C): for every country whose English name takes the
// definite article (geo en_the), placed in every role (parent, location
// and access of a Sub-processor established there, remote access by the
// Processor through that Sub-processor, key holder's country), every
// occurrence of the name in the English agreement that follows a word
// ("from", "in", "and", ...) reads "the <name>". A name at the start of a
// table cell, a line or a list item is a label and keeps the bare name.
func TestCountryArticleInRunningText(t *testing.T) {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range geo.Codes() {
		name := geo.Name(c, "en")
		if geo.InText(c, "en") == name {
			continue // no article
		}
		n++
		a := classBase()
		a.Processor.ParentCountry = c
		a.AccessCountries = []string{"NO", c}
		a.Processor.Recipients = []answers.Recipient{{Country: c, Subprocessor: "Host"}}
		s := answers.Subprocessor{Name: "Host", Country: c, Service: "hosting", Locations: []string{c}, AccessCountries: []string{c}, TransferBasis: "scc", TIADate: "2026-11-01"}
		if geo.InEEA(c) || geo.Adequate(c, false) {
			s.TransferBasis, s.TIADate = "", ""
		}
		a.Subprocessors = []answers.Subprocessor{s}
		res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: "en", Draft: true})
		if err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		txt := string(text.Bytes(res.Doc))
		// a lower-case word, then the bare name: running text without the article
		bad := regexp.MustCompile(`(?:^|[^A-Za-z])([a-z]+) ` + regexp.QuoteMeta(name) + `\b`)
		for _, line := range strings.Split(txt, "\n") {
			for _, m := range bad.FindAllStringSubmatch(line, -1) {
				if m[1] != "the" {
					t.Errorf("%s: %q without the article in %q", c, m[1]+" "+name, strings.TrimSpace(line))
				}
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d countries take the article; en_the not read?", n)
	}
}

// TestEnglishSeeReferences: English clause texts and the English document
// messages refer with ", see clause ..." (the Norwegian "jf."), never with
// a parenthesised "(see ...)", so that one form is used throughout.
func TestEnglishSeeReferences(t *testing.T) {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range lib.Clauses {
		if strings.Contains(c.Body.EN, "(see ") {
			t.Errorf("clause %s: \"(see ...)\"; write \", see ...\"", c.ID)
		}
	}
	data, err := os.ReadFile("../../locales/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		key, _, _ := strings.Cut(line, ":")
		doc := strings.HasPrefix(key, "annex.") || strings.HasPrefix(key, "doc.") || strings.HasPrefix(key, "kind.") || strings.HasPrefix(key, "tia.") || strings.HasPrefix(key, "keys.")
		if doc && strings.Contains(line, "(see ") {
			t.Errorf("locales/en.yaml %s: \"(see ...)\" in document text; write \", see ...\"", key)
		}
	}
}

// TestAccessViaReference (findings A-19, B-18): annex C's sentence that
// access from a third country goes only through the named recipient
// refers to where that rule is: the second paragraph of the clause on
// transfer bases and the clause on remote access, not the instruction clause.
func TestAccessViaReference(t *testing.T) {
	want := map[string]string{
		"en": "which is the recipient there, see the second paragraph of clause %s and clause %s.",
		"nb": "som er mottaker der, jf. punkt %s andre ledd og punkt %s.",
	}
	for _, lang := range i18n.Langs {
		lib, err := LoadLibrary("", i18n.For(lang))
		if err != nil {
			t.Fatal(err)
		}
		a := classBase()
		a.Language = lang
		a.AccessCountries = []string{"NO", "US"}
		a.Processor.Recipients = []answers.Recipient{{Country: "US", Subprocessor: "Host"}}
		a.Subprocessors = []answers.Subprocessor{{Name: "Host", Country: "US", Service: "hosting", AccessCountries: []string{"US"}, TransferBasis: "scc", TIADate: "2026-11-01"}}
		res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		w := fmt.Sprintf(want[lang], res.numbers["transfer-basis"], res.numbers["remote-access"])
		if txt := string(text.Bytes(res.Doc)); !strings.Contains(txt, w) {
			t.Errorf("%s: annex C does not say %q", lang, w)
		}
	}
}
