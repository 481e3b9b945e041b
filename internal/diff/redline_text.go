package diff

import (
	"bytes"
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/docx"
	rdocx "github.com/dpa-no/dpa/internal/render/docx"
)

// The whole-agreement redline as Markdown and HTML: the same comparison
// as Redline, written as the agreement new with deleted text in <del> and
// inserted text in <ins>. A paragraph, list item or table row inserted or
// deleted whole is marked whole (in HTML with class "ins" or "del" on the
// element); there is no pilcrow. Heading numbers are printed, a changed
// number as the old one deleted and the new one inserted. The table of
// contents, a Word field, is left out.

type textStyle struct {
	esc              func(string) string
	ins, del         func(string) string
	heading          func(level int, s, cls string) string
	para             func(s, cls string) string
	item             func(numbered bool, s, cls string) string
	listEnd          func(numbered bool) string
	tableStart       func(header []string, cols int, cls string) string
	row              func(cells []string, cls string) string
	tableEnd         string
	head, foot       string
	breakInParagraph string
}

func (ts *textStyle) runs(rs []docx.Run) string {
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		// a reference now to another clause of the same number reads the same
		if r.Del != nil && i+1 < len(rs) && rs[i+1].Ins != nil && rs[i+1].Text == r.Text {
			r = rs[i+1]
			r.Del, r.Ins = nil, nil
			i++
		}
		t := ts.esc(safeString(r.Text))
		t = strings.ReplaceAll(t, "\t", " ")
		t = strings.ReplaceAll(t, "\n", ts.breakInParagraph)
		switch {
		case t == "":
		case r.Del != nil:
			b.WriteString(ts.del(t))
		case r.Ins != nil:
			b.WriteString(ts.ins(t))
		default:
			b.WriteString(t)
		}
	}
	return b.String()
}

func cls(ins, del *docx.Change) string {
	switch {
	case del != nil:
		return "del"
	case ins != nil:
		return "ins"
	}
	return ""
}

func (ts *textStyle) write(w io.Writer, es []rdocx.Elem) error {
	var b bytes.Buffer
	b.WriteString(ts.head)
	list := -1 // open list: 0 bullets, 1 numbered
	closeList := func() {
		if list >= 0 {
			b.WriteString(ts.listEnd(list == 1))
			list = -1
		}
	}
	for _, e := range es {
		if e.Group == "toc" {
			continue
		}
		if e.Table != nil {
			closeList()
			t := e.Table
			cols := len(t.Header)
			for _, r := range t.Body {
				if len(r.Cells) > cols {
					cols = len(r.Cells)
				}
			}
			b.WriteString(ts.tableStart(headerCells(ts, t), cols, cls(t.Ins, t.Del)))
			for _, r := range t.Body {
				cells := make([]string, len(r.Cells))
				for i, c := range r.Cells {
					cells[i] = ts.runs(c)
				}
				b.WriteString(ts.row(cells, cls(r.Ins, r.Del)))
			}
			b.WriteString(ts.tableEnd)
			continue
		}
		p := e.Para
		text := ts.runs(p.Runs)
		c := cls(p.Ins, p.Del)
		if e.List != rdocx.NoList {
			numbered := e.List == rdocx.NumberedItem
			n := 0
			if numbered {
				n = 1
			}
			if list != n || (numbered && e.ListStart) {
				closeList()
				list = n
			}
			b.WriteString(ts.item(numbered, text, c))
			continue
		}
		closeList()
		if strings.TrimSpace(text) == "" && e.Sep {
			continue
		}
		num := ""
		switch {
		case e.OldNumber != "" && e.Number != "":
			num = ts.del(ts.esc(e.OldNumber)) + ts.ins(ts.esc(e.Number)) + " "
		case e.Number != "" && p.Del != nil:
			num = ts.del(ts.esc(e.Number)) + " "
		case e.Number != "" && p.Ins != nil:
			num = ts.ins(ts.esc(e.Number)) + " "
		case e.Number != "":
			num = ts.esc(e.Number) + " "
		}
		switch p.Style {
		case docx.StyleTitle:
			b.WriteString(ts.heading(1, text, c))
		case docx.StyleHeading1:
			b.WriteString(ts.heading(2, num+text, c))
		case docx.StyleHeading2:
			b.WriteString(ts.heading(3, num+text, c))
		case docx.StyleHeading3, docx.StyleLabel:
			b.WriteString(ts.heading(4, text, c))
		default:
			if strings.TrimSpace(text) != "" {
				b.WriteString(ts.para(text, c))
			}
		}
	}
	closeList()
	b.WriteString(ts.foot)
	_, err := w.Write(b.Bytes())
	return err
}

func headerCells(ts *textStyle, t *docx.Table) []string {
	out := make([]string, len(t.Header))
	for i, h := range t.Header {
		out[i] = ts.runs([]docx.Run{{Text: h, Ins: t.Ins, Del: t.Del}})
	}
	return out
}

