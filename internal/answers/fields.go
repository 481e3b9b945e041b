package answers

import (
	_ "embed"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// The field catalogue: what every field of the answers file means, in plain
// words, in nb and en. The fields themselves (names, types, enums, limits)
// come from the Go types above by reflection; fields.yaml adds only what a
// person needs to understand them. One definition per fact: the docs
// (docs/answers.md), the init templates, the web interview and the type
// errors all read this.
//
//go:embed fields.yaml
var fieldsYAML []byte

// Text is a text in both languages. In fields.yaml it is written as
// {nb: ..., en: ...}, or as one scalar that is the same in both.
type Text struct {
	NB string `yaml:"nb" json:"nb"`
	EN string `yaml:"en" json:"en"`
}

// In returns the text in lang (nb or en; anything else gives nb).
func (t Text) In(lang string) string {
	if lang == "en" {
		if t.EN != "" {
			return t.EN
		}
		return t.NB
	}
	if t.NB != "" {
		return t.NB
	}
	return t.EN
}

// Empty reports whether the text is empty in both languages.
func (t Text) Empty() bool { return t.NB == "" && t.EN == "" }

// UnmarshalYAML accepts a scalar (both languages) or a {nb, en} mapping.
func (t *Text) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		t.NB, t.EN = n.Value, n.Value
		return nil
	}
	type plain Text
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*t = Text(p)
	return nil
}

// Value explains one allowed value of an enum field.
type Value struct {
	Value string `json:"value"`
	Label Text   `json:"label"`
	Help  Text   `json:"help"`
}

// Field is one field of the answers file: what the types say about it,
// joined with its catalogue entry.
type Field struct {
	// Path in the file: "service.model", "subprocessors[].transfer_basis".
	Path string `json:"path"`
	// Key is the last part of the path ("transfer_basis").
	Key string `json:"key"`
	// Parent is the path of the enclosing object ("" at the top).
	Parent string `json:"parent,omitempty"`
	// Depth is 0 for top-level keys.
	Depth int `json:"depth"`
	// Kind: object, list_of_objects, list_of_strings, string, date, country,
	// integer, boolean.
	Kind string `json:"kind"`
	// Enum lists the allowed values in the order of the type (empty: free).
	Enum []string `json:"enum,omitempty"`
	// Min and Max bound integers (nil: no bound).
	Min *int `json:"min,omitempty"`
	Max *int `json:"max,omitempty"`
	// MinItems is the least number of list items (0: none).
	MinItems int `json:"min_items,omitempty"`
	// Pattern is the regular expression of the type, if any.
	Pattern string `json:"pattern,omitempty"`
	// Default is the default the type declares ("" if none); DefaultText
	// explains a default that depends on other answers.
	Default     string `json:"default,omitempty"`
	DefaultText Text   `json:"default_text,omitempty"`
	// Optional pointer fields: an omitted value and false/0 differ.
	Pointer bool `json:"pointer,omitempty"`
	// Prose: a free-text field (tag dpa:"prose") whose values are printed
	// in their translation (translations[]) or reported as written.
	Prose bool `json:"prose,omitempty"`

	Label   Text    `json:"label"`
	Help    Text    `json:"help"`
	Source  string  `json:"source,omitempty"`
	Example Text    `json:"example,omitempty"`
	Values  []Value `json:"values,omitempty"`
	// Legal: the value has legal effect (init templates say it is a choice).
	Legal bool `json:"legal,omitempty"`

	// GoType is "Terms.BreachNoticeHours": the Go struct and field.
	GoType string `json:"go_type"`
	// TypeKey is the type-level catalogue key ("Contact.name") that an
	// entry may use instead of the path for a type used in several places.
	TypeKey string `json:"-"`
}

// entry is one catalogue entry in fields.yaml.
type entry struct {
	Label   Text            `yaml:"label"`
	Help    Text            `yaml:"help"`
	Source  string          `yaml:"source"`
	Example Text            `yaml:"example"`
	Default Text            `yaml:"default"`
	Legal   bool            `yaml:"legal"`
	Values  map[string]vent `yaml:"values"`
}

type vent struct {
	Label Text `yaml:"label"`
	Help  Text `yaml:"help"`
}

var (
	fieldsOnce sync.Once
	fields     []Field
	byPath     map[string]int
	catalogue  map[string]entry
	fieldsErr  error
)

