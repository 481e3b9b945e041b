package assemble

import (
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/geo"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/text"
	"github.com/dpa-no/dpa/internal/rules"
)

// countryClass is one class of country for the transfer rules.
type countryClass struct {
	name string
	code string
	dpf  bool // the party established there is DPF certified
	// expectations
	thirdCountry bool // outside the EEA
	restricted   bool // no adequacy decision for the recipient
	affiliated   bool // third-country affiliation (the US always counts)
}

var classes = []countryClass{
	{name: "EEA", code: "SE"},
	{name: "adequacy", code: "CH", thirdCountry: true},
	{name: "US with DPF", code: "US", dpf: true, thirdCountry: true, affiliated: true},
	{name: "US without DPF", code: "US", thirdCountry: true, restricted: true, affiliated: true},
	{name: "other third country", code: "IN", thirdCountry: true, restricted: true, affiliated: true},
}

// classBase is a clean final SaaS agreement with everything in Norway.
func classBase() *answers.Answers {
	return &answers.Answers{
		Format: 1, Status: "final", Language: "en",
		Agreement:       answers.Agreement{Date: "2026-11-20"},
		Controller:      answers.Party{Name: "Solvik kommune", OrgNumber: "310 000 019", Address: "Postboks 1", BreachContact: answers.Contact{Email: "avvik@example.no"}, PublicBody: answers.Bool(false)},
		Processor:       answers.Processor{Name: "Leverandør AS", OrgNumber: "310000027", Country: "NO", Address: "Gate 1", BreachContact: answers.Contact{Phone: "+47 1"}},
		Terms:           answers.Terms{LiabilityCap: "NOK 1"},
		Service:         answers.Service{Name: "Tjeneste", Model: "saas", Deployment: "private"},
		Processing:      answers.Processing{Purposes: []string{"p"}, DataSubjects: []string{"s"}, DataCategories: []string{"c"}, SpecialCategories: []string{}, Duration: "d"},
		Locations:       []answers.Location{{Purpose: "primary", Country: "NO", Address: "Gate 1", Operator: "Leverandør AS"}, {Role: "backup", Country: "NO", Address: "Gate 2", Operator: "Leverandør AS"}},
		AccessCountries: []string{"NO"},
		Security:        answers.Security{KeysHeldBy: "controller"},
		Risk:            answers.Risk{PatientRecord: answers.Bool(false), HealthRegister: answers.Bool(false), RemoteMonitoring: answers.Bool(false), NationalFunction: answers.Bool(false), Migration: answers.Bool(false)},
	}
}

// dpfAnswer is dpf_certified for a class: certified, or not answered.
func dpfAnswer(certified bool) *bool {
	if certified {
		return answers.Bool(true)
	}
	return nil
}

// host is a subprocessor established in the class country, with its basis.
func host(c countryClass, name string) answers.Subprocessor {
	s := answers.Subprocessor{Name: name, Country: c.code, Service: "hosting", DPFCertified: dpfAnswer(c.dpf)}
	if c.restricted {
		s.TransferBasis, s.TIADate = "scc", "2026-11-01"
	}
	return s
}

// roles place a country of the class in one role of the agreement.
var roles = []struct {
	name   string
	access bool // the role gives remote access from the country
	mod    func(a *answers.Answers, c countryClass)
}{
	{"processor", true, func(a *answers.Answers, c countryClass) {
		a.Processor.Country, a.Processor.DPFCertified = c.code, dpfAnswer(c.dpf)
		a.Processor.OrgNumber, a.Processor.ForeignID = "", "REG 1"
		a.Locations[0].Country = c.code
		a.AccessCountries = []string{c.code}
		if c.restricted {
			a.Processor.TransferBasis, a.Processor.TIADate = "scc", "2026-11-01"
		}
	}},
	{"parent", false, func(a *answers.Answers, c countryClass) {
		a.Processor.ParentCountry = c.code
	}},
	{"subprocessor", true, func(a *answers.Answers, c countryClass) {
		s := host(c, "Host")
		s.Locations, s.AccessCountries = []string{c.code}, []string{c.code}
		a.Subprocessors = []answers.Subprocessor{s}
	}},
	{"location", false, func(a *answers.Answers, c countryClass) {
		a.Locations = append(a.Locations, answers.Location{Purpose: "backup", Country: c.code, Address: "Street 2", Operator: "Leverandør AS"})
		a.Processor.Recipients = []answers.Recipient{{Country: c.code, Subprocessor: "Host"}}
		a.Subprocessors = []answers.Subprocessor{host(c, "Host")}
	}},
	{"access country", true, func(a *answers.Answers, c countryClass) {
		a.AccessCountries = []string{"NO", c.code}
		a.Processor.Recipients = []answers.Recipient{{Country: c.code, Subprocessor: "Support"}}
		s := host(c, "Support")
		s.AccessCountries = []string{c.code}
		a.Subprocessors = []answers.Subprocessor{s}
	}},
	{"key holder", false, func(a *answers.Answers, c countryClass) {
		a.Processor.Country, a.Processor.DPFCertified = c.code, dpfAnswer(c.dpf)
		a.Processor.OrgNumber, a.Processor.ForeignID = "", "REG 1"
		a.Security.KeysHeldBy = "processor"
		a.Security.KeyService = &answers.KeyService{Operator: "Leverandør AS", Country: "NO", Address: "Gate 1", AccessCountries: []string{"NO"}}
		if c.restricted {
			a.Processor.TransferBasis, a.Processor.TIADate = "scc", "2026-11-01"
		}
	}},
}

