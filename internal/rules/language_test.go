package rules

import (
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
)

func findingPaths(fs []doc.Finding, code string) []string {
	var out []string
	for _, f := range fs {
		if f.Code == code {
			out = append(out, f.Severity+" "+f.Path)
		}
	}
	return out
}

// value-as-written: one finding per free-text value without a pair, for
// each rendered language other than the typed one; warning in a final
// agreement, info in a draft; nothing in the typed language; without the
// languages (check without -l) one info that counts them.
func TestValueAsWritten(t *testing.T) {
	ui := i18n.For("nb")
	mk := func() *answers.Answers {
		a := base()
		a.Processing.Purposes = []string{"Helsehjelp", "drift"}
		a.Processing.DataSubjects = []string{"pasienter"}
		a.Processing.DataCategories = nil
		a.Processing.Duration = ""
		a.Service.Name = "Tjeneste"
		a.Locations = nil
		a.Subprocessors = nil
		a.Translations = []answers.Translation{{NB: "Helsehjelp", EN: "Health care"}, {NB: "Tjeneste", EN: "Tjeneste"}}
		return a
	}
	for _, c := range []struct {
		name  string
		mod   func(a *answers.Answers)
		langs []string
		want  string
	}{
		{"final, en", func(a *answers.Answers) {}, []string{"en"}, "warning processing.purposes[1] | warning processing.data_subjects[0]"},
		{"final, nb and en", func(a *answers.Answers) {}, []string{"nb", "en"}, "warning processing.purposes[1] | warning processing.data_subjects[0]"},
		{"final, nb only", func(a *answers.Answers) {}, []string{"nb"}, ""},
		{"draft, en", func(a *answers.Answers) { a.Status = "draft" }, []string{"en"}, "info processing.purposes[1] | info processing.data_subjects[0]"},
		{"everything translated", func(a *answers.Answers) {
			a.Translations = append(a.Translations, answers.Translation{NB: "drift", EN: "operation"}, answers.Translation{NB: "pasienter", EN: "patients"})
		}, []string{"en"}, ""},
		{"languages not known: one info", func(a *answers.Answers) {}, nil, "info translations"},
		{"languages not known, all translated: nothing", func(a *answers.Answers) {
			a.Translations = append(a.Translations, answers.Translation{NB: "drift", EN: "operation"}, answers.Translation{NB: "pasienter", EN: "patients"})
		}, nil, ""},
		{"an English file rendered in nb: looked up on the en side", func(a *answers.Answers) {
			a.Language = "en"
			a.Processing.Purposes = []string{"Health care", "Helsehjelp"}
		}, []string{"nb"}, "warning processing.purposes[1] | warning processing.data_subjects[0]"},
		{"the pair's other side typed is not a translation", func(a *answers.Answers) {
			a.Processing.Purposes = []string{"Health care"}
		}, []string{"en"}, "warning processing.purposes[0] | warning processing.data_subjects[0]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := mk()
			c.mod(a)
			got := strings.Join(findingPaths(ValueAsWritten(a, c.langs, ui), CodeValueAsWritten), " | ")
			if got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
	// the message names the value and the languages in plain words
	a := mk()
	fs := ValueAsWritten(a, []string{"en"}, ui)
	if len(fs) == 0 || !strings.Contains(fs[0].Message, "«drift» (processing.purposes[1]) er skrevet slik på norsk i den engelske avtalen") {
		t.Errorf("message: %v", fs)
	}
	fs = ValueAsWritten(a, []string{"en"}, i18n.For("en"))
	if len(fs) == 0 || !strings.Contains(fs[0].Message, "«drift» (processing.purposes[1]) is written like this in Norwegian in the English agreement") {
		t.Errorf("message: %v", fs)
	}
	fs = ValueAsWritten(a, nil, ui)
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "2 fritekstverdier har ingen oversettelse") || !strings.Contains(fs[0].Message, "dpa check -l en") {
		t.Errorf("count message: %v", fs)
	}
}

// translation-unused: a pair whose typed side is in no free-text field
// (misspelt, or the value was changed), also when the text is a name.
func TestTranslationUnused(t *testing.T) {
	a := base()
	a.Processing.Purposes = []string{"Helsehjelp"}
	a.Translations = []answers.Translation{
		{NB: "Helsehjelp", EN: "Health care"},
		{NB: "helsehjelp", EN: "health care"},                // case differs
		{NB: a.Controller.Name, EN: "Solvik municipality"},   // a name: never translated
		{NB: "Health care", EN: "Helsehjelp"},                // the wrong way round
		{NB: " " + a.Service.Name + " ", EN: a.Service.Name}, // used: the service name, trimmed
	}
	got := strings.Join(findingPaths(Findings(a, Derive(a, false), i18n.For("en")), CodeTranslationUnused), " | ")
	if want := "warning translations[1] | warning translations[2] | warning translations[3]"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
