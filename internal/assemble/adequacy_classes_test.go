package assemble

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dpa-no/dpa/internal/answers"
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

// TestScenariosNameAdequacyDecisions: in every scenario, in nb and en,
// each destination that relies on an adequacy decision has its country's
// decision named as of the agreement date, and no decision dated after the
// agreement date is relied on.
func TestScenariosNameAdequacyDecisions(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "scenarios")
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	relied := 0
	for _, file := range files {
		if filepath.Base(file) == "expect.yaml" {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range i18n.Langs {
			a, err := answers.Load(file, data, i18n.For(lang))
			if err != nil {
				t.Fatal(err)
			}
			res := build(t, a, data, lang)
			md := strings.Join(strings.Fields(string(markdown.Bytes(res.Doc))), " ")
			for _, d := range res.Facts.Destinations {
				if !d.Adequate {
					continue
				}
				relied++
				dec, ok := geo.DecisionOn(d.Country, a.Agreement.Date)
				if !ok {
					t.Errorf("%s: %s relied on without a decision in force on %q", file, d.Country, a.Agreement.Date)
					continue
				}
				if a.Agreement.Date != "" && dec.Date > a.Agreement.Date {
					t.Errorf("%s: decision %s of %s relied on in an agreement dated %s", file, dec.Decision, dec.Date, a.Agreement.Date)
				}
				if cite := CiteAdequacy(dec, a.Agreement.Date, i18n.For(lang)); !strings.Contains(md, cite) {
					t.Errorf("%s (%s): decision for %s not named: %q", filepath.Base(file), lang, d.Country, cite)
				}
			}
		}
	}
	if relied == 0 {
		t.Error("no scenario relies on an adequacy decision")
	}
}