// TestTransferClassesByRole asserts, for every country class in every
// role, which transfer clauses and requirements apply and which duties the
// text states: restrictive duties (TIA, supplementary measures, per-task
// approval, keys kept from a third country) only for Non-Adequate
// Countries; foreign-authority duties for every party established (or with
// a parent) outside the EEA; listing and access duties for every
// third-country transfer.
func TestTransferClassesByRole(t *testing.T) {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range classes {
		for _, r := range roles {
			t.Run(c.name+"/"+r.name, func(t *testing.T) {
				a := classBase()
				r.mod(a, c)
				res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: "en"})
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range res.Findings {
					if f.Severity == rules.Error {
						t.Errorf("unexpected error %s at %s: %s", f.Code, f.Path, f.Message)
					}
				}
				sel := map[string]bool{}
				for _, cl := range res.Selected {
					sel[cl.ID] = true
				}
				req := map[string]bool{}
				for _, cv := range res.Coverage {
					req[cv.Key] = cv.Applicable
				}
				transfer := c.thirdCountry && r.name != "parent"
				restricted := c.restricted && r.name != "parent"
				established := c.thirdCountry // a party or the parent is established there in every role
				access := transfer && r.access
				check := func(what string, got, want bool) {
					t.Helper()
					if got != want {
						t.Errorf("%s: got %v, want %v", what, got, want)
					}
				}
				check("clause transfer-basis", sel["transfer-basis"], transfer)
				check("requirement transfer.basis", req["transfer.basis"], transfer)
				check("clause transfer-impact-assessment", sel["transfer-impact-assessment"], restricted)
				check("requirement transfer.impact-assessment", req["transfer.impact-assessment"], restricted)
				check("clause transfer-scc", sel["transfer-scc"], restricted)
				check("clause supplementary-measures", sel["supplementary-measures"], restricted || c.affiliated)
				check("clause foreign-authority-requests", sel["foreign-authority-requests"], established)
				check("requirement transfer.foreign-authority-access", req["transfer.foreign-authority-access"], established)
				check("clause remote-access", sel["remote-access"], access)
				check("requirement transfer.remote-access", req["transfer.remote-access"], access)
				check("clause transfer-adequacy", sel["transfer-adequacy"], transfer && !c.restricted)
				check("clause transfer-suspension", sel["transfer-suspension"], transfer || c.affiliated)

				txt := strings.Join(strings.Fields(string(text.Bytes(res.Doc))), " ")
				has := func(what, s string, want bool) {
					t.Helper()
					if strings.Contains(txt, s) != want {
						t.Errorf("%s: contains %q = %v, want %v", what, s, !want, want)
					}
				}
				has("per-task approval of remote access", "access to the content of the Personal Data shall be given only where the Controller has approved it in writing in advance for the individual task", restricted && r.access)
				has("tasks that cannot be performed from the EEA", "tasks that cannot be performed from the EEA", restricted && r.access)
				nonAdequate := restricted || c.affiliated
				has("Non-Adequate Country defined in clause 2.1", "Non-Adequate Country: a Third Country that, for the recipient concerned", nonAdequate)
				has("Third Country defined with adequacy countries", "Third Country: a state that is not a party to the EEA Agreement, including a state covered by", true)
				// foreign-authority duties (SCC clause 15 model) bind every
				// undertaking in the chain, not only those in the EEA
				far := established || transfer
				// parents and group companies only where the facts show a
				// parent or a party in a Non-Adequate Country or the United
				// States (R5A-5): a party in an adequacy country without a
				// parent has no group to bind
				group := c.affiliated || r.name == "parent"
				has("foreign-authority duties bind the whole chain", "wherever they are established, where a court or authority outside the EEA demands", far && group)
				has("foreign-authority duties bind each Sub-processor", "apply to the Processor, to each Sub-processor and to parent companies", far && group && len(a.Subprocessors) > 0)
				has("foreign-authority duties without a group", "apply to the Processor", far)
				has("foreign-authority EEA rule only for recipients in the EEA", "Where the recipient is established in the EEA, it shall in addition comply", far)
				has("foreign law named", "Courts and authorities of "+geo.InText(c.code, "en")+" may, under the law of that country, require", far)
				has("no EEA-only binding of the demand rule", "Sub-processors established in the EEA shall comply", false)
				// the law of the country where a party or its parent is
				// established reaches it, adequacy decision or not (SCC
				// clause 15): the opening says where, and the duties say so
				country := geo.InText(c.code, "en")
				who := map[string]string{"processor": "Leverandør AS is established in ", "key holder": "Leverandør AS is established in ",
					"parent": "Leverandør AS (Norway) has its parent company in ", "subprocessor": "Host is established in ", "location": "Host is established in ", "access country": "Support is established in "}[r.name]
				has("opening says where the party is established", who+country+".", c.thirdCountry)
				parentWords := map[bool]string{true: " or its parent company", false: ""}[group]
				has("duties cover the law of the country of establishment", "The obligations also apply to demands under the law of a country outside the EEA where the undertaking itself"+parentWords+" is established, at signing the law of "+country+", also where that country is covered by an adequacy decision.", c.thirdCountry)
				has("no vague establishment sentence", "owned or controlled from, a Third Country", false)
				// the opening follows the facts (findings ): no
				// generic parent or EEA-storage sentence where a party is
				// established or has its parent outside the EEA; EEA
				// storage only where such a party stores in the EEA; the
				// adequacy proviso only for an adequacy country; the laws
				// that compel disclosure named from the country data
				has("no generic opening where the facts are known", "Undertakings that are established in a Third Country, that have a parent company", false)
				eeaStore := c.thirdCountry && (r.name == "processor" || r.name == "parent" || r.name == "key holder")
				has("EEA storage only where a linked party stores in the EEA", "in its possession or control, also where the data is stored in the EEA", eeaStore)
				has("adequacy proviso only for an adequacy country", "also where transfers to that country can rely on an adequacy decision", c.code == "CH")
				has("US laws named", "under, among others, section 702 of the Foreign Intelligence Surveillance Act (FISA, 50 U.S.C. § 1881a), Executive Order 12333 and the CLOUD Act (18 U.S.C. § 2713).", c.code == "US")
				has("no US laws for other countries", "Executive Order 12333", c.code == "US")
				// a party established in an adequacy country answers to
				// its own supervisor; cooperating on its own compliance is
				// no Deviation
				ownRegime := c.thirdCountry && !c.restricted && !c.affiliated && r.name != "parent"
				subject := map[string]string{"processor": "Leverandør AS", "key holder": "Leverandør AS", "subprocessor": "Host", "location": "Host", "access country": "Support"}[r.name]
				has("own data protection law and supervisor named", subject+" is established in Switzerland and is subject to the Swiss Federal Act on Data Protection (FADP) and to the supervision of the Federal Data Protection and Information Commissioner (FDPIC).", ownRegime)
				has("cooperation with own supervisor is no Deviation", "Cooperation with that supervisory authority on the undertaking's own compliance with that law is permitted and is not a Deviation.", ownRegime)
				// an EEA undertaking with a parent outside the EEA: no
				// transfer, but the risk assessment covers the parent's
				// law and is given before signing (B-16, A-15)
				has("risk assessment covers the parent's law", "At signing this applies to Leverandør AS, which has its parent company in "+country+". For each such undertaking the risk assessments shall cover the risk of access", r.name == "parent" && c.thirdCountry)
				has("no parent risk paragraph otherwise", "Where an undertaking established in the EEA has its parent company outside the EEA", r.name == "parent" && c.thirdCountry)
				// a Sub-processor with no storage of its own reaches the
				// data only remotely (B-19)
				has("annex B: remote access only", "no storage; processing only by remote access from "+country, r.name == "access country")
				// suspension and termination (SCC clause 16): where the
				// Processor itself is the importer the clause says what
				// suspension means for it; the Sub-processor wording only
				// where there are Sub-processors
				suspension := transfer || c.affiliated
				importer := transfer && (r.name == "processor" || r.name == "key holder")
				// a data importer only under article 46/47; under an
				// adequacy decision the Processor is the recipient (R5A-7)
				role := map[bool]string{true: "data importer", false: "recipient"}[c.restricted]
				has("suspension: the Processor as importer", "Where the Processor itself is the "+role+" in a Third Country ("+country+"), the suspension means that the Processor shall not process the Personal Data in that country", importer)
				has("suspension: the Controller may suspend a transfer to the Processor", "also where the transfer is to the Processor itself", importer)
				// the Processor as importer proposes relocation or return
				// within 30 days; deletion only under the deletion clause;
				// the Controller decides
				has("suspension: relocation or return within 30 days", "no later than 30 days after the suspension propose either that the data be moved to Norway or another EEA State or that it be returned under clause", importer)
				has("suspension: deletion only under the deletion clause", "The data shall be deleted only under clause", importer)
				has("suspension: deletion at the Processor only under the deletion clause", "including at the Processor itself in the Third Country, where deletion takes place only under clause", importer)
				has("suspension: Sub-processors follow", "and ensure that its Sub-processors do the same", suspension && len(a.Subprocessors) > 0)
				has("suspension: Sub-processor can no longer comply", "if the Processor or a Sub-processor, for whatever reason, can no longer comply", suspension && len(a.Subprocessors) > 0)
				has("suspension: the Processor can no longer comply", "if the Processor, for whatever reason, can no longer comply", suspension && len(a.Subprocessors) == 0)
				has("termination of the affected part", "wholly or only for the part of the Service that the transfer concerns", suspension)
				has("termination on a binding decision", "fails to comply with a binding decision of a competent court or supervisory authority", suspension)
				// a Sub-processor that processes data outside the EEA for
				// its own service only gets what that service needs
				has("service Sub-processor limited", "Host (hosting) processes Personal Data outside the EEA only to provide its own service under annex B.", c.thirdCountry && r.name == "subprocessor")
				if r.name == "key holder" {
					has("key service named", "The key service is operated by Leverandør AS and is located in Norway. It can be reached for operation and administration only from Norway.", true)
					region := "key service or hardware security module in the EEA,"
					if c.thirdCountry && !c.restricted {
						region = "key service or hardware security module in the EEA or "
					}
					has("key region", region, true)
					has("keys barred from the holder's own country", "The keys shall not be accessible to companies or staff in a Non-Adequate Country", c.affiliated && !c.restricted)
					has("restricted key holder: only its own staff who need them", "other than the Processor's staff who need access to deliver the Service shall not have access to the keys", c.restricted)
					has("restricted key holder told keys give no protection", "keys managed by the Processor therefore give no protection", c.restricted)
				} else {
					has("controller-held keys", "The Controller shall generate and manage the keys", true)
					// the key bar follows every link to a Non-Adequate
					// Country, whoever holds the keys, and names the
					// parents and Sub-processors the answers show
					has("keys barred from Non-Adequate Countries", "The keys shall not be accessible to companies or staff in a Non-Adequate Country", nonAdequate)
					has("key bar names the Processor's parent", "(at signing, the parent company of Leverandør AS)", r.name == "parent" && c.affiliated)
					has("key bar names the Sub-processor established there", "Sub-processors established in a Non-Adequate Country (", c.restricted && len(a.Subprocessors) > 0 && r.name != "parent")
				}
				if transfer {
					// data importer is the role under the SCC: a recipient
					// covered by an adequacy decision is only a recipient
					sub := r.name == "subprocessor" || r.name == "location" || r.name == "access country"
					has("recipient named as data importer", "(Sub-processor, data importer)", sub && c.restricted)
					has("recipient named without importer role", "(Sub-processor) |", sub && !c.restricted)
				}
			})
		}
	}
}

