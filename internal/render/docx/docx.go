// Package docx renders the document model as a Word document (.docx) with
// the writer in internal/docx: real heading styles (navigation pane, TOC),
// clause numbers as text so they match the other renderings exactly,
// tables with repeating header rows, a signature table per party, the
// draft mark in the page header and page numbers as fields in the footer.
//
// The text comes out in the order of the plain-text rendering; only the
// title keeps its case (the text renderer upper-cases it).
package docx

import (
	"bytes"
	"io"
	"strings"
	"time"

	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/docx"
)

// Colours used on top of the writer's styles.
const (
	red = "C00000"
	// line is what stands in for a value to be filled in by hand.
	line = "______________________________"
)

// Render writes d as a .docx package.
func Render(w io.Writer, d *doc.Document) error {
	_, err := build(d).WriteTo(w)
	return err
}

// Bytes renders d to a byte slice.
func Bytes(d *doc.Document) ([]byte, error) {
	var b bytes.Buffer
	if err := Render(&b, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Lang maps the model's language to the document language tag.
func Lang(l string) string {
	switch strings.ToLower(l) {
	case "nb", "no", "nb-no":
		return "nb-NO"
	case "nn", "nn-no":
		return "nn-NO"
	default:
		return "en-GB"
	}
}

// Date parses the model's YYYY-MM-DD date, 2000-01-01 when empty or invalid.
func Date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

func build(d *doc.Document) *docx.Document {
	w := docx.New(docx.Options{
		Lang:     Lang(d.Lang),
		Title:    d.Title,
		Subject:  d.Meta.Subject,
		Creator:  d.Meta.Author,
		Keywords: d.Meta.Keywords,
		Created:  Date(d.Meta.Date),
		Header:   header(d),
		Footer:   footer(d),
	})
	r := &r{w: w, d: d}
	r.document()
	return w
}

func header(d *doc.Document) []docx.Para {
	left := d.Title
	if len(d.TitleBlock.Rows) > 0 && d.TitleBlock.Rows[0].Value != "" {
		left += " · " + d.TitleBlock.Rows[0].Value
	}
	p := docx.Para{Runs: []docx.Run{{Text: one(left)}}}
	if d.Draft && d.DraftMark != "" {
		p.Runs = append(p.Runs, docx.Run{Text: "\t" + one(d.DraftMark), Bold: true, Color: red, Size: 24})
	}
	return []docx.Para{p}
}

func footer(d *doc.Document) []docx.Para {
	l := d.Labels
	var left []string
	if d.Meta.FingerprintShort != "" {
		left = append(left, one(l.Fingerprint)+" "+d.Meta.FingerprintShort)
	}
	if d.Meta.LibraryVersion != "" {
		left = append(left, one(l.Library)+" "+d.Meta.LibraryVersion)
	}
	return []docx.Para{{Runs: []docx.Run{
		{Text: strings.Join(left, " · ") + "\t" + one(l.Page) + " "},
		{Field: "PAGE", Text: "1"},
		{Text: " " + one(l.Of) + " "},
		{Field: "NUMPAGES", Text: "1"},
	}}}
}

// one folds line breaks inside a value, as the text renderer does, so a
// paragraph or cell holds the same words on one line.
func one(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(c rune) bool { return c == '\n' || c == '\r' }), " ")
}

func fill(s string) string {
	if s == "" {
		return line
	}
	return one(s)
}

type r struct {
	w *docx.Document
	d *doc.Document
}

func (r *r) p(style string, s string) {
	r.w.Paragraph(style, docx.Run{Text: one(s)})
}

