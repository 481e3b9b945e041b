package web_test

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The browser tests drive Debian's chromium with chromedp: a person filling
// in the interview with mouse and keyboard, and another with the keyboard
// alone. axe-core (vendored, testdata/axe) checks every page for WCAG 2.1
// AA violations. Screenshots of every step in both languages go to
// $DPA_SCREENSHOTS (else a temporary folder).

//go:embed testdata/axe/axe.min.js
var axeJS string

func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("DPA_REQUIRE_TOOLS") == "1" {
		t.Fatal("chromium is not installed (apt-get install chromium); DPA_REQUIRE_TOOLS=1 makes that a failure")
	}
	t.Skip("chromium is not installed (apt-get install chromium): browser tests skipped")
	return ""
}

type bt struct {
	t     *testing.T
	ctx   context.Context
	base  string
	shots string
	n     int
	axed  map[string]bool
}

func newBrowser(t *testing.T, base string) *bt {
	t.Helper()
	path := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("lang", "nb-NO"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	shots := os.Getenv("DPA_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	shots = filepath.Join(shots, t.Name())
	os.MkdirAll(shots, 0o755)
	return &bt{t: t, ctx: ctx, base: base, shots: shots, axed: map[string]bool{}}
}

func (b *bt) run(what string, acts ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, acts...); err != nil {
		b.failed(what, err)
	}
}

func (b *bt) failed(what string, err error) {
	b.t.Helper()
	loc, _ := chromedp.Run(b.ctx, chromedp.Location())
	b.shot("failed-" + strings.ReplaceAll(what, " ", "-"))
	// the messages the page shows say why a step was not left
	msgs, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll(".msg.error, .msg.warning")).map(function (e) { return e.textContent.trim(); }).join(" | ")`))
	b.t.Fatalf("%s (at %s): %v; messages on the page: %s", what, loc, err, msgs)
}

// eval evaluates a JavaScript expression.
func eval[T any](b *bt, what, expr string, opts ...chromedp.EvaluateOption) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		b.failed(what, err)
	}
	return v
}

// shot saves a full-page screenshot.
func (b *bt) shot(name string) {
	buf, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	b.n++
	os.WriteFile(filepath.Join(b.shots, fmt.Sprintf("%02d-%s.png", b.n, name)), buf, 0o644)
}

type axeResult struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// axe runs axe-core on the page and fails on a serious or critical WCAG
// 2.1 A/AA violation.
func (b *bt) axe(name string) {
	b.t.Helper()
	if !eval[bool](b, "axe loaded", `typeof axe !== "undefined"`) {
		eval[bool](b, "inject axe", axeJS+";true")
	}
	js := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]}).then(r => r.violations)`
	res := eval[[]axeResult](b, "axe.run", js, chromedp.EvalAwaitPromise)
	for _, v := range res {
		if v.Impact == "serious" || v.Impact == "critical" {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, fmt.Sprint(n.Target)+" "+n.HTML)
			}
			if len(where) > 3 {
				where = where[:3]
			}
			b.t.Errorf("axe on %s: %s (%s): %s\n  %s", name, v.ID, v.Impact, v.Help, strings.Join(where, "\n  "))
		} else {
			b.t.Logf("axe on %s (%s, not failing): %s", name, v.Impact, v.ID)
		}
	}
	b.axed[name] = true
}

// page checks and photographs the page the browser is on.
func (b *bt) page(name string) {
	b.t.Helper()
	b.run("wait "+name, chromedp.WaitReady(chromedp.CSS("footer.bottom")))
	b.axe(name)
	b.shot(name)
}

func (b *bt) text(sel string) string {
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.failed("text "+sel, err)
	}
	return s
}

// waitPath waits for a new document (not the one marked by the last click
// or key press: a form posted back to the same path must not be taken for
// the page it replaces) whose path contains part.
func (b *bt) waitPath(part string) {
	b.t.Helper()
	b.waitFor("wait for "+part, fmt.Sprintf(`!window.__btOld && location.pathname.indexOf(%q) >= 0 && document.readyState === "complete" && !!document.querySelector("footer.bottom")`, part))
}

// mark marks the current document before an action that may replace it.
func (b *bt) mark() {
	b.t.Helper()
	eval[bool](b, "mark", `(window.__btOld = true)`)
}