// TestServiceSubprocessorLimits: a Sub-processor that processes data
// outside the EEA only for its own, narrower service (notifications,
// e-mail, SMS) may receive and read only what that service needs, in every
// third-country class; with health data the data shall contain no Health
// Data, and with patient data no message may reveal health care. The
// paragraph appears only when the answers have such a Sub-processor: not
// for one in the EEA, nor for one hosting a location of the Service.
func TestServiceSubprocessorLimits(t *testing.T) {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	const limit = "Notify Inc (SMS notices) processes Personal Data outside the EEA only to provide its own service under annex B. The Sub-processor shall receive and be able to read only the Personal Data that service needs"
	const noHealth = "The data shall not contain Health Data"
	const noCare = "neither the content nor the sender of a message shall reveal that the data subject receives health care"
	for _, c := range classes {
		for _, h := range []struct {
			name            string
			health, patient bool
		}{{"no health", false, false}, {"health", true, false}, {"patient data", true, true}} {
			for _, hosts := range []bool{false, true} {
				name := c.name + "/" + h.name
				if hosts {
					name += "/hosting a location"
				}
				t.Run(name, func(t *testing.T) {
					a := classBase()
					s := host(c, "Notify Inc")
					s.Service, s.Locations = "SMS notices", []string{c.code}
					a.Subprocessors = []answers.Subprocessor{s}
					if hosts {
						a.Locations = append(a.Locations, answers.Location{Purpose: "backup", Country: c.code, Address: "Street 2", Operator: "Notify Inc"})
					}
					if h.health {
						a.Processing.SpecialCategories = []string{"health"}
					}
					if h.patient {
						a.Risk.PatientRecord = answers.Bool(true)
					}
					res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: "en"})
					if err != nil {
						t.Fatal(err)
					}
					txt := strings.Join(strings.Fields(string(text.Bytes(res.Doc))), " ")
					want := c.thirdCountry && !hosts
					for _, x := range []struct {
						s    string
						want bool
					}{{limit, want}, {noHealth, want && h.health}, {noCare, want && h.patient}} {
						if strings.Contains(txt, x.s) != x.want {
							t.Errorf("contains %q = %v, want %v", x.s, !x.want, x.want)
						}
					}
				})
			}
		}
	}
}

