package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckContentSchemeReason (finding R8-10): the reason `dpa check`
// gives for the high risk level follows the status of the content
// schemes, as annex A does: a scheme in force "gives access" to content;
// a country whose content schemes are all pending has access to content
// only per task until the assessment is accepted; mixed gives both.
func TestCheckContentSchemeReason(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "scenarios", "saas-named-recipients.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// the scenario accepts the Indian assessment; the base here does not
	const accepted = ", tia_accepted: 2026-11-10}"
	if !strings.Contains(string(raw), accepted) {
		t.Fatal("the scenario no longer accepts the Indian assessment with " + accepted)
	}
	base := strings.Replace(string(raw), accepted, "}", 1)
	const india = "content: true}"
	const usTIA = "    tia_date: 2026-10-01\n"
	if !strings.Contains(base, india) || !strings.Contains(base, usTIA) {
		t.Fatal("the scenario no longer has the Indian content scheme or the US assessment")
	}
	accept := func(s string) string { return strings.Replace(s, india, "content: true, tia_accepted: 2026-11-01}", 1) }
	usScheme := func(s, accepted string) string {
		return strings.Replace(s, usTIA, usTIA+"    access_schemes:\n      - {country: US, roles: \"third-line support\", content: true"+accepted+"}\n", 1)
	}
	approved := map[string]string{
		"nb": "  - en tilgangsordning gir tilgang til innholdet i opplysningene (i klartekst) fra et land uten adekvansbeslutning\n",
		"en": "  - an access scheme gives access to the content of the data (in clear text) from a country without an adequacy decision\n",
	}
	pending := map[string]string{
		"nb": "  - tilgang til innholdet i opplysningene (i klartekst) fra %s er planlagt etter en tilgangsordning som ennå ikke gjelder: inntil Behandlingsansvarlig har godtatt vurderingen av overføringen (tia_accepted), krever slik tilgang godkjenning for hver oppgave\n",
		"en": "  - access to the content of the data (in clear text) from %s is planned under an access scheme that is not yet in force: until the controller has accepted the transfer impact assessment (tia_accepted), such access needs approval for each task\n",
	}
	cases := []struct {
		name     string
		yaml     string
		approved bool
		pending  map[string]string
	}{
		{"pending", base, false, map[string]string{"nb": "India", "en": "India"}},
		{"approved", accept(base), true, nil},
		{"mixed", usScheme(base, ", tia_accepted: 2026-11-01"), true, map[string]string{"nb": "India", "en": "India"}},
		{"mixed the other way", usScheme(accept(base), ""), true, map[string]string{"nb": "USA", "en": "United States"}},
		{"both pending", usScheme(base, ""), false, map[string]string{"nb": "USA, India", "en": "United States, India"}},
	}
	dir := t.TempDir()
	for _, c := range cases {
		p := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".yaml")
		if err := os.WriteFile(p, []byte(c.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"nb", "en"} {
			var out, errb bytes.Buffer
			Main(&Factory{Out: &out, Err: &errb, In: strings.NewReader(""), Getenv: func(string) string { return "" }}, []string{"check", "--ui-lang", lang, p})
			got := out.String()
			level := map[string]string{"nb": "Risikonivå: høy", "en": "Risk level: high"}[lang]
			if !strings.Contains(got, level) {
				t.Errorf("%s %s: no %q in\n%s%s", c.name, lang, level, got, errb.String())
			}
			if strings.Contains(got, approved[lang]) != c.approved {
				t.Errorf("%s %s: reason for a scheme in force present=%v, want %v\n%s", c.name, lang, !c.approved, c.approved, got)
			}
			if c.pending == nil {
				if m := strings.SplitN(pending[lang], "%s", 2)[1]; strings.Contains(got, m) {
					t.Errorf("%s %s: no scheme is pending, but check says %q", c.name, lang, m)
				}
			} else if w := strings.Replace(pending[lang], "%s", c.pending[lang], 1); !strings.Contains(got, w) {
				t.Errorf("%s %s: no %q in\n%s", c.name, lang, w, got)
			}
		}
	}
}
