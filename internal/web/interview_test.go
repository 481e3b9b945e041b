package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/web"
)

// interview is the SaaS journal with a sub-processor in Ireland whose
// parent is in the US, answered step by step as the forms post it.
var interview = []struct {
	step string
	form url.Values
}{
	{"agreement", url.Values{"status": {"final"}, "language": {"nb"}, "agreement.reference": {"2026/77"}, "agreement.main_agreement": {"SSA-L 2018"}, "agreement.date": {"2026-12-01"}, "agreement.place": {"Bodø"}}},
	{"parties", url.Values{"controller.name": {"Helse Nordvik HF"}, "controller.org_number": {"310 000 019"}, "controller.address": {"Postboks 9, 8000 Bodø"},
		"controller.contact.name": {"Kari Nordmann"}, "controller.contact.email": {"kari@example.no"}, "controller.signatory.name": {"Per Hansen"}, "controller.signatory.title": {"Administrerende direktør"},
		"controller.public_body": {"true"}, "controller.archive_abroad": {"necessary_administration"}, "controller.breach_contact.email": {"avvik@example.no"}, "controller.breach_contact.phone": {"+47 75 00 00 01"}, "controller.dpo.name": {"Personvernombudet"},
		"processor.breach_contact.phone": {"+47 23 00 00 01"},
		"processor.name":                 {"Skyjournal AS"}, "processor.org_number": {"310 000 027"}, "processor.country": {"NO"}, "processor.address": {"Skyveien 1, 0150 Oslo"},
		"processor.contact.name": {"Ola Sky"}, "processor.signatory.name": {"Siri Sky"}, "processor.signatory.title": {"Daglig leder"},
		"processor.recipients.count": {"1"}, "processor.recipients[0].country": {"US"}, "processor.recipients[0].subprocessor": {"Example Cloud Inc."},
		"processor.tias.count": {"1"}, "processor.tias[0].country": {"US"}, "processor.tias[0].date": {"2026-11-01"},
		"processor.access_schemes.count": {"1"}, "processor.access_schemes[0].country": {"US"}, "processor.access_schemes[0].roles": {"third-line support"}}},
	{"service", url.Values{"service.name": {"Journal i skyen"}, "service.model": {"saas"}, "service.deployment": {"public"}}},
	{"processing", url.Values{"processing.purposes": {"Journalføring\r\nTimebestilling"}, "processing.activities": {"lagring\r\ndrift"}, "processing.data_subjects": {"Pasienter"},
		"processing.data_categories": {"Helseopplysninger\r\nKontaktopplysninger"}, "processing.special_categories": {"health"}, "processing.duration": {"Så lenge hovedavtalen gjelder"}, "processing.volume": {"large"}}},
	{"risk", url.Values{"risk.patient_record": {"true"}, "risk.health_register": {"false"}, "risk.remote_monitoring": {"false"}, "risk.national_function": {"false"}, "risk.migration": {"false"}}},
	{"locations", url.Values{"action": {"add:locations"}}},
	{"locations", url.Values{"locations.count": {"1"}, "locations[0].purpose": {"primærlagring og sikkerhetskopi"}, "locations[0].country": {"IE"}, "locations[0].address": {"1 Cloud Way, Dublin"}, "locations[0].operator": {"Example Cloud Ireland Ltd"}}},
	{"access", url.Values{"access_countries": {"NO", "US", ""}}},
	{"subprocessors", url.Values{"action": {"add:subprocessors"}}},
	{"subprocessors", url.Values{"subprocessors[0].name": {"Example Cloud Ireland Ltd"}, "subprocessors[0].country": {"IE"}, "subprocessors[0].parent_country": {"US"},
		"subprocessors[0].service": {"IaaS"}, "subprocessors[0].locations": {"IE", ""}, "subprocessors[0].access_countries": {"IE", "US", ""}, "subprocessors[0].transfer_basis": {"scc"}, "subprocessors[0].tia_done": {"true"},
		"subprocessors[0].recipients.count": {"1"}, "subprocessors[0].recipients[0].country": {"US"}, "subprocessors[0].recipients[0].subprocessor": {"Example Cloud Inc."},
		"subprocessors[0].tias.count": {"1"}, "subprocessors[0].tias[0].country": {"US"}, "subprocessors[0].tias[0].date": {"2026-11-01"},
		"subprocessors[0].access_schemes.count": {"1"}, "subprocessors[0].access_schemes[0].country": {"US"}, "subprocessors[0].access_schemes[0].roles": {"third-line support"},
		"subprocessors.count": {"2"}, "subprocessors[1].name": {"Example Cloud Inc."}, "subprocessors[1].country": {"US"}, "subprocessors[1].service": {"third-line support"},
		"subprocessors[1].access_countries": {"US", ""}, "subprocessors[1].transfer_basis": {"scc"}, "subprocessors[1].tia_date": {"2026-11-20"}}},
	{"terms", url.Values{"terms.breach_notice_hours": {"24"}, "terms.return_format": {"FHIR R4 og PDF/A"}, "terms.liability_cap": {"NOK 20 000 000 per kalenderår"}}},
	{"security", url.Values{"security.keys_held_by": {"controller"}, "security.iso27001": {"true"}}},
	{"translations", url.Values{"translations.count": {"2"}, "translations[0].nb": {"Journalføring"}, "translations[0].en": {"Keeping of patient records"},
		"translations[1].nb": {"NOK 20 000 000 per kalenderår"}, "translations[1].en": {"NOK 20,000,000 per calendar year"}}},
}

