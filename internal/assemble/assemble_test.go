package assemble

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/golden"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/render/markdown"
	"github.com/dpa-no/dpa/internal/render/text"
	"github.com/dpa-no/dpa/internal/rules"
)

func TestParseBlocks(t *testing.T) {
	v := func(s string) string { return T{V: s}.String() }
	cases := []struct {
		name, in string
		want     []doc.Block
	}{
		{"paragraphs", "One\ntwo.\n\nThree.\n", []doc.Block{{Kind: doc.Paragraph, Text: "One two."}, {Kind: doc.Paragraph, Text: "Three."}}},
		{"bullets and continuation", "Intro:\n\n- a\n  more\n- b\n\nEnd.", []doc.Block{{Kind: doc.Paragraph, Text: "Intro:"}, {Kind: doc.Bullets, Items: []string{"a more", "b"}}, {Kind: doc.Paragraph, Text: "End."}}},
		{"numbered", "1. first\n2. second\n", []doc.Block{{Kind: doc.Numbered, Items: []string{"first", "second"}}}},
		{"subheading", "# Logs\nText.", []doc.Block{{Kind: doc.Subhead, Text: "Logs"}, {Kind: doc.Paragraph, Text: "Text."}}},
		{"blank lines from actions collapse", "\n\n  \nA\n\n\n\nB\n\n", []doc.Block{{Kind: doc.Paragraph, Text: "A"}, {Kind: doc.Paragraph, Text: "B"}}},
		{"value cannot create a list", v("- not a list\n\n# nor a heading") + " tail", []doc.Block{{Kind: doc.Paragraph, Text: "- not a list # nor a heading tail"}}},
		{"value at start of line is text", "x\n" + v("1. no"), []doc.Block{{Kind: doc.Paragraph, Text: "x 1. no"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ParseBlocks(c.in)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %#v\nwant %#v", got, c.want)
			}
		})
	}
}

