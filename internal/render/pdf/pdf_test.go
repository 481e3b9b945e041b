package pdf

import (
	"bytes"
	"fmt"
	"github.com/phpdave11/gofpdf"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/doc/doctest"
	"github.com/dpa-no/dpa/internal/render/rendertest"
	"github.com/dpa-no/dpa/internal/render/text"
)

func render(t testing.TB, d *doc.Document) []byte {
	t.Helper()
	b, err := Bytes(d)
	if err != nil {
		t.Fatalf("Bytes: %v", err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
		t.Fatalf("output is not a complete PDF")
	}
	return b
}

func writePDF(t *testing.T, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// extract runs pdftotext on the whole file or on pages first..last.
func extract(t *testing.T, path string, pages ...int) string {
	t.Helper()
	tool := rendertest.Tool(t, "pdftotext")
	args := []string{"-enc", "UTF-8"}
	if len(pages) == 2 {
		args = append(args, "-f", strconv.Itoa(pages[0]), "-l", strconv.Itoa(pages[1]))
	}
	args = append(args, path, "-")
	out, err := exec.Command(tool, args...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func pageCount(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command(rendertest.Tool(t, "pdfinfo"), path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("pdfinfo shows no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func longCell() *doc.Document {
	d := doctest.Sample(false)
	cell := strings.Repeat("Celle med svært mye tekst om overføringsgrunnlag og tiltak æøå č đ ŋ ŧ. ", 150)[:10000]
	d.Annexes[0].Blocks[1].Table.Rows = append(d.Annexes[0].Blocks[1].Table.Rows, []string{"Lang AS", "Norge", cell, "SCC"})
	return d
}

func longTitle() *doc.Document {
	d := doctest.Sample(false)
	var w []string
	for i := 0; i < 300; i++ {
		w = append(w, fmt.Sprintf("tittelord%d", i))
	}
	d.Sections[1].Clauses[0].Title = strings.Join(w, " ")
	return d
}

var cases = []struct {
	name string
	doc  func() *doc.Document
}{
	{"sample", func() *doc.Document { return doctest.Sample(false) }},
	{"draft", func() *doc.Document { return doctest.Sample(true) }},
	{"stress500", func() *doc.Document { return doctest.Stress(500) }},
	{"longcell", longCell},
	{"longtitle", longTitle},
}

// TestWordsInOrder checks that every word of the text rendering appears,
// in order, in the text extracted from the PDF.
func TestWordsInOrder(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := c.doc()
			p := writePDF(t, render(t, d))
			got := extract(t, p)
			if err := rendertest.WordsInOrder(string(text.Bytes(d)), got); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestLetters(t *testing.T) {
	p := writePDF(t, render(t, doctest.Sample(false)))
	got := extract(t, p)
	for _, l := range strings.Fields(doctest.Letters) {
		if !strings.Contains(got, l) {
			t.Errorf("letter %q lost in the PDF", l)
		}
	}
	if !strings.Contains(got, doctest.Letters) {
		t.Errorf("the letters line does not round-trip:\nwant %q", doctest.Letters)
	}
}

func TestDeterministic(t *testing.T) {
	d := doctest.Stress(50)
	a := render(t, d)
	b := render(t, d)
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same document differ")
	}
	const n = 8
	outs := make([][]byte, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			// different documents at once, so that per-document state
			// (dates, fonts) must not leak between renders
			dd := doctest.Stress(50)
			if i%2 == 1 {
				dd = doctest.Sample(false)
				dd.Meta.Date = "2031-01-02"
			}
			b, err := Bytes(dd)
			if err != nil {
				t.Error(err)
				return
			}
			outs[i] = b
		}(i)
	}
	wg.Wait()
	odd := render(t, func() *doc.Document { d := doctest.Sample(false); d.Meta.Date = "2031-01-02"; return d }())
	for i, o := range outs {
		want := a
		if i%2 == 1 {
			want = odd
		}
		if !bytes.Equal(o, want) {
			t.Errorf("concurrent render %d differs from a sequential one", i)
		}
	}
	if bytes.Equal(a, odd) {
		t.Error("different documents gave identical bytes")
	}
}

func TestQPDFCheck(t *testing.T) {
	tool := rendertest.Tool(t, "qpdf")
	for _, c := range cases {
		p := writePDF(t, render(t, c.doc()))
		if out, err := exec.Command(tool, "--check", p).CombinedOutput(); err != nil {
			t.Errorf("%s: qpdf --check: %v\n%s", c.name, err, out)
		}
	}
}

func TestMetadata(t *testing.T) {
	d := doctest.Sample(false)
	p := writePDF(t, render(t, d))
	out, err := exec.Command(rendertest.Tool(t, "pdfinfo"), "-isodates", p).Output()
	if err != nil {
		t.Fatal(err)
	}
	info := string(out)
	for _, re := range []string{
		`(?m)^Title:\s+Databehandleravtale – Journalsystem som tjeneste$`,
		`(?m)^Subject:\s+Databehandleravtale for Journalsystem som tjeneste$`,
		`(?m)^Author:\s+Helse Vestby HF$`,
		`(?m)^Keywords:\s+databehandleravtale, SaaS$`,
		`(?m)^Creator:\s+dpa 0\.1\.0$`,
		`(?m)^CreationDate:\s+2026-11-22T00:00:00`,
		`(?m)^ModDate:\s+2026-11-22T00:00:00`,
		`(?m)^Page size:\s+595\.28 x 841\.89 pts \(A4\)`,
	} {
		if !regexp.MustCompile(re).MatchString(info) {
			t.Errorf("pdfinfo lacks %s:\n%s", re, info)
		}
	}
	// compression: no uncompressed content stream of text operators
	if bytes.Contains(render(t, d), []byte(" Tj ET")) {
		t.Error("content streams are not compressed")
	}
}

// TestEmptyDate: a model without a date gets SOURCE_DATE_EPOCH's day, or
// today's date at 00:00 UTC, never a fixed epoch; and the bytes stay the
// same for the same input on the same day.
func TestEmptyDate(t *testing.T) {
	d := doctest.Sample(false)
	d.Meta.Date = ""
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600") // 2026-01-01T00:00:00Z
	info := func() string {
		out, err := exec.Command(rendertest.Tool(t, "pdfinfo"), "-isodates", writePDF(t, render(t, d))).Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	if !regexp.MustCompile(`(?m)^CreationDate:\s+2026-01-01T00:00:00`).MatchString(info()) {
		t.Errorf("SOURCE_DATE_EPOCH not used:\n%s", info())
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	today := time.Now().UTC().Format("2006-01-02")
	if got := info(); !regexp.MustCompile(`(?m)^CreationDate:\s+` + today + `T00:00:00`).MatchString(got) {
		t.Errorf("empty date is not today (%s) at 00:00 UTC:\n%s", today, got)
	}
	if a, b := render(t, d), render(t, d); !bytes.Equal(a, b) && time.Now().UTC().Format("2006-01-02") == today {
		t.Error("two renders of an undated document on the same day differ")
	}
	if got := Date("2026-11-22"); !got.Equal(time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Date(2026-11-22) = %v", got)
	}
}

// TestEveryPage checks the running header and footer on each page.
func TestEveryPage(t *testing.T) {
	for _, c := range []struct {
		name  string
		d     *doc.Document
		draft bool
	}{
		{"sample", doctest.Sample(false), false},
		{"draft", doctest.Sample(true), true},
		{"stress", doctest.Stress(500), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := writePDF(t, render(t, c.d))
			n := pageCount(t, p)
			if c.name == "stress" && n < 10 {
				t.Fatalf("stress document has only %d pages", n)
			}
			// one pdftotext run, split at its form feeds (a run per page
			// made this the slowest test of the package)
			all := strings.Split(extract(t, p), "\f")
			if len(all)-1 != n {
				t.Fatalf("pdftotext reads %d pages, pdfinfo %d", len(all)-1, n)
			}
			for i := 1; i <= n; i++ {
				pg := all[i-1]
				if want := fmt.Sprintf("Side %d av %d", i, n); !strings.Contains(pg, want) {
					t.Errorf("page %d lacks %q", i, want)
				}
				if !strings.Contains(pg, c.d.Meta.FingerprintShort) || !strings.Contains(pg, c.d.Meta.LibraryVersion) {
					t.Errorf("page %d lacks fingerprint or library version", i)
				}
				if !strings.Contains(pg, "2026/1234") || !strings.Contains(pg, "Databehandleravtale") {
					t.Errorf("page %d lacks the header (title, reference)", i)
				}
				if got := strings.Contains(pg, "UTKAST"); got != c.draft {
					t.Errorf("page %d: draft mark present = %v, want %v", i, got, c.draft)
				}
				if len(rendertest.Words(pg)) < 12 {
					t.Errorf("page %d is (nearly) blank", i)
				}
			}
		})
	}
}

func TestEnglishDraftMark(t *testing.T) {
	d := doctest.Sample(true)
	d.Lang, d.DraftMark = "en", "DRAFT"
	d.Labels.Page, d.Labels.Of = "Page", "of"
	p := writePDF(t, render(t, d))
	n := pageCount(t, p)
	for i := 1; i <= n; i++ {
		pg := extract(t, p, i, i)
		if !strings.Contains(pg, "DRAFT") || !strings.Contains(pg, fmt.Sprintf("Page %d of %d", i, n)) {
			t.Errorf("page %d lacks DRAFT or Page X of Y", i)
		}
	}
}

func TestRenderWriter(t *testing.T) {
	var buf bytes.Buffer
	d := doctest.Sample(false)
	if err := Render(&buf, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), render(t, d)) {
		t.Fatal("Render and Bytes differ")
	}
	if _, err := Bytes(nil); err == nil {
		t.Fatal("nil document: no error")
	}
}

func FuzzRender(f *testing.F) {
	f.Add("Databehandleravtale", "Tekst med æøå č đ ŋ ŧ.", "celle", "Navn")
	f.Add("", "", "", "")
	f.Add("a\nb\tc\x00", strings.Repeat("x", 3000), strings.Repeat("ord ", 800), "\xff\xfe")
	f.Add("😀 𝔘", "\u200b\u00ad\ufeff", "|||", strings.Repeat("W", 400))
	f.Fuzz(func(t *testing.T, title, para, cell, head string) {
		d := doctest.Sample(len(title)%2 == 0)
		d.Title = title
		d.Subtitle = head
		d.TitleBlock.Rows[0].Value = cell
		d.Sections[0].Title = head
		d.Sections[0].Clauses[0].Title = title
		d.Sections[0].Clauses[0].Blocks = append(d.Sections[0].Clauses[0].Blocks,
			doc.Block{Kind: doc.Paragraph, Text: para},
			doc.Block{Kind: doc.Bullets, Items: []string{para, cell}},
			doc.Block{Kind: doc.Subhead, Text: head},
		)
		tb := d.Annexes[0].Blocks[1].Table
		tb.Header = append(tb.Header, head)
		tb.Rows = append(tb.Rows, []string{cell, para, title}, []string{}, []string{cell, cell, cell, cell, cell, cell})
		d.Signatures.Parties[1].Name = cell
		b, err := Bytes(d)
		if err != nil {
			t.Fatalf("Bytes: %v", err)
		}
		if !bytes.HasPrefix(b, []byte("%PDF")) || !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
			t.Fatal("not a complete PDF")
		}
	})
}

func BenchmarkRenderSample(b *testing.B) {
	d := doctest.Sample(false)
	if _, err := Bytes(d); err != nil { // load fonts outside the timing
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Bytes(d); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWidthsFile: fonts/widths.bin holds exactly the widths gofpdf reads
// from the embedded fonts (GetRuneWidths), and those match gofpdf's own
// GetStringSymbolWidth rune by rune (surrogates excepted: they cannot occur
// in a Go string). go generate ./... rewrites the file.
func TestWidthsFile(t *testing.T) {
	want, err := measure()
	if err != nil {
		t.Fatal(err)
	}
	{
		have, err := decodeWidths(widthsBin)
		if err != nil {
			t.Fatal(err)
		}
		for s := 0; s < nStyles; s++ {
			for r := range want.w[s] {
				if have.w[s][r] != want.w[s][r] {
					t.Fatalf("fonts/widths.bin is stale (style %d, %U: %d, fonts say %d): run go generate ./...", s, r, have.w[s][r], want.w[s][r])
				}
			}
		}
	}
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(family, "", fontRegular)
	f.AddUTF8FontFromBytes(family, "B", fontBold)
	f.AddUTF8FontFromBytes(family, "I", fontItalic)
	for s := 0; s < nStyles; s++ {
		f.SetFont(family, string(styleNames[s]), 10)
		for r := rune(0); r < 0x10000; r++ {
			if r >= 0xD800 && r <= 0xDFFF {
				continue
			}
			if w := f.GetStringSymbolWidth(string(r)); int(want.w[s][r]) != w {
				t.Fatalf("style %d rune %U: table %d, gofpdf %d", s, r, want.w[s][r], w)
			}
		}
	}
	if want.w[sRegular]['a'] == 0 || want.w[sBold]['W'] <= want.w[sRegular]['i'] {
		t.Fatal("implausible widths")
	}
}
