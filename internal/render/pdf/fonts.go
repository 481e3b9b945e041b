package pdf

import (
	_ "embed"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

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

// styleNames are gofpdf's style names of the styles.
var styleNames = [nStyles]string{"", "B", "I"}

// metrics holds the advance width (in 1/1000 em, as gofpdf computes it) of
// every BMP rune for each style, so that lines can be broken exactly as
// gofpdf measures them without parsing the fonts again.
type metrics struct {
	w [nStyles][]uint16
}

var (
	loadOnce sync.Once
	loaded   *metrics
	loadErr  error
)

func load() (*metrics, error) {
	loadOnce.Do(func() {
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
		f.SetFont(family, styleNames[s], 10)
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

// encodeWidths is the format of fonts/widths.bin: for each style in
// order, the 65536 widths as runs of equal values, each run a uvarint
// length and a uvarint width. Most of the BMP is one run (glyphs the font
// lacks), so the file is small and decodes in well under a millisecond
// (the zlib format it replaced took about 1.5 ms per process to inflate).
func encodeWidths(m *metrics) []byte {
	var b []byte
	for s := 0; s < nStyles; s++ {
		tab := m.w[s]
		for i := 0; i < len(tab); {
			j := i + 1
			for j < len(tab) && tab[j] == tab[i] {
				j++
			}
			b = binary.AppendUvarint(b, uint64(j-i))
			b = binary.AppendUvarint(b, uint64(tab[i]))
			i = j
		}
	}
	return b
}

func decodeWidths(data []byte) (*metrics, error) {
	m := &metrics{}
	all := make([]uint16, nStyles*0x10000)
	for s := 0; s < nStyles; s++ {
		tab := all[s*0x10000 : (s+1)*0x10000 : (s+1)*0x10000]
		for i := 0; i < len(tab); {
			n, k := binary.Uvarint(data)
			if k <= 0 {
				return nil, fmt.Errorf("pdf: widths.bin is truncated (style %d, rune %d)", s, i)
			}
			data = data[k:]
			w, k := binary.Uvarint(data)
			if k <= 0 || w > 0xFFFF || n == 0 || n > uint64(len(tab)-i) {
				return nil, fmt.Errorf("pdf: widths.bin is corrupt (style %d, rune %d)", s, i)
			}
			data = data[k:]
			if w != 0 {
				for r := i; r < i+int(n); r++ {
					tab[r] = uint16(w)
				}
			}
			i += int(n)
		}
		m.w[s] = tab
	}
	if len(data) != 0 {
		return nil, fmt.Errorf("pdf: widths.bin has %d bytes too many", len(data))
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
