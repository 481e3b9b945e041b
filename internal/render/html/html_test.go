package html_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
	rhtml "github.com/dpa-no/dpa/internal/render/html"
)

func exampleDoc(t *testing.T, raw []byte, lang string) *doc.Document {
	t.Helper()
	lib, err := assemble.LoadLibrary("", i18n.For("nb"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := answers.Load("x.yaml", raw, i18n.For("nb"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := assemble.Assemble(assemble.Input{Answers: a, Raw: raw, Lib: lib, Lang: lang, Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	return res.Doc
}

// text is the character data of well-formed markup, whitespace collapsed.
func text(t *testing.T, b []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	var out strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			out.Write(cd)
			out.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(out.String()), " ")
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// Every text of the document model is in the HTML, in reading order, and
// the markup is well-formed.
func TestEveryTextInOrder(t *testing.T) {
	for _, lang := range []string{"nb", "en"} {
		d := exampleDoc(t, examples.Journal, lang)
		got := text(t, rhtml.Fragment(d))
		var want []string
		want = append(want, d.Title, d.Subtitle)
		for _, s := range d.Sections {
			want = append(want, s.Title)
			for _, c := range s.Clauses {
				want = append(want, c.Title)
				for _, b := range c.Blocks {
					want = append(want, b.Text)
					want = append(want, b.Items...)
					if b.Table != nil {
						want = append(want, b.Table.Header...)
						for _, r := range b.Table.Rows {
							want = append(want, r...)
						}
					}
				}
			}
		}
		for _, a := range d.Annexes {
			want = append(want, a.Title)
			for _, b := range a.Blocks {
				want = append(want, b.Text)
				want = append(want, b.Items...)
			}
		}
		pos := 0
		for _, w := range want {
			w = norm(w)
			if w == "" {
				continue
			}
			i := strings.Index(got[pos:], w)
			if i < 0 {
				t.Fatalf("%s: %q missing or out of order after position %d", lang, w, pos)
			}
			pos += i + len(w)
		}
	}
}

// Answer values are data: markup in them is escaped.
func TestEscapes(t *testing.T) {
	raw := bytes.Replace(examples.Journal, []byte("name: Helse Vestby HF"), []byte(`name: "<script>alert(1)</script> & Co"`), 1)
	d := exampleDoc(t, raw, "nb")
	out := rhtml.Page(d)
	if bytes.Contains(out, []byte("<script>")) {
		t.Fatal("a <script> from the answers reached the HTML")
	}
	if !bytes.Contains(out, []byte("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co")) {
		t.Fatal("the escaped name is missing")
	}
	text(t, rhtml.Fragment(d))
}

func TestDraftMark(t *testing.T) {
	d := exampleDoc(t, examples.Journal, "en")
	d.Draft, d.DraftMark = true, "DRAFT"
	if !bytes.Contains(rhtml.Fragment(d), []byte(`<p class="draftmark">DRAFT</p>`)) {
		t.Fatal("no draft mark")
	}
}
