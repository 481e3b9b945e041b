package render_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/doc/doctest"
	"github.com/dpa-no/dpa/internal/docx"
	"github.com/dpa-no/dpa/internal/render"
)

// fuzzDoc puts fuzzed text into every kind of place of a document model:
// title, party fields, paragraphs, list items, table cells and headers,
// signatures, with a fuzzed number of rows and columns.
func fuzzDoc(title, para, item, cell string, rows, cols uint8, draft bool) *doc.Document {
	d := doctest.Sample(draft)
	d.Title, d.Subtitle = title, cell
	d.DraftMark = item
	d.TitleBlock.Rows = append(d.TitleBlock.Rows, doc.KV{Label: title, Value: para})
	d.TitleBlock.Parties[0].Name = title
	d.TitleBlock.Parties[1].Fields = append(d.TitleBlock.Parties[1].Fields, doc.KV{Label: item, Value: cell})
	d.TitleBlock.Intro = para
	c := &d.Sections[0].Clauses[0]
	c.Title = title
	c.Blocks = append(c.Blocks,
		doc.Block{Kind: doc.Paragraph, Text: para},
		doc.Block{Kind: doc.Bullets, Items: []string{item, para, ""}},
		doc.Block{Kind: doc.Numbered, Items: []string{item}},
		doc.Block{Kind: doc.Subhead, Text: item},
		doc.Block{Kind: doc.Paragraph, Text: ""},
	)
	nc := int(cols%6) + 1
	t := &doc.Table{}
	for j := 0; j < nc; j++ {
		t.Header = append(t.Header, strings.Repeat(cell, j%2))
		t.Widths = append(t.Widths, j)
	}
	for i := 0; i < int(rows%40); i++ {
		r := make([]string, nc)
		for j := range r {
			r[j] = cell
		}
		if i%3 == 1 { // ragged row
			r = r[:nc-1]
		}
		t.Rows = append(t.Rows, r)
	}
	d.Annexes[0].Blocks = append(d.Annexes[0].Blocks, doc.Block{Kind: doc.TableKind, Table: t}, doc.Block{Kind: doc.TableKind, Table: &doc.Table{}})
	d.Annexes = append(d.Annexes, doc.Annex{Letter: item, Title: title})
	d.Signatures.Intro = para
	d.Signatures.Parties[1].Name = cell
	d.Signatures.Parties = append(d.Signatures.Parties, doc.Signatory{Role: item, Party: title})
	d.Meta.Author, d.Meta.Subject = title, para
	d.Meta.Keywords = []string{item, cell}
	return d
}

// FuzzRenderers renders arbitrary document models in md, txt, json and
// docx: no panic, no error, JSON is valid and the DOCX passes docx.Check.
// (PDF has its own FuzzRender in internal/render/pdf.)
func FuzzRenderers(f *testing.F) {
	f.Add("Databehandleravtale", "Tekst med æøå og **stjerner** | rør", "- punkt", "Celle", uint8(3), uint8(4), false)
	f.Add("{{ .Title }}", "<w:p>&amp;</w:p>\x00\x0b\ufffe", "# not a heading", "]]>", uint8(39), uint8(5), true)
	f.Add("\u202e\u2066x", strings.Repeat("lang ", 2000), "1. nope", "\r\n\t", uint8(0), uint8(0), true)
	f.Add("\xff\xfe", "\x1b[31m", "`code`", "\\", uint8(1), uint8(1), false)
	f.Fuzz(func(t *testing.T, title, para, item, cell string, rows, cols uint8, draft bool) {
		d := fuzzDoc(title, para, item, cell, rows, cols, draft)
		for _, format := range []string{"md", "txt", "json", "docx"} {
			fn, ok := render.Get(format)
			if !ok {
				t.Fatalf("format %s not registered", format)
			}
			b, err := fn(d)
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			switch format {
			case "json":
				if !json.Valid(b) {
					t.Fatalf("json: invalid output")
				}
			case "docx":
				if err := docx.Check(b); err != nil {
					t.Fatalf("docx.Check: %v", err)
				}
			default:
				if len(b) == 0 {
					t.Fatalf("%s: empty output", format)
				}
			}
		}
	})
}
