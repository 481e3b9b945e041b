package diff

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/docx"
	rdocx "github.com/dpa-no/dpa/internal/render/docx"
)

// RedlineOptions say who made the tracked changes of a redline, and when.
type RedlineOptions struct {
	Author string    // "dpa" when empty
	Date   time.Time // the zero time is written as 2000-01-01
}

func (o RedlineOptions) change() *docx.Change {
	c := &docx.Change{Author: o.Author, Date: o.Date}
	if c.Author == "" {
		c.Author = Author
	}
	if c.Date.IsZero() {
		c.Date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return c
}

// Redline returns the complete agreement new as a Word document in which
// every difference from old is a tracked change: accepting all changes
// gives the text of new's DOCX, rejecting all gives old's.
//
// Both agreements are rendered as DOCX elements (paragraphs and tables,
// render/docx.Elements) and compared in two steps. First the parts of
// the agreement (front matter, table of contents, each section and
// clause by ID, the signatures, each annex) are aligned; a clause that
// leaves the agreement and one that enters it in the same section at the
// same place are taken as one clause rewritten (for example specific and
// general authorisation of sub-processors, which share a role) and
// redlined into each other. Then, inside each pair of parts, paragraphs
// are aligned by text; paragraphs of the same style that replace each
// other are redlined word by word, others are inserted or deleted whole,
// paragraph mark included. Tables of the same header are compared row by
// row: whole rows are inserted or deleted as rows, changed rows are
// redlined cell by cell. Cross-references stay REF fields, headings keep
// Word's numbering.
func Redline(old, new *doc.Document, o RedlineOptions) []byte {
	es, opts := merge(old, new, o)
	w := docx.New(opts)
	rdocx.Write(w, es)
	return w.Bytes()
}

// merge returns the elements of the redline and the writer options.
func merge(old, new *doc.Document, o RedlineOptions) ([]rdocx.Elem, docx.Options) {
	ch := o.change()
	names := &rdocx.Names{}
	eb := rdocx.Elements(new, names)
	ea := rdocx.Elements(old, names)
	m := &merger{ch: ch, keep: map[string]bool{}}
	for _, e := range eb {
		m.noteBookmarks(e)
	}
	es := m.fixMarks(m.groups(ea, eb))
	opts := rdocx.Options(new)
	oa := rdocx.Options(old)
	if len(oa.Header) == len(opts.Header) {
		for i := range opts.Header {
			opts.Header[i].Runs = m.runs(oa.Header[i].Runs, opts.Header[i].Runs)
		}
	}
	if len(oa.Footer) == len(opts.Footer) {
		for i := range opts.Footer {
			opts.Footer[i].Runs = m.runs(oa.Footer[i].Runs, opts.Footer[i].Runs)
		}
	}
	return es, opts
}

// fixMarks handles a paragraph inserted (deleted) whole directly before a
// table that stays when all changes are rejected (accepted): its paragraph
// mark cannot go, since there is no paragraph after it to join. The mark
// of the paragraph before it is marked instead, and the properties that
// paragraph had are kept as a tracked change of the properties
// (w:pPrChange) of the paragraph before the table, so that rejecting
// (accepting) all gives that paragraph back exactly.
func (m *merger) fixMarks(es []rdocx.Elem) []rdocx.Elem {
	plain := func(e rdocx.Elem) bool {
		return e.Table == nil && e.List == rdocx.NoList && e.Prefix == "" && !e.TOC && e.Para.Old == nil
	}
	marked := func(e rdocx.Elem, ins bool) bool {
		if ins {
			return e.Para.Ins != nil
		}
		return e.Para.Del != nil
	}
	for i := 0; i+1 < len(es); i++ {
		t := es[i+1].Table
		if t == nil || !plain(es[i]) {
			continue
		}
		// a paragraph deleted whole and one inserted whole, of the same
		// class, before the table: one paragraph redlined
		if y := es[i-min(i, 1)]; i > 0 && plain(y) && class(y) == class(es[i]) &&
			((y.Para.Del != nil && es[i].Para.Ins != nil) || (y.Para.Ins != nil && es[i].Para.Del != nil)) {
			x := es[i]
			runs := append(append([]docx.Run{}, y.Para.Runs...), x.Para.Runs...)
			if y.Para.Del == nil {
				runs = append(append([]docx.Run{}, x.Para.Runs...), y.Para.Runs...)
			}
			keepBM := x.Para.Bookmark
			if keepBM == "" {
				keepBM = y.Para.Bookmark
			} else if y.Para.Bookmark != "" && y.Para.Bookmark != keepBM {
				runs = append([]docx.Run{{Bookmark: y.Para.Bookmark}}, runs...)
			}
			if x.Para.Ins == nil { // x is the deleted one: the new paragraph is y
				x.Para.Style, x.Para.Align, x.Para.KeepNext, x.Para.PageBreakBefore, x.Para.Unnumbered = y.Para.Style, y.Para.Align, y.Para.KeepNext, y.Para.PageBreakBefore, y.Para.Unnumbered
			}
			x.Para.Runs, x.Para.Ins, x.Para.Del, x.Para.Bookmark = runs, nil, nil, keepBM
			es = append(es[:i-1], append([]rdocx.Elem{x}, es[i+1:]...)...)
			i--
			continue
		}
		for _, ins := range []bool{true, false} {
			x := &es[i]
			if !marked(*x, ins) || (ins && t.Ins != nil) || (!ins && t.Del != nil) {
				continue
			}
			// back over what goes with x: paragraphs and whole tables
			k := i
			for k > 0 {
				e := es[k-1]
				gone := plain(e) && marked(e, ins)
				if tb := e.Table; tb != nil {
					gone = (ins && tb.Ins != nil) || (!ins && tb.Del != nil)
				}
				if !gone {
					break
				}
				k--
			}
			if k == 0 {
				continue
			}
			p0 := &es[k-1]
			if !plain(*p0) || p0.Para.Ins != nil || p0.Para.Del != nil || p0.Group != x.Group {
				continue
			}
			props := func(p docx.Para) *docx.Para {
				return &docx.Para{Style: p.Style, Align: p.Align, KeepNext: p.KeepNext, PageBreakBefore: p.PageBreakBefore, Unnumbered: p.Unnumbered}
			}
			if ins {
				x.Para.Ins = nil
				x.Para.Old, x.Para.OldChange = props(p0.Para), m.ch
				p0.Para.Ins = m.ch
			} else {
				orig := props(x.Para)
				q := props(p0.Para)
				q.Runs, q.Bookmark, q.FieldBegin, q.FieldEnd = x.Para.Runs, x.Para.Bookmark, x.Para.FieldBegin, x.Para.FieldEnd
				q.Old, q.OldChange = orig, m.ch
				x.Para = *q
				p0.Para.Del = m.ch
			}
			break
		}
	}
	return es
}

type merger struct {
	ch *docx.Change
	// keep: bookmark names of the new document; a deleted heading keeps
	// its bookmark only when the name is not one of them
	keep map[string]bool
}

func (m *merger) noteBookmarks(e rdocx.Elem) {
	if e.Para.Bookmark != "" {
		m.keep[e.Para.Bookmark] = true
	}
	for _, r := range e.Para.Runs {
		if r.Bookmark != "" {
			m.keep[r.Bookmark] = true
		}
	}
}

// step is one step of an alignment: a[i] kept as b[j], a[i] deleted
// (j < 0) or b[j] inserted (i < 0).
type step struct{ i, j int }

// align aligns two sequences of keys (longest common subsequence), with
// the deletions of a run of changes before its insertions: the word
// diff's comparison (diffSeq) over key ids, any number of distinct keys.
func align(a, b []string) []step {
	var in interner
	x, y := in.of(a), in.of(b)
	out := make([]step, 0, max(len(a), len(b)))
	i, j := 0, 0
	for _, e := range diffSeq(x, y, false) {
		for k := 0; k < e.n; k++ {
			switch e.kind {
			case opEqual:
				out = append(out, step{i, j})
				i++
				j++
			case opDelete:
				out = append(out, step{i, -1})
				i++
			case opInsert:
				out = append(out, step{-1, j})
				j++
			}
		}
	}
	return out
}

type group struct {
	key, section string
	es           []rdocx.Elem
}

func groupsOf(es []rdocx.Elem) []group {
	var out []group
	for _, e := range es {
		if n := len(out); n > 0 && out[n-1].key == e.Group {
			out[n-1].es = append(out[n-1].es, e)
			continue
		}
		out = append(out, group{key: e.Group, section: e.Section, es: []rdocx.Elem{e}})
	}
	return out
}

// groups merges the parts of the two agreements.
func (m *merger) groups(ea, eb []rdocx.Elem) []rdocx.Elem {
	ga, gb := groupsOf(ea), groupsOf(eb)
	ka, kb := make([]string, len(ga)), make([]string, len(gb))
	for i, g := range ga {
		ka[i] = g.key
	}
	for i, g := range gb {
		kb[i] = g.key
	}
	var out []rdocx.Elem
	steps := align(ka, kb)
	for s := 0; s < len(steps); {
		if steps[s].i >= 0 && steps[s].j >= 0 {
			out = append(out, m.elems(ga[steps[s].i].es, gb[steps[s].j].es)...)
			s++
			continue
		}
		var dels, ins []int
		for ; s < len(steps) && (steps[s].i < 0 || steps[s].j < 0); s++ {
			if steps[s].j < 0 {
				dels = append(dels, steps[s].i)
			} else {
				ins = append(ins, steps[s].j)
			}
		}
		// a clause that leaves and one that enters the same section at the
		// same place have the same role there: one clause rewritten
		role := func(g group, n int) string {
			if strings.HasPrefix(g.key, "clause:") && g.section != "" {
				return "section:" + g.section
			}
			return "\x00" + g.key + "\x00" + string(rune(n))
		}
		ra, rb := make([]string, len(dels)), make([]string, len(ins))
		for k, i := range dels {
			ra[k] = role(ga[i], 0)
		}
		for k, j := range ins {
			rb[k] = role(gb[j], 1)
		}
		for _, st := range align(ra, rb) {
			switch {
			case st.i >= 0 && st.j >= 0:
				out = append(out, m.elems(ga[dels[st.i]].es, gb[ins[st.j]].es)...)
			case st.j < 0:
				for _, e := range ga[dels[st.i]].es {
					out = append(out, m.whole(e, false))
				}
			default:
				for _, e := range gb[ins[st.j]].es {
					out = append(out, m.whole(e, true))
				}
			}
		}
	}
	return out
}

// fieldKey is the text of a field or bookmarked run in keys and token
// streams: one unit, compared by instruction and result.
func fieldKey(r docx.Run) string {
	return "\x01" + r.Field + "\x02" + r.Bookmark + "\x02" + r.Text + "\x03"
}

func runsKey(rs []docx.Run) string {
	var b strings.Builder
	for _, r := range rs {
		if r.Field != "" || r.Bookmark != "" {
			b.WriteString(fieldKey(r))
		} else {
			b.WriteString(r.Text)
		}
	}
	return b.String()
}

// class is what two elements must share to be redlined into each other.
func class(e rdocx.Elem) string {
	if e.Table != nil {
		// header cells are redlined like body cells
		return "T\x00" + strconv.Itoa(len(e.Table.Header))
	}
	p := e.Para
	s := "P\x00" + p.Style + "\x00" + string(rune('0'+e.List)) + "\x00" + e.Prefix
	if p.Unnumbered {
		s += "\x00u"
	}
	if e.TOC {
		s += "\x00toc"
	}
	return s
}

func key(e rdocx.Elem) string {
	if e.Table != nil {
		var b strings.Builder
		b.WriteString(class(e))
		b.WriteString(strings.Join(e.Table.Header, "\x00"))
		for _, r := range e.Table.Body {
			b.WriteString("\x00\x00")
			b.WriteString(rowKey(r))
		}
		return b.String()
	}
	return class(e) + "\x00" + runsKey(e.Para.Runs)
}

// elemText is the text of an element, for similarity.
func elemText(e rdocx.Elem) string {
	if e.Table != nil {
		var b strings.Builder
		for _, r := range e.Table.Body {
			b.WriteString(rowKey(r))
			b.WriteByte(' ')
		}
		return b.String()
	}
	return runsKey(e.Para.Runs)
}

// similarity is the share of words two texts have in common (Dice
// coefficient over the multisets of words), 1 for two empty texts.
func similarity(a, b string) float64 {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa)+len(wb) == 0 {
		return 1
	}
	count := map[string]int{}
	for _, w := range wa {
		count[w]++
	}
	common := 0
	for _, w := range wb {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(wa)+len(wb))
}

