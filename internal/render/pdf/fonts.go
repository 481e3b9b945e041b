package pdf

import (
	"bytes"
	"compress/zlib"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/phpdave11/gofpdf"
)

// The embedded fonts are DejaVu Serif (Bitstream Vera licence, DejaVu
// changes in the public domain; see fonts/LICENSE).
var (
	//go:embed fonts/DejaVuSerif.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSerif-Bold.ttf
	fontBold []byte
	//go:embed fonts/DejaVuSerif-Italic.ttf
	fontItalic []byte
)

const family = "dejavuserif"

// styles indexes the width tables.
const (
	sRegular = iota
	sBold
	sItalic
	nStyles
)

var styleNames = [nStyles]fontstyle.Type{fontstyle.Normal, fontstyle.Bold, fontstyle.Italic}

// metrics holds the advance width (in 1/1000 em, as gofpdf computes it) of
// every BMP rune for each style, so that lines can be broken exactly as
// gofpdf measures them without parsing the fonts again.
type metrics struct {
	w [nStyles][]uint16
}

var (
	loadOnce    sync.Once
	loaded      *metrics
	customFonts []*entity.CustomFont
	loadErr     error
)

func load() (*metrics, error) {
	loadOnce.Do(func() {
		customFonts = []*entity.CustomFont{
			{Family: family, Style: fontstyle.Normal, Bytes: fontRegular},
			{Family: family, Style: fontstyle.Bold, Bytes: fontBold},
			{Family: family, Style: fontstyle.Italic, Bytes: fontItalic},
		}
		// The width tables are precomputed (fonts/widths.bin, kept true by
		// TestWidthsFile): measuring the three fonts costs about 5 ms per
		// process. Measure only if the file cannot be read.
		if m, err := decodeWidths(widthsBin); err == nil {
			loaded = m
			return
		}
		loaded, loadErr = measure()
	})
	return loaded, loadErr
}

//go:embed fonts/widths.bin
var widthsBin []byte

// measure reads the width tables from the fonts with gofpdf.
func measure() (*metrics, error) {
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(family, "", fontRegular)
	f.AddUTF8FontFromBytes(family, "B", fontBold)
	f.AddUTF8FontFromBytes(family, "I", fontItalic)
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: loading embedded fonts: %w", err)
	}
	m := &metrics{}
	for s := 0; s < nStyles; s++ {
		f.SetFont(family, string(styleNames[s]), 10)
		tab := make([]uint16, 0x10000)
		for r, w := range f.GetRuneWidths() {
			tab[r] = uint16(w)
		}
		m.w[s] = tab
	}
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: measuring embedded fonts: %w", err)
	}
	return m, nil
}

// encodeWidths is the format of fonts/widths.bin: zlib over the tables of
// the styles in order, each 65536 little-endian uint16.
func encodeWidths(m *metrics) []byte {
	raw := make([]byte, 0, nStyles*0x10000*2)
	for s := 0; s < nStyles; s++ {
		for _, w := range m.w[s] {
			raw = binary.LittleEndian.AppendUint16(raw, w)
		}
	}
	var b bytes.Buffer
	z, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	z.Write(raw)
	z.Close()
	return b.Bytes()
}

func decodeWidths(data []byte) (*metrics, error) {
	z, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(z)
	if err != nil {
		return nil, err
	}
	if len(raw) != nStyles*0x10000*2 {
		return nil, fmt.Errorf("pdf: widths.bin has %d bytes", len(raw))
	}
	m := &metrics{}
	for s := 0; s < nStyles; s++ {
		tab := make([]uint16, 0x10000)
		for r := range tab {
			tab[r] = binary.LittleEndian.Uint16(raw[(s*0x10000+r)*2:])
		}
		m.w[s] = tab
	}
	return m, nil
}

// ptToMM is gofpdf's scale factor for the "mm" unit.
const ptToMM = 72.0 / 25.4

// width returns the width in mm of s set in style st at size pt.
func (m *metrics) width(s string, st int, size float64) float64 {
	u := 0
	tab := m.w[st]
	for _, r := range s {
		if r < 0x10000 {
			u += int(tab[r])
		} else {
			u += 500
		}
	}
	return float64(u) * (size / ptToMM) / 1000
}

// clean makes s safe and single-line for gofpdf: line breaks, tabs and
// other control characters become spaces, and runes outside the Basic
// Multilingual Plane (which gofpdf's width table cannot index) become U+FFFD.
func clean(s string) string {
	ok := true
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) || r > 0xffff || r == utf8.RuneError {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			b.WriteByte(' ')
		case r > 0xffff:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// wrap breaks s into lines no wider than width (mm), breaking at spaces as
// maroto does and hard-breaking words that are wider than a line. No
// character other than spaces is ever dropped.
func (m *metrics) wrap(s string, st int, size, width float64) []string {
	words := strings.Fields(clean(s))
	if len(words) == 0 {
		return nil
	}
	// A safety margin so that maroto, measuring the same string with the
	// same table, always keeps each line on one line.
	width -= 0.05
	space := m.width(" ", st, size)
	var lines []string
	var cur strings.Builder
	curW := 0.0
	flush := func() {
		if cur.Len() > 0 {
			lines = append(lines, cur.String())
			cur.Reset()
			curW = 0
		}
	}
	for _, w := range words {
		ww := m.width(w, st, size)
		if cur.Len() > 0 && curW+space+ww <= width {
			cur.WriteByte(' ')
			cur.WriteString(w)
			curW += space + ww
			continue
		}
		flush()
		if ww <= width {
			cur.WriteString(w)
			curW = ww
			continue
		}
		// Hard-break a word wider than the line.
		piece := 0.0
		for _, r := range w {
			rw := m.width(string(r), st, size)
			if cur.Len() > 0 && piece+rw > width {
				flush()
				piece = 0
			}
			cur.WriteRune(r)
			piece += rw
		}
		curW = piece
	}
	flush()
	return lines
}
