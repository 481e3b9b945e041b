// Package docx is a small WordprocessingML (OOXML .docx) writer built on the
// standard library only. It knows nothing of agreements: a caller adds
// paragraphs, lists, tables and page breaks to a Document and writes it.
//
// The output is deterministic: the same calls give byte-identical files
// (fixed zip entry order and timestamps, no clock, no map iteration).
// Elements are written in the order the schema requires, since Word is
// stricter than LibreOffice about it.
//
// Tracked changes: a Run with Ins set is written inside <w:ins>, one with
// Del set inside <w:del> (its text as <w:delText>), both with the author
// and date of the Change. Para.Ins / Para.Del mark the paragraph mark
// itself, so that a whole inserted or deleted paragraph disappears cleanly
// when the change is rejected or accepted.
package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Paragraph and table style IDs defined in styles.xml.
const (
	StyleNormal       = "Normal"
	StyleBodyText     = "BodyText" // justified body paragraphs
	StyleTitle        = "Title"
	StyleSubtitle     = "Subtitle"
	StyleHeading1     = "Heading1" // outline level 1
	StyleHeading2     = "Heading2" // outline level 2
	StyleHeading3     = "Heading3" // outline level 3
	StyleListPara     = "ListParagraph"
	StyleHeader       = "Header"
	StyleFooter       = "Footer"
	StyleTableText    = "TableText"   // compact paragraphs inside table cells
	StyleLabel        = "Label"       // bold lead-in label, kept with the next paragraph
	StyleSmall        = "Small"       // small grey print
	StyleMark         = "Mark"        // large bold red mark, e.g. DRAFT
	StyleTableGrid    = "TableGrid"   // table style with single borders
	StyleTableNoFrame = "TableNormal" // default table style, no borders
	StyleTOCHeading   = "TOCHeading"  // the heading above a table of contents, not in the outline
	StyleTOC1         = "TOC1"        // table of contents entry, level 1
	StyleTOC2         = "TOC2"        // table of contents entry, level 2
)

// Page geometry in twentieths of a point (twips): A4 with 2.5 cm margins.
const (
	PageWidth   = 11906
	PageHeight  = 16838
	MarginTop   = 1417
	MarginSide  = 1417
	MarginBot   = 1417
	TextWidth   = PageWidth - 2*MarginSide // 9072
	headerSpace = 708
)

// Options set document-wide properties.
type Options struct {
	// Lang is the default language of the text, e.g. "nb-NO" or "en-GB";
	// it is set on the document defaults in styles.xml. Empty means "en-GB".
	Lang string
	// Core properties (docProps/core.xml).
	Title, Subject, Creator string
	Keywords                []string
	// Created is written as dcterms:created and dcterms:modified. The
	// zero time is written as 2000-01-01T00:00:00Z. The clock is never read.
	Created time.Time
	// Header and Footer are the paragraphs of the default page header and
	// footer, shown on every page. Runs may hold fields (Run.Field). Their
	// styles have one right-aligned tab stop at the right margin.
	Header, Footer []Para
	// HeadingNumbers binds a multilevel list to the Heading1 and Heading2
	// styles: Heading1 paragraphs are numbered 1, 2, ... and Heading2
	// paragraphs 1.1, 1.2, ... by Word, so the text must not carry the
	// numbers. Para.Unnumbered takes one heading out of the list, and
	// PrefixNumbering gives headings another sequence ("D.1", "D.2").
	HeadingNumbers bool
	// UpdateFields asks Word to update the fields (table of contents page
	// numbers, cross-references) when the document is opened.
	UpdateFields bool
}

// Change identifies a tracked change: who made it and when.
type Change struct {
	Author string
	Date   time.Time
}

// Run is a piece of text with one formatting. Tabs in Text become <w:tab/>,
// newlines <w:br/>; characters that XML 1.0 does not allow are dropped.
type Run struct {
	Text   string
	Bold   bool
	Italic bool
	Color  string // hex RRGGBB, empty for the style's colour
	Size   int    // font size in half-points (22 = 11 pt), 0 for the style's size
	// Field, when set, makes the run a field with this instruction, e.g.
	// "PAGE" or "NUMPAGES"; Text is then its cached result (may be empty).
	Field string
	// Bookmark, when set, puts a bookmark of this name around the run.
	Bookmark string
	// Anchor, when set, makes the run a link to the bookmark of this name.
	Anchor string
	// Ins marks the run as a tracked insertion, Del as a tracked deletion.
	// At most one should be set; Del wins if both are.
	Ins, Del *Change
}