// RedlineMarkdown writes the whole agreement new with its differences
// from old as Markdown (deletions in <del>, insertions in <ins>).
func RedlineMarkdown(w io.Writer, old, new *doc.Document, o RedlineOptions) error {
	es, _ := merge(old, new, o)
	cell := func(s string) string { return strings.ReplaceAll(s, "\n", " ") }
	ts := &textStyle{
		esc: func(s string) string { return mdEsc.Replace(s) },
		ins: func(s string) string { return "<ins>" + s + "</ins>" },
		del: func(s string) string { return "<del>" + s + "</del>" },
		heading: func(l int, s, c string) string {
			return strings.Repeat("#", l) + " " + wrapMD(strings.TrimSpace(s), c) + "\n\n"
		},
		para: func(s, c string) string { return mdLine(wrapMD(s, c)) + "\n\n" },
		item: func(n bool, s, c string) string {
			if n {
				return "1. " + wrapMD(s, c) + "\n"
			}
			return "- " + wrapMD(s, c) + "\n"
		},
		listEnd: func(bool) string { return "\n" },
		tableStart: func(h []string, cols int, c string) string {
			for i := range h {
				h[i] = wrapMD(cell(h[i]), c)
			}
			for len(h) < cols || len(h) == 0 {
				h = append(h, " ")
			}
			return "| " + strings.Join(h, " | ") + " |\n|" + strings.Repeat(" --- |", len(h)) + "\n"
		},
		row: func(cs []string, c string) string {
			for i := range cs {
				cs[i] = wrapMD(cell(cs[i]), c)
			}
			return "| " + strings.Join(cs, " | ") + " |\n"
		},
		tableEnd:         "\n",
		breakInParagraph: "<br>",
	}
	return ts.write(w, es)
}

// wrapMD marks a whole inserted or deleted element: its text is already
// in <ins>/<del> run by run; nothing more is needed in Markdown.
func wrapMD(s, _ string) string { return s }

// mdLine escapes what would start a list or a heading at a line start.
func mdLine(s string) string {
	if n := leadingListMarker(s); n > 0 {
		s = s[:n-1] + `\` + s[n-1:]
	}
	if strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "=") {
		s = `\` + s
	}
	return s
}

// RedlineHTML writes the whole agreement new with its differences from
// old as one printable HTML page.
func RedlineHTML(w io.Writer, old, new *doc.Document, o RedlineOptions) error {
	es, _ := merge(old, new, o)
	ch := o.change()
	attr := func(c string) string {
		if c == "" {
			return ""
		}
		return ` class="` + c + `"`
	}
	title := html.EscapeString(new.Title)
	ts := &textStyle{
		esc: html.EscapeString,
		ins: func(s string) string { return "<ins>" + s + "</ins>" },
		del: func(s string) string { return "<del>" + s + "</del>" },
		heading: func(l int, s, c string) string {
			n := string(rune('0' + l))
			return "<h" + n + attr(c) + ">" + s + "</h" + n + ">\n"
		},
		para: func(s, c string) string { return "<p" + attr(c) + ">" + s + "</p>\n" },
		item: func(n bool, s, c string) string { return "<li" + attr(c) + ">" + s + "</li>\n" },
		listEnd: func(n bool) string {
			if n {
				return "</ol>\n"
			}
			return "</ul>\n"
		},
		tableStart: func(h []string, cols int, c string) string {
			s := "<table" + attr(c) + ">"
			switch {
			case len(h) == 1 && cols > 1:
				s += "<thead><tr><th colspan=\"" + strconv.Itoa(cols) + "\">" + h[0] + "</th></tr></thead>"
			case len(h) > 0:
				s += "<thead><tr><th>" + strings.Join(h, "</th><th>") + "</th></tr></thead>"
			}
			return s + "<tbody>\n"
		},
		row: func(cs []string, c string) string {
			return "<tr" + attr(c) + "><td>" + strings.Join(cs, "</td><td>") + "</td></tr>\n"
		},
		tableEnd:         "</tbody></table>\n",
		breakInParagraph: "<br>",
		head: "<!DOCTYPE html>\n<html lang=\"" + html.EscapeString(new.Lang) + "\"><head><meta charset=\"utf-8\"><title>" + title + "</title><style>" + css +
			"\ntable{border-collapse:collapse;width:100%;margin:.6em 0}td,th{border:1px solid #999;padding:.25em .4em;vertical-align:top;text-align:left}th{background:#eee}tr.del td{background:#fde8e8}tr.ins td{background:#e6f4e6}</style></head><body>\n" +
			"<p class=\"facts\">" + html.EscapeString(ch.Author+" · "+ch.Date.Format("2006-01-02")) + "</p>\n",
		foot: "</body></html>\n",
	}
	// lists: open tags come with the first item
	base := ts.item
	open := -1
	ts.item = func(n bool, s, c string) string {
		k := 0
		if n {
			k = 1
		}
		pre := ""
		if open != k {
			if n {
				pre = "<ol>\n"
			} else {
				pre = "<ul>\n"
			}
			open = k
		}
		return pre + base(n, s, c)
	}
	le := ts.listEnd
	ts.listEnd = func(n bool) string { open = -1; return le(n) }
	return ts.write(w, es)
}
