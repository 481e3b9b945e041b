package rules

import (
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
)

// TestCloudOperatorUnnamed: a public or hybrid cloud whose locations are
// all run by the processor itself (or by nobody named) and that lists no
// sub-processor draws cloud-operator-unnamed; a private or community cloud,
// a listed sub-processor, a location run by another company, or a draft
// without a known supplier does not.
func TestCloudOperatorUnnamed(t *testing.T) {
	for _, c := range []struct {
		name       string
		deployment string
		operator   string
		sub        bool
		processor  string
		want       bool
	}{
		{"public, own data centre", "public", "Leverandør AS", false, "Leverandør AS", true},
		{"public, own data centre, other case", "public", "LEVERANDØR AS", false, "Leverandør AS", true},
		{"public, no operator named", "public", "", false, "Leverandør AS", true},
		{"hybrid, own data centre", "hybrid", "Leverandør AS", false, "Leverandør AS", true},
		{"public, run by a cloud provider named as operator", "public", "Sky Ltd", false, "Leverandør AS", false},
		{"public, a sub-processor listed", "public", "Leverandør AS", true, "Leverandør AS", false},
		{"private, own data centre", "private", "Leverandør AS", false, "Leverandør AS", false},
		{"community, own data centre", "community", "Leverandør AS", false, "Leverandør AS", false},
		{"public, supplier not yet known", "public", "", false, "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := base()
			a.Service.Deployment = c.deployment
			a.Processor.Name = c.processor
			a.Locations[0].Operator = c.operator
			if c.sub {
				a.Subprocessors = []answers.Subprocessor{{Name: "Sky AB", Country: "SE", Service: "IaaS", Locations: []string{"SE"}, AccessCountries: []string{"SE"}}}
			}
			got := false
			for _, f := range findings(a) {
				if f.code == CodeCloudOperatorUnnamed {
					got = true
					if f.sev != Warning || f.path != "service.deployment" {
						t.Errorf("got %+v, want a warning at service.deployment", f)
					}
				}
			}
			if got != c.want {
				t.Errorf("cloud-operator-unnamed: got %v, want %v", got, c.want)
			}
		})
	}
}