// Para is a paragraph with its properties.
type Para struct {
	Style           string // paragraph style ID, empty for Normal
	Align           string // "", "left", "center", "right", "both"
	KeepNext        bool
	PageBreakBefore bool
	Runs            []Run
	// Ins / Del mark the paragraph mark as inserted / deleted (tracked).
	Ins, Del *Change
	// Bookmark, when set, puts a bookmark of this name around the
	// paragraph's content (the target of REF fields and TOC links).
	Bookmark string
	// NumID and Level put the paragraph into a list: a numbering from
	// NewNumberedList or PrefixNumbering (0 for none, or the style's).
	NumID, Level int
	// Unnumbered takes a paragraph whose style is numbered (a heading
	// with Options.HeadingNumbers) out of the numbering.
	Unnumbered bool
	// FieldBegin and FieldEnd write the begin (with the instruction and the
	// separator) and the end of a field that spans paragraphs, before the
	// runs and after them: the paragraphs in between are its cached result.
	FieldBegin string
	FieldEnd   bool
	// Old and OldChange, when both set, record a tracked change of the
	// paragraph properties (w:pPrChange): Old holds the properties before
	// it (style, keep, page break, numbering, alignment; not its runs).
	Old       *Para
	OldChange *Change
}

// Table is a simple table of text cells.
type Table struct {
	// Header is the header row, bold and shaded, repeated at the top of
	// each page the table spans. A header of one cell in a table of
	// several columns spans the whole width. Empty for no header row.
	Header []string
	Rows   [][]string
	// HeaderRuns, when not nil, is used instead of Header (same length):
	// header cells as runs, for a redline.
	HeaderRuns [][]Run
	// Body, when not nil, is used instead of Rows: rows of cells of runs,
	// each row possibly a tracked insertion or deletion.
	Body []Row
	// Widths are relative column weights; empty or wrong length means
	// equal widths. The table spans the text width.
	Widths []int
	// Style is the table style ID, StyleTableGrid when empty.
	Style string
	// BoldFirstColumn makes the first cell of each body row bold.
	BoldFirstColumn bool
	// KeepTogether asks the table to stay on one page when it fits.
	KeepTogether bool
	// Ins / Del mark the header row as a tracked insertion / deletion (a
	// whole table inserted or deleted: mark the body rows too).
	Ins, Del *Change
}

// Row is a table body row whose cells are runs. Ins / Del mark the whole
// row as a tracked insertion / deletion (its runs should be marked too).
type Row struct {
	Cells    [][]Run
	Ins, Del *Change
}

// Bullet and decimal abstract numbering definitions and the num of bullets;
// the heading numbering and the prefix numberings (numHeading+1, ...).
const (
	absBullet  = 0
	absDecimal = 1
	absHeading = 2
	numBullet  = 1
	numHeading = 10000
)

// Document is a WordprocessingML document under construction.
type Document struct {
	opts   Options
	body   bytes.Buffer
	header []byte
	footer []byte
	nextID int      // next w:id for tracked changes
	lists  int      // numbered lists created (num IDs 2..lists+1)
	table  bool     // the body ends with a table
	prefix []string // prefix numberings (num IDs numHeading+1, ...)
	// A long body is not held whole: once it reaches spillAt, the package
	// is begun (the parts before word/document.xml, then the document's
	// head) and the body is compressed as it comes (see spill); WriteTo
	// finishes the package. out is the package so far, z its writer, doc
	// the word/document.xml entry, err the first write error; done is set
	// once WriteTo has finished the package (out is then the whole file).
	out  *bytes.Buffer
	z    *zip.Writer
	doc  io.Writer
	err  error
	done bool
}

// spillAt is the body size (bytes of XML) from which the body is
// compressed as it is written instead of held until WriteTo: the body of
// the largest agreement is about 100 MB.
// (A variable for the tests.)
var spillAt = 1 << 20

