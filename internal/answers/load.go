package answers

import (
	"math/big"
	"reflect"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/yamlx"
)

// SupportedFormat is the answers format this version reads.
const SupportedFormat = 1

// Load reads an answers file strictly. file names the source in errors.
// Errors are *yamlx.Error or yamlx.Errors with positions, in the UI language.
//
// What is valid is defined once, by the types of this package and their
// tags (see yamlx.Rules); Schema gives the same definition as JSON Schema.
// Text values are returned in Unicode normalization form C, so that text
// typed with combining characters is the same agreement as the precomposed
// text.
func Load(file string, data []byte, ui *i18n.Localizer) (*Answers, error) {
	return LoadFor(file, data, func(string) *i18n.Localizer { return ui })
}

// LoadFor is Load with the messages in the language that ui chooses for
// the file's own `language` ("" when the file names no supported language,
// or cannot be parsed). The file is read and parsed once: the language is
// taken from the same node tree the loader checks.
func LoadFor(file string, data []byte, ui func(fileLang string) *i18n.Localizer) (*Answers, error) {
	a, _, err := LoadTree(file, data, ui)
	return a, err
}

// LoadTree is LoadFor that also returns the parsed node tree (the root
// mapping), for LocateIn: positions without parsing the file again.
func LoadTree(file string, data []byte, ui func(fileLang string) *i18n.Localizer) (*Answers, *yaml.Node, error) {
	r := &yamlx.Reader{File: file, Data: data, UI: ui(""), Limits: yamlx.DefaultLimits, EnumAliases: enumAliases,
		UIFor: func(root *yaml.Node) *i18n.Localizer { return ui(languageOf(root)) }}
	r.Example = func(path string) string {
		// the right form from the field catalogue, in the UI language
		return ExampleOf(path, r.UI.Lang)
	}
	root, err := r.Parse()
	if err != nil {
		return nil, nil, err
	}
	u := r.UI
	if root == nil {
		return nil, nil, &yamlx.Error{File: file, Msg: u.T("answers.empty")}
	}
	if root.Kind != yaml.MappingNode {
		return nil, nil, &yamlx.Error{File: file, Line: root.Line, Column: root.Column, Msg: u.T("answers.not_mapping")}
	}
	// the format is checked first: another format's keys are not ours to judge
	var formatNode *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := deref(root.Content[i]); k.Value == "format" {
			formatNode = root.Content[i+1]
		}
	}
	if formatNode == nil {
		return nil, nil, &yamlx.Error{File: file, Line: root.Line, Column: root.Column, Path: "format", Msg: u.T("answers.format_missing", map[string]any{"Want": SupportedFormat})}
	}
	if !isOne(deref(formatNode)) {
		got := deref(formatNode).Value
		if deref(formatNode).Tag == "!!null" {
			got = `""`
		}
		e := &yamlx.Error{File: file, Path: "format", Msg: u.T("answers.format_unsupported", map[string]any{"Got": got, "Want": SupportedFormat})}
		e.Line, e.Column, e.Snippet = formatNode.Line, formatNode.Column, r.Snippet(formatNode.Line, formatNode.Column)
		return nil, nil, e
	}
	var a Answers
	if err := r.Check(root, "", &a); err != nil {
		return nil, nil, err
	}
	normalize(reflect.ValueOf(&a).Elem())
	if errs := checkTranslations(r, root, &a, r.UI); len(errs) > 0 {
		return nil, nil, errs
	}
	if a.Status == "" {
		a.Status = "final"
	}
	if a.Language == "" {
		a.Language = "nb"
	}
	return &a, root, nil
}

func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// isOne reports whether n is the number 1 (as JSON reads it: 1, 1.0).
func isOne(n *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || !yamlx.IsJSONNumber(n.Value) {
		return false
	}
	x, ok := new(big.Rat).SetString(n.Value)
	return ok && x.Cmp(big.NewRat(SupportedFormat, 1)) == 0
}

// normalize puts every text in v into NFC.
func normalize(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); !norm.NFC.IsNormalString(s) {
			v.SetString(norm.NFC.String(s))
		}
	case reflect.Ptr:
		if !v.IsNil() {
			normalize(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				normalize(v.Field(i))
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			normalize(v.Index(i))
		}
	}
}

var (
	aliasOnce sync.Once
	aliases   map[string][]string
)

// enumAliases returns the labels of an enum value in both UI languages
// (the messages "<group>.<value>", e.g. special.health = helseopplysninger),
// so that "helse" or "fagforening" gets the suggestion health or union.
func enumAliases(value string) []string {
	aliasOnce.Do(func() {
		aliases = map[string][]string{}
		for _, lang := range []string{"nb", "en"} {
			ids, err := i18n.IDs(lang)
			if err != nil {
				continue
			}
			lz := i18n.For(lang)
			for _, id := range ids {
				group, v, ok := strings.Cut(id, ".")
				if !ok || group == "" || strings.Contains(v, ".") {
					continue
				}
				aliases[v] = append(aliases[v], lz.T(id))
			}
		}
	})
	return aliases[value]
}

// languageOf is the `language` of a parsed answers file, normalised, or ""
// when it is absent, not a text, given twice or not a supported language
// (then the messages are in the default language).
func languageOf(root *yaml.Node) string {
	root = deref(root)
	if root.Kind != yaml.MappingNode {
		return ""
	}
	var v *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := deref(root.Content[i]); k.Kind == yaml.ScalarNode && k.Value == "language" {
			if v != nil {
				return ""
			}
			v = deref(root.Content[i+1])
		}
	}
	if v == nil || v.Kind != yaml.ScalarNode {
		return ""
	}
	if l, err := i18n.Normalize(v.Value); err == nil {
		return l
	}
	return ""
}
