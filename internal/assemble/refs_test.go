package assemble

import (
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/doc"
)

func TestStripRefs(t *testing.T) {
	s, refs := stripRefs("jf. punkt " + refMark("exit-plan", "12.3") + " og vedlegg " + refMarkKind(doc.RefAnnex, "subprocessors", "B") + ".")
	if s != "jf. punkt 12.3 og vedlegg B." {
		t.Fatalf("text %q", s)
	}
	if len(refs) != 2 || s[refs[0].Start:refs[0].End] != "12.3" || refs[0].Target != "exit-plan" || refs[0].Kind != doc.RefClause || refs[1].Kind != doc.RefAnnex || s[refs[1].Start:refs[1].End] != "B" || refs[1].Target != "subprocessors" {
		t.Fatalf("refs %+v", refs)
	}
	if s, refs := stripRefs("broken \uE002x"); s != "broken x" || refs != nil {
		t.Errorf("broken marker: %q %v", s, refs)
	}
	letters := map[string]string{"B": "subprocessors", "C": "locations"}
	got := markAnnexRefs("står i vedlegg B og C; se Annexes B, C and "+string(mOpen)+"vedlegg B"+string(mClose), letters)
	plain, refs := stripRefs(got)
	if len(refs) != 4 || plain != "står i vedlegg B og C; se Annexes B, C and "+string(mOpen)+"vedlegg B"+string(mClose) {
		t.Errorf("annex refs: %q %+v", plain, refs)
	}
}

// checkRefs checks that every reference of d names a heading of d and spans
// exactly its number, that no marker is left in any text, and counts them.
func checkRefs(t *testing.T, d *doc.Document) (clauseRefs, annexRefs int) {
	t.Helper()
	nums := map[string]string{}
	for _, s := range d.Sections {
		nums[doc.RefSection+":"+s.ID] = s.Number
	}
	for _, c := range d.AllClauses() {
		nums[doc.RefClause+":"+c.ID] = c.Number
	}
	for _, a := range d.Annexes {
		nums[doc.RefAnnex+":"+a.ID] = a.Letter
	}
	one := func(where, text string, refs []doc.Ref) {
		if strings.ContainsAny(text, "\uE002\uE003\uE004") {
			t.Errorf("%s: marker left in %q", where, text)
		}
		for _, r := range refs {
			n, ok := nums[r.Kind+":"+r.Target]
			if !ok {
				t.Errorf("%s: ref to %q, not in the document", where, r.Target)
				continue
			}
			if r.Start < 0 || r.End > len(text) || r.Start >= r.End || text[r.Start:r.End] != n {
				t.Errorf("%s: ref %+v does not span %q in %q", where, r, n, text)
			}
			if r.Kind == doc.RefAnnex {
				annexRefs++
			} else {
				clauseRefs++
			}
		}
	}
	blocks := func(where string, bs []doc.Block) {
		for _, b := range bs {
			one(where, b.Text, b.Refs)
			for i, it := range b.Items {
				var rs []doc.Ref
				if b.ItemRefs != nil {
					rs = b.ItemRefs[i]
				}
				one(where, it, rs)
			}
			if b.Table != nil {
				by := map[[2]int][]doc.Ref{}
				for _, r := range b.Table.Refs {
					by[[2]int{r.Row, r.Col}] = append(by[[2]int{r.Row, r.Col}], r.Ref)
				}
				for i, row := range b.Table.Rows {
					for j, c := range row {
						one(where, c, by[[2]int{i, j}])
					}
				}
			}
		}
	}
	for _, c := range d.AllClauses() {
		blocks(c.ID, c.Blocks)
	}
	for _, a := range d.Annexes {
		blocks(a.ID, a.Blocks)
	}
	return
}

func TestExampleRefs(t *testing.T) {
	for _, lang := range []string{"nb", "en"} {
		res := build(t, example(t), nil, lang)
		c, a := checkRefs(t, res.Doc)
		if c < 10 || a < 5 {
			t.Errorf("%s: %d clause and %d annex references; expected many of both", lang, c, a)
		}
	}
}
