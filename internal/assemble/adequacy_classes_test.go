package assemble

import (
	"strings"
	"testing"
	"time"

	"github.com/dpa-no/dpa/internal/geo"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/markdown"
	"github.com/dpa-no/dpa/internal/rules"
)

// TestAdequacyDecisionsNamed: for every country with an adequacy decision
// in the country data, in every role that relies on it (processor, parent,
// Sub-processor, location, access country, key holder), in nb and en, the
// agreement names that country's decision in full as of the agreement
// date, and never prints the date the country data was checked. An
// agreement dated the day before the decision does not rely on it: the
// decision is not named, and a destination there gets the finding
// adequacy-not-in-force.
func TestAdequacyDecisionsNamed(t *testing.T) {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range geo.AdequacyList() {
		c := countryClass{name: d.Code, code: d.Code, dpf: d.Requires == "dpf_certified", thirdCountry: true}
		day, _ := time.Parse("2006-01-02", d.Date)
		before := day.AddDate(0, 0, -1).Format("2006-01-02")
		for _, r := range roles {
			if d.Code == "US" && r.name == "parent" {
				continue // a parent in the United States is never adequate
			}
			for _, lang := range i18n.Langs {
				t.Run(d.Code+"/"+r.name+"/"+lang, func(t *testing.T) {
					lz := i18n.For(lang)
					a := classBase()
					r.mod(a, c)
					a.Language = lang
					res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang})
					if err != nil {
						t.Fatal(err)
					}
					md := strings.Join(strings.Fields(string(markdown.Bytes(res.Doc))), " ")
					cite := CiteAdequacy(d, a.Agreement.Date, lz)
					if !strings.Contains(md, cite) {
						t.Errorf("decision for %s not named: %q", d.Code, cite)
					}
					if lang == "nb" && strings.Contains(md, d.Decision) && d.Decision != d.Number("nb") {
						t.Errorf("nb text writes %q, want %q", d.Decision, d.Number("nb"))
					}
					if checked := FormatDate(geo.Checked(), lang); a.Agreement.Date < geo.Checked() && strings.Contains(md, checked) {
						t.Errorf("the agreement dated %s prints the data date %s", a.Agreement.Date, checked)
					}
					for _, f := range res.Findings {
						if f.Code == rules.CodeAdequacyNotInForce {
							t.Errorf("finding %s on the current decision: %s", f.Code, f.Message)
						}
					}

					// dated the day before the decision: not relied on
					a = classBase()
					r.mod(a, c)
					a.Language, a.Agreement.Date = lang, before
					res, err = Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang})
					if err != nil {
						t.Fatal(err)
					}
					md = strings.Join(strings.Fields(string(markdown.Bytes(res.Doc))), " ")
					// the decision cited, or for the United States (whose
					// decision the clauses on foreign law mention as a fact
					// of US law) the decision cited or the DPF basis
					relied := strings.Contains(md, d.Number(lang))
					if d.Code == "US" {
						relied = strings.Contains(md, CiteAdequacy(d, before, lz)) || strings.Contains(md, lz.T("basis.dpf"))
					}
					if relied {
						t.Errorf("agreement dated %s relies on %s of %s", before, d.Decision, d.Date)
					}
					found := false
					for _, f := range res.Findings {
						found = found || f.Code == rules.CodeAdequacyNotInForce
					}
					if want := r.name != "parent"; found != want {
						t.Errorf("finding %s = %v, want %v", rules.CodeAdequacyNotInForce, found, want)
					}
				})
			}
		}
	}
	// nothing outside the EEA: no adequacy decision named
	res := build(t, classBase(), nil, "en")
	if md := string(markdown.Bytes(res.Doc)); strings.Contains(md, "Adequacy decisions**") {
		t.Error("an EEA-only agreement lists adequacy decisions")
	}
}

// TestCountryDataStale: an agreement dated more than geo.StaleDays after
// the country data was checked gets the warning country-data-stale; one
// dated within the period does not.
func TestCountryDataStale(t *testing.T) {
	c, _ := time.Parse("2006-01-02", geo.Checked())
	for _, tc := range []struct {
		days int
		want bool
	}{{0, false}, {geo.StaleDays, false}, {geo.StaleDays + 1, true}} {
		a := classBase()
		a.Agreement.Date = c.AddDate(0, 0, tc.days).Format("2006-01-02")
		res := build(t, a, nil, "nb")
		got := false
		for _, f := range res.Findings {
			if f.Code == rules.CodeCountryDataStale {
				got = true
				if f.Severity != rules.Warning || f.Path != "agreement.date" {
					t.Errorf("finding %s %s at %s", f.Code, f.Severity, f.Path)
				}
			}
		}
		if got != tc.want {
			t.Errorf("dated %s (+%d days): %s = %v, want %v", a.Agreement.Date, tc.days, rules.CodeCountryDataStale, got, tc.want)
		}
	}
}
