package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"github.com/dpa-no/dpa/internal/docx"
)

var labels = map[string]map[string]string{
	"en": {
		"title.library": "Changes to the clause library", "title.answers": "Changes to the agreement",
		"old": "Old", "new": "New", "library": "Clause library", "added": "Added", "removed": "Removed",
		"changed": "Changed", "renumbered": "Renumbered", "none": "No differences.", "changelog": "Changelog",
		"condition": "Condition", "covers": "Covers", "version": "version", "annex": "Annex", "note": "Note",
		"st.added": "new clause", "st.removed": "removed clause", "st.changed": "changed",
		"legend":  "Deleted text is struck through in red, inserted text underlined in green.",
		"only.en": "only in English: the library has no Norwegian text for this entry",
		"only.nb": "only in Norwegian: the library has no English text for this entry",
	},
	"nb": {
		"title.library": "Endringer i klausulbiblioteket", "title.answers": "Endringer i avtalen",
		"old": "Gammel", "new": "Ny", "library": "Klausulbibliotek", "added": "Lagt til", "removed": "Fjernet",
		"changed": "Endret", "renumbered": "Omnummerert", "none": "Ingen forskjeller.", "changelog": "Endringslogg",
		"condition": "Vilkår", "covers": "Dekker", "version": "versjon", "annex": "Vedlegg", "note": "Merk",
		"st.added": "ny klausul", "st.removed": "fjernet klausul", "st.changed": "endret",
		"legend":  "Slettet tekst er gjennomstreket i rødt, innsatt tekst understreket i grønt.",
		"only.en": "bare på engelsk: biblioteket har ingen norsk tekst for denne oppføringen",
		"only.nb": "bare på norsk: biblioteket har ingen engelsk tekst for denne oppføringen",
	},
}

func (r *Report) label(k string) string { return labels[langOr(r.UILang)][k] }

// logLine is a changelog entry as one line: "Changelog 3 (2026-12-01):
// text", with a note when the text is not in the changelog language.
func (r *Report) logLine(e LogEntry) string {
	s := fmt.Sprintf("%s %s (%s): %s", r.label("changelog"), e.Version, e.Date, e.Text)
	if e.Lang != "" && e.Lang != langOr(r.ChangelogLang) {
		s += " [" + r.label("only."+e.Lang) + "]"
	}
	return s
}

// heading of an item: "6.2 Title" (number when known) and a line of facts.
func (r *Report) itemFacts(c ClauseChange) string {
	var parts []string
	parts = append(parts, c.ID)
	switch c.Status {
	case Added:
		parts = append(parts, fmt.Sprintf("%s %d", r.label("version"), c.NewVersion), r.label("st.added"))
	case Removed:
		parts = append(parts, fmt.Sprintf("%s %d", r.label("version"), c.OldVersion), r.label("st.removed"))
	default:
		if c.OldVersion != c.NewVersion {
			parts = append(parts, fmt.Sprintf("%s %d → %d", r.label("version"), c.OldVersion, c.NewVersion))
		} else {
			parts = append(parts, fmt.Sprintf("%s %d", r.label("version"), c.NewVersion))
		}
		if c.OldNumber != "" && c.NewNumber != "" && c.OldNumber != c.NewNumber {
			parts = append(parts, fmt.Sprintf("%s %s → %s", r.label("renumbered"), c.OldNumber, c.NewNumber))
		}
	}
	return strings.Join(parts, " · ")
}

func itemNumber(c ClauseChange) string {
	if c.NewNumber != "" {
		return c.NewNumber
	}
	return c.OldNumber
}

func (r *Report) summaryLines() []string {
	var out []string
	if r.VersionWarning != "" {
		out = append(out, r.VersionWarning)
	}
	if r.OldVersion != "" || r.NewVersion != "" {
		if r.OldVersion == r.NewVersion {
			out = append(out, fmt.Sprintf("%s: %s", r.label("library"), r.NewVersion))
		} else {
			out = append(out, fmt.Sprintf("%s: %s → %s", r.label("library"), r.OldVersion, r.NewVersion))
		}
	}
	list := func(k string, ids []string) {
		if len(ids) > 0 {
			out = append(out, fmt.Sprintf("%s (%d): %s", r.label(k), len(ids), strings.Join(ids, ", ")))
		}
	}
	list("added", r.Added)
	list("removed", r.Removed)
	var ch []string
	for _, c := range r.Changed {
		ch = append(ch, c.ID)
	}
	list("changed", ch)
	if len(r.Renumbered) > 0 {
		var rs []string
		for _, n := range r.Renumbered {
			rs = append(rs, fmt.Sprintf("%s %s → %s", n.ID, n.OldNumber, n.NewNumber))
		}
		out = append(out, fmt.Sprintf("%s (%d): %s", r.label("renumbered"), len(rs), strings.Join(rs, ", ")))
	}
	return out
}

