package assemble

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/markdown"
	"github.com/dpa-no/dpa/internal/render/text"
)

// schemeVariants are the named-recipients scenario (access to content
// from the US and India, with an access scheme for India) with its content
// schemes approved, pending or both, and the countries (in text form) whose
// schemes are all pending.
func schemeVariants(t *testing.T) []struct {
	name     string
	a        *answers.Answers
	raw      []byte
	approved bool
	pending  map[string]string // lang → country names in the pending wording, "" for none
} {
	t.Helper()
	file := filepath.Join("..", "..", "testdata", "scenarios", "saas-named-recipients.yaml")
	yes := true
	usScheme := func(accepted string) answers.AccessScheme {
		return answers.AccessScheme{Country: "US", Roles: "third-line support", Content: &yes, TIAAccepted: accepted}
	}
	type variant = struct {
		name     string
		a        *answers.Answers
		raw      []byte
		approved bool
		pending  map[string]string
	}
	var out []variant
	add := func(name string, approved bool, pending map[string]string, edit func(a *answers.Answers)) {
		a, raw := loadFile(t, file)
		if len(a.Subprocessors) < 3 || len(a.Subprocessors[2].AccessSchemes) != 1 {
			t.Fatalf("%s: the scenario no longer has the Indian access scheme", file)
		}
		edit(a)
		out = append(out, variant{name, a, raw, approved, pending})
	}
	none := map[string]string{"nb": "", "en": ""}
	india := map[string]string{"nb": "India", "en": "India"}
	add("pending (no tia_accepted)", false, india, func(a *answers.Answers) {
		a.Subprocessors[2].AccessSchemes[0].TIAAccepted = ""
	})
	add("pending (accepted after the agreement date)", false, india, func(a *answers.Answers) {
		a.Subprocessors[2].AccessSchemes[0].TIAAccepted = "2026-12-01"
	})
	add("approved", true, none, func(a *answers.Answers) {
		a.Subprocessors[2].AccessSchemes[0].TIAAccepted = "2026-11-01"
	})
	add("approved on the agreement date", true, none, func(a *answers.Answers) {
		a.Subprocessors[2].AccessSchemes[0].TIAAccepted = a.Agreement.Date
	})
	add("mixed (US approved, India pending)", true, india, func(a *answers.Answers) {
		a.Subprocessors[2].AccessSchemes[0].TIAAccepted = ""
		a.Subprocessors[1].AccessSchemes = []answers.AccessScheme{usScheme("2026-11-01")}
	})
	add("mixed (India approved, US pending)", true, map[string]string{"nb": "USA", "en": "the United States"}, func(a *answers.Answers) {
		a.Subprocessors[2].AccessSchemes[0].TIAAccepted = "2026-11-01"
		a.Subprocessors[1].AccessSchemes = []answers.AccessScheme{usScheme("")}
	})
	add("both pending", false, map[string]string{"nb": "USA og India", "en": "the United States and India"}, func(a *answers.Answers) {
		a.Subprocessors[2].AccessSchemes[0].TIAAccepted = ""
		a.Subprocessors[1].AccessSchemes = []answers.AccessScheme{usScheme("")}
	})
	return out
}

// TestContentSchemeRiskFollowsStatus (finding R8-10): the risk basis of
// annex A says what annex C says about each content scheme. A country
// whose content schemes are all pending (no tia_accepted on or before the
// agreement date) has access to content only with approval for each task
// until the Controller accepts the assessment; only a scheme in force is
// "routine access under an access scheme in annex C"; mixed gives both.
// The level is high in every case.
func TestContentSchemeRiskFollowsStatus(t *testing.T) {
	approvedText := map[string]string{
		"nb": "løpende tilgang til innholdet i Personopplysningene fra et Land uten adekvans etter en tilgangsordning i vedlegg C",
		"en": "routine access to the content of the Personal Data from a Non-Adequate Country under an access scheme in annex C",
	}
	pendingText := map[string]string{
		"nb": "tilgang til innholdet i Personopplysningene fra %s, som krever godkjenning for hver oppgave etter punkt 8.10 inntil Behandlingsansvarlig har godtatt vurderingen av overføringen (tilgangsordningen i vedlegg C gjelder ikke ennå)",
		"en": "access to the content of the Personal Data from %s, which requires approval for each task under clause 8.10 until the Controller has accepted the transfer impact assessment (the access scheme in annex C is not yet in force)",
	}
	level := map[string]string{"nb": "| høyt; grunnlag: ", "en": "| high; basis: "}
	riskRow := regexp.MustCompile(`(?m)^\| (Risikonivå lagt til grunn|Risk level applied) \|.*$`)
	anyPending := map[string]*regexp.Regexp{
		"nb": regexp.MustCompile(`tilgang til innholdet i Personopplysningene fra [^,|]+, som krever godkjenning for hver oppgave`),
		"en": regexp.MustCompile(`access to the content of the Personal Data from [^,|]+, which requires approval for each task`),
	}
	for _, c := range schemeVariants(t) {
		for _, lang := range i18n.Langs {
			res := build(t, c.a, c.raw, lang)
			if res.Facts.RiskLevel != "high" {
				t.Errorf("%s %s: risk level %q, want high", c.name, lang, res.Facts.RiskLevel)
			}
			row := riskRow.FindString(string(markdown.Bytes(res.Doc)))
			if row == "" {
				t.Fatalf("%s %s: annex A has no risk row", c.name, lang)
			}
			if !strings.Contains(row, level[lang]) {
				t.Errorf("%s %s: risk row %q does not state the high level", c.name, lang, row)
			}
			if got := strings.Contains(row, approvedText[lang]); got != c.approved {
				t.Errorf("%s %s: routine access under a scheme in annex C present=%v, want %v\n%s", c.name, lang, got, c.approved, row)
			}
			if p := c.pending[lang]; p != "" {
				if w := strings.Replace(pendingText[lang], "%s", p, 1); !strings.Contains(row, w) {
					t.Errorf("%s %s: risk row lacks %q\n%s", c.name, lang, w, row)
				}
			} else if m := anyPending[lang].FindString(row); m != "" {
				t.Errorf("%s %s: no scheme is pending, but the risk row says %q", c.name, lang, m)
			}
			// annex C agrees: a pending scheme is shown as not yet in force
			txt := strings.Join(strings.Fields(string(text.Bytes(res.Doc))), " ")
			notYet := map[string]string{"nb": "ikke godtatt av Behandlingsansvarlig: ordningen gjelder ikke ennå", "en": "not accepted by the Controller: the scheme does not yet apply"}[lang]
			if got := strings.Contains(txt, notYet); got != (c.pending[lang] != "") {
				t.Errorf("%s %s: annex C shows a pending scheme %v, but the risk basis pending %v", c.name, lang, got, c.pending[lang] != "")
			}
		}
	}
}

