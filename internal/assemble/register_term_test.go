package assemble

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/text"
)

// TestControllerSection: the section of the register's regulation is read
// from risk.health_register_controller_provision in either language and
// written in the agreement's; anything else than one section of a
// regulation is left to be printed as given.
func TestControllerSection(t *testing.T) {
	for _, c := range []struct{ in, nb, en string }{
		{"norsk pasientregisterforskrift § 1-4", "§ 1-4", "section 1-4"},
		{"section 1-4 of the Norwegian Patient Registry Regulations", "§ 1-4", "section 1-4"},
		{"§ 1-4", "§ 1-4", "section 1-4"},
		{"§1 - 4", "§ 1-4", "section 1-4"},
		{"forskriften om registeret § 3", "§ 3", "section 3"},
		{"forskrift 7. desember 2007 nr. 1389 § 1-4 første ledd", "§ 1-4 første ledd", ""},
		{"§ 2a annet ledd bokstav b", "§ 2a annet ledd bokstav b", ""},
		{"the first paragraph of section 3 of the regulation", "", "the first paragraph of section 3"},
		{"Section 3(1)", "", "section 3(1)"},
		{"", "", ""},
		{"forskriften om registeret", "", ""},
		{"§ 1-4 og § 1-5", "", ""},
		{"§§ 1-4 og 1-5", "", ""},
		{"helseregisterloven § 8", "", ""},
		{"section 8 of the Health Registries Act", "", ""},
	} {
		if got := controllerSection(c.in, "nb"); got != c.nb {
			t.Errorf("nb %q: got %q, want %q", c.in, got, c.nb)
		}
		if got := controllerSection(c.in, "en"); got != c.en {
			t.Errorf("en %q: got %q, want %q", c.in, got, c.en)
		}
	}
}

// registerTerm is the defined term for the register's regulation (finding
// R8-6), and otherNames the names the agreement no longer gives it.
var registerTerm = map[string]string{"nb": "Registerforskriften", "en": "the Register Regulation"}

var otherNames = map[string][]*regexp.Regexp{
	"nb": {
		regexp.MustCompile(`(?i)forskriften (om|for) (helse)?registeret`),
		regexp.MustCompile(`(?i)registerets forskrift`),
		regexp.MustCompile(`(?i)pasientregisterforskrift`),
		regexp.MustCompile(`(^|[^\p{L}])[Ff]orskriften([^\p{L}]|$)`),
	},
	"en": {
		regexp.MustCompile(`(?i)the regulation (on|for|of) the (health )?register`),
		regexp.MustCompile(`(?i)register's regulation`),
		regexp.MustCompile(`(?i)\bits regulation\b`),
		regexp.MustCompile(`(?i)Patient Registry Regulations`),
		regexp.MustCompile(`\b[Tt]he regulation\b`),
	},
}

