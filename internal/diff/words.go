// Package diff compares clause libraries and assembled agreements and
// renders the differences as a word-level redline (text, Markdown, HTML,
// JSON and a Word document with tracked changes).
//
// Texts are cut into tokens (words, runs of spaces, single line breaks and
// single punctuation characters), each distinct token is mapped to one rune,
// and the rune strings are compared with github.com/sergi/go-diff followed
// by a semantic clean-up. A changed number therefore shows as one word out
// and one word in, never as changed digits.
package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Kinds of Op.
const (
	Equal  = "equal"
	Insert = "insert"
	Delete = "delete"
)

// Op is one piece of a redline: text kept, inserted or deleted.
type Op struct {
	Kind string `json:"kind"` // equal | insert | delete
	Text string `json:"text"`
}

// Tokens cuts s into words (letters and digits, with inner '.', ',', '-',
// '/', ':' or apostrophe between them, so "7.2", "30,5" and "e-post" are
// one word), runs of spaces and tabs, single line breaks, and single other
// characters. Concatenating the tokens gives s back.
func Tokens(s string) []string {
	var out []string
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		switch {
		case r == '\n':
		case r == ' ' || r == '\t' || r == '\r' || (unicode.IsSpace(r) && r != '\n'):
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if r2 == '\n' || !unicode.IsSpace(r2) {
					break
				}
				j += n2
			}
		case isWord(r):
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if isWord(r2) {
					j += n2
					continue
				}
				if strings.ContainsRune(".,-/:'’", r2) && j+n2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+n2:])
					if isWord(r3) {
						j += n2
						continue
					}
				}
				break
			}
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) }

// Words compares old and new word by word. Accepting every insertion and
// dropping every deletion gives new (NewText); the reverse gives old
// (OldText).
func Words(old, new string) []Op {
	if old == new {
		if old == "" {
			return nil
		}
		return []Op{{Equal, old}}
	}
	// map each distinct token to a rune of the supplementary planes, which
	// are all valid, non-surrogate code points
	ids := map[string]rune{}
	var toks []string
	enc := func(s string) []rune {
		var rs []rune
		for _, t := range Tokens(s) {
			r, ok := ids[t]
			if !ok {
				r = rune(0x10000 + len(toks))
				ids[t] = r
				toks = append(toks, t)
			}
			rs = append(rs, r)
		}
		return rs
	}
	a, b := enc(old), enc(new)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // deterministic: never cut short by the clock
	ds := dmp.DiffMainRunes(a, b, false)
	ds = dmp.DiffCleanupSemantic(ds)
	var ops []Op
	for _, d := range ds {
		var sb strings.Builder
		for _, r := range d.Text {
			sb.WriteString(toks[r-0x10000])
		}
		kind := Equal
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			kind = Insert
		case diffmatchpatch.DiffDelete:
			kind = Delete
		}
		ops = appendOp(ops, Op{kind, sb.String()})
	}
	return normalize(ops)
}

func appendOp(ops []Op, o Op) []Op {
	if o.Text == "" {
		return ops
	}
	if n := len(ops); n > 0 && ops[n-1].Kind == o.Kind {
		ops[n-1].Text += o.Text
		return ops
	}
	return append(ops, o)
}

// normalize puts every deletion before the insertion it is replaced by
// and merges neighbours of the same kind.
func normalize(ops []Op) []Op {
	var out []Op
	for i := 0; i < len(ops); {
		if ops[i].Kind == Equal {
			out = appendOp(out, ops[i])
			i++
			continue
		}
		var del, ins strings.Builder
		for i < len(ops) && ops[i].Kind != Equal {
			if ops[i].Kind == Delete {
				del.WriteString(ops[i].Text)
			} else {
				ins.WriteString(ops[i].Text)
			}
			i++
		}
		out = appendOp(out, Op{Delete, del.String()})
		out = appendOp(out, Op{Insert, ins.String()})
	}
	return out
}

// Whole returns ops that insert (kind Insert) or delete (kind Delete) all of s.
func Whole(kind, s string) []Op {
	if s == "" {
		return nil
	}
	return []Op{{kind, s}}
}

// NewText is the text after accepting every change.
func NewText(ops []Op) string { return side(ops, Delete) }

// OldText is the text after rejecting every change.
func OldText(ops []Op) string { return side(ops, Insert) }

func side(ops []Op, skip string) string {
	var b strings.Builder
	for _, o := range ops {
		if o.Kind != skip {
			b.WriteString(o.Text)
		}
	}
	return b.String()
}

// HasChanges reports whether ops insert or delete anything.
func HasChanges(ops []Op) bool {
	for _, o := range ops {
		if o.Kind != Equal {
			return true
		}
	}
	return false
}

// Lines splits ops at line breaks: one list of ops per line, and for each
// line the kind of the line break that ends it (Equal, Insert or Delete;
// "" for the last line). Line breaks themselves are not in the ops.
func Lines(ops []Op) (lines [][]Op, ends []string) {
	var cur []Op
	for _, o := range ops {
		parts := strings.Split(o.Text, "\n")
		for i, p := range parts {
			if p != "" {
				cur = append(cur, Op{o.Kind, p})
			}
			if i < len(parts)-1 {
				lines = append(lines, cur)
				ends = append(ends, o.Kind)
				cur = nil
			}
		}
	}
	lines = append(lines, cur)
	ends = append(ends, "")
	return lines, ends
}
