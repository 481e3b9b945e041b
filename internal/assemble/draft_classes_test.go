package assemble

import (
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/text"
	"github.com/dpa-no/dpa/internal/rules"
)

// tender is a tender draft: the processor, its locations and its
// sub-processors are not known yet.
func tender() *answers.Answers {
	a := classBase()
	a.Status = "draft"
	a.Processor = answers.Processor{}
	a.Locations, a.AccessCountries = nil, nil
	return a
}

func assembleText(t *testing.T, a *answers.Answers, lang string) (*Result, string) {
	t.Helper()
	lib, err := LoadLibrary("", i18n.For(lang))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	return res, strings.Join(strings.Fields(string(text.Bytes(res.Doc))), " ")
}

// TestDraftTransferPosition: the class "clauses conditioned on facts a
// tender draft does not know yet". Every draft, whatever the service model,
// states the Controller's transfer position (or the choice as a blank) in
// the transfer chapter and in annex C; a final agreement states it where
// it is answered. The clauses conditioned on known recipients stay out of
// a draft without recipients.
func TestDraftTransferPosition(t *testing.T) {
	positions := map[string]struct{ clause, annex string }{
		"":                {"[The Controller's position on Third-Country Transfers – choose one of the options", "[transfer impact assessment: date]"},
		"none":            {"The Controller does not permit any Third-Country Transfer.", "No Third-Country Transfer is permitted, see clause"},
		"adequacy_only":   {"The Controller permits a Third-Country Transfer only where the recipient in the country concerned is covered by a decision of the European Commission", "under clause 8.3 no other transfer basis is permitted"},
		"with_safeguards": {"The Controller permits a Third-Country Transfer only where all of these conditions are met:", "[transfer impact assessment: date]"},
	}
	for _, model := range []string{"saas", "paas", "iaas"} {
		for pos, want := range positions {
			for _, status := range []string{"draft", "final"} {
				t.Run(model+"/"+pos+"/"+status, func(t *testing.T) {
					a := tender()
					if status == "final" {
						a = classBase()
					}
					a.Service.Model = model
					a.Processing.ThirdCountryTransfers = pos
					res, txt := assembleText(t, a, "en")
					sel := map[string]bool{}
					for _, c := range res.Selected {
						sel[c.ID] = true
					}
					wantClause := status == "draft" || pos != ""
					if sel["transfer-position"] != wantClause {
						t.Fatalf("clause transfer-position selected = %v, want %v", sel["transfer-position"], wantClause)
					}
					for _, id := range []string{"processing-locations", "transfer-instruction"} {
						if !sel[id] {
							t.Errorf("clause %s missing", id)
						}
					}
					for _, id := range []string{"transfer-basis", "transfer-scc", "transfer-impact-assessment", "remote-access"} {
						if sel[id] {
							t.Errorf("clause %s selected without a known recipient", id)
						}
					}
					if wantClause && !strings.Contains(txt, want.clause) {
						t.Errorf("missing the position %q", want.clause)
					}
					if status == "draft" && !strings.Contains(txt, want.annex) {
						t.Errorf("annex C: missing %q", want.annex)
					}
					if pos == "none" && strings.Contains(txt, "the provisions on transfer basis, transfer impact assessment") {
						t.Error("a draft that permits no transfer still asks for the transfer provisions")
					}
				})
			}
		}
	}
}

