package pdf

import (
	"strconv"
	"strings"

	"github.com/dpa-no/dpa/internal/doc"
)

// composer turns the document model into pieces: every paragraph, list
// item, heading and table cell is broken into lines with the embedded
// fonts' own widths (linebreak.go), and every line or short table row
// becomes a piece of fixed height. Nothing here knows about pages except
// the keep and newPageBefore hints that paginate.go obeys.
type composer struct {
	d   *doc.Document
	met *metrics
	ps  []*piece
	// tocAt is where a table of contents goes (after the title block);
	// toc lists the headings it would show.
	tocAt   int
	toc     []tocEntry
	anchors int
	// cells and unbreakable memoize table cell layouts and measures (see
	// cell): pure functions of their keys.
	cells       map[cellKey]cellLines
	unbreakable map[cellKey]float64
}

// tocEntry is one heading as the table of contents and the outline show it.
type tocEntry struct {
	number, title string
	level         int
	anchor        int
}

func (l *composer) add(ps ...*piece) { l.ps = append(l.ps, ps...) }

// keepLast marks the last piece so that it stays with what follows.
func (l *composer) keepLast() {
	if n := len(l.ps); n > 0 {
		l.ps[n-1].keep = true
	}
}

// textOpts describes a full-width block of text.
type textOpts struct {
	st            int
	size, lead    float64
	left, right   float64
	justify       bool
	color         *rgb
	before, after float64
	heading       bool // keep every line together and with what follows
}

// block lays out s as full-width lines.
func (l *composer) block(s string, o textOpts) []*piece {
	if o.lead == 0 {
		o.lead = leading
	}
	if o.color == nil {
		o.color = black
	}
	lines := l.met.wrap(s, o.st, o.size, contentW-o.left-o.right)
	if len(lines) == 0 {
		return nil
	}
	lh := lineH(o.size, o.lead)
	ps := make([]*piece, len(lines))
	for i, ln := range lines {
		al := alLeft
		if o.justify && i < len(lines)-1 && l.stretchOK(ln, o) {
			al = alJustify
		}
		top, h := 0.0, lh
		if i == 0 {
			top, h = o.before, h+o.before
		}
		if i == len(lines)-1 {
			h += o.after
		}
		ps[i] = &piece{h: h, keep: o.heading, cells: []cellBox{{spans: []span{{
			text: ln, st: o.st, size: o.size, left: o.left, right: o.right, top: top, al: al, color: o.color,
		}}}}}
	}
	if n := len(ps); n >= 2 {
		ps[0].keep = true   // no orphan: two lines at the foot of a page
		ps[n-2].keep = true // no widow: two lines at the head of a page
	}
	return ps
}

// stretchOK reports whether justifying ln keeps its word gaps moderate
// (at most about twice a normal space). A line of a few long words is set
// ragged instead: wide gaps look poor and make text extraction tools read
// the words as separate columns.
func (l *composer) stretchOK(ln string, o textOpts) bool {
	gaps := strings.Count(ln, " ")
	if gaps == 0 {
		return false
	}
	space := l.met.width(" ", o.st, o.size)
	extra := (contentW - o.left - o.right - l.met.width(ln, o.st, o.size)) / float64(gaps)
	return extra <= 1.2*space
}

// heading lays out a numbered heading with a hanging number. A heading
// with level >= 0 gets an anchor, a bookmark and a table of contents entry.
func (l *composer) heading(number, title string, st int, size, before, after float64, color *rgb, level int) {
	number, title = oneLine(number), oneLine(title)
	indent := 0.0
	if number != "" {
		indent = l.met.width(number, st, size) + 3
		if min := size * 0.9; indent < min {
			indent = min
		}
		if indent > contentW/3 {
			indent = 0 // a freak number: no hanging indent
		}
	}
	o := textOpts{st: st, size: size, lead: 1.25, color: color, before: before, after: after, heading: true}
	var ps []*piece
	if indent > 0 {
		o.left = indent
		ps = l.block(title, o)
		if len(ps) == 0 {
			ps = []*piece{{h: before + lineH(size, 1.25) + after, keep: true, cells: []cellBox{{}}}}
		}
		ps[0].cells[0].spans = append([]span{{text: number, st: st, size: size, top: before, al: alLeft, color: color}}, ps[0].cells[0].spans...)
	} else {
		t := strings.TrimSpace(number + " " + title)
		ps = l.block(t, o)
		if len(ps) == 0 {
			ps = []*piece{{h: before + lineH(size, 1.25) + after, cells: []cellBox{{}}}}
		}
	}
	for _, p := range ps {
		p.keep = true
	}
	if level >= 0 {
		l.anchors++
		ps[0].anchor = l.anchors
		ps[0].outline = &mark{title: strings.TrimSpace(number + " " + title), level: level}
		l.toc = append(l.toc, tocEntry{number: number, title: title, level: level, anchor: l.anchors})
	}
	l.add(ps...)
}

