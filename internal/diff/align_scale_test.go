package diff

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/docx"
)

// checkSteps fails unless steps align a with b: every index of each side
// once and in order, kept steps only between equal keys, and the
// deletions of a run of changes before its insertions.
func checkSteps(t *testing.T, a, b []string, steps []step) {
	t.Helper()
	i, j := 0, 0
	inserting := false
	for n, s := range steps {
		switch {
		case s.i >= 0 && s.j >= 0:
			if s.i != i || s.j != j {
				t.Fatalf("step %d: kept (%d,%d), want (%d,%d)", n, s.i, s.j, i, j)
			}
			if a[s.i] != b[s.j] {
				t.Fatalf("step %d: %q kept as %q", n, a[s.i], b[s.j])
			}
			i, j, inserting = i+1, j+1, false
		case s.j < 0:
			if s.i != i {
				t.Fatalf("step %d: deletes %d, want %d", n, s.i, i)
			}
			if inserting {
				t.Fatalf("step %d: a deletion after an insertion in one change", n)
			}
			i++
		default:
			if s.j != j || s.i != -1 {
				t.Fatalf("step %d: inserts %d, want %d", n, s.j, j)
			}
			j, inserting = j+1, true
		}
	}
	if i != len(a) || j != len(b) {
		t.Fatalf("steps cover %d of %d and %d of %d", i, len(a), j, len(b))
	}
}

// TestAlignManyDistinct: the paragraph, row and part alignment of the
// redline with more than 1.2 million distinct keys. Each key was a rune
// from U+10000 on, so keys past the millionth were not valid runes: go-diff
// turned them into U+FFFD and two different paragraphs were "kept" as
// each other.
func TestAlignManyDistinct(t *testing.T) {
	const n = 1_250_000
	a := make([]string, n)
	for i := range a {
		a[i] = fmt.Sprintf("p%d", i)
	}
	b := append([]string(nil), a...)
	// changes past the millionth key, where the runes ran out, and a few
	// before it
	changed := 0
	for _, at := range []int{10, 500_000, 1_100_000, 1_150_000, 1_200_000, 1_249_999} {
		b[at] = fmt.Sprintf("q%d", at)
		changed++
	}
	b = append(b[:1_180_000], append([]string{"inn1", "inn2"}, b[1_180_000:]...)...)
	steps := align(a, b)
	checkSteps(t, a, b, steps)
	kept := 0
	for _, s := range steps {
		if s.i >= 0 && s.j >= 0 {
			kept++
		}
	}
	if kept != n-changed {
		t.Errorf("kept %d, want %d", kept, n-changed)
	}
}

// TestAlignRandom: the alignment of generated key sequences, small ones
// (the go-diff path) and large ones (the linear core).
func TestAlignRandom(t *testing.T) {
	seed := uint32(7)
	rnd := func(n int) int { seed = seed*1664525 + 1013904223; return int(seed>>8) % n }
	gen := func(n, alpha int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprint(rnd(alpha))
		}
		return out
	}
	for k := 0; k < 2000; k++ {
		a, b := gen(rnd(30), 1+rnd(10)), gen(rnd(30), 1+rnd(10))
		checkSteps(t, a, b, align(a, b))
	}
	for k := 0; k < 20; k++ {
		a := gen(3000+rnd(3000), 50+rnd(5000))
		b := append([]string(nil), a...)
		for e := rnd(200); e > 0; e-- {
			p := rnd(len(b))
			switch rnd(3) {
			case 0:
				b[p] = fmt.Sprint("x", rnd(100))
			case 1:
				b = append(b[:p], b[p+1:]...)
			default:
				b = append(b[:p], append([]string{fmt.Sprint("y", rnd(100))}, b[p:]...)...)
			}
		}
		checkSteps(t, a, b, align(a, b))
	}
}

// TestRunsManyFields: a paragraph with more distinct fields than the
// private use plane had characters for (each field was one character from
// U+100000 on; past 65,536 fields they were no longer valid runes and
// all became U+FFFD, one token, so different fields were "kept" as each
// other). Rejecting all changes must give the old runs back.
func TestRunsManyFields(t *testing.T) {
	const n = 70_000
	var a, b []docx.Run
	for i := 0; i < n; i++ {
		a = append(a, docx.Run{Text: "se "}, docx.Run{Field: fmt.Sprintf("REF _Ref%d \\h", i), Text: fmt.Sprint(i)})
		f := i
		if i >= 66_000 && i%100 == 0 {
			f = i + 1_000_000 // another field, past the plane
		}
		b = append(b, docx.Run{Text: "se "}, docx.Run{Field: fmt.Sprintf("REF _Ref%d \\h", f), Text: fmt.Sprint(f)})
	}
	m := &merger{ch: &docx.Change{Author: "t"}, keep: map[string]bool{}}
	out := m.runs(a, b)
	side := func(rs []docx.Run, accept bool) string {
		var sb strings.Builder
		for _, r := range rs {
			if (accept && r.Del != nil) || (!accept && r.Ins != nil) {
				continue
			}
			if r.Field != "" {
				sb.WriteString("{" + r.Field + "|" + r.Text + "}")
			} else {
				sb.WriteString(r.Text)
			}
		}
		return sb.String()
	}
	if side(out, true) != side(b, true) {
		t.Error("accepting all does not give the new paragraph")
	}
	if side(out, false) != side(a, false) {
		t.Error("rejecting all does not give the old paragraph")
	}
}
