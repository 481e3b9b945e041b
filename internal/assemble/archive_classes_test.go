package assemble

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/text"
	"github.com/dpa-no/dpa/internal/rules"
)

// archiveStorage places the data in Norway only, or also in a country of
// each class: a backup location in the EEA, a sub-processor's location in
// the EEA, in an adequacy country and in a third country without one.
var archiveStorage = []struct {
	name   string
	abroad bool
	mod    func(a *answers.Answers)
}{
	{"Norway only", false, func(a *answers.Answers) {}},
	{"EEA backup location", true, func(a *answers.Answers) {
		a.Locations = append(a.Locations, answers.Location{Purpose: "backup", Country: "SE", Address: "Gata 1, Stockholm", Operator: "Leverandør AS"})
	}},
	{"EEA sub-processor", true, func(a *answers.Answers) {
		s := host(classes[0], "Host Sverige AB")
		s.Locations = []string{"SE"}
		a.Subprocessors = append(a.Subprocessors, s)
	}},
	{"adequacy sub-processor", true, func(a *answers.Answers) {
		s := host(classes[1], "Host Schweiz AG")
		s.Locations = []string{"CH"}
		a.Subprocessors = append(a.Subprocessors, s)
	}},
	{"third-country sub-processor", true, func(a *answers.Answers) {
		s := host(classes[4], "Host India Pvt Ltd")
		s.Locations = []string{"IN"}
		a.Subprocessors = append(a.Subprocessors, s)
	}},
}

// archivePhrase is what the clause archive-abroad says for each basis (en).
var archivePhrase = map[string]string{
	"":                         "has not been determined",
	"not_archive":              "is not archive material that the Controller has a duty to manage",
	"necessary_administration": "is a necessary part of the Controller's administrative or legal use of the documents",
	"regulation":               "meets the conditions for storing archive material outside Norway without consent that are laid down in",
	"consent":                  "has the consent of the National Archives of Norway (Nasjonalarkivet) to store the archive material outside Norway (Nasjonalarkivet ref. 2026/7)",
	"copy_in_norway":           "A complete copy of the archive material is kept by the Controller in Norway: the Controller's archive in Bergen",
}

type archiveFinding struct{ sev, code, path string }

// archiveFindings are the findings of res about archive material abroad.
func archiveFindings(res *Result) map[archiveFinding]bool {
	out := map[archiveFinding]bool{}
	for _, f := range res.Findings {
		if f.Code == rules.CodeArchiveAbroad || strings.HasPrefix(f.Path, "controller.archive_") {
			out[archiveFinding{f.Severity, f.Code, f.Path}] = true
		}
	}
	return out
}

