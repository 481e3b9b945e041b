package yamlx

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/i18n"
)

// doc is a small type with one field per kind of rule, independent of the
// answers format, so that these tests say what yamlx itself guarantees.
type doc struct {
	Name  string   `yaml:"name" jsonschema:"required"`
	Kind  string   `yaml:"kind,omitempty" jsonschema:"enum=alpha,enum=beta"`
	Code  string   `yaml:"code,omitempty" jsonschema:"pattern=^[A-Z]{2}$"`
	Date  string   `yaml:"date,omitempty" dpa:"date"`
	Days  *int     `yaml:"days,omitempty" jsonschema:"minimum=1,maximum=90"`
	Tags  []string `yaml:"tags,omitempty" jsonschema:"enum=x,enum=y"`
	Inner struct {
		On bool `yaml:"on,omitempty"`
	} `yaml:"inner,omitempty"`
}

func read(t *testing.T, src string, lim Limits) error {
	t.Helper()
	r := &Reader{File: "f.yaml", Data: []byte(src), UI: i18n.For("en"), Limits: lim}
	root, err := r.Parse()
	if err != nil {
		return err
	}
	if root == nil {
		return nil
	}
	var v doc
	return r.Check(root, "", &v)
}

// first returns the first positioned error of err.
func first(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var es Errors
	if errors.As(err, &es) && len(es) > 0 {
		return es[0]
	}
	t.Fatalf("not a yamlx error: %v", err)
	return nil
}

func TestCheckRules(t *testing.T) {
	cases := []struct {
		name, src, path string
		line, col       int
		want            string // part of the message
	}{
		{"unknown key with suggestion", "name: a\nknd: alpha\n", "knd", 2, 1, "kind"},
		{"enum", "name: a\nkind: gamma\n", "kind", 2, 7, "alpha"},
		{"enum case variant", "name: a\nkind: Alpha\n", "kind", 2, 7, "alpha"},
		{"enum in a list", "name: a\ntags: [x, z]\n", "tags[1]", 2, 11, "z"},
		{"pattern", "name: a\ncode: nor\n", "code", 2, 7, "nor"},
		{"date", "name: a\ndate: 2026-13-45\n", "date", 2, 7, "2026-13-45"},
		{"below minimum", "name: a\ndays: 0\n", "days", 2, 7, "0"},
		{"above maximum", "name: a\ndays: 91\n", "days", 2, 7, "91"},
		{"leading zero", "name: a\ndays: 010\n", "days", 2, 7, "010"},
		{"wrong type", "name: a\ntags: x\n", "tags", 2, 7, ""},
		{"alias does not skip the enum", "name: a\nx: &m gamma\nkind: *m\n", "", 0, 0, ""},
		{"explicit tag", "name: !!str a\n", "name", 1, 7, ""},
		{"missing required", "kind: alpha\n", "name", 0, 0, "name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := read(t, c.src, DefaultLimits)
			if err == nil {
				t.Fatalf("%q accepted", c.src)
			}
			e := first(t, err)
			if e.File != "f.yaml" {
				t.Errorf("file %q", e.File)
			}
			if c.path != "" && e.Path != c.path {
				t.Errorf("path %q, want %q (%v)", e.Path, c.path, err)
			}
			if c.line > 0 && (e.Line != c.line || e.Column != c.col) {
				t.Errorf("position %d:%d, want %d:%d (%v)", e.Line, e.Column, c.line, c.col, err)
			}
			if e.Line > 0 && e.Snippet == "" {
				t.Errorf("no snippet for %v", err)
			}
			if c.want != "" && !strings.Contains(err.Error(), c.want) {
				t.Errorf("message %q lacks %q", err.Error(), c.want)
			}
		})
	}
}

func TestCheckAccepts(t *testing.T) {
	ok := "name: a\nkind: beta\ncode: NO\ndate: 2026-02-28\ndays: 90\ntags: [x, y]\ninner: {on: true}\n"
	if err := read(t, ok, DefaultLimits); err != nil {
		t.Fatalf("valid document refused: %v", err)
	}
}

func TestLimits(t *testing.T) {
	lim := Limits{MaxBytes: 64, MaxNodes: 50, MaxDepth: 4}
	cases := map[string]string{
		"size":  "name: " + strings.Repeat("a", 80) + "\n",
		"depth": "name: a\ninner: {on: {a: {b: {c: [d]}}}}\n",
		"nodes": "name: a\na: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n",
	}
	for name, src := range cases {
		if len(src) > lim.MaxBytes && name != "size" {
			lim.MaxBytes = len(src) + 1
		}
		err := read(t, src, lim)
		if err == nil {
			t.Errorf("%s: limit not enforced", name)
			continue
		}
		if e := first(t, err); !e.Limit {
			t.Errorf("%s: not reported as a limit: %v", name, err)
		}
		lim.MaxBytes = 64
	}
}

func TestSecondDocumentRefused(t *testing.T) {
	if err := read(t, "name: a\n---\nname: b\n", DefaultLimits); err == nil {
		t.Fatal("a second YAML document was ignored")
	}
}

func TestRulesOf(t *testing.T) {
	typ := reflect.TypeOf(doc{})
	want := map[string]func(*Rules) bool{
		"Name": func(r *Rules) bool { return r.Required },
		"Kind": func(r *Rules) bool { return reflect.DeepEqual(r.Enum, []string{"alpha", "beta"}) },
		"Code": func(r *Rules) bool { return r.Pattern == "^[A-Z]{2}$" },
		"Date": func(r *Rules) bool { return r.Format == "date" },
		"Days": func(r *Rules) bool {
			return r.Minimum != nil && r.Minimum.RatString() == "1" && r.Maximum != nil && r.Maximum.RatString() == "90"
		},
		"Tags": func(r *Rules) bool { return r.Items != nil && reflect.DeepEqual(r.Items.Enum, []string{"x", "y"}) },
	}
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		ok, has := want[f.Name]
		if !has {
			continue
		}
		r, err := RulesOf(typ, i)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !ok(r) {
			t.Errorf("%s: rules %+v", f.Name, r)
		}
	}
}

func TestPathAt(t *testing.T) {
	data := []byte("name: a\ntags:\n  - x\n  - y\ninner:\n  on: true\n")
	for _, c := range []struct {
		line, col int
		want      string
	}{{1, 7, "name"}, {4, 5, "tags[1]"}, {6, 7, "inner.on"}} {
		if got := PathAt(data, c.line, c.col); got != c.want {
			t.Errorf("PathAt(%d:%d) = %q, want %q", c.line, c.col, got, c.want)
		}
	}
}
