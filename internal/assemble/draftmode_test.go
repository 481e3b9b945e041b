package assemble

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/text"
)

// isDraftingNote reports whether a paragraph is a drafting note: the
// recognisable form «[Merknad til utfylling – ...]» / "[Drafting note – ...]".
func isDraftingNote(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "[Merknad til utfylling") || strings.HasPrefix(s, "[Drafting note")
}

// withoutDraftMarks renders the document as plain text after removing the
// watermark (doc.Draft, DraftMark) and every drafting-note paragraph.
func withoutDraftMarks(d *doc.Document) string {
	d.Draft, d.DraftMark = false, ""
	for _, c := range d.AllClauses() {
		var keep []doc.Block
		for _, b := range c.Blocks {
			if b.Kind == doc.Paragraph && isDraftingNote(b.Text) {
				continue
			}
			keep = append(keep, b)
		}
		c.Blocks = keep
	}
	return string(text.Bytes(d))
}

// TestDraftFlagKeepsFinalText is the property behind findings R6B-1 and
// R6A-1: --draft on a status: final answers file only marks the document
// as a draft and adds drafting notes; every given fact renders exactly as
// in the final agreement, and no tender wording appears.
func TestDraftFlagKeepsFinalText(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "scenarios", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join("..", "..", "examples", "journal-saas.yaml"))
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if filepath.Base(f) == "expect.yaml" {
			continue
		}
		if _, err := os.Stat(f); err != nil {
			t.Fatal(err)
		}
		a, raw := loadFile(t, f)
		if a.Status != "final" {
			continue
		}
		n++
		for _, lang := range i18n.Langs {
			final, err := Assemble(Input{Answers: a, Raw: raw, Source: "x.yaml", Lib: lib, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			draft, err := Assemble(Input{Answers: a, Raw: raw, Source: "x.yaml", Lib: lib, Lang: lang, Draft: true})
			if err != nil {
				t.Fatal(err)
			}
			if !draft.Facts.Draft || draft.Facts.Tender {
				t.Errorf("%s: --draft on a final file with a known processor: draft=%v tender=%v, want draft, not tender", f, draft.Facts.Draft, draft.Facts.Tender)
			}
			dtxt := string(text.Bytes(draft.Doc))
			for _, w := range []string{"tilbyder", "konkurranse", "tenderer", "competition"} {
				if strings.Contains(dtxt, w) {
					t.Errorf("%s %s: negotiation draft contains tender wording %q", f, lang, w)
				}
			}
			want, got := withoutDraftMarks(final.Doc), withoutDraftMarks(draft.Doc)
			if want != got {
				t.Errorf("%s %s: --draft changes the text beyond the watermark and drafting notes:\n%s", f, lang, firstDiff(want, got))
			}
		}
	}
	if n < 5 {
		t.Fatalf("only %d final scenarios found", n)
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "final: " + al[i] + "\ndraft: " + bl[i]
		}
	}
	return "length differs"
}

// TestTenderVersusNegotiationDraft: a draft with no processor is a
// tender (wording to tenderers, the open transfer position); the same
// draft with a named processor is a negotiation draft: notes addressed to
// the Parties, no competition wording.
func TestTenderVersusNegotiationDraft(t *testing.T) {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	type want struct{ has, hasNot []string }
	cases := []struct {
		name, processor, lang string
		tender                bool
		want                  want
	}{
		{"tender nb", "", "nb", true, want{has: []string{"tilbydere", "i en konkurranse før den kunngjøres"}, hasNot: []string{"Partene skal fastsette verdien før Avtalen signeres"}}},
		{"tender en", "", "en", true, want{has: []string{"tenderer", "in a competition before it is announced"}, hasNot: []string{"The Parties shall settle the value before the Agreement is signed"}}},
		{"negotiation nb", "Leverandør AS", "nb", false, want{has: []string{"Partene skal fastsette verdien før Avtalen signeres", "UTKAST"}, hasNot: []string{"tilbyder", "konkurranse", "velg ett av alternativene"}}},
		{"negotiation en", "Supplier Ltd", "en", false, want{has: []string{"The Parties shall settle the value before the Agreement is signed", "DRAFT"}, hasNot: []string{"tenderer", "competition", "choose one of the alternatives"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, raw := loadFile(t, filepath.Join("..", "..", "testdata", "scenarios", "draft-tender.yaml"))
			a.Processor.Name = c.processor
			res, err := Assemble(Input{Answers: a, Raw: raw, Source: "x.yaml", Lib: lib, Lang: c.lang})
			if err != nil {
				t.Fatal(err)
			}
			if !res.Facts.Draft || res.Facts.Tender != c.tender {
				t.Fatalf("draft=%v tender=%v, want draft and tender=%v", res.Facts.Draft, res.Facts.Tender, c.tender)
			}
			txt := strings.Join(strings.Fields(string(text.Bytes(res.Doc))), " ")
			for _, s := range c.want.has {
				if !strings.Contains(txt, s) {
					t.Errorf("missing %q", s)
				}
			}
			for _, s := range c.want.hasNot {
				if strings.Contains(txt, s) {
					t.Errorf("unexpected %q", s)
				}
			}
		})
	}
}

// TestDefaultNoteOnlyWhereValueShown: the note about a default goes only
// to a clause whose rendered text shows the value (R6B-1 point 3).
func TestDefaultNoteOnlyWhereValueShown(t *testing.T) {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	a, raw := loadFile(t, filepath.Join("..", "..", "testdata", "scenarios", "draft-tender.yaml"))
	for _, lang := range i18n.Langs {
		res, err := Assemble(Input{Answers: a, Raw: raw, Source: "x.yaml", Lib: lib, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		values := map[string]string{}
		for _, df := range res.Facts.AppliedDefaults() {
			values[df.Path] = df.Value
		}
		for _, dc := range res.Doc.AllClauses() {
			body := &doc.Clause{}
			for _, b := range dc.Blocks {
				if !isDraftingNote(b.Text) {
					body.Blocks = append(body.Blocks, b)
				}
			}
			for _, b := range dc.Blocks {
				if !isDraftingNote(b.Text) {
					continue
				}
				for p, v := range values {
					item := lz(lang).T("draft.default."+p, map[string]any{"Value": v})
					if v != "" && strings.Contains(b.Text, item) && !showsValue(body, v) {
						t.Errorf("%s %s: note names %s=%s but the clause does not show it", lang, dc.Number, p, v)
					}
				}
			}
		}
	}
}

func lz(lang string) *i18n.Localizer { return i18n.For(lang) }
