package docx

import (
	"archive/zip"
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"
)

var when = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

func sample() *Document {
	d := New(Options{
		Lang: "nb-NO", Title: "Tittel & <ting>", Subject: "Emne", Creator: "Helse Vestby HF",
		Keywords: []string{"a", "b"}, Created: when,
		Header: []Para{{Runs: []Run{{Text: "Avtale"}, {Text: "\tUTKAST", Bold: true, Color: "C00000"}}}},
		Footer: []Para{{Runs: []Run{{Text: "Side "}, {Field: "PAGE", Text: "1"}, {Text: " av "}, {Field: "NUMPAGES", Text: "1"}}}},
	})
	d.Paragraph(StyleTitle, Run{Text: "Databehandleravtale"})
	d.Paragraph(StyleHeading1, Run{Text: "1\tParter"})
	d.Paragraph(StyleBodyText, Run{Text: "Vanlig "}, Run{Text: "fet", Bold: true}, Run{Text: " kursiv", Italic: true, Color: "#336699", Size: 24})
	d.Bullet(0, Run{Text: "punkt én"})
	d.Bullet(1, Run{Text: "underpunkt"})
	l := d.NewNumberedList()
	d.Numbered(l, 0, Run{Text: "første"})
	d.Numbered(l, 0, Run{Text: "andre"})
	l2 := d.NewNumberedList()
	d.Numbered(l2, 0, Run{Text: "igjen første"})
	d.Table(Table{Header: []string{"Navn", "Land"}, Rows: [][]string{{"A", "NO"}, {"B", "SE"}}, Widths: []int{2, 1}})
	d.Table(Table{Header: []string{"Spenner"}, Rows: [][]string{{"a", "b"}}, BoldFirstColumn: true, KeepTogether: true})
	d.PageBreak()
	ch := &Change{Author: "dpa", Date: when}
	d.Para(Para{Style: StyleBodyText, Runs: []Run{{Text: "før "}, {Text: "ny tekst", Ins: ch}, {Text: "gammel tekst", Del: ch}, {Text: " etter"}}})
	d.Para(Para{Style: StyleBodyText, Ins: ch, Runs: []Run{{Text: "helt nytt avsnitt", Ins: ch}}})
	return d
}

func unzip(t testing.TB, b []byte) (map[string][]byte, []string) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	var names []string
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		m[f.Name] = data
		names = append(names, f.Name)
	}
	return m, names
}

