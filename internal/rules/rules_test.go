package rules

import (
	"sort"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
)

func ptr[T any](v T) *T { return &v }

// base is a complete, clean final answers set: EEA only, no special categories.
func base() *answers.Answers {
	return &answers.Answers{
		Format: 1, Status: "final", Language: "nb",
		Controller:      answers.Party{Name: "Solvik kommune", OrgNumber: "310 000 019", Address: "Postboks 1"},
		Processor:       answers.Processor{Name: "Leverandør AS", OrgNumber: "310000027", Country: "NO", Address: "Gate 1"},
		Service:         answers.Service{Name: "Tjeneste", Model: "saas", Deployment: "private"},
		Processing:      answers.Processing{Purposes: []string{"p"}, DataSubjects: []string{"s"}, DataCategories: []string{"c"}, SpecialCategories: []string{}, Duration: "d"},
		Locations:       []answers.Location{{Purpose: "primary", Country: "NO", Address: "Gate 1", Operator: "Leverandør AS"}},
		AccessCountries: []string{"NO"},
		Risk:            answers.Risk{PatientRecord: ptr(false), HealthRegister: ptr(false), RemoteMonitoring: ptr(false), NationalFunction: ptr(false), Migration: ptr(false)},
	}
}

type finding struct{ sev, code, path string }

func findings(a *answers.Answers) []finding {
	f := Derive(a, false)
	var out []finding
	for _, x := range Findings(a, f, i18n.For("en")) {
		out = append(out, finding{x.Severity, x.Code, x.Path})
		if x.Message == "" || strings.HasPrefix(x.Message, "finding.") {
			panic("untranslated message for " + x.Code)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path+out[i].code < out[j].path+out[j].code })
	return out
}

