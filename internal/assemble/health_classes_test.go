package assemble

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/text"
	"github.com/dpa-no/dpa/internal/rules"
)

// healthKinds are the kinds of health data the statute rules tell apart.
var healthKinds = []struct {
	name                                 string
	health, record, monitoring, register bool
}{
	{name: "no special category"},
	{name: "health data (HR)", health: true},
	{name: "patient record", health: true, record: true},
	{name: "remote monitoring", health: true, monitoring: true},
	{name: "health register", health: true, register: true},
	{name: "patient record and health register", health: true, record: true, register: true},
}

// TestImmediateDeviationsDefined is the class test for findings R2 A-2 and
// R1 B7: clause 10.1 and annex F refer to "Deviations to be notified
// immediately", so in every agreement, with or without patient data or a
// basic national function, clause 10.1 defines at least one such category,
// and the breach clause refers to it in the same words.
func TestImmediateDeviationsDefined(t *testing.T) {
	words := map[string]struct{ ref, bullet, breach, general string }{
		"nb": {"Avvik som skal varsles straks, skal varsles til", "skal varsles straks", "Er bruddet samtidig et Avvik som skal varsles straks etter punkt", "Avvik som alvorlig svekker tilgjengeligheten til Tjenesten"},
		"en": {"Deviations to be notified immediately shall be notified to", "shall be notified immediately", "Where the breach is at the same time a Deviation to be notified immediately under clause", "Deviations that seriously impair the availability of the Service"},
	}
	for _, lang := range i18n.Langs {
		lib, err := LoadLibrary("", i18n.For(lang))
		if err != nil {
			t.Fatal(err)
		}
		w := words[lang]
		for _, k := range healthKinds {
			for _, national := range []bool{false, true} {
				name := fmt.Sprintf("%s/%s/national=%v", lang, k.name, national)
				a := classBase()
				a.Language = lang
				if k.health {
					a.Processing.SpecialCategories = []string{"health"}
				}
				a.Risk.PatientRecord, a.Risk.RemoteMonitoring, a.Risk.HealthRegister = answers.Bool(k.record), answers.Bool(k.monitoring), answers.Bool(k.register)
				a.Risk.NationalFunction = answers.Bool(national)
				res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang, Draft: true})
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				_, dev := clauseParas(res.Doc, "deviation-handling")
				_, br := clauseParas(res.Doc, "breach-notification")
				var ref bool
				var bullets []string
				for _, c := range res.Doc.AllClauses() {
					if c.ID != "deviation-handling" {
						continue
					}
					for _, b := range c.Blocks {
						if b.Kind == "bullets" {
							bullets = append(bullets, b.Items...)
						}
					}
				}
				for _, p := range dev {
					ref = ref || strings.Contains(p, w.ref)
				}
				if !ref {
					t.Errorf("%s: clause 10.1 no longer routes immediate notices", name)
				}
				immediate := 0
				for _, b := range bullets {
					if strings.Contains(b, w.bullet) {
						immediate++
					}
				}
				if immediate == 0 {
					t.Errorf("%s: clause 10.1 refers to immediate notices but defines none: %q", name, bullets)
				}
				if !strings.Contains(strings.Join(bullets, "\n"), w.general) {
					t.Errorf("%s: the general immediate category is missing", name)
				}
				if len(br) == 0 || !strings.Contains(br[0], w.breach) {
					t.Errorf("%s: the breach clause does not refer to the immediate category", name)
				}
				txt := string(text.Bytes(res.Doc))
				if strings.Contains(txt, "72 hours, (") {
					t.Errorf("%s: stray comma before the article reference", name)
				}
				patientSafety := map[string]string{"nb": "pasientsikkerhet", "en": "patient safety"}[lang]
				if got, want := strings.Contains(txt, patientSafety), k.record || k.monitoring; got != want {
					t.Errorf("%s: patient safety mentioned = %v, want %v", name, got, want)
				}
			}
		}
	}
}

