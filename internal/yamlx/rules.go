package yamlx

import (
	"fmt"
	"math"
	"math/big"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Rules are the value rules of one field, read from its struct tags. They
// are the single definition of a valid value: Check enforces them and
// ApplySchema writes them into the JSON Schema, so the loader and `dpa
// schema` cannot disagree about a field.
//
// Tags (as invopop/jsonschema reads them):
//
//	jsonschema:"required"                 the key must be present and not empty
//	jsonschema:"enum=a,enum=b"            one of the values (text or integer)
//	jsonschema:"pattern=^[A-Z]{2}$"       text matching the regular expression
//	jsonschema:"format=date"  dpa:"date"  a calendar date YYYY-MM-DD
//	jsonschema:"minLength=1,maxLength=9"  length of a text in characters
//	jsonschema:"minimum=1,maximum=72"     integer range (also exclusiveMinimum/Maximum)
//	jsonschema:"minItems=1,maxItems=9,uniqueItems"   list length and uniqueness
//
// On a list, minItems, maxItems and uniqueItems apply to the list and every
// other rule to its items. Integers are always bounded by their Go type.
//
// Generic rules that hold for every field: a key that is not required may
// be left empty (null); an empty text is "not filled in", so pattern,
// format and length rules apply only to a text that is not empty (an enum
// accepts "" only when it lists it); a list item is never empty; text never
// holds private-use characters (see PrivateUse).
type Rules struct {
	Required    bool
	Enum        []string
	Pattern     string
	Format      string // "date" or ""
	MinLength   int    // -1: none
	MaxLength   int    // -1: none
	Minimum     *big.Rat
	Maximum     *big.Rat
	ExclMinimum *big.Rat
	ExclMaximum *big.Rat
	MinItems    int // -1: none
	MaxItems    int // -1: none
	UniqueItems bool
	Items       *Rules // rules of the items of a list

	re *regexp.Regexp
}

// annotation keywords of invopop/jsonschema that do not restrict values
var annotations = map[string]bool{"description": true, "title": true, "default": true, "example": true,
	"readOnly": true, "writeOnly": true, "anchor": true, "nullable": true, "deprecated": true}

var rulesCache sync.Map // reflect.StructField key -> *Rules

type fieldKey struct {
	t     reflect.Type
	index int
}

// RulesOf returns the rules of field index i of struct type t.
func RulesOf(t reflect.Type, i int) (*Rules, error) {
	k := fieldKey{t, i}
	if v, ok := rulesCache.Load(k); ok {
		return v.(*Rules), nil
	}
	r, err := parseRules(t.Field(i))
	if err != nil {
		return nil, err
	}
	rulesCache.Store(k, r)
	return r, nil
}

func newRules() *Rules { return &Rules{MinLength: -1, MaxLength: -1, MinItems: -1, MaxItems: -1} }

func parseRules(f reflect.StructField) (*Rules, error) {
	r := newRules()
	ft := f.Type
	for ft.Kind() == reflect.Ptr {
		ft = ft.Elem()
	}
	value := r // rules of the value (the items of a list)
	if ft.Kind() == reflect.Slice && ft.Elem().Kind() != reflect.Uint8 {
		value = newRules()
		r.Items = value
	}
	bad := func(format string, a ...any) error {
		return fmt.Errorf("field %s: tag %q: %s", f.Name, f.Tag.Get("jsonschema"), fmt.Sprintf(format, a...))
	}
	num := func(v string) (*big.Rat, error) {
		x, ok := new(big.Rat).SetString(v)
		if !ok {
			return nil, bad("%q is not a number", v)
		}
		return x, nil
	}
	count := func(v string) (int, error) {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, bad("%q is not a count", v)
		}
		return n, nil
	}
	var err error
	if f.Tag.Get("dpa") == "date" {
		value.Format = "date"
	}
	tag := f.Tag.Get("jsonschema")
	if tag == "" {
		return r, finish(r, f)
	}
	for _, p := range strings.Split(tag, ",") {
		name, val, hasVal := strings.Cut(p, "=")
		switch {
		case name == "required" && !hasVal:
			r.Required = true
		case !hasVal && name == "uniqueItems":
			r.UniqueItems = true
		case !hasVal:
			return nil, bad("unknown keyword %q", name)
		case annotations[name]:
		case name == "enum":
			value.Enum = append(value.Enum, val)
		case name == "pattern":
			value.Pattern = val
		case name == "format":
			if val != "date" {
				return nil, bad("format %q is not supported by the loader", val)
			}
			value.Format = val
		case name == "minLength":
			value.MinLength, err = count(val)
		case name == "maxLength":
			value.MaxLength, err = count(val)
		case name == "minimum":
			value.Minimum, err = num(val)
		case name == "maximum":
			value.Maximum, err = num(val)
		case name == "exclusiveMinimum":
			value.ExclMinimum, err = num(val)
		case name == "exclusiveMaximum":
			value.ExclMaximum, err = num(val)
		case name == "minItems" && r.Items != nil:
			r.MinItems, err = count(val)
		case name == "maxItems" && r.Items != nil:
			r.MaxItems, err = count(val)
		case name == "uniqueItems" && r.Items != nil:
			r.UniqueItems = val == "true"
		default:
			return nil, bad("keyword %q is not enforced by the loader; add it to yamlx.Rules first", name)
		}
		if err != nil {
			return nil, err
		}
	}
	return r, finish(r, f)
}

