package rules

import "testing"

// TestAbsentIsNotNone: an answers field whose absence would otherwise decide
// the agreement (the risk level, the terms, clauses, annex A) is reported as
// decision-missing while absent — an error in a final agreement, a warning
// in a draft — and never when it is answered, "none" ([]) included. The
// facts keep absent and none apart.
func TestAbsentIsNotNone(t *testing.T) {
	cases := []struct {
		name        string
		value       []string // nil: absent; []string{}: none
		wantFinding bool
		answered    bool
		special     bool
		minRisk     string
	}{
		{"absent", nil, true, false, false, "medium"},
		{"none", []string{}, false, true, false, "low"},
		{"a value", []string{"health"}, false, true, true, "medium"},
	}
	for _, status := range []string{"final", "draft"} {
		for _, c := range cases {
			t.Run(status+"/"+c.name, func(t *testing.T) {
				a := complete()
				a.Status = status
				a.Processing.SpecialCategories = c.value
				f := Derive(a, false)
				if f.SpecialCategoriesAnswered != c.answered || f.SpecialCategories != c.special {
					t.Errorf("facts: answered=%v special=%v, want %v %v", f.SpecialCategoriesAnswered, f.SpecialCategories, c.answered, c.special)
				}
				if riskOrder[f.RiskLevel] < riskOrder[c.minRisk] {
					t.Errorf("risk %s below %s", f.RiskLevel, c.minRisk)
				}
				if c.value == nil && f.RiskLevel == "low" {
					t.Errorf("an unanswered special_categories gives risk low")
				}
				var got []finding
				for _, x := range drafting(a) {
					if x.code == CodeDecisionMissing && x.path == "processing.special_categories" {
						got = append(got, x)
					}
				}
				if !c.wantFinding {
					if len(got) != 0 {
						t.Errorf("answered %v reported: %v", c.value, got)
					}
					return
				}
				want := Error
				if status == "draft" {
					want = Warning
				}
				if len(got) != 1 || got[0].sev != want {
					t.Errorf("got %v, want one %s decision-missing at processing.special_categories", got, want)
				}
			})
		}
	}
}
