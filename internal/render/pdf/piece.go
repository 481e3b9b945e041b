package pdf

// The layout model shared by the stages of the renderer:
//
//	compose.go   document model → pieces (lines of text, table rows)
//	linebreak.go the line breaking used by compose
//	toc.go       the table of contents, composed like the rest
//	paginate.go  pieces → pages: the one place where page breaks are decided
//	draw.go      pages → gofpdf drawing operations
//	headfoot.go  the running header and footer of every page
//	pdfa.go      the archival (PDF/A-2b) parts of the file
//
// Each stage only consumes the one before it, so each can be tested alone.

// rgb is a colour.
type rgb struct{ r, g, b int }

// alignment is the horizontal placement of a line of text in its cell.
type alignment uint8

const (
	alLeft alignment = iota
	alRight
	alCenter
	alJustify
)

// span is one line of text placed in a column.
type span struct {
	text        string
	st          int
	size        float64
	left, right float64 // padding from the column edges, mm
	top         float64 // from the top of the piece, mm
	al          alignment
	color       *rgb
	// pageOf, when not zero, makes the text the page number of the anchor
	// pageOf (table of contents), known only after pagination.
	pageOf int
}

// cellBox is one column of a piece.
type cellBox struct {
	size  int // grid units; 0 is the full width
	spans []span
	bg    *rgb
}

// piece is one fixed-height strip across the text column: a line of a
// paragraph or a table row of at most ten lines. Pagination never splits a
// piece.
type piece struct {
	h             float64
	cells         []cellBox
	keep          bool     // no page break between this piece and the next
	repeat        []*piece // a table header to repeat after a page break
	newPageBefore bool     // start a new page before this piece
	// anchor (> 0) names the heading that begins here: its page is what
	// the table of contents shows, and outline is its bookmark.
	anchor  int
	outline *mark
	link    int // > 0: the piece is a table-of-contents line linking to this anchor
}

// mark is a bookmark in the PDF outline.
type mark struct {
	title string
	level int // 0 sections, annexes, signatures; 1 clauses
}

// Page geometry in mm (A4 is 210 × 297).
const (
	pageW        = 210.0
	pageH        = 297.0
	marginLeft   = 22.0
	marginRight  = 22.0
	marginTop    = 12.0
	marginBottom = 16.0
	grid         = 1000 // column widths are in 1/1000 of the text width

	contentW = pageW - marginLeft - marginRight
	bodyH    = pageH - marginTop - marginBottom // from the top margin to the bottom margin

	headerH = 11.0 // header row (text and rule) plus gap
	footerH = 4.0  // rule above the footer line; the text sits in the margin

	// bodyTop and bodyFull are where the pieces of a page start and how
	// much height they may take.
	bodyTop  = marginTop + headerH
	bodyFull = bodyH - headerH - footerH

	bodySize = 10.0
	leading  = 1.38
)

var (
	black  = &rgb{0, 0, 0}
	navy   = &rgb{22, 45, 84}
	grey   = &rgb{95, 95, 95}
	rule   = &rgb{150, 150, 150}
	red    = &rgb{190, 20, 20}
	headBg = &rgb{222, 229, 239}
	stripe = &rgb{244, 246, 249}
)

// lineH is the distance between baselines for a font size.
func lineH(size, lead float64) float64 { return size / ptToMM * lead }

// colWidth is the width in mm of a column of size grid units (0: full).
func colWidth(size int) float64 {
	if size == 0 {
		return contentW
	}
	return contentW * (float64(size) / float64(grid))
}
