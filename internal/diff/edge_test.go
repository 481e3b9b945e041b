package diff_test

import (
	"testing"

	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/doc/doctest"
)

// TestRedlineParagraphBeforeTable: a paragraph inserted or deleted whole
// directly before a table that stays cannot lose its own paragraph mark;
// accept-all and reject-all must still give B and A with no empty
// paragraph left (the mark before it and a w:pPrChange carry it).
func TestRedlineParagraphBeforeTable(t *testing.T) {
	a, b := doctest.Sample(false), doctest.Sample(false)
	a.Annexes[0].Blocks = a.Annexes[0].Blocks[1:] // no intro before the table
	b.Annexes[0].Blocks[0] = doc.Block{Kind: doc.Paragraph, Text: "Helt ny innledning uten felles ord."}
	checkRedline(t, "new paragraph before a table", a, b)
	checkRedline(t, "paragraph before a table removed", b, a)
}
