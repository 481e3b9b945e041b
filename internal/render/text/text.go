// Package text renders the document model as plain, DOCX-ready text: one
// line per paragraph (no hard wraps), list items as "- " lines, table rows as
// cells joined by " | ", and a blank line between blocks, so that pasting
// into Word gives clean paragraphs.
package text

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/dpa-no/dpa/internal/doc"
)

// Render writes d as plain text.
func Render(w io.Writer, d *doc.Document) error {
	var b bytes.Buffer
	r := &r{b: &b}
	r.document(d)
	_, err := w.Write(b.Bytes())
	return err
}

// Bytes renders d to a byte slice.
func Bytes(d *doc.Document) []byte {
	var b bytes.Buffer
	_ = Render(&b, d)
	return b.Bytes()
}

type r struct{ b *bytes.Buffer }

func (r *r) line(parts ...string) {
	for _, p := range parts {
		r.b.WriteString(p)
	}
	r.b.WriteByte('\n')
}

func (r *r) blank() { r.b.WriteByte('\n') }

// one folds any line breaks inside a value so a paragraph stays one line.
func one(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Join(strings.FieldsFunc(s, func(c rune) bool { return c == '\n' || c == '\r' }), " ")
}

func (r *r) document(d *doc.Document) {
	if d.Draft && d.DraftMark != "" {
		r.line(d.DraftMark)
		r.blank()
	}
	r.line(strings.ToUpper(one(d.Title)))
	if d.Subtitle != "" {
		r.line(one(d.Subtitle))
	}
	r.blank()
	for _, kv := range d.TitleBlock.Rows {
		r.line(one(kv.Label), ": ", one(kv.Value))
	}
	if len(d.TitleBlock.Rows) > 0 {
		r.blank()
	}
	if len(d.TitleBlock.Parties) > 0 {
		r.line(one(d.Labels.Parties))
		r.blank()
		for _, p := range d.TitleBlock.Parties {
			r.line(one(p.Role))
			for _, f := range p.Fields {
				r.line(one(f.Label), ": ", one(f.Value))
			}
			r.blank()
		}
	}
	if d.TitleBlock.Intro != "" {
		r.line(one(d.TitleBlock.Intro))
		r.blank()
	}
	for _, s := range d.Sections {
		r.line(s.Number, " ", one(s.Title))
		r.blank()
		for i := range s.Clauses {
			r.clause(&s.Clauses[i])
		}
	}
	r.signatures(d)
	for _, a := range d.Annexes {
		r.line(one(d.Labels.Annex), " ", a.Letter, " ", one(a.Title))
		r.blank()
		r.blocks(a.Blocks)
		for i := range a.Clauses {
			r.clause(&a.Clauses[i])
		}
	}
	r.line(one(d.Labels.Fingerprint), ": ", d.Meta.FingerprintShort, " · ", one(d.Labels.Library), " ", d.Meta.LibraryVersion)
}

func (r *r) clause(c *doc.Clause) {
	r.line(c.Number, " ", one(c.Title))
	r.blank()
	r.blocks(c.Blocks)
}

func (r *r) blocks(bs []doc.Block) {
	for _, b := range bs {
		switch b.Kind {
		case doc.Paragraph:
			r.line(one(b.Text))
		case doc.Subhead:
			r.line(one(b.Text))
		case doc.Bullets:
			for _, it := range b.Items {
				r.line("- ", one(it))
			}
		case doc.Numbered:
			for i, it := range b.Items {
				r.line(strconv.Itoa(i+1), ". ", one(it))
			}
		case doc.TableKind:
			if b.Table != nil {
				r.table(b.Table)
			}
		}
		r.blank()
	}
}

func (r *r) table(t *doc.Table) {
	row := func(cells []string) {
		for i, c := range cells {
			if i > 0 {
				r.b.WriteString(" | ")
			}
			r.b.WriteString(one(c))
		}
		r.b.WriteByte('\n')
	}
	row(t.Header)
	for _, rw := range t.Rows {
		row(rw)
	}
}

func (r *r) signatures(d *doc.Document) {
	if len(d.Signatures.Parties) == 0 {
		return
	}
	r.line(one(d.Labels.Signatures))
	r.blank()
	if d.Signatures.Intro != "" {
		r.line(one(d.Signatures.Intro))
		r.blank()
	}
	l := d.Labels
	for _, s := range d.Signatures.Parties {
		r.line(one(s.Role), ": ", one(s.Party))
		r.line(one(l.Name), ": ", fill(s.Name))
		r.line(one(l.JobTitle), ": ", fill(s.Title))
		r.line(one(l.Place), ": ", fill(s.Place))
		r.line(one(l.Date), ": ", fill(s.Date))
		r.line(one(l.Signature), ": ", "______________________________")
		r.blank()
	}
}

// fill gives a signing line for a value left to be written by hand.
func fill(s string) string {
	if s == "" {
		return "______________________________"
	}
	return one(s)
}
