package rules

import (
	"fmt"
	"slices"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
)

// riskCase is one combination of the inputs deriveRisk reads.
type riskCase struct {
	special, transfer, affiliated, remote, national, large bool
	unknown                                                bool // special_categories absent (not [])
	deployment, override                                   string
}

func (c riskCase) answers() *answers.Answers {
	a := base()
	a.Service.Deployment = c.deployment
	switch {
	case c.special:
		a.Processing.SpecialCategories = []string{"health"}
	case c.unknown:
		a.Processing.SpecialCategories = nil
	}
	if c.transfer {
		a.AccessCountries = []string{"NO", "IN"}
		a.Processor.OwnStaffCountries = []string{"IN"}
	}
	if c.affiliated {
		a.Processor.ParentCountry = "US"
	}
	a.Risk.RemoteMonitoring = answers.Bool(c.remote)
	a.Risk.NationalFunction = answers.Bool(c.national)
	if c.large {
		a.Processing.Volume = "large"
	}
	a.Risk.Level = c.override
	return a
}

func codes(rs []RiskReason) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Code)
	}
	return out
}

// TestRiskReasonsTable: the risk level and the reasons it rests on, for
// named combinations of the inputs.
func TestRiskReasonsTable(t *testing.T) {
	for _, c := range []struct {
		name  string
		in    riskCase
		level string
		why   []string
	}{
		{"nothing", riskCase{deployment: "private"}, "low", []string{RiskNone}},
		{"community without special categories", riskCase{deployment: "community"}, "low", []string{RiskNone}},
		{"public without special categories", riskCase{deployment: "public"}, "medium", []string{RiskDeployment}},
		{"transfer to a Non-Adequate Country without special categories", riskCase{deployment: "private", transfer: true}, "medium", []string{RiskTransfer}},
		{"public and transfer without special categories", riskCase{deployment: "public", transfer: true}, "medium", []string{RiskDeployment, RiskTransfer}},
		{"special, private", riskCase{special: true, deployment: "private"}, "medium", []string{RiskSpecial}},
		{"special, hybrid", riskCase{special: true, deployment: "hybrid"}, "high", []string{RiskSpecial, RiskDeployment}},
		{"special, transfer", riskCase{special: true, deployment: "private", transfer: true}, "high", []string{RiskSpecial, RiskTransfer}},
		{"special, US parent", riskCase{special: true, deployment: "private", affiliated: true}, "high", []string{RiskSpecial, RiskAffiliated}},
		{"special, remote monitoring", riskCase{special: true, deployment: "private", remote: true}, "high", []string{RiskSpecial, RiskRemoteMonitoring}},
		{"special, national function", riskCase{special: true, deployment: "private", national: true}, "high", []string{RiskSpecial, RiskNationalFunction}},
		{"special, large", riskCase{special: true, deployment: "private", large: true}, "high", []string{RiskSpecial, RiskVolume}},
		{"everything", riskCase{special: true, deployment: "public", transfer: true, affiliated: true, remote: true, national: true, large: true}, "high",
			[]string{RiskSpecial, RiskDeployment, RiskTransfer, RiskAffiliated, RiskRemoteMonitoring, RiskNationalFunction, RiskVolume}},
		{"raised", riskCase{deployment: "private", override: "high"}, "high", []string{RiskNone, RiskRaised}},
		{"not lowered", riskCase{special: true, deployment: "public", override: "low"}, "high", []string{RiskSpecial, RiskDeployment}},
	} {
		f := Derive(c.in.answers(), false)
		if f.RiskLevel != c.level || !slices.Equal(codes(f.RiskReasons), c.why) {
			t.Errorf("%s: level %s reasons %v; want %s %v", c.name, f.RiskLevel, codes(f.RiskReasons), c.level, c.why)
		}
	}
}