// TestRegisterRegulationDefinedTerm is the class test for finding R8-6:
// where the processing is a health register, clause 2.1 defines the
// register's regulation (Registerforskriften / the Register Regulation) by
// the answer risk.health_register_regulation, or a blank, before the
// Agreement first uses the term; every clause and annex refers to the
// regulation by that term and by no other name; clause 6.3 cites the
// provision designating the controller as "Registerforskriften § 1-4" /
// "section 1-4 of the Register Regulation"; and where the processing is no
// health register, the term appears nowhere.
func TestRegisterRegulationDefinedTerm(t *testing.T) {
	const regulation = "forskrift 7. desember 2007 nr. 1389 om innsamling og behandling av helseopplysninger i Norsk pasientregister (Norsk pasientregisterforskriften)"
	cite := map[string]string{"nb": "Behandlingsansvarlig er dataansvarlig for helseregisteret etter Registerforskriften § 1-4.", "en": "The Controller is the controller (dataansvarlig) for the health register under section 1-4 of the Register Regulation."}
	noProvision := map[string]string{"nb": "dataansvarlig for helseregisteret etter Registerforskriften.", "en": "for the health register by the Register Regulation."}
	provisions := []string{"", "§ 1-4", "norsk pasientregisterforskrift § 1-4", "section 1-4 of the Norwegian Patient Registry Regulations"}
	for _, lang := range i18n.Langs {
		lz := i18n.For(lang)
		lib, err := LoadLibrary("", lz)
		if err != nil {
			t.Fatal(err)
		}
		term := registerTerm[lang]
		bare := strings.TrimPrefix(term, "the ")
		for _, k := range healthKinds {
			for _, model := range []string{"saas", "paas", "iaas"} {
				for _, public := range []bool{false, true} {
					for _, named := range []bool{false, true} {
						for _, prov := range provisions {
							name := fmt.Sprintf("%s/%s/%s/public=%v/regulation=%v/provision=%q", lang, k.name, model, public, named, prov)
							a := classBase()
							a.Language = lang
							a.Service.Model = model
							a.Controller.PublicBody = answers.Bool(public)
							if k.health {
								a.Processing.SpecialCategories = []string{"health"}
							}
							a.Risk.PatientRecord, a.Risk.RemoteMonitoring, a.Risk.HealthRegister = answers.Bool(k.record), answers.Bool(k.monitoring), answers.Bool(k.register)
							if named {
								a.Risk.HealthRegisterRegulation = regulation
							}
							a.Risk.HealthRegisterControllerProvision = prov
							res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang, Draft: true})
							if err != nil {
								t.Fatalf("%s: %v", name, err)
							}
							txt := strings.Join(strings.Fields(string(text.Bytes(res.Doc))), " ")
							checkRegisterTerm(t, name, lang, txt, res, k.register, named, regulation)
							if !k.register {
								continue
							}
							_, reg := clauseParas(res.Doc, "health-register")
							first := strings.Join(reg[:1], "")
							switch {
							case prov == "" && !strings.Contains(first, noProvision[lang]):
								t.Errorf("%s: clause 6.3 does not confirm the designation under the term: %q", name, first)
							case prov != "" && !strings.Contains(first, cite[lang]):
								t.Errorf("%s: clause 6.3 does not cite the provision as %q: %q", name, cite[lang], first)
							}
							if !strings.Contains(txt, bare) {
								t.Errorf("%s: the term %q is not used", name, term)
							}
						}
					}
				}
			}
		}
	}
	// The scenario of the R8 reading, answers in English with translations
	// into bokmål.
	file := filepath.Join("..", "..", "testdata", "scenarios", "paas-national-health-register.yaml")
	a, data := loadFile(t, file)
	for _, lang := range i18n.Langs {
		lib, err := LoadLibrary("", i18n.For(lang))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Assemble(Input{Answers: a, Raw: data, Source: file, Lib: lib, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		txt := strings.Join(strings.Fields(string(text.Bytes(res.Doc))), " ")
		reg := a.Translated(lang).Risk.HealthRegisterRegulation
		checkRegisterTerm(t, "scenario/"+lang, lang, txt, res, true, true, reg)
		// the scenario's provision is section 1-3 of its (fictional) regulation
		want := strings.ReplaceAll(cite[lang], "1-4", "1-3")
		if !strings.Contains(txt, want) {
			t.Errorf("scenario/%s: clause 6.3 does not say %q", lang, want)
		}
	}
}

// checkRegisterTerm checks the defined term for the register's regulation
// in one agreement (flattened text txt).
func checkRegisterTerm(t *testing.T, name, lang, txt string, res *Result, register, named bool, regulation string) {
	t.Helper()
	lz := i18n.For(lang)
	term := registerTerm[lang]
	bare := strings.TrimPrefix(term, "the ") // "Register Regulation" is also used after "the"/"The"
	if !register {
		if strings.Contains(txt, bare) {
			t.Errorf("%s: no health register, but the agreement uses %q", name, bare)
		}
		return
	}
	value := lz.T("blank.health_register_regulation")
	if named {
		value = regulation
	}
	def := term + ": " + value
	_, defs := clauseParas(res.Doc, "definitions")
	if !strings.Contains(strings.Join(defs, "\n"), def) {
		t.Errorf("%s: clause 2.1 does not define %q", name, def)
	}
	if i, j := strings.Index(txt, bare), strings.Index(txt, def); j < 0 || i != j+len(term)-len(bare) {
		t.Errorf("%s: %q is used before its definition in clause 2.1 (first use at %d, definition at %d)", name, bare, i, j)
	}
	// The definition names the regulation, and a blank names the missing
	// answer; no other text gives the regulation another name.
	rest := strings.ReplaceAll(txt, value, "")
	for _, re := range otherNames[lang] {
		if m := re.FindString(rest); m != "" {
			i := strings.Index(rest, m)
			t.Errorf("%s: the register's regulation is called %q, not %q: …%s…", name, m, term, rest[max(0, i-80):min(len(rest), i+len(m)+40)])
		}
	}
}

// TestLanguageClauseOfficialTitles is the class test for finding R8-7: in
// every agreement, with or without translations and whichever language the
// answers are typed in, clause 14.4 says that a Norwegian Act or regulation
// is identified by its official Norwegian title, which prevails over any
// translation of it (so that an English rendering of a regulation's title in
// the Parties' own words cannot prevail in a bokmål original).
func TestLanguageClauseOfficialTitles(t *testing.T) {
	want := map[string]string{
		"nb": "En norsk lov eller forskrift identifiseres ved sin offisielle norske tittel, som går foran enhver oversettelse av tittelen, også en oversettelse i Avtalen eller i opplysninger som Partene har gitt med egne ord.",
		"en": "A Norwegian Act or regulation is identified by its official Norwegian title, which prevails over any translation of that title, including a translation in the Agreement or in information the Parties have given in their own words.",
	}
	for _, lang := range i18n.Langs {
		lib, err := LoadLibrary("", i18n.For(lang))
		if err != nil {
			t.Fatal(err)
		}
		for _, typed := range i18n.Langs {
			for _, translated := range []bool{false, true} {
				name := fmt.Sprintf("%s/typed=%s/translations=%v", lang, typed, translated)
				a := classBase()
				a.Language = typed
				if translated {
					a.Translations = []answers.Translation{{NB: "formål", EN: "p"}}
				}
				res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang, Draft: true})
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				_, ps := clauseParas(res.Doc, "language")
				if !strings.Contains(strings.Join(ps, "\n"), want[lang]) {
					t.Errorf("%s: clause 14.4 does not say %q: %q", name, want[lang], ps)
				}
			}
		}
	}
}
