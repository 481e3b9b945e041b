package assemble

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/text"
)

// TestTrace: for every scenario and language the agreement has no
// traceability annex, and the trace document lists every applicable
// requirement with the clause numbers that cover it and every clause of
// the agreement with its id@version, under the agreement's fingerprint.
func TestTrace(t *testing.T) {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "scenarios", "*.yaml"))
	files = append(files, filepath.Join("..", "..", "examples", "journal-saas.yaml"))
	n := 0
	for _, file := range files {
		if filepath.Base(file) == "expect.yaml" {
			continue
		}
		a, data := loadFile(t, file)
		for _, lang := range i18n.Langs {
			res, err := Assemble(Input{Answers: a, Raw: data, Source: file, Lib: lib, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			n++
			lz := i18n.For(lang)
			agreement := string(text.Bytes(res.Doc))
			for _, s := range []string{lz.T("trace.title"), lz.T("annex.f.h.version"), "annex-f"} {
				if strings.Contains(agreement, s) {
					t.Errorf("%s %s: the agreement still carries traceability text %q", file, lang, s)
				}
			}
			for _, an := range res.Doc.Annexes {
				if an.ID == "annex-f" {
					t.Errorf("%s %s: annex F is still part of the agreement", file, lang)
				}
			}
			tr := Trace(res, res.Doc)
			if tr.Meta.Fingerprint != res.Doc.Meta.Fingerprint || tr.Lang != lang {
				t.Errorf("%s %s: trace fingerprint/lang %s/%s", file, lang, tr.Meta.Fingerprint, tr.Lang)
			}
			reqRows := map[string][]string{}
			idRows := map[string]string{}
			for _, c := range tr.AllClauses() {
				for _, b := range c.Blocks {
					if b.Kind != doc.TableKind {
						continue
					}
					for _, r := range b.Table.Rows {
						if len(r) == 4 {
							reqRows[r[0]] = r
						} else if len(r) == 3 {
							idRows[r[2]] = r[0]
						}
					}
				}
			}
			for _, c := range res.Coverage {
				row, ok := reqRows[c.Key]
				if c.Applicable != ok {
					t.Errorf("%s %s: requirement %s applicable=%v, in trace=%v", file, lang, c.Key, c.Applicable, ok)
					continue
				}
				if ok && row[2] != strings.Join(c.Clauses, ", ") {
					t.Errorf("%s %s: %s clauses %q, coverage %v", file, lang, c.Key, row[2], c.Clauses)
				}
			}
			all := res.Doc.AllClauses()
			if len(idRows) != len(all) {
				t.Errorf("%s %s: trace lists %d clauses, the agreement has %d", file, lang, len(idRows), len(all))
			}
			for _, c := range all {
				if num, ok := idRows[c.ID+"@"+strconv.Itoa(c.Version)]; !ok || num != c.Number {
					t.Errorf("%s %s: clause %s@%d (%s) missing or misnumbered in the trace (%q)", file, lang, c.ID, c.Version, c.Number, num)
				}
			}
			if !strings.Contains(string(text.Bytes(tr)), res.Doc.Meta.FingerprintShort) {
				t.Errorf("%s %s: the trace text does not show the fingerprint", file, lang)
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d agreements traced", n)
	}
}

// TestCheckOnceRenderPerLanguage: one Check rendered in both languages
// gives exactly the documents of a full Assemble per language, and the
// check (findings, numbering) is not repeated per language.
func TestCheckOnceRenderPerLanguage(t *testing.T) {
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join("..", "..", "examples", "journal-saas.yaml")
	a, data := loadFile(t, file)
	res, err := Check(Input{Answers: a, Raw: data, Source: file, Lib: lib, UI: i18n.For("nb")})
	if err != nil {
		t.Fatal(err)
	}
	nums := Numbers(res)
	for _, lang := range i18n.Langs {
		d, err := res.Render(lang)
		if err != nil {
			t.Fatal(err)
		}
		full, err := Assemble(Input{Answers: a, Raw: data, Source: file, Lib: lib, Lang: lang, UI: i18n.For("nb")})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(text.Bytes(d)), string(text.Bytes(full.Doc)); got != want {
			t.Errorf("%s: Render after one Check differs from Assemble", lang)
		}
		if d.Lang != lang {
			t.Errorf("rendered %s, asked for %s", d.Lang, lang)
		}
	}
	if len(nums) == 0 || len(nums) != len(res.Selected) {
		t.Errorf("numbering: %d numbers for %d clauses", len(nums), len(res.Selected))
	}
}
