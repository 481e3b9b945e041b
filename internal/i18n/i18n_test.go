package i18n

import (
	"regexp"
	"sort"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"nb": "nb", "no": "nb", "nb-NO": "nb", "nb_NO.UTF-8": "nb", "NOB": "nb", "norsk": "nb", "bokmål": "nb",
		"en": "en", "en-GB": "en", "en_US": "en", "English": "en",
	} {
		got, err := Normalize(in)
		if err != nil || got != want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"da", "sv", "nn-NO", "", "xx"} {
		if _, err := Normalize(bad); err == nil {
			t.Errorf("Normalize(%q) accepted", bad)
		}
	}
}

func TestParity(t *testing.T) {
	nb, err := IDs("nb")
	if err != nil {
		t.Fatal(err)
	}
	en, err := IDs("en")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(nb)
	sort.Strings(en)
	if strings.Join(nb, " ") != strings.Join(en, " ") {
		set := map[string]int{}
		for _, k := range nb {
			set[k]++
		}
		for _, k := range en {
			set[k] += 2
		}
		for k, v := range set {
			if v == 1 {
				t.Errorf("%s only in nb.yaml", k)
			}
			if v == 2 {
				t.Errorf("%s only in en.yaml", k)
			}
		}
	}
	if For("nb").T("doc.title") != "Databehandleravtale" || For("en").T("doc.title") != "Data Processing Agreement" {
		t.Error("titles")
	}
	if For("nb").T("no.such.key") != "no.such.key" {
		t.Error("missing key should return the id")
	}
}

// TestPlural: x.one and x.other in the locale files make one plural
// message; the form follows the count (CLDR: one for 1, other else).
func TestPlural(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"nb", 0, "0 advarsler"}, {"nb", 1, "1 advarsel"}, {"nb", 2, "2 advarsler"},
		{"en", 1, "1 warning"}, {"en", 2, "2 warnings"}, {"en", 0, "0 warnings"},
	} {
		if got := For(c.lang).TN("check.n_warnings", c.n); got != c.want {
			t.Errorf("%s TN(%d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	if got := For("en").TN("check.clause_count", 1, map[string]any{"Version": "v"}); got != "The agreement gets 1 clause (clause library v)." {
		t.Errorf("TN with data: %q", got)
	}
	m := messagesOf(map[string]string{"a.one": "1", "a.other": "n", "b.one": "lonely"})
	ids := map[string]bool{}
	for _, x := range m {
		ids[x.ID] = true
	}
	if !ids["a"] || ids["a.one"] || !ids["b.one"] {
		t.Errorf("messagesOf grouping: %v", ids)
	}
}

// TestFastTMatchesGoI18n: T's own lookup of single-form messages gives what
// go-i18n gives, for every message of both languages, with no data, with
// every field a template names, and with a struct; and ids of the other
// language, plural ids and unknown ids still go through go-i18n.
func TestFastTMatchesGoI18n(t *testing.T) {
	field := regexp.MustCompile(`\.([A-Za-z_][A-Za-z0-9_]*)`)
	for _, lang := range Langs {
		l := For(lang)
		if len(l.own) == 0 {
			t.Fatalf("%s: no single-form messages", lang)
		}
		ids, err := IDs(lang)
		if err != nil {
			t.Fatal(err)
		}
		other, err := IDs(map[string]string{"nb": "en", "en": "nb"}[lang])
		if err != nil {
			t.Fatal(err)
		}
		ids = append(append(ids, other...), "no.such.message", "")
		n := 0
		for _, id := range ids {
			data := map[string]any{}
			if m := l.own[id]; m != nil {
				n++
				for _, f := range field.FindAllStringSubmatch(m.src, -1) {
					data[f[1]] = "«" + f[1] + "»"
				}
			}
			for _, d := range [][]any{nil, {data}, {struct{ Count int }{3}}, {map[string]any{"Count": 2, "Name": "A & B"}}} {
				if got, want := l.T(id, d...), l.slowT(id, d...); got != want {
					t.Errorf("%s %q %v: T %q, go-i18n %q", lang, id, d, got, want)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no message went through the own lookup", lang)
		}
	}
}