func (l *composer) paragraph(s string, after float64) {
	l.add(l.block(s, textOpts{st: sRegular, size: bodySize, justify: true, after: after})...)
}

func (l *composer) list(items []string, numbered bool) {
	for i, it := range items {
		ps := l.block(it, textOpts{st: sRegular, size: bodySize, left: 9, justify: true, after: 1.2})
		mark := "•"
		if numbered {
			mark = strconv.Itoa(i+1) + "."
		}
		if len(ps) == 0 {
			ps = []*piece{{h: lineH(bodySize, leading) + 1.2, cells: []cellBox{{}}}}
		}
		ps[0].cells[0].spans = append([]span{{text: mark, st: sRegular, size: bodySize, left: 3, top: 0, al: alLeft, color: black}}, ps[0].cells[0].spans...)
		l.add(ps...)
	}
	if n := len(l.ps); n > 0 {
		l.ps[n-1].h += 1.2
	}
}

// rowOpts describes one table row.
type rowOpts struct {
	sizes  []int // grid units per column
	st     []int // style per column (cycled)
	colors []*rgb
	size   float64
	bg     *rgb
	padX   float64
	padY   float64
	keep   bool // keep all lines together whatever the height
}

// cellKey names a table cell's layout: its text, style, font size and
// the width it is broken to.
type cellKey struct {
	s       string
	st      int
	size, w float64
}

// cellLines is a cell's layout: the font size cellSize chose and the lines.
type cellLines struct {
	size  float64
	lines []string
}

// cell lays out one table cell (cellSize, then wrap), once per document
// for each distinct text, style, size and width: the tables of a long
// agreement repeat the same cells thousands of times (the country, the
// transfer basis of every sub-processor). The lines are shared between
// the rows that use them and only read.
func (l *composer) cell(s string, st int, size, w float64) cellLines {
	k := cellKey{s: s, st: st, size: size, w: w}
	if x, ok := l.cells[k]; ok {
		return x
	}
	sz := l.cellSize(s, st, size, w)
	x := cellLines{size: sz, lines: l.met.wrap(s, st, sz, w)}
	if l.cells == nil {
		l.cells = map[cellKey]cellLines{}
	}
	l.cells[k] = x
	return x
}

// tableRow lays out one row of cells, one piece per line.
func (l *composer) tableRow(cells []string, o rowOpts) []*piece {
	nc := len(o.sizes)
	lines := make([][]string, nc)
	sizes := make([]float64, nc)
	n := 1
	for c := 0; c < nc; c++ {
		if c >= len(cells) {
			continue
		}
		w := colWidth(o.sizes[c]) - 2*o.padX
		x := l.cell(cells[c], o.st[c%len(o.st)], o.size, w)
		sizes[c], lines[c] = x.size, x.lines
		if len(lines[c]) > n {
			n = len(lines[c])
		}
	}
	lh := lineH(o.size, 1.28)
	// the height of line k's piece, and the top of its spans
	lineBox := func(k int) (h, top float64) {
		h = lh
		if k == 0 {
			top = o.padY
			h += o.padY
		}
		if k == n-1 {
			h += o.padY
		}
		return h, top
	}
	mkSpan := func(c, k int, top float64) span {
		color := black
		if len(o.colors) > 0 {
			color = o.colors[c%len(o.colors)]
		}
		return span{text: lines[c][k], st: o.st[c%len(o.st)], size: sizes[c], left: o.padX, right: o.padX, top: top, al: alLeft, color: color}
	}
	if n <= 10 {
		// Rows up to ten lines stay whole: draw them as one piece, cell by
		// cell, so the content stream (and text extraction) reads each
		// cell in full before the next. (Built directly: the same piece
		// as joining the line pieces below, with each line's spans at the
		// height of the lines above it.)
		one := &piece{h: 0, keep: o.keep, cells: make([]cellBox, nc)}
		for c := range one.cells {
			one.cells[c] = cellBox{size: o.sizes[c], bg: o.bg}
			if len(lines[c]) > 0 {
				one.cells[c].spans = make([]span, 0, len(lines[c]))
			}
		}
		for k := 0; k < n; k++ {
			h, top := lineBox(k)
			for c := 0; c < nc; c++ {
				if k < len(lines[c]) {
					sp := mkSpan(c, k, top)
					sp.top += one.h
					if k > 0 {
						sp.top = one.h
					}
					one.cells[c].spans = append(one.cells[c].spans, sp)
				}
			}
			one.h += h
		}
		return []*piece{one}
	}
	ps := make([]*piece, n)
	for k := 0; k < n; k++ {
		h, top := lineBox(k)
		p := &piece{h: h}
		p.cells = make([]cellBox, nc)
		for c := 0; c < nc; c++ {
			p.cells[c] = cellBox{size: o.sizes[c], bg: o.bg}
			if k < len(lines[c]) {
				p.cells[c].spans = []span{mkSpan(c, k, top)}
			}
		}
		ps[k] = p
	}
	for k := 0; k < n-1; k++ {
		// Taller rows may break, but not after their first or before their
		// last line.
		if o.keep || k == 0 || k == n-2 {
			ps[k].keep = true
		}
	}
	return ps
}

