package diff_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/diff"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/doc/doctest"
	"github.com/dpa-no/dpa/internal/docx"
	"github.com/dpa-no/dpa/internal/i18n"
	rdocx "github.com/dpa-no/dpa/internal/render/docx"
	"github.com/dpa-no/dpa/internal/render/rendertest"
)

// readBack reads the body of a .docx as Word shows it after accepting
// (mode "accept") or rejecting ("reject") every tracked change, or as it
// is ("none", for a document without changes): one line per paragraph,
// "style|text", table cells as their paragraphs between "<table>" and
// "</table>" with "<row>" before each row. Field instructions are not
// text, cached field results are. A paragraph whose mark is removed joins
// the next paragraph (its content first, the next one's style); a removed
// mark before a table or at the end of a cell is an error, since Word
// would leave an empty paragraph there.
func readBack(t *testing.T, b []byte, mode string) []string {
	t.Helper()
	x, err := docx.Part(b, "word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(x))
	var out []string
	var text strings.Builder
	pending := ""
	hasPending := false
	style := ""
	var inPPr, inRPrOfP, inTrPr, markIns, markDel, inInstr, inPPrChange, hasPPrChange bool
	oldStyle := ""
	insDepth, delDepth := 0, 0
	var rowRemoved []bool
	inRow, tableOpen, pendingOutside := false, false, false
	var rowLines []string
	emit := func(s string) {
		if inRow {
			rowLines = append(rowLines, s)
		} else {
			out = append(out, s)
		}
	}
	removed := func() bool {
		if len(rowRemoved) > 0 && rowRemoved[len(rowRemoved)-1] {
			return true
		}
		return (mode == "accept" && delDepth > 0) || (mode == "reject" && insDepth > 0)
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "p":
				style, markIns, markDel = "", false, false
				oldStyle, hasPPrChange = "", false
				text.Reset()
			case "pPr":
				inPPr = true
			case "rPr":
				if inPPr {
					inRPrOfP = true
				}
			case "pStyle":
				for _, a := range e.Attr {
					if a.Name.Local == "val" {
						if inPPrChange {
							oldStyle = a.Value
						} else {
							style = a.Value
						}
					}
				}
			case "pPrChange":
				inPPrChange, hasPPrChange = true, true
			case "ins", "del":
				ins := e.Name.Local == "ins"
				switch {
				case inTrPr:
					if (ins && mode == "reject") || (!ins && mode == "accept") {
						rowRemoved[len(rowRemoved)-1] = true
					}
				case inRPrOfP && ins:
					markIns = true
				case inRPrOfP:
					markDel = true
				case ins:
					insDepth++
				default:
					delDepth++
				}
			case "tbl":
				// a table all of whose rows are removed is gone: it is
				// opened with its first remaining row
				tableOpen = false
			case "tr":
				inRow = true
				rowLines = nil
				rowRemoved = append(rowRemoved, false)
			case "trPr":
				inTrPr = true
			case "tab":
				if !inPPr && !removed() {
					text.WriteString("\t")
				}
			case "br":
				if !removed() {
					text.WriteString("\n")
				}
			case "instrText", "delInstrText":
				inInstr = true
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "pPr":
				inPPr = false
			case "pPrChange":
				inPPrChange = false
			case "rPr":
				inRPrOfP = false
			case "trPr":
				inTrPr = false
			case "ins":
				if !inRPrOfP && !inTrPr && insDepth > 0 {
					insDepth--
				}
			case "del":
				if !inRPrOfP && !inTrPr && delDepth > 0 {
					delDepth--
				}
			case "instrText", "delInstrText":
				inInstr = false
			case "p":
				gone := (mode == "accept" && markDel) || (mode == "reject" && markIns)
				if mode == "reject" && hasPPrChange {
					style = oldStyle
				}
				if len(rowRemoved) > 0 && rowRemoved[len(rowRemoved)-1] {
					continue
				}
				if gone {
					pending += text.String()
					hasPending = true
					pendingOutside = !inRow
					continue
				}
				if hasPending && pendingOutside && inRow {
					t.Errorf("a removed paragraph mark before a table (text %q) after %q, in cell %q", pending, out[max(0, len(out)-3):], text.String())
				}
				emit(style + "|" + pending + text.String())
				pending, hasPending = "", false
			case "tc":
				if hasPending && !rowRemoved[len(rowRemoved)-1] {
					t.Errorf("a removed paragraph mark at the end of a cell (text %q)", pending)
					pending, hasPending = "", false
				}
			case "tr":
				if !rowRemoved[len(rowRemoved)-1] {
					if !tableOpen {
						if hasPending {
							t.Errorf("a removed paragraph mark before a table (text %q)", pending)
							pending, hasPending = "", false
						}
						out = append(out, "<table>")
						tableOpen = true
					}
					out = append(out, "<row>")
					out = append(out, rowLines...)
				}
				rowRemoved = rowRemoved[:len(rowRemoved)-1]
				inRow = false
			case "tbl":
				if tableOpen {
					out = append(out, "</table>")
				}
			}
		case xml.CharData:
			if inInstr || removed() {
				continue
			}
			text.Write(e)
		}
	}
	if hasPending {
		t.Errorf("a removed paragraph mark at the end of the document")
	}
	return out
}

