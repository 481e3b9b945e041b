package assemble

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/text"
	"github.com/dpa-no/dpa/internal/rules"
)

// other is the language an agreement is generated in that the values are
// not typed in.
func other(a *answers.Answers) string {
	if answers.Typed(a) == "en" {
		return "nb"
	}
	return "en"
}

// flatText is the document as text with the whitespace of line wrapping
// made single spaces.
func flatText(d *doc.Document) string {
	return strings.Join(strings.Fields(string(text.Bytes(d))), " ")
}

// checkOtherLanguage generates a in the language its values are not typed
// in and checks the class: every free-text value that has a translation is
// printed translated (the value as typed appears nowhere, unless another
// printed value contains it), and every value that has none is named by a
// value-as-written finding with its path; no finding names a value that
// was translated.
func checkOtherLanguage(t *testing.T, name string, a *answers.Answers, raw []byte) (translated, reported int) {
	t.Helper()
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	lang := other(a)
	res, err := Assemble(Input{Answers: a, Raw: raw, Source: name, Lib: lib, Lang: lang, Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	flat := flatText(res.Doc)
	// everything the document prints from the answers, after translation
	var printed []string
	walkAll(reflect.ValueOf(a.Translated(lang)).Elem(), func(s string) { printed = append(printed, strings.TrimSpace(s)) })
	reportedPaths := map[string]bool{}
	for _, f := range res.Findings {
		if f.Code == rules.CodeValueAsWritten {
			reportedPaths[f.Path] = true
		}
	}
	tr := answers.NewTranslator(a.Translations, answers.Typed(a))
	for _, v := range answers.Prose(a) {
		want, ok := tr.In(v.Text, lang)
		if !ok {
			reported++
			if !reportedPaths[v.Path] {
				t.Errorf("%s (%s): %s «%s» is printed as written and no value-as-written finding names it", name, lang, v.Path, v.Text)
			}
			continue
		}
		translated++
		if reportedPaths[v.Path] {
			t.Errorf("%s (%s): %s «%s» has a translation but is reported as written", name, lang, v.Path, v.Text)
		}
		if want == v.Text {
			continue // the same in both languages
		}
		inOther := false
		for _, p := range printed {
			if strings.Contains(p, v.Text) {
				inOther = true
			}
		}
		if !inOther && strings.Contains(flat, strings.Join(strings.Fields(v.Text), " ")) {
			t.Errorf("%s (%s): %s «%s» has the translation «%s» but is printed as typed", name, lang, v.Path, v.Text, want)
		}
	}
	return translated, reported
}

// walkAll calls fn with every text of the answers except translations[].
func walkAll(v reflect.Value, fn func(string)) {
	switch v.Kind() {
	case reflect.String:
		fn(v.String())
	case reflect.Ptr:
		if !v.IsNil() {
			walkAll(v.Elem(), fn)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() && v.Type().Field(i).Name != "Translations" {
				walkAll(v.Field(i), fn)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkAll(v.Index(i), fn)
		}
	}
}

// Every scenario and the example, generated in the language its values
// are not typed in: no value with a translation is left as typed, and
// value-as-written names every one without. The example and the
// scenarios that carry translations translate every value.
func TestScenariosInOtherLanguage(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "scenarios")
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	type input struct {
		name string
		raw  []byte
	}
	ins := []input{{examples.JournalName, examples.Journal}}
	for _, f := range files {
		if filepath.Base(f) == "expect.yaml" {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, input{filepath.Base(f), raw})
	}
	if len(ins) < 8 {
		t.Fatalf("only %d inputs", len(ins))
	}
	for _, in := range ins {
		t.Run(strings.TrimSuffix(in.name, ".yaml"), func(t *testing.T) {
			a, err := answers.Load(in.name, in.raw, i18n.For("en"))
			if err != nil {
				t.Fatal(err)
			}
			tr, rep := checkOtherLanguage(t, in.name, a, in.raw)
			if len(a.Translations) > 0 && rep > 0 {
				t.Errorf("%s carries translations but %d free-text values have none (dpa check -l %s lists them)", in.name, rep, other(a))
			}
			t.Logf("%d translated, %d reported", tr, rep)
		})
	}
}

// Property over generated answers: with pairs for a random part of the
// free-text values, every value is either printed in its translation or
// reported, in final agreements and drafts, files typed in nb and in en.
func TestTranslationsProperty(t *testing.T) {
	r := rand.New(rand.NewSource(12))
	n := 40
	if testing.Short() {
		n = 12
	}
	for i := 0; i < n; i++ {
		a := fuzzAnswers("Navn AS", pick([]string{"NO", "IE", "US", "CH", "IN"}, uint8(r.Intn(5))), pick([]string{"", "US", "NO"}, uint8(r.Intn(3))),
			"Gate 1", r.Uint64(), 1+r.Intn(72), uint8(r.Intn(8)))
		// every free-text value a distinct token, so that a value left as
		// typed is found by its text alone
		k := 0
		var pairs []answers.Translation
		setProse(reflect.ValueOf(a).Elem(), false, func(v reflect.Value) {
			k++
			if r.Intn(6) == 0 {
				v.SetString("") // not filled in: neither printed nor reported
				return
			}
			typed := fmt.Sprintf("typed%03dx", k)
			v.SetString(typed)
			if r.Intn(2) == 0 {
				p := answers.Translation{NB: typed, EN: fmt.Sprintf("other%03dx", k)}
				if a.Language == "en" {
					p.NB, p.EN = p.EN, p.NB
				}
				pairs = append(pairs, p)
			}
		})
		a.Translations = pairs
		name := fmt.Sprintf("generated-%d.yaml", i)
		tr, rep := checkOtherLanguage(t, name, a, []byte(name))
		if tr+rep == 0 {
			continue
		}
		// and in its own language nothing is translated or reported
		lib, _ := LoadLibrary("", i18n.For("en"))
		res, err := Assemble(Input{Answers: a, Raw: []byte(name), Source: name, Lib: lib, Lang: answers.Typed(a), Draft: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Findings {
			if f.Code == rules.CodeValueAsWritten {
				t.Errorf("%s: value-as-written in the typed language: %s", name, f.Path)
			}
		}
		if flat := flatText(res.Doc); strings.Contains(flat, "other") && strings.Contains(flat, "x") {
			for _, p := range pairs {
				o := p.EN
				if a.Language == "en" {
					o = p.NB
				}
				if strings.Contains(flat, o) {
					t.Errorf("%s: the translation %q is printed in the typed language", name, o)
				}
			}
		}
	}
}

// setProse calls fn with every settable text of a free-text field.
func setProse(v reflect.Value, prose bool, fn func(reflect.Value)) {
	switch v.Kind() {
	case reflect.String:
		if prose {
			fn(v)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			sf := v.Type().Field(i)
			if sf.IsExported() {
				setProse(v.Field(i), sf.Tag.Get("dpa") == "prose", fn)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			setProse(v.Index(i), prose, fn)
		}
	}
}