// TestParentNamePrinted: a parent company's name, where the answers give
// it, is printed next to its country in the foreign-authority opening, the
// key clause's list of parents, the risk assessment and annex B, in both
// languages; without it the wording stays as before (B-17).
func TestParentNamePrinted(t *testing.T) {
	for _, lang := range []string{"nb", "en"} {
		for _, named := range []bool{false, true} {
			lib, err := LoadLibrary("", i18n.For(lang))
			if err != nil {
				t.Fatal(err)
			}
			a := classBase()
			a.Language = lang
			s := answers.Subprocessor{Name: "Cloud Ireland Ltd", Country: "IE", ParentCountry: "US", Service: "hosting", Locations: []string{"IE"}, AccessCountries: []string{"IE"}}
			if named {
				s.ParentName = "Cloud Inc."
			}
			a.Subprocessors = []answers.Subprocessor{s}
			res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			txt := strings.Join(strings.Fields(string(text.Bytes(res.Doc))), " ")
			want := map[string][]string{
				"en": {"Cloud Inc. is established in the United States and is the parent company of Cloud Ireland Ltd (Ireland).", "(at signing, Cloud Inc., which is the parent company of Cloud Ireland Ltd)", "At signing this applies to Cloud Ireland Ltd, which has its parent company, Cloud Inc., in the United States.", "; parent company: Cloud Inc."},
				"nb": {"Cloud Inc. er etablert i USA og er morselskap til Cloud Ireland Ltd (Irland).", "(ved inngåelsen Cloud Inc., som er morselskap til Cloud Ireland Ltd)", "Ved inngåelsen gjelder dette Cloud Ireland Ltd, som har morselskapet Cloud Inc. i USA.", "; morselskap: Cloud Inc."},
			}[lang]
			for _, w := range want {
				if strings.Contains(txt, w) != named {
					t.Errorf("%s named=%v: contains %q = %v", lang, named, w, !named)
				}
			}
			if !named && strings.Contains(txt, "Cloud Inc.") {
				t.Errorf("%s: parent name printed without being given", lang)
			}
		}
	}
}