func example(t testing.TB) *answers.Answers {
	a, err := answers.Load("journal-saas.yaml", examples.Journal, i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// loadFile reads and loads an answers file, failing the test on an error.
func loadFile(t testing.TB, file string) (*answers.Answers, []byte) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return loadBytes(t, file, data), data
}

// loadBytes loads answers from data, named file in messages.
func loadBytes(t testing.TB, file string, data []byte) *answers.Answers {
	t.Helper()
	a, err := answers.Load(file, data, i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func build(t testing.TB, a *answers.Answers, raw []byte, lang string) *Result {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Assemble(Input{Answers: a, Raw: raw, Source: "x.yaml", Lib: lib, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestExampleGolden(t *testing.T) {
	for _, lang := range i18n.Langs {
		res := build(t, example(t), examples.Journal, lang)
		for _, x := range res.Findings {
			if x.Severity == rules.Error {
				t.Errorf("example has error finding %s %s: %s", x.Code, x.Path, x.Message)
			}
		}
		for ext, got := range map[string][]byte{"md": markdown.Bytes(res.Doc), "txt": text.Bytes(res.Doc)} {
			golden.Check(t, filepath.Join("testdata", "example."+lang+"."+ext), got)
		}
	}
}

func TestAnswerValuesAreData(t *testing.T) {
	a := example(t)
	a.Controller.Name = "{{ .Processor.Name }} - \n\n# x"
	a.Service.Name = "{{template \"x\"}}"
	res := build(t, a, []byte("x"), "nb")
	txt := string(text.Bytes(res.Doc))
	if !strings.Contains(txt, "{{ .Processor.Name }} - # x") {
		t.Error("controller name not printed literally")
	}
	if !strings.Contains(txt, `{{template "x"}}`) {
		t.Error("service name not printed literally")
	}
	if strings.ContainsAny(txt, "\uE000\uE001") {
		t.Error("value markers leaked into the document")
	}
}

func TestDraftBlanks(t *testing.T) {
	a := example(t)
	a.Status = "draft"
	a.Processor = answers.Processor{}
	for lang, blank := range map[string]string{"nb": "[Databehandlers navn]", "en": "[Processor name]"} {
		res := build(t, a, []byte("x"), lang)
		if !res.Doc.Draft || res.Doc.DraftMark == "" {
			t.Errorf("%s: draft mark missing", lang)
		}
		if !strings.Contains(string(text.Bytes(res.Doc)), blank) {
			t.Errorf("%s: blank %q missing", lang, blank)
		}
	}
	// a final agreement never shows a blank
	res := build(t, example(t), examples.Journal, "nb")
	if strings.Contains(string(text.Bytes(res.Doc)), "[") {
		i := strings.Index(string(text.Bytes(res.Doc)), "[")
		t.Errorf("final agreement shows a blank: %q", string(text.Bytes(res.Doc))[i:i+60])
	}
}

func TestLanguageParity(t *testing.T) {
	nb := build(t, example(t), examples.Journal, "nb").Doc
	en := build(t, example(t), examples.Journal, "en").Doc
	if len(nb.Meta.Clauses) != len(en.Meta.Clauses) {
		t.Fatalf("clause count nb %d en %d", len(nb.Meta.Clauses), len(en.Meta.Clauses))
	}
	nc, ec := nb.AllClauses(), en.AllClauses()
	for i := range nc {
		if nc[i].ID != ec[i].ID || nc[i].Number != ec[i].Number {
			t.Errorf("clause %d: nb %s %s, en %s %s", i, nc[i].Number, nc[i].ID, ec[i].Number, ec[i].ID)
			continue
		}
		if len(nc[i].Blocks) != len(ec[i].Blocks) {
			t.Errorf("clause %s: nb has %d blocks, en %d", nc[i].ID, len(nc[i].Blocks), len(ec[i].Blocks))
			continue
		}
		for j := range nc[i].Blocks {
			if nc[i].Blocks[j].Kind != ec[i].Blocks[j].Kind || len(nc[i].Blocks[j].Items) != len(ec[i].Blocks[j].Items) {
				t.Errorf("clause %s block %d: nb %s/%d, en %s/%d", nc[i].ID, j, nc[i].Blocks[j].Kind, len(nc[i].Blocks[j].Items), ec[i].Blocks[j].Kind, len(ec[i].Blocks[j].Items))
			}
		}
	}
}

func TestDeterministicAndFingerprint(t *testing.T) {
	a := build(t, example(t), examples.Journal, "nb").Doc
	b := build(t, example(t), examples.Journal, "nb").Doc
	if string(markdown.Bytes(a)) != string(markdown.Bytes(b)) {
		t.Error("two builds differ")
	}
	if a.Meta.Fingerprint != Fingerprint(examples.Journal, a.Meta.LibraryVersion) || len(a.Meta.FingerprintShort) != 12 {
		t.Error("fingerprint")
	}
	if a.Meta.Date != "2026-11-22" {
		t.Errorf("date %q", a.Meta.Date)
	}
}

func BenchmarkExampleMarkdown(b *testing.B) {
	ui := i18n.For("en")
	lib, err := LoadLibrary("", ui)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		a, err := answers.Load("journal-saas.yaml", examples.Journal, ui)
		if err != nil {
			b.Fatal(err)
		}
		res, err := Assemble(Input{Answers: a, Raw: examples.Journal, Lib: lib, Lang: "nb", UI: ui})
		if err != nil {
			b.Fatal(err)
		}
		_ = markdown.Bytes(res.Doc)
	}
}

// TestEmbeddedTemplates: every clause body of the embedded library executes
// in both languages. LoadLibrary skips this check at start-up for the
// compiled snapshot, so this test is what guarantees it.
func TestEmbeddedTemplates(t *testing.T) {
	lib, err := library.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckTemplates(lib); err != nil {
		t.Fatal(err)
	}
}
