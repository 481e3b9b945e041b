package pdf

import (
	"strconv"

	"github.com/dpa-no/dpa/internal/doc"
)

// headFoot is the running header and footer of every page: the title,
// the draft mark and the reference above a rule; below a rule the
// fingerprint and library version, the draft mark and "Side N av M".
type headFoot struct {
	title, mark, ref string // header texts, already fitted to their columns
	fp, footMark     string // footer texts
	pageWord, ofWord string
}

// header and footer column widths in grid units
var (
	headCols = [3]int{420, 160, 420}
	footCols = [3]int{640, 160, 200}
)

const (
	headRowH = 7.0 // the header row; its rule is at its foot
	footSize = 8.0
)

func newHeadFoot(d *doc.Document, met *metrics) *headFoot {
	ref := ""
	if len(d.TitleBlock.Rows) > 0 {
		ref = d.TitleBlock.Rows[0].Value
	}
	mark := draftMark(d)
	pageWord, ofWord := d.Labels.Page, d.Labels.Of
	if pageWord == "" || ofWord == "" {
		pageWord, ofWord = "Page", "of"
		if d.Lang == "nb" || d.Lang == "nn" || d.Lang == "no" {
			pageWord, ofWord = "Side", "av"
		}
	}
	fp := oneLine(d.Labels.Fingerprint) + " " + oneLine(d.Meta.FingerprintShort) + " · " + oneLine(d.Labels.Library) + " " + oneLine(d.Meta.LibraryVersion)
	return &headFoot{
		title:    fitText(met, d.Title, sRegular, 8, colWidth(headCols[0])),
		mark:     fitText(met, mark, sBold, 10, colWidth(headCols[1])),
		ref:      fitText(met, ref, sRegular, 8, colWidth(headCols[2])),
		fp:       fitText(met, fp, sRegular, footSize, colWidth(footCols[0])),
		footMark: fitText(met, mark, sBold, footSize, colWidth(footCols[1])),
		pageWord: oneLine(pageWord),
		ofWord:   oneLine(ofWord),
	}
}

// fitText shortens s with an ellipsis until it fits width (header and
// footer only: they repeat information that is in full in the body).
func fitText(met *metrics, s string, st int, size, width float64) string {
	s = oneLine(s)
	if met.width(s, st, size) <= width-0.1 {
		return s
	}
	limit := width - 0.1 - met.width("…", st, size)
	acc := 0.0
	for i, r := range s {
		acc += met.width(string(r), st, size)
		if acc > limit {
			return s[:i] + "…"
		}
	}
	return s
}

// pageLabel is "Side n av total".
func (h *headFoot) pageLabel(n, total int) string {
	return h.pageWord + " " + strconv.Itoa(n) + " " + h.ofWord + " " + strconv.Itoa(total)
}

func (h *headFoot) header(w *drawer) {
	// a common baseline for the 8 pt and 10 pt texts
	top := func(size float64) float64 { return 1 + (10-size)/ptToMM }
	x := marginLeft
	cells := [3]span{
		{text: h.title, st: sRegular, size: 8, al: alLeft, color: grey, top: top(8)},
		{text: h.mark, st: sBold, size: 10, al: alCenter, color: red, top: top(10)},
		{text: h.ref, st: sRegular, size: 8, al: alRight, color: grey, top: top(8)},
	}
	for i, s := range cells {
		w.span(s, x, marginTop, colWidth(headCols[i]))
		x += colWidth(headCols[i])
	}
	w.hline(marginLeft, marginLeft+contentW, marginTop+headRowH, rule, 0.2)
}

func (h *headFoot) footer(w *drawer, n, total int) {
	y := marginTop + bodyH - footerH // the rule; the texts sit below it
	w.hline(marginLeft, marginLeft+contentW, y, rule, 0.2)
	x := marginLeft
	cells := [3]span{
		{text: h.fp, st: sRegular, size: footSize, al: alLeft, color: grey, top: footerH},
		{text: h.footMark, st: sBold, size: footSize, al: alCenter, color: red, top: footerH},
		{text: h.pageLabel(n, total), st: sRegular, size: footSize, al: alRight, color: grey, top: footerH},
	}
	for i, s := range cells {
		w.span(s, x, y, colWidth(footCols[i]))
		x += colWidth(footCols[i])
	}
}