// TestHealthStatuteSections is the class test for findings R2 B-1, B-2 and
// C-5: the secrecy clause cites the statute that governs the data, with
// its section (pasientjournalloven §§ 15-16 for patient data,
// helseregisterloven § 17 for a health register, and the Act by name for
// its ban on unjustified access, whose section could not be confirmed
// (finding B-6, internal/law); neither for other health data); the register's wider secrecy (identity data) is written
// out; the register's regulation is named from risk.health_register_regulation
// (in clause 2.1, which defines it), or left as a blank that dpa check asks for; the regulation has one name in
// the clauses that refer to it; and no sentence ends in "flg..".
func TestHealthStatuteSections(t *testing.T) {
	type want struct{ pjl15, pjl16, hrl17, hrl23, identity string }
	phr := map[string]want{
		"nb": {"pasientjournalloven § 15", "pasientjournalloven § 16", "helseregisterloven § 17", "forbudet mot urettmessig tilegnelse av helseopplysninger i helseregisterloven", "fødested, fødselsdato, fødselsnummer, statsborgerforhold, sivilstand, yrke, bopel og arbeidssted"},
		"en": {"section 15 of the Patient Records Act", "section 16 of the Patient Records Act", "section 17 of the Health Registries Act", "the prohibition of unjustified access to health data in the Health Registries Act", "place of birth, date of birth, national identity number, citizenship, marital status, occupation, address and place of work"},
	}
	oneName := map[string][]string{"nb": {"forskriften om registeret", " i registeret", " fra registeret"}, "en": {"the regulation on the register", " in the register", " from the register"}}
	const regulation = "forskrift 7. desember 2007 nr. 1389 om innsamling og behandling av helseopplysninger i Norsk pasientregister (Norsk pasientregisterforskriften)"
	for _, lang := range i18n.Langs {
		lz := i18n.For(lang)
		lib, err := LoadLibrary("", lz)
		if err != nil {
			t.Fatal(err)
		}
		p := phr[lang]
		for _, k := range healthKinds {
			for _, named := range []bool{false, true} {
				name := fmt.Sprintf("%s/%s/regulation=%v", lang, k.name, named)
				a := classBase()
				a.Language = lang
				if k.health {
					a.Processing.SpecialCategories = []string{"health"}
				}
				a.Risk.PatientRecord, a.Risk.RemoteMonitoring, a.Risk.HealthRegister = answers.Bool(k.record), answers.Bool(k.monitoring), answers.Bool(k.register)
				if named {
					a.Risk.HealthRegisterRegulation = regulation
				}
				res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang, Draft: true})
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				_, sec := clauseParas(res.Doc, "secrecy-health")
				s := strings.Join(sec, "\n")
				patient := k.record || k.monitoring
				for _, c := range []struct {
					phrase string
					want   bool
				}{{p.pjl15, patient}, {p.pjl16, patient}, {p.hrl17, k.register}, {p.hrl23, k.register}, {p.identity, k.register}} {
					if got := strings.Contains(s, c.phrase); got != c.want {
						t.Errorf("%s: secrecy clause has %q = %v, want %v", name, c.phrase, got, c.want)
					}
				}
				if (len(sec) > 0) != (patient || k.register) {
					t.Errorf("%s: secrecy clause selected = %v", name, len(sec) > 0)
				}
				txt := string(text.Bytes(res.Doc))
				if strings.Contains(txt, "flg..") {
					t.Errorf("%s: a sentence ends in \"flg..\"", name)
				}
				_, reg := clauseParas(res.Doc, "health-register")
				if k.register {
					// the regulation is named where clause 2.1 defines it
					// (Registerforskriften, finding R8-6)
					_, defs := clauseParas(res.Doc, "definitions")
					first := strings.Join(defs, "\n")
					if named && !strings.Contains(first, regulation) {
						t.Errorf("%s: the register's regulation is not named: %q", name, first)
					}
					if !named && !strings.Contains(first, lz.T("blank.health_register_regulation")) {
						t.Errorf("%s: no blank for the missing regulation: %q", name, first)
					}
					asked := false
					for _, f := range res.Findings {
						asked = asked || (f.Path == "risk.health_register_regulation" && f.Code == rules.CodeDecisionMissing)
					}
					if asked == named {
						t.Errorf("%s: dpa check asks for the regulation = %v", name, asked)
					}
				} else if len(reg) > 0 {
					t.Errorf("%s: health-register clause without a register", name)
				}
				for _, id := range []string{"health-register", "register-rights", "secrecy-health", "return-of-data", "deletion"} {
					_, ps := clauseParas(res.Doc, id)
					for _, bad := range oneName[lang] {
						if strings.Contains(strings.Join(ps, "\n"), bad) {
							t.Errorf("%s: clause %s calls the register or its regulation %q", name, id, bad)
						}
					}
				}
			}
		}
	}
}