// bagSimilarity is similarity of two texts given as sorted word numbers.
func bagSimilarity(a, b []int32) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

// minSimilar is the similarity from which two elements of the same class
// that replace each other are redlined into each other rather than one
// deleted and one inserted.
const minSimilar = 0.25

// pairUp aligns the deleted and inserted elements of a run of changes:
// pairs of the same class, in order, with the most words in common
// (dynamic programming; long runs fall back to aligning by class).
func pairUp(du, iu []unit) []step {
	dels, ins := make([]rdocx.Elem, len(du)), make([]rdocx.Elem, len(iu))
	for i, u := range du {
		dels[i] = u[0]
	}
	for i, u := range iu {
		ins[i] = u[0]
	}
	n, m := len(dels), len(ins)
	if n == 0 || m == 0 || n*m > 40000 {
		ca, cb := make([]string, n), make([]string, m)
		for i, e := range dels {
			ca[i] = class(e)
		}
		for i, e := range ins {
			cb[i] = class(e)
		}
		return align(ca, cb)
	}
	// each text's words once, as sorted word numbers: similarity of a
	// pair is then a merge without allocation (it split both texts and
	// built a map for each of the up to 40,000 pairs)
	var words interner
	bag := func(e rdocx.Elem) []int32 {
		out := words.of(strings.Fields(elemText(e)))
		slices.Sort(out)
		return out
	}
	ta, tb := make([][]int32, n), make([][]int32, m)
	ca, cb := make([]string, n), make([]string, m)
	for i, e := range dels {
		ta[i], ca[i] = bag(e), class(e)
	}
	for j, e := range ins {
		tb[j], cb[j] = bag(e), class(e)
	}
	// best[i][j]: best score aligning dels[i:] with ins[j:]
	best := make([][]float64, n+1)
	for i := range best {
		best[i] = make([]float64, m+1)
	}
	sim := make([][]float64, n)
	for i := range sim {
		sim[i] = make([]float64, m)
		for j := range sim[i] {
			sim[i][j] = -1
			if ca[i] == cb[j] {
				v := bagSimilarity(ta[i], tb[j])
				switch {
				case dels[i].Table != nil:
					// tables of the same header are always compared row
					// by row: a whole table out and one in would leave
					// the empty paragraph between tables without a
					// paragraph to join
					sim[i][j] = v + 1
					// the same column headings: the same table (the one
					// before, an annex's list of transfers, pairs with the
					// list of transfers, not with a list of access schemes
					// of as many columns that follows inserted text)
					if slices.Equal(dels[i].Table.Header, ins[j].Table.Header) {
						sim[i][j]++
					}
				case v >= minSimilar:
					sim[i][j] = v
				}
			}
		}
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			v := best[i+1][j]
			if best[i][j+1] > v {
				v = best[i][j+1]
			}
			if sim[i][j] >= 0 && sim[i][j]+best[i+1][j+1] > v {
				v = sim[i][j] + best[i+1][j+1]
			}
			best[i][j] = v
		}
	}
	var out []step
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case sim[i][j] >= 0 && best[i][j] == sim[i][j]+best[i+1][j+1]:
			out = append(out, step{i, j})
			i++
			j++
		case best[i][j] == best[i+1][j]:
			out = append(out, step{i, -1})
			i++
		default:
			out = append(out, step{-1, j})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, step{i, -1})
	}
	for ; j < m; j++ {
		out = append(out, step{-1, j})
	}
	return out
}