// finish adds the bounds of the Go type and compiles the pattern.
func finish(r *Rules, f reflect.StructField) error {
	ft := f.Type
	for ft.Kind() == reflect.Ptr {
		ft = ft.Elem()
	}
	v := r
	if r.Items != nil {
		v = r.Items
		ft = ft.Elem()
		for ft.Kind() == reflect.Ptr {
			ft = ft.Elem()
		}
	}
	if v.Pattern != "" {
		re, err := regexp.Compile(v.Pattern)
		if err != nil {
			return fmt.Errorf("field %s: pattern %q: %v", f.Name, v.Pattern, err)
		}
		v.re = re
	}
	if lo, hi, ok := intBounds(ft.Kind()); ok {
		if v.Minimum == nil || v.Minimum.Cmp(lo) < 0 {
			v.Minimum = lo
		}
		if v.Maximum == nil || v.Maximum.Cmp(hi) > 0 {
			v.Maximum = hi
		}
	}
	return nil
}

func intBounds(k reflect.Kind) (lo, hi *big.Rat, ok bool) {
	i := func(x int64) *big.Rat { return new(big.Rat).SetInt64(x) }
	u := func(x uint64) *big.Rat { return new(big.Rat).SetInt(new(big.Int).SetUint64(x)) }
	switch k {
	case reflect.Int, reflect.Int64:
		return i(math.MinInt64), i(math.MaxInt64), true
	case reflect.Int32:
		return i(math.MinInt32), i(math.MaxInt32), true
	case reflect.Int16:
		return i(math.MinInt16), i(math.MaxInt16), true
	case reflect.Int8:
		return i(math.MinInt8), i(math.MaxInt8), true
	case reflect.Uint, reflect.Uint64:
		return i(0), u(math.MaxUint64), true
	case reflect.Uint32:
		return i(0), u(math.MaxUint32), true
	case reflect.Uint16:
		return i(0), u(math.MaxUint16), true
	case reflect.Uint8:
		return i(0), u(math.MaxUint8), true
	}
	return nil, nil, false
}

// jsonNumber is the number syntax of JSON (RFC 8259). A YAML number is
// accepted only in this form: 010 (octal in YAML 1.1, 10 in YAML 1.2),
// 0x1F, 0o17, +5, 1_000, .5 and .inf are refused rather than guessed.
var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

// IsJSONNumber reports whether s is written as a JSON number.
func IsJSONNumber(s string) bool { return jsonNumber.MatchString(s) }

// PrivateUse reports whether r is a private-use character of the Basic
// Multilingual Plane (U+E000–U+F8FF). dpa uses some of them as internal
// markers around values, so a value may never contain one.
func PrivateUse(r rune) bool { return r >= 0xE000 && r <= 0xF8FF }

// PrivateUseClass is PrivateUse as a character class for regular
// expressions, written with the characters themselves so that Go (RE2) and
// ECMA-262 (editors) read it alike.
const PrivateUseClass = "[\uE000-\uF8FF]"

// ratString prints a rational that is an integer as an integer.
func ratString(x *big.Rat) string {
	if x.IsInt() {
		return x.Num().String()
	}
	return x.FloatString(6)
}