// TestArchiveAbroadClass is the class test for CH-1/J-1/HP-1: every
// public body that stores data outside Norway, in the EEA or not, gets the
// clause archive-abroad stating the basis it chose under the archives act
// in force at the agreement date (decision-missing, an error in a final
// agreement, while it has not chosen; the archive-abroad warning explains
// the rule), and no other controller or storage gets either.
func TestArchiveAbroadClass(t *testing.T) {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	libNB, err := LoadLibrary("", i18n.For("nb"))
	if err != nil {
		t.Fatal(err)
	}
	values := []string{"", "not_archive", "necessary_administration", "regulation", "consent", "copy_in_norway", "consent without reference", "copy without location"}
	for _, public := range []bool{false, true} {
		for _, st := range archiveStorage {
			for _, v := range values {
				for _, draft := range []bool{false, true} {
					name := fmt.Sprintf("public=%v/%s/%q/draft=%v", public, st.name, v, draft)
					a := classBase()
					a.Controller.PublicBody = &public
					a.Terms.ArchiveExtract = "none"
					if draft {
						a.Status = "draft"
					}
					st.mod(a)
					value := v
					switch v {
					case "consent":
						a.Controller.ArchiveConsentRef = "Nasjonalarkivet ref. 2026/7"
					case "copy_in_norway":
						a.Controller.ArchiveCopyLocation = "the Controller's archive in Bergen"
					}
					if strings.HasPrefix(value, "copy") {
						a.Controller.ArchiveCopyHeldBy, a.Controller.ArchiveCopyFormat = "controller", "noark5"
						a.Controller.ArchiveCopyIntervalHours = intp(6)
					}
					switch v {
					case "consent without reference":
						value = "consent"
					case "copy without location":
						value = "copy_in_norway"
					}
					a.Controller.ArchiveAbroad = value
					res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: "en"})
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					applies := public && st.abroad
					sev := "error"
					if draft {
						sev = "warning"
					}
					want := map[archiveFinding]bool{}
					if applies {
						switch v {
						case "":
							want[archiveFinding{"warning", rules.CodeArchiveAbroad, "locations"}] = true
							want[archiveFinding{sev, rules.CodeDecisionMissing, "controller.archive_abroad"}] = true
						case "consent without reference":
							want[archiveFinding{sev, rules.CodeMissingField, "controller.archive_consent_ref"}] = true
						case "copy without location":
							want[archiveFinding{sev, rules.CodeMissingField, "controller.archive_copy_location"}] = true
						}
					}
					if got := archiveFindings(res); fmt.Sprint(got) != fmt.Sprint(want) {
						t.Errorf("%s: findings %v, want %v", name, got, want)
					}
					_, paras := clauseParas(res.Doc, "archive-abroad")
					if (paras != nil) != applies {
						t.Errorf("%s: clause archive-abroad included=%v, want %v", name, paras != nil, applies)
					}
					_, loc := clauseParas(res.Doc, "processing-locations")
					locText := strings.Join(loc, "\n")
					// not_archive refers to the assessment, not to a basis (final reading R5B-6)
					refers := strings.Contains(locText, "The basis on which archive material is stored in ") || strings.Contains(locText, "is archive material is set out in clause")
					if v == "not_archive" && strings.Contains(locText, "The basis on which archive material is stored in ") {
						t.Errorf("%s: processing-locations presupposes archive material abroad", name)
					}
					if refers != applies {
						t.Errorf("%s: processing-locations refers to the archive clause=%v, want %v", name, refers, applies)
					}
					if !applies {
						continue
					}
					body := strings.Join(paras, "\n")
					if !strings.Contains(body, "outside Norway, in ") || !(strings.Contains(locText, "archive material is stored in ") || strings.Contains(locText, "the data stored in ")) {
						t.Errorf("%s: the countries of storage are not named:\n%s", name, body)
					}
					if strings.Contains(strings.Join(loc, "\n"), "does not prevent the Controller from keeping a copy") {
						t.Errorf("%s: processing-locations keeps the optional copy sentence", name)
					}
					if !strings.Contains(body, "section 11 of the Archives Act (arkivlova, Act of 20 June 2025 No. 96") {
						t.Errorf("%s: clause does not cite the act in force at 2026-11-20:\n%s", name, body)
					}
					if p, ok := archivePhrase[v]; ok && !strings.Contains(body, p) {
						t.Errorf("%s: clause lacks %q:\n%s", name, p, body)
					}
					for other, p := range archivePhrase {
						if other != value && strings.Contains(body, p) {
							t.Errorf("%s: clause also states the basis %q", name, other)
						}
					}
					// the Norwegian text renders too, with the same basis
					a.Language = "nb"
					nb, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: libNB, Lang: "nb"})
					if err != nil {
						t.Fatalf("%s nb: %v", name, err)
					}
					if _, p := clauseParas(nb.Doc, "archive-abroad"); !strings.Contains(strings.Join(p, "\n"), "arkivlova (lov 20. juni 2025 nr. 96 om dokumentasjon og arkiv) § 11") {
						t.Errorf("%s nb: clause does not cite the act: %v", name, p)
					}
				}
			}
		}
	}
}