func TestFindings(t *testing.T) {
	cases := []struct {
		name string
		mod  func(a *answers.Answers)
		want []finding
	}{
		{"clean", func(a *answers.Answers) {}, nil},
		{"storage in India with nobody named there", func(a *answers.Answers) {
			a.Locations = append(a.Locations, answers.Location{Purpose: "backup", Country: "IN", Address: "x", Operator: "Leverandør AS"})
		}, []finding{{"error", "unidentified-recipient", "locations[1].country"}}},
		{"storage in India by the processor's own branch: no transfer between undertakings, no basis needed", func(a *answers.Answers) {
			a.Locations = append(a.Locations, answers.Location{Purpose: "backup", Country: "IN", Address: "x", Operator: "Leverandør AS"})
			a.Processor.OwnStaffCountries = []string{"IN"}
		}, nil},
		{"transfer without basis: subprocessor support from the US by a named US company", func(a *answers.Answers) {
			a.Subprocessors = []answers.Subprocessor{
				{Name: "S", Country: "SE", Service: "x", Locations: []string{"SE"}, AccessCountries: []string{"SE", "US"}, Recipients: []answers.Recipient{{Country: "US", Subprocessor: "S Inc"}}},
				{Name: "S Inc", Country: "US", Service: "support"},
			}
		}, []finding{{"error", "transfer-without-basis", "subprocessors[1].transfer_basis"}, {"warning", "third-country-affiliation", "subprocessors[1].country"}}},
		{"unnamed recipients: an Irish subprocessor reaching from the US and India", func(a *answers.Answers) {
			a.Subprocessors = []answers.Subprocessor{{Name: "S", Country: "IE", Service: "x", AccessCountries: []string{"IE", "US", "IN"}, TransferBasis: "scc", TIADone: true}}
		}, []finding{{"error", "unidentified-recipient", "subprocessors[0].access_countries[1]"}, {"error", "unidentified-recipient", "subprocessors[0].access_countries[2]"}}},
		{"unnamed recipient in a draft is a warning", func(a *answers.Answers) {
			a.Status = "draft"
			a.AccessCountries = []string{"NO", "US"}
		}, []finding{{"warning", "unidentified-recipient", "access_countries[1]"}}},
		{"a recipient must be established in the country it receives in", func(a *answers.Answers) {
			a.AccessCountries = []string{"NO", "IN"}
			a.Processor.Recipients = []answers.Recipient{{Country: "IN", Subprocessor: "S"}}
			a.Subprocessors = []answers.Subprocessor{{Name: "S", Country: "IE", Service: "x"}}
		}, []finding{{"error", "unidentified-recipient", "access_countries[1]"}}},
		{"adequacy country needs no basis", func(a *answers.Answers) {
			a.AccessCountries = []string{"NO", "CH", "GB", "JP"}
			a.Processor.OwnStaffCountries = []string{"CH", "GB", "JP"}
		}, nil},
		{"TIA dated after signature", func(a *answers.Answers) {
			a.Agreement.Date = "2026-11-01"
			a.Subprocessors = []answers.Subprocessor{{Name: "S", Country: "IN", Service: "x", TransferBasis: "scc", TIADate: "2026-11-15"}}
		}, []finding{{"warning", "third-country-affiliation", "subprocessors[0].country"}, {"error", "tia-after-signature", "subprocessors[0].tia_date"}}},
		{"TIA dated before signature", func(a *answers.Answers) {
			a.Agreement.Date = "2026-11-01"
			a.Subprocessors = []answers.Subprocessor{{Name: "S", Country: "IN", Service: "x", TransferBasis: "scc", TIADate: "2026-10-15"}}
		}, []finding{{"warning", "third-country-affiliation", "subprocessors[0].country"}}},
		{"US with DPF certification is adequate, but affiliated", func(a *answers.Answers) {
			a.Subprocessors = []answers.Subprocessor{{Name: "S", Country: "US", Service: "x", DPFCertified: true}}
		}, []finding{{"warning", "third-country-affiliation", "subprocessors[0].country"}}},
		{"US without DPF and basis adequacy claimed", func(a *answers.Answers) {
			a.Subprocessors = []answers.Subprocessor{{Name: "S", Country: "US", Service: "x", TransferBasis: "adequacy"}}
		}, []finding{{"error", "transfer-without-basis", "subprocessors[0].transfer_basis"}, {"warning", "third-country-affiliation", "subprocessors[0].country"}}},
		{"scc without tia", func(a *answers.Answers) {
			a.Subprocessors = []answers.Subprocessor{{Name: "S", Country: "IN", Service: "x", TransferBasis: "scc"}}
		}, []finding{{"warning", "third-country-affiliation", "subprocessors[0].country"}, {"error", "transfer-without-tia", "subprocessors[0].tia_done"}}},
		{"scc without tia in a draft is a warning", func(a *answers.Answers) {
			a.Status = "draft"
			a.Subprocessors = []answers.Subprocessor{{Name: "S", Country: "IN", Service: "x", TransferBasis: "bcr"}}
		}, []finding{{"warning", "third-country-affiliation", "subprocessors[0].country"}, {"warning", "transfer-without-tia", "subprocessors[0].tia_done"}}},
		{"a declared basis without any transfer needs no tia", func(a *answers.Answers) {
			a.Subprocessors = []answers.Subprocessor{{Name: "S", Country: "IE", Service: "x", TransferBasis: "bcr"}}
		}, nil},
		{"scc with tia, Indian access by the subprocessor's own staff", func(a *answers.Answers) {
			a.Subprocessors = []answers.Subprocessor{{Name: "S", Country: "IE", ParentCountry: "IE", Service: "x", TransferBasis: "scc", TIADone: true, AccessCountries: []string{"IN"}, OwnStaffCountries: []string{"IN"}}}
		}, nil},
		{"EEA company with US parent is affiliated", func(a *answers.Answers) {
			a.Processor.ParentCountry = "US"
		}, []finding{{"warning", "third-country-affiliation", "processor.parent_country"}}},
		{"Swiss parent is not affiliated (adequacy)", func(a *answers.Answers) {
			a.Processor.ParentCountry = "CH"
		}, nil},
		{"invalid org number", func(a *answers.Answers) {
			a.Controller.OrgNumber = "974 631 408"
			a.Processor.OrgNumber = "12345"
		}, []finding{{"error", "invalid-org-number", "controller.org_number"}, {"error", "invalid-org-number", "processor.org_number"}}},
		{"unknown countries", func(a *answers.Answers) {
			a.Locations[0].Country = "UK"
			a.AccessCountries = []string{"XX"}
			a.Subprocessors = []answers.Subprocessor{{Name: "S", Country: "SE", Service: "x", Locations: []string{"no"}}}
		}, []finding{{"error", "unknown-country", "access_countries[0]"}, {"error", "unknown-country", "locations[0].country"}, {"error", "unknown-country", "subprocessors[0].locations[0]"}}},
		{"missing location address", func(a *answers.Answers) {
			a.Locations[0].Address = ""
		}, []finding{{"error", "missing-location-address", "locations[0].address"}}},
		{"missing location address in draft", func(a *answers.Answers) {
			a.Status = "draft"
			a.Locations[0].Address = " "
		}, []finding{{"warning", "missing-location-address", "locations[0].address"}}},
		{"breach notice out of range", func(a *answers.Answers) {
			a.Terms.BreachNoticeHours = ptr(96)
		}, []finding{{"error", "breach-notice-out-of-range", "terms.breach_notice_hours"}}},
		{"breach notice zero", func(a *answers.Answers) {
			a.Terms.BreachNoticeHours = ptr(0)
		}, []finding{{"error", "breach-notice-out-of-range", "terms.breach_notice_hours"}}},
		{"breach notice 72 is fine", func(a *answers.Answers) {
			a.Terms.BreachNoticeHours = ptr(72)
		}, nil},
		{"risk level lowered", func(a *answers.Answers) {
			a.Processing.SpecialCategories = []string{"health"}
			a.Risk.Level = "low"
		}, []finding{{"error", "risk-level-lowered", "risk.level"}}},
		{"risk level raised is fine", func(a *answers.Answers) {
			a.Risk.Level = "high"
		}, nil},
		{"missing fields", func(a *answers.Answers) {
			a.Processor = answers.Processor{}
			a.Processing.Purposes = nil
		}, []finding{{"error", "missing-field", "processing.purposes"}, {"error", "missing-field", "processor.address"}, {"error", "missing-field", "processor.country"}, {"error", "missing-field", "processor.name"}, {"error", "missing-field", "processor.org_number"}}},
		{"missing fields are notes in a draft", func(a *answers.Answers) {
			a.Status = "draft"
			a.Processor = answers.Processor{}
		}, []finding{{"info", "missing-field", "processor.address"}, {"info", "missing-field", "processor.country"}, {"info", "missing-field", "processor.name"}, {"info", "missing-field", "processor.org_number"}}},
		{"foreign id replaces org number", func(a *answers.Answers) {
			a.Processor.OrgNumber = ""
			a.Processor.ForeignID = "IE 123"
		}, nil},
		{"control characters and bidi overrides", func(a *answers.Answers) {
			a.Controller.Name = "Evil\u202eCorp"
			a.Service.Description = "line\x07bell"
			a.Processing.Purposes = []string{"ok\ttab\nnewline"}
		}, []finding{{"error", "control-character", "controller.name"}, {"error", "control-character", "service.description"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := base()
			c.mod(a)
			got := findings(a)
			sort.Slice(c.want, func(i, j int) bool { return c.want[i].path+c.want[i].code < c.want[j].path+c.want[j].code })
			if len(got) != len(c.want) {
				t.Fatalf("findings:\n got %v\nwant %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("finding %d: got %v, want %v", i, got[i], c.want[i])
				}
			}
		})
	}
}

func TestDerive(t *testing.T) {
	cases := []struct {
		name                         string
		mod                          func(a *answers.Answers)
		transfer, affiliated, access bool
		risk                         string
	}{
		{"EEA only, private, no special categories", func(a *answers.Answers) {}, false, false, false, "low"},
		{"public deployment alone is medium", func(a *answers.Answers) { a.Service.Deployment = "public" }, false, false, false, "medium"},
		{"health in private cloud is medium", func(a *answers.Answers) { a.Processing.SpecialCategories = []string{"health"} }, false, false, false, "medium"},
		{"health in community cloud is high", func(a *answers.Answers) {
			a.Processing.SpecialCategories = []string{"health"}
			a.Service.Deployment = "community"
		}, false, false, false, "high"},
		{"health with large volume is high", func(a *answers.Answers) {
			a.Processing.SpecialCategories = []string{"genetic"}
			a.Processing.Volume = "large"
		}, false, false, false, "high"},
		{"health with remote monitoring is high", func(a *answers.Answers) {
			a.Processing.SpecialCategories = []string{"health"}
			a.Risk.RemoteMonitoring = answers.Bool(true)
		}, false, false, false, "high"},
		{"health with national function is high", func(a *answers.Answers) {
			a.Processing.SpecialCategories = []string{"health"}
			a.Risk.NationalFunction = answers.Bool(true)
		}, false, false, false, "high"},
		{"support from the US is a transfer (Schrems II) and raises health to high", func(a *answers.Answers) {
			a.Processing.SpecialCategories = []string{"health"}
			a.AccessCountries = []string{"NO", "US"}
			a.Processor.TransferBasis = "scc"
		}, true, false, true, "high"},
		{"storage in an adequacy country is still a transfer", func(a *answers.Answers) {
			a.Locations[0].Country = "CH"
		}, true, false, false, "low"},
		{"processor established in a third country", func(a *answers.Answers) {
			a.Processor.Country = "IN"
		}, true, true, false, "medium"}, // a Non-Adequate Country raises the level (risk reason transfer)
		{"EEA subprocessor with US parent is affiliated, no transfer", func(a *answers.Answers) {
			a.Subprocessors = []answers.Subprocessor{{Name: "S", Country: "IE", ParentCountry: "US", Locations: []string{"IE"}}}
		}, false, true, false, "low"},
		{"US with DPF is still affiliated", func(a *answers.Answers) {
			a.Subprocessors = []answers.Subprocessor{{Name: "S", Country: "US", DPFCertified: true}}
		}, true, true, false, "low"},
		{"GB parent (adequacy) is not affiliated", func(a *answers.Answers) {
			a.Processor.ParentCountry = "GB"
		}, false, false, false, "low"},
		{"risk.level raises", func(a *answers.Answers) { a.Risk.Level = "high" }, false, false, false, "high"},
		{"risk.level cannot lower", func(a *answers.Answers) {
			a.Service.Deployment = "public"
			a.Risk.Level = "low"
		}, false, false, false, "medium"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := base()
			c.mod(a)
			f := Derive(a, false)
			if f.ThirdCountryTransfer != c.transfer || f.ThirdCountryAffiliated != c.affiliated || f.ThirdCountryAccess != c.access || f.RiskLevel != c.risk {
				t.Errorf("got transfer=%v affiliated=%v access=%v risk=%s; want %v %v %v %s",
					f.ThirdCountryTransfer, f.ThirdCountryAffiliated, f.ThirdCountryAccess, f.RiskLevel, c.transfer, c.affiliated, c.access, c.risk)
			}
		})
	}
}

