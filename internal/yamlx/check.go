package yamlx

import (
	"fmt"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Check validates node against the Go type of v and, when there are no
// problems, decodes it into v. The value rules come from the struct tags
// (see Rules); values reached through an alias are checked like any other
// and reported at the alias.
func (r *Reader) Check(root *yaml.Node, path string, v any) error {
	var errs Errors
	r.check(root, reflect.TypeOf(v).Elem(), path, nil, false, &errs)
	if len(errs) > 0 {
		if len(errs) > maxErrors {
			errs = errs[:maxErrors]
		}
		return errs
	}
	if err := root.Decode(v); err != nil {
		e := &Error{File: r.File, Msg: err.Error()}
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			e.Line, _ = strconv.Atoi(m[1])
			e.Column = 1
			e.Path = PathAt(r.Data, e.Line, 1<<30)
			e.Snippet = r.snippet(e.Line, 1)
		}
		return e
	}
	return nil
}

// ScalarForm is implemented (on the pointer) by a struct type that may
// also be written as one text, an older or shorter form of the value (a
// changelog text in English only, before it had nb and en). Check then
// checks such a text as a text field; the type's UnmarshalYAML reads both
// forms.
type ScalarForm interface{ YAMLScalarForm() }

var scalarFormType = reflect.TypeOf((*ScalarForm)(nil)).Elem()

type fieldsInfo struct {
	index map[string]int
	names []string
}

var fieldsCache sync.Map // reflect.Type -> *fieldsInfo

// structFields returns the yaml names of the fields of struct type t and
// their indexes.
func structFields(t reflect.Type) (map[string]int, []string) {
	if v, ok := fieldsCache.Load(t); ok {
		fi := v.(*fieldsInfo)
		return fi.index, fi.names
	}
	fi := &fieldsInfo{index: map[string]int{}}
	for i := 0; i < t.NumField(); i++ {
		name := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if name == "" || name == "-" || !t.Field(i).IsExported() {
			continue
		}
		fi.index[name] = i
		fi.names = append(fi.names, name)
	}
	fieldsCache.Store(t, fi)
	return fi.index, fi.names
}

var kindName = map[yaml.Kind]string{yaml.MappingNode: "mapping", yaml.SequenceNode: "list", yaml.ScalarNode: "value"}

