package docx

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/golden"

	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/doc/doctest"
	"github.com/dpa-no/dpa/internal/docx"
	"github.com/dpa-no/dpa/internal/render/rendertest"
	"github.com/dpa-no/dpa/internal/render/text"
)

func render(t testing.TB, d *doc.Document) []byte {
	t.Helper()
	b, err := Bytes(d)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func part(t testing.TB, b []byte, name string) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			data, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
	}
	t.Fatalf("no part %s", name)
	return nil
}

// want is the plain-text rendering, lower-cased: the text renderer
// upper-cases the title, the DOCX keeps its case and uses the Title style.
func want(d *doc.Document) string { return strings.ToLower(string(text.Bytes(d))) }

// WantUnnumbered is want without the heading numbers: pandoc's reader
// drops list numbers, and Word numbers the headings. The numbers are
// checked with LibreOffice, which prints them.
func wantUnnumbered(d *doc.Document) string { return want(rendertest.Unnumbered(d)) }

func TestGolden(t *testing.T) {
	got := part(t, render(t, doctest.Sample(false)), "word/document.xml")
	golden.Check(t, filepath.Join("testdata", "sample.document.xml"), got)
}

func TestDeterministic(t *testing.T) {
	for _, d := range []*doc.Document{doctest.Sample(false), doctest.Stress(50)} {
		if !bytes.Equal(render(t, d), render(t, d)) {
			t.Error("two renders differ")
		}
	}
}