// longestUnbreakable is the metrics' longestUnbreakable, once per
// document for each distinct text, style and size.
func (l *composer) longestUnbreakable(s string, st int, size float64) float64 {
	k := cellKey{s: s, st: st, size: size}
	if w, ok := l.unbreakable[k]; ok {
		return w
	}
	w := l.met.longestUnbreakable(s, st, size)
	if l.unbreakable == nil {
		l.unbreakable = map[cellKey]float64{}
	}
	l.unbreakable[k] = w
	return w
}

// minCellSize is how far a cell's font may shrink (as a fraction) so that
// its longest token fits the column unbroken.
const minCellSize = 0.8

// cellSize shrinks the font of a cell (down to 80 %) until its longest
// token fits the column, so that words like "Overføringsgrunnlag" are not
// broken in narrow columns. Tokens that still do not fit are broken at
// their hyphens, or cut with a hyphen (linebreak.go).
func (l *composer) cellSize(s string, st int, size, width float64) float64 {
	longest := l.met.longestUnit(s, st, size)
	if longest <= width-0.1 || longest == 0 {
		return size
	}
	f := (width - 0.1) / longest
	if f < minCellSize {
		return size
	}
	return size * f
}

// apportion turns relative weights into grid units summing to grid.
func apportion(weights []int, n int) []int {
	if n <= 0 {
		return nil
	}
	w := make([]float64, n)
	total := 0.0
	for i := range w {
		w[i] = 1
		if len(weights) == n && weights[i] > 0 {
			w[i] = float64(weights[i])
		}
		total += w[i]
	}
	if len(weights) == n {
		for _, x := range weights {
			if x <= 0 { // a bad weight: use equal widths
				total = float64(n)
				for i := range w {
					w[i] = 1
				}
				break
			}
		}
	}
	out := make([]int, n)
	sum := 0
	for i := range w {
		out[i] = int(w[i] / total * grid)
		if out[i] < 1 {
			out[i] = 1
		}
		sum += out[i]
	}
	// Give the rest to (or take the excess from) the widest column.
	wi := 0
	for i := range out {
		if out[i] > out[wi] {
			wi = i
		}
	}
	out[wi] += grid - sum
	if out[wi] < 1 {
		out[wi] = 1
	}
	return out
}

// fitColumns widens columns too narrow for their longest token (at the
// smallest cell size) with grid units from columns that have room to
// spare, so that tokens such as "confidentiality" or a requirement key
// stay whole where the table allows it.
func fitColumns(sizes []int, need []int) []int {
	out := append([]int(nil), sizes...)
	for c := range out {
		for out[c] < need[c] {
			// the column with the most room beyond its own need
			best, room := -1, 0
			for k := range out {
				if r := out[k] - need[k]; k != c && r > room {
					best, room = k, r
				}
			}
			if best < 0 {
				break
			}
			give := need[c] - out[c]
			if give > room {
				give = room
			}
			out[best] -= give
			out[c] += give
		}
	}
	return out
}

// maxRowLines is the height, in lines, above which a table row is stacked.
const maxRowLines = 24

