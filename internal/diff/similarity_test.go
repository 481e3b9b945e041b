package diff

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestBagSimilarity: the similarity of sorted word numbers is the
// similarity of the texts, on random texts with repeated words.
func TestBagSimilarity(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	words := []string{"a", "b", "c", "Databehandler", "skal", "S1", "Inc", "æøå"}
	text := func() string {
		var ws []string
		for k := rng.IntN(12); k > 0; k-- {
			ws = append(ws, words[rng.IntN(len(words))])
		}
		return strings.Join(ws, " ")
	}
	for n := 0; n < 2000; n++ {
		a, b := text(), text()
		ids := map[string]int32{}
		bag := func(s string) []int32 {
			var out []int32
			for _, w := range strings.Fields(s) {
				if _, ok := ids[w]; !ok {
					ids[w] = int32(len(ids))
				}
				out = append(out, ids[w])
			}
			slices.Sort(out)
			return out
		}
		if got, want := bagSimilarity(bag(a), bag(b)), similarity(a, b); got != want {
			t.Fatalf("%q vs %q: %v, want %v", a, b, got, want)
		}
	}
}
