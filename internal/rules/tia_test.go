package rules

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
)

// lawsText is "IN:destination,US:parent" for comparison.
func lawsText(ls []Law) string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Country+":"+l.Role)
	}
	return strings.Join(out, ",")
}

// TestTIALawsPerImporterAndCountry: the assessment for each importer and
// country names every foreign law that reaches the importer there: the
// country of destination, its own country of establishment and its
// parent's country, each outside the EEA without an adequacy decision for
// it (a parent in the United States always counts). Over the roles
// (processor, subprocessor as importer, subprocessor by own staff) and the
// parent classes (EEA, adequacy, US, other third country, same country).
func TestTIALawsPerImporterAndCountry(t *testing.T) {
	type want struct{ recipient, country, laws string }
	parents := []struct {
		name, code string
		counts     bool // the parent's law is added
	}{
		{"no parent", "", false},
		{"EEA parent", "SE", false},
		{"adequacy parent", "CH", false},
		{"adequacy parent JP", "JP", false},
		{"US parent", "US", true},
		{"Non-Adequate parent", "CN", true},
	}
	for _, p := range parents {
		extra := ""
		if p.counts {
			extra = "," + p.code + ":parent"
		}
		cases := []struct {
			name string
			mod  func(a *answers.Answers)
			want []want
		}{
			{"subprocessor in India as importer", func(a *answers.Answers) {
				a.AccessCountries = []string{"NO", "IN"}
				a.Processor.Recipients = []answers.Recipient{{Country: "IN", Subprocessor: "Ops India"}}
				a.Subprocessors = []answers.Subprocessor{{Name: "Ops India", Country: "IN", ParentCountry: p.code, Service: "ops", AccessCountries: []string{"IN"}, TransferBasis: "scc", TIADate: "2026-10-01"}}
			}, []want{{"Ops India", "IN", "IN:destination" + extra}}},
			{"processor's own staff in India", func(a *answers.Answers) {
				a.Processor.ParentCountry = p.code
				a.AccessCountries = []string{"NO", "IN"}
				a.Processor.OwnStaffCountries = []string{"IN"}
			}, []want{{"Leverandør AS", "IN", "IN:destination" + extra}}},
			{"US subprocessor without DPF reaching from India by own staff", func(a *answers.Answers) {
				a.Subprocessors = []answers.Subprocessor{{Name: "US Co", Country: "US", ParentCountry: p.code, Service: "ops", AccessCountries: []string{"US", "IN"}, OwnStaffCountries: []string{"IN"}, TransferBasis: "scc", TIADate: "2026-10-01"}}
			}, []want{{"US Co", "US", "US:destination" + strings.Replace(extra, ",US:parent", "", 1)}, {"US Co", "IN", "IN:destination,US:establishment" + strings.Replace(extra, ",US:parent", "", 1)}}},
			{"US subprocessor with DPF reaching from India by own staff", func(a *answers.Answers) {
				a.Subprocessors = []answers.Subprocessor{{Name: "US Co", Country: "US", ParentCountry: p.code, DPFCertified: answers.Bool(true), Service: "ops", AccessCountries: []string{"US", "IN"}, OwnStaffCountries: []string{"IN"}, TransferBasis: "scc", TIADate: "2026-10-01"}}
			}, []want{{"US Co", "IN", "IN:destination" + extra}}},
		}
		for _, c := range cases {
			t.Run(p.name+"/"+c.name, func(t *testing.T) {
				a := base()
				c.mod(a)
				f := Derive(a, false)
				got := map[string]string{}
				for _, tr := range f.Transfers {
					if tr.Restricted {
						got[tr.Recipient+"@"+tr.Country] = lawsText(tr.Laws)
					}
				}
				for _, w := range c.want {
					if g := got[w.recipient+"@"+w.country]; g != w.laws {
						t.Errorf("%s in %s: laws %q, want %q (all: %v)", w.recipient, w.country, g, w.laws, got)
					}
				}
			})
		}
	}
}