func agreement(t testing.TB, name string, raw []byte, lang string) *doc.Document {
	t.Helper()
	a, err := answers.Load(name, raw, i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	lib, err := assemble.LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := assemble.Assemble(assemble.Input{Answers: a, Raw: raw, Source: name, Lib: lib, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	return res.Doc
}

func edit(t testing.TB, s string, pairs ...string) []byte {
	t.Helper()
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("example lacks %q", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return []byte(s)
}

// variants of the example: the clause of specific authorisation swapped
// for general authorisation, a sub-processor removed and one added, a
// term changed, the service renamed.
func variants(t testing.TB) map[string][2][]byte {
	ex := string(examples.Journal)
	return map[string][2][]byte{
		"swap": {examples.Journal, edit(t, ex, "subprocessor_authorisation: specific", "subprocessor_authorisation: general")},
		"rows": {examples.Journal, edit(t, ex,
			"  - name: Example Cloud Inc.\n", "  - name: Example Cloud Support Inc.\n",
			"subprocessors:\n", "subprocessors:\n  - name: Nordisk Drift AS\n    country: NO\n    service: \"Overvåking av driften\"\n    access_countries: [NO]\n",
			"breach_notice_hours: 24", "breach_notice_hours: 12",
			"restore_time_hours: 8", "restore_time_hours: 4")},
		"mixed": {examples.Journal, edit(t, ex,
			"subprocessor_authorisation: specific", "subprocessor_authorisation: general",
			"  - purpose: sikkerhetskopi\n    country: NL\n    address: \"Datacenterweg 10, 1101 Amsterdam, Nederland\"\n    operator: Example Cloud Ireland Ltd\n", "",
			"restore_time_hours: 8", "restore_time_hours: 48")},
	}
}

var when = time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)

func checkRedline(t *testing.T, name string, a, b *doc.Document) []byte {
	t.Helper()
	red := diff.Redline(a, b, diff.RedlineOptions{Author: "Advokat Ås", Date: when})
	if err := docx.Check(red); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	ba, err := rdocx.Bytes(a)
	if err != nil {
		t.Fatal(err)
	}
	bb, err := rdocx.Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		mode string
		want []byte
	}{{"accept", bb}, {"reject", ba}} {
		got, want := readBack(t, red, c.mode), readBack(t, c.want, "none")
		if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
			t.Errorf("%s: %s all changes does not give the agreement:\n%s", name, c.mode, firstDiff(got, want))
		}
	}
	x, _ := docx.Part(red, "word/document.xml")
	in, err := docx.Inspect(x)
	if err != nil {
		t.Fatal(err)
	}
	for n, k := range in.Bookmarks {
		if k != 1 {
			t.Errorf("%s: bookmark %s defined %d times", name, n, k)
		}
	}
	for _, f := range in.Fields {
		if w := strings.Fields(f.Instr); len(w) > 1 && w[0] == "REF" && in.Bookmarks[w[1]] == 0 {
			t.Errorf("%s: %s names no bookmark", name, f.Instr)
		}
	}
	return red
}

func firstDiff(got, want []string) string {
	for i := 0; i < len(got) || i < len(want); i++ {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			lo := i - 2
			if lo < 0 {
				lo = 0
			}
			ctx := ""
			for k := lo; k < i && k < len(want); k++ {
				ctx += "   " + want[k] + "\n"
			}
			return ctx + "got  " + g + "\nwant " + w
		}
	}
	return ""
}

