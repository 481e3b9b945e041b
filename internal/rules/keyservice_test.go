package rules

import (
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
)

// TestKeyServiceFindings: the countries the key service can be reached
// from must be access countries of its operator (the processor, or the
// sub-processor named as operator): a country outside that set is
// key-service-access-mismatch at the access country's path, an error in a
// final agreement and a warning in a draft; an operator established in, or
// with its parent in, a Non-Adequate Country or the United States draws
// kms-operator-third-country-control; keys held by the controller, an
// independent third party and an operator in the EEA or an adequacy
// country without such a parent draw neither; the specific warning replaces
// third-country-affiliation for the operator.
func TestKeyServiceFindings(t *testing.T) {
	sub := func(country, parent string, access ...string) answers.Subprocessor {
		return answers.Subprocessor{Name: "Sky Ltd", Country: country, ParentCountry: parent, Service: "IaaS", Locations: []string{"IE"}, AccessCountries: access}
	}
	for _, c := range []struct {
		name     string
		draft    bool
		operator string
		access   []string
		keysBy   string
		proc     func(p *answers.Processor)
		subs     []answers.Subprocessor
		mismatch string // want severity at security.key_service.access_countries[i], "" none
		path     string
		kms      bool
	}{
		{"processor, same country", false, "Leverandør AS", []string{"NO"}, "processor", nil, nil, "", "", false},
		{"processor, key admin from Sweden without access from Sweden", false, "Leverandør AS", []string{"SE"}, "processor", nil, nil, Error, "security.key_service.access_countries[0]", false},
		{"same, in a draft", true, "Leverandør AS", []string{"SE"}, "processor", nil, nil, Warning, "security.key_service.access_countries[0]", false},
		{"processor name in other case", false, "LEVERANDØR AS", []string{"NO", "FI"}, "processor", nil, nil, Error, "security.key_service.access_countries[1]", false},
		{"sub-processor operator, within its access", false, "Sky Ltd", []string{"IE"}, "processor", nil, []answers.Subprocessor{sub("IE", "", "IE")}, "", "", false},
		{"sub-processor operator, outside its access", false, "Sky Ltd", []string{"IE", "DE"}, "processor", nil, []answers.Subprocessor{sub("IE", "", "IE")}, Error, "security.key_service.access_countries[1]", false},
		{"sub-processor with a US parent", false, "Sky Ltd", []string{"IE"}, "processor", nil, []answers.Subprocessor{sub("IE", "US", "IE")}, "", "", true},
		{"sub-processor with an Indian parent", false, "Sky Ltd", []string{"IE"}, "processor", nil, []answers.Subprocessor{sub("IE", "IN", "IE")}, "", "", true},
		{"sub-processor with a Swiss parent (adequacy)", false, "Sky Ltd", []string{"IE"}, "processor", nil, []answers.Subprocessor{sub("IE", "CH", "IE")}, "", "", false},
		{"processor established in the United States", false, "Leverandør AS", []string{"NO"}, "processor", func(p *answers.Processor) { p.Country = "US" }, nil, "", "", true},
		{"processor with a US parent", false, "Leverandør AS", []string{"NO"}, "processor", func(p *answers.Processor) { p.ParentCountry = "US" }, nil, "", "", true},
		{"processor in Switzerland", false, "Leverandør AS", []string{"NO"}, "processor", func(p *answers.Processor) { p.Country = "CH" }, nil, "", "", false},
		{"independent third party: no access model to compare", false, "Nøkkel AS", []string{"DK"}, "third_party_eea", nil, nil, "", "", false},
		{"keys held by the controller", false, "Leverandør AS", []string{"SE"}, "controller", func(p *answers.Processor) { p.ParentCountry = "US" }, nil, "", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := base()
			if c.draft {
				a.Status = "draft"
			}
			if c.proc != nil {
				c.proc(&a.Processor)
			}
			a.Subprocessors = c.subs
			a.Security.KeysHeldBy = c.keysBy
			a.Security.KeyService = &answers.KeyService{Operator: c.operator, Country: "NO", AccessCountries: c.access}
			var gotMismatch, gotPath string
			gotKMS, gotAff := false, false
			for _, f := range findings(a) {
				switch f.code {
				case CodeThirdCountryAffiliation:
					gotAff = true
				case CodeKeyServiceAccessMismatch:
					gotMismatch, gotPath = f.sev, f.path
				case CodeKMSOperatorThirdCountryControl:
					gotKMS = true
					if f.sev != Warning || f.path != "security.key_service.operator" {
						t.Errorf("kms finding %+v, want a warning at security.key_service.operator", f)
					}
				}
			}
			if gotMismatch != c.mismatch || gotPath != c.path {
				t.Errorf("key-service-access-mismatch: got %q at %q, want %q at %q", gotMismatch, gotPath, c.mismatch, c.path)
			}
			// the specific warning replaces the generic one for the operator
			if gotKMS && gotAff {
				t.Errorf("third-country-affiliation still given for the key service operator")
			}
			if gotKMS != c.kms {
				t.Errorf("kms-operator-third-country-control: got %v, want %v", gotKMS, c.kms)
			}
		})
	}
}
