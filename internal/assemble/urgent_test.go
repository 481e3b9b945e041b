package assemble

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/text"
)

// TestUrgentApprovalIsANarrowException (findings R6B-2, R6A-4): oral
// approval of access to content from a Non-Adequate Country is an express
// exception from prior written approval, given only by a person the
// Controller has authorised, for an incident, confirmed and reported in
// writing; it never stands in for an access scheme that does not yet apply
// to content, and the 24/7 contact has no authority of its own. Who holds
// the authority (controller.urgent_access_approver, annex F) is tested by
// TestUrgentApproverClass.
func TestUrgentApprovalIsANarrowException(t *testing.T) {
	dir := filepath.Join("..", "..")
	cases := []struct {
		file         string
		schemes      bool // the scenario has access schemes
		patient      bool // patient data: patient safety is an incident ground
		wantSentence bool // access from a Non-Adequate Country, so the exception exists
	}{
		{"testdata/scenarios/saas-named-recipients.yaml", true, false, true},
		{"examples/journal-saas.yaml", false, true, true},
		{"testdata/scenarios/saas-adequacy-processor-ch.yaml", false, true, false},
	}
	want := map[string][]string{
		"nb": {"Som unntak fra kravet om skriftlig godkjenning på forhånd", "Slik godkjenning kan bare gis av", "samme dag bekrefte godkjenningen skriftlig", "senest første Virkedag", "Unntaket gjelder ikke løpende eller planlagt tilgang"},
		"en": {"By way of exception from the requirement of prior written approval", "Such approval may be given only by", "in writing to the Controller on the same day", "no later than the first Business Day", "The exception does not apply to ongoing or planned access"},
	}
	scheme := map[string]string{"nb": "kan ikke brukes i stedet for en tilgangsordning som ennå ikke gjelder for tilgang til innhold", "en": "may not be used in place of an access scheme that does not yet apply to access to content"}
	patient := map[string]string{"nb": "eller pasientsikkerheten og ikke kan håndteres i tide", "en": "or patient safety and cannot be handled in time"}
	old := map[string]string{"nb": "Haster oppgaven, kan kontaktpunktet gi godkjenningen muntlig", "en": "that contact may give the approval orally"}
	for _, c := range cases {
		a, raw := loadFile(t, filepath.Join(dir, c.file))
		for _, lang := range i18n.Langs {
			res := build(t, a, raw, lang)
			txt := strings.Join(strings.Fields(string(text.Bytes(res.Doc))), " ")
			for _, w := range want[lang] {
				if strings.Contains(txt, w) != c.wantSentence {
					t.Errorf("%s %s: %q present=%v, want %v", c.file, lang, w, !c.wantSentence, c.wantSentence)
				}
			}
			if got := strings.Contains(txt, scheme[lang]); got != (c.wantSentence && c.schemes) {
				t.Errorf("%s %s: access-scheme limit present=%v, want %v", c.file, lang, got, c.wantSentence && c.schemes)
			}
			if got := strings.Contains(txt, patient[lang]); got != (c.wantSentence && c.patient) {
				t.Errorf("%s %s: patient-safety ground present=%v, want %v", c.file, lang, got, c.wantSentence && c.patient)
			}
			if strings.Contains(txt, old[lang]) {
				t.Errorf("%s %s: the 24/7 contact still approves orally on its own", c.file, lang)
			}
		}
	}
}
