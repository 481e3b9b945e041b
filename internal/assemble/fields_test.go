package assemble

import (
	"reflect"
	"sort"
	"testing"

	"github.com/dpa-no/dpa/internal/golden"
)

// viewFields lists every field path a clause template can name from "."
// ("Terms.BreachNoticeHours int", "Subprocessors[].Name assemble.T"),
// through embedded structs as text/template resolves them, sorted. T, L
// and pointers are leaves.
func viewFields() []string {
	var out []string
	var walk func(typ reflect.Type, prefix string)
	walk = func(typ reflect.Type, prefix string) {
		seen := map[string]bool{}
		var fields []reflect.StructField
		for _, f := range reflect.VisibleFields(typ) {
			if f.IsExported() && !f.Anonymous {
				fields = append(fields, f)
			}
		}
		for _, f := range fields {
			// a promoted field is shadowed by a shallower one of the same name
			if seen[f.Name] {
				continue
			}
			if g, ok := typ.FieldByName(f.Name); !ok || !reflect.DeepEqual(g.Index, f.Index) {
				continue
			}
			seen[f.Name] = true
			name := prefix + f.Name
			ft := f.Type
			switch {
			case ft == reflect.TypeOf(T{}) || ft == reflect.TypeOf(L{}):
			case ft.Kind() == reflect.Struct:
				walk(ft, name+".")
				continue
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct && ft.Elem() != reflect.TypeOf(T{}):
				walk(ft.Elem(), name+"[].")
				continue
			}
			out = append(out, name+" "+ft.String())
		}
	}
	walk(reflect.TypeOf(View{}), "")
	sort.Strings(out)
	return out
}

// TestViewFields: every field the template view offered when
// testdata/view_fields.txt was taken (before the terms, security and
// derived facts became the shared rules types) is still offered, with the
// same type. Clause templates of outside libraries name these fields.
func TestViewFields(t *testing.T) {
	got := viewFields()
	for _, m := range golden.Contract(t, "testdata/view_fields.txt", got) {
		t.Errorf("template field %q is no longer offered by assemble.View", m)
	}
	if len(got) < 100 {
		t.Fatalf("only %d template fields", len(got))
	}
}