type client struct {
	t    testing.TB
	base string
	c    *http.Client
}

func newClient(t testing.TB, ts *httptest.Server) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: ts.URL, c: &http.Client{Jar: jar}}
}

func (c *client) get(path string) (*http.Response, string) {
	c.t.Helper()
	resp, err := c.c.Get(c.base + path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (c *client) postForm(path string, v url.Values) (*http.Response, string) {
	c.t.Helper()
	resp, err := c.c.PostForm(c.base+path, v)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		c.t.Fatalf("POST %s: %d %.500s", path, resp.StatusCode, b)
	}
	return resp, string(b)
}

func newWebServer(t testing.TB) (*httptest.Server, web.Store) {
	t.Helper()
	st, err := web.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return newServer(t, web.Options{Store: st, DPAVersion: "test"}), st
}

// fillInterview creates an agreement and answers every step.
func fillInterview(t testing.TB, c *client, name string) string {
	t.Helper()
	resp, _ := c.postForm("/new?ui=nb", url.Values{"name": {name}})
	base := strings.TrimSuffix(resp.Request.URL.Path, "/step/agreement")
	if !strings.HasPrefix(base, "/a/") {
		t.Fatalf("new agreement went to %s", resp.Request.URL)
	}
	for _, s := range interview {
		v := url.Values{}
		for k, x := range s.form {
			v[k] = x
		}
		if v.Get("action") == "" {
			v.Set("action", "stay")
		}
		c.postForm(base+"/step/"+s.step, v)
	}
	return base
}

var findingRE = regexp.MustCompile(`data-code="([^"]*)" data-path="([^"]*)" data-severity="([^"]*)"`)

func shownFindings(page string) []string {
	var out []string
	for _, m := range findingRE.FindAllStringSubmatch(page, -1) {
		out = append(out, m[3]+" "+m[1]+" "+m[2])
	}
	sort.Strings(out)
	return out
}

// The interview writes an ordinary answers file: `dpa check` on the YAML
// the web app gives finds exactly what the review page shows, and the PDF
// is the same bytes as `dpa generate` makes of that file.
func TestInterviewWritesAnswersFile(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	ts, _ := newWebServer(t)
	c := newClient(t, ts)
	base := fillInterview(t, c, "Journal i skyen")
	_, review := c.get(base + "/review?ui=nb")
	shown := shownFindings(review)
	if !strings.Contains(review, "Ingenting hindrer en endelig avtale") {
		t.Fatalf("the review shows blocking findings: %v", shown)
	}
	resp, yml := c.get(base + "/download?format=yaml")
	if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="Journal-i-skyen.yaml"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	for _, want := range []string{"Helse Nordvik HF", "parent_country: US", "transfer_basis: scc", "- Timebestilling", "breach_notice_hours: 24"} {
		if !strings.Contains(yml, want) {
			t.Errorf("the answers file lacks %q:\n%s", want, yml)
		}
	}
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("Journal-i-skyen.yaml", []byte(yml), 0o644)
	code, out, stderr := runCLI(t, "--ui-lang", "nb", "check", "Journal-i-skyen.yaml", "--format", "json")
	if code != 0 {
		t.Fatalf("dpa check: exit %d %s", code, stderr)
	}
	var rep struct {
		Findings []struct{ Severity, Code, Path string }
		Derived  map[string]bool
	}
	json.Unmarshal(out, &rep)
	var cli []string
	for _, f := range rep.Findings {
		cli = append(cli, f.Severity+" "+f.Code+" "+f.Path)
	}
	sort.Strings(cli)
	if strings.Join(cli, "\n") != strings.Join(shown, "\n") {
		t.Fatalf("dpa check finds\n%s\nthe review page shows\n%s", strings.Join(cli, "\n"), strings.Join(shown, "\n"))
	}
	if !rep.Derived["third_country_affiliated"] || !rep.Derived["third_country_transfer"] {
		t.Errorf("derived facts: %v", rep.Derived)
	}
	// the same PDF as the CLI's
	resp, pdf := c.get(base + "/download?format=pdf")
	if resp.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("pdf: %s %.200s", resp.Header.Get("Content-Type"), pdf)
	}
	if code, _, stderr := runCLI(t, "generate", "Journal-i-skyen.yaml", "-f", "pdf,docx", "-o", "out"); code != 0 {
		t.Fatalf("dpa generate: %d %s", code, stderr)
	}
	want, _ := os.ReadFile(filepath.Join("out", "Journal-i-skyen.nb.pdf"))
	if pdf != string(want) {
		t.Errorf("the web's PDF (%d bytes) differs from dpa generate's (%d bytes)", len(pdf), len(want))
	}
	_, docx := c.get(base + "/download?format=docx")
	want, _ = os.ReadFile(filepath.Join("out", "Journal-i-skyen.nb.docx"))
	if docx != string(want) {
		t.Errorf("the web's DOCX differs from dpa generate's")
	}
	// preview: the names typed, escaped HTML of the same document
	_, prev := c.get(base + "/preview?lang=en")
	// and the free text typed in Norwegian in its English form, where the
	// translations step gives it
	for _, want := range []string{"Helse Nordvik HF", "Skyjournal AS", "Example Cloud Ireland Ltd", `lang="en"`, "Keeping of patient records", "NOK 20,000,000 per calendar year"} {
		if !strings.Contains(prev, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
}

// Every field of the answers types appears in the form, under its step,
// with a label: a field added to the types needs no change to the web app.
func TestEveryFieldInTheForm(t *testing.T) {
	ts, _ := newWebServer(t)
	c := newClient(t, ts)
	base := fillInterview(t, c, "x")
	pages := map[string]string{}
	for _, lang := range []string{"nb", "en"} {
		for _, st := range []string{"agreement", "parties", "service", "processing", "risk", "locations", "access", "subprocessors", "terms", "security", "translations"} {
			resp, b := c.get(base + "/step/" + st + "?ui=" + lang)
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d", st, resp.StatusCode)
			}
			pages[lang] += b
		}
	}
	for _, f := range answers.Fields() {
		if f.Path == "format" {
			continue
		}
		name := strings.ReplaceAll(f.Path, "[]", "[0]")
		attr := `name="`
		if f.Kind == "object" {
			attr = `id="f-`
			name = strings.ReplaceAll(strings.ReplaceAll(name, ".", "-"), "[0]", "-0")
		}
		if f.Kind == "list_of_objects" {
			name += ".count"
		}
		for _, lang := range []string{"nb", "en"} {
			if !strings.Contains(pages[lang], attr+name+`"`) {
				t.Errorf("%s: no form field %q (%s)", lang, name, f.Kind)
			}
			if l := f.Label.In(lang); l == "" || !strings.Contains(pages[lang], template(l)) {
				t.Errorf("%s: label of %s (%q) not shown", lang, f.Path, l)
			}
		}
	}
	// enum values by their plain-language labels, never the bare code
	if !strings.Contains(pages["nb"], "Standard personvernbestemmelser (SCC)") || !strings.Contains(pages["en"], "Standard contractual clauses (SCC)") {
		t.Error("transfer basis not offered by its label")
	}
	// countries by name in the UI language
	if !strings.Contains(pages["nb"], `<option value="US">USA</option>`) && !strings.Contains(pages["nb"], `<option value="US">Amerikas forente stater</option>`) {
		t.Error("no Norwegian country names")
	}
	if !strings.Contains(pages["en"], `<option value="DE">Germany</option>`) || !strings.Contains(pages["nb"], `<option value="DE">Tyskland</option>`) {
		t.Error("country names not in the UI language")
	}
}

func template(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// What the user typed is kept as typed, also when it is wrong; the error
// stands at the field.
func TestTypedValuesKept(t *testing.T) {
	ts, _ := newWebServer(t)
	c := newClient(t, ts)
	base := fillInterview(t, c, "y")
	c.postForm(base+"/step/terms", url.Values{"terms.breach_notice_hours": {"24 timer"}, "action": {"stay"}})
	_, page := c.get(base + "/step/terms?ui=nb")
	if !strings.Contains(page, `value="24 timer"`) {
		t.Fatal("the typed value was not kept")
	}
	id := "f-terms-breach_notice_hours"
	if !regexp.MustCompile(`id="` + id + `"[^>]*aria-describedby="` + id + `-help ` + id + `-msg"[^>]*aria-invalid="true"`).MatchString(page) {
		t.Errorf("the field is not marked invalid with its message linked")
	}
	if !strings.Contains(page, "feil type") {
		t.Errorf("no type error at the field: %s", page[strings.Index(page, id):][:800])
	}
	_, yml := c.get(base + "/download?format=yaml")
	if !strings.Contains(yml, "breach_notice_hours: 24 timer") {
		t.Errorf("the answers file does not keep the value: %s", yml)
	}
	// unknown countries and enum values stay selectable, not dropped
	c.postForm(base+"/step/service", url.Values{"service.name": {"S"}, "service.model": {"sas"}, "service.deployment": {"public"}, "action": {"stay"}})
	_, page = c.get(base + "/step/service?ui=en")
	if !strings.Contains(page, `value="sas" checked`) {
		t.Errorf("an unknown enum value was dropped")
	}
}

func TestAddRemoveWithoutJS(t *testing.T) {
	ts, _ := newWebServer(t)
	c := newClient(t, ts)
	base := fillInterview(t, c, "z")
	form := url.Values{"subprocessors.count": {"1"}, "subprocessors[0].name": {"A Ltd"}, "subprocessors[0].country": {"IE"}, "action": {"add:subprocessors"}}
	c.postForm(base+"/step/subprocessors", form)
	_, page := c.get(base + "/step/subprocessors?ui=en")
	if !strings.Contains(page, `name="subprocessors[1].name"`) || !strings.Contains(page, `value="A Ltd"`) {
		t.Fatal("add did not add an entry or lost the first")
	}
	form = url.Values{"subprocessors.count": {"2"}, "subprocessors[0].name": {"A Ltd"}, "subprocessors[0].country": {"IE"}, "subprocessors[1].name": {"B GmbH"}, "subprocessors[1].country": {"DE"}, "action": {"remove:subprocessors[0]"}}
	c.postForm(base+"/step/subprocessors", form)
	_, yml := c.get(base + "/download?format=yaml")
	if strings.Contains(yml, "A Ltd") || !strings.Contains(yml, "B GmbH") {
		t.Fatalf("remove: %s", yml)
	}
	// another country select
	c.postForm(base+"/step/access", url.Values{"access_countries": {"NO", ""}, "action": {"more:access_countries"}})
	_, page = c.get(base + "/step/access?ui=en&more=access_countries")
	if strings.Count(page, `name="access_countries"`) < 3 {
		t.Errorf("no extra country select: %d", strings.Count(page, `name="access_countries"`))
	}
}

func TestLanguageSwitchOnEveryPage(t *testing.T) {
	ts, _ := newWebServer(t)
	c := newClient(t, ts)
	base := fillInterview(t, c, "w")
	c.postForm(base+"/save", url.Values{"name": {"one"}})
	for _, p := range []string{"/", "/import", base + "/step/parties", base + "/review", base + "/preview", base + "/revisions", base + "/compare?old=1&new=1"} {
		for _, lang := range []string{"nb", "en"} {
			other := map[string]string{"nb": "en", "en": "nb"}[lang]
			sep := "?"
			if strings.Contains(p, "?") {
				sep = "&"
			}
			resp, b := c.get(p + sep + "ui=" + lang)
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d", p, resp.StatusCode)
			}
			if !strings.Contains(b, `<html lang="`+lang+`">`) || !strings.Contains(b, `hreflang="`+other+`"`) {
				t.Errorf("%s in %s: no language or no switch", p, lang)
			}
			if strings.Contains(b, "web.") && regexp.MustCompile(`>web\.[a-z_.]+<`).MatchString(b) {
				t.Errorf("%s in %s: a message id instead of a message", p, lang)
			}
		}
	}
	// the choice is remembered
	c.get("/?ui=en")
	_, b := c.get(base + "/review")
	if !strings.Contains(b, `<html lang="en">`) {
		t.Error("the language choice was not remembered")
	}
}

func TestImportShowsErrorsInForm(t *testing.T) {
	ts, _ := newWebServer(t)
	c := newClient(t, ts)
	raw := strings.Replace(badOrg, "model: saas", "model: sky", 1)
	resp, page := c.postForm("/import?ui=nb", url.Values{"text": {raw}, "name": {"importert"}})
	if !strings.Contains(resp.Request.URL.Path, "/review") || !strings.Contains(page, "service.model") {
		t.Fatalf("import: %s %.300s", resp.Request.URL, page)
	}
	base := strings.TrimSuffix(resp.Request.URL.Path, "/review")
	_, step := c.get(base + "/step/service?ui=nb")
	if !strings.Contains(step, `value="sky" checked`) || !strings.Contains(step, "ugyldig verdi «sky»") {
		t.Fatalf("the import's error is not at its field")
	}
	// not YAML: nothing is created, the error is on the import page
	r2, err := c.c.PostForm(c.base+"/import?ui=en", url.Values{"text": {"format: 1\nservice: [\n"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r2.Body)
	if r2.StatusCode != 400 || !strings.Contains(string(b), "not readable YAML") {
		t.Fatalf("not YAML: %d", r2.StatusCode)
	}
}

func TestRevisionsAndCompare(t *testing.T) {
	ts, st := newWebServer(t)
	c := newClient(t, ts)
	base := fillInterview(t, c, "Journal")
	c.postForm(base+"/save", url.Values{"name": {"sendt til leverandør"}})
	c.postForm(base+"/step/terms", url.Values{"terms.breach_notice_hours": {"12"}, "terms.liability_cap": {"NOK 20 000 000 per kalenderår"}, "action": {"stay"}})
	_, page := c.postForm(base+"/save", url.Values{"name": {"etter forhandling"}})
	if !strings.Contains(page, "sendt til leverandør") || !strings.Contains(page, "etter forhandling") {
		t.Fatal("revisions not listed")
	}
	list, _ := st.List(t.Context())
	if len(list) != 1 || list[0].NumRevs != 2 || list[0].Last.Name != "etter forhandling" {
		t.Fatalf("store: %+v", list)
	}
	r1, _ := st.Revision(t.Context(), list[0].ID, 1)
	if r1.LibraryVersion == "" || len(r1.Fingerprint) != 64 || !bytes.Contains(r1.Answers, []byte("breach_notice_hours: 24")) {
		t.Fatalf("revision 1: %+v", r1)
	}
	_, cmp := c.get(base + "/compare?old=1&new=2&ui=nb")
	if !regexp.MustCompile(`<del>[^<]*24[^<]*</del>`).MatchString(cmp) || !regexp.MustCompile(`<ins>[^<]*12[^<]*</ins>`).MatchString(cmp) {
		t.Fatalf("no redline of 24 -> 12: %.2000s", cmp[strings.Index(cmp, "redline"):])
	}
	resp, docx := c.get(base + "/compare?old=1&new=2&format=docx")
	if resp.Header.Get("Content-Type") != web.ContentTypes["docx"] || !strings.HasPrefix(docx, "PK") {
		t.Fatalf("docx: %s", resp.Header.Get("Content-Type"))
	}
	// the home page lists the agreement with status and findings
	_, home := c.get("/?ui=en")
	if !strings.Contains(home, "Journal") || !strings.Contains(home, "Final") || !strings.Contains(home, "no errors") {
		t.Errorf("home page: %.3000s", home)
	}
	// continue editing from revision 1
	c.postForm(base+"/rev/1/restore", nil)
	_, yml := c.get(base + "/download?format=yaml")
	if !strings.Contains(yml, "breach_notice_hours: 24") {
		t.Errorf("restore: %s", yml)
	}
	_ = fmt.Sprint
	_ = i18n.For
}

// A tender draft: the review lists the blanks the document shows and the
// fields that fill them, as `dpa check` does; the security defaults are
// shown as defaults.
func TestReviewDraftBlanks(t *testing.T) {
	ts, _ := newWebServer(t)
	c := newClient(t, ts)
	resp, _ := c.postForm("/new?ui=nb", url.Values{"name": {"Anbud"}})
	base := strings.TrimSuffix(resp.Request.URL.Path, "/step/agreement")
	c.postForm(base+"/step/agreement", url.Values{"status": {"draft"}, "language": {"nb"}, "action": {"stay"}})
	c.postForm(base+"/step/service", url.Values{"service.name": {"Journal"}, "service.model": {"saas"}, "service.deployment": {"private"}, "action": {"stay"}})
	_, page := c.get(base + "/review?ui=nb")
	if !strings.Contains(page, "Utfyllingsfelt i utkastet") || !strings.Contains(page, "[Databehandlers navn]") {
		t.Fatalf("no draft blanks on the review page")
	}
	if !strings.Contains(page, `/step/parties#f-processor-name`) {
		t.Errorf("the blank does not link to the field that fills it")
	}
	if !strings.Contains(page, "Sikkerheten slik avtalen vil angi den") || !strings.Contains(page, "standardverdi") {
		t.Errorf("security defaults not shown")
	}
}

// The translations step lists the free-text values typed in the earlier
// steps that have no pair yet; one button adds a pair for each, with the
// value filled in, and once the translations are typed the English
// agreement prints them.
func TestTranslationsStep(t *testing.T) {
	ts, _ := newWebServer(t)
	c := newClient(t, ts)
	base := fillInterview(t, c, "t")
	_, page := c.get(base + "/step/translations?ui=en")
	for _, want := range []string{`value="suggest:translations"`, "<li>Timebestilling</li>", "<li>Pasienter</li>", "<li>Administrerende direktør</li>"} {
		if !strings.Contains(page, want) {
			t.Errorf("translations step lacks %q", want)
		}
	}
	if strings.Contains(page, "<li>Journalføring</li>") {
		t.Error("a value that has a pair is listed as pending")
	}
	c.postForm(base+"/step/translations", url.Values{"action": {"suggest:translations"}, "translations.count": {"2"},
		"translations[0].nb": {"Journalføring"}, "translations[0].en": {"Keeping of patient records"},
		"translations[1].nb": {"NOK 20 000 000 per kalenderår"}, "translations[1].en": {"NOK 20,000,000 per calendar year"}})
	_, page = c.get(base + "/step/translations?ui=en")
	m := regexp.MustCompile(`name="translations\[([0-9]+)\]\.nb"[^>]*value="([^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(m) < 5 {
		t.Fatalf("suggested pairs: %v", m)
	}
	form := url.Values{"action": {"stay"}, "translations.count": {strconv.Itoa(len(m))}}
	for _, x := range m {
		form.Set("translations["+x[1]+"].nb", html.UnescapeString(x[2]))
		form.Set("translations["+x[1]+"].en", "EN "+html.UnescapeString(x[2]))
	}
	form.Set("translations[0].en", "Keeping of patient records")
	form.Set("translations[1].en", "NOK 20,000,000 per calendar year")
	c.postForm(base+"/step/translations", form)
	_, page = c.get(base + "/step/translations?ui=en")
	if strings.Contains(page, `value="suggest:translations"`) {
		t.Error("values still pending after every pair was filled in")
	}
	_, prev := c.get(base + "/preview?lang=en")
	for _, want := range []string{"EN Timebestilling", "EN Pasienter", "NOK 20,000,000 per calendar year"} {
		if !strings.Contains(prev, want) {
			t.Errorf("the English preview lacks %q", want)
		}
	}
	for _, bad := range []string{"Timebestilling,", "per kalenderår", ">Pasienter<"} {
		if strings.Contains(prev, bad) {
			t.Errorf("the English preview still has %q", bad)
		}
	}
}