// unit is an element, or a table with the empty paragraph after it: they
// are aligned, paired, inserted and deleted together.
type unit []rdocx.Elem

func unitsOf(es []rdocx.Elem) []unit {
	var out []unit
	for _, e := range es {
		if n := len(out); e.Sep && n > 0 && len(out[n-1]) == 1 && out[n-1][0].Table != nil {
			out[n-1] = append(out[n-1], e)
			continue
		}
		out = append(out, unit{e})
	}
	return out
}

func unitKey(u unit) string {
	k := key(u[0])
	if len(u) > 1 {
		k += "\x00sep"
	}
	return k
}

// elems merges the elements of one part.
func (m *merger) elems(ea, eb []rdocx.Elem) []rdocx.Elem {
	a, b := unitsOf(ea), unitsOf(eb)
	ka, kb := make([]string, len(a)), make([]string, len(b))
	for i, u := range a {
		ka[i] = unitKey(u)
	}
	for i, u := range b {
		kb[i] = unitKey(u)
	}
	var out []rdocx.Elem
	wholeUnit := func(u unit, ins bool) {
		for _, e := range u {
			out = append(out, m.whole(e, ins))
		}
	}
	pairUnit := func(x, y unit) {
		if len(x) != len(y) {
			wholeUnit(x, false)
			wholeUnit(y, true)
			return
		}
		for k := range x {
			out = append(out, m.pair(x[k], y[k]))
		}
	}
	steps := align(ka, kb)
	for s := 0; s < len(steps); {
		if steps[s].i >= 0 && steps[s].j >= 0 {
			pairUnit(a[steps[s].i], b[steps[s].j])
			s++
			continue
		}
		var dels, ins []unit
		for ; s < len(steps) && (steps[s].i < 0 || steps[s].j < 0); s++ {
			if steps[s].j < 0 {
				dels = append(dels, a[steps[s].i])
			} else {
				ins = append(ins, b[steps[s].j])
			}
		}
		// elements of the same class replace each other in order
		for _, st := range pairUp(dels, ins) {
			switch {
			case st.i >= 0 && st.j >= 0:
				pairUnit(dels[st.i], ins[st.j])
			case st.j < 0:
				wholeUnit(dels[st.i], false)
			default:
				wholeUnit(ins[st.j], true)
			}
		}
	}
	return out
}