func TestPackage(t *testing.T) {
	b := sample().Bytes()
	if err := Check(b); err != nil {
		t.Fatal(err)
	}
	parts, names := unzip(t, b)
	if names[0] != "[Content_Types].xml" {
		t.Errorf("first entry %s", names[0])
	}
	for _, want := range []string{"word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml", "word/header1.xml", "word/footer1.xml", "docProps/core.xml", "docProps/app.xml"} {
		if _, ok := parts[want]; !ok {
			t.Errorf("missing %s", want)
		}
	}
	core := string(parts["docProps/core.xml"])
	for _, want := range []string{"<dc:title>Tittel &amp; &lt;ting&gt;</dc:title>", "<dc:creator>Helse Vestby HF</dc:creator>", "<cp:keywords>a, b</cp:keywords>", `<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-22T00:00:00Z</dcterms:created>`, `<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-22T00:00:00Z</dcterms:modified>`} {
		if !strings.Contains(core, want) {
			t.Errorf("core.xml lacks %s", want)
		}
	}
	if !strings.Contains(string(parts["docProps/app.xml"]), "<Application>dpa</Application>") {
		t.Error("app.xml lacks Application dpa")
	}
	st := string(parts["word/styles.xml"])
	for _, want := range []string{`<w:lang w:val="nb-NO"/>`, `w:styleId="Heading1"`, `<w:outlineLvl w:val="0"/>`, `<w:outlineLvl w:val="1"/>`, `<w:outlineLvl w:val="2"/>`, `w:styleId="Title"`, `w:styleId="TableGrid"`, `w:styleId="Header"`, `w:styleId="Footer"`, `w:styleId="ListParagraph"`} {
		if !strings.Contains(st, want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
	doc := string(parts["word/document.xml"])
	if !strings.Contains(doc, "</w:tbl>\n<w:p/>\n<w:tbl>") {
		t.Error("adjacent tables not separated")
	}
	for _, want := range []string{`<w:pgSz w:w="11906" w:h="16838"/>`, `<w:tblHeader/>`, `<w:br w:type="page"/>`, `<w:gridCol w:w="6048"/><w:gridCol w:w="3024"/>`, `<w:gridSpan w:val="2"/>`, `<w:tab/>`, `<w:t xml:space="preserve">Databehandleravtale</w:t>`} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	ftr := string(parts["word/footer1.xml"])
	for _, f := range []string{"PAGE", "NUMPAGES"} {
		if !strings.Contains(ftr, `<w:instrText xml:space="preserve"> `+f+` </w:instrText>`) || !strings.Contains(ftr, `w:fldCharType="begin"`) {
			t.Errorf("footer lacks field %s", f)
		}
	}
	num := string(parts["word/numbering.xml"])
	if strings.Count(num, "<w:startOverride w:val=\"1\"/>") != 2 {
		t.Errorf("want two restarting numbered lists:\n%s", num)
	}
	if !strings.Contains(doc, `<w:numId w:val="2"/>`) || !strings.Contains(doc, `<w:numId w:val="3"/>`) {
		t.Error("numbered lists do not use their own num IDs")
	}
}

func TestDeterministic(t *testing.T) {
	a, b := sample().Bytes(), sample().Bytes()
	if !bytes.Equal(a, b) {
		t.Fatal("two writes differ")
	}
	d := sample()
	if !bytes.Equal(d.Bytes(), d.Bytes()) {
		t.Fatal("writing the same document twice differs")
	}
	z, _ := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	for _, f := range z.File {
		if !f.Modified.Equal(zipTime) {
			t.Errorf("%s: modified %v", f.Name, f.Modified)
		}
	}
}

func TestTrackedChanges(t *testing.T) {
	parts, _ := unzip(t, sample().Bytes())
	doc := string(parts["word/document.xml"])
	for _, want := range []string{
		`<w:ins w:id="0" w:author="dpa" w:date="2026-11-22T00:00:00Z"><w:r><w:t xml:space="preserve">ny tekst</w:t></w:r></w:ins>`,
		`<w:del w:id="1" w:author="dpa" w:date="2026-11-22T00:00:00Z"><w:r><w:delText xml:space="preserve">gammel tekst</w:delText></w:r></w:del>`,
		`<w:pPr><w:pStyle w:val="BodyText"/><w:rPr><w:ins w:id="2" w:author="dpa" w:date="2026-11-22T00:00:00Z"/></w:rPr></w:pPr>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks\n%s", want)
		}
	}
	// a deleted run never holds w:t
	i := strings.Index(doc, "<w:del ")
	j := strings.Index(doc[i:], "</w:del>")
	if strings.Contains(doc[i:i+j], "<w:t ") {
		t.Error("w:t inside w:del")
	}
}

func TestEscapeAndStrip(t *testing.T) {
	d := New(Options{Title: "a\x00b\x1bc"})
	d.Paragraph("", Run{Text: "x\x00y\x01z\x7f <&> \"q\" \ufffe\uffff \xff\xfe ok\ttab\nline\r\nline2 \U0001F600"})
	d.Table(Table{Header: []string{"h\x02"}, Rows: [][]string{{"\x03c"}}})
	b := d.Bytes()
	if err := Check(b); err != nil {
		t.Fatal(err)
	}
	parts, _ := unzip(t, b)
	doc := string(parts["word/document.xml"])
	want := `<w:t xml:space="preserve">xyz &lt;&amp;&gt; &quot;q&quot;   ok</w:t><w:tab/><w:t xml:space="preserve">tab</w:t><w:br/><w:t xml:space="preserve">line</w:t><w:br/><w:t xml:space="preserve">line2 ` + "\U0001F600" + `</w:t>`
	if !strings.Contains(doc, want) {
		t.Errorf("document.xml lacks\n%s\n%s", want, doc)
	}
	if !strings.Contains(string(parts["docProps/core.xml"]), "<dc:title>abc</dc:title>") {
		t.Error("core title not stripped")
	}
}

func TestLists(t *testing.T) {
	d := New(Options{})
	if a, b := d.NewNumberedList(), d.NewNumberedList(); a == b {
		t.Fatal("list IDs repeat")
	}
	d.Numbered(99, 0, Run{Text: "unknown list"})
	d.Bullet(7, Run{Text: "deep"})
	parts, _ := unzip(t, d.Bytes())
	doc := string(parts["word/document.xml"])
	if strings.Contains(doc, `<w:numId w:val="99"/>`) {
		t.Error("unknown list used")
	}
	if !strings.Contains(doc, `<w:ilvl w:val="2"/><w:numId w:val="1"/>`) {
		t.Error("bullet level not clamped")
	}
	if err := Check(d.Bytes()); err != nil {
		t.Fatal(err)
	}
}

func TestColWidths(t *testing.T) {
	for _, c := range []struct {
		w    []int
		cols int
	}{{nil, 3}, {[]int{1, 2}, 2}, {[]int{0, 2}, 2}, {[]int{-5, 2}, 2}, {[]int{1}, 3}, {[]int{1 << 30, 1 << 30}, 2}} {
		ws := colWidths(c.w, c.cols, TextWidth)
		sum := 0
		for _, w := range ws {
			if w < 0 {
				t.Errorf("%v: negative width", c)
			}
			sum += w
		}
		if sum != TextWidth || len(ws) != c.cols {
			t.Errorf("%v: widths %v", c, ws)
		}
	}
}

func TestEmptyDocument(t *testing.T) {
	b := New(Options{}).Bytes()
	if err := Check(b); err != nil {
		t.Fatal(err)
	}
	e := New(Options{})
	e.Table(Table{Rows: [][]string{{"x"}}})
	parts0, _ := unzip(t, e.Bytes())
	if !strings.Contains(string(parts0["word/document.xml"]), "</w:tbl>\n<w:p/>\n<w:sectPr>") {
		t.Error("body ends with a table")
	}
	if err := Check(b); err != nil {
		t.Fatal(err)
	}
	parts, _ := unzip(t, b)
	if !strings.Contains(string(parts["word/styles.xml"]), `<w:lang w:val="en-GB"/>`) {
		t.Error("default language not en-GB")
	}
	if !strings.Contains(string(parts["docProps/core.xml"]), "2000-01-01T00:00:00Z") {
		t.Error("zero time not 2000-01-01")
	}
}

// TestSpilledBodySameBytes: a body long enough to be compressed as it is
// written (spill) gives the same package as one held whole until WriteTo,
// and a second WriteTo writes the same bytes again.
func TestSpilledBodySameBytes(t *testing.T) {
	build := func() *Document {
		d := New(Options{Title: "T", Header: []Para{{Runs: []Run{{Text: "h"}}}}})
		id := d.NewNumberedList()
		for i := 0; i < 3000; i++ {
			d.Paragraph(StyleBodyText, Run{Text: strings.Repeat("Databehandler skal & <slette> ", i%7+1)})
			d.Numbered(id, i%3, Run{Text: "punkt"})
			if i%500 == 0 {
				d.PageBreak()
			}
			if i%100 == 0 {
				d.Table(Table{Header: []string{"a", "b"}, Rows: [][]string{{"1", "2"}, {"3", strconv.Itoa(i)}}})
			}
		}
		d.Table(Table{Header: []string{"last"}, Rows: [][]string{{"x"}}}) // the body ends with a table
		return d
	}
	defer func(n int) { spillAt = n }(spillAt)
	spillAt = 1 << 62
	whole := build()
	if whole.z != nil {
		t.Fatal("spilled with spillAt at its maximum")
	}
	want := whole.Bytes()
	spillAt = 4096
	d := build()
	if d.z == nil {
		t.Fatal("the body did not spill")
	}
	got := d.Bytes()
	if !bytes.Equal(got, want) {
		t.Fatalf("spilled package differs: %d bytes, want %d", len(got), len(want))
	}
	if again := d.Bytes(); !bytes.Equal(again, want) {
		t.Fatal("a second WriteTo differs")
	}
	d.Paragraph("", Run{Text: strings.Repeat("x", 8192)})
	if _, err := d.WriteTo(io.Discard); err == nil {
		t.Error("content added after the package was written: no error")
	}
}
