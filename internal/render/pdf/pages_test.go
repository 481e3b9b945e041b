package pdf

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/render/rendertest"
)

var (
	pagesN      = flag.Int("pages.n", 200, "generated agreements the pagination property test renders (-short: 60)")
	allTool     = flag.Bool("pages.pdftotext", false, "read every scenario PDF with pdftotext too")
	pagesBudget = flag.Duration("pages.budget", 0, "with -pages.n: stop generating after this time (0: no limit)")
)

// baseAnswers are the embedded example and every scenario.
func baseAnswers(t testing.TB) map[string][]byte {
	in := map[string][]byte{"example": examples.Journal}
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "scenarios", "*.yaml"))
	for _, f := range files {
		if filepath.Base(f) == "expect.yaml" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in[strings.TrimSuffix(filepath.Base(f), ".yaml")] = b
	}
	if len(in) < 5 {
		t.Fatalf("only %d answers files", len(in))
	}
	return in
}

// closingLine is the fingerprint line that ends the agreement.
var closingLine = regexp.MustCompile(`^(?:Fingeravtrykk|Fingerprint): [0-9a-f]+ · `)

var pageLabelRe = regexp.MustCompile(`^(?:Side|Page) (\d+) (?:av|of) (\d+)$`)

// checkPages is the property: every page of the file carries "Side N av
// M" (or "Page N of M") with N its own number and M the real count, once;
// every page has text in its body (between header and footer) other than
// the closing fingerprint line; the page tree's /Count is the number of
// page objects.
func checkPages(b []byte, lang string) error {
	pages, count, err := readPDF(b)
	if err != nil {
		return err
	}
	if count != len(pages) || count == 0 {
		return fmt.Errorf("page tree counts %d pages, file has %d page objects", count, len(pages))
	}
	word := "Side %d av %d"
	if lang == "en" {
		word = "Page %d of %d"
	}
	for i, pg := range pages {
		want := fmt.Sprintf(word, i+1, len(pages))
		labels, body := 0, 0
		for _, t := range pg.texts {
			if pageLabelRe.MatchString(t.s) {
				if t.s != want {
					return fmt.Errorf("page %d says %q, want %q", i+1, t.s, want)
				}
				labels++
			}
			if t.y > bodyTop && t.y < marginTop+bodyH-footerH && strings.TrimSpace(t.s) != "" && !closingLine.MatchString(t.s) {
				body++
			}
		}
		if labels != 1 {
			return fmt.Errorf("page %d has %d page labels, want one %q", i+1, labels, want)
		}
		if body == 0 {
			return fmt.Errorf("page %d is blank apart from header and footer", i+1)
		}
	}
	return nil
}

// checkLayout is the keep-together property on the pagination itself: no
// page overruns the body; the two signature blocks are on one page; a
// table row on a page is preceded there by its table's header.
func checkLayout(d *doc.Document, pages []page) error {
	sigPage := map[int]bool{}
	var heads []string
	for _, s := range d.Signatures.Parties {
		heads = append(heads, oneLine(s.Role)+":")
	}
	for i, pg := range pages {
		used := 0.0
		seen := map[*piece]bool{}
		for _, x := range pg {
			used += x.p.h
			seen[x.p] = true
			for _, c := range x.p.cells {
				for _, s := range c.spans {
					for _, h := range heads {
						if strings.HasPrefix(s.text, h) && s.st == sBold {
							sigPage[i] = true
						}
					}
				}
			}
			if len(x.p.repeat) > 0 && !seen[x.p.repeat[0]] {
				return fmt.Errorf("page %d: a table row without its header above it", i+1)
			}
		}
		if used > bodyFull+fitEps {
			return fmt.Errorf("page %d holds %.3f mm, the body is %.3f mm", i+1, used, bodyFull)
		}
	}
	if len(d.Signatures.Parties) > 0 && len(sigPage) != 1 {
		return fmt.Errorf("the signature blocks are spread over %d pages", len(sigPage))
	}
	return nil
}

type genCase struct {
	name  string
	raw   []byte
	ans   *answers.Answers
	lang  string
	draft bool
}

func renderCase(t testing.TB, lib *library.Library, c genCase) (*doc.Document, []byte, []page) {
	res, err := assemble.Assemble(assemble.Input{Answers: c.ans, Raw: c.raw, Source: c.name, Lib: lib, Lang: c.lang, Draft: c.draft})
	if err != nil {
		t.Fatalf("%s: assemble: %v", c.name, err)
	}
	met, err := load()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Bytes(res.Doc)
	if err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	return res.Doc, b, layout(res.Doc, met, TOCAuto)
}

