package library

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dpa-no/dpa/clauses"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/rules"
)

func TestEmbeddedLoads(t *testing.T) {
	lib, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if lib.Version == "" || len(lib.Clauses) < 20 || len(lib.Requirements) < 45 {
		t.Fatalf("version %q, %d clauses, %d requirements", lib.Version, len(lib.Clauses), len(lib.Requirements))
	}
	// the catalog holds at least the keys of spec/requirements.yaml
	for _, k := range specKeys {
		if lib.Requirement(k) == nil {
			t.Errorf("requirement %s missing from the catalog", k)
		}
	}
	for _, c := range lib.Clauses {
		if len(c.Sources) == 0 {
			t.Errorf("%s:%d: clause %s cites no sources", c.File, c.Line, c.ID)
		}
	}
}

// specKeys are the keys of spec/requirements.yaml (users depend on them).
var specKeys = strings.Fields(`gdpr.28-3.subject-matter gdpr.28-3.a.instructions gdpr.28-3.b.confidentiality
gdpr.28-3.c.security gdpr.28-3.d.subprocessors gdpr.28-3.e.data-subject-rights gdpr.28-3.f.assist-32-36
gdpr.28-3.g.delete-or-return gdpr.28-3.h.audits gdpr.33-2.breach-notification gdpr.30-2.records
agreement.precedence agreement.term-and-termination guide.3-2.01.access-control guide.3-2.02.segregation
guide.3-2.03.backup-restore guide.3-2.04.storage-location guide.3-2.05.return-of-data guide.3-2.06.technical-insight
guide.3-2.07.log-access guide.3-2.08.confidentiality-declarations guide.3-2.09.patient-rights guide.3-2.10.security-audits
guide.3-2.11.control-documentation guide.3-2.12.incident-handling guide.3-2.13.risk-assessments
guide.4-6-1.configuration-control guide.4-6-3.logging guide.4-6-4.encryption guide.4-5.dpia guide.4-4.remote-monitoring
guide.4-7.migration guide.6-1.exit-deletion guide.6-1.saas-return-usability guide.6-2.evacuation guide.1-4.security-act
transfer.basis transfer.impact-assessment transfer.foreign-authority-access transfer.remote-access
model.responsibility-matrix model.saas-customer-separation model.paas-platform model.iaas-shared-infrastructure model.public-cloud`)

// withFile returns the embedded library plus one extra clause file.
func withFile(t *testing.T, name, content string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	names, _ := fs.Glob(clauses.FS, "*.yaml")
	for _, n := range names {
		b, _ := fs.ReadFile(clauses.FS, n)
		m[n] = &fstest.MapFile{Data: b}
	}
	m[name] = &fstest.MapFile{Data: []byte(content)}
	return m
}

const good = `clauses:
  - id: extra-clause
    version: 1
    section: general
    order: 999
    when: 'service.model == "saas"'
    covers: [agreement.precedence]
    sources: ["test"]
    title: {nb: "Ekstra", en: "Extra"}
    body:
      nb: |
        Tekst {{.Controller.Name}}.
      en: |
        Text {{.Controller.Name}}.
`

func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name, content, want string
	}{
		{"misspelt condition field", strings.Replace(good, `service.model == "saas"`, `servise.model == "saas"`, 1), `zz-test.yaml:6:11: extra-clause.when: condition: unknown name servise`},
		{"condition not bool", strings.Replace(good, `service.model == "saas"`, `service.model`, 1), `zz-test.yaml:6:11: extra-clause.when: condition:`},
		{"unknown requirement key", strings.Replace(good, "[agreement.precedence]", "[agreement.precedense]", 1), `zz-test.yaml:7: extra-clause.covers: unknown requirement key "agreement.precedense" - did you mean "agreement.precedence"?`},
		{"missing language", strings.Replace(good, `title: {nb: "Ekstra", en: "Extra"}`, `title: {nb: "Ekstra"}`, 1), `zz-test.yaml:9: extra-clause.title: title.en is missing`},
		{"unknown section", strings.Replace(good, "section: general", "section: generel", 1), `unknown section "generel"`},
		{"duplicate id", good + strings.Replace(good, "clauses:\n", "", 1), `duplicate clause id "extra-clause"`},
		{"unknown key in clause", strings.Replace(good, "order: 999", "ordre: 999", 1), `zz-test.yaml:5:5: clauses[0].ordre: unknown key "ordre" - did you mean "order"?`},
		{"template syntax error", strings.Replace(good, "Tekst {{.Controller.Name}}.", "Tekst {{.Controller.Name}.", 1), `zz-test.yaml:12: extra-clause.body.nb: template:`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(withFile(t, "zz-test.yaml", c.content), "lib", i18n.For("en"))
			if err == nil {
				t.Fatal("loaded")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error\n%v\ndoes not contain\n%s", err, c.want)
			}
		})
	}
	lib, err := Load(withFile(t, "zz-test.yaml", good), "lib", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	c := lib.Clause("extra-clause")
	if c == nil || c.Line != 2 || c.File != "lib/zz-test.yaml" {
		t.Fatalf("clause position: %+v", c)
	}
	ok, err := c.Eval(&rules.Env{Service: rules.Service{Model: "saas"}})
	if err != nil || !ok {
		t.Errorf("eval saas: %v %v", ok, err)
	}
	ok, _ = c.Eval(&rules.Env{Service: rules.Service{Model: "iaas"}})
	if ok {
		t.Error("eval iaas should be false")
	}
}