func (l *composer) table(t *doc.Table) {
	nc := len(t.Header)
	for _, r := range t.Rows {
		if len(r) > nc {
			nc = len(r)
		}
	}
	if nc == 0 {
		return
	}
	const maxCols = 40
	weights := t.Widths
	if nc > maxCols {
		nc, weights = maxCols, nil
	}
	// More columns than maxCols: the extra cells go into the last column
	// so that no text is lost.
	fold := func(cells []string) []string {
		if len(cells) <= nc {
			return cells
		}
		out := append([]string(nil), cells[:nc-1]...)
		return append(out, strings.Join(cells[nc-1:], " "))
	}
	const padX, size = 1.6, 9.0
	sizes := apportion(weights, nc)
	if nc > 1 {
		need := make([]int, nc)
		measure := func(cells []string, st int) {
			for c, s := range fold(cells) {
				w := l.longestUnbreakable(s, st, size*minCellSize) + 2*padX + 0.2
				if u := int(w/contentW*grid) + 1; u > need[c] {
					need[c] = u
				}
			}
		}
		measure(t.Header, sBold)
		for _, r := range t.Rows {
			measure(r, sRegular)
		}
		sizes = fitColumns(sizes, need)
	}
	var header []*piece
	if len(t.Header) > 0 {
		header = l.tableRow(fold(t.Header), rowOpts{sizes: sizes, st: []int{sBold}, size: size, bg: headBg, padX: padX, padY: 1.2, keep: true})
		for _, p := range header {
			p.keep = true
		}
		l.add(header...)
	}
	for i, r := range t.Rows {
		var bg *rgb
		if i%2 == 1 {
			bg = stripe
		}
		ps := l.tableRow(fold(r), rowOpts{sizes: sizes, st: []int{sRegular}, size: size, bg: bg, padX: padX, padY: 1.0})
		if len(ps) > maxRowLines && nc > 1 {
			// A row taller than about half a page would have its short
			// cells on one page and its long cell running on over the
			// next: lay it out as a stacked record instead, one cell
			// under the other with its column name, so it reads in order.
			ps = nil
			for c, cell := range fold(r) {
				name := ""
				if c < len(t.Header) {
					name = t.Header[c]
				}
				ps = append(ps, l.tableRow([]string{name, cell}, rowOpts{sizes: []int{250, 750}, st: []int{sBold, sRegular}, size: size, bg: bg, padX: padX, padY: 0.8})...)
			}
		}
		for _, p := range ps {
			p.repeat = header
		}
		l.add(ps...)
	}
	if n := len(l.ps); n > 0 {
		l.ps[n-1].h += 3
		l.ps[n-1].keep = false
	}
}

func (l *composer) blocks(bs []doc.Block) {
	for _, b := range bs {
		switch b.Kind {
		case doc.Paragraph:
			l.paragraph(b.Text, 2.4)
		case doc.Subhead:
			l.add(l.block(b.Text, textOpts{st: sItalic, size: bodySize, before: 1.2, after: 1.0, heading: true, color: navy})...)
			l.keepLast()
		case doc.Bullets:
			l.list(b.Items, false)
		case doc.Numbered:
			l.list(b.Items, true)
		case doc.TableKind:
			if b.Table != nil {
				l.table(b.Table)
			}
		default: // an unknown kind: keep its words
			if b.Text != "" {
				l.paragraph(b.Text, 2.4)
			}
			if len(b.Items) > 0 {
				l.list(b.Items, false)
			}
			if b.Table != nil {
				l.table(b.Table)
			}
		}
	}
}

func (l *composer) clause(c *doc.Clause) {
	l.heading(c.Number, c.Title, sBold, 10.5, 3.2, 1.6, black, 1)
	l.blocks(c.Blocks)
}

