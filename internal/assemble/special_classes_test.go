package assemble

import (
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
)

// TestSpecialCategorySafeguards is the class test for finding B-1: every
// special category of GDPR art. 9(1), alone, gets the general safeguards
// health data used to get alone: the defined term in 2.1 (naming the
// category), need-to-know access and express coverage in the
// confidentiality undertakings (4.2), the security level (5.1), the return
// of access logs (12.1) and the measures of annex D; Health Data appears
// only where the category is health. Without special categories none of
// it is written.
func TestSpecialCategorySafeguards(t *testing.T) {
	want := map[string]struct{ term, conf, sec, logs, annex, health string }{
		"nb": {"Særlige kategorier av personopplysninger: Personopplysninger som er særlige kategorier av personopplysninger etter personvernforordningen artikkel 9 nr. 1",
			"bare personer som trenger Særlige kategorier av personopplysninger for en konkret oppgave",
			"og til at Behandlingen gjelder Særlige kategorier av personopplysninger",
			"Logger over tilgang til Særlige kategorier av personopplysninger skal alltid leveres tilbake",
			"har til Særlige kategorier av personopplysninger, er personlig, begrunnet i en konkret oppgave og logget",
			"Helseopplysninger"},
		"en": {"Special Categories of Personal Data: Personal Data that is a special category of personal data under article 9(1) of the GDPR",
			"only persons who need Special Categories of Personal Data for a specific task",
			"the fact that the Processing concerns Special Categories of Personal Data",
			"Logs of access to Special Categories of Personal Data shall always be returned",
			"to Special Categories of Personal Data is personal, justified by a specific task and logged",
			"Health Data"},
	}
	var cats []string
	f, ok := answers.FieldByPath("processing.special_categories")
	if !ok {
		t.Fatal("processing.special_categories is not in the catalogue")
	}
	for _, v := range f.Values {
		cats = append(cats, v.Value)
	}
	if len(cats) < 8 {
		t.Fatalf("the catalogue lists %d special categories, want the 8 of art. 9(1)", len(cats))
	}
	cats = append(cats, "")
	for _, lang := range i18n.Langs {
		lz := i18n.For(lang)
		lib, err := LoadLibrary("", lz)
		if err != nil {
			t.Fatal(err)
		}
		w := want[lang]
		for _, cat := range cats {
			a := classBase()
			a.Language = lang
			if cat != "" {
				a.Processing.SpecialCategories = []string{cat}
			}
			res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang, Draft: true})
			if err != nil {
				t.Fatalf("%s/%s: %v", lang, cat, err)
			}
			_, def := clauseParas(res.Doc, "definitions")
			_, conf := clauseParas(res.Doc, "confidentiality")
			_, sec := clauseParas(res.Doc, "security-measures")
			_, ret := clauseParas(res.Doc, "return-of-data")
			_, ann := clauseParas(res.Doc, "measures-health")
			on := cat != ""
			for _, c := range []struct {
				what, text, phrase string
			}{
				{"2.1 defined term", strings.Join(def, "\n"), w.term},
				{"2.1 names the category", strings.Join(def, "\n"), lz.T("special." + cat)},
				{"4.2 need to know", strings.Join(conf, "\n"), w.conf},
				{"5.1 security level", strings.Join(sec, "\n"), w.sec},
				{"12.1 access logs", strings.Join(ret, "\n"), w.logs},
				{"annex D measures", strings.Join(ann, "\n"), w.annex},
			} {
				if c.what == "2.1 names the category" && !on {
					continue
				}
				if got := strings.Contains(c.text, c.phrase); got != on {
					t.Errorf("%s/%q: %s: has %q = %v, want %v", lang, cat, c.what, c.phrase, got, on)
				}
			}
			body := strings.Join(append(append(append(conf, sec...), ret...), ann...), "\n")
			if cat != "health" && strings.Contains(body, w.health) {
				t.Errorf("%s/%q: the general safeguards name %q without health data", lang, cat, w.health)
			}
		}
	}
}
