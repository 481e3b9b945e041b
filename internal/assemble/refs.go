package assemble

import (
	"regexp"
	"strings"

	"github.com/dpa-no/dpa/internal/doc"
)

// Reference markers: {{ref "id"}} in a clause template, the clause numbers
// in generated annex text and the annex letters a clause text names are
// written as refOpen id refSep number refClose while the document is built,
// and turned into doc.Ref spans (with the markers removed) at the end, so
// the text every renderer prints is unchanged and the DOCX can link it.
const (
	refOpen  = '\uE002'
	refSep   = '\uE003'
	refClose = '\uE004'
)

// refMark wraps the printed number of clause id in reference markers.
func refMark(id, number string) string { return refMarkKind(doc.RefClause, id, number) }

// refMarkKind wraps the printed number of a target of kind (doc.RefClause,
// doc.RefSection, doc.RefAnnex) in reference markers.
func refMarkKind(kind, id, number string) string {
	return string(refOpen) + kind + ":" + id + string(refSep) + number + string(refClose)
}

// stripRefs removes reference markers from s and returns the spans.
func stripRefs(s string) (string, []doc.Ref) {
	if !strings.ContainsRune(s, refOpen) {
		return s, nil
	}
	var b strings.Builder
	var refs []doc.Ref
	for {
		i := strings.IndexRune(s, refOpen)
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		rest := s[i+len(string(refOpen)):]
		j := strings.IndexRune(rest, refSep)
		k := strings.IndexRune(rest, refClose)
		if j < 0 || k < j {
			// a broken marker: drop the marker rune, keep the text
			s = rest
			continue
		}
		kind, id, _ := strings.Cut(rest[:j], ":")
		num := rest[j+len(string(refSep)) : k]
		start := b.Len()
		b.WriteString(num)
		if num != "" {
			refs = append(refs, doc.Ref{Start: start, End: b.Len(), Kind: kind, Target: id})
		}
		s = rest[k+len(string(refClose)):]
	}
	return b.String(), refs
}

// extractRefs turns the reference markers of every block into spans.
func extractRefs(bs []doc.Block) {
	for i := range bs {
		b := &bs[i]
		b.Text, b.Refs = stripRefs(b.Text)
		var items [][]doc.Ref
		for j := range b.Items {
			var rs []doc.Ref
			b.Items[j], rs = stripRefs(b.Items[j])
			if rs != nil {
				if items == nil {
					items = make([][]doc.Ref, len(b.Items))
				}
				items[j] = rs
			}
		}
		b.ItemRefs = items
		if t := b.Table; t != nil {
			for j := range t.Header {
				t.Header[j], _ = stripRefs(t.Header[j])
			}
			t.Refs = nil
			for r := range t.Rows {
				for c := range t.Rows[r] {
					var rs []doc.Ref
					t.Rows[r][c], rs = stripRefs(t.Rows[r][c])
					for _, x := range rs {
						t.Refs = append(t.Refs, doc.CellRef{Row: r, Col: c, Ref: x})
					}
				}
			}
		}
	}
}

// annexWords are the words that name an annex in clause texts.
var annexRef = regexp.MustCompile(`\b(?:[Vv]edlegg(?:ene)?|[Aa]nnex(?:es)?)((?:(?:\s*,\s*|\s+(?:og|and|or|eller)\s+|\s+)[A-Z]\b)+)`)

var annexLetter = regexp.MustCompile(`\b[A-Z]\b`)

// markAnnexRefs wraps the letters in "vedlegg B og C" / "annex B" of
// template text (never inside a value from the answers) in reference
// markers, for the annexes of letters (letter -> annex id).
func markAnnexRefs(s string, letters map[string]string) string {
	if !strings.ContainsAny(s, "VvAa") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	depth := 0
	seg := 0
	flush := func(end int) {
		part := s[seg:end]
		// every match of annexRef holds "edlegg" or "nnex": the many short
		// pieces between values (a list of 14,000 subprocessors) skip the
		// regular expression
		if depth > 0 || !strings.Contains(part, "edlegg") && !strings.Contains(part, "nnex") {
			b.WriteString(part)
			return
		}
		b.WriteString(annexRef.ReplaceAllStringFunc(part, func(m string) string {
			sub := annexRef.FindStringSubmatchIndex(m)
			head, tail := m[:sub[2]], m[sub[2]:]
			return head + annexLetter.ReplaceAllStringFunc(tail, func(l string) string {
				if id, ok := letters[l]; ok {
					return refMarkKind(doc.RefAnnex, id, l)
				}
				return l
			})
		}))
	}
	for i, r := range s {
		if r == mOpen || r == mClose {
			flush(i)
			b.WriteRune(r)
			seg = i + len(string(r))
			if r == mOpen {
				depth++
			} else if depth > 0 {
				depth--
			}
		}
	}
	flush(len(s))
	return b.String()
}
