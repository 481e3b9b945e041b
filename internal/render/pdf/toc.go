package pdf

import "strings"

// TOCMode says whether a PDF gets a table of contents after the title
// block: TOCAuto (the default) when the agreement without one is longer
// than tocAutoPages pages.
type TOCMode string

const (
	TOCAuto TOCMode = "auto"
	TOCOn   TOCMode = "on"
	TOCOff  TOCMode = "off"
)

// tocAutoPages is the length above which TOCAuto adds a table of contents.
const tocAutoPages = 10

// ParseTOCMode reads "auto", "on" or "off" (empty is auto).
func ParseTOCMode(s string) (TOCMode, bool) {
	switch m := TOCMode(strings.ToLower(strings.TrimSpace(s))); m {
	case "":
		return TOCAuto, true
	case TOCAuto, TOCOn, TOCOff:
		return m, true
	}
	return "", false
}

// tocNumberW is the room kept at the right of each entry for its page number.
const tocNumberW = 14.0

// tableOfContents composes the contents list: one entry per section,
// clause, the signatures and each annex, with the page number (filled in
// after pagination) at the right margin; each entry links to its heading.
func (l *composer) tableOfContents() []*piece {
	sub := &composer{d: l.d, met: l.met}
	title := oneLine(l.d.Labels.Contents)
	if title == "" {
		title = "Contents"
		if l.d.Lang != "en" {
			title = "Innhold"
		}
	}
	sub.heading("", title, sBold, 13, 2, 2.5, navy, -1)
	numW := [2]float64{}
	for _, e := range l.toc {
		if e.level > 1 || e.number == "" {
			continue
		}
		st := sRegular
		if e.level == 0 {
			st = sBold
		}
		if w := l.met.width(e.number, st, bodySize) + 2.5; w > numW[e.level] && w < contentW/4 {
			numW[e.level] = w
		}
	}
	for _, e := range l.toc {
		lvl := e.level
		if lvl > 1 {
			lvl = 1
		}
		st, indent, before := sRegular, 7.0, 0.0
		if lvl == 0 {
			st, indent, before = sBold, 0, 1.4
		}
		left := indent
		if e.number != "" {
			left += numW[lvl]
		}
		ps := sub.block(e.title, textOpts{st: st, size: bodySize, lead: 1.3, left: left, right: tocNumberW, before: before, after: 0.5})
		if len(ps) == 0 {
			ps = []*piece{{h: before + lineH(bodySize, 1.3) + 0.5, cells: []cellBox{{}}}}
		}
		first, last := ps[0], ps[len(ps)-1]
		if e.number != "" {
			first.cells[0].spans = append([]span{{text: e.number, st: st, size: bodySize, left: indent, top: before, al: alLeft, color: black}}, first.cells[0].spans...)
		}
		top := 0.0
		if first == last {
			top = before
		}
		last.cells[0].spans = append(last.cells[0].spans, span{st: st, size: bodySize, top: top, al: alRight, color: black, pageOf: e.anchor})
		for _, p := range ps {
			p.link = e.anchor
		}
		for _, p := range ps[:len(ps)-1] {
			p.keep = true
		}
		sub.add(ps...)
	}
	if n := len(sub.ps); n > 0 {
		sub.ps[n-1].h += 4
	}
	return sub.ps
}

// withTOC returns ps with the table of contents inserted at l.tocAt.
func (l *composer) withTOC(ps []*piece) []*piece {
	toc := l.tableOfContents()
	out := make([]*piece, 0, len(ps)+len(toc))
	out = append(out, ps[:l.tocAt]...)
	out = append(out, toc...)
	return append(out, ps[l.tocAt:]...)
}