// spill compresses the body written so far into the package once it has
// reached spillAt (after a paragraph, page break or table: the body then
// ends at an element boundary, though the zip entry does not depend on
// where it is cut).
func (d *Document) spill() {
	if d.body.Len() < spillAt || d.err != nil {
		return
	}
	if d.done {
		d.err = errors.New("docx: content added after the package was written")
		return
	}
	if d.z == nil {
		d.out = &bytes.Buffer{}
		d.z = zip.NewWriter(d.out)
		for _, p := range d.parts() {
			if p.name == "word/document.xml" {
				break
			}
			if d.err = d.writePart(p.name, p.data); d.err != nil {
				return
			}
		}
		d.doc, d.err = d.z.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, Modified: zipTime})
		if d.err != nil {
			return
		}
		head, _ := d.documentEnds()
		if _, d.err = d.doc.Write(head); d.err != nil {
			return
		}
	}
	_, d.err = d.doc.Write(d.body.Bytes())
	d.body.Reset()
}

// writePart adds one part to the package.
func (d *Document) writePart(name string, data ...[]byte) error {
	fw, err := d.z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
	if err != nil {
		return err
	}
	for _, b := range data {
		if _, err := fw.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// New returns an empty document.
func New(opts Options) *Document {
	d := &Document{opts: opts}
	if d.opts.Lang == "" {
		d.opts.Lang = "en-GB"
	}
	d.header = d.part("hdr", opts.Header)
	d.footer = d.part("ftr", opts.Footer)
	return d
}

func (d *Document) part(tag string, ps []Para) []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader)
	b.WriteString("<w:" + tag + ` xmlns:w="` + nsW + `" xmlns:r="` + nsR + `">`)
	if len(ps) == 0 {
		ps = []Para{{}}
	}
	for _, p := range ps {
		if p.Style == "" {
			if tag == "hdr" {
				p.Style = StyleHeader
			} else {
				p.Style = StyleFooter
			}
		}
		d.para(&b, p)
	}
	b.WriteString("</w:" + tag + ">")
	return b.Bytes()
}

// Grow makes room for about n more bytes of body XML (at most a little
// over spillAt: a longer body is compressed as it is written).
func (d *Document) Grow(n int) {
	if n > spillAt+spillAt/4 {
		n = spillAt + spillAt/4
	}
	if n > 0 {
		d.body.Grow(n)
	}
}

// Paragraph adds a paragraph in the given style ("" for Normal).
func (d *Document) Paragraph(style string, runs ...Run) {
	d.Para(Para{Style: style, Runs: runs})
}

// Para adds a paragraph with full control over its properties.
func (d *Document) Para(p Para) {
	d.para(&d.body, p)
	d.body.WriteByte('\n')
	d.table = false
	d.spill()
}

// Bullet adds a bulleted list item at level 0, 1 or 2.
func (d *Document) Bullet(level int, runs ...Run) {
	d.Para(Para{Style: StyleListPara, Runs: runs, NumID: numBullet, Level: clampLevel(level)})
}

// NewNumberedList starts a decimal list and returns its ID for Numbered.
// Every list starts again at 1.
func (d *Document) NewNumberedList() int {
	d.lists++
	return d.lists + 1
}

// Numbered adds an item at level 0, 1 or 2 to a list from NewNumberedList
// (1., 2., ...; a), b), ...; i., ii., ...). An unknown list ID gives an
// unnumbered list paragraph.
func (d *Document) Numbered(list, level int, runs ...Run) {
	p := Para{Style: StyleListPara, Runs: runs}
	if list >= 2 && list <= d.lists+1 {
		p.NumID, p.Level = list, clampLevel(level)
	}
	d.Para(p)
}

// BulletList is the list ID of bullets, for Para.NumID.
const BulletList = numBullet

// PrefixNumbering starts a numbering for headings whose numbers are
// prefix followed by 1, 2, ... ("D." gives D.1, D.2) and returns its ID
// for Para.NumID (level 0). It is laid out like Heading2's numbers.
func (d *Document) PrefixNumbering(prefix string) int {
	d.prefix = append(d.prefix, prefix)
	return numHeading + len(d.prefix)
}