// pair redlines a into b (elements of the same class).
func (m *merger) pair(a, b rdocx.Elem) rdocx.Elem {
	if b.Table != nil {
		t := *b.Table
		t.Body = m.rows(a.Table.Body, b.Table.Body)
		if strings.Join(a.Table.Header, "\x00") != strings.Join(t.Header, "\x00") && len(a.Table.Header) == len(t.Header) {
			t.HeaderRuns = make([][]docx.Run, len(t.Header))
			for i := range t.Header {
				t.HeaderRuns[i] = m.runs([]docx.Run{{Text: a.Table.Header[i]}}, []docx.Run{{Text: t.Header[i]}})
			}
		}
		b.Table = &t
		return b
	}
	if a.ListStart && !b.ListStart {
		b.ListStart = true
	}
	b.Para.Runs = m.runs(a.Para.Runs, b.Para.Runs)
	if a.Number != b.Number {
		b.OldNumber = a.Number
	}
	if bm := a.Para.Bookmark; bm != "" && bm != b.Para.Bookmark && !m.keep[bm] {
		// the old heading's references (in deleted text) still resolve
		b.Para.Runs = append([]docx.Run{{Bookmark: bm}}, b.Para.Runs...)
	}
	return b
}

func rowKey(r docx.Row) string {
	var b strings.Builder
	for _, c := range r.Cells {
		b.WriteString(runsKey(c))
		b.WriteByte(0)
	}
	return b.String()
}

