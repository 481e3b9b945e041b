package rules

import (
	"flag"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/expr-lang/expr"
)

var updateNames = flag.Bool("update-names", false, "rewrite testdata/env_names.txt (only to add names)")

// EnvNames lists every name a condition can use, with its Go kind
// ("terms.breach_notice_hours int"), embedded structs included, sorted.
func envNames() []string {
	var out []string
	var walk func(typ reflect.Type, prefix string)
	walk = func(typ reflect.Type, prefix string) {
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				walk(f.Type, prefix)
				continue
			}
			name := f.Tag.Get("expr")
			if !f.IsExported() || name == "" || name == "-" {
				continue
			}
			if f.Type.Kind() == reflect.Struct {
				walk(f.Type, prefix+name+".")
				continue
			}
			out = append(out, prefix+name+" "+f.Type.String())
		}
	}
	walk(reflect.TypeOf(Env{}), "")
	sort.Strings(out)
	return out
}

// TestEnvNames: every condition name the environment offered when the list
// in testdata/env_names.txt was taken (derived from the old TermsEnv,
// SecurityEnv and flat Env, before they were folded into the shared types)
// is still offered, with the same type, and compiles as a condition. The
// names are a contract for outside clause libraries: add, never rename.
func TestEnvNames(t *testing.T) {
	got := envNames()
	if *updateNames {
		if err := os.WriteFile("testdata/env_names.txt", []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile("testdata/env_names.txt")
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, g := range got {
		have[g] = true
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		n++
		if !have[line] {
			t.Errorf("condition name %q is no longer offered by rules.Env", line)
			continue
		}
		name := strings.Fields(line)[0]
		if _, err := expr.Compile(name, expr.Env(Env{})); err != nil {
			t.Errorf("condition name %s does not compile: %v", name, err)
		}
	}
	if n < 40 {
		t.Fatalf("only %d names in testdata/env_names.txt", n)
	}
}