// PageBreak adds a paragraph holding a page break.
func (d *Document) PageBreak() {
	d.body.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>` + "\n")
	d.table = false
	d.spill()
}

func clampLevel(l int) int {
	if l < 0 {
		return 0
	}
	if l > 2 {
		return 2
	}
	return l
}

// pPrBase writes the paragraph properties of p other than the revisions.
func pPrBase(pp *bytes.Buffer, p *Para) {
	if p.Style != "" && p.Style != StyleNormal {
		pp.WriteString(`<w:pStyle w:val="` + attr(p.Style) + `"/>`)
	}
	if p.KeepNext {
		pp.WriteString("<w:keepNext/>")
	}
	if p.PageBreakBefore {
		pp.WriteString("<w:pageBreakBefore/>")
	}
	switch {
	case p.Unnumbered:
		pp.WriteString(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>`)
	case p.NumID != 0:
		pp.WriteString(`<w:numPr><w:ilvl w:val="` + strconv.Itoa(p.Level) + `"/><w:numId w:val="` + strconv.Itoa(p.NumID) + `"/></w:numPr>`)
	}
	switch p.Align {
	case "left", "center", "right", "both":
		pp.WriteString(`<w:jc w:val="` + p.Align + `"/>`)
	}
}

func (d *Document) para(b *bytes.Buffer, p Para) {
	b.WriteString("<w:p>")
	var pp bytes.Buffer
	pPrBase(&pp, &p)
	if p.Ins != nil || p.Del != nil {
		pp.WriteString("<w:rPr>")
		if p.Ins != nil {
			pp.WriteString("<w:ins" + d.changeAttrs(p.Ins) + "/>")
		}
		if p.Del != nil {
			pp.WriteString("<w:del" + d.changeAttrs(p.Del) + "/>")
		}
		pp.WriteString("</w:rPr>")
	}
	if p.Old != nil && p.OldChange != nil {
		// a tracked change of the paragraph properties: rejected, the
		// paragraph has the properties of p.Old
		pp.WriteString("<w:pPrChange" + d.changeAttrs(p.OldChange) + "><w:pPr>")
		pPrBase(&pp, p.Old)
		pp.WriteString("</w:pPr></w:pPrChange>")
	}
	if pp.Len() > 0 {
		b.WriteString("<w:pPr>")
		b.Write(pp.Bytes())
		b.WriteString("</w:pPr>")
	}
	if p.FieldBegin != "" {
		b.WriteString(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + text(p.FieldBegin) + ` </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`)
	}
	bm := -1
	if p.Bookmark != "" {
		bm = d.nextID
		d.nextID++
		b.WriteString(`<w:bookmarkStart w:id="` + strconv.Itoa(bm) + `" w:name="` + attr(p.Bookmark) + `"/>`)
	}
	for _, r := range p.Runs {
		d.run(b, r)
	}
	if bm >= 0 {
		b.WriteString(`<w:bookmarkEnd w:id="` + strconv.Itoa(bm) + `"/>`)
	}
	if p.FieldEnd {
		b.WriteString(`<w:r><w:fldChar w:fldCharType="end"/></w:r>`)
	}
	b.WriteString("</w:p>")
}

func (d *Document) changeAttrs(c *Change) string {
	id := d.nextID
	d.nextID++
	return ` w:id="` + strconv.Itoa(id) + `" w:author="` + attr(c.Author) + `" w:date="` + c.Date.UTC().Format("2006-01-02T15:04:05Z") + `"`
}

func runProps(r Run) string {
	var s strings.Builder
	if r.Bold {
		s.WriteString("<w:b/><w:bCs/>")
	}
	if r.Italic {
		s.WriteString("<w:i/><w:iCs/>")
	}
	if c := hexColor(r.Color); c != "" {
		s.WriteString(`<w:color w:val="` + c + `"/>`)
	}
	if r.Size > 0 {
		n := strconv.Itoa(r.Size)
		s.WriteString(`<w:sz w:val="` + n + `"/><w:szCs w:val="` + n + `"/>`)
	}
	if s.Len() == 0 {
		return ""
	}
	return "<w:rPr>" + s.String() + "</w:rPr>"
}

// hexColor returns c as six upper-case hex digits, or "" if it is not one.
func hexColor(c string) string {
	c = strings.TrimPrefix(c, "#")
	if len(c) != 6 {
		return ""
	}
	for _, r := range c {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return ""
		}
	}
	return strings.ToUpper(c)
}