func (r *r) document() {
	d := r.d
	if d.Draft && d.DraftMark != "" {
		r.p(docx.StyleMark, d.DraftMark)
	}
	r.p(docx.StyleTitle, d.Title)
	if d.Subtitle != "" {
		r.p(docx.StyleSubtitle, d.Subtitle)
	}
	for _, kv := range d.TitleBlock.Rows {
		r.w.Paragraph(docx.StyleNormal, docx.Run{Text: one(kv.Label) + ": ", Bold: true}, docx.Run{Text: one(kv.Value)})
	}
	if len(d.TitleBlock.Parties) > 0 {
		r.p(docx.StyleLabel, d.Labels.Parties)
		for _, p := range d.TitleBlock.Parties {
			rows := make([][]string, len(p.Fields))
			for i, f := range p.Fields {
				rows[i] = []string{one(f.Label), one(f.Value)}
			}
			r.w.Table(docx.Table{Header: []string{one(p.Role)}, Rows: rows, Widths: []int{1, 2}, BoldFirstColumn: true, KeepTogether: true})
			r.w.Paragraph(docx.StyleNormal)
		}
	}
	if d.TitleBlock.Intro != "" {
		r.p(docx.StyleBodyText, d.TitleBlock.Intro)
	}
	for _, s := range d.Sections {
		r.p(docx.StyleHeading1, s.Number+"\t"+one(s.Title))
		for i := range s.Clauses {
			r.clause(&s.Clauses[i])
		}
	}
	r.signatures()
	for _, a := range d.Annexes {
		r.w.Para(docx.Para{Style: docx.StyleHeading1, PageBreakBefore: true, Runs: []docx.Run{{Text: one(d.Labels.Annex) + " " + a.Letter + " " + one(a.Title)}}})
		r.blocks(a.Blocks)
		for j := range a.Clauses {
			r.clause(&a.Clauses[j])
		}
	}
	r.p(docx.StyleSmall, one(d.Labels.Fingerprint)+": "+d.Meta.FingerprintShort+" · "+one(d.Labels.Library)+" "+d.Meta.LibraryVersion)
}

func (r *r) clause(c *doc.Clause) {
	r.p(docx.StyleHeading2, c.Number+"\t"+one(c.Title))
	r.blocks(c.Blocks)
}

func (r *r) blocks(bs []doc.Block) {
	for _, b := range bs {
		switch b.Kind {
		case doc.Paragraph:
			r.p(docx.StyleBodyText, b.Text)
		case doc.Subhead:
			r.p(docx.StyleHeading3, b.Text)
		case doc.Bullets:
			for _, it := range b.Items {
				r.w.Bullet(0, docx.Run{Text: one(it)})
			}
		case doc.Numbered:
			l := r.w.NewNumberedList()
			for _, it := range b.Items {
				r.w.Numbered(l, 0, docx.Run{Text: one(it)})
			}
		case doc.TableKind:
			if b.Table != nil {
				r.table(b.Table)
			}
		}
	}
}

func (r *r) table(t *doc.Table) {
	cells := func(in []string) []string {
		out := make([]string, len(in))
		for i, c := range in {
			out[i] = one(c)
		}
		return out
	}
	rows := make([][]string, len(t.Rows))
	for i, rw := range t.Rows {
		rows[i] = cells(rw)
	}
	r.w.Table(docx.Table{Header: cells(t.Header), Rows: rows, Widths: t.Widths})
	// a table followed directly by a table would merge in Word
	r.w.Paragraph(docx.StyleNormal)
}

func (r *r) signatures() {
	d := r.d
	if len(d.Signatures.Parties) == 0 {
		return
	}
	r.p(docx.StyleHeading1, d.Labels.Signatures)
	if d.Signatures.Intro != "" {
		r.p(docx.StyleBodyText, d.Signatures.Intro)
	}
	l := d.Labels
	for _, s := range d.Signatures.Parties {
		r.w.Table(docx.Table{
			Header: []string{one(s.Role) + ": " + one(s.Party)},
			Rows: [][]string{
				{one(l.Name), fill(s.Name)},
				{one(l.JobTitle), fill(s.Title)},
				{one(l.Place), fill(s.Place)},
				{one(l.Date), fill(s.Date)},
				{one(l.Signature), "\n\n" + line},
			},
			Widths:          []int{1, 3},
			BoldFirstColumn: true,
			KeepTogether:    true,
		})
		r.w.Paragraph(docx.StyleNormal)
	}
}
