// Package markdown renders the document model as CommonMark/GFM Markdown for
// review and version control.
package markdown

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/dpa-no/dpa/internal/doc"
)

// Render writes d as Markdown.
func Render(w io.Writer, d *doc.Document) error {
	var b bytes.Buffer
	m := &m{b: &b}
	m.document(d)
	_, err := w.Write(b.Bytes())
	return err
}

// Bytes renders d to a byte slice.
func Bytes(d *doc.Document) []byte {
	var b bytes.Buffer
	_ = Render(&b, d)
	return b.Bytes()
}

type m struct{ b *bytes.Buffer }

func (m *m) w(parts ...string) {
	for _, p := range parts {
		m.b.WriteString(p)
	}
}

var escaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`,
)

// Esc makes s literal inline Markdown on one line.
func Esc(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Join(strings.FieldsFunc(s, func(c rune) bool { return c == '\n' || c == '\r' }), " ")
	return escaper.Replace(s)
}

// EscLine is Esc for text that starts a line: it must not start a list,
// an ordered list item or a setext heading.
func EscLine(s string) string {
	s = Esc(s)
	if len(s) > 0 && (s[0] == '-' || s[0] == '+' || s[0] == '=') {
		s = `\` + s
	}
	if i := strings.IndexByte(s, '.'); i > 0 && i < 10 {
		if _, err := strconv.Atoi(s[:i]); err == nil {
			s = s[:i] + `\` + s[i:]
		}
	}
	return s
}

func (m *m) document(d *doc.Document) {
	if d.Draft && d.DraftMark != "" {
		m.w("> **", Esc(d.DraftMark), "**\n\n")
	}
	m.w("# ", Esc(d.Title), "\n\n")
	if d.Subtitle != "" {
		m.w("**", Esc(d.Subtitle), "**\n\n")
	}
	for _, kv := range d.TitleBlock.Rows {
		m.w("- ", Esc(kv.Label), ": ", Esc(kv.Value), "\n")
	}
	if len(d.TitleBlock.Rows) > 0 {
		m.w("\n")
	}
	if len(d.TitleBlock.Parties) > 0 {
		m.w("## ", Esc(d.Labels.Parties), "\n\n")
		for _, p := range d.TitleBlock.Parties {
			m.w("**", Esc(p.Role), "**\n\n")
			for _, f := range p.Fields {
				m.w("- ", Esc(f.Label), ": ", Esc(f.Value), "\n")
			}
			m.w("\n")
		}
	}
	if d.TitleBlock.Intro != "" {
		m.w(EscLine(d.TitleBlock.Intro), "\n\n")
	}
	for _, s := range d.Sections {
		m.w("## ", s.Number, " ", Esc(s.Title), "\n\n")
		for i := range s.Clauses {
			m.clause(&s.Clauses[i])
		}
	}
	m.signatures(d)
	for _, a := range d.Annexes {
		m.w("## ", Esc(d.Labels.Annex), " ", a.Letter, " ", Esc(a.Title), "\n\n")
		m.blocks(a.Blocks)
		for i := range a.Clauses {
			m.clause(&a.Clauses[i])
		}
	}
	m.w("---\n\n", Esc(d.Labels.Fingerprint), ": `", d.Meta.FingerprintShort, "` · ", Esc(d.Labels.Library), " ", Esc(d.Meta.LibraryVersion), "\n")
}

func (m *m) clause(c *doc.Clause) {
	m.w("### ", c.Number, " ", Esc(c.Title), "\n\n")
	m.blocks(c.Blocks)
}

func (m *m) blocks(bs []doc.Block) {
	for _, b := range bs {
		switch b.Kind {
		case doc.Paragraph:
			m.w(EscLine(b.Text), "\n\n")
		case doc.Subhead:
			m.w("**", Esc(b.Text), "**\n\n")
		case doc.Bullets:
			for _, it := range b.Items {
				m.w("- ", EscLine(it), "\n")
			}
			m.w("\n")
		case doc.Numbered:
			for i, it := range b.Items {
				m.w(strconv.Itoa(i+1), ". ", EscLine(it), "\n")
			}
			m.w("\n")
		case doc.TableKind:
			if b.Table != nil {
				m.table(b.Table)
			}
		}
	}
}

func (m *m) table(t *doc.Table) {
	row := func(cells []string) {
		m.w("|")
		for _, c := range cells {
			m.w(" ", Esc(c), " |")
		}
		m.w("\n")
	}
	row(t.Header)
	m.w("|")
	for range t.Header {
		m.w(" --- |")
	}
	m.w("\n")
	for _, r := range t.Rows {
		row(r)
	}
	m.w("\n")
}

func (m *m) signatures(d *doc.Document) {
	if len(d.Signatures.Parties) == 0 {
		return
	}
	l := d.Labels
	m.w("## ", Esc(l.Signatures), "\n\n")
	if d.Signatures.Intro != "" {
		m.w(EscLine(d.Signatures.Intro), "\n\n")
	}
	line := "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_"
	val := func(s string) string {
		if s == "" {
			return line
		}
		return Esc(s)
	}
	for _, s := range d.Signatures.Parties {
		m.w("**", Esc(s.Role), ": ", Esc(s.Party), "**\n\n")
		m.w("- ", Esc(l.Name), ": ", val(s.Name), "\n")
		m.w("- ", Esc(l.JobTitle), ": ", val(s.Title), "\n")
		m.w("- ", Esc(l.Place), ": ", val(s.Place), "\n")
		m.w("- ", Esc(l.Date), ": ", val(s.Date), "\n")
		m.w("- ", Esc(l.Signature), ": ", line, "\n\n")
	}
}
