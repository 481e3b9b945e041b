package rules

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
)

// TestSchemeNeedsDatedTIA: an access scheme from a Non-Adequate Country is
// approved in annex C only on a dated assessment for its recipient and
// country; without a date (tia_date, tias[] or the exporter's
// recipients[].tia_date), scheme-without-tia is reported at the scheme,
// an error in a final agreement and a warning in a draft. A scheme from a
// country with an adequacy decision needs no assessment.
func TestSchemeNeedsDatedTIA(t *testing.T) {
	india := func(a *answers.Answers) {
		a.Agreement.Date = "2026-11-20"
		a.AccessCountries = []string{"NO", "IN"}
		a.Processor.Recipients = []answers.Recipient{{Country: "IN", Subprocessor: "Ops India"}}
		a.Subprocessors = []answers.Subprocessor{{Name: "Ops India", Country: "IN", Service: "ops", AccessCountries: []string{"IN"}, TransferBasis: "scc",
			AccessSchemes: []answers.AccessScheme{{Country: "IN", Roles: "on-call", Content: answers.Bool(true)}}}}
	}
	cases := []struct {
		name  string
		draft bool
		mod   func(a *answers.Answers)
		want  []finding
	}{
		{"default tia_date", false, func(a *answers.Answers) { india(a); a.Subprocessors[0].TIADate = "2026-10-01" }, nil},
		{"tias entry for the country", false, func(a *answers.Answers) {
			india(a)
			a.Subprocessors[0].TIAs = []answers.TIA{{Country: "IN", Date: "2026-10-01"}}
		}, nil},
		{"exporter's recipients entry", false, func(a *answers.Answers) { india(a); a.Processor.Recipients[0].TIADate = "2026-10-01" }, nil},
		{"tia_done without a date", false, func(a *answers.Answers) { india(a); a.Subprocessors[0].TIADone = true },
			[]finding{{"error", "scheme-without-tia", "subprocessors[0].access_schemes[0]"}}},
		{"tias entry for another country only", false, func(a *answers.Answers) {
			india(a)
			a.Subprocessors[0].TIADone = true
			a.Subprocessors[0].TIAs = []answers.TIA{{Country: "CN", Date: "2026-10-01"}}
		}, []finding{{"error", "scheme-without-tia", "subprocessors[0].access_schemes[0]"}}},
		{"nothing dated in a draft", true, func(a *answers.Answers) { india(a); a.Status = "draft"; a.Subprocessors[0].TIADone = true },
			[]finding{{"warning", "scheme-without-tia", "subprocessors[0].access_schemes[0]"}}},
		{"processor's own scheme, undated", false, func(a *answers.Answers) {
			a.Processor.Country, a.Processor.OrgNumber, a.Processor.ForeignID = "IN", "", "REG 1"
			a.Processor.TransferBasis, a.Processor.TIADone = "scc", true
			a.AccessCountries = []string{"IN"}
			a.Processor.AccessSchemes = []answers.AccessScheme{{Country: "IN", Roles: "support"}}
		}, []finding{{"error", "scheme-without-tia", "processor.access_schemes[0]"}}},
		{"scheme from an adequacy country", false, func(a *answers.Answers) {
			a.AccessCountries = []string{"NO", "CH"}
			a.Processor.Recipients = []answers.Recipient{{Country: "CH", Subprocessor: "Ops CH"}}
			a.Subprocessors = []answers.Subprocessor{{Name: "Ops CH", Country: "CH", Service: "ops", AccessCountries: []string{"CH"},
				AccessSchemes: []answers.AccessScheme{{Country: "CH", Roles: "on-call"}}}}
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := base()
			c.mod(a)
			var got []finding
			for _, x := range findings(a) {
				if x.code == "scheme-without-tia" {
					got = append(got, x)
				}
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("findings %v, want %v", got, c.want)
			}
		})
	}
}