func (r *Report) extraLines(c ClauseChange) []string {
	var out []string
	if c.VersionNote != "" {
		out = append(out, r.label("note")+": "+c.VersionNote)
	}
	if c.Condition != nil {
		out = append(out, fmt.Sprintf("%s: %s → %s", r.label("condition"), c.Condition.Old, c.Condition.New))
	}
	if c.Covers != nil {
		var s []string
		for _, k := range c.Covers.Added {
			s = append(s, "+"+k)
		}
		for _, k := range c.Covers.Removed {
			s = append(s, "-"+k)
		}
		out = append(out, r.label("covers")+": "+strings.Join(s, ", "))
	}
	out = append(out, c.Explanation...)
	for _, e := range c.Changelog {
		out = append(out, r.logLine(e))
	}
	return out
}

// visible lines of a redline: empty lines whose break is unchanged are
// dropped (they only separate paragraphs).
type line struct {
	ops []Op
	end string // kind of the line break ending the line; "" for none
}

func visibleLines(ops []Op, lastEnd string) []line {
	ls, ends := Lines(ops)
	var out []line
	for i := range ls {
		end := ends[i]
		if i == len(ls)-1 {
			end = lastEnd
		}
		if len(ls[i]) == 0 && (end == Equal || end == "") {
			continue
		}
		out = append(out, line{ls[i], end})
	}
	return out
}

// changedLines are the lines of a long redline that have a change, with
// a line "…" for each run of unchanged lines left out.
func changedLines(ops []Op) []line {
	var out []line
	gap := false
	for _, l := range visibleLines(ops, "") {
		if l.end == Equal || l.end == "" {
			if !HasChanges(l.ops) {
				gap = true
				continue
			}
		}
		if gap {
			out = append(out, line{ops: []Op{{Equal, "…"}}})
			gap = false
		}
		out = append(out, l)
	}
	if gap {
		out = append(out, line{ops: []Op{{Equal, "…"}}})
	}
	return out
}

func lastEnd(c ClauseChange) string {
	switch c.Status {
	case Added:
		return Insert
	case Removed:
		return Delete
	}
	return ""
}

// ---- text ----