// check checks node n (its position is used in messages; an alias is
// followed for the value) against type t and the rules of its field.
// item: n is a list item, which may not be empty.
func (r *Reader) check(n *yaml.Node, t reflect.Type, path string, rules *Rules, item bool, errs *Errors) {
	if len(*errs) > maxErrors {
		return
	}
	add := func(id string, data map[string]any) { *errs = append(*errs, r.err(n, path, id, data)) }
	v := resolve(n)
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		switch {
		case item:
			add("yaml.null_item", nil)
		case rules != nil && rules.Required:
			add("yaml.required_empty", nil)
		}
		return // empty is allowed; what a final agreement needs is a finding
	}
	for t.Kind() == reflect.Ptr {
		t = t.Elem()
	}
	got := func() string {
		if v.Kind == yaml.ScalarNode {
			return strings.TrimPrefix(v.Tag, "!!") + " " + strconv.Quote(short(v.Value))
		}
		return r.UI.T("type." + kindName[v.Kind])
	}
	wrong := func(want string) {
		if r.Example != nil {
			if ex := r.Example(path); ex != "" {
				// in words, with the right form: "purposes takes a list,
				// written like this: purposes: ["Helsehjelp"]"
				add("yaml.wrong_type_example", map[string]any{"Want": r.UI.T("type." + want), "Got": r.gotWords(v),
					"Key": lastKey(path), "Example": ex})
				return
			}
		}
		add("yaml.wrong_type", map[string]any{"Want": r.UI.T("type." + want), "Got": got()})
	}
	switch t.Kind() {
	case reflect.Struct:
		if v.Kind == yaml.ScalarNode && reflect.PointerTo(t).Implements(scalarFormType) {
			// the older, shorter form of the value: one text
			r.check(n, reflect.TypeOf(""), path, rules, item, errs)
			return
		}
		if v.Kind != yaml.MappingNode {
			wrong("mapping")
			return
		}
		fields, names := structFields(t)
		present := map[string]bool{}
		for i := 0; i+1 < len(v.Content); i += 2 {
			k, val := v.Content[i], v.Content[i+1]
			rk := resolve(k)
			if rk.Kind != yaml.ScalarNode {
				continue // reported by Parse
			}
			p := join(path, rk.Value)
			fi, ok := fields[rk.Value]
			if !ok {
				data := map[string]any{"Key": short(rk.Value)}
				id := "yaml.unknown_key"
				if s := Suggest(rk.Value, names); s != "" {
					data["Suggestion"] = s
					id = "yaml.unknown_key_suggest"
				}
				*errs = append(*errs, r.err(k, p, id, data))
				continue
			}
			present[rk.Value] = true
			fr, err := RulesOf(t, fi)
			if err != nil {
				*errs = append(*errs, r.err(k, p, "yaml.internal", map[string]any{"Detail": err.Error()}))
				continue
			}
			r.check(val, t.Field(fi).Type, p, fr, false, errs)
		}
		for _, name := range names {
			if present[name] {
				continue
			}
			if fr, err := RulesOf(t, fields[name]); err == nil && fr.Required {
				*errs = append(*errs, r.err(v, join(path, name), "yaml.required_missing", map[string]any{"Key": name}))
			}
		}
	case reflect.Slice:
		if v.Kind != yaml.SequenceNode {
			wrong("list")
			return
		}
		var itemRules *Rules
		if rules != nil {
			itemRules = rules.Items
			if rules.MinItems >= 0 && len(v.Content) < rules.MinItems {
				add("yaml.too_few_items", map[string]any{"Min": rules.MinItems, "Count": len(v.Content)})
			}
			if rules.MaxItems >= 0 && len(v.Content) > rules.MaxItems {
				add("yaml.too_many_items", map[string]any{"Max": rules.MaxItems, "Count": len(v.Content)})
			}
			if rules.UniqueItems {
				seen := map[string]bool{}
				for _, c := range v.Content {
					c = resolve(c)
					if c.Kind != yaml.ScalarNode {
						continue
					}
					if key := c.Tag + "\x00" + c.Value; seen[key] {
						add("yaml.duplicate_item", map[string]any{"Value": short(c.Value)})
						break
					} else {
						seen[key] = true
					}
				}
			}
		}
		for i, c := range v.Content {
			r.check(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), itemRules, true, errs)
		}
	case reflect.String:
		if v.Kind != yaml.ScalarNode {
			wrong("text")
			return
		}
		if v.Tag != "!!str" && v.Tag != "!!timestamp" {
			// YAML reads it as a number, true/false or the like: the text
			// the user meant must be quoted
			add("yaml.wrong_type_quote", map[string]any{"Want": r.UI.T("type.text"), "Got": got(), "Value": short(v.Value)})
			return
		}
		r.checkText(n, v.Value, path, rules, errs)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if v.Kind != yaml.ScalarNode || (v.Tag != "!!int" && v.Tag != "!!float") {
			wrong("integer")
			return
		}
		if rules == nil {
			rules = newRules()
			lo, hi, _ := intBounds(t.Kind())
			rules.Minimum, rules.Maximum = lo, hi
		}
		r.checkInt(n, v, path, rules, errs)
	case reflect.Float32, reflect.Float64:
		if v.Kind != yaml.ScalarNode || (v.Tag != "!!int" && v.Tag != "!!float") || !IsJSONNumber(v.Value) {
			wrong("number")
		}
	case reflect.Bool:
		if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
			wrong("boolean")
		}
	case reflect.Map:
		if v.Kind != yaml.MappingNode {
			wrong("mapping")
			return
		}
		for i := 0; i+1 < len(v.Content); i += 2 {
			k := resolve(v.Content[i])
			r.check(v.Content[i+1], t.Elem(), join(path, k.Value), nil, false, errs)
		}
	case reflect.Interface:
	}
}

// checkText applies the rules of a text field to value s (n is where it
// was written).
func (r *Reader) checkText(n *yaml.Node, s, path string, rules *Rules, errs *Errors) {
	if rules == nil {
		return
	}
	add := func(id string, data map[string]any) { *errs = append(*errs, r.err(n, path, id, data)) }
	if rules.Enum != nil {
		for _, e := range rules.Enum {
			if s == e {
				return
			}
		}
		var shown []string
		for _, e := range rules.Enum {
			if e != "" {
				shown = append(shown, e)
			}
		}
		data := map[string]any{"Value": short(s), "Allowed": strings.Join(shown, ", ")}
		id := "yaml.bad_enum"
		if sg := r.suggestEnum(s, shown); sg != "" {
			data["Suggestion"] = sg
			id = "yaml.bad_enum_suggest"
		}
		add(id, data)
		return
	}
	if s == "" {
		if rules.Required {
			add("yaml.required_empty", nil)
		}
		return // not filled in: a finding where a final agreement needs it
	}
	if rules.Format == "date" {
		if _, err := time.Parse("2006-01-02", s); err != nil {
			add("yaml.bad_date", map[string]any{"Value": short(s)})
			return
		}
	}
	if rules.re != nil && !rules.re.MatchString(s) {
		data := map[string]any{"Value": short(s), "Pattern": rules.Pattern}
		id := "yaml.bad_pattern"
		for _, alt := range []string{strings.ToUpper(s), strings.ToLower(s), strings.TrimSpace(s), strings.ToUpper(strings.TrimSpace(s))} {
			if alt != s && rules.re.MatchString(alt) {
				data["Suggestion"] = alt
				id = "yaml.bad_pattern_suggest"
				break
			}
		}
		add(id, data)
		return
	}
	if l := utf8.RuneCountInString(s); rules.MinLength >= 0 && l < rules.MinLength {
		add("yaml.too_short", map[string]any{"Min": rules.MinLength})
	} else if rules.MaxLength >= 0 && l > rules.MaxLength {
		add("yaml.too_long", map[string]any{"Max": rules.MaxLength, "Length": l})
	}
}