// TestKeyServiceDecision: where the Controller does not hold the keys
// itself, the agreement must say who operates the key service and where:
// security.key_service without operator or country is decision-missing (a
// warning in a final agreement, whose key clause then obliges the
// Processor to state it in writing; info in a draft); keys held by the
// Controller need no key_service.
func TestKeyServiceDecision(t *testing.T) {
	ks := &answers.KeyService{Operator: "Leverandør AS", Country: "NO", Address: "Gate 1", AccessCountries: []string{"NO"}}
	cases := []struct {
		name   string
		status string
		keys   string
		ks     *answers.KeyService
		want   []finding
	}{
		{"controller keys", "final", "controller", nil, nil},
		{"processor keys with key service", "final", "processor", ks, nil},
		{"processor keys without key service", "final", "processor", nil, []finding{{"warning", "decision-missing", "security.key_service"}}},
		{"third party keys without key service", "final", "third_party_eea", nil, []finding{{"warning", "decision-missing", "security.key_service"}}},
		{"operator without country", "final", "processor", &answers.KeyService{Operator: "X"}, []finding{{"warning", "decision-missing", "security.key_service"}}},
		{"draft without key service", "draft", "processor", nil, []finding{{"info", "decision-missing", "security.key_service"}}},
		{"unknown country", "final", "processor", &answers.KeyService{Operator: "X", Country: "XX"}, []finding{{"error", "unknown-country", "security.key_service.country"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := base()
			a.Status, a.Security.KeysHeldBy, a.Security.KeyService = c.status, c.keys, c.ks
			f := Derive(a, false)
			var got []finding
			ui := i18n.For("en")
			for _, x := range append(Findings(a, f, ui), Drafting(a, f, ui)...) {
				if x.Path == "security.key_service" || x.Path == "security.key_service.country" {
					got = append(got, finding{x.Severity, x.Code, x.Path})
				}
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("findings %v, want %v", got, c.want)
			}
		})
	}
}

// TestServiceSubprocessors: a Sub-processor that stores or processes the
// data outside the EEA only for its own service (it hosts none of the
// Service's locations) is a service Sub-processor in every third-country
// class; one in the EEA, one operating a location of the Service and one
// that is the recipient for a location are not.
func TestServiceSubprocessors(t *testing.T) {
	notify := func(country string, dpf bool) answers.Subprocessor {
		return answers.Subprocessor{Name: "Notify Inc", Country: country, Service: "notifications", Locations: []string{country}, DPFCertified: dpf, TransferBasis: "scc", TIADate: "2026-10-01"}
	}
	cases := []struct {
		name string
		mod  func(a *answers.Answers)
		want []string
	}{
		{"US with DPF", func(a *answers.Answers) { a.Subprocessors = []answers.Subprocessor{notify("US", true)} }, []string{"Notify Inc"}},
		{"US without DPF", func(a *answers.Answers) { a.Subprocessors = []answers.Subprocessor{notify("US", false)} }, []string{"Notify Inc"}},
		{"adequacy country", func(a *answers.Answers) { a.Subprocessors = []answers.Subprocessor{notify("CH", false)} }, []string{"Notify Inc"}},
		{"Non-Adequate Country", func(a *answers.Answers) { a.Subprocessors = []answers.Subprocessor{notify("IN", false)} }, []string{"Notify Inc"}},
		{"EEA", func(a *answers.Answers) { a.Subprocessors = []answers.Subprocessor{notify("SE", false)} }, nil},
		{"operator of a location", func(a *answers.Answers) {
			a.Subprocessors = []answers.Subprocessor{notify("US", true)}
			a.Locations = append(a.Locations, answers.Location{Purpose: "backup", Country: "US", Address: "x", Operator: "Notify Inc"})
		}, nil},
		{"recipient for a location", func(a *answers.Answers) {
			s := notify("US", true)
			s.Locations = nil
			a.Subprocessors = []answers.Subprocessor{s}
			a.Locations = append(a.Locations, answers.Location{Purpose: "backup", Country: "US", Address: "x", Operator: "Leverandør AS"})
			a.Processor.Recipients = []answers.Recipient{{Country: "US", Subprocessor: "Notify Inc"}}
		}, nil},
		{"access only", func(a *answers.Answers) {
			s := notify("US", true)
			s.Locations, s.AccessCountries = nil, []string{"US"}
			a.Subprocessors = []answers.Subprocessor{s}
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := base()
			c.mod(a)
			f := Derive(a, false)
			if !reflect.DeepEqual(f.ServiceSubprocessors, c.want) || f.ThirdCountryServiceSubprocessor != (len(c.want) > 0) {
				t.Errorf("service sub-processors %v (flag %v), want %v", f.ServiceSubprocessors, f.ThirdCountryServiceSubprocessor, c.want)
			}
		})
	}
}

// TestContentSchemeAcceptance (B-12): a scheme with access to content from
// a Non-Adequate Country is pending until the Controller has accepted the
// assessment in writing on or before the agreement date
// (access_schemes[].tia_accepted); a final agreement without it gets the
// warning scheme-tia-not-accepted, and any content scheme (approved or
// pending) raises the derived risk level to high with the reason
// content_scheme. A scheme without content access is never pending. A
// scheme whose content answer is left out is read as one without access
// to content (the strictest reading), and dpa check reports that reading
// as default-applied at the scheme's content path; an answered content
// (true or false) is no default.
func TestContentSchemeAcceptance(t *testing.T) {
	yes, no := answers.Bool(true), answers.Bool(false)
	cases := []struct {
		name     string
		content  *bool
		accepted string
		draft    bool
		pending  bool
		warn     bool
	}{
		{"content, not accepted", yes, "", false, true, true},
		{"content, accepted before signing", yes, "2026-11-01", false, false, false},
		{"content, accepted on the agreement date", yes, "2026-11-20", false, false, false},
		{"content, accepted after signing", yes, "2026-12-01", false, true, true},
		{"content, not accepted, draft", yes, "", true, true, false},
		{"no content", no, "", false, false, false},
		{"content omitted", nil, "", false, false, false},
		{"content omitted, draft", nil, "", true, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := base()
			a.Agreement.Date = "2026-11-20"
			a.AccessCountries = []string{"NO", "IN"}
			a.Processor.Recipients = []answers.Recipient{{Country: "IN", Subprocessor: "Ops India"}}
			a.Subprocessors = []answers.Subprocessor{{Name: "Ops India", Country: "IN", Service: "ops", AccessCountries: []string{"IN"}, TransferBasis: "scc", TIADate: "2026-10-01",
				AccessSchemes: []answers.AccessScheme{{Country: "IN", Roles: "on-call", Content: c.content, TIAAccepted: c.accepted}}}}
			if c.draft {
				a.Status = "draft"
			}
			if got := SchemePending(&a.Subprocessors[0].AccessSchemes[0], a.Agreement.Date); got != c.pending {
				t.Errorf("pending %v, want %v", got, c.pending)
			}
			var got []finding
			for _, x := range findings(a) {
				if x.code == CodeSchemeTIANotAccepted {
					got = append(got, x)
				}
			}
			defaulted := false
			for _, x := range Drafting(a, Derive(a, IsDraft(a)), i18n.For("en")) {
				if x.Code == CodeDefaultApplied && x.Path == "subprocessors[0].access_schemes[0].content" {
					defaulted = x.Severity == "info" && strings.Contains(x.Message, "false")
				}
			}
			if defaulted != (c.content == nil) {
				t.Errorf("default-applied at the content path: %v, want %v", defaulted, c.content == nil)
			}
			var want []finding
			if c.warn {
				want = []finding{{"warning", CodeSchemeTIANotAccepted, "subprocessors[0].access_schemes[0].tia_accepted"}}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("findings %v, want %v", got, want)
			}
			f := Derive(a, IsDraft(a))
			hasReason := false
			for _, r := range f.RiskReasons {
				hasReason = hasReason || r.Code == RiskContentScheme
			}
			if answers.Yes(c.content) && (f.DerivedRiskLevel != "high" || !hasReason) {
				t.Errorf("content scheme: derived risk %q, reasons %v; want high with %s", f.DerivedRiskLevel, f.RiskReasons, RiskContentScheme)
			}
			if !answers.Yes(c.content) && hasReason {
				t.Errorf("no content access, yet reason %s", RiskContentScheme)
			}
		})
	}
}
