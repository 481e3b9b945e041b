package assemble

import (
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/text"
	"github.com/dpa-no/dpa/internal/rules"
)

// TestAbsentSpecialCategoriesText: annex A never states "none" for an
// absent processing.special_categories, in a final agreement or a draft, in
// either language: the row is a blank and the risk level is not "low"; an
// explicit [] is stated as none; a value is named. The finding is
// decision-missing, an error in a final agreement and a warning in a draft.
func TestAbsentSpecialCategoriesText(t *testing.T) {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"nb", "en"} {
		lz := i18n.For(lang)
		label, none, blank, risk := lz.T("annex.a.special"), lz.T("annex.a.none"), lz.T("blank.special_categories"), lz.T("annex.a.risk")
		for _, status := range []string{"final", "draft"} {
			for _, c := range []struct {
				name  string
				value []string
				want  string // in the row
			}{
				{"absent", nil, blank},
				{"none", []string{}, none},
				{"health", []string{"health"}, lz.T("special.health")},
			} {
				t.Run(lang+"/"+status+"/"+c.name, func(t *testing.T) {
					a := classBase()
					a.Language, a.Status = lang, status
					a.Processing.SpecialCategories = c.value
					res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang, Draft: status == "draft"})
					if err != nil {
						t.Fatal(err)
					}
					var sev string
					for _, f := range res.Findings {
						if f.Code == rules.CodeDecisionMissing && f.Path == "processing.special_categories" {
							sev = f.Severity
						}
					}
					wantSev := ""
					if c.value == nil {
						wantSev = map[string]string{"final": rules.Error, "draft": rules.Warning}[status]
					}
					if sev != wantSev {
						t.Errorf("decision-missing severity %q, want %q", sev, wantSev)
					}
					row, riskRow := "", ""
					for _, l := range strings.Split(string(text.Bytes(res.Doc)), "\n") {
						if strings.Contains(l, label) {
							row = l
						}
						if strings.Contains(l, risk) {
							riskRow = l
						}
					}
					if row == "" || riskRow == "" {
						t.Fatalf("annex A rows not found")
					}
					after := strings.SplitN(row, label, 2)[1]
					if !strings.Contains(strings.ToLower(after), strings.ToLower(c.want)) {
						t.Errorf("row %q does not say %q", row, c.want)
					}
					if c.value == nil && strings.Contains(strings.ToLower(after), strings.ToLower(none)) {
						t.Errorf("absent answer stated as none: %q", row)
					}
					if c.value == nil && strings.Contains(riskRow, lz.T("risk.low")) {
						t.Errorf("absent answer gives risk low: %q", riskRow)
					}
				})
			}
		}
	}
}
