package assemble

import (
	"strings"

	"github.com/dpa-no/dpa/internal/doc"
)

// ParseBlocks reads executed clause text into blocks: paragraphs separated
// by blank lines, "- " bullets, "1. " numbered items, "# " subheadings.
// Text between the value markers is opaque: a value never creates
// structure. The markers are removed from the result.
func ParseBlocks(s string) []doc.Block {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	// inside values, fold line breaks to spaces
	var b strings.Builder
	b.Grow(len(s))
	depth := 0
	for _, r := range s {
		switch {
		case r == mOpen:
			depth++
		case r == mClose:
			if depth > 0 {
				depth--
			}
		case depth > 0 && (r == '\n' || r == '\r'):
			r = ' '
		}
		b.WriteRune(r)
	}
	var out []doc.Block
	var para []string
	var cur *doc.Block // open list
	flushPara := func() {
		if len(para) > 0 {
			out = append(out, doc.Block{Kind: doc.Paragraph, Text: clean(strings.Join(para, " "))})
			para = nil
		}
	}
	flushList := func() {
		if cur != nil {
			out = append(out, *cur)
			cur = nil
		}
	}
	for _, raw := range strings.Split(b.String(), "\n") {
		line := strings.TrimRight(raw, " \t")
		trim := strings.TrimLeft(line, " \t")
		indent := len(line) - len(trim)
		switch {
		case isBlank(line):
			flushPara()
			flushList()
		case strings.HasPrefix(trim, "- ") && indent < 2:
			flushPara()
			if cur != nil && cur.Kind != doc.Bullets {
				flushList()
			}
			if cur == nil {
				cur = &doc.Block{Kind: doc.Bullets}
			}
			cur.Items = append(cur.Items, clean(trim[2:]))
		case numbered(trim) > 0 && indent < 2:
			flushPara()
			if cur != nil && cur.Kind != doc.Numbered {
				flushList()
			}
			if cur == nil {
				cur = &doc.Block{Kind: doc.Numbered}
			}
			cur.Items = append(cur.Items, clean(trim[numbered(trim):]))
		case strings.HasPrefix(trim, "# ") && indent == 0:
			flushPara()
			flushList()
			out = append(out, doc.Block{Kind: doc.Subhead, Text: clean(trim[2:])})
		case cur != nil && indent >= 2:
			// continuation of a list item
			last := &cur.Items[len(cur.Items)-1]
			*last = clean(*last + " " + trim)
		default:
			flushList()
			para = append(para, trim)
		}
	}
	flushPara()
	flushList()
	return out
}

// numbered returns the length of a "12. " prefix, or 0.
func numbered(s string) int {
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i+1 >= len(s) || s[i] != '.' || s[i+1] != ' ' {
		return 0
	}
	return i + 2
}

// isBlank reports whether a line holds only white space (an empty value,
// printed between markers, is not blank: it is text the author placed).
func isBlank(line string) bool {
	for _, r := range line {
		if r != ' ' && r != '\t' {
			return false
		}
	}
	return true
}

// clean removes the value markers and folds runs of white space.
func clean(s string) string {
	plain := true
	prevSpace := true
	looked := false // for markers, once: none after the first non-ASCII byte means none at all
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			if !looked && (strings.ContainsRune(s[i:], mOpen) || strings.ContainsRune(s[i:], mClose)) {
				plain = false
				break
			}
			looked = true
			prevSpace = false
			continue
		}
		space := c == ' ' || c == '\t' || c == '\n' || c == '\r'
		if space && (prevSpace || c != ' ') {
			plain = false
			break
		}
		prevSpace = space
	}
	if plain && !prevSpace {
		return s
	}
	s = strings.Map(func(r rune) rune {
		if r == mOpen || r == mClose {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
