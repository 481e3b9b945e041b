package pdf

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/phpdave11/gofpdf"
)

// drawer maps paginated pieces onto gofpdf. It starts exactly one PDF page
// per page of the pagination (gofpdf's own automatic page break is off),
// so the two can never disagree.
type drawer struct {
	f          *gofpdf.Fpdf
	met        *metrics
	hf         *headFoot
	anchorPage map[int]int
	links      map[int]int // anchor → gofpdf link id
	st         int
	size       float64
	color      rgb
	fill       rgb
	// scratch of a justified line: its words and their widths
	words  []string
	widths []float64
}

func (w *drawer) font(st int, size float64) {
	if st != w.st || size != w.size {
		w.f.SetFont(family, styleNames[st], size)
		w.st, w.size = st, size
	}
}

func (w *drawer) textColor(c *rgb) {
	if c == nil {
		c = black
	}
	if *c != w.color {
		w.f.SetTextColor(c.r, c.g, c.b)
		w.color = *c
	}
}

// text writes s with its left end at x and its baseline at y.
func (w *drawer) text(x, y float64, s string) { w.f.Text(x, y, s) }

// pages draws every page: header, pieces, footer.
func (w *drawer) pages(pages []page) {
	w.links = map[int]int{}
	for _, pg := range pages {
		for _, x := range pg {
			if x.p.link > 0 {
				if _, ok := w.links[x.p.link]; !ok {
					w.links[x.p.link] = w.f.AddLink()
				}
			}
		}
	}
	for i, pg := range pages {
		w.f.AddPage()
		w.st, w.size = -1, 0 // a new page has no font in force
		w.hf.header(w)
		for _, x := range pg {
			w.piece(x.p, bodyTop+x.y)
		}
		w.hf.footer(w, i+1, len(pages))
	}
}

// piece draws p with its top at y (mm from the top of the page).
func (w *drawer) piece(p *piece, y float64) {
	if p.outline != nil {
		w.font(sBold, bodySize) // Bookmark encodes the title by the current font
		w.f.Bookmark(p.outline.title, p.outline.level, y)
	}
	if p.anchor > 0 {
		if id, ok := w.links[p.anchor]; ok {
			w.f.SetLink(id, y, w.f.PageNo())
		}
	}
	if p.link > 0 {
		if id, ok := w.links[p.link]; ok {
			w.f.Link(marginLeft, y, contentW, p.h, id)
		}
	}
	x := marginLeft
	for _, c := range p.cells {
		cw := colWidth(c.size)
		if c.bg != nil {
			if *c.bg != w.fill {
				w.f.SetFillColor(c.bg.r, c.bg.g, c.bg.b)
				w.fill = *c.bg
			}
			w.f.Rect(x, y, cw, p.h, "F")
		}
		for _, s := range c.spans {
			w.span(s, x, y, cw)
		}
		x += cw
	}
}

// span draws one line of text in a cell at x, y of width cw.
func (w *drawer) span(s span, x, y, cw float64) {
	text := s.text
	if s.pageOf > 0 {
		text = strconv.Itoa(w.anchorPage[s.pageOf])
	}
	if text == "" {
		return
	}
	w.font(s.st, s.size)
	w.textColor(s.color)
	left, right := s.left, s.right
	if right < 0 {
		right = 0
	}
	avail := cw - left - right
	if avail < 0 {
		avail = 0
	}
	base := y + s.top + s.size/ptToMM
	x0 := x + left
	switch s.al {
	case alLeft:
		w.text(x0, base, text)
	case alRight:
		w.text(x0+avail-w.met.width(text, s.st, s.size), base, text)
	case alCenter:
		w.text(x0+(avail-w.met.width(text, s.st, s.size))/2, base, text)
	case alJustify:
		w.words = appendFields(w.words[:0], text)
		words := w.words
		if len(words) < 2 {
			w.text(x0, base, text)
			return
		}
		w.widths = w.widths[:0]
		ink := 0.0
		for _, wd := range words {
			ww := w.met.width(wd, s.st, s.size)
			w.widths = append(w.widths, ww)
			ink += ww
		}
		gap := (avail - ink) / float64(len(words)-1)
		for i, wd := range words {
			w.text(x0, base, wd)
			x0 += w.widths[i] + gap
		}
	}
}

// hline draws a horizontal rule.
func (w *drawer) hline(x1, x2, y float64, c *rgb, width float64) {
	w.f.SetDrawColor(c.r, c.g, c.b)
	w.f.SetLineWidth(width)
	w.f.Line(x1, y, x2, y)
}

// appendFields appends the fields of s, as strings.Fields splits them
// (at Unicode white space), to dst: the words of a justified line without
// a new slice for each line.
func appendFields(dst []string, s string) []string {
	start := -1 // the start of the current field, or -1 between fields
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if isFieldSpace(r) {
			if start >= 0 {
				dst = append(dst, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += n
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}

func isFieldSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r'
	}
	return unicode.IsSpace(r)
}
