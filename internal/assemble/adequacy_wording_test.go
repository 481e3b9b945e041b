package assemble

import (
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/markdown"
)

func mdText(t *testing.T, a *answers.Answers, lang string) string {
	t.Helper()
	lib, err := LoadLibrary("", i18n.For(lang))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(markdown.Bytes(res.Doc))), " ")
}

// adequacyProcessor is a processor established in an adequacy country that
// stores there, with no parent and no Sub-processor.
func adequacyProcessor(lang, country string) *answers.Answers {
	a := classBase()
	a.Language = lang
	a.Processor.Country = country
	a.Processor.OrgNumber = ""
	a.Processor.ForeignID = "X-1"
	for i := range a.Locations {
		a.Locations[i].Country = country
	}
	a.AccessCountries = []string{country}
	return a
}

// TestForeignAuthorityFollowsFacts: the foreign-authority clause binds
// parents and group companies, and asks for the confirmation on group
// companies, only when the answers show a parent (for the Processor or a
// Sub-processor); it names the compelling laws of the country of
// establishment from the country data (Switzerland: StPO art. 265, BÜPF,
// NDG; the United States: FISA 702, EO 12333, CLOUD Act); a processor in an
// adequacy country is subject to that country's data protection law and
// supervisor, and disclosure to that supervisor or other authorities there
// follows the clause, also in 4.1 and the audit clause (finding R5A-5).
func TestForeignAuthorityFollowsFacts(t *testing.T) {
	group := map[string][]string{
		"nb": {"morselskaper og andre selskaper i samme konsern som Databehandler", "gjelder det samme for selskapene i samme konsern"},
		"en": {"parent companies and other companies in the same group as the Processor", "confirms the same for the companies in the same group"},
	}
	for _, lang := range []string{"nb", "en"} {
		for _, c := range []struct {
			name      string
			mod       func(a *answers.Answers)
			group     bool
			want, not []string
		}{
			{"CH, no parent, no sub-processor", func(a *answers.Answers) {}, false,
				map[string][]string{
					"nb": {"artikkel 265 i den sveitsiske straffeprosessloven", "(Bundesgesetz betreffend die Überwachung des Post- und Fernmeldeverkehrs, BÜPF)", "etterretningsloven (Nachrichtendienstgesetz, NDG)", "til tilsynsmyndigheten eller andre myndigheter i Sveits følger dette punktet", "Federal Data Protection and Information Commissioner (FDPIC)", "Utlevering av innholdet i Personopplysningene til en tilsynsmyndighet eller annen myndighet utenfor EØS følger likevel punkt", "for en tilsynsmyndighet utenfor EØS gjelder dette tilsyn med virksomhetens egen etterlevelse", "Pliktene i dette punktet gjelder for Databehandler når"},
					"en": {"Article 265 of the Swiss Criminal Procedure Code (StPO)", "the Swiss Federal Act on the Surveillance of Post and Telecommunications (BÜPF)", "the Swiss Federal Act on the Intelligence Service (NDG)", "to that supervisory authority or other authorities of Switzerland is governed by this clause", "Disclosure of the content of the Personal Data to a supervisory authority or other authority outside the EEA is nevertheless governed by clause", "for a supervisory authority outside the EEA this applies to supervision of the undertaking's own compliance", "apply to the Processor where a court"},
				}[lang],
				map[string][]string{"nb": {"under sin kontroll, også når opplysningene lagres i EØS", "eller morselskapet er etablert"}, "en": {"in its possession or control, also where the data is stored in the EEA", "or its parent company is established"}}[lang]},
			{"CH with a parent in Germany", func(a *answers.Answers) {
				a.Processor.ParentCountry = "DE"
				a.Processor.ParentName = "Archiv Holding GmbH"
			}, true,
				map[string][]string{"nb": {"eller morselskapet er etablert"}, "en": {"or its parent company is established"}}[lang], nil},
			{"GB, no parent: its own regime, no compelling laws named", func(a *answers.Answers) {
				*a = *adequacyProcessor(lang, "GB")
			}, false, map[string][]string{"nb": {"Information Commissioner", "andre myndigheter i Storbritannia"}, "en": {"the Information Commissioner", "other authorities of the United Kingdom"}}[lang],
				map[string][]string{"nb": {"straffeprosessloven"}, "en": {"Criminal Procedure Code"}}[lang]},
			{"Norway, EEA sub-processor with a US parent", func(a *answers.Answers) {
				*a = *classBase()
				a.Language = lang
				a.Subprocessors = []answers.Subprocessor{{Name: "Sky Ltd", Country: "IE", ParentCountry: "US", ParentName: "Sky Inc.", Service: "IaaS", Locations: []string{"IE"}, AccessCountries: []string{"IE"}}}
			}, true, map[string][]string{"nb": {"section 702 i Foreign Intelligence Surveillance Act", "CLOUD Act (18 U.S.C. § 2713)"}, "en": {"section 702 of the Foreign Intelligence Surveillance Act", "the CLOUD Act (18 U.S.C. § 2713)"}}[lang],
				map[string][]string{"nb": {"Virksomheter som er etablert i et Tredjeland, som har et morselskap"}, "en": {"Undertakings that are established in a Third Country, that have a parent company"}}[lang]},
		} {
			a := adequacyProcessor(lang, "CH")
			c.mod(a)
			md := mdText(t, a, lang)
			for _, w := range group[lang] {
				if strings.Contains(md, w) != c.group {
					t.Errorf("%s %s: group sentence %q present = %v, want %v", lang, c.name, w, !c.group, c.group)
				}
			}
			for _, w := range c.want {
				if !strings.Contains(md, w) {
					t.Errorf("%s %s: missing %q", lang, c.name, w)
				}
			}
			for _, w := range c.not {
				if strings.Contains(md, w) {
					t.Errorf("%s %s: unexpected %q", lang, c.name, w)
				}
			}
		}
	}
}