func (d *Document) run(b *bytes.Buffer, r Run) {
	if r.Bookmark != "" {
		id := strconv.Itoa(d.nextID)
		d.nextID++
		b.WriteString(`<w:bookmarkStart w:id="` + id + `" w:name="` + attr(r.Bookmark) + `"/>`)
		r.Bookmark = ""
		d.run(b, r)
		b.WriteString(`<w:bookmarkEnd w:id="` + id + `"/>`)
		return
	}
	if r.Anchor != "" {
		b.WriteString(`<w:hyperlink w:anchor="` + attr(r.Anchor) + `" w:history="1">`)
		r.Anchor = ""
		d.run(b, r)
		b.WriteString(`</w:hyperlink>`)
		return
	}
	var wrap string
	switch {
	case r.Del != nil:
		wrap = "del"
		b.WriteString("<w:del" + d.changeAttrs(r.Del) + ">")
	case r.Ins != nil:
		wrap = "ins"
		b.WriteString("<w:ins" + d.changeAttrs(r.Ins) + ">")
	}
	rp := runProps(r)
	textTag := "w:t"
	instrTag := "w:instrText"
	if wrap == "del" {
		textTag, instrTag = "w:delText", "w:delInstrText"
	}
	if r.Field != "" {
		b.WriteString(`<w:r>` + rp + `<w:fldChar w:fldCharType="begin"/></w:r>`)
		b.WriteString(`<w:r>` + rp + `<` + instrTag + ` xml:space="preserve"> ` + text(r.Field) + ` </` + instrTag + `></w:r>`)
		b.WriteString(`<w:r>` + rp + `<w:fldChar w:fldCharType="separate"/></w:r>`)
		if r.Text != "" {
			b.WriteString("<w:r>" + rp)
			content(b, r.Text, textTag)
			b.WriteString("</w:r>")
		}
		b.WriteString(`<w:r>` + rp + `<w:fldChar w:fldCharType="end"/></w:r>`)
	} else {
		b.WriteString("<w:r>" + rp)
		content(b, r.Text, textTag)
		b.WriteString("</w:r>")
	}
	if wrap != "" {
		b.WriteString("</w:" + wrap + ">")
	}
}

// content writes s as run content: text elements, tabs and breaks.
func content(b *bytes.Buffer, s, tag string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	start := 0
	flush := func(end int) {
		if end > start {
			t := text(s[start:end])
			if t != "" {
				b.WriteString("<" + tag + ` xml:space="preserve">` + t + "</" + tag + ">")
			}
		}
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t':
			flush(i)
			b.WriteString("<w:tab/>")
			start = i + 1
		case '\n', '\r':
			flush(i)
			b.WriteString("<w:br/>")
			start = i + 1
		}
	}
	flush(len(s))
}