// TestUrgentApproverClass (finding R8-11): wherever the remote-access
// clause has its oral urgent approval (access from a Non-Adequate
// Country), annex F has a row saying who holds the Controller's authority
// (the point of contact for notices, a named person, both, a blank in a
// tender draft) or that no one holds it yet, and the clause says the same:
// it refers to a holder in annex F only where annex F names one, and
// otherwise says that no one holds the authority at signing. The
// unanswered authority is a warning in a final agreement and a note in a
// draft (urgent-approver-missing at controller.urgent_access_approver);
// without access from a Non-Adequate Country there is no row, sentence or
// finding.
func TestUrgentApproverClass(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "scenarios")
	yes, no := true, false
	named := answers.UrgentAccessApprover{Name: "Per Hansen", Role: "IT-driftssjef", Phone: "+47 22 00 00 09"}
	both := named
	both.BreachContact = &yes
	const (
		holderNone = iota
		holderBreach
		holderNamed
		holderBoth
		holderBlank
	)
	cases := []struct {
		name       string
		file       string
		u          answers.UrgentAccessApprover
		status     string // "" keeps the file's
		tender     bool
		restricted bool
		holder     int
		finding    string // severity of urgent-approver-missing, "" for none
	}{
		{"not answered, final", "saas-named-recipients.yaml", answers.UrgentAccessApprover{}, "", false, true, holderNone, "warning"},
		{"not answered, draft", "saas-named-recipients.yaml", answers.UrgentAccessApprover{}, "draft", false, true, holderNone, "info"},
		{"no one (breach_contact false)", "saas-named-recipients.yaml", answers.UrgentAccessApprover{BreachContact: &no}, "", false, true, holderNone, ""},
		{"the point of contact for notices", "saas-named-recipients.yaml", answers.UrgentAccessApprover{BreachContact: &yes}, "", false, true, holderBreach, ""},
		{"a named person", "saas-named-recipients.yaml", named, "", false, true, holderNamed, ""},
		{"both", "saas-named-recipients.yaml", both, "", false, true, holderBoth, ""},
		{"tender draft", "saas-named-recipients.yaml", answers.UrgentAccessApprover{}, "draft", true, true, holderBlank, "info"},
		{"journal example (US access), not answered", "../../examples/journal-saas.yaml", answers.UrgentAccessApprover{}, "", false, true, holderNone, "warning"},
		{"no access from a Non-Adequate Country", "saas-adequacy-processor-ch.yaml", answers.UrgentAccessApprover{}, "", false, false, holderNone, ""},
		{"no access from a Non-Adequate Country, answered", "saas-adequacy-processor-ch.yaml", both, "", false, false, holderNone, ""},
	}
	rowFor := map[string]string{"nb": "| Fullmakt til å godkjenne tilgang fra Land uten adekvans i hastetilfeller (punkt %s) | ", "en": "| Authority to approve access from a Non-Adequate Country in urgent cases (clause %s) | "}
	cell := map[int]map[string]string{
		holderNone:   {"nb": "ingen ved inngåelsen: muntlig godkjenning kan ikke brukes før Behandlingsansvarlig skriftlig har gitt en person slik fullmakt og meldt det til Databehandler | ikke aktuelt |", "en": "no one at signing: oral approval cannot be used until the Controller has authorised a person in writing and notified the Processor | not applicable |"},
		holderBreach: {"nb": "kontaktpunktet for varsler ovenfor | ikke aktuelt |", "en": "the point of contact for notices above | not applicable |"},
		holderNamed:  {"nb": "Per Hansen (IT-driftssjef), +47 22 00 00 09 | ikke aktuelt |", "en": "Per Hansen (IT-driftssjef), +47 22 00 00 09 | not applicable |"},
		holderBoth:   {"nb": "kontaktpunktet for varsler ovenfor og Per Hansen (IT-driftssjef), +47 22 00 00 09 | ikke aktuelt |", "en": "the point of contact for notices above and Per Hansen (IT-driftssjef), +47 22 00 00 09 | not applicable |"},
		holderBlank:  {"nb": "[navn og rolle, e-post, telefon – eller «kontaktpunktet for varsler»] | ikke aktuelt |", "en": "[name and role, e-mail, phone – or \"the point of contact for notices\"] | not applicable |"},
	}
	inAnnex := map[string]string{"nb": "Slik godkjenning kan bare gis av den som etter vedlegg F har Behandlingsansvarliges fullmakt til det", "en": "Such approval may be given only by whoever holds the Controller's authority to do so under annex F"}
	noOne := map[string]string{"nb": "Ved inngåelsen har ingen slik fullmakt, jf. vedlegg F, og muntlig godkjenning kan ikke brukes", "en": "At signing no one holds that authority, see annex F, and oral approval cannot be used"}
	introFor := map[string]string{"nb": "og for Behandlingsansvarlig hvem som har fullmakt til å godkjenne muntlig tilgang fra et Land uten adekvans i hastetilfeller etter punkt %s", "en": "and for the Controller who holds the authority to approve access from a Non-Adequate Country orally in urgent cases under clause %s"}
	stale := map[string]string{"nb": "har angitt det der", "en": "has stated so there"}
	for _, c := range cases {
		for _, lang := range i18n.Langs {
			a, raw := loadFile(t, filepath.Join(dir, c.file))
			a.Controller.UrgentAccessApprover = c.u
			if c.status != "" {
				a.Status = c.status
			}
			if c.tender {
				a.Processor.Name = ""
			}
			res := build(t, a, raw, lang)
			if res.Facts.RestrictedAccess != c.restricted {
				t.Fatalf("%s: restricted access %v, want %v", c.file, res.Facts.RestrictedAccess, c.restricted)
			}
			// Markdown escapes the brackets of a blank
			md := strings.NewReplacer(`\[`, "[", `\]`, "]").Replace(string(markdown.Bytes(res.Doc)))
			txt := strings.Join(strings.Fields(string(text.Bytes(res.Doc))), " ")
			n := "?"
			for _, cl := range res.Doc.AllClauses() {
				if cl.ID == "remote-access" {
					n = cl.Number
				}
			}
			row := map[string]string{lang: strings.Replace(rowFor[lang], "%s", n, 1)}
			intro := map[string]string{lang: strings.Replace(introFor[lang], "%s", n, 1)}
			if got := strings.Contains(md, row[lang]); got != c.restricted {
				t.Errorf("%s %s: annex F row present=%v, want %v", c.name, lang, got, c.restricted)
			}
			if got := strings.Contains(txt, intro[lang]); got != c.restricted {
				t.Errorf("%s %s: annex F intro names the row %v, want %v", c.name, lang, got, c.restricted)
			}
			if c.restricted {
				if w := row[lang] + cell[c.holder][lang]; !strings.Contains(md, w) {
					t.Errorf("%s %s: annex F lacks %q", c.name, lang, w)
				}
				// the clause refers to a holder in annex F exactly where
				// annex F names one (or has a blank for it)
				named := c.holder != holderNone
				if got := strings.Contains(txt, inAnnex[lang]); got != named {
					t.Errorf("%s %s: the clause refers to the holder in annex F %v, want %v", c.name, lang, got, named)
				}
				if got := strings.Contains(txt, noOne[lang]); got != !named {
					t.Errorf("%s %s: the clause says no one holds the authority %v, want %v", c.name, lang, got, !named)
				}
			} else if strings.Contains(txt, inAnnex[lang]) || strings.Contains(txt, noOne[lang]) {
				t.Errorf("%s %s: the oral approval sentence without access from a Non-Adequate Country", c.name, lang)
			}
			if strings.Contains(txt, stale[lang]) {
				t.Errorf("%s %s: the clause still refers to a designation annex F cannot show", c.name, lang)
			}
			sev := ""
			for _, f := range res.Findings {
				if f.Code == "urgent-approver-missing" {
					sev = f.Severity
					if f.Path != "controller.urgent_access_approver" {
						t.Errorf("%s %s: urgent-approver-missing at %q", c.name, lang, f.Path)
					}
				}
			}
			if sev != c.finding {
				t.Errorf("%s %s: urgent-approver-missing %q, want %q", c.name, lang, sev, c.finding)
			}
		}
	}
}