// TestTIAPerEntry: the date of each assessment is per importer and
// country: the exporter's recipients entry, then the importer's tias for
// the country, then its tia_date as the default; tia-after-signature is
// reported for each entry dated after the agreement, at the field the date
// comes from, and an importer dated per country needs no tia_done.
func TestTIAPerEntry(t *testing.T) {
	two := func(a *answers.Answers) {
		a.Agreement.Date = "2026-11-20"
		a.AccessCountries = []string{"NO", "IN", "US"}
		a.Processor.Recipients = []answers.Recipient{{Country: "IN", Subprocessor: "Group Co"}, {Country: "US", Subprocessor: "US Co"}}
		a.Subprocessors = []answers.Subprocessor{
			{Name: "Group Co", Country: "IN", Service: "ops", AccessCountries: []string{"IN", "CN"}, OwnStaffCountries: []string{"CN"}, TransferBasis: "scc"},
			{Name: "US Co", Country: "US", Service: "support", AccessCountries: []string{"US"}, TransferBasis: "scc"},
		}
	}
	type entry struct{ who, country, date, path string }
	cases := []struct {
		name     string
		mod      func(a *answers.Answers)
		entries  []entry
		findings []finding
	}{
		{"default tia_date for every country of the importer", func(a *answers.Answers) {
			two(a)
			a.Subprocessors[0].TIADate = "2026-10-01"
			a.Subprocessors[1].TIADate = "2026-10-02"
		}, []entry{{"Group Co", "IN", "2026-10-01", "subprocessors[0].tia_date"}, {"Group Co", "CN", "2026-10-01", "subprocessors[0].tia_date"}, {"US Co", "US", "2026-10-02", "subprocessors[1].tia_date"}}, nil},
		{"per country and per recipient entry, one after signature", func(a *answers.Answers) {
			two(a)
			a.Subprocessors[0].TIADate = "2026-10-01"
			a.Subprocessors[0].TIAs = []answers.TIA{{Country: "CN", Date: "2026-12-01"}}
			a.Processor.Recipients[1].TIADate = "2026-10-03"
		}, []entry{{"Group Co", "IN", "2026-10-01", "subprocessors[0].tia_date"}, {"Group Co", "CN", "2026-12-01", "subprocessors[0].tias[0].date"}, {"US Co", "US", "2026-10-03", "processor.recipients[1].tia_date"}},
			[]finding{{"error", "tia-after-signature", "subprocessors[0].tias[0].date"}}},
		{"recipient entry dated, importer has no tia_done: no transfer-without-tia", func(a *answers.Answers) {
			two(a)
			a.Processor.Recipients[0].TIADate = "2026-10-01"
			a.Subprocessors[0].TIAs = []answers.TIA{{Country: "CN", Date: "2026-10-01"}}
			a.Processor.Recipients[1].TIADate = "2026-10-03"
		}, []entry{{"Group Co", "IN", "2026-10-01", "processor.recipients[0].tia_date"}, {"Group Co", "CN", "2026-10-01", "subprocessors[0].tias[0].date"}, {"US Co", "US", "2026-10-03", "processor.recipients[1].tia_date"}}, nil},
		{"nothing dated: transfer-without-tia per importer", func(a *answers.Answers) {
			two(a)
		}, []entry{{"Group Co", "IN", "", ""}, {"US Co", "US", "", ""}},
			[]finding{{"error", "transfer-without-tia", "subprocessors[0].tia_done"}, {"error", "transfer-without-tia", "subprocessors[1].tia_done"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := base()
			c.mod(a)
			f := Derive(a, false)
			got := map[string]entry{}
			for _, tr := range f.Transfers {
				got[tr.Recipient+"@"+tr.Country] = entry{tr.Recipient, tr.Country, tr.TIADate, tr.TIAPath}
			}
			for _, e := range c.entries {
				if g := got[e.who+"@"+e.country]; g != e {
					t.Errorf("%s in %s: got %+v, want %+v", e.who, e.country, g, e)
				}
			}
			var tia []finding
			for _, x := range findings(a) {
				if x.code == "tia-after-signature" || x.code == "transfer-without-tia" {
					tia = append(tia, x)
				}
			}
			if !reflect.DeepEqual(tia, c.findings) {
				t.Errorf("findings %v, want %v", tia, c.findings)
			}
		})
	}
}