// waitFor polls a condition from Go, so that a navigation in between (which
// ends a poll inside the page) does not fail it.
func (b *bt) waitFor(what, cond string) {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`(function(){ try { return !!(`+cond+`); } catch (e) { return false; } })()`))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(50 * time.Millisecond)
	}
	b.failed(what, fmt.Errorf("timed out (%v)", last))
}

// next presses the step's primary button. The press is the button's own
// click() rather than a mouse click at its coordinates: the live check
// (app.js, 400 ms after the last key) may insert messages above the button
// between reading its position and the click, and the click then lands
// beside it (seen once in CI on a loaded machine: the step was never left).
func (b *bt) next(want string) {
	b.t.Helper()
	b.mark()
	eval[bool](b, "press next", `(document.querySelector("#stepform .actions button.primary").click(), true)`)
	b.waitPath(want)
}

func (b *bt) typeIn(sel, text string) {
	b.t.Helper()
	b.run("type "+sel, chromedp.Click(chromedp.CSS(sel)), chromedp.SendKeys(chromedp.CSS(sel), text))
}

// retype selects the field's text and types over it.
func (b *bt) retype(sel, text string) {
	b.t.Helper()
	b.click(sel)
	eval[bool](b, "select "+sel, fmt.Sprintf(`(document.querySelector(%q).select(), true)`, sel))
	b.run("type "+sel, chromedp.SendKeys(chromedp.CSS(sel), text))
}

// choose picks a select's option by typing its visible name, as a person
// does with the keyboard on a focused list.
func (b *bt) choose(sel, name, want string) {
	b.t.Helper()
	b.run("choose "+sel, chromedp.Focus(chromedp.CSS(sel)), chromedp.SendKeys(chromedp.CSS(sel), name))
	v, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		b.failed("value "+sel, err)
	}
	if v != want {
		b.t.Fatalf("%s: typing %q chose %q, want %q", sel, name, v, want)
	}
}