func TestDefaultsByRisk(t *testing.T) {
	a := base()
	f := Derive(a, false)
	if f.Terms.BreachNoticeHours != 48 || f.Terms.AuditFrequency != "biennial" {
		t.Errorf("low: %+v", f.Terms)
	}
	a.Processing.SpecialCategories = []string{"health"}
	a.Service.Deployment = "public"
	f = Derive(a, false)
	if f.Terms.BreachNoticeHours != 24 || f.Terms.AuditFrequency != "on_request" || f.Terms.SubprocessorAuthorisation != "specific" {
		t.Errorf("high: %+v", f.Terms)
	}
	a.Terms.BreachNoticeHours = ptr(12)
	if f = Derive(a, false); f.Terms.BreachNoticeHours != 12 {
		t.Errorf("explicit breach hours not kept: %d", f.Terms.BreachNoticeHours)
	}
	if !Derive(a, true).Draft || Derive(a, false).Draft {
		t.Error("draft flag")
	}
}

func TestOrgNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"310000019": true, "310 000 019": true, "310000027": true, "310000035": true,
		"974631408": false, "97463140": false, "3100000190": false, "97463140A": false, "": false,
	} {
		if got := ValidOrgNumber(s); got != want {
			t.Errorf("ValidOrgNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestMessagesBothLanguages(t *testing.T) {
	a := base()
	a.Controller.OrgNumber = "1"
	f := Derive(a, false)
	nb := Findings(a, f, i18n.For("nb"))
	en := Findings(a, f, i18n.For("en"))
	if len(nb) != 1 || len(en) != 1 || nb[0].Message == en[0].Message {
		t.Fatalf("nb %v / en %v", nb, en)
	}
	if !strings.Contains(nb[0].Message, "organisasjonsnummeret") || !strings.Contains(en[0].Message, "organisation number") {
		t.Errorf("messages not localised: %q / %q", nb[0].Message, en[0].Message)
	}
}