// Text writes the report as plain text: [-deleted-] and {+inserted+},
// coloured with ANSI escapes when color is set.
func Text(w io.Writer, r *Report, color bool) error {
	r = displaySafe(r)
	var b bytes.Buffer
	del := func(s string) string {
		if color {
			return "\x1b[31;9m[-" + s + "-]\x1b[0m"
		}
		return "[-" + s + "-]"
	}
	ins := func(s string) string {
		if color {
			return "\x1b[32;4m{+" + s + "+}\x1b[0m"
		}
		return "{+" + s + "+}"
	}
	ops := func(os []Op) string {
		var s strings.Builder
		for _, o := range os {
			switch o.Kind {
			case Delete:
				s.WriteString(del(o.Text))
			case Insert:
				s.WriteString(ins(o.Text))
			default:
				s.WriteString(o.Text)
			}
		}
		return s.String()
	}
	fmt.Fprintf(&b, "%s\n%s: %s\n%s: %s\n", r.label("title."+r.Kind), r.label("old"), r.Old, r.label("new"), r.New)
	for _, l := range r.summaryLines() {
		fmt.Fprintln(&b, l)
	}
	for _, e := range r.Changelog {
		fmt.Fprintln(&b, r.logLine(e))
	}
	if r.Empty() {
		fmt.Fprintln(&b, r.label("none"))
	}
	for _, c := range r.Items {
		fmt.Fprintf(&b, "\n== %s\n", r.itemFacts(c))
		for _, l := range r.extraLines(c) {
			fmt.Fprintf(&b, "   %s\n", l)
		}
		for _, lang := range r.Langs {
			tag := ""
			if len(r.Langs) > 1 {
				tag = "[" + lang + "] "
			}
			num := itemNumber(c)
			if num != "" {
				num += " "
			}
			fmt.Fprintf(&b, "\n%s%s%s\n", tag, num, ops(c.Title[lang]))
			for _, l := range visibleLines(c.Body[lang], "") {
				s := ops(l.ops)
				switch l.end {
				case Insert:
					s += ins("¶")
				case Delete:
					s += del("¶")
				}
				fmt.Fprintf(&b, "  %s\n", s)
			}
		}
	}
	for _, a := range r.Annexes {
		fmt.Fprintf(&b, "\n== %s\n", annexTitle(r, a))
		for _, l := range changedLines(a.Ops) {
			fmt.Fprintf(&b, "  %s\n", ops(l.ops))
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// ---- markdown ----

var mdEsc = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "&", "&amp;", "|", `\|`, "~", `\~`, "#", `\#`)

// MarkdownLines renders a redline as Markdown paragraphs (one per line of
// text), deletions as <del>…</del> and insertions as <ins>…</ins>; a
// changed line break is a pilcrow (¶) inside the tag.
func MarkdownLines(ops []Op, last string) string { return mdLines(visibleLines(ops, last)) }

func mdLines(ls []line) string {
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			b.WriteString("\n\n")
		}
		var s strings.Builder
		for _, o := range l.ops {
			t := mdEsc.Replace(o.Text)
			switch o.Kind {
			case Delete:
				s.WriteString("<del>" + t + "</del>")
			case Insert:
				s.WriteString("<ins>" + t + "</ins>")
			default:
				s.WriteString(t)
			}
		}
		line := s.String()
		// a line that would start a list or heading is escaped
		if n := leadingListMarker(line); n > 0 {
			line = line[:n-1] + `\` + line[n-1:]
		}
		if strings.HasPrefix(line, "+") || strings.HasPrefix(line, "-") || strings.HasPrefix(line, "=") {
			line = `\` + line
		}
		if strings.HasPrefix(line, " ") {
			line = "&#32;" + line[1:]
		}
		switch l.end {
		case Insert:
			line += "<ins>¶</ins>"
		case Delete:
			line += "<del>¶</del>"
		}
		b.WriteString(line)
	}
	return b.String()
}

// leadingListMarker returns the index just after "12." or "12)" at the
// start of s, or 0.
func leadingListMarker(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return i + 1
	}
	return 0
}

// Markdown writes the report as Markdown.
func Markdown(w io.Writer, r *Report) error {
	r = displaySafe(r)
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n\n", mdEsc.Replace(r.label("title."+r.Kind)))
	fmt.Fprintf(&b, "- %s: `%s`\n- %s: `%s`\n", r.label("old"), strings.ReplaceAll(r.Old, "`", "'"), r.label("new"), strings.ReplaceAll(r.New, "`", "'"))
	for _, l := range r.summaryLines() {
		fmt.Fprintf(&b, "- %s\n", mdEsc.Replace(l))
	}
	for _, e := range r.Changelog {
		fmt.Fprintf(&b, "- %s\n", mdEsc.Replace(r.logLine(e)))
	}
	if r.Empty() {
		fmt.Fprintf(&b, "\n%s\n", r.label("none"))
	} else {
		fmt.Fprintf(&b, "\n%s\n", r.label("legend"))
	}
	for _, c := range r.Items {
		num := itemNumber(c)
		if num != "" {
			num += " "
		}
		for li, lang := range r.Langs {
			tag := ""
			if len(r.Langs) > 1 {
				tag = " [" + lang + "]"
			}
			fmt.Fprintf(&b, "\n## %s%s%s\n\n", mdEsc.Replace(num), inlineMD(c.Title[lang]), tag)
			if li == 0 {
				fmt.Fprintf(&b, "*%s*\n\n", mdEsc.Replace(r.itemFacts(c)))
				for _, l := range r.extraLines(c) {
					fmt.Fprintf(&b, "- %s\n", mdEsc.Replace(l))
				}
				if len(r.extraLines(c)) > 0 {
					b.WriteString("\n")
				}
			}
			if body := MarkdownLines(c.Body[lang], ""); body != "" {
				fmt.Fprintf(&b, "%s\n", body)
			}
		}
	}
	for _, a := range r.Annexes {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n", mdEsc.Replace(annexTitle(r, a)), mdLines(changedLines(a.Ops)))
	}
	_, err := w.Write(b.Bytes())
	return err
}

func inlineMD(ops []Op) string {
	return strings.ReplaceAll(MarkdownLines(ops, ""), "\n\n", " ")
}

// ---- HTML ----

// HTMLLines renders a redline as <p> elements, deletions in <del> and
// insertions in <ins>; a changed line break is a pilcrow in <del
// class="pm"> or <ins class="pm">. All text is escaped.
func HTMLLines(ops []Op, last string) string { return htmlLines(visibleLines(ops, last)) }

func htmlLines(ls []line) string {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString("<p>")
		b.WriteString(inlineHTML(l.ops))
		switch l.end {
		case Insert:
			b.WriteString(`<ins class="pm">¶</ins>`)
		case Delete:
			b.WriteString(`<del class="pm">¶</del>`)
		}
		b.WriteString("</p>\n")
	}
	return b.String()
}

func inlineHTML(ops []Op) string {
	var b strings.Builder
	for _, o := range ops {
		t := html.EscapeString(strings.ReplaceAll(o.Text, "\n", " "))
		switch o.Kind {
		case Delete:
			b.WriteString("<del>" + t + "</del>")
		case Insert:
			b.WriteString("<ins>" + t + "</ins>")
		default:
			b.WriteString(t)
		}
	}
	return b.String()
}

const css = `body{font-family:Georgia,"DejaVu Serif",serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.45;color:#111}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ccc;page-break-after:avoid}
.facts{color:#555;font-size:.9em}.notes{font-size:.92em;color:#333}.summary li{margin:.15em 0}
del{color:#b00000;background:#fde8e8;text-decoration:line-through}ins{color:#006100;background:#e6f4e6;text-decoration:underline}
.pm{font-size:.8em}.item{page-break-inside:auto}
@media print{body{margin:0;max-width:none}del,ins{-webkit-print-color-adjust:exact;print-color-adjust:exact}}`

// HTML writes the report as one self-contained, printable HTML page.
func HTML(w io.Writer, r *Report) error {
	r = displaySafe(r)
	var b bytes.Buffer
	e := html.EscapeString
	lang := langOr(r.UILang)
	if len(r.Langs) == 1 {
		lang = r.Langs[0]
	}
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<style>\n%s\n</style>\n</head>\n<body>\n", e(lang), e(r.label("title."+r.Kind)), css)
	fmt.Fprintf(&b, "<h1>%s</h1>\n<ul class=\"summary\">\n<li>%s: <code>%s</code></li>\n<li>%s: <code>%s</code></li>\n", e(r.label("title."+r.Kind)), e(r.label("old")), e(r.Old), e(r.label("new")), e(r.New))
	for _, l := range r.summaryLines() {
		fmt.Fprintf(&b, "<li>%s</li>\n", e(l))
	}
	for _, c := range r.Changelog {
		fmt.Fprintf(&b, "<li>%s</li>\n", e(r.logLine(c)))
	}
	b.WriteString("</ul>\n")
	if r.Empty() {
		fmt.Fprintf(&b, "<p>%s</p>\n", e(r.label("none")))
	} else {
		fmt.Fprintf(&b, "<p class=\"facts\">%s</p>\n", e(r.label("legend")))
	}
	for _, c := range r.Items {
		num := itemNumber(c)
		if num != "" {
			num += " "
		}
		fmt.Fprintf(&b, "<section class=\"item\" id=\"%s\">\n", e(c.ID))
		for li, lang := range r.Langs {
			tag := ""
			if len(r.Langs) > 1 {
				tag = " [" + lang + "]"
			}
			fmt.Fprintf(&b, "<h2 lang=\"%s\">%s%s%s</h2>\n", e(lang), e(num), inlineHTML(c.Title[lang]), e(tag))
			if li == 0 {
				fmt.Fprintf(&b, "<p class=\"facts\">%s</p>\n", e(r.itemFacts(c)))
				if ex := r.extraLines(c); len(ex) > 0 {
					b.WriteString("<ul class=\"notes\">\n")
					for _, l := range ex {
						fmt.Fprintf(&b, "<li>%s</li>\n", e(l))
					}
					b.WriteString("</ul>\n")
				}
			}
			fmt.Fprintf(&b, "<div class=\"body\" lang=\"%s\">\n%s</div>\n", e(lang), HTMLLines(c.Body[lang], ""))
		}
		b.WriteString("</section>\n")
	}
	for _, a := range r.Annexes {
		fmt.Fprintf(&b, "<section class=\"item\">\n<h2>%s</h2>\n<div class=\"body\">\n%s</div>\n</section>\n", e(annexTitle(r, a)), htmlLines(changedLines(a.Ops)))
	}
	b.WriteString("</body>\n</html>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// ---- JSON ----

// JSON writes the report as indented JSON (see spec/cli.md).
func JSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// ---- DOCX ----

// Author is the default author of the tracked changes.
const Author = "dpa"

func (r *Report) change() *docx.Change {
	t, err := time.Parse("2006-01-02", r.Date)
	if err != nil {
		t = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if !r.When.IsZero() {
		t = r.When
	}
	a := Author
	if r.Author != "" {
		a = r.Author
	}
	return &docx.Change{Author: a, Date: t}
}

// docxLines adds the redline as paragraphs: unchanged text as normal runs,
// deletions and insertions as tracked changes, changed line breaks as
// tracked paragraph marks.
func docxLines(d *docx.Document, ch *docx.Change, style string, prefix []docx.Run, ls []line) {
	for i, l := range ls {
		p := docx.Para{Style: style}
		if i == 0 && prefix != nil {
			p.Runs = append(p.Runs, prefix...)
		}
		p.Runs = append(p.Runs, opRuns(l.ops, ch)...)
		switch l.end {
		case Insert:
			p.Ins = ch
		case Delete:
			p.Del = ch
		}
		d.Para(p)
	}
}

// DocxLines returns a Word document holding only the redline of ops, one
// paragraph per line, for tests and embedding.
func DocxLines(ops []Op, date string) []byte {
	r := &Report{Date: date}
	d := docx.New(docx.Options{Created: r.change().Date})
	docxLines(d, r.change(), docx.StyleNormal, nil, visibleLines(ops, ""))
	return d.Bytes()
}

func docxLang(l string) string {
	if l == "en" {
		return "en-GB"
	}
	return "nb-NO"
}

// Docx returns the report as a Word document in which every change is a
// tracked change (author "dpa", dated r.Date) that can be accepted or
// rejected one by one; the summary and notes are normal text.
func Docx(r *Report) []byte {
	ch := r.change()
	lang := langOr(r.UILang)
	if len(r.Langs) == 1 {
		lang = r.Langs[0]
	}
	title := r.label("title." + r.Kind)
	d := docx.New(docx.Options{Lang: docxLang(lang), Title: title, Creator: Author, Created: ch.Date,
		Footer: []docx.Para{{Runs: []docx.Run{{Text: title + "\t"}, {Field: "PAGE", Text: "1"}}}}})
	d.Paragraph(docx.StyleTitle, docx.Run{Text: title})
	d.Paragraph(docx.StyleSmall, docx.Run{Text: r.label("old") + ": " + r.Old})
	d.Paragraph(docx.StyleSmall, docx.Run{Text: r.label("new") + ": " + r.New})
	for _, l := range r.summaryLines() {
		d.Paragraph(docx.StyleSmall, docx.Run{Text: l})
	}
	for _, e := range r.Changelog {
		d.Paragraph(docx.StyleSmall, docx.Run{Text: r.logLine(e)})
	}
	if r.Empty() {
		d.Paragraph(docx.StyleBodyText, docx.Run{Text: r.label("none")})
	}
	for _, c := range r.Items {
		num := itemNumber(c)
		if num != "" {
			num += " "
		}
		for li, lang := range r.Langs {
			var prefix []docx.Run
			if num != "" {
				prefix = []docx.Run{{Text: num}}
			}
			titleOps := c.Title[lang]
			if len(r.Langs) > 1 {
				titleOps = append(append([]Op{}, titleOps...), Op{Equal, " [" + lang + "]"})
			}
			hp := docx.Para{Style: docx.StyleHeading2, KeepNext: true}
			hp.Runs = append(hp.Runs, prefix...)
			hp.Runs = append(hp.Runs, opRuns(titleOps, ch)...)
			switch c.Status {
			case Added:
				hp.Ins = ch
			case Removed:
				hp.Del = ch
			}
			d.Para(hp)
			if li == 0 {
				d.Paragraph(docx.StyleSmall, docx.Run{Text: r.itemFacts(c)})
				for _, l := range r.extraLines(c) {
					d.Bullet(0, docx.Run{Text: l, Italic: true})
				}
			}
			docxLines(d, ch, docx.StyleBodyText, nil, visibleLines(c.Body[lang], lastEnd(c)))
		}
	}
	for _, a := range r.Annexes {
		d.Para(docx.Para{Style: docx.StyleHeading2, KeepNext: true, Runs: []docx.Run{{Text: annexTitle(r, a)}}})
		docxLines(d, ch, docx.StyleBodyText, nil, changedLines(a.Ops))
	}
	return d.Bytes()
}

func annexTitle(r *Report, a AnnexChange) string {
	if a.Letter == "" {
		return a.Title
	}
	return r.label("annex") + " " + a.Letter + " " + a.Title
}

// opRuns turns redline ops into Word runs: deletions and insertions become
// tracked changes attributed to ch.
func opRuns(ops []Op, ch *docx.Change) []docx.Run {
	runs := make([]docx.Run, 0, len(ops))
	for _, o := range ops {
		run := docx.Run{Text: o.Text}
		switch o.Kind {
		case Delete:
			run.Del = ch
		case Insert:
			run.Ins = ch
		}
		runs = append(runs, run)
	}
	return runs
}