// TestArchiveActByDate: the act cited is the one in force at the
// agreement date; an agreement dated at signing gets the act in force now.
func TestArchiveActByDate(t *testing.T) {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ date, cite, authority string }{
		{"2025-11-30", "section 9(b) of the Archives Act (arkivlova, Act of 4 December 1992 No. 126)", "the National Archivist (Riksarkivaren)"},
		{"2025-12-31", "section 9(b) of the Archives Act", "the National Archivist (Riksarkivaren)"},
		{"2026-01-01", "section 11 of the Archives Act (arkivlova, Act of 20 June 2025 No. 96", "the National Archives of Norway (Nasjonalarkivet)"},
		{"", "section 11 of the Archives Act (arkivlova, Act of 20 June 2025 No. 96", "the National Archives of Norway (Nasjonalarkivet)"},
	} {
		a := classBase()
		yes := true
		a.Controller.PublicBody = &yes
		a.Agreement.Date = c.date
		a.Locations[0].Country, a.Locations[0].Address = "SE", "Gata 1"
		a.Controller.ArchiveAbroad, a.Controller.ArchiveConsentRef = "consent", "ref. 1"
		res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		_, p := clauseParas(res.Doc, "archive-abroad")
		body := strings.Join(p, "\n")
		if !strings.Contains(body, c.cite) || !strings.Contains(body, "has the consent of "+c.authority) {
			t.Errorf("date %q: want %q and %q in:\n%s", c.date, c.cite, c.authority, body)
		}
		// the warning cites the same act as the clause
		a.Controller.ArchiveAbroad = ""
		res, err = Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range res.Findings {
			if f.Code == rules.CodeArchiveAbroad {
				found = true
				if !strings.Contains(f.Message, c.cite) {
					t.Errorf("date %q: warning %q does not cite %q", c.date, f.Message, c.cite)
				}
			}
		}
		if !found {
			t.Errorf("date %q: no archive-abroad warning", c.date)
		}
	}
}

// TestArchiveExtractClass is the class test for CH-2: the return at exit
// includes a deposit-ready archive extract as answered (Noark 5 only when
// chosen, for a record-keeping system; otherwise the repository's format,
// with the Patient Records Regulation for patient records); a public body
// that has not answered gets decision-missing and a clause that the
// Parties shall agree it; a controller that is no public body and has not
// answered gets neither.
func TestArchiveExtractClass(t *testing.T) {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	for _, public := range []bool{false, true} {
		for _, v := range []string{"", "noark5", "other", "none"} {
			for _, record := range []bool{false, true} {
				name := fmt.Sprintf("public=%v/%q/patient_record=%v", public, v, record)
				a := classBase()
				a.Controller.PublicBody = &public
				a.Terms.ArchiveExtract = v
				if record {
					a.Processing.SpecialCategories = []string{"health"}
					a.Risk.PatientRecord = answers.Bool(true)
				}
				res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: "en"})
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				asked := false
				for _, f := range res.Findings {
					if f.Path == "terms.archive_extract" && f.Code == rules.CodeDecisionMissing {
						asked = true
						if f.Severity != "warning" {
							t.Errorf("%s: decision-missing %s, want warning", name, f.Severity)
						}
					}
				}
				if asked != (public && v == "") {
					t.Errorf("%s: decision-missing at terms.archive_extract=%v", name, asked)
				}
				_, p := clauseParas(res.Doc, "archive-extract")
				body := strings.Join(p, "\n")
				included := v == "noark5" || v == "other" || (public && (v == "" || record))
				if (p != nil) != included {
					t.Fatalf("%s: clause archive-extract included=%v, want %v", name, p != nil, included)
				}
				if !included {
					continue
				}
				noark := strings.Contains(body, "Noark 5")
				if noark != (v == "noark5") {
					t.Errorf("%s: Noark 5 named=%v:\n%s", name, noark, body)
				}
				pjf := strings.Contains(body, "Patient Records Regulation")
				if pjf != (v == "other" && record) {
					t.Errorf("%s: Patient Records Regulation named=%v:\n%s", name, pjf, body)
				}
				agree := strings.Contains(body, "The Parties shall agree in writing whether the return")
				if agree != (v == "") {
					t.Errorf("%s: 'shall agree' = %v:\n%s", name, agree, body)
				}
				extract := v == "noark5" || v == "other"
				for _, p := range []string{"section 14 of the Archives Act (arkivlova, Act of 20 June 2025 No. 96", "in an archival format, for example PDF/A", "test extract that the Controller has checked and approved in writing before the exit plan"} {
					if strings.Contains(body, p) != extract {
						t.Errorf("%s: %q present=%v, want %v:\n%s", name, p, !extract, extract, body)
					}
				}
				// R5A-4: no system type asserted; the deletion period of deposited archive material runs from the repository's approval
				if strings.Contains(body, "case and records management system") || strings.Contains(body, "for this kind of system") {
					t.Errorf("%s: the clause asserts the system type:\n%s", name, body)
				}
				if strings.Contains(body, "runs for the archive material only from the Controller's written notice to the Processor that the archive repository has approved the extract") != extract {
					t.Errorf("%s: deletion after the repository's approval present=%v, want %v", name, !extract, extract)
				}
				nha := strings.Contains(body, "Norwegian Health Archives (Norsk helsearkiv) under the Health Archives Regulation (helsearkivforskriften)")
				if nha != (public && record) {
					t.Errorf("%s: Norsk helsearkiv named=%v, want %v", name, nha, public && record)
				}
			}
		}
	}
}