// TestPagesScenarios: every scenario and the example, both languages,
// final and draft, checked by the in-process reader and the layout
// property; one variant of each answers file (rotating language and
// draft) is read independently by pdftotext page by page, all of them
// with -pages.pdftotext.
func TestPagesScenarios(t *testing.T) {
	lib, err := assemble.LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	tool := rendertest.Tool(t, "pdftotext")
	dir := t.TempDir()
	n, viaTool := 0, 0
	base := baseAnswers(t)
	var names []string
	for k := range base {
		names = append(names, k)
	}
	sortStrings(names)
	for fi, name := range names {
		raw := base[name]
		a, err := answers.Load(name+".yaml", raw, i18n.For("en"))
		if err != nil {
			t.Fatal(err)
		}
		for li, lang := range []string{"nb", "en"} {
			for di, draft := range []bool{false, true} {
				c := genCase{name: fmt.Sprintf("%s.%s.draft=%v", name, lang, draft), raw: raw, ans: a, lang: lang, draft: draft}
				d, b, pages := renderCase(t, lib, c)
				if err := checkPages(b, lang); err != nil {
					t.Errorf("%s: %v", c.name, err)
				}
				if err := checkLayout(d, pages); err != nil {
					t.Errorf("%s: %v", c.name, err)
				}
				n++
				if !*allTool && (fi+li+di)%4 != 0 {
					continue
				}
				viaTool++
				p := filepath.Join(dir, c.name+".pdf")
				if err := os.WriteFile(p, b, 0o644); err != nil {
					t.Fatal(err)
				}
				out, err := exec.Command(tool, "-enc", "UTF-8", p, "-").Output()
				if err != nil {
					t.Fatal(err)
				}
				texts := strings.Split(string(out), "\f")
				texts = texts[:len(texts)-1] // after the last form feed
				if len(texts) != len(pages) {
					t.Errorf("%s: pdftotext reads %d pages, the layout has %d", c.name, len(texts), len(pages))
				}
				word := "Side %d av %d"
				if lang == "en" {
					word = "Page %d of %d"
				}
				for i, tx := range texts {
					if want := fmt.Sprintf(word, i+1, len(texts)); strings.Count(tx, want) != 1 {
						t.Errorf("%s: pdftotext: page %d lacks %q", c.name, i+1, want)
					}
					if len(strings.Fields(tx)) < 20 {
						t.Errorf("%s: pdftotext: page %d is nearly blank", c.name, i+1)
					}
				}
			}
		}
	}
	t.Logf("%d agreements checked, %d of them also with pdftotext", n, viaTool)
}

