package rules

import (
	"sort"
	"strings"
	"testing"

	"github.com/expr-lang/expr"

	"github.com/dpa-no/dpa/internal/golden"
)

// envNames is Names as lines of testdata/env_names.txt
// ("terms.breach_notice_hours int").
func envNames() []string {
	var out []string
	for _, n := range Names() {
		out = append(out, n.Path+" "+n.Type.String())
	}
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
	for _, m := range golden.Contract(t, "testdata/env_names.txt", got) {
		t.Errorf("condition name %q is no longer offered by rules.Env", m)
	}
	for _, line := range got {
		name := strings.Fields(line)[0]
		if _, err := expr.Compile(name, expr.Env(Env{})); err != nil {
			t.Errorf("condition name %s does not compile: %v", name, err)
		}
	}
	if len(got) < 40 {
		t.Fatalf("only %d condition names", len(got))
	}
}