func intp(i int) *int { return &i }

// TestArchiveCopyInNorwayClass is the class test for R5A-1, R5A-2, R5A-3,
// R5A-13 and R5B-2: with a complete copy in Norway the clause renders only
// the branch of the party that holds the copy (delivery to the
// Controller's archive system, with format, channel, checksum and receipt,
// and an activity in annex A; or the Processor's location in Norway, named
// from the locations of 8.1 and annex C), the lag is its own answer (never
// the backup interval; a blank and decision-missing while unanswered),
// both branches record the Controller's assessment and that the copy is
// the archive, and «helt»/«delvis» follows the locations. Both languages,
// draft and final.
func TestArchiveCopyInNorwayClass(t *testing.T) {
	want := map[string]map[string][]string{
		"nb": {
			"assessment": {"Behandlingsansvarlig har vurdert at lagringen utenfor Norge, med den fullstendige kopien i Norge, oppfyller vilkårene i arkivlova (lov 20. juni 2025 nr. 96 om dokumentasjon og arkiv) § 11", "Kopien i Norge er Behandlingsansvarliges arkiv", "er en arbeidskopi av det"},
			"controller": {"holdes av Behandlingsansvarlig i Norge: arkivsystemet i Bergen", "med et etterslep på høyst 6 timer: først alt som finnes i Tjenesten når leveransene starter, også opplysninger som er migrert inn", "med høyst 6 timers mellomrom alle nye og endrede dokumenter", "Leveransene skal starte senest når Personopplysninger første gang lagres i Tjenesten", "i et format etter Noark 5", "kontrolleres med sjekksum", "kvittering fra arkivsystemet", "Feiler en leveranse"},
			"processor":  {"holdes av Databehandler i Norge, på dette stedet i punkt 8.1 og vedlegg C: arkivkopi, Gata 2, Oslo", "fullstendig og oppdatert, med et etterslep på høyst 6 timer"},
			"never":      {"ved å oppdatere kopien eller, der Behandlingsansvarlig selv holder kopien", "helt eller delvis utenfor Norge", "høyst 24 timer"},
		},
		"en": {
			"assessment": {"The Controller has assessed that the storage outside Norway, with the complete copy in Norway, meets the conditions of section 11 of the Archives Act", "The copy in Norway is the Controller's archive", "is a working copy of it"},
			"controller": {"kept by the Controller in Norway: arkivsystemet i Bergen", "with a lag of no more than 6 hours: first everything in the Service when the deliveries begin, including data migrated into the Service", "at intervals of no more than 6 hours, all new and changed documents", "The deliveries shall begin no later than when Personal Data is first stored in the Service", "in a format under Noark 5", "verified by checksum", "acknowledgement from the archive system", "If a delivery fails"},
			"processor":  {"kept by the Processor in Norway, at this location in clause 8.1 and annex C: arkivkopi, Gata 2, Oslo", "complete and current, with a lag of no more than 6 hours"},
			"never":      {"by updating the copy or, where the Controller itself keeps the copy", "wholly or partly outside Norway", "no more than 24 hours"},
		},
	}
	for _, lang := range i18n.Langs {
		lib, err := LoadLibrary("", i18n.For(lang))
		if err != nil {
			t.Fatal(err)
		}
		for _, heldBy := range []string{"controller", "processor"} {
			for _, draft := range []bool{false, true} {
				for _, interval := range []bool{true, false} {
					name := fmt.Sprintf("%s/%s/draft=%v/interval=%v", lang, heldBy, draft, interval)
					a := classBase()
					a.Language = lang
					a.Controller.PublicBody = answers.Bool(true)
					a.Terms.ArchiveExtract = "none"
					if draft {
						a.Status = "draft"
					}
					a.Locations = []answers.Location{{Purpose: "primær", Country: "SE", Address: "Gata 1, Stockholm", Operator: "Leverandør AS"}}
					if heldBy == "processor" {
						a.Locations = []answers.Location{{Purpose: "arkivkopi", Country: "NO", Address: "Gata 2, Oslo"}, {Purpose: "primær", Country: "SE", Address: "Gata 1, Stockholm"}}
					}
					c := &a.Controller
					c.ArchiveAbroad, c.ArchiveCopyHeldBy, c.ArchiveCopyLocation, c.ArchiveCopyFormat = "copy_in_norway", heldBy, "arkivsystemet i Bergen", "noark5"
					if interval {
						c.ArchiveCopyIntervalHours = intp(6)
					}
					res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang})
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					_, p := clauseParas(res.Doc, "archive-abroad")
					body := strings.Join(p, "\n")
					other := map[string]string{"controller": "processor", "processor": "controller"}[heldBy]
					for _, s := range append(append([]string{}, want[lang]["assessment"]...), want[lang][heldBy]...) {
						if strings.Contains(s, "6 ") && !interval {
							continue
						}
						if !strings.Contains(body, s) {
							t.Errorf("%s: missing %q in:\n%s", name, s, body)
						}
					}
					for _, s := range append(append([]string{}, want[lang]["never"]...), want[lang][other]...) {
						if strings.Contains(body, s) {
							t.Errorf("%s: %q printed:\n%s", name, s, body)
						}
					}
					wholly := map[string]string{"nb": "lagres helt utenfor Norge", "en": "stored wholly outside Norway"}[lang]
					partly := map[string]string{"nb": "lagres delvis utenfor Norge", "en": "stored partly outside Norway"}[lang]
					if (heldBy == "processor") != strings.Contains(body, partly) || (heldBy == "controller") != strings.Contains(body, wholly) {
						t.Errorf("%s: wholly/partly does not follow the locations:\n%s", name, body)
					}
					if !interval && !strings.Contains(body, i18n.For(lang).T("blank.archive_copy_interval_hours")) {
						t.Errorf("%s: no blank for the lag", name)
					}
					missing := false
					for _, f := range res.Findings {
						if f.Path == "controller.archive_copy_interval_hours" && f.Code == rules.CodeDecisionMissing {
							missing = true
							if want := map[bool]string{false: "error", true: "warning"}[draft]; f.Severity != want {
								t.Errorf("%s: severity %s, want %s", name, f.Severity, want)
							}
						}
						if f.Path == "controller.archive_copy_held_by" || f.Path == "controller.archive_copy_format" {
							t.Errorf("%s: unexpected finding %v", name, f)
						}
					}
					if missing == interval {
						t.Errorf("%s: decision-missing for the lag = %v", name, missing)
					}
					// annex A lists the delivery only when the Controller holds the copy
					txt := strings.Join(strings.Fields(string(text.Bytes(res.Doc))), " ")
					act := map[string]string{"nb": "løpende levering av nye og endrede dokumenter og metadata til Behandlingsansvarliges arkivsystem", "en": "continuous delivery of new and changed documents and metadata to the Controller's archive system"}[lang]
					if strings.Contains(txt, act) != (heldBy == "controller") {
						t.Errorf("%s: annex A delivery activity printed = %v", name, !(heldBy == "controller"))
					}
				}
			}
		}
	}
}
