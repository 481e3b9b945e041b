package diff

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestWordsManyDistinct: more than a million distinct words (the rune
// encoding of go-diff's line mode overflowed there: index out of range
// [-3]) give a correct redline, quickly.
func TestWordsManyDistinct(t *testing.T) {
	var a, b strings.Builder
	for i := 0; i < 600_000; i++ {
		fmt.Fprintf(&a, "a%d ", i)
		fmt.Fprintf(&b, "b%d ", i)
	}
	old, new := "Start "+a.String()+"slutt.", "Start "+b.String()+"slutt."
	start := time.Now()
	ops := Words(old, new)
	if NewText(ops) != new || OldText(ops) != old {
		t.Fatal("the redline does not give back the texts")
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("took %v", d)
	}
	// one word changed among a million distinct ones
	ops = Words(old, strings.Replace(old, " a300000 ", " endret ", 1))
	var del, ins []string
	for _, o := range ops {
		switch o.Kind {
		case Delete:
			del = append(del, o.Text)
		case Insert:
			ins = append(ins, o.Text)
		}
	}
	if strings.Join(del, "|") != "a300000" || strings.Join(ins, "|") != "endret" {
		t.Errorf("deleted %q, inserted %q", del, ins)
	}
}

// TestWordsRoundTripRandom: on many generated pairs, accepting every change
// gives the new text and rejecting every change the old.
func TestWordsRoundTripRandom(t *testing.T) {
	words := []string{"a", "b", "c", "skal", "Databehandler", "30", "dager", ".", ",", "\n", "  ", "æøå"}
	seed := uint32(1)
	rnd := func(n int) int { seed = seed*1664525 + 1013904223; return int(seed>>8) % n }
	gen := func() string {
		var sb strings.Builder
		for k := rnd(40); k > 0; k-- {
			sb.WriteString(words[rnd(len(words))])
			if rnd(2) == 0 {
				sb.WriteString(" ")
			}
		}
		return sb.String()
	}
	for i := 0; i < 5000; i++ {
		a, b := gen(), gen()
		ops := Words(a, b)
		if NewText(ops) != b || OldText(ops) != a {
			t.Fatalf("%q -> %q: %+v", a, b, ops)
		}
	}
}

// BenchmarkWordsRenamed is the word diff of two lists of 1000 and 10000
// subprocessors where every one was renamed (quadratic before: 20 s for
// the 1000 through dpa diff).
func BenchmarkWordsRenamed(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		var x, y strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&x, "- Underleverandør %d AS: drift i Norge; grunnlag: EØS\n", i)
			fmt.Fprintf(&y, "- Leverandør nr. %d Ltd: drift i Norge; grunnlag: EØS\n", i)
		}
		old, new := x.String(), y.String()
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				Words(old, new)
			}
		})
	}
}