// checkInt checks an integer written as v (at n). A value written with a
// fraction or exponent that is a whole number (30.0, 3e1) is the integer
// JSON Schema sees too; the node is rewritten to it for decoding.
func (r *Reader) checkInt(n, v *yaml.Node, path string, rules *Rules, errs *Errors) {
	add := func(id string, data map[string]any) { *errs = append(*errs, r.err(n, path, id, data)) }
	if !IsJSONNumber(v.Value) {
		data := map[string]any{"Value": short(v.Value)}
		id := "yaml.bad_number"
		if x, ok := yamlInt(v.Value); ok {
			data["Suggestion"] = x
			id = "yaml.bad_number_suggest"
		}
		add(id, data)
		return
	}
	x, _ := new(big.Rat).SetString(v.Value)
	if !x.IsInt() {
		add("yaml.not_integer", map[string]any{"Value": short(v.Value)})
		return
	}
	switch {
	case rules.Minimum != nil && x.Cmp(rules.Minimum) < 0:
		add("yaml.too_small", map[string]any{"Value": short(v.Value), "Min": ratString(rules.Minimum)})
		return
	case rules.ExclMinimum != nil && x.Cmp(rules.ExclMinimum) <= 0:
		add("yaml.too_small_excl", map[string]any{"Value": short(v.Value), "Min": ratString(rules.ExclMinimum)})
		return
	case rules.Maximum != nil && x.Cmp(rules.Maximum) > 0:
		add("yaml.too_big", map[string]any{"Value": short(v.Value), "Max": ratString(rules.Maximum)})
		return
	case rules.ExclMaximum != nil && x.Cmp(rules.ExclMaximum) >= 0:
		add("yaml.too_big_excl", map[string]any{"Value": short(v.Value), "Max": ratString(rules.ExclMaximum)})
		return
	}
	if rules.Enum != nil {
		ok := false
		for _, e := range rules.Enum {
			if y, good := new(big.Rat).SetString(e); good && x.Cmp(y) == 0 {
				ok = true
			}
		}
		if !ok {
			add("yaml.bad_enum", map[string]any{"Value": short(v.Value), "Allowed": strings.Join(rules.Enum, ", ")})
			return
		}
	}
	if canon := x.Num().String(); canon != v.Value {
		v.Value, v.Tag, v.Style = canon, "!!int", 0
	}
}

// yamlInt reads the integer YAML 1.2 would see in a number written in
// another form (010 -> 10, +5 -> 5), to suggest it.
func yamlInt(s string) (string, bool) {
	t := strings.TrimPrefix(s, "+")
	if t == "" || strings.ContainsAny(t, "_xXoObB.eE") {
		return "", false
	}
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimLeft(strings.TrimPrefix(t, "-"), "0")
	if t == "" {
		t = "0"
	}
	for _, c := range t {
		if !unicode.IsDigit(c) || c > '9' {
			return "", false
		}
	}
	if neg && t != "0" {
		t = "-" + t
	}
	return t, true
}

// suggestEnum proposes an allowed value for s: the same word in another
// case, a near miss, or the value one of whose other names (EnumAliases)
// begins with s ("helse" -> "health", "fagforening" -> "union").
func (r *Reader) suggestEnum(s string, allowed []string) string {
	for _, a := range allowed {
		if strings.EqualFold(a, s) {
			return a
		}
	}
	if strings.TrimSpace(s) == "" {
		return ""
	}
	if sg := Suggest(s, allowed); sg != "" {
		return sg
	}
	if r.EnumAliases == nil {
		return ""
	}
	w := strings.ToLower(strings.TrimSpace(s))
	if utf8.RuneCountInString(w) < 4 {
		return ""
	}
	found := ""
	for _, a := range allowed {
		match := false
		for _, name := range r.EnumAliases(a) {
			for _, word := range strings.FieldsFunc(strings.ToLower(name), func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
				if strings.HasPrefix(word, w) || (utf8.RuneCountInString(word) >= 4 && strings.HasPrefix(w, word)) {
					match = true
				}
			}
		}
		if match {
			if found != "" {
				return "" // ambiguous
			}
			found = a
		}
	}
	return found
}

// gotWords names what was found in words: «tekst "x"», «en liste».
func (r *Reader) gotWords(v *yaml.Node) string {
	if v.Kind != yaml.ScalarNode {
		return r.UI.T("type." + kindName[v.Kind])
	}
	kind := map[string]string{"!!str": "text", "!!int": "integer", "!!float": "number", "!!bool": "boolean"}[v.Tag]
	if kind == "" {
		kind = "value"
	}
	return r.UI.T("type."+kind) + " " + strconv.Quote(short(v.Value))
}

// lastKey is the last key of a path: "processing.purposes" -> "purposes".
func lastKey(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		path = path[i+1:]
	}
	if i := strings.IndexByte(path, '['); i >= 0 {
		path = path[:i]
	}
	return path
}
