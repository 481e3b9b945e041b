package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestChangelogLanguage checks that `dpa clauses show` and `dpa diff` of
// libraries print changelog entries in the document language (--lang), and
// that an entry of an outside library written in the old form (English
// only) is shown as written with a note, never silently as Norwegian.
func TestChangelogLanguage(t *testing.T) {
	lib := diffData + "/lib-new"
	show := func(args ...string) string {
		t.Helper()
		code, out, stderr := runDPA(t, append([]string{"clauses", "show", "--library", lib}, args...)...)
		if code != 0 {
			t.Fatalf("clauses show %v: exit %d: %s", args, code, stderr)
		}
		return out
	}
	cases := []struct {
		args      []string
		want, not []string
	}{
		// bilingual entry: nb text in nb, en text in en
		{[]string{"model-terms"}, []string{"  2  2026-12-01  Også for PaaS.\n"}, []string{"Also for PaaS."}},
		{[]string{"model-terms", "--lang", "en"}, []string{"  2  2026-12-01  Also for PaaS.\n"}, []string{"Også"}},
		// old form: English with a note in the UI language
		{[]string{"return-data"}, []string{"  2  2026-12-01  14 days after a request. [bare på engelsk: biblioteket har ingen norsk tekst for denne oppføringen]\n"}, nil},
		{[]string{"return-data", "--ui-lang", "en"}, []string{"14 days after a request. [only in English: the library has no Norwegian text for this entry]\n"}, nil},
		{[]string{"return-data", "--lang", "en"}, []string{"  2  2026-12-01  14 days after a request.\n"}, []string{"engelsk", "English:"}},
	}
	for _, c := range cases {
		out := show(c.args...)
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("clauses show %v: no %q in\n%s", c.args, w, out)
			}
		}
		for _, n := range c.not {
			if strings.Contains(out, n) {
				t.Errorf("clauses show %v: %q in\n%s", c.args, n, out)
			}
		}
	}

	// diff of libraries: --lang nb prints the nb text, or the English with a note
	code, out, stderr := runDPA(t, "diff", diffData+"/lib-old", lib, "--lang", "nb", "--ui-lang", "en")
	if code != 0 && code != 1 {
		t.Fatalf("diff: exit %d: %s", code, stderr)
	}
	for _, w := range []string{
		"Changelog 2 (2026-12-01): Også for PaaS.",
		"Changelog 2 (2026-12-01): 14 days after a request. [only in English: the library has no Norwegian text for this entry]",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("diff --lang nb: no %q in\n%s", w, out)
		}
	}
	_, out, _ = runDPA(t, "diff", diffData+"/lib-old", lib, "--lang", "en", "--format", "json")
	var r struct {
		ChangelogLang string `json:"changelog_lang"`
		Changed       []struct {
			ID        string `json:"id"`
			Changelog []struct {
				Text, Lang, NB, EN string
			} `json:"changelog"`
		} `json:"changed"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.ChangelogLang != "en" {
		t.Errorf("changelog_lang %q", r.ChangelogLang)
	}
	got := map[string]string{}
	for _, c := range r.Changed {
		for _, e := range c.Changelog {
			got[c.ID] += e.Text + "|" + e.Lang + "|" + e.NB + "|" + e.EN + ";"
		}
	}
	if got["model-terms"] != "Also for PaaS.|en|Også for PaaS.|Also for PaaS.;" || got["return-data"] != "14 days after a request.|en||14 days after a request.;" {
		t.Errorf("json changelog entries: %v", got)
	}
}