// legal reports whether r may appear in an XML 1.0 document; C1 control
// characters (U+007F-U+009F), which XML allows but discourages, are
// dropped too.
func legal(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		(r >= 0x20 && r < 0x7F) || (r > 0x9F && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}

// text escapes s for XML character data, dropping characters XML 1.0 does
// not allow and bytes that are not UTF-8.
func text(s string) string {
	clean := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || !legal(r) || r == '&' || r == '<' || r == '>' || r == '"' {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r == utf8.RuneError && n == 1 {
			continue
		}
		switch {
		case !legal(r):
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// attr escapes s for an attribute value (also tabs and newlines, which
// attribute normalisation would otherwise turn into spaces).
func attr(s string) string {
	s = text(s)
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.NewReplacer("\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;").Replace(s)
	}
	return s
}

// Table adds a table spanning the text width. A table that follows a table
// directly gets an empty paragraph between them, since Word and LibreOffice
// would otherwise merge the two.
func (d *Document) Table(t Table) {
	if t.Body == nil {
		for _, r := range t.Rows {
			cells := make([][]Run, len(r))
			for i, c := range r {
				cells[i] = []Run{{Text: c}}
			}
			t.Body = append(t.Body, Row{Cells: cells})
		}
	}
	cols := len(t.Header)
	for _, r := range t.Body {
		if len(r.Cells) > cols {
			cols = len(r.Cells)
		}
	}
	if cols == 0 {
		return
	}
	spanHeader := len(t.Header) == 1 && cols > 1
	widths := colWidths(t.Widths, cols, TextWidth)
	style := t.Style
	if style == "" {
		style = StyleTableGrid
	}
	b := &d.body
	if d.table {
		b.WriteString("<w:p/>\n")
	}
	d.table = true
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="` + attr(style) + `"/><w:tblW w:w="` + strconv.Itoa(TextWidth) + `" w:type="dxa"/>`)
	if style == StyleTableGrid {
		b.WriteString(borders("tblBorders", true))
	}
	b.WriteString(`<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	b.WriteString("</w:tblGrid>")
	nrows := len(t.Body)
	if len(t.Header) > 0 {
		nrows++
	}
	row := 0
	writeRow := func(cells [][]Run, header bool, ins, del *Change) {
		row++
		keep := t.KeepTogether && row < nrows
		b.WriteString("<w:tr>")
		if header || t.KeepTogether || ins != nil || del != nil {
			b.WriteString("<w:trPr>")
			if header || t.KeepTogether {
				b.WriteString("<w:cantSplit/>")
			}
			if header {
				b.WriteString("<w:tblHeader/>")
			}
			if ins != nil {
				b.WriteString("<w:ins" + d.changeAttrs(ins) + "/>")
			}
			if del != nil {
				b.WriteString("<w:del" + d.changeAttrs(del) + "/>")
			}
			b.WriteString("</w:trPr>")
		}
		if header && spanHeader {
			d.cell(b, TextWidth, cols, cells[0], true, true, keep)
		} else {
			for i := 0; i < cols; i++ {
				var c []Run
				if i < len(cells) {
					c = cells[i]
				}
				d.cell(b, widths[i], 1, c, header || (t.BoldFirstColumn && i == 0), header, keep)
			}
		}
		b.WriteString("</w:tr>")
	}
	if len(t.Header) > 0 {
		hs := make([][]Run, len(t.Header))
		for i, h := range t.Header {
			if len(t.HeaderRuns) == len(t.Header) {
				hs[i] = t.HeaderRuns[i]
				continue
			}
			hs[i] = []Run{{Text: h, Ins: t.Ins, Del: t.Del}}
		}
		writeRow(hs, true, t.Ins, t.Del)
	}
	for _, r := range t.Body {
		writeRow(r.Cells, false, r.Ins, r.Del)
	}
	b.WriteString("</w:tbl>\n")
	d.spill()
}

func (d *Document) cell(b *bytes.Buffer, width, span int, runs []Run, bold, shade, keepNext bool) {
	b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(width) + `" w:type="dxa"/>`)
	if span > 1 {
		b.WriteString(`<w:gridSpan w:val="` + strconv.Itoa(span) + `"/>`)
	}
	if shade {
		b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>`)
	}
	b.WriteString("</w:tcPr>")
	if len(runs) == 0 {
		runs = []Run{{}}
	}
	if bold {
		rs := make([]Run, len(runs))
		for i, r := range runs {
			r.Bold = true
			rs[i] = r
		}
		runs = rs
	}
	d.para(b, Para{Style: StyleTableText, KeepNext: keepNext, Runs: runs})
	b.WriteString("</w:tc>")
}

func borders(tag string, inside bool) string {
	one := func(side string) string {
		return `<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="808080"/>`
	}
	s := "<w:" + tag + ">" + one("top") + one("left") + one("bottom") + one("right")
	if inside {
		s += one("insideH") + one("insideV")
	}
	return s + "</w:" + tag + ">"
}

// colWidths divides total among cols columns by the relative weights.
func colWidths(weights []int, cols, total int) []int {
	out := make([]int, cols)
	sum := 0
	ok := len(weights) == cols
	for _, w := range weights {
		if w <= 0 || w > 1<<20 {
			ok = false
		}
		sum += w
	}
	if !ok || sum <= 0 {
		weights = make([]int, cols)
		for i := range weights {
			weights[i] = 1
		}
		sum = cols
	}
	used := 0
	for i := range out {
		out[i] = total * weights[i] / sum
		used += out[i]
	}
	out[cols-1] += total - used
	return out
}

// WriteTo writes the .docx package to w.
func (d *Document) WriteTo(w io.Writer) (int64, error) {
	if d.z != nil {
		return d.finish(w)
	}
	var buf bytes.Buffer
	d.z = zip.NewWriter(&buf)
	defer func() { d.z = nil }()
	for _, p := range d.parts() {
		data := [][]byte{p.data}
		if p.name == "word/document.xml" {
			// the body written as it is, not copied into one more buffer
			// first; the zip entry is the same bytes
			head, tail := d.documentEnds()
			data = [][]byte{head, d.body.Bytes(), tail}
		}
		if err := d.writePart(p.name, data...); err != nil {
			return 0, err
		}
	}
	if err := d.z.Close(); err != nil {
		return 0, err
	}
	return buf.WriteTo(w)
}

// finish writes a package whose body was spilled (see spill): the rest of
// the body and word/document.xml, then the parts after it. The finished
// package is kept, so that a second WriteTo writes the same bytes.
func (d *Document) finish(w io.Writer) (int64, error) {
	if !d.done && d.err == nil {
		d.done = true
		_, tail := d.documentEnds()
		if _, d.err = d.doc.Write(d.body.Bytes()); d.err == nil {
			_, d.err = d.doc.Write(tail)
		}
		d.body = bytes.Buffer{}
		after := false
		for _, p := range d.parts() {
			if d.err != nil {
				break
			}
			if after {
				d.err = d.writePart(p.name, p.data)
			}
			after = after || p.name == "word/document.xml"
		}
		if d.err == nil {
			d.err = d.z.Close()
		}
	}
	if d.err == nil && d.body.Len() > 0 {
		d.err = errors.New("docx: content added after the package was written")
	}
	if d.err != nil {
		return 0, d.err
	}
	n, err := w.Write(d.out.Bytes())
	return int64(n), err
}

// Bytes returns the .docx package.
func (d *Document) Bytes() []byte {
	var b bytes.Buffer
	_, _ = d.WriteTo(&b)
	return b.Bytes()
}

var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

type part struct {
	name string
	data []byte
}

func (d *Document) parts() []part {
	return []part{
		{"[Content_Types].xml", []byte(contentTypes)},
		{"_rels/.rels", []byte(rootRels)},
		{"docProps/core.xml", d.core()},
		{"docProps/app.xml", []byte(appXML)},
		{"word/document.xml", nil}, // WriteTo: documentEnds around the body
		{"word/_rels/document.xml.rels", []byte(docRels)},
		{"word/styles.xml", []byte(styles(d.opts.Lang, d.opts.HeadingNumbers))},
		{"word/numbering.xml", d.numbering()},
		{"word/settings.xml", []byte(settings(d.opts.UpdateFields))},
		{"word/header1.xml", d.header},
		{"word/footer1.xml", d.footer},
	}
}

// documentEnds are word/document.xml before and after the body.
func (d *Document) documentEnds() (head, tail []byte) {
	var h bytes.Buffer
	h.WriteString(xmlHeader)
	h.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>` + "\n")
	var b bytes.Buffer
	if d.table {
		// the body must not end with a table
		b.WriteString("<w:p/>\n")
	}
	b.WriteString(`<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/><w:footerReference w:type="default" r:id="rIdFooter1"/>`)
	b.WriteString(`<w:pgSz w:w="` + strconv.Itoa(PageWidth) + `" w:h="` + strconv.Itoa(PageHeight) + `"/>`)
	b.WriteString(`<w:pgMar w:top="` + strconv.Itoa(MarginTop) + `" w:right="` + strconv.Itoa(MarginSide) + `" w:bottom="` + strconv.Itoa(MarginBot) + `" w:left="` + strconv.Itoa(MarginSide) + `" w:header="` + strconv.Itoa(headerSpace) + `" w:footer="` + strconv.Itoa(headerSpace) + `" w:gutter="0"/>`)
	b.WriteString(`<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>` + "\n</w:body></w:document>")
	return h.Bytes(), b.Bytes()
}

func (d *Document) core() []byte {
	t := d.opts.Created
	if t.IsZero() {
		t = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	ts := t.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	b.WriteString("<dc:title>" + text(d.opts.Title) + "</dc:title>")
	b.WriteString("<dc:subject>" + text(d.opts.Subject) + "</dc:subject>")
	b.WriteString("<dc:creator>" + text(d.opts.Creator) + "</dc:creator>")
	b.WriteString("<cp:keywords>" + text(strings.Join(d.opts.Keywords, ", ")) + "</cp:keywords>")
	b.WriteString("<dc:language>" + text(d.opts.Lang) + "</dc:language>")
	b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:created>`)
	b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:modified>`)
	b.WriteString("</cp:coreProperties>")
	return []byte(b.String())
}

func (d *Document) numbering() []byte {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:numbering xmlns:w="` + nsW + `">`)
	// Bullets.
	b.WriteString(`<w:abstractNum w:abstractNumId="` + strconv.Itoa(absBullet) + `"><w:multiLevelType w:val="hybridMultilevel"/>`)
	for l, sym := range []string{"\u2022", "\u2013", "\u25AA"} {
		b.WriteString(level(l, "bullet", sym))
	}
	b.WriteString("</w:abstractNum>")
	// Decimal lists.
	b.WriteString(`<w:abstractNum w:abstractNumId="` + strconv.Itoa(absDecimal) + `"><w:multiLevelType w:val="hybridMultilevel"/>`)
	b.WriteString(level(0, "decimal", "%1."))
	b.WriteString(level(1, "lowerLetter", "%2)"))
	b.WriteString(level(2, "lowerRoman", "%3."))
	b.WriteString("</w:abstractNum>")
	if d.opts.HeadingNumbers {
		// Heading1 "1", Heading2 "1.1", restarting under each Heading1
		b.WriteString(`<w:abstractNum w:abstractNumId="` + strconv.Itoa(absHeading) + `"><w:multiLevelType w:val="multilevel"/>`)
		b.WriteString(headingLevel(0, StyleHeading1, "%1", 567))
		b.WriteString(headingLevel(1, StyleHeading2, "%1.%2", 709))
		b.WriteString("</w:abstractNum>")
	}
	for i, p := range d.prefix {
		b.WriteString(`<w:abstractNum w:abstractNumId="` + strconv.Itoa(absHeading+1+i) + `"><w:multiLevelType w:val="singleLevel"/>`)
		b.WriteString(headingLevel(0, "", strings.ReplaceAll(p, "%", "%%")+"%1", 709))
		b.WriteString("</w:abstractNum>")
	}
	b.WriteString(`<w:num w:numId="` + strconv.Itoa(numBullet) + `"><w:abstractNumId w:val="` + strconv.Itoa(absBullet) + `"/></w:num>`)
	for i := 0; i < d.lists; i++ {
		b.WriteString(`<w:num w:numId="` + strconv.Itoa(i+2) + `"><w:abstractNumId w:val="` + strconv.Itoa(absDecimal) + `"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`)
	}
	if d.opts.HeadingNumbers {
		b.WriteString(`<w:num w:numId="` + strconv.Itoa(numHeading) + `"><w:abstractNumId w:val="` + strconv.Itoa(absHeading) + `"/></w:num>`)
	}
	for i := range d.prefix {
		b.WriteString(`<w:num w:numId="` + strconv.Itoa(numHeading+1+i) + `"><w:abstractNumId w:val="` + strconv.Itoa(absHeading+1+i) + `"/></w:num>`)
	}
	b.WriteString("</w:numbering>")
	return []byte(b.String())
}

// headingLevel is a decimal level for headings: the number, a tab, the
// text, with a hanging indent of hang twips; style binds it to a style.
func headingLevel(l int, style, txt string, hang int) string {
	h := strconv.Itoa(hang)
	ps := ""
	if style != "" {
		ps = `<w:pStyle w:val="` + style + `"/>`
	}
	return `<w:lvl w:ilvl="` + strconv.Itoa(l) + `"><w:start w:val="1"/><w:numFmt w:val="decimal"/>` + ps + `<w:lvlText w:val="` + attr(txt) + `"/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="` + h + `"/></w:tabs><w:ind w:left="` + h + `" w:hanging="` + h + `"/></w:pPr></w:lvl>`
}

func level(l int, format, txt string) string {
	ind := strconv.Itoa(720 + 360*l)
	return `<w:lvl w:ilvl="` + strconv.Itoa(l) + `"><w:start w:val="1"/><w:numFmt w:val="` + format + `"/><w:lvlText w:val="` + txt + `"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="` + ind + `" w:hanging="360"/></w:pPr></w:lvl>`
}
