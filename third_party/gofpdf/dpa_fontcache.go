package gofpdf

import "sync"

// dpa patch: parsed UTF-8 fonts are kept for the life of the process.
//
// Upstream parsed a TrueType font twice for every document that used it:
// once when the font was added (metrics, cmap, widths) and again when the
// document was closed and the font subset was cut (cmap, widths, glyph
// locations). For the same font bytes both parses give the same result, so
// the result is computed once per process and shared, read-only, by every
// document; each document still gets its own utf8FontFile for the cut.

// parsedUTF8 is what parsing one font's bytes yields. Nothing in it is
// modified after it is stored.
type parsedUTF8 struct {
	desc   FontDescType
	up, ut int
	cw     []int
	id     string
	cmap   *parsedCMAP

	locaOnce       sync.Once
	symbolPosition []int // glyph offsets from loca, filled at the first cut
}

// parsedCMAP is the Unicode cmap of a font, in both directions.
type parsedCMAP struct {
	charSymbol map[int]int
	symbolChar map[int][]int
}

type parsedKey struct {
	data *byte
	n    int
	name string
}

var parsedFonts sync.Map // parsedKey -> *parsedUTF8

func parsedFontKey(name string, b []byte) (parsedKey, bool) {
	if len(b) == 0 {
		return parsedKey{}, false
	}
	return parsedKey{&b[0], len(b), name}, true
}
