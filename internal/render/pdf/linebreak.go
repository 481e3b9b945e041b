package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line breaking. A line may end only at a space, or after a hyphen that is
// part of the text ("IaaS-leverandør"); a word is never cut elsewhere,
// except a single token wider than the whole line, which is cut with a
// hyphen added at the cut. Spaces that belong to a token do not break it:
// no-break spaces (U+00A0, U+2007, U+202F), and the spaces between digit
// groups ("64 98 00 00", "310 000 019").

// splitWords splits s at breakable white space; no-break spaces stay in
// their word.
func splitWords(s string) []string {
	// U+00A0 is C2 A0 in UTF-8, U+2007 and U+202F start with E2: without
	// those bytes (most text) there is no no-break space, and the byte scan
	// is far cheaper than ContainsAny's rune by rune search
	if strings.IndexByte(s, 0xc2) < 0 && strings.IndexByte(s, 0xe2) < 0 || !strings.ContainsAny(s, "\u00a0\u2007\u202f") {
		return strings.Fields(s) // the common case, and fast
	}
	return strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) && !noBreakSpace(r)
	})
}

func noBreakSpace(r rune) bool { return r == '\u00a0' || r == '\u2007' || r == '\u202f' }

// units are the tokens between break opportunities at spaces: words,
// with digit groups joined by a (non-breaking) space.
func units(s string) []string {
	ws := splitWords(clean(s))
	glue := false
	for i := 1; i < len(ws); i++ {
		if endsInDigit(ws[i-1]) && digitGroup(ws[i]) {
			glue = true
			break
		}
	}
	if !glue {
		return ws
	}
	out := ws[:0:0]
	for _, w := range ws {
		if n := len(out); n > 0 && endsInDigit(out[n-1]) && digitGroup(w) {
			out[n-1] += " " + w
			continue
		}
		out = append(out, w)
	}
	return out
}

func endsInDigit(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r >= '0' && r <= '9'
}

// digitGroup reports whether w is a group of one to four digits, maybe
// followed by punctuation: the second and later groups of a phone or
// organisation number.
func digitGroup(w string) bool {
	w = strings.TrimRight(w, ".,;:)")
	if w == "" || len(w) > 4 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// hyphenParts splits a unit after each hyphen inside it ("Tjeneste-"
// "leverandør", "2026-" "11-" "22"); wrap uses them only for a unit wider
// than a line.
func hyphenParts(u string) []string {
	var parts []string
	start := 0
	for i, r := range u {
		if isHyphen(r) && i > start {
			end := i + utf8.RuneLen(r)
			if end < len(u) {
				parts = append(parts, u[start:end])
				start = end
			}
		}
	}
	return append(parts, u[start:])
}

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' }

// wrap breaks s into lines no wider than width (mm). No character other
// than breaking spaces is dropped; the only character added is the hyphen
// of a cut over-long token.
func (m *metrics) wrap(s string, st int, size, width float64) []string {
	lines, _ := m.wrapCuts(s, st, size, width)
	return lines
}

// wrapCuts is wrap, also saying for each line whether it ends in a hyphen
// that wrap added (a cut inside a token wider than the line).
func (m *metrics) wrapCuts(s string, st int, size, width float64) ([]string, []bool) {
	us := units(s)
	if len(us) == 0 {
		return nil, nil
	}
	// A margin so that a line measured again never exceeds the width.
	width -= 0.05
	lb := lineBuilder{m: m, st: st, size: size, width: width, space: m.width(" ", st, size)}
	for _, u := range us {
		lb.unit(u)
	}
	lb.flush()
	return lb.lines, lb.cuts
}

type lineBuilder struct {
	m     *metrics
	st    int
	size  float64
	width float64
	space float64
	lines []string
	cuts  []bool
	cur   strings.Builder
	curW  float64
}

func (lb *lineBuilder) flush() {
	if lb.cur.Len() > 0 {
		lb.lines = append(lb.lines, lb.cur.String())
		lb.cuts = append(lb.cuts, false)
		lb.cur.Reset()
		lb.curW = 0
	}
}

// add appends text of width w to the current line, after a space if sep.
func (lb *lineBuilder) add(text string, w float64, sep bool) {
	if sep && lb.cur.Len() > 0 {
		lb.cur.WriteByte(' ')
		lb.curW += lb.space
	}
	lb.cur.WriteString(text)
	lb.curW += w
}

func (lb *lineBuilder) unit(u string) {
	w := lb.m.width(u, lb.st, lb.size)
	if lb.cur.Len() > 0 && lb.curW+lb.space+w <= lb.width {
		lb.add(u, w, true)
		return
	}
	if w <= lb.width {
		lb.flush()
		lb.add(u, w, false)
		return
	}
	// Wider than a line. Digit groups joined above: break at their spaces.
	if strings.Contains(u, " ") {
		for _, g := range strings.Split(u, " ") {
			lb.unit(g)
		}
		return
	}
	// At the hyphens it has, filling the current line first.
	parts := hyphenParts(u)
	sep := true
	for _, p := range parts {
		pw := lb.m.width(p, lb.st, lb.size)
		extra := 0.0
		if sep && lb.cur.Len() > 0 {
			extra = lb.space
		}
		if lb.curW+extra+pw <= lb.width {
			lb.add(p, pw, sep)
			sep = false
			continue
		}
		lb.flush()
		if pw <= lb.width {
			lb.add(p, pw, false)
			sep = false
			continue
		}
		lb.cut(p)
		sep = false
	}
}

// cut breaks a token wider than a line into line-wide pieces, each but the
// last ending in an added hyphen.
func (lb *lineBuilder) cut(p string) {
	hy := lb.m.width("-", lb.st, lb.size)
	var piece strings.Builder
	pw := 0.0
	for _, r := range p {
		rw := lb.m.width(string(r), lb.st, lb.size)
		if piece.Len() > 0 && pw+rw+hy > lb.width {
			lb.lines = append(lb.lines, piece.String()+"-")
			lb.cuts = append(lb.cuts, true)
			piece.Reset()
			pw = 0
		}
		piece.WriteRune(r)
		pw += rw
	}
	lb.add(piece.String(), pw, false)
}

// longestUnbreakable is the width of the widest part of s that no line
// break may split (see wrap): the widest run between breakable spaces and
// hyphens.
func (m *metrics) longestUnbreakable(s string, st int, size float64) float64 {
	tab := m.w[st]
	longest, cur := 0, 0
	rs := []rune(clean(s))
	for i, r := range rs {
		if unicode.IsSpace(r) && !noBreakSpace(r) {
			cur = 0
			continue
		}
		if r < 0x10000 {
			cur += int(tab[r])
		} else {
			cur += 500
		}
		if cur > longest {
			longest = cur
		}
		if isHyphen(r) && i > 0 && i+1 < len(rs) && !unicode.IsSpace(rs[i-1]) && !unicode.IsSpace(rs[i+1]) {
			cur = 0
		}
	}
	return float64(longest) * (size / ptToMM) / 1000
}

// longestUnit is the width of the widest token of s between spaces
// (digit groups joined), the width a column needs to show s without
// breaking any token.
func (m *metrics) longestUnit(s string, st int, size float64) float64 {
	longest, cur := 0.0, 0.0
	ws := splitWords(clean(s))
	space := m.width(" ", st, size)
	for i, w := range ws {
		ww := m.width(w, st, size)
		if i > 0 && endsInDigit(ws[i-1]) && digitGroup(w) {
			cur += space + ww
		} else {
			cur = ww
		}
		if cur > longest {
			longest = cur
		}
	}
	return longest
}
