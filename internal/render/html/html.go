// Package html renders the document model as HTML: the preview of the web
// interview (`dpa serve`). Like the other renderers it only lays out what
// the assembler resolved; every string is escaped, none is markup.
package html

import (
	"bytes"
	"html"
	"strconv"
)

import "github.com/dpa-no/dpa/internal/doc"

// Options change the layout.
type Options struct {
	// TopLevel is the heading level of the document title (1 for a page of
	// its own, 2 when embedded under a page heading).
	TopLevel int
}

// Fragment renders d as an <article> to embed in a page, its title an h2.
func Fragment(d *doc.Document) []byte { return Render(d, Options{TopLevel: 2}) }

// Page renders d as a complete HTML document without style or script.
func Page(d *doc.Document) []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html lang=\"" + esc(d.Lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
	b.WriteString(esc(d.Title))
	b.WriteString("</title>\n</head>\n<body>\n")
	b.Write(Render(d, Options{TopLevel: 1}))
	b.WriteString("</body>\n</html>\n")
	return b.Bytes()
}

// Render writes the document as an <article>.
func Render(d *doc.Document, o Options) []byte {
	if o.TopLevel < 1 || o.TopLevel > 3 {
		o.TopLevel = 1
	}
	r := &r{lvl: o.TopLevel}
	r.document(d)
	return r.b.Bytes()
}

type r struct {
	b   bytes.Buffer
	lvl int
}

func esc(s string) string { return html.EscapeString(s) }

func (r *r) w(parts ...string) {
	for _, p := range parts {
		r.b.WriteString(p)
	}
}

// h writes a heading depth levels below the title.
func (r *r) h(depth int, id, text string) {
	n := strconv.Itoa(r.lvl + depth)
	if id != "" {
		r.w("<h", n, " id=\"", esc(id), "\">", text, "</h", n, ">\n")
		return
	}
	r.w("<h", n, ">", text, "</h", n, ">\n")
}

func (r *r) document(d *doc.Document) {
	r.w("<article class=\"preview\" lang=\"", esc(d.Lang), "\">\n")
	if d.Draft && d.DraftMark != "" {
		r.w("<p class=\"draftmark\">", esc(d.DraftMark), "</p>\n")
	}
	r.h(0, "", esc(d.Title))
	if d.Subtitle != "" {
		r.w("<p class=\"subtitle\"><strong>", esc(d.Subtitle), "</strong></p>\n")
	}
	if len(d.TitleBlock.Rows) > 0 {
		r.w("<dl class=\"facts\">\n")
		for _, kv := range d.TitleBlock.Rows {
			r.w("<dt>", esc(kv.Label), "</dt><dd>", esc(kv.Value), "</dd>\n")
		}
		r.w("</dl>\n")
	}
	if len(d.TitleBlock.Parties) > 0 {
		r.h(1, "parties", esc(d.Labels.Parties))
		for _, p := range d.TitleBlock.Parties {
			r.w("<section class=\"party\">\n")
			r.h(2, "", esc(p.Role))
			r.w("<dl class=\"facts\">\n")
			for _, f := range p.Fields {
				r.w("<dt>", esc(f.Label), "</dt><dd>", esc(f.Value), "</dd>\n")
			}
			r.w("</dl>\n</section>\n")
		}
	}
	if d.TitleBlock.Intro != "" {
		r.w("<p>", esc(d.TitleBlock.Intro), "</p>\n")
	}
	for _, s := range d.Sections {
		r.w("<section>\n")
		r.h(1, "s-"+s.ID, esc(s.Number)+" "+esc(s.Title))
		for i := range s.Clauses {
			r.clause(&s.Clauses[i])
		}
		r.w("</section>\n")
	}
	r.signatures(d)
	for _, a := range d.Annexes {
		r.w("<section class=\"annex\">\n")
		r.h(1, "annex-"+a.Letter, esc(d.Labels.Annex)+" "+esc(a.Letter)+" "+esc(a.Title))
		r.blocks(a.Blocks)
		for i := range a.Clauses {
			r.clause(&a.Clauses[i])
		}
		r.w("</section>\n")
	}
	r.w("<p class=\"meta\">", esc(d.Labels.Fingerprint), ": <code>", esc(d.Meta.FingerprintShort), "</code> · ", esc(d.Labels.Library), " ", esc(d.Meta.LibraryVersion), "</p>\n")
	r.w("</article>\n")
}

func (r *r) clause(c *doc.Clause) {
	r.w("<section class=\"clause\" id=\"c-", esc(c.ID), "\">\n")
	r.h(2, "", esc(c.Number)+" "+esc(c.Title))
	r.blocks(c.Blocks)
	r.w("</section>\n")
}

func (r *r) blocks(bs []doc.Block) {
	for _, b := range bs {
		switch b.Kind {
		case doc.Paragraph:
			r.w("<p>", esc(b.Text), "</p>\n")
		case doc.Subhead:
			r.w("<p class=\"subhead\"><strong>", esc(b.Text), "</strong></p>\n")
		case doc.Bullets, doc.Numbered:
			tag := "ul"
			if b.Kind == doc.Numbered {
				tag = "ol"
			}
			r.w("<", tag, ">\n")
			for _, it := range b.Items {
				r.w("<li>", esc(it), "</li>\n")
			}
			r.w("</", tag, ">\n")
		case doc.TableKind:
			if b.Table != nil {
				r.table(b.Table)
			}
		}
	}
}

func (r *r) table(t *doc.Table) {
	r.w("<table>\n<thead><tr>")
	for _, c := range t.Header {
		r.w("<th scope=\"col\">", esc(c), "</th>")
	}
	r.w("</tr></thead>\n<tbody>\n")
	for _, row := range t.Rows {
		r.w("<tr>")
		for _, c := range row {
			r.w("<td>", esc(c), "</td>")
		}
		r.w("</tr>\n")
	}
	r.w("</tbody>\n</table>\n")
}

func (r *r) signatures(d *doc.Document) {
	if len(d.Signatures.Parties) == 0 {
		return
	}
	l := d.Labels
	r.w("<section class=\"signatures\">\n")
	r.h(1, "signatures", esc(l.Signatures))
	if d.Signatures.Intro != "" {
		r.w("<p>", esc(d.Signatures.Intro), "</p>\n")
	}
	r.w("<div class=\"sig\">\n")
	for _, s := range d.Signatures.Parties {
		r.w("<div>\n<p><strong>", esc(s.Role), ": ", esc(s.Party), "</strong></p>\n<dl>\n")
		for _, kv := range [][2]string{{l.Name, s.Name}, {l.JobTitle, s.Title}, {l.Place, s.Place}, {l.Date, s.Date}, {l.Signature, ""}} {
			r.w("<dt>", esc(kv[0]), "</dt><dd>", esc(kv[1]), "</dd>\n")
		}
		r.w("</dl>\n</div>\n")
	}
	r.w("</div>\n</section>\n")
}