func (b *bt) click(sel string) {
	b.t.Helper()
	b.mark()
	b.run("click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

func (b *bt) waitJS(what, cond string) {
	b.t.Helper()
	b.waitFor(what, cond)
}

func pdfText(t *testing.T, pdf string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("DPA_REQUIRE_TOOLS") == "1" {
			t.Fatal("pdftotext missing")
		}
		t.Skip("pdftotext missing (apt-get install poppler-utils)")
	}
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

var stepIDs = []string{"agreement", "parties", "service", "processing", "risk", "locations", "access", "subprocessors", "terms", "security"}

// A person fills in the whole interview by clicking and typing, sees a
// finding appear at the field and fixes it, previews, downloads the PDF,
// saves, reloads, edits, saves again and compares the two revisions.
func TestBrowserInterview(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts, _ := newWebServer(t)
	b := newBrowser(t, ts.URL)
	dl := t.TempDir()
	b.run("downloads", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		yes := true
		_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dl, EventsEnabled: &yes})
		return err
	}))

	b.run("home", chromedp.Navigate(ts.URL+"/?ui=nb"))
	b.page("nb-home")
	b.typeIn("#new-name", "Journal i skyen")
	b.click(`form[action="/new"] button[type=submit]`)
	b.waitPath("/step/agreement")

	// 1 the agreement
	b.click("#f-status-final")
	b.click("#f-language-nb")
	b.typeIn("#f-agreement-reference", "2026/77")
	b.typeIn("#f-agreement-main_agreement", "SSA-L 2018")
	b.typeIn("#f-agreement-date", "2026-12-01")
	b.typeIn("#f-agreement-place", "Bodø")
	b.page("nb-step-agreement")
	b.next("/step/parties")

	// 2 the parties; a wrong organisation number gives a finding at the field
	b.typeIn("#f-controller-name", "Helse Nordvik HF")
	b.typeIn("#f-controller-org_number", "974 631 408")
	b.waitJS("finding appears", `!!document.querySelector("#f-controller-org_number-msg .msg.error") && document.querySelector("#f-controller-org_number-msg").textContent.indexOf("974 631 408") >= 0`)
	if invalid := eval[string](b, "aria-invalid", `document.querySelector("#f-controller-org_number").getAttribute("aria-invalid")`); invalid != "true" {
		t.Errorf("the field with the finding is not aria-invalid: %q", invalid)
	}
	b.shot("nb-step-parties-finding")
	b.retype("#f-controller-org_number", "310 000 019")
	b.waitJS("finding goes", `!document.querySelector("#f-controller-org_number-msg .msg")`)
	b.typeIn("#f-controller-address", "Postboks 9, 8000 Bodø")
	b.typeIn("#f-controller-contact-name", "Kari Nordmann")
	b.typeIn("#f-controller-contact-email", "kari@example.no")
	b.typeIn("#f-controller-signatory-name", "Per Hansen")
	b.typeIn("#f-controller-signatory-title", "Administrerende direktør")
	b.choose("#f-controller-public_body", "Ja", "true")
	// a public body storing data abroad (Ireland) chooses the archive basis
	b.click("#f-controller-archive_abroad-necessary_administration")
	b.typeIn("#f-controller-breach_contact-email", "avvik@example.no")
	b.typeIn("#f-controller-breach_contact-phone", "+47 75 00 00 01")
	b.typeIn("#f-processor-name", "Skyjournal AS")
	b.typeIn("#f-processor-org_number", "310 000 027")
	b.choose("#f-processor-country", "Norge", "NO")
	b.typeIn("#f-processor-address", "Skyveien 1, 0150 Oslo")
	b.typeIn("#f-processor-signatory-name", "Siri Sky")
	b.typeIn("#f-processor-breach_contact-phone", "+47 23 00 00 01")
	b.page("nb-step-parties")
	b.next("/step/service")

	// 3 the service
	b.typeIn("#f-service-name", "Journal i skyen")
	b.click("#f-service-model-saas")
	b.click("#f-service-deployment-public")
	b.page("nb-step-service")
	b.next("/step/processing")

	// 4 the processing
	b.typeIn("#f-processing-purposes", "Journalføring\nTimebestilling")
	b.typeIn("#f-processing-data_subjects", "Pasienter")
	b.typeIn("#f-processing-data_categories", "Helseopplysninger\nKontaktopplysninger")
	b.click("#f-processing-special_categories-health")
	b.typeIn("#f-processing-duration", "Så lenge hovedavtalen gjelder")
	b.click("#f-processing-volume-large")
	b.page("nb-step-processing")
	b.next("/step/risk")

	// 5 risk
	// yes/no decisions: a choice each, "not chosen" until answered
	if got := eval[string](b, "not chosen", `document.querySelector('#f-risk-patient_record option[value=""]').textContent`); !strings.Contains(got, "Ikke valgt") {
		t.Errorf("risk.patient_record offers %q for no answer, want \"Ikke valgt\"", got)
	}
	b.choose("#f-risk-patient_record", "Ja", "true")
	for _, k := range []string{"health_register", "remote_monitoring", "national_function", "migration"} {
		b.choose("#f-risk-"+k, "Nei", "false")
	}
	b.page("nb-step-risk")
	b.next("/step/locations")

	// 6 locations: a repeatable group, added with a button
	b.click(`button[value="add:locations"]`)
	b.waitPath("/step/locations")
	b.waitJS("location added", `!!document.querySelector("#f-locations-0-country")`)
	b.typeIn("#f-locations-0-purpose", "primærlagring og sikkerhetskopi")
	b.choose("#f-locations-0-country", "Irland", "IE")
	b.typeIn("#f-locations-0-address", "1 Cloud Way, Dublin")
	b.typeIn("#f-locations-0-operator", "Example Cloud Ireland Ltd")
	// every value typed is in its field before the step is left
	for sel, want := range map[string]string{"#f-locations-0-purpose": "primærlagring og sikkerhetskopi", "#f-locations-0-country": "IE", "#f-locations-0-address": "1 Cloud Way, Dublin", "#f-locations-0-operator": "Example Cloud Ireland Ltd"} {
		b.waitJS(sel+" holds "+want, fmt.Sprintf(`document.querySelector(%q).value === %q`, sel, want))
	}
	b.page("nb-step-locations")
	b.next("/step/access")

	// 7 access
	b.choose("#f-access_countries-0", "Norge", "NO")
	b.page("nb-step-access")
	b.next("/step/subprocessors")

	// 8 a sub-processor in Ireland with a US parent
	b.click(`button[value="add:subprocessors"]`)
	b.waitPath("/step/subprocessors")
	b.waitJS("sub-processor added", `!!document.querySelector("#f-subprocessors-0-name")`)
	b.typeIn("#f-subprocessors-0-name", "Example Cloud Ireland Ltd")
	b.choose("#f-subprocessors-0-country", "Irland", "IE")
	b.choose("#f-subprocessors-0-parent_country", "USA", "US")
	b.typeIn("#f-subprocessors-0-service", "IaaS")
	b.choose("#f-subprocessors-0-locations-0", "Irland", "IE")
	b.choose("#f-subprocessors-0-access_countries-0", "Irland", "IE")
	b.click(`button[value="more:subprocessors[0].access_countries"]`)
	b.waitPath("/step/subprocessors")
	b.waitJS("another country", `!!document.querySelector("#f-subprocessors-0-access_countries-1")`)
	b.choose("#f-subprocessors-0-access_countries-1", "USA", "US")
	b.click("#f-subprocessors-0-transfer_basis-scc")
	b.waitJS("TIA finding", `document.querySelector("#f-subprocessors-0-tia_done-msg").textContent.indexOf("transfer-without-tia") >= 0`)
	b.shot("nb-step-subprocessors-finding")
	b.click("#f-subprocessors-0-tia_done")
	b.waitJS("TIA finding fixed", `document.querySelector("#f-subprocessors-0-tia_done-msg").textContent.indexOf("transfer-without-tia") < 0`)
	// the US access is by the sub-processor's own staff (its US branch)
	b.choose("#f-subprocessors-0-own_staff_countries-0", "USA", "US")
	b.page("nb-step-subprocessors")
	b.next("/step/terms")

	// 9 terms
	b.typeIn("#f-terms-breach_notice_hours", "24")
	b.typeIn("#f-terms-return_format", "FHIR R4 og PDF/A")
	b.typeIn("#f-terms-liability_cap", "NOK 20 000 000 per kalenderår")
	b.page("nb-step-terms")
	b.next("/step/security")

	// 10 security
	b.click("#f-security-keys_held_by-controller")
	b.page("nb-step-security")
	b.next("/step/translations")

	// 11 translations: the free text typed above is listed; one button
	// adds a pair for each value, the translations are typed in
	if s := b.text("#f-translations-pending"); !strings.Contains(s, "NOK 20 000 000 per kalenderår") || !strings.Contains(s, "FHIR R4 og PDF/A") {
		t.Fatalf("the translations step does not list the values typed: %s", s)
	}
	b.click(`button[value="suggest:translations"]`)
	b.waitPath("/step/translations")
	b.waitJS("suggested pairs", `document.querySelector("#f-translations-0-en") !== null`)
	b.typeIn("#f-translations-0-en", "Chief Executive Officer")
	b.waitJS("the other translations typed", `(() => { document.querySelectorAll('input[name^="translations["][name$="].en"]').forEach((el, i) => { if (!el.value) el.value = "English text " + i }); return true })()`)
	b.page("nb-step-translations")
	b.next("/review")

	b.page("nb-review")
	if s := b.text("#blocking + *"); !strings.Contains(s, "Ingenting hindrer") {
		t.Fatalf("the review shows blocking findings: %s", s)
	}

	// preview
	b.click(`a[href$="/preview"]`)
	b.waitPath("/preview")
	b.page("nb-preview")
	if s := b.text("article.preview"); !strings.Contains(s, "Helse Nordvik HF") || !strings.Contains(s, "Example Cloud Ireland Ltd") {
		t.Fatalf("the preview lacks the names typed")
	}

	// download the PDF by clicking its link
	dctx, dcancel := context.WithTimeout(b.ctx, 30*time.Second)
	progress := chromedp.Events(dctx, browser.DownloadProgress)
	b.click(`a[href*="format=pdf"]`)
	guid := ""
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("the PDF download did not complete: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			guid = ev.GUID
			break
		}
	}
	dcancel()
	text := pdfText(t, filepath.Join(dl, guid))
	for _, want := range []string{"Helse Nordvik HF", "Skyjournal AS", "Example Cloud Ireland Ltd", "310 000 019", "Journal i skyen"} {
		if !strings.Contains(text, want) {
			t.Errorf("the downloaded PDF lacks %q", want)
		}
	}

	// save, reload, edit, save again, compare
	b.run("review", chromedp.Navigate(b.base+strings.TrimSuffix(mustPath(b), "/preview")+"/review"))
	b.waitPath("/review")
	b.typeIn("#save-name", "sendt til leverandør")
	b.click(`form[action$="/save"] button[type=submit]`)
	b.waitPath("/revisions")
	b.run("reload", chromedp.Reload())
	b.waitPath("/revisions")
	if s := b.text("table.list"); !strings.Contains(s, "sendt til leverandør") {
		t.Fatalf("revision not listed after reload: %s", s)
	}
	b.page("nb-revisions-1")
	b.click(`nav.steps a[data-step="terms"]`)
	b.waitPath("/step/terms")
	b.retype("#f-terms-breach_notice_hours", "12")
	b.click(`#stepform .actions button[value="stay"]`)
	b.waitPath("/step/terms")
	b.click(`nav.steps button[value="review"]`)
	b.waitPath("/review")
	b.typeIn("#save-name", "etter forhandling")
	b.click(`form[action$="/save"] button[type=submit]`)
	b.waitPath("/revisions")
	b.page("nb-revisions-2")
	b.click(`form[action$="/compare"] button.primary`)
	b.waitPath("/compare")
	b.page("nb-compare")
	if ins, del := b.text(".redline ins"), b.text(".redline del"); !strings.Contains(ins, "12") || !strings.Contains(del, "24") {
		t.Errorf("redline: ins %q del %q", ins, del)
	}

	// every page again in English
	agr := strings.Split(mustPath(b), "/")[2]
	for _, st := range stepIDs {
		b.run("en "+st, chromedp.Navigate(fmt.Sprintf("%s/a/%s/step/%s?ui=en", b.base, agr, st)))
		b.page("en-step-" + st)
	}
	for _, p := range []string{"review", "preview", "revisions", "compare?old=1&new=2"} {
		sep := "?"
		if strings.Contains(p, "?") {
			sep = "&"
		}
		b.run("en "+p, chromedp.Navigate(fmt.Sprintf("%s/a/%s/%s%sui=en", b.base, agr, p, sep)))
		b.page("en-" + strings.SplitN(p, "?", 2)[0])
	}
	for _, p := range []string{"/", "/import"} {
		b.run("en "+p, chromedp.Navigate(b.base+p+"?ui=en"))
		b.page("en-" + strings.Trim(p, "/"))
	}
	b.run("nb import", chromedp.Navigate(b.base+"/import?ui=nb"))
	b.page("nb-import")
	// an import that is not YAML: the error on the import page
	b.typeIn("#imp-text", "format: 1\nservice: [\n")
	b.click(`form[action="/import"] button[type=submit]`)
	b.waitFor("import error", `!!document.querySelector("#import-err")`)
	b.page("nb-import-error")
	// an import with errors: shown at the fields, and on the review page
	b.run("clear", chromedp.Clear(chromedp.CSS("#imp-text")))
	eval[bool](b, "clear", `(document.querySelector("#imp-text").value = "", true)`)
	b.typeIn("#imp-text", "format: 1\nservice: {name: X, model: sky, deployment: public}\n")
	b.click(`form[action="/import"] button[type=submit]`)
	b.waitPath("/review")
	b.page("nb-review-blocking")
	if s := b.text("#blocking + *"); !strings.Contains(s, "sky") {
		t.Errorf("the import's error is not on the review page: %s", s)
	}
	b.click(`a[href*="/step/service#f-service-model"]`)
	b.waitPath("/step/service")
	b.page("nb-step-service-import-error")
	if s := b.text("#f-service-model-msg"); !strings.Contains(s, "sky") {
		t.Errorf("the import's error is not at the field: %q", s)
	}
	t.Logf("screenshots in %s", b.shots)
}