func TestRedlineAcceptReject(t *testing.T) {
	for name, v := range variants(t) {
		for _, lang := range []string{"nb", "en"} {
			a := agreement(t, "a.yaml", v[0], lang)
			b := agreement(t, "b.yaml", v[1], lang)
			red := checkRedline(t, name+"."+lang, a, b)
			checkRedline(t, name+"."+lang+" reversed", b, a)
			x, _ := docx.Part(red, "word/document.xml")
			if !bytes.Contains(x, []byte(`w:author="Advokat Ås" w:date="2026-12-01T09:30:00Z"`)) {
				t.Errorf("%s: no change by the author at the date", name)
			}
			if bytes.Contains(x, []byte(" | ")) {
				t.Errorf("%s: table cells joined by pipes", name)
			}
		}
	}
}

// TestRedlineScenarios: every pair of agreements of the scenario suite
// (very different agreements), both ways, both languages.
func TestRedlineScenarios(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "scenarios", "*.yaml"))
	var docs []*doc.Document
	var names []string
	for _, f := range files {
		if filepath.Base(f) == "expect.yaml" {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"nb", "en"} {
			docs = append(docs, agreement(t, f, raw, lang))
			names = append(names, filepath.Base(f)+"."+lang)
		}
	}
	for i := range docs {
		for j := i % 2; j < len(docs); j += 2 { // every other file, same language
			if i != j {
				checkRedline(t, names[i]+" -> "+names[j], docs[i], docs[j])
			}
		}
	}
}

// TestRedlineShapes: a swapped clause is one clause redlined, added
// and removed table rows are row revisions, changed rows keep their row.
func TestRedlineShapes(t *testing.T) {
	v := variants(t)
	a := agreement(t, "a.yaml", v["swap"][0], "nb")
	b := agreement(t, "b.yaml", v["swap"][1], "nb")
	x, _ := docx.Part(diff.Redline(a, b, diff.RedlineOptions{Date: when}), "word/document.xml")
	var heading string
	for _, p := range strings.Split(string(x), "</w:p>") {
		if strings.Contains(p, `<w:pStyle w:val="Heading2"/>`) && strings.Contains(p, "godkjenning") && strings.Contains(p, "Underdatabehandlere") && !strings.Contains(p, "TOC") {
			heading = p
		}
	}
	if heading == "" || !strings.Contains(heading, "<w:delText") || !strings.Contains(heading, "<w:ins ") || strings.Contains(heading, "<w:rPr><w:ins") || strings.Contains(heading, "<w:rPr><w:del") {
		t.Errorf("the swapped clause's heading is not one heading redlined:\n%s", heading)
	}
	if !bytes.Contains(x, []byte(`w:author="dpa"`)) {
		t.Error("default author is not dpa")
	}
	a = agreement(t, "a.yaml", v["rows"][0], "nb")
	b = agreement(t, "b.yaml", v["rows"][1], "nb")
	x, _ = docx.Part(diff.Redline(a, b, diff.RedlineOptions{Date: when}), "word/document.xml")
	for _, s := range []string{"<w:trPr><w:ins ", "Nordisk Drift AS"} {
		if !bytes.Contains(x, []byte(s)) {
			t.Errorf("rows redline lacks %s", s)
		}
	}
	// the renamed sub-processor's row: a cell redline, not a new row
	for _, row := range strings.Split(string(x), "</w:tr>") {
		if strings.Contains(row, "Support") && strings.Contains(row, "Example Cloud") && strings.Contains(row, "<w:trPr><w:ins") && strings.Contains(row, ">Inc.<") {
			t.Errorf("changed row is a whole new row: %s", row)
		}
	}
}

