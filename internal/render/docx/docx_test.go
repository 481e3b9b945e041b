package docx

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
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
		`<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">1</w:t><w:tab/><w:t xml:space="preserve">Parter og bakgrunn</w:t>`,
		`<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">1.1</w:t><w:tab/><w:t xml:space="preserve">Bakgrunn</w:t>`,
		`<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">D.1</w:t>`,
		`<w:pStyle w:val="Heading1"/><w:pageBreakBefore/></w:pPr><w:r><w:t xml:space="preserve">Vedlegg B Underdatabehandlere</w:t>`,
		`<w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t xml:space="preserve">Logger</w:t>`,
		`<w:tblHeader/>`, `<w:numId w:val="1"/>`, `<w:numId w:val="2"/>`,
		`<w:pStyle w:val="BodyText"/>`,
	} {
		if !strings.Contains(x, s) {
			t.Errorf("document.xml lacks %s", s)
		}
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
		if err := rendertest.WordsInOrder(want(d), strings.ToLower(got)); err != nil {
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