func mustPath(b *bt) string {
	return eval[string](b, "location", `location.pathname`)
}

// key presses a key on the focused element.
func (b *bt) key(k string) {
	b.t.Helper()
	b.mark()
	b.run("key", chromedp.KeyEvent(k))
}

// tabTo presses Tab until the focused element satisfies cond (a JS
// expression over el), at most 400 times.
func (b *bt) tabTo(what, cond string) {
	b.t.Helper()
	for i := 0; i < 400; i++ {
		if eval[bool](b, "focus", `(function(el){ return !!el && (`+cond+`); })(document.activeElement)`) {
			return
		}
		b.key(kb.Tab)
	}
	b.t.Fatalf("Tab never reached %s", what)
}

func (b *bt) tabType(id, text string) {
	b.t.Helper()
	b.tabTo(id, fmt.Sprintf(`el.id === %q`, id))
	b.key(text)
}

// radio tabs into a radio group and moves with the arrow keys to value.
func (b *bt) radio(name, value string) {
	b.t.Helper()
	b.tabTo(name, fmt.Sprintf(`el.name === %q && el.type === "radio"`, name))
	for i := 0; i < 12; i++ {
		if eval[string](b, "radio", `document.activeElement.value`) == value {
			b.key(" ")
			return
		}
		b.key(kb.ArrowDown)
	}
	b.t.Fatalf("arrow keys never reached %s=%s", name, value)
}