func TestPackage(t *testing.T) {
	for name, d := range map[string]*doc.Document{"sample": doctest.Sample(false), "draft": doctest.Sample(true), "stress": doctest.Stress(200)} {
		if err := docx.Check(render(t, d)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	b := render(t, doctest.Sample(true))
	core := string(part(t, b, "docProps/core.xml"))
	for _, s := range []string{"<dc:title>Databehandleravtale</dc:title>", "<dc:subject>Databehandleravtale for Journalsystem som tjeneste</dc:subject>", "<dc:creator>Helse Vestby HF</dc:creator>", "<cp:keywords>databehandleravtale, SaaS</cp:keywords>", "2026-11-22T00:00:00Z"} {
		if !strings.Contains(core, s) {
			t.Errorf("core.xml lacks %s", s)
		}
	}
	if !strings.Contains(string(part(t, b, "word/styles.xml")), `<w:lang w:val="nb-NO"/>`) {
		t.Error("styles: language not nb-NO")
	}
	hdr := string(part(t, b, "word/header1.xml"))
	if !strings.Contains(hdr, `<w:b/><w:bCs/><w:color w:val="C00000"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:tab/><w:t xml:space="preserve">UTKAST</w:t>`) || !strings.Contains(hdr, "2026/1234") {
		t.Errorf("header lacks the draft mark or reference:\n%s", hdr)
	}
	ftr := string(part(t, b, "word/footer1.xml"))
	for _, s := range []string{"> PAGE <", "> NUMPAGES <", "ab12ab12ab12", "2026.11.0", ">Side <", "> av <"} {
		if !strings.Contains(ftr, s) {
			t.Errorf("footer lacks %q", s)
		}
	}
	if strings.Contains(string(part(t, render(t, doctest.Sample(false)), "word/header1.xml")), "UTKAST") {
		t.Error("final document has the draft mark")
	}

	en := doctest.Sample(false)
	en.Lang, en.Meta.Date = "en", ""
	b = render(t, en)
	if !strings.Contains(string(part(t, b, "word/styles.xml")), `<w:lang w:val="en-GB"/>`) {
		t.Error("styles: language not en-GB")
	}
	if !strings.Contains(string(part(t, b, "docProps/core.xml")), "2000-01-01T00:00:00Z") {
		t.Error("empty date not 2000-01-01")
	}
}

func TestStructure(t *testing.T) {
	x := string(part(t, render(t, doctest.Sample(false)), "word/document.xml"))
	for _, s := range []string{
		`<w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">Databehandleravtale</w:t>`,
		// headings: the numbers come from the numbering, not the text
		`<w:pStyle w:val="Heading1"/></w:pPr><w:bookmarkStart w:id="`, `" w:name="_Ref_sec_parties"/><w:r><w:t xml:space="preserve">Parter og bakgrunn</w:t></w:r><w:bookmarkEnd`,
		`" w:name="_Ref_background"/><w:r><w:t xml:space="preserve">Bakgrunn</w:t></w:r><w:bookmarkEnd`,
		`<w:pStyle w:val="Heading2"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="10001"/></w:numPr></w:pPr><w:bookmarkStart w:id="`,
		`<w:pStyle w:val="Heading1"/><w:pageBreakBefore/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">Vedlegg </w:t></w:r><w:bookmarkStart w:id="`,
		`" w:name="_Ref_annex_subprocessors"/><w:r><w:t xml:space="preserve">B</w:t></w:r><w:bookmarkEnd`,
		`<w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t xml:space="preserve">Logger</w:t>`,
		`<w:tblHeader/>`, `<w:numId w:val="1"/>`, `<w:numId w:val="2"/>`,
		`<w:pStyle w:val="BodyText"/>`,
	} {
		if !strings.Contains(x, s) {
			t.Errorf("document.xml lacks %s", s)
		}
	}
	typed := regexp.MustCompile(`w:val="Heading[12]"/>(?:[^<]|<[^/])*?</w:pPr>(?:<w:bookmarkStart[^>]*>)?<w:r><w:t xml:space="preserve">[0-9A-Z.]+</w:t><w:tab/>`)
	if m := typed.FindString(x); m != "" {
		t.Errorf("document.xml has a typed heading number: %s", m)
	}
}

// TestNumbering: a multilevel list bound to Heading1 ("1") and Heading2
// ("1.1") through the styles, and one numbering "D.1" per annex.
func TestNumbering(t *testing.T) {
	b := render(t, doctest.Sample(false))
	num := string(part(t, b, "word/numbering.xml"))
	for _, s := range []string{
		`<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="multilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/><w:lvlText w:val="%1"/>`,
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/><w:lvlText w:val="%1.%2"/>`,
		`<w:abstractNum w:abstractNumId="3"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="D.%1"/>`,
		`<w:num w:numId="10000"><w:abstractNumId w:val="2"/></w:num>`,
		`<w:num w:numId="10001"><w:abstractNumId w:val="3"/></w:num>`,
	} {
		if !strings.Contains(num, s) {
			t.Errorf("numbering.xml lacks %s", s)
		}
	}
	st := string(part(t, b, "word/styles.xml"))
	for _, s := range []string{
		`<w:style w:type="paragraph" w:styleId="Heading1">`, `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="10000"/></w:numPr>`,
		`<w:style w:type="paragraph" w:styleId="Heading2">`, `<w:numPr><w:ilvl w:val="1"/><w:numId w:val="10000"/></w:numPr>`,
	} {
		if !strings.Contains(st, s) {
			t.Errorf("styles.xml lacks %s", s)
		}
	}
	// numbers the model did not get from the sequence are typed, not numbered
	d := doctest.Sample(false)
	d.Sections[1].Number = "7"
	x := string(part(t, render(t, d), "word/document.xml"))
	if !strings.Contains(x, `>7</w:t><w:tab/><w:t xml:space="preserve">Informasjonssikkerhet<`) || strings.Contains(string(part(t, render(t, d), "word/styles.xml")), "<w:numPr>") {
		t.Error("a document with irregular numbers is not written with typed numbers")
	}
}

// withRefs is the sample with a paragraph and a table cell that refer to
// clauses, a section and an annex.
func withRefs() *doc.Document {
	d := doctest.Sample(false)
	txt := "Se punkt 2.1 og 1.1, kapittel 2 og vedlegg B."
	d.Sections[0].Clauses[0].Blocks = append(d.Sections[0].Clauses[0].Blocks, doc.Block{Kind: doc.Paragraph, Text: txt, Refs: []doc.Ref{
		{Start: 9, End: 12, Kind: doc.RefClause, Target: "backup-restore"}, {Start: 16, End: 19, Kind: doc.RefClause, Target: "background"}, {Start: 30, End: 31, Kind: doc.RefSection, Target: "security"}, {Start: 43, End: 44, Kind: doc.RefAnnex, Target: "subprocessors"}}})
	tb := d.Annexes[0].Blocks[1].Table
	tb.Rows[0][3] = "SCC, jf. punkt D.1"
	tb.Refs = []doc.CellRef{{Row: 0, Col: 3, Ref: doc.Ref{Start: 15, End: 18, Kind: doc.RefClause, Target: "measures-saas"}}}
	return d
}

type xmlScan struct {
	bookmarks map[string]int
	instrs    []string
	results   []string // cached result of each field, in order
}

func scan(t *testing.T, x []byte) xmlScan {
	t.Helper()
	in, err := docx.Inspect(x)
	if err != nil {
		t.Fatal(err)
	}
	s := xmlScan{bookmarks: in.Bookmarks}
	for _, f := range in.Fields {
		s.instrs = append(s.instrs, f.Instr)
		s.results = append(s.results, f.Result)
	}
	return s
}

// TestRefFields: every reference is a REF field to a bookmark that exists
// once, with the number the model prints as its cached result.
func TestRefFields(t *testing.T) {
	d := withRefs()
	s := scan(t, part(t, render(t, d), "word/document.xml"))
	for n, c := range s.bookmarks {
		if c != 1 {
			t.Errorf("bookmark %s defined %d times", n, c)
		}
	}
	var got []string
	for i, in := range s.instrs {
		f := strings.Fields(in)
		if len(f) == 0 || f[0] != "REF" {
			continue
		}
		if s.bookmarks[f[1]] != 1 {
			t.Errorf("REF %s: no such bookmark", f[1])
		}
		got = append(got, f[1]+"="+s.results[i]+" "+strings.Join(f[2:], " "))
	}
	want := []string{`_Ref_backup_restore=2.1 \w \h`, `_Ref_background=1.1 \w \h`, `_Ref_sec_security=2 \w \h`, `_Ref_annex_subprocessors=B \h`, `_Ref_measures_saas=D.1 \w \h`}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("REF fields\n got %v\nwant %v", got, want)
	}
	// every assembled scenario: each REF names a bookmark that exists
	for name, d := range cases() {
		s := scan(t, part(t, render(t, d), "word/document.xml"))
		for _, in := range s.instrs {
			if f := strings.Fields(in); len(f) > 1 && (f[0] == "REF" || f[0] == "PAGEREF") && s.bookmarks[f[1]] != 1 {
				t.Errorf("%s: %s to a missing bookmark", name, in)
			}
		}
	}
}

// TestTOC: a TOC field whose cached result lists every heading, linked to
// the heading's bookmark.
func TestTOC(t *testing.T) {
	d := doctest.Sample(false)
	x := part(t, render(t, d), "word/document.xml")
	s := scan(t, x)
	toc := -1
	for i, in := range s.instrs {
		if strings.TrimSpace(in) == TOCField {
			toc = i
		}
	}
	if toc < 0 {
		t.Fatalf("no field %s in %v", TOCField, s.instrs)
	}
	want := "1Parter og bakgrunn1.1Bakgrunn2Informasjonssikkerhet2.1Sikkerhetskopiering og gjenopprettingUnderskrifterVedlegg B UnderdatabehandlereVedlegg D Tekniske og organisatoriske tiltakD.1Tiltak for SaaS"
	if s.results[toc] != want {
		t.Errorf("TOC entries\n got %q\nwant %q", s.results[toc], want)
	}
	for _, a := range []string{"_Ref_sec_parties", "_Ref_background", "_Ref_sec_security", "_Ref_backup_restore", "_Ref__signatures", "_Ref_annex_subprocessors", "_Ref_annex_measures", "_Ref_measures_saas"} {
		if !bytes.Contains(x, []byte(`<w:hyperlink w:anchor="`+a+`"`)) || s.bookmarks[a] != 1 {
			t.Errorf("no TOC link to bookmark %s", a)
		}
	}
	if !strings.Contains(string(part(t, render(t, d), "word/settings.xml")), `<w:updateFields w:val="true"/>`) {
		t.Error("settings do not ask to update fields")
	}
}

// convert runs LibreOffice once over files, converting each to txt in dir.
func convertLO(t *testing.T, soffice, dir string, files ...string) {
	t.Helper()
	args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", dir}
	out, err := exec.Command(soffice, append(args, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
}

func cases() map[string]*doc.Document {
	return map[string]*doc.Document{"sample": doctest.Sample(false), "draft": doctest.Sample(true), "stress": doctest.Stress(200)}
}

func TestLibreOfficeText(t *testing.T) {
	soffice := rendertest.Tool(t, "soffice", "libreoffice")
	dir := t.TempDir()
	var files []string
	docs := cases()
	for _, name := range []string{"sample", "draft", "stress"} {
		f := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(f, render(t, docs[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	convertLO(t, soffice, dir, files...)
	for _, name := range []string{"sample", "draft", "stress"} {
		got, err := os.ReadFile(filepath.Join(dir, name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		if err := rendertest.WordsInOrder(want(docs[name]), strings.ToLower(string(got))); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if name == "sample" && !strings.Contains(string(got), doctest.Letters) {
			t.Errorf("%s: letters lost", name)
		}
	}
}

func pandocPlain(t *testing.T, pandoc string, b []byte) string {
	t.Helper()
	dir := t.TempDir()
	f := filepath.Join(dir, "in.docx")
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	// pandoc's docx reader turns Title and Subtitle paragraphs at the start
	// into metadata, which the default plain template partly drops.
	tmpl := filepath.Join(dir, "plain.tmpl")
	if err := os.WriteFile(tmpl, []byte("$title$\n\n$subtitle$\n\n$body$\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pandoc, "-f", "docx", "-t", "plain", "--wrap=none", "-s", "--template", tmpl, f).Output()
	if err != nil {
		t.Fatalf("pandoc: %v", err)
	}
	return string(out)
}

func TestPandocText(t *testing.T) {
	pandoc := rendertest.Tool(t, "pandoc")
	for name, d := range cases() {
		got := pandocPlain(t, pandoc, render(t, d))
		if err := rendertest.WordsInOrder(wantUnnumbered(d), strings.ToLower(got)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if name == "sample" {
			// each numbered list starts at 1
			if !strings.Contains(got, "1.  første punkt") {
				t.Errorf("numbered list does not start at 1:\n%s", got)
			}
		}
	}
}

// TestPasteCleanly checks the plain-text rendering's promise: pasted into
// Word, each non-empty line is one paragraph. Each line becomes one
// paragraph through the writer; pandoc must give back the same lines with
// the same words.
func TestPasteCleanly(t *testing.T) {
	pandoc := rendertest.Tool(t, "pandoc")
	var lines []string
	for _, l := range strings.Split(string(text.Bytes(doctest.Sample(true))), "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	w := docx.New(docx.Options{Lang: "nb-NO"})
	for _, l := range lines {
		w.Paragraph(docx.StyleNormal, docx.Run{Text: l})
	}
	var got []string
	for _, l := range strings.Split(pandocPlain(t, pandoc, w.Bytes()), "\n") {
		if strings.TrimSpace(l) != "" {
			got = append(got, l)
		}
	}
	if len(got) != len(lines) {
		t.Fatalf("%d lines in, %d paragraphs out", len(lines), len(got))
	}
	for i := range lines {
		if a, b := strings.Join(rendertest.Words(lines[i]), " "), strings.Join(rendertest.Words(got[i]), " "); a != b {
			t.Errorf("line %d: %q became %q", i+1, a, b)
		}
	}
}

func FuzzRender(f *testing.F) {
	f.Add("Databehandleravtale", "Skyleverandør AS", "Tekst med <&> og \"sitat\"", "1")
	f.Add("\x00\x01\x1b", "\xff\xfe", "a\tb\nc\r\nd", "")
	f.Add("", "", "", "\ufffe")
	f.Fuzz(func(t *testing.T, a, b, c, e string) {
		d := doctest.Sample(len(a)%2 == 0)
		d.Title, d.Subtitle, d.DraftMark = a, b, e
		d.TitleBlock.Rows = append(d.TitleBlock.Rows, doc.KV{Label: a, Value: c})
		d.TitleBlock.Parties[1].Fields[0].Value = b
		d.TitleBlock.Intro = c
		d.Sections[0].Number, d.Sections[0].Title = e, a
		d.Sections[0].Clauses[0].Blocks = append(d.Sections[0].Clauses[0].Blocks,
			doc.Block{Kind: doc.Paragraph, Text: c},
			doc.Block{Kind: doc.Bullets, Items: []string{a, b}},
			doc.Block{Kind: doc.Numbered, Items: []string{c}},
			doc.Block{Kind: doc.Subhead, Text: e},
			doc.Block{Kind: doc.TableKind, Table: &doc.Table{Header: []string{a}, Rows: [][]string{{b, c, e}, {}}, Widths: []int{len(a), -len(b)}}},
			doc.Block{Kind: doc.TableKind, Table: &doc.Table{}},
			doc.Block{Kind: doc.TableKind},
			doc.Block{Kind: doc.BlockKind(e), Text: a},
		)
		d.Signatures.Parties[1].Name = c
		d.Labels.Annex, d.Labels.Page = b, c
		d.Meta.Author, d.Meta.Subject, d.Meta.Keywords, d.Meta.Date = a, b, []string{c, e}, e
		d.Meta.FingerprintShort = e
		out, err := Bytes(d)
		if err != nil {
			t.Fatal(err)
		}
		if err := docx.Check(out); err != nil {
			t.Fatal(err)
		}
	})
}

func BenchmarkRenderSample(b *testing.B) {
	d := doctest.Sample(true)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Bytes(d); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRenumberInLibreOffice: a clause heading inserted before clause 1.1,
// as a lawyer would, renumbers the clauses after it, and the references
// follow when LibreOffice lays the document out (PDF export updates fields).
func TestRenumberInLibreOffice(t *testing.T) {
	soffice := rendertest.Tool(t, "soffice", "libreoffice")
	pdftotext := rendertest.Tool(t, "pdftotext")
	b := render(t, withRefs())
	x := string(part(t, b, "word/document.xml"))
	at := strings.Index(x, `<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:bookmarkStart w:id="`)
	if at < 0 {
		t.Fatal("no clause heading")
	}
	x = x[:at] + `<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Ny klausul</w:t></w:r></w:p>` + x[at:]
	var out bytes.Buffer
	zr, _ := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, _ := zw.Create(f.Name)
		if f.Name == "word/document.xml" {
			io.WriteString(w, x)
			continue
		}
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	zw.Close()
	dir := t.TempDir()
	in := filepath.Join(dir, "edited.docx")
	if err := os.WriteFile(in, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", dir, in}
	if o, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, o)
	}
	txt, err := exec.Command(pdftotext, filepath.Join(dir, "edited.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(string(txt)), " ")
	for _, s := range []string{"1.1 Ny klausul", "1.2 Bakgrunn", "Se punkt 2.1 og 1.2, kapittel 2 og vedlegg B.", "2.1 Sikkerhetskopiering", "D.1 Tiltak for SaaS", "SCC, jf. punkt D.1"} {
		if !strings.Contains(got, s) {
			t.Errorf("LibreOffice's layout lacks %q:\n%s", s, got)
		}
	}
}