func (l *composer) document() {
	d := l.d
	l.add(l.block(strings.ToUpper(oneLine(d.Title)), textOpts{st: sBold, size: 20, lead: 1.2, color: navy, heading: true, after: 1})...)
	if d.Subtitle != "" {
		l.add(l.block(d.Subtitle, textOpts{st: sItalic, size: 13, lead: 1.25, color: grey, heading: true})...)
	}
	if n := len(l.ps); n > 0 {
		l.ps[n-1].h += 6
	}
	kvSizes := []int{300, 700}
	for _, kv := range d.TitleBlock.Rows {
		l.add(l.tableRow([]string{kv.Label + ":", kv.Value}, rowOpts{sizes: kvSizes, st: []int{sBold, sRegular}, size: bodySize, padX: 0, padY: 0.4, keep: true})...)
	}
	if len(d.TitleBlock.Rows) > 0 {
		l.ps[len(l.ps)-1].h += 5
	}
	if len(d.TitleBlock.Parties) > 0 {
		l.heading("", d.Labels.Parties, sBold, 13, 2, 2.5, navy, -1)
		for _, p := range d.TitleBlock.Parties {
			ps := l.tableRow([]string{p.Role}, rowOpts{sizes: []int{grid}, st: []int{sBold}, size: bodySize, bg: headBg, padX: 1.6, padY: 1.2, keep: true})
			for _, x := range ps {
				x.keep = true
			}
			l.add(ps...)
			for i, f := range p.Fields {
				var bg *rgb
				if i%2 == 1 {
					bg = stripe
				}
				l.add(l.tableRow([]string{f.Label, f.Value}, rowOpts{sizes: kvSizes, st: []int{sBold, sRegular}, colors: []*rgb{grey, black}, size: 9.5, bg: bg, padX: 1.6, padY: 0.9})...)
			}
			l.ps[len(l.ps)-1].h += 4
			l.ps[len(l.ps)-1].keep = false
		}
	}
	if d.TitleBlock.Intro != "" {
		l.paragraph(d.TitleBlock.Intro, 2.4)
	}
	l.tocAt = len(l.ps)
	for i := range d.Sections {
		s := &d.Sections[i]
		l.heading(s.Number, s.Title, sBold, 13, 6, 1.5, navy, 0)
		for j := range s.Clauses {
			l.clause(&s.Clauses[j])
		}
	}
	l.signatures()
	for i := range d.Annexes {
		a := &d.Annexes[i]
		start := len(l.ps)
		l.heading("", oneLine(d.Labels.Annex)+" "+oneLine(a.Letter)+" "+oneLine(a.Title), sBold, 14, 0, 3, navy, 0)
		if start < len(l.ps) {
			l.ps[start].newPageBefore = true
		}
		l.blocks(a.Blocks)
		for j := range a.Clauses {
			l.clause(&a.Clauses[j])
		}
	}
	// The closing fingerprint line stays with what precedes it: it never
	// stands alone on a last page.
	l.keepLast()
	fp := oneLine(d.Labels.Fingerprint) + ": " + oneLine(d.Meta.FingerprintShort) + " · " + oneLine(d.Labels.Library) + " " + oneLine(d.Meta.LibraryVersion)
	l.add(l.block(fp, textOpts{st: sRegular, size: 8, color: grey, before: 8})...)
}

// signatures lays out the signature block, kept on one page as a whole
// (heading, intro and both parties) whenever it fits one.
func (l *composer) signatures() {
	d := l.d
	if len(d.Signatures.Parties) == 0 {
		return
	}
	start := len(l.ps)
	l.heading("", d.Labels.Signatures, sBold, 13, 8, 2, navy, 0)
	if d.Signatures.Intro != "" {
		l.paragraph(d.Signatures.Intro, 3)
	}
	lab := d.Labels
	sizes := []int{280, 720}
	blank := l.signLine()
	var ends []int // the last piece of each party
	for _, s := range d.Signatures.Parties {
		head := l.block(oneLine(s.Role)+": "+oneLine(s.Party), textOpts{st: sBold, size: bodySize, before: 3, after: 1.5, heading: true})
		l.add(head...)
		fields := []struct {
			label, value string
			gap          float64
		}{
			{lab.Name, s.Name, 0}, {lab.JobTitle, s.Title, 0}, {lab.Place, s.Place, 0}, {lab.Date, s.Date, 0}, {lab.Signature, "", 10},
		}
		for _, f := range fields {
			v := oneLine(f.value)
			if v == "" {
				v = blank
			}
			ps := l.tableRow([]string{oneLine(f.label) + ":", v}, rowOpts{sizes: sizes, st: []int{sRegular, sRegular}, colors: []*rgb{grey, black}, size: bodySize, padY: 1.3, keep: true})
			if f.gap > 0 {
				ps[0].h += f.gap
				for c := range ps[0].cells {
					for k := range ps[0].cells[c].spans {
						ps[0].cells[c].spans[k].top += f.gap
					}
				}
			}
			for _, p := range ps {
				p.keep = true
			}
			l.add(ps...)
		}
		l.ps[len(l.ps)-1].h += 3
		ends = append(ends, len(l.ps)-1)
	}
	h := 0.0
	for _, p := range l.ps[start:] {
		h += p.h
	}
	// The whole block is kept on one page when it fits one (the heading,
	// the intro and every party); otherwise each party stays whole.
	for _, p := range l.ps[start:] {
		p.keep = true
	}
	if h > bodyFull {
		for _, e := range ends {
			l.ps[e].keep = false
		}
	}
	l.ps[len(l.ps)-1].keep = false
}

// signLine is a line of underscores to write on.
func (l *composer) signLine() string {
	u := l.met.width("_", sRegular, bodySize)
	n := 30
	if u > 0 {
		n = int(70 / u)
	}
	return strings.Repeat("_", n)
}