// TestDraftDefaultsMarked: in a draft every default with legal effect that
// dpa check reports (default-applied) is marked as the draft's proposal in
// each clause whose text it shapes; a final agreement carries no such note,
// and every path rules can default has a use and a wording in both languages.
func TestDraftDefaultsMarked(t *testing.T) {
	for _, lang := range []string{"nb", "en"} {
		lz := i18n.For(lang)
		for _, health := range []bool{false, true} {
			a := tender()
			if health {
				a.Processing.SpecialCategories = []string{"health"}
				a.Risk.PatientRecord = answers.Bool(true)
			}
			a.Security = answers.Security{}
			res, txt := assembleText(t, a, lang)
			values := map[string]string{}
			for _, d := range res.Facts.AppliedDefaults() {
				values[d.Path] = d.Value
			}
			n := 0
			for _, f := range res.Findings {
				if f.Code != rules.CodeDefaultApplied {
					continue
				}
				n++
				if _, ok := defaultUses[defaultKey(f.Path)]; !ok {
					t.Errorf("%s: default %s has no entry in defaultUses", lang, f.Path)
					continue
				}
				item := lz.T("draft.default."+defaultKey(f.Path), map[string]any{"Value": values[f.Path]})
				if strings.HasPrefix(item, "draft.default.") {
					t.Errorf("%s: no wording for %s", lang, f.Path)
				}
				if health && requiredForSpecial[f.Path] {
					// the level art. 32 requires for special categories: not a proposal
					if strings.Contains(txt, item) {
						t.Errorf("%s: required default %s (%q) is marked as a proposal", lang, f.Path, item)
					}
					continue
				}
				if !strings.Contains(txt, item) {
					t.Errorf("%s: default %s (%q) is not marked in the draft", lang, f.Path, item)
				}
			}
			if n < 10 {
				t.Errorf("%s: only %d defaults reported", lang, n)
			}
			// the same answers as a final agreement: no drafting notes
			a.Status = "final"
			a.Processor = classBase().Processor
			_, final := assembleText(t, a, lang)
			if note := lz.T("draft.default_note_one", map[string]any{"Items": ""})[:20]; strings.Contains(final, note) {
				t.Errorf("%s: a final agreement marks defaults", lang)
			}
		}
	}
	for p := range defaultUses {
		for _, lang := range []string{"nb", "en"} {
			if s := i18n.For(lang).T("draft.default." + p); strings.HasPrefix(s, "draft.default.") {
				t.Errorf("%s: no wording for %s", lang, p)
			}
		}
	}
}

// TestBackupSite: the backup clause names where backups are kept, derived
// from the answers: the locations with a backup role (or purpose), else a
// sub-processor whose service is backup, else (in a draft) a blank for the
// tenderer.
func TestBackupSite(t *testing.T) {
	clause := func(d *doc.Document) string {
		for _, c := range d.AllClauses() {
			if c.ID == "backup-restore" {
				var b strings.Builder
				for _, bl := range c.Blocks {
					b.WriteString(bl.Text + " " + strings.Join(bl.Items, " ") + " ")
				}
				return b.String()
			}
		}
		t.Fatal("no backup clause")
		return ""
	}
	cases := []struct {
		name string
		mod  func(a *answers.Answers)
		want []string
	}{
		{"role backup", func(a *answers.Answers) {
			a.Locations = append(a.Locations, answers.Location{Role: "backup", Purpose: "Oslo 2", Country: "NO", Address: "Backupveien 2", Operator: "Leverandør AS"})
		}, []string{"Backups shall be stored only at this location", "Oslo 2 (backup): Backupveien 2"}},
		{"role disaster recovery without purpose", func(a *answers.Answers) {
			a.Locations = append(a.Locations, answers.Location{Role: "disaster_recovery", Country: "SE", Address: "Reservvägen 3"})
		}, []string{"disaster recovery: Reservvägen 3"}},
		{"a backup sub-processor", func(a *answers.Answers) {
			a.Subprocessors = []answers.Subprocessor{{Name: "Kopi AS", Country: "NO", Service: "backup", Locations: []string{"NO"}}}
		}, []string{"Backups shall be stored only with this Sub-processor", "Kopi AS (backup)"}},
		{"a draft without a site", func(a *answers.Answers) { *a = *tender() }, []string{"[backup location: country and address]", "states where the backups are stored"}},
		{"a final agreement without a site", func(a *answers.Answers) {}, []string{"Backups shall be stored only at locations listed in annex C for backup."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := classBase()
			a.Locations = a.Locations[:1] // the primary site only
			c.mod(a)
			res, _ := assembleText(t, a, "en")
			got := strings.Join(strings.Fields(clause(res.Doc)), " ")
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("backup clause lacks %q:\n%s", w, got)
				}
			}
		})
	}
}