// TestPagesGenerated: the same property over generated answers — names,
// lists and free text of random lengths, sub-processors and locations,
// long tokens, phone numbers — rendered in-process and read back with the
// in-process reader. -pages.n sets how many (default 200, -short 60).
func TestPagesGenerated(t *testing.T) {
	lib, err := assemble.LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	base := baseAnswers(t)
	var names []string
	for k := range base {
		names = append(names, k)
	}
	sortStrings(names)
	n := *pagesN
	if testing.Short() && n > 60 {
		n = 60
	}
	rng := rand.New(rand.NewSource(20261201))
	start := time.Now()
	pagesSeen, ran := 0, 0
	for i := 0; i < n; i++ {
		if *pagesBudget > 0 && time.Since(start) > *pagesBudget {
			break
		}
		name := names[rng.Intn(len(names))]
		a, err := answers.Load(name+".yaml", base[name], i18n.For("en"))
		if err != nil {
			t.Fatal(err)
		}
		mutate(rng, a)
		lang := []string{"nb", "en"}[rng.Intn(2)]
		c := genCase{name: fmt.Sprintf("gen%d(%s,%s)", i, name, lang), raw: []byte(fmt.Sprint(i)), ans: a, lang: lang, draft: rng.Intn(3) == 0}
		d, b, pages := renderCase(t, lib, c)
		if err := checkPages(b, lang); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if err := checkLayout(d, pages); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		pagesSeen += len(pages)
		ran++
	}
	t.Logf("%d generated agreements, %d pages, in %v", ran, pagesSeen, time.Since(start).Round(time.Millisecond))
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

var genWords = strings.Fields(`og i for med av til den som skal Behandlingsansvarlig Databehandler
personopplysninger helseopplysninger pasientjournal konfidensialitet confidentiality termination
sikkerhetskopiering Underdatabehandler tjenesteleverandør driftsleverandør logg tilgang
behandling kontroll revisjon avvik varsling data centre storage backup support operations
IaaS-leverandør sub-processor e-post SSA-L ISO/IEC 27001 art. 28 nr. 3 bokstav c
journalføringsplikten Personopplysningssikkerhetsbruddsvarslingsrutinene`)

// gtext is n random words; now and then a phone number, an org number, a
// long hyphenated compound or a token longer than any line.
func gtext(rng *rand.Rand, n int) string {
	var w []string
	for i := 0; i < n; i++ {
		switch r := rng.Intn(60); {
		case r == 0:
			w = append(w, "+47 64 98 00 00")
		case r == 1:
			w = append(w, "310 000 019")
		case r == 2:
			w = append(w, "Behandlingsansvarlig-Databehandler-Underdatabehandler-forholdet")
		case r == 3 && rng.Intn(4) == 0:
			w = append(w, strings.Repeat("x", 80+rng.Intn(200)))
		default:
			w = append(w, genWords[rng.Intn(len(genWords))])
		}
	}
	return strings.Join(w, " ")
}

func list(rng *rand.Rand, max, words int) []string {
	out := make([]string, 1+rng.Intn(max))
	for i := range out {
		out[i] = gtext(rng, 1+rng.Intn(words))
	}
	return out
}

var eea = []string{"NO", "SE", "DK", "FI", "DE", "IE", "NL", "FR"}

// mutate gives a loaded answers file random lengths where the user types
// free text, keeping it valid (EEA countries, no blocking findings).
func mutate(rng *rand.Rand, a *answers.Answers) {
	a.Controller.Name = gtext(rng, 1+rng.Intn(12))
	a.Controller.Address = gtext(rng, 1+rng.Intn(8))
	a.Controller.Contact.Name = gtext(rng, 1+rng.Intn(4))
	a.Controller.Contact.Phone = "+47 64 98 00 00"
	a.Controller.Signatory.Name = gtext(rng, 1+rng.Intn(5))
	a.Controller.Signatory.Title = gtext(rng, 1+rng.Intn(6))
	if a.Processor.Name != "" || rng.Intn(2) == 0 {
		a.Processor.Name = gtext(rng, 1+rng.Intn(10))
		a.Processor.Address = gtext(rng, 1+rng.Intn(8))
		a.Processor.Signatory.Name = gtext(rng, 1+rng.Intn(5))
	}
	a.Service.Name = gtext(rng, 1+rng.Intn(10))
	if rng.Intn(2) == 0 {
		a.Service.Description = gtext(rng, rng.Intn(120))
	}
	a.Processing.Purposes = list(rng, 12, 30)
	a.Processing.Activities = list(rng, 12, 20)
	a.Processing.DataSubjects = list(rng, 8, 6)
	a.Processing.DataCategories = list(rng, 15, 12)
	a.Processing.Duration = gtext(rng, 1+rng.Intn(40))
	if rng.Intn(2) == 0 {
		a.Agreement.Reference = gtext(rng, 1+rng.Intn(3))
		a.Agreement.Place = gtext(rng, 1+rng.Intn(3))
	}
	a.Locations = nil
	for i, n := 0, 1+rng.Intn(10); i < n; i++ {
		a.Locations = append(a.Locations, answers.Location{
			Purpose: gtext(rng, 1+rng.Intn(5)), Country: eea[rng.Intn(len(eea))],
			Address: gtext(rng, 1+rng.Intn(10)), Operator: gtext(rng, 1+rng.Intn(6)),
		})
	}
	a.AccessCountries = []string{"NO"}
	a.Subprocessors = nil
	for i, n := 0, rng.Intn(14); i < n; i++ {
		c := eea[rng.Intn(len(eea))]
		a.Subprocessors = append(a.Subprocessors, answers.Subprocessor{
			Name: gtext(rng, 1+rng.Intn(8)), Country: c, Service: gtext(rng, 1+rng.Intn(25)),
			Locations: []string{c}, AccessCountries: []string{c},
		})
	}
	a.Processor.ParentCountry = ""
	a.Processor.Country = "NO"
}