// TestRedlinePandoc: pandoc's accept-all of the redline reads as pandoc's
// reading of B's DOCX, its reject-all as A's.
func TestRedlinePandoc(t *testing.T) {
	pandoc := rendertest.Tool(t, "pandoc")
	dir := t.TempDir()
	v := variants(t)
	for _, name := range []string{"mixed", "rows"} {
		a := agreement(t, "a.yaml", v[name][0], "nb")
		b := agreement(t, "b.yaml", v[name][1], "nb")
		write := func(f string, data []byte) string {
			p := filepath.Join(dir, f)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}
		ba, _ := rdocx.Bytes(a)
		bb, _ := rdocx.Bytes(b)
		red := write("red.docx", diff.Redline(a, b, diff.RedlineOptions{Date: when}))
		read := func(f, mode string) string {
			out, err := exec.Command(pandoc, "-f", "docx", "-t", "plain", "--wrap=none", "--track-changes="+mode, f).Output()
			if err != nil {
				t.Fatalf("pandoc: %v", err)
			}
			return string(out)
		}
		for _, c := range []struct{ mode, want string }{{"accept", read(write("b.docx", bb), "accept")}, {"reject", read(write("a.docx", ba), "accept")}} {
			// pandoc does not implement row revisions and keeps an empty
			// list item for a deleted one: the words, all of them and in
			// order, must be the same
			got := read(red, c.mode)
			gw, ww := rendertest.Words(got), rendertest.Words(c.want)
			if strings.Join(gw, " ") != strings.Join(ww, " ") {
				t.Errorf("%s: pandoc --track-changes=%s differs in words:\n%s", name, c.mode, firstDiff(gw, ww))
			}
			if len(ww) < 5000 {
				t.Errorf("%s: only %d words", name, len(ww))
			}
		}
	}
}

