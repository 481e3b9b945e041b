package assemble

import (
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/text"
)

// groupShape is one shape of undertakings, parents and countries, with the
// exact sentences the agreement must print for it in each language.
type groupShape struct {
	name string
	mod  func(a *answers.Answers)
	// names are the undertakings the opening of the foreign-authority
	// clause may name, each at most once
	names []string
	// facts is the opening of the foreign-authority clause (who is
	// established or has its parent where), compel the sentence after it,
	// key the key clause's list of parents ("" where none is listed), risk
	// the risk assessment's list of EEA undertakings with a parent abroad
	// ("" where none)
	facts, compel, key, risk map[string]string
}

func groupSub(name, country, parentCountry, parentName string) answers.Subprocessor {
	s := answers.Subprocessor{Name: name, Country: country, ParentCountry: parentCountry, ParentName: parentName, Service: "hosting",
		Locations: []string{country}, AccessCountries: []string{country}}
	if country != "" && country != "IE" && country != "DE" && country != "CH" {
		s.TransferBasis, s.TIADate = "scc", "2026-11-01"
	}
	return s
}

var groupShapes = []groupShape{
	{
		name: "one parent, two subsidiaries in two countries",
		mod: func(a *answers.Answers) {
			a.Subprocessors = []answers.Subprocessor{
				groupSub("Cloud Ireland Ltd", "IE", "US", "Cloud Inc."),
				groupSub("Cloud India Pvt Ltd", "IN", "US", "Cloud Inc."),
			}
		},
		names: []string{"Cloud Inc.", "Cloud Ireland Ltd", "Cloud India Pvt Ltd"},
		facts: map[string]string{
			"nb": "Cloud Inc. er etablert i USA og er morselskap til Cloud Ireland Ltd (Irland) og Cloud India Pvt Ltd (India).",
			"en": "Cloud Inc. is established in the United States and is the parent company of Cloud Ireland Ltd (Ireland) and Cloud India Pvt Ltd (India).",
		},
		compel: map[string]string{
			"nb": "Domstoler og myndigheter i USA og India kan hver etter lovgivningen i sitt eget land pålegge de virksomhetene som er etablert i landet, og gjennom dem deres datterselskaper, å utlevere eller gi tilgang til Personopplysninger som de har i sin besittelse eller under sin kontroll, også når opplysningene lagres i EØS.",
			"en": "Courts and authorities of the United States and India may each, under the law of their own country, require the undertakings established in that country, and through them their subsidiaries, to disclose or give access to Personal Data in their possession or control, also where the data is stored in the EEA.",
		},
		key: map[string]string{
			"nb": "(ved inngåelsen Cloud Inc., som er morselskap til både Cloud Ireland Ltd og Cloud India Pvt Ltd)",
			"en": "(at signing, Cloud Inc., which is the parent company of both Cloud Ireland Ltd and Cloud India Pvt Ltd)",
		},
		risk: map[string]string{
			"nb": "Ved inngåelsen gjelder dette Cloud Ireland Ltd, som har morselskapet Cloud Inc. i USA.",
			"en": "At signing this applies to Cloud Ireland Ltd, which has its parent company, Cloud Inc., in the United States.",
		},
	},
	{
		// the R8 agreement: the parent is itself a listed Sub-processor
		name: "parent listed as Sub-processor",
		mod: func(a *answers.Answers) {
			a.Subprocessors = []answers.Subprocessor{
				groupSub("Cloud Ireland Ltd", "IE", "US", "Cloud Inc."),
				groupSub("Cloud Inc.", "US", "", ""),
				groupSub("Cloud India Pvt Ltd", "IN", "US", "Cloud Inc."),
			}
		},
		names: []string{"Cloud Inc.", "Cloud Ireland Ltd", "Cloud India Pvt Ltd"},
		facts: map[string]string{
			"nb": "Cloud Inc. er etablert i USA og er morselskap til Cloud Ireland Ltd (Irland) og Cloud India Pvt Ltd (India).",
			"en": "Cloud Inc. is established in the United States and is the parent company of Cloud Ireland Ltd (Ireland) and Cloud India Pvt Ltd (India).",
		},
		compel: map[string]string{
			"nb": "Domstoler og myndigheter i USA og India kan hver etter lovgivningen i sitt eget land pålegge de virksomhetene som er etablert i landet, og gjennom dem deres datterselskaper, å utlevere eller gi tilgang til Personopplysninger som de har i sin besittelse eller under sin kontroll, også når opplysningene lagres i EØS.",
			"en": "Courts and authorities of the United States and India may each, under the law of their own country, require the undertakings established in that country, and through them their subsidiaries, to disclose or give access to Personal Data in their possession or control, also where the data is stored in the EEA.",
		},
		key: map[string]string{
			"nb": "(ved inngåelsen Cloud Inc., som er morselskap til både Cloud Ireland Ltd og Cloud India Pvt Ltd), og Underdatabehandlere som er etablert i et Land uten adekvans (Cloud Inc. og Cloud India Pvt Ltd).",
			"en": "(at signing, Cloud Inc., which is the parent company of both Cloud Ireland Ltd and Cloud India Pvt Ltd), and to Sub-processors established in a Non-Adequate Country (Cloud Inc. and Cloud India Pvt Ltd).",
		},
		risk: map[string]string{
			"nb": "Ved inngåelsen gjelder dette Cloud Ireland Ltd, som har morselskapet Cloud Inc. i USA.",
			"en": "At signing this applies to Cloud Ireland Ltd, which has its parent company, Cloud Inc., in the United States.",
		},
	},
	{
		name: "two different parents",
		mod: func(a *answers.Answers) {
			a.Subprocessors = []answers.Subprocessor{
				groupSub("Cloud Ireland Ltd", "IE", "US", "Cloud Inc."),
				groupSub("Data GmbH", "DE", "CN", "Data Holding Ltd"),
				groupSub("Cloud Dublin Ltd", "IE", "US", "Cloud Inc."),
			}
		},
		names: []string{"Cloud Inc.", "Cloud Ireland Ltd", "Data GmbH", "Data Holding Ltd", "Cloud Dublin Ltd"},
		facts: map[string]string{
			"nb": "Cloud Inc. er etablert i USA og er morselskap til Cloud Ireland Ltd (Irland) og Cloud Dublin Ltd (Irland). Data Holding Ltd er etablert i Kina og er morselskap til Data GmbH (Tyskland).",
			"en": "Cloud Inc. is established in the United States and is the parent company of Cloud Ireland Ltd (Ireland) and Cloud Dublin Ltd (Ireland). Data Holding Ltd is established in China and is the parent company of Data GmbH (Germany).",
		},
		compel: map[string]string{
			"nb": "Domstoler og myndigheter i USA og Kina kan hver etter lovgivningen i sitt eget land pålegge de virksomhetene som er etablert i landet, og gjennom dem deres datterselskaper, å utlevere eller gi tilgang til Personopplysninger som de har i sin besittelse eller under sin kontroll, også når opplysningene lagres i EØS.",
			"en": "Courts and authorities of the United States and China may each, under the law of their own country, require the undertakings established in that country, and through them their subsidiaries, to disclose or give access to Personal Data in their possession or control, also where the data is stored in the EEA.",
		},
		key: map[string]string{
			"nb": "(ved inngåelsen Cloud Inc., som er morselskap til både Cloud Ireland Ltd og Cloud Dublin Ltd, og Data Holding Ltd, som er morselskap til Data GmbH).",
			"en": "(at signing, Cloud Inc., which is the parent company of both Cloud Ireland Ltd and Cloud Dublin Ltd, and Data Holding Ltd, which is the parent company of Data GmbH).",
		},
		risk: map[string]string{
			"nb": "Ved inngåelsen gjelder dette Cloud Ireland Ltd og Cloud Dublin Ltd, som har morselskapet Cloud Inc. i USA, og Data GmbH, som har morselskapet Data Holding Ltd i Kina.",
			"en": "At signing this applies to Cloud Ireland Ltd and Cloud Dublin Ltd, which have their parent company, Cloud Inc., in the United States, and Data GmbH, which has its parent company, Data Holding Ltd, in China.",
		},
	},
	{
		name: "no parents",
		mod: func(a *answers.Answers) {
			a.Subprocessors = []answers.Subprocessor{
				groupSub("Alpen Archiv AG", "CH", "", ""),
				groupSub("Cloud India Pvt Ltd", "IN", "", ""),
				groupSub("Mumbai Ops Pvt Ltd", "IN", "", ""),
			}
		},
		names: []string{"Alpen Archiv AG", "Cloud India Pvt Ltd", "Mumbai Ops Pvt Ltd"},
		facts: map[string]string{
			"nb": "Alpen Archiv AG er etablert i Sveits. Cloud India Pvt Ltd og Mumbai Ops Pvt Ltd er etablert i India.",
			"en": "Alpen Archiv AG is established in Switzerland. Cloud India Pvt Ltd and Mumbai Ops Pvt Ltd are established in India.",
		},
		compel: map[string]string{
			"nb": "Domstoler og myndigheter i Sveits og India kan hver etter lovgivningen i sitt eget land pålegge de virksomhetene som er etablert i landet å utlevere eller gi tilgang til Personopplysninger som de har i sin besittelse eller under sin kontroll, også der overføringer til landet kan bygge på en adekvansbeslutning.",
			"en": "Courts and authorities of Switzerland and India may each, under the law of their own country, require the undertakings established in that country to disclose or give access to Personal Data in their possession or control, also where transfers to that country can rely on an adequacy decision.",
		},
	},
	{
		name: "Processor in a third country",
		mod: func(a *answers.Answers) {
			a.Processor.Name, a.Processor.Country, a.Processor.OrgNumber, a.Processor.ForeignID = "Leverandør Inc.", "US", "", "REG 1"
			a.Processor.TransferBasis, a.Processor.TIADate = "scc", "2026-11-01"
			for i := range a.Locations {
				a.Locations[i].Operator = "Leverandør Inc."
			}
			a.Subprocessors = []answers.Subprocessor{
				groupSub("Leverandør Ireland Ltd", "IE", "US", "Leverandør Inc."),
				groupSub("Cloud India Pvt Ltd", "IN", "", ""),
			}
		},
		names: []string{"Leverandør Inc.", "Leverandør Ireland Ltd", "Cloud India Pvt Ltd"},
		facts: map[string]string{
			"nb": "Leverandør Inc. er etablert i USA og er morselskap til Leverandør Ireland Ltd (Irland). Cloud India Pvt Ltd er etablert i India.",
			"en": "Leverandør Inc. is established in the United States and is the parent company of Leverandør Ireland Ltd (Ireland). Cloud India Pvt Ltd is established in India.",
		},
		compel: map[string]string{
			"nb": "Domstoler og myndigheter i USA og India kan hver etter lovgivningen i sitt eget land pålegge de virksomhetene som er etablert i landet, og gjennom dem deres datterselskaper, å utlevere eller gi tilgang til Personopplysninger som de har i sin besittelse eller under sin kontroll, også når opplysningene lagres i EØS.",
			"en": "Courts and authorities of the United States and India may each, under the law of their own country, require the undertakings established in that country, and through them their subsidiaries, to disclose or give access to Personal Data in their possession or control, also where the data is stored in the EEA.",
		},
		key: map[string]string{
			"nb": "(ved inngåelsen Leverandør Inc., som er morselskap til Leverandør Ireland Ltd)",
			"en": "(at signing, Leverandør Inc., which is the parent company of Leverandør Ireland Ltd)",
		},
		risk: map[string]string{
			"nb": "Ved inngåelsen gjelder dette Leverandør Ireland Ltd, som har morselskapet Leverandør Inc. i USA.",
			"en": "At signing this applies to Leverandør Ireland Ltd, which has its parent company, Leverandør Inc., in the United States.",
		},
	},
	{
		name: "parents not named",
		mod: func(a *answers.Answers) {
			a.Subprocessors = []answers.Subprocessor{
				groupSub("Host A Ltd", "IE", "US", ""),
				groupSub("Host B GmbH", "DE", "US", ""),
			}
		},
		names: []string{"Host A Ltd", "Host B GmbH"},
		facts: map[string]string{
			"nb": "Host A Ltd (Irland) og Host B GmbH (Tyskland) har morselskap i USA.",
			"en": "Host A Ltd (Ireland) and Host B GmbH (Germany) have their parent companies in the United States.",
		},
		compel: map[string]string{
			"nb": "Domstoler og myndigheter i USA kan etter lovgivningen i landet pålegge hver av disse virksomhetene å utlevere eller gi tilgang til Personopplysninger som den har i sin besittelse eller under sin kontroll, også når opplysningene lagres i EØS.",
			"en": "Courts and authorities of the United States may, under the law of that country, require each of these undertakings to disclose or give access to Personal Data in its possession or control, also where the data is stored in the EEA.",
		},
		key: map[string]string{
			"nb": "(ved inngåelsen morselskapene til Host A Ltd og Host B GmbH)",
			"en": "(at signing, the parent companies of Host A Ltd and Host B GmbH)",
		},
		risk: map[string]string{
			"nb": "Ved inngåelsen gjelder dette Host A Ltd og Host B GmbH, som har morselskap i USA.",
			"en": "At signing this applies to Host A Ltd and Host B GmbH, which have their parent companies in the United States.",
		},
	},
}

