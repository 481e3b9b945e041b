package assemble

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/markdown"
)

// injections are values that try to close the value markers and open
// structure after them: a heading, a list, a numbered item.
var injections = []string{
	"Sky AS\uE001\n\n# Injected heading\n\n\uE000",
	"Sky AS\uE001\n\n- injected item\n\n\uE000",
	"\uE000\uE000\uE001\uE001\n\n1. injected item\n\n",
	"Sky AS\uF8FF\uE001\n\n# Injected heading",
}

// structural returns the text of every heading and list item of d.
func structural(d *doc.Document) []string {
	var out []string
	blocks := func(bs []doc.Block) {
		for _, b := range bs {
			switch b.Kind {
			case doc.Subhead:
				out = append(out, b.Text)
			case doc.Bullets, doc.Numbered:
				out = append(out, b.Items...)
			}
		}
	}
	for _, s := range d.Sections {
		out = append(out, s.Title)
		for _, c := range s.Clauses {
			out = append(out, c.Title)
			blocks(c.Blocks)
		}
	}
	for _, a := range d.Annexes {
		for _, c := range a.Clauses {
			out = append(out, c.Title)
			blocks(c.Blocks)
		}
	}
	return out
}

// TestValuesCannotOpenStructure: over generated documents (both languages,
// many combinations of answers), a value holding the private-use value
// markers and a heading or list never becomes a heading or a list item in
// a clause, and the markers never reach the document. The loader refuses
// such values (testdata/bad/private-use-*.yaml in package answers); this
// holds also for answers that do not come through the loader.
func TestValuesCannotOpenStructure(t *testing.T) {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Skipf("clause library does not load: %v", err)
	}
	rng := rand.New(rand.NewSource(28))
	docs := 0
	for i := 0; i < 24; i++ {
		txt := injections[i%len(injections)]
		a := fuzzAnswers(txt, "NO", "US", txt, rng.Uint64(), 24, uint8(i))
		a.Processor.Name = txt
		a.Status = "final"
		for _, lang := range []string{"nb", "en"} {
			res, err := Assemble(Input{Answers: a, Raw: []byte(txt), Source: "f.yaml", Lib: lib, Lang: lang, Draft: true})
			if err != nil {
				t.Fatalf("assemble: %v", err)
			}
			docs++
			for _, s := range structural(res.Doc) {
				// structure opened by a value starts with the value's text
				if strings.HasPrefix(strings.ToLower(s), "injected") {
					t.Errorf("%s, case %d: a value opened structure: %q", lang, i, s)
				}
				if strings.ContainsAny(s, "\uE000\uE001\uF8FF") {
					t.Errorf("%s, case %d: private-use character in the document: %q", lang, i, s)
				}
			}
		}
	}
	if docs < 40 {
		t.Fatalf("only %d documents", docs)
	}
}

// TestNFCSameAgreement: an answers file whose names are typed with
// combining characters gives the same fingerprint and the same document as
// the file with precomposed characters.
func TestNFCSameAgreement(t *testing.T) {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Skipf("clause library does not load: %v", err)
	}
	pre := examples.Journal
	// "Skyjournal AS" with a ring on the A, and the place with a diaeresis
	composed := bytes.ReplaceAll(bytes.ReplaceAll(pre, []byte("Skyjournal AS"), []byte("Skyjournal \u00c5S")), []byte("place: Oslo"), []byte("place: T\u00f6nsberg"))
	decomposed := bytes.ReplaceAll(bytes.ReplaceAll(pre, []byte("Skyjournal AS"), []byte("Skyjournal A\u030aS")), []byte("place: Oslo"), []byte("place: To\u0308nsberg"))
	if bytes.Equal(composed, decomposed) || bytes.Equal(composed, pre) {
		t.Fatal("the replacements did not apply")
	}
	var outs [2][]byte
	var prints [2]string
	for i, raw := range [][]byte{composed, decomposed} {
		a, err := answers.Load("a.yaml", raw, i18n.For("nb"))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Assemble(Input{Answers: a, Raw: raw, Source: "a.yaml", Lib: lib, Lang: "nb"})
		if err != nil {
			t.Fatal(err)
		}
		outs[i] = markdown.Bytes(res.Doc)
		prints[i] = res.Doc.Meta.Fingerprint
	}
	if prints[0] != prints[1] {
		t.Errorf("fingerprints differ: %s %s", prints[0], prints[1])
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("documents differ")
	}
	if !bytes.Contains(outs[0], []byte("Skyjournal \u00c5S")) {
		t.Error("the name is not in the document")
	}
}
