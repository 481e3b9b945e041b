package assemble

import (
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/markdown"
)

// TestKeyServiceInAnnexC: an answered key service (keys not held by the
// Controller) has its own key-management row in annex C with country, a
// blank address (none answered) and operator, and each country it can be
// reached from appears in the remote-access table for its operator; with keys held by the Controller,
// or no key service answered, neither appears. Processor and sub-processor
// operators, nb and en.
func TestKeyServiceInAnnexC(t *testing.T) {
	want := map[string][2]string{
		"nb": {"| nøkkelhåndtering (punkt 5.8): nøklene til de lagrede Personopplysningene | Sverige (SE), innenfor EØS | \\[adressen til nøkkeltjenesten\\] | %s |", "| %s (administrasjon av nøkkeltjenesten) | Danmark (DK), innenfor EØS |"},
		"en": {"| key management (clause 5.8): the keys to the stored Personal Data | Sweden (SE), inside the EEA | \\[address of the key service\\] | %s |", "| %s (administration of the key service) | Denmark (DK), inside the EEA |"},
	}
	for _, lang := range []string{"nb", "en"} {
		lib, err := LoadLibrary("", i18n.For(lang))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name, operator, keysBy string
			ks                     bool
			present                bool
		}{
			{"processor", "Leverandør AS", "processor", true, true},
			{"sub-processor", "Sky AB", "processor", true, true},
			{"no key service answered", "Leverandør AS", "processor", false, false},
			{"keys held by the controller", "Leverandør AS", "controller", true, false},
		} {
			a := classBase()
			a.Language = lang
			a.Security.KeysHeldBy = c.keysBy
			a.AccessCountries = []string{"NO", "DK"}
			a.Subprocessors = []answers.Subprocessor{{Name: "Sky AB", Country: "SE", Service: "IaaS", Locations: []string{"SE"}, AccessCountries: []string{"SE", "DK"}}}
			if c.ks {
				a.Security.KeyService = &answers.KeyService{Operator: c.operator, Country: "SE", AccessCountries: []string{"DK"}}
			}
			res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			md := string(markdown.Bytes(res.Doc))
			for _, w := range want[lang] {
				w = strings.ReplaceAll(w, "%s", c.operator)
				if got := strings.Contains(md, w); got != c.present {
					t.Errorf("%s %s: contains %q = %v, want %v", lang, c.name, w, got, c.present)
				}
			}
		}
	}
}