// TestAdequacyWording: where every transfer relies on an adequacy decision
// (every adequacy country with a general decision, the processor itself as
// recipient), the agreement speaks of the recipient, not a data importer,
// mentions no supplementary measures and no transfer impact assessment,
// says "storage, processing and remote access", and annex C says the
// decision covers all recipients in the country (findings R5A-7, R5A-8);
// a transfer to a Non-Adequate Country keeps the importer and the
// supplementary measures.
func TestAdequacyWording(t *testing.T) {
	for _, lang := range []string{"nb", "en"} {
		bad := map[string][]string{"nb": {"dataimportør", "supplerende tiltak", "lagring eller behandling", "(TIA)"}, "en": {"data importer", "supplementary measures", "storage or processing", "(TIA)"}}[lang]
		for _, c := range []string{"CH", "GB", "NZ", "UY", "IL", "JP"} {
			a := adequacyProcessor(lang, c)
			md := mdText(t, a, lang)
			for _, w := range bad {
				if strings.Contains(md, w) {
					t.Errorf("%s %s: adequacy text contains %q", lang, c, w)
				}
			}
			want := map[string]string{"nb": "lagring, behandling og fjerntilgang for drift og brukerstøtte", "en": "storage, processing and remote access for operations and support"}[lang]
			if !strings.Contains(md, want) {
				t.Errorf("%s %s: missing %q", lang, c, want)
			}
			all := map[string]string{"nb": "| alle mottakere i ", "en": "| all recipients in "}[lang]
			general := c != "IL" && c != "JP"
			if strings.Contains(md, all) != general {
				t.Errorf("%s %s: %q present = %v, want %v", lang, c, all, !general, general)
			}
		}
		// a Non-Adequate Country: the importer and the measures stay
		a := classBase()
		a.Language = lang
		a.AccessCountries = []string{"NO"}
		a.Subprocessors = []answers.Subprocessor{{Name: "Support Pvt Ltd", Country: "IN", Service: "support", AccessCountries: []string{"IN"}, TransferBasis: "scc", TIADone: true, TIADate: "2026-11-01"}}
		md := mdText(t, a, lang)
		for _, w := range bad[:2] {
			if !strings.Contains(md, w) {
				t.Errorf("%s IN: missing %q", lang, w)
			}
		}
	}
}

