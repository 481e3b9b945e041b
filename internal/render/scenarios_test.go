package render_test

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

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/doc"
	wdocx "github.com/dpa-no/dpa/internal/docx"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/docx"
	"github.com/dpa-no/dpa/internal/render/pdf"
	"github.com/dpa-no/dpa/internal/render/rendertest"
	"github.com/dpa-no/dpa/internal/render/text"
)

type agreement struct {
	name string
	doc  *doc.Document
}

// agreements assembles the embedded example and every scenario of
// testdata/scenarios in both languages.
func agreements(t *testing.T) []agreement {
	t.Helper()
	lib, err := assemble.LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[string][]byte{"example": examples.Journal}
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "scenarios", "*.yaml"))
	for _, f := range files {
		if filepath.Base(f) == "expect.yaml" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[strings.TrimSuffix(filepath.Base(f), ".yaml")] = b
	}
	var out []agreement
	for name, raw := range inputs {
		a, err := answers.Load(name, raw, i18n.For("en"))
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range i18n.Langs {
			res, err := assemble.Assemble(assemble.Input{Answers: a, Raw: raw, Lib: lib, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, agreement{name + "." + lang, res.Doc})
		}
	}
	if len(out) < 16 {
		t.Fatalf("only %d agreements", len(out))
	}
	return out
}

// TestPDFWordsInOrder: every word of the text rendering of the example and
// of every scenario appears, in order, in the PDF (pdftotext).
func TestPDFWordsInOrder(t *testing.T) {
	pdftotext := rendertest.Tool(t, "pdftotext")
	dir := t.TempDir()
	for _, ag := range agreements(t) {
		b, err := pdf.Bytes(ag.doc)
		if err != nil {
			t.Fatalf("%s: %v", ag.name, err)
		}
		p := filepath.Join(dir, ag.name+".pdf")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", p, "-").Output()
		if err != nil {
			t.Fatalf("%s: pdftotext: %v", ag.name, err)
		}
		if err := rendertest.WordsInOrder(strings.ToLower(string(text.Bytes(ag.doc))), strings.ToLower(string(got))); err != nil {
			t.Errorf("%s: %v", ag.name, err)
		}
	}
}

// TestDOCXWordsInOrder: the same with pandoc and LibreOffice reading the DOCX.
func TestDOCXWordsInOrder(t *testing.T) {
	pandoc := rendertest.Tool(t, "pandoc")
	soffice := rendertest.Tool(t, "soffice", "libreoffice")
	dir := t.TempDir()
	ags := agreements(t)
	var paths []string
	for _, ag := range ags {
		b, err := docx.Bytes(ag.doc)
		if err != nil {
			t.Fatalf("%s: %v", ag.name, err)
		}
		p := filepath.Join(dir, ag.name+".docx")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
		// pandoc; the title paragraph becomes metadata, so print it too
		tpl := filepath.Join(dir, "t.plain")
		os.WriteFile(tpl, []byte("$title$\n$subtitle$\n$body$\n"), 0o644)
		got, err := exec.Command(pandoc, "-f", "docx", "-t", "plain", "-s", "--template", tpl, "--wrap=none", p).Output()
		if err != nil {
			t.Fatalf("%s: pandoc: %v", ag.name, err)
		}
		// pandoc does not print Word's heading numbers (LibreOffice does, below)
		if err := rendertest.WordsInOrder(strings.ToLower(string(text.Bytes(rendertest.Unnumbered(ag.doc)))), strings.ToLower(string(got))); err != nil {
			t.Errorf("%s (pandoc): %v", ag.name, err)
		}
	}
	out := filepath.Join(dir, "lo")
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", out}, paths...)
	if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for _, ag := range ags {
		got, err := os.ReadFile(filepath.Join(out, ag.name+".txt"))
		if err != nil {
			t.Fatalf("%s: LibreOffice did not convert: %v", ag.name, err)
		}
		if err := rendertest.WordsInOrder(strings.ToLower(string(text.Bytes(ag.doc))), strings.ToLower(string(got))); err != nil {
			t.Errorf("%s (LibreOffice): %v", ag.name, err)
		}
	}
}

// TestExampleDocumentXML is the golden word/document.xml of the example.
func TestExampleDocumentXML(t *testing.T) {
	var d *doc.Document
	for _, ag := range agreements(t) {
		if ag.name == "example.nb" {
			d = ag.doc
		}
	}
	b, err := docx.Bytes(d)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var got []byte
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			got, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	golden.Check(t, filepath.Join("testdata", "example.nb.document.xml"), got)
}

// TestDOCXRefsResolve: in every agreement of the suite, each bookmark is
// defined once, every REF field names one, and there is a TOC field.
func TestDOCXRefsResolve(t *testing.T) {
	for _, ag := range agreements(t) {
		b, err := docx.Bytes(ag.doc)
		if err != nil {
			t.Fatal(err)
		}
		x, err := wdocx.Part(b, "word/document.xml")
		if err != nil {
			t.Fatal(err)
		}
		in, err := wdocx.Inspect(x)
		if err != nil {
			t.Fatalf("%s: %v", ag.name, err)
		}
		for n, c := range in.Bookmarks {
			if c != 1 {
				t.Errorf("%s: bookmark %s defined %d times", ag.name, n, c)
			}
		}
		refs, toc := 0, 0
		for _, f := range in.Fields {
			w := strings.Fields(f.Instr)
			switch {
			case len(w) > 1 && w[0] == "REF":
				refs++
				if in.Bookmarks[w[1]] != 1 {
					t.Errorf("%s: %s names no bookmark", ag.name, f.Instr)
				}
				if f.Result == "" {
					t.Errorf("%s: %s has no cached result", ag.name, f.Instr)
				}
			case strings.TrimSpace(f.Instr) == docx.TOCField:
				toc++
				if len(f.Result) < 100 {
					t.Errorf("%s: TOC without entries: %q", ag.name, f.Result)
				}
			}
		}
		if refs < 10 || toc != 1 {
			t.Errorf("%s: %d REF fields and %d TOC fields", ag.name, refs, toc)
		}
	}
}
