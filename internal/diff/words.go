// Package diff compares clause libraries and assembled agreements and
// renders the differences as a word-level redline (text, Markdown, HTML,
// JSON and a Word document with tracked changes).
//
// Texts are cut into tokens (words, runs of spaces, single line breaks and
// single punctuation characters) and each distinct token gets an id. Small
// texts (a clause) are compared with github.com/sergi/go-diff and its
// semantic clean-up; large ones (a whole agreement, thousands of
// subprocessors) with the linear-ish core in lcs.go, which takes any number
// of distinct words. A changed number therefore shows as one word out
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
	var in interner
	ta, tb := Tokens(old), Tokens(new)
	a, b := in.of(ta), in.of(tb)
	text := func(ts []string) string { return strings.Join(ts, "") }
	var ops []Op
	i, j := 0, 0
	for _, e := range diffSeq(a, b, true) {
		switch e.kind {
		case opEqual:
			ops = append(ops, Op{Equal, text(ta[i : i+e.n])})
			i += e.n
			j += e.n
		case opDelete:
			ops = append(ops, Op{Delete, text(ta[i : i+e.n])})
			i += e.n
		case opInsert:
			ops = append(ops, Op{Insert, text(tb[j : j+e.n])})
			j += e.n
		}
	}
	return ops
}

// interner gives each distinct token (or key) an id, in the order they
// are first seen: any number of them (the rune encoding this replaced
// overflowed past a million distinct tokens).
type interner struct {
	ids map[string]int32
	n   int32
}

func (in *interner) id(s string) int32 {
	if in.ids == nil {
		in.ids = map[string]int32{}
	}
	id, ok := in.ids[s]
	if !ok {
		id = in.n
		in.ids[s] = id
		in.n++
	}
	return id
}

func (in *interner) of(ss []string) []int32 {
	out := make([]int32, len(ss))
	for i, s := range ss {
		out[i] = in.id(s)
	}
	return out
}

// diffSeq returns the edits that turn the sequence of ids a into b, the
// deletions of each change before its insertions and neighbours of one
// kind joined. It is the one comparison of the package, for words
// (semantic: with the semantic clean-up that folds short equal runs into
// the changes around them) and for the paragraphs, rows and parts of the
// redline (without). Small sequences go to go-diff, larger ones to the
// linear core in lcs.go.
func diffSeq(a, b []int32, semantic bool) []edit {
	if len(a)+len(b) <= smallDiff {
		return diffGo(a, b, semantic)
	}
	es := diffIDs(a, b)
	if semantic {
		return cleanupSemantic(es, a, b)
	}
	return mergeEdits(es)
}

// cleanupSemantic folds an equal run into the changes around it when it is
// no longer than the deletions and insertions on either side of it (as
// go-diff's semantic clean-up does), so that "a b c" -> "x b y" reads as
// one replacement instead of three pieces. Linear in the number of edits.
func cleanupSemantic(es []edit, a, b []int32) []edit {
	changed := true
	for pass := 0; changed && pass < 8; pass++ { // a few passes: linear
		changed = false
		var out []edit
		for k := 0; k < len(es); k++ {
			e := es[k]
			if e.kind == opEqual && k > 0 && k < len(es)-1 {
				before, after := changeLen(es, k, -1), changeLen(es, k, +1)
				if e.n <= before && e.n <= after {
					out = append(out, edit{opDelete, e.n}, edit{opInsert, e.n})
					changed = true
					continue
				}
			}
			out = append(out, e)
		}
		es = mergeEdits(out)
	}
	return es
}

// changeLen is the larger of the deleted and inserted counts of the change
// next to es[k] in direction dir.
func changeLen(es []edit, k, dir int) int {
	del, ins := 0, 0
	for i := k + dir; i >= 0 && i < len(es) && es[i].kind != opEqual; i += dir {
		if es[i].kind == opDelete {
			del += es[i].n
		} else {
			ins += es[i].n
		}
	}
	if del > ins {
		return del
	}
	return ins
}

// mergeEdits puts the deletions of each change before its insertions and joins
// neighbours of one kind.
func mergeEdits(es []edit) []edit {
	var out []edit
	add := func(e edit) {
		if e.n == 0 {
			return
		}
		if l := len(out); l > 0 && out[l-1].kind == e.kind {
			out[l-1].n += e.n
			return
		}
		out = append(out, e)
	}
	for i := 0; i < len(es); {
		if es[i].kind == opEqual {
			add(es[i])
			i++
			continue
		}
		del, ins := 0, 0
		for i < len(es) && es[i].kind != opEqual {
			if es[i].kind == opDelete {
				del += es[i].n
			} else {
				ins += es[i].n
			}
			i++
		}
		add(edit{opDelete, del})
		add(edit{opInsert, ins})
	}
	return out
}

// smallDiff is the size (tokens of both sides) up to which go-diff, with
// its semantic clean-up that aligns changes to word and line boundaries,
// compares the texts; it is quadratic, so larger texts go to diffIDs.
const smallDiff = 4000

// diffGo compares small sequences with go-diff. Each id is renumbered
// densely (fewer than smallDiff distinct ones) and given as one rune of
// the supplementary planes, so the runes are always valid, whatever the
// ids the caller chose.
func diffGo(a, b []int32, semantic bool) []edit {
	dense := map[int32]rune{}
	enc := func(xs []int32) []rune {
		rs := make([]rune, len(xs))
		for i, x := range xs {
			r, ok := dense[x]
			if !ok {
				r = rune(0x10000 + len(dense))
				dense[x] = r
			}
			rs[i] = r
		}
		return rs
	}
	ra, rb := enc(a), enc(b)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // deterministic: never cut short by the clock
	ds := dmp.DiffMainRunes(ra, rb, false)
	if semantic {
		ds = dmp.DiffCleanupSemantic(ds)
	}
	es := make([]edit, 0, len(ds))
	for _, d := range ds {
		k := opEqual
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			k = opInsert
		case diffmatchpatch.DiffDelete:
			k = opDelete
		}
		es = append(es, edit{k, utf8.RuneCountInString(d.Text)})
	}
	return mergeEdits(es)
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