// TestDraftNoTransfersAnnexes: a tender draft whose transfer position is
// none asks in annex B whether each Sub-processor stays in the EEA instead
// of for a transfer basis and DPF certification, and neither the annex B
// nor the annex C introduction mentions a transfer impact assessment or a
// data importer (finding R5A-22).
func TestDraftNoTransfersAnnexes(t *testing.T) {
	for _, lang := range []string{"nb", "en"} {
		for _, pos := range []string{"none", "with_safeguards"} {
			a, raw := loadFile(t, "../../testdata/scenarios/draft-tender.yaml")
			a.Language = lang
			a.Processing.ThirdCountryTransfers = pos
			md := strings.Join(strings.Fields(string(markdown.Bytes(build(t, a, raw, lang).Doc))), " ")
			annexB := md[strings.Index(md, map[string]string{"nb": "## Vedlegg B", "en": "## Annex B"}[lang]):strings.Index(md, map[string]string{"nb": "## Vedlegg D", "en": "## Annex D"}[lang])]
			none := pos == "none"
			for _, w := range map[string][]string{"nb": {"| Lagring, behandling og tilgang bare i EØS | \\[ja/nei\\] |", "bare i EØS, slik punkt"}, "en": {"| Storage, processing and access only in the EEA | \\[yes/no\\] |", "only in the EEA, as clause"}}[lang] {
				if strings.Contains(annexB, w) != none {
					t.Errorf("%s %s: %q present = %v", lang, pos, w, !none)
				}
			}
			for _, w := range map[string][]string{"nb": {"Data Privacy Framework", "(TIA)", "dataimportør", "| Overføringsgrunnlag |"}, "en": {"Data Privacy Framework", "(TIA)", "data importer", "| Transfer basis |"}}[lang] {
				if strings.Contains(annexB, w) == none {
					t.Errorf("%s %s: %q present = %v, want %v", lang, pos, w, none, !none)
				}
			}
		}
	}
}

// TestRiskReasonNamesLinks: the risk reason for a third-country link in
// annex A names each party and where it is established or has its parent
// (a Non-Adequate Country or the United States), instead of "a party or
// its parent company in a country without an adequacy decision or in the
// United States" (finding R5A-18).
func TestRiskReasonNamesLinks(t *testing.T) {
	want := map[string]string{
		"nb": "tilknytning til land der myndighetene etter egen lov kan kreve utlevering av Personopplysningene (Sky Ltd har morselskapet Sky Inc. i USA og Support Pvt Ltd er etablert i India)",
		"en": "links with countries whose authorities may demand disclosure of the Personal Data under their own law (Sky Ltd has its parent company, Sky Inc., in the United States and Support Pvt Ltd is established in India)",
	}
	generic := map[string]string{"nb": "en part eller dens morselskap i et land uten adekvansbeslutning eller i USA", "en": "a party or its parent company in a country without an adequacy decision or in the United States"}
	for _, lang := range []string{"nb", "en"} {
		a := classBase()
		a.Language = lang
		a.Processing.SpecialCategories = []string{"health"} // the link is a reason on the special-categories path
		a.Subprocessors = []answers.Subprocessor{
			{Name: "Sky Ltd", Country: "IE", ParentCountry: "US", ParentName: "Sky Inc.", Service: "IaaS", Locations: []string{"IE"}, AccessCountries: []string{"IE"}},
			{Name: "Support Pvt Ltd", Country: "IN", Service: "support", AccessCountries: []string{"IN"}, TransferBasis: "scc", TIADone: true, TIADate: "2026-11-01"},
		}
		md := mdText(t, a, lang)
		if !strings.Contains(md, want[lang]) {
			t.Errorf("%s: missing %q", lang, want[lang])
		}
		if strings.Contains(md, generic[lang]) {
			t.Errorf("%s: generic reason %q still printed", lang, generic[lang])
		}
	}
}
