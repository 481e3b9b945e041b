package assemble

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/text"
)

// render assembles a in lang and returns its plain text with white space
// folded, so that phrases can be found across line breaks.
func renderFolded(t *testing.T, a *answers.Answers, lang string) string {
	t.Helper()
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(text.Bytes(res.Doc))), " ")
}

// TestPublicBodyUnansweredIsAChoice is the class test for finding A-25:
// where controller.public_body is not answered (a draft), no clause states
// the law for a public body as a condition («Er Behandlingsansvarlig et
// forvaltningsorgan, ...», "If the Controller is a public ...", «dersom
// Behandlingsansvarlig er et offentlig organ»); the paragraphs and words
// that apply only to a public body stand with the visible blank that asks
// the drafter to keep or delete them. Answered true, they are plain
// statements without the blank; answered false, they are left out. Both
// languages, with and without a patient record (which brings the
// retention duties of the deletion clause).
func TestPublicBodyUnansweredIsAChoice(t *testing.T) {
	conditional := []string{
		"Er Behandlingsansvarlig et", "If the Controller is a public",
		"dersom Behandlingsansvarlig er et offentlig organ", "if the Controller is a public body",
	}
	for _, lang := range i18n.Langs {
		lz := i18n.For(lang)
		para, archive := lz.T("blank.public_body"), lz.T("blank.public_body_archive")
		statement := map[string]string{"nb": "Behandlingsansvarlig er et forvaltningsorgan", "en": "the Controller is a public administrative body"}[lang]
		for _, public := range []*bool{nil, answers.Bool(true), answers.Bool(false)} {
			for _, record := range []bool{false, true} {
				name := fmt.Sprintf("%s/public=%v/record=%v", lang, public, record)
				if public != nil {
					name = fmt.Sprintf("%s/public=%v/record=%v", lang, *public, record)
				}
				a := classBase()
				a.Controller.PublicBody = public
				a.Terms.ArchiveExtract = "none"
				a.Risk.PatientRecord = answers.Bool(record)
				if public == nil {
					a.Status = "draft"
				}
				txt := renderFolded(t, a, lang)
				low := strings.ToLower(txt)
				for _, c := range conditional {
					if strings.Contains(txt, c) {
						t.Errorf("%s: conditional statement of law %q printed", name, c)
					}
				}
				switch {
				case public == nil:
					if n := strings.Count(txt, para); n < 2 {
						t.Errorf("%s: blank %q printed %d times, want it in 1.2 and 4.2", name, para, n)
					}
					if !strings.Contains(low, strings.ToLower(statement)) {
						t.Errorf("%s: the statement for a public body is missing after the blank", name)
					}
					if !strings.Contains(txt, archive) {
						t.Errorf("%s: deletion clause lacks the blank %q for the Archives Act", name, archive)
					}
				case *public:
					if !strings.Contains(low, strings.ToLower(statement)) {
						t.Errorf("%s: plain statement %q missing", name, statement)
					}
					fallthrough
				default:
					if strings.Contains(txt, para) || strings.Contains(txt, archive) {
						t.Errorf("%s: public_body answered, but its blank is printed", name)
					}
				}
				if public != nil && !*public && strings.Contains(low, strings.ToLower(statement)) {
					t.Errorf("%s: public_body false, but the public-body statement is printed", name)
				}
			}
		}
	}
}