// rows redlines table rows: equal rows kept, rows replacing each other
// redlined cell by cell, the rest inserted or deleted as rows.
func (m *merger) rows(a, b []docx.Row) []docx.Row {
	ka, kb := make([]string, len(a)), make([]string, len(b))
	for i, r := range a {
		ka[i] = rowKey(r)
	}
	for i, r := range b {
		kb[i] = rowKey(r)
	}
	var out []docx.Row
	steps := align(ka, kb)
	for s := 0; s < len(steps); {
		if steps[s].i >= 0 && steps[s].j >= 0 {
			out = append(out, b[steps[s].j])
			s++
			continue
		}
		var dels, ins []docx.Row
		for ; s < len(steps) && (steps[s].i < 0 || steps[s].j < 0); s++ {
			if steps[s].j < 0 {
				dels = append(dels, a[steps[s].i])
			} else {
				ins = append(ins, b[steps[s].j])
			}
		}
		n := len(dels)
		if len(ins) < n {
			n = len(ins)
		}
		for k := 0; k < n; k++ {
			cols := len(ins[k].Cells)
			if len(dels[k].Cells) > cols {
				cols = len(dels[k].Cells)
			}
			cells := make([][]docx.Run, cols)
			for c := range cells {
				var ca, cb []docx.Run
				if c < len(dels[k].Cells) {
					ca = dels[k].Cells[c]
				}
				if c < len(ins[k].Cells) {
					cb = ins[k].Cells[c]
				}
				cells[c] = m.runs(ca, cb)
			}
			out = append(out, docx.Row{Cells: cells})
		}
		for _, r := range dels[n:] {
			out = append(out, m.wholeRow(r, false))
		}
		for _, r := range ins[n:] {
			out = append(out, m.wholeRow(r, true))
		}
	}
	return out
}