// TestParentGroups: every sentence that lists undertakings with their
// parents and countries groups them by parent, so that no undertaking is
// named twice and no subsidiary reads as a parent (R8-17): the opening of
// the foreign-authority clause ("P is established in X and is the parent
// company of A (Y) and B (Z)"), the key clause's list of parents and the
// risk assessment's list of EEA undertakings with a parent abroad; and with
// two or more countries the foreign-authority clause says that the law of
// each authority's own country reaches the undertakings established there
// and, through them, their subsidiaries, not every undertaking named
// (R7B-4). Exact sentences, in both languages, for several shapes.
func TestParentGroups(t *testing.T) {
	for _, lang := range []string{"nb", "en"} {
		lib, err := LoadLibrary("", i18n.For(lang))
		if err != nil {
			t.Fatal(err)
		}
		title := map[string]string{"nb": "Krav om utlevering fra utenlandske myndigheter", "en": "Disclosure demands from foreign authorities"}[lang]
		keyIntro := map[string]string{"nb": "når de er etablert i et Land uten adekvans", "en": "where they are established in a Non-Adequate Country"}[lang]
		for _, sh := range groupShapes {
			t.Run(lang+"/"+sh.name, func(t *testing.T) {
				a := classBase()
				a.Language = lang
				sh.mod(a)
				res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang})
				if err != nil {
					t.Fatal(err)
				}
				txt := strings.Join(strings.Fields(string(text.Bytes(res.Doc))), " ")
				// the opening follows the clause title directly, and the
				// compel sentence follows the opening
				opening := title + " " + sh.facts[lang] + " " + sh.compel[lang]
				if !strings.Contains(txt, opening) {
					i := strings.Index(txt, title+" ")
					got := ""
					if i >= 0 {
						got = txt[i:min(len(txt), i+len(opening)+80)]
					}
					t.Errorf("foreign-authority opening:\n got %q\nwant %q", got, opening)
				}
				for _, n := range sh.names {
					if c := strings.Count(sh.facts[lang], n); c > 1 {
						t.Errorf("%s named %d times in %q", n, c, sh.facts[lang])
					}
				}
				if k := sh.key[lang]; k != "" {
					if !strings.Contains(txt, keyIntro+" "+k) {
						i := strings.Index(txt, keyIntro)
						got := ""
						if i >= 0 {
							got = txt[i:min(len(txt), i+len(keyIntro)+len(k)+40)]
						}
						t.Errorf("key bar:\n got %q\nwant %q", got, keyIntro+" "+k)
					}
				} else if strings.Contains(txt, keyIntro+" (") {
					t.Errorf("key bar lists parents, but none is in a Non-Adequate Country")
				}
				if r := sh.risk[lang]; r != "" && !strings.Contains(txt, r) {
					prefix := map[string]string{"nb": "Ved inngåelsen gjelder dette", "en": "At signing this applies to"}[lang]
					i := strings.Index(txt, prefix)
					got := ""
					if i >= 0 {
						got = txt[i:min(len(txt), i+len(r)+40)]
					}
					t.Errorf("risk assessment:\n got %q\nwant %q", got, r)
				}
			})
		}
	}
}