// TestLanguageClauseFollowsTranslations is the class test for findings
// B-2/B-11: the language clause says that information in the Parties' own
// words has not been translated only when translations[] gives no pair;
// with translations it names the language the values were originally given
// in (the answers file's) and lets the original wording prevail over a
// translation. Both document languages, both answers languages.
func TestLanguageClauseFollowsTranslations(t *testing.T) {
	untranslated := map[string]string{"nb": "er gjengitt slik de ble gitt, og er ikke oversatt", "en": "is reproduced as given and has not been translated"}
	prevails := map[string]string{"nb": "går den opprinnelige ordlyden foran", "en": "the original wording prevails"}
	original := map[string]map[string]string{
		"nb": {"nb": "er opprinnelig gitt på norsk (bokmål)", "en": "er opprinnelig gitt på engelsk"},
		"en": {"nb": "was originally given in Norwegian (Bokmål)", "en": "was originally given in English"},
	}
	for _, typed := range []string{"nb", "en"} {
		for _, withPairs := range []bool{false, true} {
			for _, lang := range i18n.Langs {
				name := fmt.Sprintf("typed=%s/translations=%v/%s", typed, withPairs, lang)
				a := classBase()
				a.Language = typed
				if withPairs {
					if typed == "en" {
						a.Translations = []answers.Translation{{NB: "formål", EN: "p"}}
					} else {
						a.Translations = []answers.Translation{{NB: "p", EN: "purpose"}}
					}
				}
				txt := renderFolded(t, a, lang)
				if got := strings.Contains(txt, untranslated[lang]); got == withPairs {
					t.Errorf("%s: %q printed = %v", name, untranslated[lang], got)
				}
				for _, s := range []string{original[lang][typed], prevails[lang]} {
					if got := strings.Contains(txt, s); got != withPairs {
						t.Errorf("%s: %q printed = %v, want %v", name, s, got, withPairs)
					}
				}
			}
		}
	}
}

// TestNoTerminateOrCancel is the class test for finding A-12: «si opp eller
// heve» is "terminate by notice or for breach" in English; "cancel" is not
// English contract language for «heve». It scans every English clause text
// and the English locale (changelog entries, which quote the old wording,
// excepted). pending lists clauses another helper has in hand; each must
// still contain the phrase, so that the entry is removed once it is fixed.
func TestNoTerminateOrCancel(t *testing.T) {
	pending := map[string]bool{"08-transfers.yaml": true} // transfer-suspension (8.5), chapter 8 being changed elsewhere
	files, err := filepath.Glob("../../clauses/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no clause files: %v", err)
	}
	files = append(files, "../../locales/en.yaml")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for i, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, "{version:") {
				continue
			}
			if strings.Contains(strings.ToLower(line), "terminate or cancel") {
				found = true
				if !pending[filepath.Base(f)] {
					t.Errorf("%s:%d: «terminate or cancel»; write \"terminate by notice or for breach\"", f, i+1)
				}
			}
		}
		if pending[filepath.Base(f)] && !found {
			t.Errorf("%s no longer says «terminate or cancel»: remove it from pending", f)
		}
	}
}

// TestRecordThirdPersonsAreDataSubjects is the class test for finding A-26:
// for a patient record whose data subjects do not name them, next of kin,
// guardians and other persons in the record are added to the row of
// categories of data subjects in annex A, with the note why, and not under
// "Also covered"; a service that is not a patient record, or one whose
// data subjects already name them, gets no addition.
func TestRecordThirdPersonsAreDataSubjects(t *testing.T) {
	for _, lang := range i18n.Langs {
		lz := i18n.For(lang)
		added := lz.T("annex.a.subjects_record")
		for _, c := range []struct {
			record   bool
			subjects []string
			want     bool
		}{
			{false, []string{"s"}, false},
			{true, []string{"s"}, true},
			{true, []string{"s", "pårørende"}, false},
			{true, []string{"s", "next of kin"}, false},
		} {
			name := fmt.Sprintf("%s/record=%v/%v", lang, c.record, c.subjects)
			a := classBase()
			a.Risk.PatientRecord = answers.Bool(c.record)
			a.Processing.DataSubjects = c.subjects
			lib, err := LoadLibrary("", i18n.For("en"))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			var subjects, also string
			for _, an := range res.Doc.Annexes {
				for _, b := range an.Blocks {
					if b.Table == nil {
						continue
					}
					for _, r := range b.Table.Rows {
						if len(r) < 2 {
							continue
						}
						switch r[0] {
						case lz.T("annex.a.data_subjects"):
							subjects = r[1]
						case lz.T("annex.a.also"):
							also = r[1]
						}
					}
				}
			}
			if got := strings.Contains(subjects, added); got != c.want {
				t.Errorf("%s: data subjects row %q: addition printed = %v", name, subjects, got)
			}
			if strings.Contains(also, added) || strings.Contains(also, map[string]string{"nb": "pårørende", "en": "next of kin"}[lang]) {
				t.Errorf("%s: third persons of the record under %q: %q", name, lz.T("annex.a.also"), also)
			}
		}
	}
}
