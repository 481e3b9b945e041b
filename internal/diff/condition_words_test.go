package diff

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/rules"
)

// TestConditionWords: every name a condition can use (rules.Env) has
// readable words in both languages, so that no explanation of a condition
// shows an internal name: cond.bool.<name> for a yes/no fact, cond.field.<name>
// for a value.
func TestConditionWords(t *testing.T) {
	n := 0
	for _, c := range rules.Names() {
		id := "cond.field." + c.Path
		if c.Type.Kind() == reflect.Bool {
			id = "cond.bool." + c.Path
		}
		n++
		for _, lang := range i18n.Langs {
			if !i18n.For(lang).Has(id) {
				t.Errorf("condition name %s has no words in %s: add %s to locales/%s.yaml", c.Path, lang, id, lang)
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d condition names found", n)
	}
	// and the explanation uses them
	got := ExplainCondition("health", "health && risk.patient_record", "en")
	if strings.Contains(strings.Join(got, " "), "risk.patient_record") {
		t.Errorf("explanation shows an internal name: %s", got)
	}
}

func TestDescribeCondition(t *testing.T) {
	if got := DescribeCondition("true", "nb"); got != "" {
		t.Errorf("true: %q", got)
	}
	if got := DescribeCondition(`service.model == "saas"`, "en"); got == "" || strings.Contains(got, "==") {
		t.Errorf("saas: %q", got)
	}
	if got := DescribeCondition("((", "en"); got != "`((`" {
		t.Errorf("bad: %q", got)
	}
}

// TestSameVersionWarning: two libraries with the same version that differ
// get a warning in the report and its summary.
func TestSameVersionWarning(t *testing.T) {
	old, err := library.Load(os.DirFS("../../testdata/diff/lib-old"), "lib-old", i18n.For("en"))
	if err != nil {
		t.Skip(err)
	}
	nl, err := library.Load(os.DirFS("../../testdata/diff/lib-new"), "lib-new", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	nl.Version = old.Version
	r := Libraries(old, nl, Options{ExplainLang: "en"})
	if !strings.Contains(r.VersionWarning, "both libraries carry version "+old.Version) {
		t.Errorf("warning %q", r.VersionWarning)
	}
	if l := r.summaryLines(); len(l) == 0 || l[0] != r.VersionWarning {
		t.Errorf("summary %v", l)
	}
	if r := Libraries(old, old, Options{}); r.VersionWarning != "" {
		t.Errorf("same library warned: %q", r.VersionWarning)
	}
}
