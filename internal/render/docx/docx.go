// Package docx renders the document model as a Word document (.docx) with
// the writer in internal/docx: real heading styles bound to a multilevel
// list, so that Word numbers sections (1, 2, ...) and clauses (1.1, 1.2,
// ...) and a clause inserted by a lawyer renumbers the rest; annex clauses
// get their own numbering per annex (D.1, D.2); annex headings keep their
// letters as text (the set of annexes is fixed by the skeleton, and every
// agreement has all of them). Cross-references are REF fields to
// bookmarks on the target headings, with the current number as the cached
// result; a TOC field after the title block holds the current entries.
// Tables have repeating header rows, each party a signature table, the
// draft mark stands in the page header and page numbers are fields in the
// footer.
//
// When the model's numbers are not the sequence Word would produce (never
// for an assembled agreement), the numbers are written as text instead, so
// that nothing printed differs from the model.
//
// The rendering is first a list of elements (Elements), which the redline
// in internal/diff compares; Render writes them.
package docx

import (
	"bytes"
	"io"
	"strconv"
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

// Options returns the writer options of d: properties, header, footer and
// whether the headings are numbered by Word.
func Options(d *doc.Document) docx.Options {
	return docx.Options{
		Lang:           Lang(d.Lang),
		Title:          d.Title,
		Subject:        d.Meta.Subject,
		Creator:        d.Meta.Author,
		Keywords:       d.Meta.Keywords,
		Created:        Date(d.Meta.Date),
		Header:         header(d),
		Footer:         footer(d),
		HeadingNumbers: AutoNumbered(d),
		UpdateFields:   true,
	}
}

func build(d *doc.Document) *docx.Document {
	w := docx.New(Options(d))
	Write(w, Elements(d, nil))
	return w
}

// AutoNumbered reports whether the numbers of d are those Word's heading
// numbering gives: sections 1, 2, ...; clauses n.1, n.2, ... in section n;
// annex clauses L.1, L.2, ... in annex L.
func AutoNumbered(d *doc.Document) bool {
	for i, s := range d.Sections {
		if s.Number != strconv.Itoa(i+1) {
			return false
		}
		for j, c := range s.Clauses {
			if c.Number != s.Number+"."+strconv.Itoa(j+1) {
				return false
			}
		}
	}
	for _, a := range d.Annexes {
		for j, c := range a.Clauses {
			if a.Letter == "" || c.Number != a.Letter+"."+strconv.Itoa(j+1) {
				return false
			}
		}
	}
	return true
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

// List kinds of an Elem.
const (
	NoList = iota
	BulletItem
	NumberedItem
)

// Elem is one paragraph or table of the rendered document.
type Elem struct {
	// Group is the part of the agreement the element belongs to:
	// "front", "toc", "section:ID", "clause:ID", "signatures", "annex:ID",
	// "end". Section is the section or annex ID of a clause.
	Group, Section string
	Para           docx.Para
	Table          *docx.Table // when set, the element is this table
	// List is NoList, BulletItem or NumberedItem; ListStart marks the
	// first item of a numbered list.
	List      int
	ListStart bool
	// Prefix, for an annex clause heading, is the numbering prefix ("D.").
	Prefix string
	// TOC marks a table of contents entry (a paragraph inside the field).
	TOC bool
	// Sep marks the empty paragraph that follows every table (two tables
	// in a row would merge in Word).
	Sep bool
	// Number is the number of a section or clause heading as the model
	// prints it (Word writes it from the numbering), for other renderings
	// of the elements. OldNumber, in a redline, is the number the heading
	// had in the old agreement when it differs.
	Number, OldNumber string
}

// Names gives every heading a bookmark name: "_Ref" and the ID with
// characters other than letters, digits and "_" replaced, at most 40
// characters, unique. One Names can serve two documents (a redline), so
// that a heading has the same name in both.
type Names struct {
	by   map[string]string
	used map[string]bool
}

// Name returns the bookmark name of heading id, written "clause:ID",
// "section:ID" or "annex:ID": "_Ref_ID", "_Ref_sec_ID", "_Ref_annex_ID".
func (n *Names) Name(id string) string {
	if n.by == nil {
		n.by, n.used = map[string]string{}, map[string]bool{}
	}
	if s, ok := n.by[id]; ok {
		return s
	}
	key := id
	kind, rest, ok := strings.Cut(id, ":")
	b := []byte("_Ref_")
	switch {
	case ok && kind == doc.RefSection:
		b, id = append(b, "sec_"...), rest
	case ok && kind == doc.RefAnnex:
		b, id = append(b, "annex_"...), rest
	case ok && kind == doc.RefClause:
		id = rest
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b = append(b, c)
		} else {
			b = append(b, '_')
		}
	}
	if len(b) > 36 {
		b = b[:36]
	}
	s := string(b)
	for k := 2; n.used[s]; k++ {
		s = string(b) + strconv.Itoa(k)
	}
	n.by[key], n.used[s] = s, true
	return s
}

type r struct {
	d     *doc.Document
	auto  bool
	names *Names
	// targets: kind:ID of the headings -> "num" for a numbered heading,
	// "letter" for an annex letter
	targets map[string]string
	out     []Elem
	group   string
	section string
}

// Elements renders d as a list of paragraphs and tables. names may be nil.
func Elements(d *doc.Document, names *Names) []Elem {
	if names == nil {
		names = &Names{}
	}
	r := &r{d: d, auto: AutoNumbered(d), names: names, targets: map[string]string{}}
	r.out = make([]Elem, 0, estimate(d))
	if r.auto {
		for _, s := range d.Sections {
			r.targets[doc.RefSection+":"+s.ID] = "num"
		}
		for _, c := range d.AllClauses() {
			r.targets[doc.RefClause+":"+c.ID] = "num"
		}
		for _, a := range d.Annexes {
			if a.Letter != "" {
				r.targets[doc.RefAnnex+":"+a.ID] = "letter"
			}
		}
	}
	r.document()
	return r.out
}

// estimate is about the number of elements of d, to allocate once.
func estimate(d *doc.Document) int {
	n := 32
	count := func(bs []doc.Block) {
		for _, b := range bs {
			n += 2 + len(b.Items)
		}
	}
	for _, c := range d.AllClauses() {
		n += 2
		count(c.Blocks)
	}
	for _, a := range d.Annexes {
		n++
		count(a.Blocks)
	}
	return n
}

func (r *r) add(e Elem) {
	e.Group, e.Section = r.group, r.section
	if t := e.Table; t != nil && t.Body == nil {
		// cells as runs, for the redline
		for _, row := range t.Rows {
			cells := make([][]docx.Run, len(row))
			for i, c := range row {
				cells[i] = []docx.Run{{Text: c}}
			}
			t.Body = append(t.Body, docx.Row{Cells: cells})
		}
		t.Rows = nil
	}
	r.out = append(r.out, e)
}

func (r *r) p(style string, s string) {
	r.add(Elem{Para: docx.Para{Style: style, Runs: []docx.Run{{Text: one(s)}}}})
}

// runs turns s with its references into runs: a reference to a heading of
// this document is a REF field with the number as its cached result.
func (r *r) runs(s string, refs []doc.Ref) []docx.Run {
	var out []docx.Run
	at := 0
	for _, x := range refs {
		kind := r.targets[x.Kind+":"+x.Target]
		if kind == "" || x.Start < at || x.End > len(s) || x.Start >= x.End {
			continue
		}
		if x.Start > at {
			out = append(out, docx.Run{Text: one(s[at:x.Start])})
		}
		instr := "REF " + r.names.Name(x.Kind+":"+x.Target)
		if kind == "num" {
			instr += ` \w \h`
		} else {
			instr += ` \h`
		}
		out = append(out, docx.Run{Field: instr, Text: one(s[x.Start:x.End])})
		at = x.End
	}
	if at < len(s) || len(out) == 0 {
		out = append(out, docx.Run{Text: one(s[at:])})
	}
	return out
}

func (r *r) document() {
	d := r.d
	r.group = "front"
	if d.Draft && d.DraftMark != "" {
		r.p(docx.StyleMark, d.DraftMark)
	}
	r.p(docx.StyleTitle, d.Title)
	if d.Subtitle != "" {
		r.p(docx.StyleSubtitle, d.Subtitle)
	}
	for _, kv := range d.TitleBlock.Rows {
		r.add(Elem{Para: docx.Para{Runs: []docx.Run{{Text: one(kv.Label) + ": ", Bold: true}, {Text: one(kv.Value)}}}})
	}
	if len(d.TitleBlock.Parties) > 0 {
		r.p(docx.StyleLabel, d.Labels.Parties)
		for _, p := range d.TitleBlock.Parties {
			rows := make([][]string, len(p.Fields))
			for i, f := range p.Fields {
				rows[i] = []string{one(f.Label), one(f.Value)}
			}
			r.add(Elem{Table: &docx.Table{Header: []string{one(p.Role)}, Rows: rows, Widths: []int{1, 2}, BoldFirstColumn: true, KeepTogether: true}})
			r.add(Elem{Sep: true})
		}
	}
	if d.TitleBlock.Intro != "" {
		r.p(docx.StyleBodyText, d.TitleBlock.Intro)
	}
	r.toc()
	for _, s := range d.Sections {
		r.group, r.section = "section:"+s.ID, ""
		r.heading(docx.StyleHeading1, doc.RefSection+":"+s.ID, s.Number, s.Title, "")
		for i := range s.Clauses {
			r.clause(&s.Clauses[i], s.ID, "")
		}
	}
	r.group, r.section = "signatures", ""
	r.signatures()
	for _, a := range d.Annexes {
		r.group, r.section = "annex:"+a.ID, ""
		head := docx.Para{Style: docx.StyleHeading1, PageBreakBefore: true, Unnumbered: r.auto}
		if r.auto && a.Letter != "" {
			head.Runs = []docx.Run{{Text: one(d.Labels.Annex) + " "}, {Text: a.Letter, Bookmark: r.names.Name(doc.RefAnnex + ":" + a.ID)}, {Text: " " + one(a.Title)}}
		} else {
			head.Runs = []docx.Run{{Text: one(d.Labels.Annex) + " " + a.Letter + " " + one(a.Title)}}
		}
		r.add(Elem{Para: head})
		r.blocks(a.Blocks)
		for j := range a.Clauses {
			r.clause(&a.Clauses[j], a.ID, a.Letter+".")
		}
	}
	r.group, r.section = "end", ""
	r.p(docx.StyleSmall, one(d.Labels.Fingerprint)+": "+d.Meta.FingerprintShort+" · "+one(d.Labels.Library)+" "+d.Meta.LibraryVersion)
}

// heading adds a section or clause heading: numbered by Word (the
// number is not in the text) and bookmarked, or with the number as text.
func (r *r) heading(style, id, number, title, prefix string) {
	p := docx.Para{Style: style}
	if r.auto {
		p.Bookmark = r.names.Name(id)
		p.Runs = []docx.Run{{Text: one(title)}}
	} else {
		p.Runs = []docx.Run{{Text: number + "\t" + one(title)}}
	}
	if !r.auto {
		prefix = ""
	}
	r.add(Elem{Para: p, Prefix: prefix, Number: number})
}

// toc adds the table of contents: a heading and one entry per section,
// clause, the signatures and each annex and annex clause, linked to the
// headings, inside a TOC field that Word and LibreOffice can update (page
// numbers are filled in then).
func (r *r) toc() {
	d := r.d
	if !r.auto || len(d.Sections) == 0 {
		return
	}
	r.group = "toc"
	r.p(docx.StyleTOCHeading, d.Labels.Contents)
	entry := func(style, id, number, title string) {
		anchor := r.names.Name(id)
		runs := []docx.Run{}
		if number != "" {
			runs = append(runs, docx.Run{Text: number + "\t", Anchor: anchor})
		}
		runs = append(runs, docx.Run{Text: one(title), Anchor: anchor})
		r.add(Elem{Para: docx.Para{Style: style, Runs: runs}, TOC: true})
	}
	for _, s := range d.Sections {
		entry(docx.StyleTOC1, doc.RefSection+":"+s.ID, s.Number, s.Title)
		for _, c := range s.Clauses {
			entry(docx.StyleTOC2, doc.RefClause+":"+c.ID, c.Number, c.Title)
		}
	}
	if len(d.Signatures.Parties) > 0 {
		r.add(Elem{Para: docx.Para{Style: docx.StyleTOC1, Runs: []docx.Run{{Text: one(d.Labels.Signatures), Anchor: r.names.Name(sigID)}}}, TOC: true})
	}
	for _, a := range d.Annexes {
		entry(docx.StyleTOC1, doc.RefAnnex+":"+a.ID, "", d.Labels.Annex+" "+a.Letter+" "+a.Title)
		for _, c := range a.Clauses {
			entry(docx.StyleTOC2, doc.RefClause+":"+c.ID, c.Number, c.Title)
		}
	}
}

// sigID is the heading ID of the signatures (no clause ID starts with "#").
const sigID = "#signatures"

// TOCField is the instruction of the table of contents field.
const TOCField = `TOC \o "1-2" \h \z \u`

func (r *r) clause(c *doc.Clause, section, prefix string) {
	r.group, r.section = "clause:"+c.ID, section
	r.heading(docx.StyleHeading2, doc.RefClause+":"+c.ID, c.Number, c.Title, prefix)
	r.blocks(c.Blocks)
}

func (r *r) blocks(bs []doc.Block) {
	for _, b := range bs {
		switch b.Kind {
		case doc.Paragraph:
			r.add(Elem{Para: docx.Para{Style: docx.StyleBodyText, Runs: r.runs(b.Text, b.Refs)}})
		case doc.Subhead:
			r.add(Elem{Para: docx.Para{Style: docx.StyleHeading3, Runs: r.runs(b.Text, b.Refs)}})
		case doc.Bullets, doc.Numbered:
			for i, it := range b.Items {
				var refs []doc.Ref
				if i < len(b.ItemRefs) {
					refs = b.ItemRefs[i]
				}
				e := Elem{Para: docx.Para{Style: docx.StyleListPara, Runs: r.runs(it, refs)}, List: BulletItem}
				if b.Kind == doc.Numbered {
					e.List, e.ListStart = NumberedItem, i == 0
				}
				r.add(e)
			}
		case doc.TableKind:
			if b.Table != nil {
				r.table(b.Table)
			}
		}
	}
}

func (r *r) table(t *doc.Table) {
	header := make([]string, len(t.Header))
	for i, c := range t.Header {
		header[i] = one(c)
	}
	refs := map[[2]int][]doc.Ref{}
	for _, x := range t.Refs {
		k := [2]int{x.Row, x.Col}
		refs[k] = append(refs[k], x.Ref)
	}
	body := make([]docx.Row, len(t.Rows))
	for i, rw := range t.Rows {
		cells := make([][]docx.Run, len(rw))
		for j, c := range rw {
			cells[j] = r.runs(c, refs[[2]int{i, j}])
		}
		body[i] = docx.Row{Cells: cells}
	}
	r.add(Elem{Table: &docx.Table{Header: header, Body: body, Widths: t.Widths}})
	// a table followed directly by a table would merge in Word
	r.add(Elem{Sep: true})
}

func (r *r) signatures() {
	d := r.d
	if len(d.Signatures.Parties) == 0 {
		return
	}
	r.add(Elem{Para: docx.Para{Style: docx.StyleHeading1, Unnumbered: r.auto, Bookmark: r.bookmark(sigID), Runs: []docx.Run{{Text: one(d.Labels.Signatures)}}}})
	if d.Signatures.Intro != "" {
		r.p(docx.StyleBodyText, d.Signatures.Intro)
	}
	l := d.Labels
	for _, s := range d.Signatures.Parties {
		r.add(Elem{Table: &docx.Table{
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
		}})
		r.add(Elem{Sep: true})
	}
}

func (r *r) bookmark(id string) string {
	if !r.auto {
		return ""
	}
	return r.names.Name(id)
}

// Write writes elements to w: numbered lists and annex numberings are
// created as they come, the TOC entries are wrapped in the TOC field.
func Write(w *docx.Document, es []Elem) {
	w.Grow(512 * len(es))
	list := 0
	prefixes := map[string]int{}
	for i := range es {
		e := es[i]
		if e.Table != nil {
			w.Table(*e.Table)
			continue
		}
		p := e.Para
		switch e.List {
		case BulletItem:
			p.NumID = docx.BulletList
		case NumberedItem:
			if e.ListStart || list == 0 {
				list = w.NewNumberedList()
			}
			p.NumID = list
		}
		if e.Prefix != "" && p.Style == docx.StyleHeading2 && !p.Unnumbered {
			id, ok := prefixes[e.Prefix]
			if !ok {
				id = w.PrefixNumbering(e.Prefix)
				prefixes[e.Prefix] = id
			}
			p.NumID = id
		}
		if e.TOC {
			if i == 0 || !es[i-1].TOC {
				p.FieldBegin = TOCField
			}
			if i == len(es)-1 || !es[i+1].TOC {
				p.FieldEnd = true
			}
		}
		w.Para(p)
	}
}