// TestDPFStatusAsAnswered: annex B states a US Sub-processor's DPF status
// as the answers give it (R8-15): certified as stated by the Processor;
// stated by the Processor not to be certified (dpf_certified: false); not
// stated (absent) - then the transfer rests on its stated basis and not on
// the adequacy decision, and the agreement claims no check of the DPF List
// that nobody made. Absent is never read as an answered no.
func TestDPFStatusAsAnswered(t *testing.T) {
	cases := []struct {
		name  string
		dpf   *bool
		basis string
		want  map[string]string
	}{
		{"certified", answers.Bool(true), "adequacy", map[string]string{
			"nb": "Oppført som aktivt sertifisert på DPF-listen ved inngåelsen, etter opplysning fra Databehandler.",
			"en": "Listed as actively certified on the DPF List at signing, as stated by the Processor.",
		}},
		{"stated not certified", answers.Bool(false), "scc", map[string]string{
			"nb": "Databehandler opplyser at Cloud Inc. ikke er oppført som aktivt sertifisert på DPF-listen ved inngåelsen. Overføring til USA kan derfor ikke bygge på adekvansbeslutningen for USA.",
			"en": "The Processor states that Cloud Inc. is not listed as actively certified on the DPF List at signing. A transfer to the United States therefore cannot rely on the adequacy decision for the United States.",
		}},
		{"not stated, SCC", nil, "scc", map[string]string{
			"nb": "Ikke oppgitt. Overføringen til USA bygger på standard personvernbestemmelser (SCC) etter Kommisjonens gjennomføringsbeslutning (EU) 2021/914, ikke på adekvansbeslutningen for USA.",
			"en": "Not stated. The transfer to the United States relies on standard contractual clauses (SCC) under Commission Implementing Decision (EU) 2021/914, not on the adequacy decision for the United States.",
		}},
		{"not stated, BCR", nil, "bcr", map[string]string{
			"nb": "Ikke oppgitt. Overføringen til USA bygger på bindende virksomhetsregler (BCR, personvernforordningen art. 47), ikke på adekvansbeslutningen for USA.",
			"en": "Not stated. The transfer to the United States relies on binding corporate rules (BCR, GDPR art. 47), not on the adequacy decision for the United States.",
		}},
		{"not stated, no basis", nil, "", map[string]string{
			"nb": "Ikke oppgitt. Uten opplysning om sertifisering kan overføring til USA ikke bygge på adekvansbeslutningen for USA.",
			"en": "Not stated. Without a statement on certification, a transfer to the United States cannot rely on the adequacy decision for the United States.",
		}},
	}
	// a statement of fact about the DPF List that only an answer can make
	unstatedFact := map[string][]string{
		"nb": {"Ikke oppført som aktivt sertifisert", "ikke er oppført som aktivt sertifisert"},
		"en": {"Not listed as actively certified", "is not listed as actively certified"},
	}
	for _, lang := range []string{"nb", "en"} {
		lib, err := LoadLibrary("", i18n.For(lang))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			t.Run(lang+"/"+c.name, func(t *testing.T) {
				a := classBase()
				a.Language = lang
				s := answers.Subprocessor{Name: "Cloud Inc.", Country: "US", Service: "support", AccessCountries: []string{"US"},
					TransferBasis: c.basis, DPFCertified: c.dpf}
				if c.basis == "scc" || c.basis == "bcr" {
					s.TIADate = "2026-11-01"
				}
				a.Subprocessors = []answers.Subprocessor{s}
				res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang})
				if err != nil {
					t.Fatal(err)
				}
				txt := strings.Join(strings.Fields(string(text.Bytes(res.Doc))), " ")
				if !strings.Contains(txt, c.want[lang]) {
					t.Errorf("annex B DPF row: want %q", c.want[lang])
				}
				if c.dpf == nil {
					for _, f := range unstatedFact[lang] {
						if strings.Contains(txt, f) {
							t.Errorf("dpf_certified not answered, but the agreement says %q", f)
						}
					}
				}
			})
		}
	}
}
