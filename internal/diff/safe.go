package diff

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/dpa-no/dpa/internal/rules"
)

// displaySafe returns a copy of r for the text, Markdown and HTML
// renderers in which every character that the control-character finding
// refuses in `generate` (rules.BadRune: control characters such as ESC,
// bidirectional overrides such as U+202E), and a lone CR, is written as its
// code "[U+001B]": nothing in a clause or an answers value can colour a
// terminal, reorder a line or hide text in a redline.
func displaySafe(r *Report) *Report {
	if r == nil {
		return nil
	}
	return safeValue(reflect.ValueOf(r)).Interface().(*Report)
}

func safeString(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		if unsafeRune(c) {
			fmt.Fprintf(&b, "[U+%04X]", c)
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

func unsafeRune(c rune) bool { return c == '\r' || rules.BadRune(c) }

// safeValue copies v with safeString applied to every string in it.
func safeValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.String:
		out := reflect.New(v.Type()).Elem()
		out.SetString(safeString(v.String()))
		return out
	case reflect.Ptr:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(safeValue(v.Elem()))
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := 0; i < v.NumField(); i++ {
			if out.Field(i).CanSet() {
				out.Field(i).Set(safeValue(v.Field(i)))
			}
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(safeValue(v.Index(i)))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		it := v.MapRange()
		for it.Next() {
			out.SetMapIndex(safeValue(it.Key()), safeValue(it.Value()))
		}
		return out
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(safeValue(v.Elem()))
		return out
	}
	return v
}