// TestRiskReasonsProperty: over every combination of the risk inputs, the
// reasons are those of the facts, and the level follows from the reasons
// alone: high exactly when special categories come with another reason,
// medium for special categories alone or a public cloud without them; a
// raised level names the derived one; an unanswered special_categories
// (absent, not []) is at least medium and says so.
func TestRiskReasonsProperty(t *testing.T) {
	n := 0
	for mask := 0; mask < 1<<7; mask++ {
		for _, dep := range []string{"private", "community", "public", "hybrid"} {
			for _, ov := range []string{"", "low", "medium", "high"} {
				bit := func(i int) bool { return mask&(1<<i) != 0 }
				c := riskCase{special: bit(0), transfer: bit(1), affiliated: bit(2), remote: bit(3), national: bit(4), large: bit(5), unknown: bit(6), deployment: dep, override: ov}
				a := c.answers()
				f := Derive(a, false)
				n++
				name := fmt.Sprintf("%+v", c)
				got := codes(f.RiskReasons)
				has := func(code string) bool { return slices.Contains(got, code) }
				if len(got) == 0 {
					t.Fatalf("%s: no reasons", name)
				}
				// each reason is a fact of the answers
				for _, r := range f.RiskReasons {
					ok := map[string]bool{
						RiskSpecial:          f.SpecialCategories,
						RiskSpecialUnknown:   !f.SpecialCategoriesAnswered && a.Processing.SpecialCategories == nil,
						RiskDeployment:       r.Deployment == dep && dep != "private",
						RiskTransfer:         f.ThirdCountryTransfer && slices.Contains(r.Countries, "IN") && r.Restricted == !f.SpecialCategories,
						RiskAffiliated:       f.ThirdCountryAffiliated,
						RiskRemoteMonitoring: answers.Yes(a.Risk.RemoteMonitoring),
						RiskNationalFunction: answers.Yes(a.Risk.NationalFunction),
						RiskVolume:           a.Processing.Volume == "large",
						RiskNone:             len(got) == 1 || (len(got) == 2 && has(RiskRaised)),
						RiskRaised:           f.RiskLevel != f.DerivedRiskLevel && r.Derived == f.DerivedRiskLevel,
					}[r.Code]
					if !ok {
						t.Errorf("%s: reason %+v does not hold", name, r)
					}
				}
				// the level from the reasons alone
				want := "low"
				switch {
				case has(RiskSpecial) && len(got) > 1 && !(len(got) == 2 && has(RiskRaised)):
					want = "high"
				case has(RiskSpecial), has(RiskDeployment), has(RiskTransfer), has(RiskSpecialUnknown):
					want = "medium"
				}
				if f.DerivedRiskLevel != want {
					t.Errorf("%s: derived %s, reasons %v say %s", name, f.DerivedRiskLevel, got, want)
				}
				if riskOrder[f.RiskLevel] < riskOrder[f.DerivedRiskLevel] || (ov != "" && riskOrder[f.RiskLevel] < riskOrder[ov]) {
					t.Errorf("%s: level %s below derived %s or override %s", name, f.RiskLevel, f.DerivedRiskLevel, ov)
				}
				if has(RiskRaised) != (f.RiskLevel != f.DerivedRiskLevel) {
					t.Errorf("%s: raised reason %v but level %s derived %s", name, has(RiskRaised), f.RiskLevel, f.DerivedRiskLevel)
				}
				// every factor of the answers is named (none is left unsaid)
				for code, in := range map[string]bool{
					RiskTransfer: c.transfer, RiskAffiliated: c.special && c.affiliated, RiskRemoteMonitoring: c.special && c.remote,
					RiskNationalFunction: c.special && c.national, RiskVolume: c.special && c.large,
					RiskDeployment:     (c.special && dep != "private") || dep == "public",
					RiskSpecialUnknown: c.unknown && !c.special,
				} {
					if in != has(code) {
						t.Errorf("%s: reason %s named=%v, want %v", name, code, has(code), in)
					}
				}
			}
		}
	}
	if n != 128*4*4 {
		t.Errorf("%d combinations", n)
	}
}

// TestAuditDefaultMonotone: the default audit right is at least as strong
// at a higher risk level (strictly stronger here), the default breach
// notice no longer, every default is reported as default-applied with the
// value the agreement uses, and a value the answers give is kept.
func TestAuditDefaultMonotone(t *testing.T) {
	cases := []struct {
		level string
		in    riskCase
	}{
		{"low", riskCase{deployment: "private"}},
		{"medium", riskCase{special: true, deployment: "private"}},
		{"high", riskCase{special: true, deployment: "public"}},
	}
	prevAudit, prevHours := 0, 1<<30
	for _, c := range cases {
		a := c.in.answers()
		f := Derive(a, false)
		if f.RiskLevel != c.level {
			t.Fatalf("%s: derived %s", c.level, f.RiskLevel)
		}
		s := AuditStrength(f.Terms.AuditFrequency)
		if s == 0 || s <= prevAudit {
			t.Errorf("%s: audit %s (strength %d) is not stronger than at the level below (%d)", c.level, f.Terms.AuditFrequency, s, prevAudit)
		}
		if f.Terms.BreachNoticeHours > prevHours {
			t.Errorf("%s: breach notice %d h is longer than at the level below (%d h)", c.level, f.Terms.BreachNoticeHours, prevHours)
		}
		prevAudit, prevHours = s, f.Terms.BreachNoticeHours
		found := false
		for _, x := range Defaults(a, f, i18n.For("en")) {
			if x.Code == CodeDefaultApplied && x.Path == "terms.audit_frequency" {
				found = true
				if !containsWord(x.Message, f.Terms.AuditFrequency) {
					t.Errorf("%s: default-applied says %q, the agreement uses %s", c.level, x.Message, f.Terms.AuditFrequency)
				}
			}
		}
		if !found {
			t.Errorf("%s: no default-applied for terms.audit_frequency", c.level)
		}
		for _, v := range []string{"biennial", "yearly", "on_request"} {
			a.Terms.AuditFrequency = v
			g := Derive(a, false)
			if g.Terms.AuditFrequency != v {
				t.Errorf("%s: given %s became %s", c.level, v, g.Terms.AuditFrequency)
			}
			for _, x := range Defaults(a, g, i18n.For("en")) {
				if x.Path == "terms.audit_frequency" {
					t.Errorf("%s: default-applied for a given value %s", c.level, v)
				}
			}
		}
	}
	if !(AuditStrength("biennial") < AuditStrength("yearly") && AuditStrength("yearly") < AuditStrength("on_request")) {
		t.Error("AuditStrength order")
	}
}

func containsWord(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i:i+len(w)] == w && (i == 0 || s[i-1] == ' ') && (i+len(w) == len(s) || s[i+len(w)] == ' ') {
			return true
		}
	}
	return false
}
