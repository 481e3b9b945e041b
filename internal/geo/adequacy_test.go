package geo

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestAdequacyTable: every adequacy decision in the data is a dated fact the
// agreement can name: a number in the Official Journal's form, a kind, a
// valid date, the Norwegian number with EF for EC, and it applies from its
// own date (never before it) until its end, if any.
func TestAdequacyTable(t *testing.T) {
	number := regexp.MustCompile(`^(\(EU\) \d{4}/\d+|\d{4}/\d+/(EC|EU))$`)
	seen := map[string]bool{}
	for _, a := range AdequacyList() {
		t.Run(a.Code, func(t *testing.T) {
			if seen[a.Code] {
				t.Errorf("%s listed twice", a.Code)
			}
			seen[a.Code] = true
			if !number.MatchString(a.Decision) {
				t.Errorf("decision %q is not an Official Journal number", a.Decision)
			}
			if a.Kind != "decision" && a.Kind != "implementing" {
				t.Errorf("kind %q, want decision or implementing", a.Kind)
			}
			// the decisions under Directive 95/46/EC (before 2018) are
			// amended by (EU) 2016/2295; those under the GDPR are not
			if pre := a.Date < "2016-12-16"; pre != (a.Amended == "(EU) 2016/2295") {
				t.Errorf("amended = %q for a decision of %s", a.Amended, a.Date)
			}
			d, err := time.Parse("2006-01-02", a.Date)
			if err != nil {
				t.Fatalf("date %q: %v", a.Date, err)
			}
			// the number's year is the year of publication: never before
			// the decision's own date
			if y := strings.TrimPrefix(a.Decision, "(EU) ")[:4]; y < a.Date[:4] {
				t.Errorf("number year %s before the decision date %s", y, a.Date)
			}
			if strings.Contains(a.Number("nb"), "/EC") || a.Number("en") != a.Decision {
				t.Errorf("numbers nb %q en %q", a.Number("nb"), a.Number("en"))
			}
			before := d.AddDate(0, 0, -1).Format("2006-01-02")
			if a.AppliesOn(before) {
				t.Errorf("applies on %s, the day before the decision", before)
			}
			if !a.AppliesOn(a.Date) || !a.AppliesOn("") || !a.AppliesOn(Checked()) {
				t.Errorf("does not apply on its own date, undated, or on %s", Checked())
			}
			if _, ok := DecisionOn(a.Code, before); ok || AdequateOn(a.Code, true, before) {
				t.Errorf("DecisionOn/AdequateOn rely on it before its date")
			}
			if a.Until != "" {
				u, err := time.Parse("2006-01-02", a.Until)
				if err != nil || a.Until < a.Date {
					t.Errorf("until %q", a.Until)
				}
				if after := u.AddDate(0, 0, 1).Format("2006-01-02"); a.AppliesOn(after) {
					t.Errorf("applies on %s, after its end", after)
				}
			}
			if (a.Requires == "dpf_certified") != (a.Code == "US") {
				t.Errorf("requires %q", a.Requires)
			}
			if (a.Scope.NB == "") != (a.Scope.EN == "") {
				t.Errorf("scope in one language only: %+v", a.Scope)
			}
		})
	}
	for _, c := range []string{"CH", "GB", "JP", "KR", "CA", "IL", "NZ", "UY", "AR", "AD", "FO", "GG", "IM", "JE", "US"} {
		if !seen[c] {
			t.Errorf("%s has an adequacy decision but is not listed", c)
		}
	}
}

func TestStaleOn(t *testing.T) {
	c, _ := time.Parse("2006-01-02", Checked())
	day := func(n int) string { return c.AddDate(0, 0, n).Format("2006-01-02") }
	for _, tc := range []struct {
		date string
		want bool
	}{{"", false}, {day(-30), false}, {day(0), false}, {day(StaleDays), false}, {day(StaleDays + 1), true}, {"x", false}} {
		if got := StaleOn(tc.date); got != tc.want {
			t.Errorf("StaleOn(%q) = %v, want %v (checked %s)", tc.date, got, tc.want, Checked())
		}
	}
}

// TestAdequacyCoverage: every adequacy decision states its coverage
// (general, certified or sectoral); a general decision carries no scope
// limit, a certified one requires a certification (the United States:
// DPF) and states its limit, so that annex C says "all recipients in
// <country>" exactly where the decision covers every recipient (finding
// R5A-8).
func TestAdequacyCoverage(t *testing.T) {
	for _, a := range AdequacyList() {
		switch a.Coverage {
		case "general":
			if a.Scope.NB != "" || a.Scope.EN != "" || a.Requires != "" {
				t.Errorf("%s: general decision with a scope or requirement", a.Code)
			}
		case "certified":
			if a.Requires == "" || a.Scope.NB == "" || a.Scope.EN == "" {
				t.Errorf("%s: certified decision without requires and scope text", a.Code)
			}
		case "sectoral":
			if a.Requires != "" {
				t.Errorf("%s: sectoral decision with a certification requirement", a.Code)
			}
		default:
			t.Errorf("%s: coverage %q, want general, certified or sectoral", a.Code, a.Coverage)
		}
	}
	if a, ok := Decision("CH"); !ok || a.Coverage != "general" {
		t.Errorf("CH: got %+v, want a general decision", a)
	}
}