func loadFields() {
	catalogue = map[string]entry{}
	dec := yaml.NewDecoder(strings.NewReader(string(fieldsYAML)))
	dec.KnownFields(true)
	if err := dec.Decode(&catalogue); err != nil {
		fieldsErr = fmt.Errorf("internal/answers/fields.yaml: %w", err)
	}
	fields = Walk()
	byPath = map[string]int{}
	for i := range fields {
		f := &fields[i]
		byPath[f.Path] = i
		e, ok := catalogue[f.Path]
		if !ok {
			e = catalogue[f.TypeKey]
		}
		f.Label, f.Help, f.Source, f.Example, f.DefaultText, f.Legal = e.Label, e.Help, e.Source, e.Example, e.Default, e.Legal
		for _, v := range f.Enum {
			ve := e.Values[v]
			f.Values = append(f.Values, Value{Value: v, Label: ve.Label, Help: ve.Help})
		}
	}
}

// Fields returns every field of the answers file, in the order of the
// types (a parent before its children), joined with the catalogue.
func Fields() []Field {
	fieldsOnce.Do(loadFields)
	return fields
}

// FieldByPath returns the field at path. Indexes are ignored:
// "subprocessors[2].country" and "subprocessors[].country" are the same.
func FieldByPath(path string) (Field, bool) {
	fieldsOnce.Do(loadFields)
	i, ok := byPath[StripIndexes(path)]
	if !ok {
		return Field{}, false
	}
	return fields[i], true
}

