package answers_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/yamlx"
)

const transBase = `format: 1
status: draft
language: %s
controller: {name: C}
processor: {name: P}
service: {name: S, model: saas, deployment: private}
processing:
  purposes: [Helsehjelp, backup]
  data_subjects: [pasienter]
  data_categories: [sikkerhetskopi]
  duration: d
locations: []
`

// The loader's rules for translations[]: every side filled in, not only
// blanks; a typed-side text on one pair only (the error names both
// places); the other side may repeat, and both sides may be the same.
func TestTranslationsLoader(t *testing.T) {
	for _, c := range []struct {
		name, lang, pairs string
		want              []string // "line:col path message part", empty: loads
	}{
		{"valid", "nb", `
  - {nb: Helsehjelp, en: Health care}
  - {nb: pasienter, en: patients}`, nil},
		{"same text on both sides", "nb", `
  - {nb: backup, en: backup}`, nil},
		{"the other side repeats", "nb", `
  - {nb: backup, en: backup}
  - {nb: sikkerhetskopi, en: backup}`, nil},
		{"blank side", "nb", `
  - {nb: Helsehjelp, en: "   "}`, []string{"14:26 translations[0].en cannot be only blanks"}},
		{"empty side", "nb", `
  - {nb: "", en: Health care}`, []string{"14:10 translations[0].nb must not be empty"}},
		{"missing side", "nb", `
  - {nb: Helsehjelp}`, []string{"translations[0].en \"en\" is missing"}},
		{"typed text twice", "nb", `
  - {nb: Helsehjelp, en: Health care}
  - {nb: pasienter, en: patients}
  - {nb: Helsehjelp, en: Healthcare}`, []string{"16:10 translations[2].nb «Helsehjelp» is already in translations[0].nb (line 14, column 10)"}},
		{"typed text twice, with spaces", "nb", `
  - {nb: Helsehjelp, en: Health care}
  - {nb: " Helsehjelp ", en: Healthcare}`, []string{"15:10 translations[1].nb «Helsehjelp» is already in translations[0].nb"}},
		{"en file: the en side is the typed side", "en", `
  - {nb: sikkerhetskopi, en: backup}
  - {nb: sikkerhetskopiering, en: backup}`, []string{"15:35 translations[1].en «backup» is already in translations[0].en"}},
		{"en file: the nb side may repeat", "en", `
  - {nb: sikkerhetskopi, en: backup}
  - {nb: sikkerhetskopi, en: backup copies}`, nil},
		{"an unknown key", "nb", `
  - {nb: Helsehjelp, en: Health care, de: Gesundheit}`, []string{"translations[0].de"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(transBase, "%s", c.lang, 1) + "translations:" + c.pairs + "\n"
			_, err := answers.Load("a.yaml", []byte(src), i18n.For("en"))
			if len(c.want) == 0 {
				if err != nil {
					t.Fatalf("error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("loads; want %v", c.want)
			}
			var got []*yamlx.Error
			var es yamlx.Errors
			var e1 *yamlx.Error
			switch {
			case errors.As(err, &es):
				got = es
			case errors.As(err, &e1):
				got = []*yamlx.Error{e1}
			default:
				t.Fatalf("error without position: %v", err)
			}
			for _, w := range c.want {
				pos, path, msg := "", w, ""
				if f := strings.Fields(w); strings.Contains(f[0], ":") {
					pos, path = f[0], f[1]
				} else {
					path = f[0]
				}
				_, msg, _ = strings.Cut(w, path+" ")
				found := false
				for _, e := range got {
					if e.Path == path && (pos == "" || fmt.Sprintf("%d:%d", e.Line, e.Column) == pos) && strings.Contains(e.Msg, msg) && e.Line > 0 {
						found = true
					}
				}
				if !found {
					var g []string
					for _, e := range got {
						g = append(g, fmt.Sprintf("%d:%d %s %s", e.Line, e.Column, e.Path, e.Msg))
					}
					t.Errorf("want %q, got %q", w, g)
				}
			}
		})
	}
}

// Translated puts every free-text value with a pair into the language,
// in lists and lists of objects too, leaves names alone, never changes a
// value in its own language and never changes the answers it copies.
func TestTranslated(t *testing.T) {
	a := &answers.Answers{Language: "nb"}
	a.Controller.Name = "Helsehjelp" // a name: never translated
	a.Controller.Signatory.Title = "Daglig leder"
	a.Processing.Purposes = []string{"Helsehjelp", "ukjent"}
	a.Locations = []answers.Location{{Purpose: " sikkerhetskopi ", Operator: "sikkerhetskopi"}}
	a.Subprocessors = []answers.Subprocessor{{Name: "X", Service: "drift"}}
	a.Terms.LiabilityCap = "NOK 1 per kalenderår"
	a.Translations = []answers.Translation{{NB: "Helsehjelp", EN: "Health care"}, {NB: "sikkerhetskopi", EN: "backup"},
		{NB: "drift", EN: "operation"}, {NB: "NOK 1 per kalenderår", EN: "NOK 1 per calendar year"}, {NB: "Daglig leder", EN: "Managing Director"}}

	en := a.Translated("en")
	for _, c := range []struct{ got, want string }{
		{en.Controller.Name, "Helsehjelp"},
		{en.Controller.Signatory.Title, "Managing Director"},
		{en.Processing.Purposes[0], "Health care"},
		{en.Processing.Purposes[1], "ukjent"},
		{en.Locations[0].Purpose, "backup"},
		{en.Locations[0].Operator, "sikkerhetskopi"},
		{en.Subprocessors[0].Service, "operation"},
		{en.Terms.LiabilityCap, "NOK 1 per calendar year"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if a.Processing.Purposes[0] != "Helsehjelp" || a.Locations[0].Purpose != " sikkerhetskopi " || a.Subprocessors[0].Service != "drift" || a.Terms.LiabilityCap != "NOK 1 per kalenderår" {
		t.Errorf("the original answers changed: %+v", a.Processing.Purposes)
	}
	if nb := a.Translated("nb"); nb != a {
		t.Error("a value changed in its own language")
	}
	// an English file: the en side is looked up, the nb side printed
	e := &answers.Answers{Language: "en", Processing: answers.Processing{Purposes: []string{"Health care", "Helsehjelp"}}, Translations: a.Translations}
	if got := e.Translated("nb").Processing.Purposes; got[0] != "Helsehjelp" || got[1] != "Helsehjelp" {
		t.Errorf("en -> nb: %q", got)
	}
}

// Prose lists exactly the fields tagged as free text, with the paths
// findings use.
func TestProse(t *testing.T) {
	a := &answers.Answers{}
	a.Controller.Signatory.Title = "t1"
	a.Processor.Signatory.Title = "t2"
	a.Controller.Name = "name"
	a.Service.Name, a.Service.Description = "s", "d"
	a.Processing.Purposes = []string{"p0", " ", "p2"}
	a.Locations = []answers.Location{{Purpose: "l0", Address: "addr"}}
	a.Subprocessors = []answers.Subprocessor{{Name: "n"}, {Service: "s1"}}
	a.Terms.ReturnFormat = "rf"
	var got []string
	for _, v := range answers.Prose(a) {
		got = append(got, v.Path+"="+v.Text)
	}
	want := "controller.signatory.title=t1 processor.signatory.title=t2 service.name=s service.description=d processing.purposes[0]=p0 processing.purposes[2]=p2 locations[0].purpose=l0 subprocessors[1].service=s1 terms.return_format=rf"
	if strings.Join(got, " ") != want {
		t.Errorf("Prose\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	for _, p := range []string{"processing.purposes", "locations[].purpose", "terms.liability_cap", "Signatory.title"} {
		if p != "Signatory.title" && !answers.IsProse(p) {
			t.Errorf("%s is not free text", p)
		}
	}
	for _, p := range []string{"controller.name", "locations[].address", "service.model", "translations[].nb"} {
		if answers.IsProse(p) {
			t.Errorf("%s is free text", p)
		}
	}
}
