package docgen

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/rules"
)

// TestGeneratedFilesCurrent fails when a committed generated file is not
// what the types, the catalogue and the command tree give.
func TestGeneratedFilesCurrent(t *testing.T) {
	for file, make := range map[string]func() ([]byte, error){
		"../../docs/answers.md":        AnswersMD,
		"../../docs/cli.md":            CLIMD,
		"../../docs/nb/answers.md":     AnswersMDNB,
		"../../docs/nb/cli.md":         CLIMDNB,
		"../../templates/init.nb.yaml": func() ([]byte, error) { return InitTemplate("nb") },
		"../../templates/init.en.yaml": func() ([]byte, error) { return InitTemplate("en") },
	} {
		want, err := make()
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		have, err := os.ReadFile(file)
		if err != nil || !bytes.Equal(have, want) {
			t.Errorf("%s is stale: run\n\tgo generate ./...", filepath.Clean(strings.TrimPrefix(file, "../../")))
		}
	}
}

// TestAnswersDocEveryField: every field path of the types has its section
// in docs/answers.md, with its type and required-ness, and every allowed
// value appears.
func TestAnswersDocEveryField(t *testing.T) {
	b, err := AnswersMD()
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, f := range answers.Fields() {
		sec := "</a>`" + f.Path + "`\n" // the heading, not a list of values ending in the same word
		i := strings.Index(doc, sec)
		if i < 0 {
			t.Errorf("docs/answers.md has no section for %s", f.Path)
			continue
		}
		rest := doc[i:]
		if j := strings.Index(rest[len(sec):], "\n#"); j >= 0 {
			rest = rest[:len(sec)+j]
		}
		for _, want := range []string{"- Type: ", "- Required: ", f.Label.EN, f.Label.NB} {
			if !strings.Contains(rest, want) {
				t.Errorf("%s: section lacks %q", f.Path, want)
			}
		}
		for _, v := range f.Enum {
			if v != "" && !strings.Contains(rest, "| `"+v+"` |") {
				t.Errorf("%s: value %s not documented", f.Path, v)
			}
		}
	}
	if !strings.Contains(doc, "`processor.name`\n\n**Name** (nb: Navn). ") {
		t.Error("processor.name section shape")
	}
	req := Required()
	for _, p := range []string{"controller.name", "service.model", "processing.purposes", "locations[].country", "subprocessors[].name"} {
		if !req[p] {
			t.Errorf("%s not required in a final agreement: %v", p, sortedKeys(req))
		}
	}
	if req["security.mfa"] || req["agreement.date"] {
		t.Error("optional fields reported as required")
	}
}

// TestFindingCodesDocumented: every finding code the rules define is in
// the findings table of docs/answers.md.
func TestFindingCodesDocumented(t *testing.T) {
	files, _ := filepath.Glob("../rules/*.go")
	re := regexp.MustCompile(`Code[A-Za-z]+\s*=\s*"([a-z-]+)"`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			n++
			found := false
			for _, r := range findingRows {
				found = found || r[0] == m[1]
			}
			if !found {
				t.Errorf("finding code %s (internal/rules) is not in findingRows of internal/docgen/answers.go", m[1])
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d finding codes found in internal/rules", n)
	}
}

// TestInitTemplates: the templates load strictly, pass check as a draft
// (no errors), pre-fill no coded value, and explain every field.
func TestInitTemplates(t *testing.T) {
	for _, lang := range i18n.Langs {
		b, err := InitTemplate(lang)
		if err != nil {
			t.Fatal(err)
		}
		a, err := answers.Load("init."+lang+".yaml", b, i18n.For(lang))
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		if a.Status != "draft" || a.Language != lang {
			t.Errorf("%s: status %q language %q", lang, a.Status, a.Language)
		}
		for _, x := range rules.Findings(a, rules.Derive(a, true), i18n.For(lang)) {
			if x.Severity == rules.Error {
				t.Errorf("%s: error finding in the template: %+v", lang, x)
			}
		}
		// no coded value is pre-filled: every enum line is empty or a list
		text := string(b)
		for _, f := range answers.Fields() {
			if len(f.Enum) == 0 || f.Path == "status" || f.Path == "language" || f.Path == "format" || f.Parent != "" && strings.HasSuffix(parentKind(f), "list_of_objects") {
				continue
			}
			re := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(f.Key) + `:(.*)$`)
			for _, m := range re.FindAllStringSubmatch(text, -1) {
				if v := strings.TrimSpace(m[1]); v != "" && v != "[]" {
					t.Errorf("%s: %s is pre-filled with %q", lang, f.Path, v)
				}
			}
		}
		// every value of every enum is explained, in the template's language
		for _, f := range answers.Fields() {
			if !strings.Contains(text, f.Label.In(lang)) {
				t.Errorf("%s: %s (%s) not explained", lang, f.Path, f.Label.In(lang))
			}
			for _, v := range f.Values {
				if f.Path != "format" && !strings.Contains(text, v.Label.In(lang)) {
					t.Errorf("%s: %s value %s not explained", lang, f.Path, v.Value)
				}
			}
		}
		// pre-filled legal booleans say that they are a choice: the line
		// before each "key: false" of a legal plain boolean is the choice
		// note (a *bool such as dpf_certified is not pre-filled)
		legalBool := map[string]bool{}
		for _, f := range answers.Fields() {
			if f.Kind == "boolean" && f.Legal && !f.Pointer {
				legalBool[f.Key] = true
			}
		}
		prefilled := 0
		lines := strings.Split(text, "\n")
		for i, l := range lines {
			k, v, ok := strings.Cut(strings.TrimSpace(l), ":")
			if !ok || strings.TrimSpace(v) != "false" || !legalBool[k] || i == 0 {
				continue
			}
			prefilled++
			if !strings.Contains(lines[i-1], words[lang]["bool_choice"]) {
				t.Errorf("%s: legal boolean %s pre-filled without the choice note", lang, k)
			}
		}
		if prefilled < 2 {
			t.Errorf("%s: only %d legal booleans pre-filled and marked as choices", lang, prefilled)
		}
		// yes/no decisions (a *bool without a default) are left open and
		// say so: absent is not false (decision-missing)
		for _, f := range answers.Fields() {
			if f.Kind != "boolean" || !f.Pointer || defaultWords(f, lang) != "" {
				continue
			}
			if !regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(f.Key) + `:\s*$`).MatchString(text) {
				t.Errorf("%s: decision %s is not left open in the template", lang, f.Path)
			}
		}
		if n := strings.Count(text, words[lang]["bool_decision"][:16]); n < 6 {
			t.Errorf("%s: %d yes/no decisions marked, want at least 6", lang, n)
		}
		// country codes are quoted
		if regexp.MustCompile(`(?m)country: [A-Z]{2}\b`).MatchString(text) {
			t.Errorf("%s: unquoted country code", lang)
		}
	}
}

func parentKind(f answers.Field) string {
	p, _ := answers.FieldByPath(f.Parent)
	return p.Kind
}