// TestRedlineTextSafe: control characters and bidirectional overrides
// from the answers are shown as codes in the md and html redline.
func TestRedlineTextSafe(t *testing.T) {
	v := variants(t)
	a := agreement(t, "a.yaml", v["swap"][0], "nb")
	b := agreement(t, "b.yaml", v["swap"][1], "nb")
	// the loader refuses these characters; the renderer must not rely on it
	b.Subtitle = "Journal\u202esystem\x1b[31m"
	for _, f := range []func(io.Writer, *doc.Document, *doc.Document, diff.RedlineOptions) error{diff.RedlineMarkdown, diff.RedlineHTML} {
		var out bytes.Buffer
		if err := f(&out, a, b, diff.RedlineOptions{}); err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(out.String(), "\u202e\x1b") || !strings.Contains(strings.ReplaceAll(out.String(), `\`, ""), "[U+202E]") {
			i := strings.IndexAny(out.String(), "\u202e\x1b")
			t.Errorf("control characters reach the redline: %q", out.String()[max(0, i-80):min(out.Len(), i+40)])
		}
	}
}

// FuzzRedline: for any texts in paragraphs, list items and table cells
// of two agreements, accept-all of the redline reads as the new agreement
// and reject-all as the old one.
func FuzzRedline(f *testing.F) {
	f.Add("Databehandler skal slette opplysningene.", "Databehandler skal slette og tilbakelevere opplysningene.", uint8(0))
	f.Add("", "Et nytt avsnitt.\nmed linjeskift", uint8(1))
	f.Add("a\tb", "", uint8(2))
	f.Add("\U00100000 privat", "x \U00100001", uint8(3))
	f.Add("Se punkt 2.1", "Se punkt 2.1 og 1.1", uint8(7))
	f.Fuzz(func(t *testing.T, x, y string, k uint8) {
		mk := func(s string, other bool) *doc.Document {
			d := doctest.Sample(k&8 != 0)
			c := &d.Sections[1].Clauses[0]
			switch k % 4 {
			case 0:
				c.Blocks[0].Text = s
			case 1:
				c.Blocks = append(c.Blocks[:1], append([]doc.Block{{Kind: doc.Paragraph, Text: s}}, c.Blocks[1:]...)...)
			case 2:
				c.Blocks[1].Items = append(c.Blocks[1].Items, s)
			case 3:
				tb := d.Annexes[0].Blocks[1].Table
				tb.Rows = append(tb.Rows, []string{s, "NO", s, ""})
			}
			if other && k&16 != 0 {
				d.Sections[0].Clauses = append(d.Sections[0].Clauses, doc.Clause{ID: "new", Number: "1.2", Title: s, Blocks: []doc.Block{{Kind: doc.Paragraph, Text: s}}})
			}
			return d
		}
		a, b := mk(x, false), mk(y, true)
		checkRedline(t, "fuzz", a, b)
		checkRedline(t, "fuzz reversed", b, a)
	})
}

// negotiate makes the kind of edits two negotiating parties make to the
// example, chosen by rng: terms, authorisation, sub-processors and
// locations added, removed and renamed, purposes, the service name, a
// migration, the key holder.
func negotiate(t *testing.T, rng *rand.Rand) *answers.Answers {
	t.Helper()
	a, err := answers.Load("x.yaml", examples.Journal, i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"Nordisk", "Drift", "AS", "Helse", "Sky", "Analyse", "Lagring", "Støtte", "Overvåking", "Logg", "Backup", "Ltd", "GmbH", "Oy"}
	name := func() string {
		n := 1 + rng.Intn(3)
		var s []string
		for i := 0; i < n; i++ {
			s = append(s, words[rng.Intn(len(words))])
		}
		return strings.Join(s, " ")
	}
	p := func() bool { return rng.Intn(10) < 4 }
	if p() {
		if a.Terms.SubprocessorAuthorisation == "specific" {
			a.Terms.SubprocessorAuthorisation = "general"
		} else {
			a.Terms.SubprocessorAuthorisation = "specific"
		}
	}
	if p() {
		h := 1 + rng.Intn(72)
		a.Terms.BreachNoticeHours = &h
	}
	if p() {
		h := 1 + rng.Intn(96)
		a.Terms.RestoreTimeHours = &h
	}
	for p() && len(a.Subprocessors) > 0 {
		i := rng.Intn(len(a.Subprocessors))
		a.Subprocessors = append(a.Subprocessors[:i], a.Subprocessors[i+1:]...)
	}
	for p() {
		i := rng.Intn(len(a.Subprocessors) + 1)
		s := answers.Subprocessor{Name: name(), Country: "NO", Service: name(), AccessCountries: []string{"NO"}}
		a.Subprocessors = append(a.Subprocessors[:i], append([]answers.Subprocessor{s}, a.Subprocessors[i:]...)...)
	}
	if p() && len(a.Subprocessors) > 0 {
		a.Subprocessors[rng.Intn(len(a.Subprocessors))].Name = name()
	}
	if p() && len(a.Locations) > 1 {
		a.Locations = a.Locations[:len(a.Locations)-1]
	}
	if p() {
		a.Locations = append(a.Locations, answers.Location{Purpose: "reserve", Country: "SE", Address: name(), Operator: name()})
	}
	if p() && len(a.Processing.Purposes) > 0 {
		a.Processing.Purposes = a.Processing.Purposes[1:]
	}
	if p() {
		a.Processing.Purposes = append(a.Processing.Purposes, name())
	}
	if p() {
		a.Service.Name = name()
	}
	if p() {
		a.Risk.Migration = answers.Bool(!answers.Yes(a.Risk.Migration))
	}
	if p() {
		a.Security.KeysHeldBy = []string{"controller", "processor", "third_party_eea"}[rng.Intn(3)]
	}
	return a
}

// TestRedlineNegotiated: for many pairs of negotiated versions of the
// example, accept-all of the redline is B and reject-all is A.
func TestRedlineNegotiated(t *testing.T) {
	lib, err := assemble.LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(14))
	n, changed := 24, 0
	if testing.Short() {
		n = 6
	}
	for i := 0; i < n; i++ {
		lang := []string{"nb", "en"}[i%2]
		var ds [2]*doc.Document
		for k := range ds {
			res, err := assemble.Assemble(assemble.Input{Answers: negotiate(t, rng), Raw: []byte{byte(i), byte(k)}, Source: "x.yaml", Lib: lib, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			ds[k] = res.Doc
		}
		red := checkRedline(t, "negotiated "+strconv.Itoa(i), ds[0], ds[1])
		if x, _ := docx.Part(red, "word/document.xml"); bytes.Count(x, []byte("<w:ins ")) > 2 && bytes.Count(x, []byte("<w:del ")) > 2 {
			changed++
		}
	}
	if changed < n/2 {
		t.Errorf("only %d of %d negotiated pairs differ in both directions", changed, n)
	}
}
