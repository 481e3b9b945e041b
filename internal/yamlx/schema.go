package yamlx

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/invopop/jsonschema"
)

// noPrivateUse is the pattern every free text satisfies.
const noPrivateUse = "^[^\uE000-\uF8FF]*$"

// ApplySchema writes the value rules of Go type t (see Rules) into s, a
// schema that invopop/jsonschema reflected from t with field names from
// the yaml tags: types, enums, patterns, formats, ranges and list sizes are
// replaced by what Check enforces, including the generic rules (an empty
// key may be null, an empty text needs no pattern, integers are bounded by
// their type, no private-use characters). The loader and the schema are
// thus one definition.
func ApplySchema(s *jsonschema.Schema, t reflect.Type) error {
	a := &applier{root: s, done: map[string]bool{}}
	return a.object(s, t)
}

type applier struct {
	root *jsonschema.Schema
	done map[string]bool
}

func (a *applier) def(ref string) (*jsonschema.Schema, string, error) {
	name := strings.TrimPrefix(ref, "#/$defs/")
	d, ok := a.root.Definitions[name]
	if !ok {
		return nil, "", fmt.Errorf("schema: no definition %q", ref)
	}
	return d, name, nil
}

func (a *applier) object(s *jsonschema.Schema, t reflect.Type) error {
	for t.Kind() == reflect.Ptr {
		t = t.Elem()
	}
	if s.Ref != "" {
		d, name, err := a.def(s.Ref)
		if err != nil {
			return err
		}
		if a.done[name] {
			return nil
		}
		a.done[name] = true
		s = d
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		if s.Properties == nil {
			return fmt.Errorf("schema: %s has no properties", t)
		}
		ps, ok := s.Properties.Get(name)
		if !ok {
			return fmt.Errorf("schema: %s.%s: no property %q", t, f.Name, name)
		}
		rules, err := RulesOf(t, i)
		if err != nil {
			return err
		}
		if err := a.value(ps, f.Type, rules, !rules.Required); err != nil {
			return err
		}
	}
	return nil
}

func nullable(s *jsonschema.Schema, typ string, null bool) {
	if !null {
		s.Type = typ
		return
	}
	s.Type = ""
	if s.Extras == nil {
		s.Extras = map[string]any{}
	}
	s.Extras["type"] = []string{typ, "null"}
}

func (a *applier) value(s *jsonschema.Schema, t reflect.Type, rules *Rules, null bool) error {
	for t.Kind() == reflect.Ptr {
		t = t.Elem()
	}
	if rules == nil {
		rules = newRules()
	}
	// what invopop read from the tags is replaced by the rules
	s.Enum, s.Pattern, s.Format, s.MinLength, s.MaxLength = nil, "", "", nil, nil
	s.Minimum, s.Maximum, s.ExclusiveMinimum, s.ExclusiveMaximum = "", "", "", ""
	s.MinItems, s.MaxItems, s.UniqueItems = nil, nil, false
	switch t.Kind() {
	case reflect.Struct:
		if s.Ref == "" {
			return a.object(s, t)
		}
		if err := a.object(s, t); err != nil {
			return err
		}
		if null {
			s.AnyOf = []*jsonschema.Schema{{Ref: s.Ref}, {Type: "null"}}
			s.Ref = ""
		}
	case reflect.Slice:
		nullable(s, "array", null)
		s.MinItems = bound(rules.MinItems)
		s.MaxItems = bound(rules.MaxItems)
		s.UniqueItems = rules.UniqueItems
		if s.Items == nil {
			return fmt.Errorf("schema: list without items")
		}
		return a.value(s.Items, t.Elem(), rules.Items, false)
	case reflect.String:
		nullable(s, "string", null)
		if rules.Enum != nil {
			for _, e := range rules.Enum {
				s.Enum = append(s.Enum, e)
			}
			if null {
				s.Enum = append(s.Enum, nil)
			}
			return nil
		}
		c := &jsonschema.Schema{Pattern: rules.Pattern, Format: rules.Format}
		c.MinLength = bound(rules.MinLength)
		c.MaxLength = bound(rules.MaxLength)
		if c.Pattern == "" {
			c.Pattern = noPrivateUse
		} else {
			c.AllOf = []*jsonschema.Schema{{Pattern: noPrivateUse}}
		}
		if rules.Required {
			one := uint64(1)
			if c.MinLength == nil || *c.MinLength < 1 {
				c.MinLength = &one
			}
		}
		simple := c.Format == "" && c.MinLength == nil && c.MaxLength == nil && c.AllOf == nil
		switch {
		case simple:
			// "" matches the private-use pattern
			s.Pattern = c.Pattern
		case rules.Required:
			s.Pattern, s.Format, s.MinLength, s.MaxLength, s.AllOf = c.Pattern, c.Format, c.MinLength, c.MaxLength, c.AllOf
		default:
			// an empty text is "not filled in"; the rules apply to the rest
			s.AnyOf = []*jsonschema.Schema{{Const: ""}, c}
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		nullable(s, "integer", null)
		if rules.Minimum == nil {
			lo, hi, _ := intBounds(t.Kind())
			rules = &Rules{Minimum: lo, Maximum: hi}
		}
		if rules.Minimum != nil {
			s.Minimum = json.Number(ratString(rules.Minimum))
		}
		if rules.Maximum != nil {
			s.Maximum = json.Number(ratString(rules.Maximum))
		}
		if rules.ExclMinimum != nil {
			s.ExclusiveMinimum = json.Number(ratString(rules.ExclMinimum))
		}
		if rules.ExclMaximum != nil {
			s.ExclusiveMaximum = json.Number(ratString(rules.ExclMaximum))
		}
		for _, e := range rules.Enum {
			s.Enum = append(s.Enum, json.Number(e))
		}
		if rules.Enum != nil && null {
			s.Enum = append(s.Enum, nil)
		}
	case reflect.Bool:
		nullable(s, "boolean", null)
	case reflect.Float32, reflect.Float64:
		nullable(s, "number", null)
	}
	return nil
}

// bound is a schema bound (minItems, maxLength, ...), nil for none (n < 0).
func bound(n int) *uint64 {
	if n < 0 {
		return nil
	}
	u := uint64(n)
	return &u
}
