package answers

import (
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/yamlx"
)

// Free-text values and their translations (translations[], see Translation).
//
// A free-text field is one tagged dpa:"prose" in the types: text that says
// something in a language (purposes, data categories, the liability cap,
// a signatory's title), as opposed to names, addresses, numbers and codes,
// which are the same in every language. Only free-text fields are
// translated and reported (finding value-as-written).

// ProseValue is one free-text value of the answers and where it is.
type ProseValue struct {
	Path string // "processing.purposes[0]", as findings name fields
	Text string // as typed, trimmed
}

// Prose returns every free-text value that is filled in, in the order of
// the types, with its path.
func Prose(a *Answers) []ProseValue {
	var out []ProseValue
	walkProse(reflect.ValueOf(a).Elem(), "", false, false, func(path string, v reflect.Value) {
		if s := strings.TrimSpace(v.String()); s != "" {
			out = append(out, ProseValue{Path: path, Text: s})
		}
	})
	return out
}

// IsProse reports whether the field at path ("locations[].purpose",
// "processing.purposes") is a free-text field.
func IsProse(path string) bool {
	f, ok := FieldByPath(path)
	return ok && f.Prose
}

// Translator finds the form of a typed text in another language.
type Translator struct {
	from  string                 // the language the values are typed in
	pairs map[string]Translation // the from side, trimmed -> its pair
}

// NewTranslator indexes the pairs by their side in from, the language the
// values are typed in (the answers' language). The loader has made sure
// that a text is on the from side of one pair only; for answers from
// elsewhere the first pair wins.
func NewTranslator(ts []Translation, from string) *Translator {
	t := &Translator{from: from, pairs: map[string]Translation{}}
	for _, p := range ts {
		if s := strings.TrimSpace(p.side(from)); s != "" {
			if _, ok := t.pairs[s]; !ok {
				t.pairs[s] = p
			}
		}
	}
	return t
}

// side returns the pair's text in lang.
func (p Translation) side(lang string) string {
	if lang == "en" {
		return p.EN
	}
	return p.NB
}

// In returns the typed text v in lang: v itself when lang is the language
// the values are typed in, else the lang side of the pair whose typed side
// is v. ok is false when v has to be printed as written in another
// language: it is on no pair.
func (t *Translator) In(v, lang string) (string, bool) {
	if lang == t.from {
		return v, true
	}
	p, ok := t.pairs[strings.TrimSpace(v)]
	if !ok {
		return v, false
	}
	s := strings.TrimSpace(p.side(lang))
	if s == "" {
		return v, false
	}
	return s, true
}

// Has reports whether the typed text v is on some pair.
func (t *Translator) Has(v string) bool {
	_, ok := t.pairs[strings.TrimSpace(v)]
	return ok
}

// Typed is the language the values of a are typed in: its language,
// default nb.
func Typed(a *Answers) string {
	if a.Language == "en" {
		return "en"
	}
	return "nb"
}

// Translated returns a copy of a in which every free-text value that has a
// translation into lang is replaced by it. It is the one place where the
// answers' values are put into the language of a document: everything a
// document prints (clauses, annexes, title block, signatures) is built from
// the copy. a itself is not changed. In the language the values are typed
// in, or without translations, it returns a: a value is never changed in
// its own language.
func (a *Answers) Translated(lang string) *Answers {
	if len(a.Translations) == 0 || lang == Typed(a) {
		return a
	}
	tr := NewTranslator(a.Translations, Typed(a))
	b := *a
	walkProse(reflect.ValueOf(&b).Elem(), "", false, true, func(_ string, v reflect.Value) {
		if s, ok := tr.In(v.String(), lang); ok {
			v.SetString(s)
		}
	})
	return &b
}

// walkProse calls fn with every text of a free-text field under v. With
// own, every list on the way is copied first, so that fn may set values
// without changing the lists of the value v was copied from.
func walkProse(v reflect.Value, path string, prose, own bool, fn func(path string, v reflect.Value)) {
	switch v.Kind() {
	case reflect.String:
		if prose {
			fn(path, v)
		}
	case reflect.Ptr:
		if !v.IsNil() && v.Elem().Kind() == reflect.Struct {
			walkProse(v.Elem(), path, prose, own, fn)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			name := strings.Split(sf.Tag.Get("yaml"), ",")[0]
			if name == "-" {
				continue
			}
			p := name
			if path != "" {
				p = path + "." + name
			}
			walkProse(v.Field(i), p, sf.Tag.Get("dpa") == "prose", own, fn)
		}
	case reflect.Slice:
		if v.Len() == 0 {
			return
		}
		if own && v.CanSet() {
			c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			reflect.Copy(c, v)
			v.Set(c)
		}
		for i := 0; i < v.Len(); i++ {
			walkProse(v.Index(i), fmt.Sprintf("%s[%d]", path, i), prose, own, fn)
		}
	}
}

// checkTranslations enforces what the tags cannot say about
// translations[]: no side is only blanks, and a text is on the side of the
// language the values are typed in (the answers' language) of one pair
// only: a typed text with two pairs would have two translations. The other
// side may repeat (sikkerhetskopi and sikkerhetskopiering may both be
// "backup"), and both sides of a pair may be the same text (a name that
// is the same in both languages). Errors name the line and column of the
// text.
func checkTranslations(r *yamlx.Reader, root *yaml.Node, a *Answers, ui *i18n.Localizer) yamlx.Errors {
	if len(a.Translations) == 0 {
		return nil
	}
	var seq *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if deref(root.Content[i]).Value == "translations" {
			seq = deref(root.Content[i+1])
		}
	}
	if seq == nil || seq.Kind != yaml.SequenceNode || len(seq.Content) != len(a.Translations) {
		return nil
	}
	typed := Typed(a)
	if a.Language == "" {
		typed = "nb" // Load sets the default after this check
	}
	type first struct {
		path      string
		line, col int
	}
	seen := map[string]first{}
	var errs yamlx.Errors
	add := func(n *yaml.Node, path, id string, data map[string]any) {
		e := &yamlx.Error{File: r.File, Path: path, Msg: ui.T(id, data)}
		if n != nil {
			e.Line, e.Column, e.Snippet = n.Line, n.Column, r.Snippet(n.Line, n.Column)
		}
		errs = append(errs, e)
	}
	for i, p := range a.Translations {
		item := deref(seq.Content[i])
		node := func(key string) *yaml.Node {
			for j := 0; j+1 < len(item.Content); j += 2 {
				if deref(item.Content[j]).Value == key {
					return item.Content[j+1]
				}
			}
			return item
		}
		for _, lang := range []string{"nb", "en"} {
			path := fmt.Sprintf("translations[%d].%s", i, lang)
			n := node(lang)
			s := strings.TrimSpace(p.side(lang))
			if s == "" {
				add(n, path, "answers.translation_blank", nil)
				continue
			}
			if lang != typed {
				continue
			}
			if f, ok := seen[s]; ok {
				add(n, path, "answers.translation_duplicate", map[string]any{"Value": s, "First": f.path, "Line": f.line, "Column": f.col})
				continue
			}
			seen[s] = first{path: path, line: n.Line, col: n.Column}
		}
	}
	return errs
}
