package assemble

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/golden"

	"go.yaml.in/yaml/v3"

	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/markdown"
	"github.com/dpa-no/dpa/internal/render/text"
	"github.com/dpa-no/dpa/internal/rules"
)

type expectation struct {
	Risk       string   `yaml:"risk"`
	Transfer   bool     `yaml:"transfer"`
	Affiliated bool     `yaml:"affiliated"`
	Draft      bool     `yaml:"draft"`
	Applicable []string `yaml:"applicable"`
	// Clauses that must and must not be selected.
	Clauses    []string `yaml:"clauses"`
	NotClauses []string `yaml:"not_clauses"`
	// Statements that must and must not appear in the text rendering, per
	// language.
	Contains    map[string][]string `yaml:"contains"`
	NotContains map[string][]string `yaml:"not_contains"`
	// Errors a final agreement is expected to draw ("code path"); any
	// other error fails the scenario.
	Errors []string `yaml:"errors"`
}

// goldenScenarios get golden Markdown files.
var goldenScenarios = map[string]bool{
	"paas-private-eea.yaml":                  true,
	"saas-public-support-third-country.yaml": true,
	"draft-tender.yaml":                      true,
}

// TestScenarios runs the scenario suite in testdata/scenarios: for each
// answers file, the derived facts, the applicable requirements, full
// coverage, and that every selected clause serves an applicable requirement.
func TestScenarios(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "scenarios")
	raw, err := os.ReadFile(filepath.Join(dir, "expect.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var expect map[string]expectation
	if err := yaml.Unmarshal(raw, &expect); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	n := 0
	for _, file := range files {
		name := filepath.Base(file)
		if name == "expect.yaml" {
			continue
		}
		n++
		exp, ok := expect[name]
		if !ok {
			t.Errorf("%s has no entry in expect.yaml", name)
			continue
		}
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			a, data := loadFile(t, file)
			lib, err := LoadLibrary("", i18n.For("en"))
			if err != nil {
				t.Fatal(err)
			}
			for _, lang := range i18n.Langs {
				res, err := Assemble(Input{Answers: a, Raw: data, Source: name, Lib: lib, Lang: lang})
				if err != nil {
					t.Fatal(err)
				}
				checkRefs(t, res.Doc)
				f := res.Facts
				if f.RiskLevel != exp.Risk || f.ThirdCountryTransfer != exp.Transfer || f.ThirdCountryAffiliated != exp.Affiliated || f.Draft != exp.Draft {
					t.Errorf("%s: risk=%s transfer=%v affiliated=%v draft=%v; want %s %v %v %v", lang, f.RiskLevel, f.ThirdCountryTransfer, f.ThirdCountryAffiliated, f.Draft, exp.Risk, exp.Transfer, exp.Affiliated, exp.Draft)
				}
				applicable := map[string]bool{}
				var conditional []string
				for _, c := range res.Coverage {
					if !c.Applicable {
						continue
					}
					applicable[c.Key] = true
					if lib.Requirement(c.Key).When != "true" {
						conditional = append(conditional, c.Key)
					}
					if len(c.Clauses) == 0 {
						t.Errorf("%s: requirement %s applies but is not covered", lang, c.Key)
					}
				}
				sort.Strings(conditional)
				want := append([]string(nil), exp.Applicable...)
				sort.Strings(want)
				if strings.Join(conditional, " ") != strings.Join(want, " ") {
					t.Errorf("%s: conditional requirements\n got %v\nwant %v", lang, conditional, want)
				}
				for _, c := range res.Selected {
					serves := len(c.Covers) == 0
					for _, k := range c.Covers {
						if applicable[k] {
							serves = true
						}
					}
					if !serves {
						t.Errorf("%s: clause %s is selected but covers only requirements that do not apply: %v", lang, c.ID, c.Covers)
					}
				}
				var gotErrors []string
				for _, x := range res.Findings {
					if x.Severity == rules.Error {
						gotErrors = append(gotErrors, x.Code+" "+x.Path)
					}
					if x.Code == rules.CodeRequirementNotCovered || (!exp.Draft && x.Severity == rules.Error && !slices.Contains(exp.Errors, x.Code+" "+x.Path)) {
						t.Errorf("%s: finding %s %s %s", lang, x.Severity, x.Code, x.Path)
					}
				}
				for _, e := range exp.Errors {
					if !slices.Contains(gotErrors, e) {
						t.Errorf("%s: expected error %q not found (got %v)", lang, e, gotErrors)
					}
				}
				selected := map[string]bool{}
				for _, c := range res.Selected {
					selected[c.ID] = true
				}
				for _, id := range exp.Clauses {
					if !selected[id] {
						t.Errorf("%s: clause %s must be selected", lang, id)
					}
				}
				for _, id := range exp.NotClauses {
					if selected[id] {
						t.Errorf("%s: clause %s must not be selected", lang, id)
					}
				}
				txt := string(text.Bytes(res.Doc))
				flat := strings.Join(strings.Fields(txt), " ")
				for _, want := range exp.Contains[lang] {
					if !strings.Contains(flat, want) {
						t.Errorf("%s: the agreement must say %q", lang, want)
					}
				}
				for _, bad := range exp.NotContains[lang] {
					if strings.Contains(flat, bad) {
						t.Errorf("%s: the agreement must not say %q", lang, bad)
					}
				}
				hasBlank := strings.Contains(txt, "[") && (strings.Contains(txt, "[Databehandlers navn]") || strings.Contains(txt, "[Processor name]"))
				if exp.Draft != hasBlank {
					t.Errorf("%s: draft=%v but processor blank shown=%v", lang, exp.Draft, hasBlank)
				}
				if !exp.Draft && len(exp.Errors) == 0 && strings.Contains(txt, "[") {
					i := strings.Index(txt, "[")
					t.Errorf("%s: a final agreement shows a blank: %q", lang, txt[i:min(len(txt), i+50)])
				}
				if goldenScenarios[name] {
					path := filepath.Join(dir, "golden", strings.TrimSuffix(name, ".yaml")+"."+lang+".md")
					golden.Check(t, path, markdown.Bytes(res.Doc))
				}
			}
		})
	}
	if n < 7 {
		t.Errorf("only %d scenarios", n)
	}
}