// StripIndexes turns "subprocessors[2].country" into "subprocessors[].country".
func StripIndexes(path string) string {
	if !strings.Contains(path, "[") {
		return path
	}
	var b strings.Builder
	skip := false
	for _, r := range path {
		switch {
		case r == '[':
			skip = true
			b.WriteRune(r)
		case r == ']':
			skip = false
			b.WriteRune(r)
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CatalogueProblems lists what is wrong with fields.yaml against the types:
// fields without an entry (with the YAML to add), entries that name no
// field, enum values without an explanation and explanations of values
// that are not allowed. Empty when the catalogue is complete.
func CatalogueProblems() []string {
	fs := Fields()
	var out []string
	if fieldsErr != nil {
		out = append(out, fieldsErr.Error())
	}
	used := map[string]bool{}
	for _, f := range fs {
		key := f.Path
		e, ok := catalogue[f.Path]
		if !ok {
			if e, ok = catalogue[f.TypeKey]; ok {
				key = f.TypeKey
			}
		}
		if !ok {
			out = append(out, missingEntry(f))
			continue
		}
		used[key] = true
		for _, t := range []struct {
			name string
			t    Text
		}{{"label", e.Label}, {"help", e.Help}} {
			if t.t.NB == "" || t.t.EN == "" {
				out = append(out, fmt.Sprintf("internal/answers/fields.yaml: %s: %s needs both nb and en", key, t.name))
			}
		}
		for _, v := range f.Enum {
			ve, ok := e.Values[v]
			if !ok || ve.Label.NB == "" || ve.Label.EN == "" || ve.Help.NB == "" || ve.Help.EN == "" {
				out = append(out, fmt.Sprintf("internal/answers/fields.yaml: %s: value %q needs label and help in nb and en:\n    values:\n      %s:\n        label: {nb: \"...\", en: \"...\"}\n        help: {nb: \"...\", en: \"...\"}", key, v, yamlKey(v)))
			}
		}
		for v := range e.Values {
			if !contains(f.Enum, v) {
				out = append(out, fmt.Sprintf("internal/answers/fields.yaml: %s: value %q is not allowed by the type (%s); allowed: %s", key, v, f.GoType, strings.Join(f.Enum, ", ")))
			}
		}
	}
	var extra []string
	for k := range catalogue {
		if !used[k] {
			if _, isPath := byPath[k]; !isPath {
				extra = append(extra, k)
			}
		}
	}
	sort.Strings(extra)
	for _, k := range extra {
		out = append(out, fmt.Sprintf("internal/answers/fields.yaml: entry %q names no field of the answers types (renamed or removed? fields are added, never renamed)", k))
	}
	return out
}

func yamlKey(v string) string {
	if v == "" {
		return `""`
	}
	return v
}

func missingEntry(f Field) string {
	var b strings.Builder
	fmt.Fprintf(&b, "internal/answers/fields.yaml has no entry for the field %s (%s, %s). Add:\n\n", f.Path, f.GoType, f.Kind)
	fmt.Fprintf(&b, "%s:\n  label: {nb: \"...\", en: \"...\"}\n  help:\n    nb: \"what it means and why it matters, in plain words\"\n    en: \"...\"\n  source: \"Normen cloud guide 3.2 / GDPR art. 28(3)(x)\"\n", f.Path)
	if f.Kind != "object" && f.Kind != "list_of_objects" {
		fmt.Fprintf(&b, "  example: {nb: '...', en: '...'}   # the value as written in YAML\n")
	}
	if len(f.Enum) > 0 {
		b.WriteString("  values:\n")
		for _, v := range f.Enum {
			fmt.Fprintf(&b, "    %s:\n      label: {nb: \"...\", en: \"...\"}\n      help: {nb: \"...\", en: \"...\"}\n", yamlKey(v))
		}
	}
	fmt.Fprintf(&b, "\n(or, for a type used in several places, one entry keyed %s)", f.TypeKey)
	return b.String()
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// Walk lists the fields of the answers types by reflection, without the
// catalogue.
func Walk() []Field {
	var out []Field
	walkType(reflect.TypeOf(Answers{}), "", 0, &out)
	return out
}

func walkType(t reflect.Type, prefix string, depth int, out *[]Field) {
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name := strings.Split(sf.Tag.Get("yaml"), ",")[0]
		if name == "-" {
			continue
		}
		if name == "" {
			name = strings.ToLower(sf.Name)
		}
		path := name
		if prefix != "" {
			path = prefix + "." + name
		}
		parent := strings.TrimSuffix(prefix, "[]")
		f := Field{Path: path, Key: name, Parent: parent, Depth: depth, GoType: t.Name() + "." + sf.Name, TypeKey: t.Name() + "." + name}
		ft := sf.Type
		if ft.Kind() == reflect.Ptr {
			ft = ft.Elem()
			f.Pointer = true
		}
		parseSchemaTag(sf.Tag.Get("jsonschema"), &f)
		f.Prose = sf.Tag.Get("dpa") == "prose"
		switch {
		case ft.Kind() == reflect.Struct:
			f.Kind = "object"
			*out = append(*out, f)
			walkType(ft, path, depth+1, out)
			continue
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			f.Kind = "list_of_objects"
			*out = append(*out, f)
			walkType(ft.Elem(), path+"[]", depth+1, out)
			continue
		case ft.Kind() == reflect.Slice:
			f.Kind = "list_of_strings"
		case ft.Kind() == reflect.Bool:
			f.Kind = "boolean"
		case ft.Kind() >= reflect.Int && ft.Kind() <= reflect.Uint64:
			f.Kind = "integer"
		case ft.Kind() == reflect.Float32 || ft.Kind() == reflect.Float64:
			f.Kind = "number"
		case sf.Tag.Get("dpa") == "date":
			f.Kind = "date"
		case f.Pattern == "^[A-Z]{2}$":
			f.Kind = "country"
		default:
			f.Kind = "string"
		}
		if f.Kind == "list_of_strings" && isCountryList(name) {
			f.Kind = "list_of_countries"
		}
		*out = append(*out, f)
	}
}

// isCountryList: lists of ISO codes carry no pattern in the tag (the
// items are checked as findings); they are known by name.
func isCountryList(name string) bool {
	return name == "access_countries" || name == "locations" || strings.HasSuffix(name, "_countries")
}

// parseSchemaTag reads enum, minimum, maximum, minItems, pattern and
// default from a jsonschema tag.
func parseSchemaTag(tag string, f *Field) {
	if tag == "" {
		return
	}
	for _, part := range splitTag(tag) {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "enum":
			f.Enum = append(f.Enum, v)
		case "minimum":
			if n, err := strconv.Atoi(v); err == nil {
				f.Min = &n
			}
		case "maximum":
			if n, err := strconv.Atoi(v); err == nil {
				f.Max = &n
			}
		case "minItems":
			f.MinItems, _ = strconv.Atoi(v)
		case "pattern":
			f.Pattern = v
		case "default":
			f.Default = v
		}
	}
}

// splitTag splits a jsonschema tag at commas not escaped with a backslash.
func splitTag(tag string) []string {
	var out []string
	var cur strings.Builder
	for i := 0; i < len(tag); i++ {
		c := tag[i]
		if c == '\\' && i+1 < len(tag) && tag[i+1] == ',' {
			cur.WriteByte(',')
			i++
			continue
		}
		if c == ',' {
			out = append(out, cur.String())
			cur.Reset()
			continue
		}
		cur.WriteByte(c)
	}
	return append(out, cur.String())
}

// ExampleOf returns how the field at path is written, in lang: its
// catalogue example, or for a mapping (a list of mappings) one built from
// the examples of its first fields: {name: Journal, model: saas, ...}.
func ExampleOf(path, lang string) string {
	f, ok := FieldByPath(path)
	if !ok {
		return ""
	}
	if ex := f.Example.In(lang); ex != "" {
		return ex
	}
	if f.Kind != "object" && f.Kind != "list_of_objects" {
		return ""
	}
	var parts []string
	for _, c := range Fields() {
		if c.Parent != f.Path || len(parts) == 3 {
			continue
		}
		if ex := c.Example.In(lang); ex != "" && c.Kind != "object" {
			parts = append(parts, c.Key+": "+ex)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	s := "{" + strings.Join(parts, ", ") + ", ...}"
	if f.Kind == "list_of_objects" {
		s = "[" + s + "]"
	}
	return s
}
