package diff

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/rules"
)

// TestConditionWords: every name a condition can use (rules.Env) has
// readable words in both languages, so that no explanation of a condition
// shows an internal name: cond.bool.<name> for a yes/no fact, cond.field.<name>
// for a value.
func TestConditionWords(t *testing.T) {
	var walk func(typ reflect.Type, prefix string)
	n := 0
	walk = func(typ reflect.Type, prefix string) {
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			name := f.Tag.Get("expr")
			if name == "" || name == "-" {
				continue
			}
			name = prefix + name
			if f.Type.Kind() == reflect.Struct {
				walk(f.Type, name+".")
				continue
			}
			id := "cond.field." + name
			if f.Type.Kind() == reflect.Bool {
				id = "cond.bool." + name
			}
			n++
			for _, lang := range i18n.Langs {
				if !i18n.For(lang).Has(id) {
					t.Errorf("condition name %s has no words in %s: add %s to locales/%s.yaml", name, lang, id, lang)
				}
			}
		}
	}
	walk(reflect.TypeOf(rules.Env{}), "")
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