func (m *merger) wholeRow(r docx.Row, ins bool) docx.Row {
	out := docx.Row{Cells: make([][]docx.Run, len(r.Cells))}
	for i, c := range r.Cells {
		out.Cells[i] = m.mark(c, ins)
	}
	if ins {
		out.Ins = m.ch
	} else {
		out.Del = m.ch
	}
	return out
}

// mark marks runs as inserted or deleted; deleted runs lose a bookmark
// the new document defines.
func (m *merger) mark(rs []docx.Run, ins bool) []docx.Run {
	out := make([]docx.Run, len(rs))
	for i, r := range rs {
		if ins {
			r.Ins = m.ch
		} else {
			r.Del = m.ch
			if m.keep[r.Bookmark] {
				r.Bookmark = ""
			}
		}
		out[i] = r
	}
	return out
}

// whole inserts or deletes an element with its paragraph mark.
func (m *merger) whole(e rdocx.Elem, ins bool) rdocx.Elem {
	if e.Table != nil {
		t := *e.Table
		t.Body = make([]docx.Row, len(e.Table.Body))
		for i, r := range e.Table.Body {
			t.Body[i] = m.wholeRow(r, ins)
		}
		if ins {
			t.Ins = m.ch
		} else {
			t.Del = m.ch
		}
		e.Table = &t
		return e
	}
	e.Para.Runs = m.mark(e.Para.Runs, ins)
	if ins {
		e.Para.Ins = m.ch
	} else {
		e.Para.Del = m.ch
		if m.keep[e.Para.Bookmark] {
			e.Para.Bookmark = ""
		}
	}
	return e
}

