package i18n

import (
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
