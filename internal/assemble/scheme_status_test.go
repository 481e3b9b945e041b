package assemble

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/text"
)

// TestSchemeStatusInAnnexC: an access scheme with access to content from a
// Non-Adequate Country is in force in annex C only when the Controller has
// accepted the transfer impact assessment in writing on or before the
// agreement date (access_schemes[].tia_accepted); otherwise annex C says it
// does not yet apply and access to content needs approval per task. The
// scheme of saas-named-recipients.yaml, accepted, not accepted and accepted
// after the agreement date, in both languages.
func TestSchemeStatusInAnnexC(t *testing.T) {
	file := filepath.Join("..", "..", "testdata", "scenarios", "saas-named-recipients.yaml")
	_, raw := loadFile(t, file)
	const accepted = "tia_accepted: 2026-11-10"
	if !strings.Contains(string(raw), accepted) {
		t.Fatalf("%s no longer accepts the assessment with %q", file, accepted)
	}
	inForce := map[string]string{
		"nb": "datert 20. oktober 2026; Behandlingsansvarlig har skriftlig bekreftet 10. november 2026 at den har gjennomgått og godtar vurderingen",
		"en": "dated 20 October 2026; the Controller confirmed in writing on 10 November 2026 that it has reviewed and accepts the assessment",
	}
	pending := map[string][]string{
		"nb": {"ikke godtatt av Behandlingsansvarlig: ordningen gjelder ikke ennå", "gjelder først når Behandlingsansvarlig skriftlig har bekreftet at den har gjennomgått og godtar vurderingen av overføringen til Example Cloud India Pvt Ltd"},
		"en": {"not accepted by the Controller: the scheme does not yet apply", "takes effect only when the Controller has confirmed in writing that it has reviewed and accepts the transfer impact assessment for the transfer to Example Cloud India Pvt Ltd"},
	}
	cases := []struct {
		name, replace string
		inForce       bool
	}{
		{"accepted before the agreement date", accepted, true},
		{"not accepted", "tia_accepted: ''", false},
		{"accepted after the agreement date", "tia_accepted: 2026-11-21", false},
	}
	for _, c := range cases {
		data := []byte(strings.Replace(string(raw), accepted, c.replace, 1))
		a := loadBytes(t, file, data)
		for _, lang := range i18n.Langs {
			txt := strings.Join(strings.Fields(string(text.Bytes(build(t, a, data, lang).Doc))), " ")
			if got := strings.Contains(txt, inForce[lang]); got != c.inForce {
				t.Errorf("%s, %s: scheme in force in annex C: %v, want %v", c.name, lang, got, c.inForce)
			}
			for _, p := range pending[lang] {
				if got := strings.Contains(txt, p); got == c.inForce {
					t.Errorf("%s, %s: %q present: %v, want %v", c.name, lang, p, got, !c.inForce)
				}
			}
		}
	}
}