// seg is one run of a paragraph at its place in the token stream: text
// runs take their length in bytes, a field or bookmarked run takes 1.
type seg struct {
	start, end int
	run        docx.Run
	unit       bool // a field or bookmarked run, one token
}

// tokenize cuts runs into token ids and their lengths (in seg
// coordinates). Text between fields and bookmarks is cut into words as one
// text (a word across a change of formatting stays one word); a field or
// bookmarked run is one token, compared by fieldKey. A fieldKey starts
// with a control character and is longer than one character, so it never
// equals a word token (Tokens gives a control character as a token of its
// own).
func tokenize(rs []docx.Run, in *interner) (ids []int32, lens []int, segs []seg) {
	pos := 0
	var text strings.Builder
	flush := func() {
		for _, t := range Tokens(text.String()) {
			ids = append(ids, in.id(t))
			lens = append(lens, len(t))
		}
		text.Reset()
	}
	for _, r := range rs {
		if r.Field != "" || r.Bookmark != "" {
			flush()
			ids = append(ids, in.id(fieldKey(r)))
			lens = append(lens, 1)
			segs = append(segs, seg{pos, pos + 1, r, true})
			pos++
			continue
		}
		if r.Text != "" {
			text.WriteString(r.Text)
			segs = append(segs, seg{pos, pos + len(r.Text), r, false})
			pos += len(r.Text)
		}
	}
	flush()
	return ids, lens, segs
}

// pieces returns the runs for [from, to) of a token stream.
func pieces(segs []seg, from, to int) []docx.Run {
	var out []docx.Run
	for _, g := range segs {
		if g.end <= from || g.start >= to {
			continue
		}
		if g.unit {
			out = append(out, g.run)
			continue
		}
		r := g.run
		lo, hi := max(g.start, from), min(g.end, to)
		r.Text = g.run.Text[lo-g.start : hi-g.start]
		out = append(out, r)
	}
	return out
}

// runs redlines runs a into runs b word by word, keeping b's formatting
// for unchanged text and fields as units.
func (m *merger) runs(a, b []docx.Run) []docx.Run {
	var in interner
	ia, la, segA := tokenize(a, &in)
	ib, lb, segB := tokenize(b, &in)
	if slices.Equal(ia, ib) {
		return b
	}
	span := func(lens []int, k, n int) int {
		s := 0
		for _, l := range lens[k : k+n] {
			s += l
		}
		return s
	}
	var out []docx.Run
	ka, kb := 0, 0 // tokens
	pa, pb := 0, 0 // seg coordinates
	for _, e := range diffSeq(ia, ib, true) {
		switch e.kind {
		case opEqual:
			n := span(lb, kb, e.n)
			out = append(out, pieces(segB, pb, pb+n)...)
			pa += span(la, ka, e.n)
			pb += n
			ka += e.n
			kb += e.n
		case opDelete:
			n := span(la, ka, e.n)
			out = append(out, m.mark(pieces(segA, pa, pa+n), false)...)
			pa += n
			ka += e.n
		case opInsert:
			n := span(lb, kb, e.n)
			out = append(out, m.mark(pieces(segB, pb, pb+n), true)...)
			pb += n
			kb += e.n
		}
	}
	// join neighbours of the same formatting and change
	var joined []docx.Run
	for _, r := range out {
		if n := len(joined); n > 0 {
			p := &joined[n-1]
			if p.Field == "" && r.Field == "" && p.Bookmark == "" && r.Bookmark == "" && p.Bold == r.Bold && p.Italic == r.Italic &&
				p.Color == r.Color && p.Size == r.Size && p.Anchor == r.Anchor && p.Ins == r.Ins && p.Del == r.Del {
				p.Text += r.Text
				continue
			}
		}
		joined = append(joined, r)
	}
	return joined
}