func (b *bt) tabChoose(id, name string) {
	b.t.Helper()
	b.tabTo(id, fmt.Sprintf(`el.id === %q`, id))
	b.key(name)
}

func (b *bt) tabPress(what, cond string) {
	b.t.Helper()
	b.tabTo(what, cond)
	b.key(kb.Enter)
}

// The whole interview with the keyboard alone: Tab, typing, arrow keys,
// space and Enter, no clicks.
func TestBrowserKeyboardOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts, _ := newWebServer(t)
	b := newBrowser(t, ts.URL)
	b.run("home", chromedp.Navigate(ts.URL+"/?ui=en"))
	b.waitPath("/")
	b.tabType("new-name", "Keyboard DPA")
	b.key(kb.Enter)
	b.waitPath("/step/agreement")
	next := func(want string) {
		b.tabPress("Next", `el.tagName === "BUTTON" && el.value === "next" && el.classList.contains("primary")`)
		b.waitPath(want)
	}
	b.radio("status", "final")
	b.tabType("f-agreement-reference", "2026/88")
	next("/step/parties")
	b.tabType("f-controller-name", "Helse Tastatur HF")
	b.tabType("f-controller-org_number", "310 000 019")
	b.tabType("f-controller-address", "Postboks 1, 0001 Oslo")
	b.tabType("f-controller-breach_contact-email", "avvik@example.no")
	b.tabChoose("f-controller-public_body", "Yes")
	// the sub-processor stores backups in Sweden: the archive basis is a choice
	b.radio("controller.archive_abroad", "necessary_administration")
	b.tabType("f-processor-name", "Tastesky AS")
	b.tabType("f-processor-org_number", "310 000 027")
	b.tabChoose("f-processor-country", "Norway")
	b.tabType("f-processor-address", "Veien 2, 0002 Oslo")
	b.tabType("f-processor-breach_contact-phone", "+47 23 00 00 01")
	next("/step/service")
	b.tabType("f-service-name", "Keyboard journal")
	b.radio("service.model", "saas")
	b.radio("service.deployment", "private")
	next("/step/processing")
	b.tabType("f-processing-purposes", "Patient records")
	b.tabType("f-processing-data_subjects", "Patients")
	b.tabType("f-processing-data_categories", "Health data")
	b.tabTo("health", `el.id === "f-processing-special_categories-health"`)
	b.key(" ")
	b.tabType("f-processing-duration", "While the main agreement lasts")
	next("/step/risk")
	// the yes/no decisions, each a choice
	b.tabChoose("f-risk-patient_record", "Yes")
	for _, k := range []string{"health_register", "remote_monitoring", "national_function", "migration"} {
		b.tabChoose("f-risk-"+k, "No")
	}
	next("/step/locations")
	b.tabPress("add location", `el.value === "add:locations"`)
	b.waitPath("/step/locations")
	b.tabChoose("f-locations-0-country", "Norway")
	b.tabType("f-locations-0-address", "Datasenterveien 3, 0003 Oslo")
	b.tabType("f-locations-0-operator", "Tastesky AS")
	next("/step/access")
	b.tabChoose("f-access_countries-0", "Norway")
	next("/step/subprocessors")
	b.tabPress("add sub-processor", `el.value === "add:subprocessors"`)
	b.waitPath("/step/subprocessors")
	b.tabType("f-subprocessors-0-name", "Backup AB")
	b.tabChoose("f-subprocessors-0-country", "Sweden")
	b.tabType("f-subprocessors-0-service", "Backup")
	b.tabChoose("f-subprocessors-0-locations-0", "Sweden")
	next("/step/terms")
	b.tabType("f-terms-breach_notice_hours", "24")
	b.tabType("f-terms-liability_cap", "NOK 20 000 000 per year")
	next("/step/security")
	b.radio("security.keys_held_by", "controller")
	next("/step/translations")
	next("/review")
	b.page("en-keyboard-review")
	if s := b.text("#blocking + *"); !strings.Contains(s, "Nothing stops a final agreement") {
		t.Fatalf("blocking findings after the keyboard interview: %s", s)
	}
	b.tabType("save-name", "keyboard")
	b.key(kb.Enter)
	b.waitPath("/revisions")
	if s := b.text("table.list"); !strings.Contains(s, "keyboard") {
		t.Fatalf("not saved: %s", s)
	}
	if !eval[bool](b, "skip link", `document.querySelector("a.skip").getAttribute("href") === "#main"`) {
		t.Error("no skip link")
	}
}
