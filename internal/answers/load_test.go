package answers

import (
	"errors"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/yamlx"
)

func TestLoadExample(t *testing.T) {
	a, err := Load("journal-saas.yaml", examples.Journal, i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Processor.Name != "Skyjournal AS" || a.Agreement.Date != "2026-11-22" || len(a.Subprocessors) != 2 || a.Subprocessors[1].Country != "US" || a.Terms.BreachNoticeHours == nil || *a.Terms.BreachNoticeHours != 24 {
		t.Fatalf("unexpected decode: %+v", a)
	}
}

func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name, src string
		line, col int
		path      string
		contains  string
		limit     bool
	}{
		{"unknown key with suggestion", "format: 1\nservise:\n  name: x\n", 2, 1, "servise", `did you mean "service"`, false},
		{"nested unknown key", "format: 1\nprocessor:\n  nmae: x\n", 3, 3, "processor.nmae", `did you mean "name"`, false},
		{"unknown key without suggestion", "format: 1\nzzzzzzzz: 1\n", 2, 1, "zzzzzzzz", `unknown key "zzzzzzzz"`, false},
		{"bad enum", "format: 1\nservice:\n  model: sass\n", 3, 10, "service.model", `did you mean "saas"`, false},
		{"bad transfer basis in list", "format: 1\nsubprocessors:\n  - name: a\n  - name: b\n    transfer_basis: gdpr\n", 5, 21, "subprocessors[1].transfer_basis", "allowed: none, adequacy, scc, bcr", false},
		{"wrong type int", "format: 1\nterms:\n  breach_notice_hours: soon\n", 3, 24, "terms.breach_notice_hours", "the field takes an integer, written like this: breach_notice_hours: 24", false},
		{"wrong type bool", "format: 1\nrisk:\n  migration: maybe\n", 3, 14, "risk.migration", "the field takes true or false, written like this: migration: false", false},
		{"wrong type list", "format: 1\naccess_countries: NO\n", 2, 19, "access_countries", "the field takes a list, written like this: access_countries: [\"NO\", \"SE\"]", false},
		{"wrong type mapping", "format: 1\ncontroller: Helse\n", 2, 13, "controller", "takes a mapping of keys, written like this: controller: {name: ", false},
		{"bad date", "format: 1\nagreement:\n  date: 22.11.2026\n", 3, 9, "agreement.date", "YYYY-MM-DD", false},
		{"unsupported format", "format: 2\n", 1, 9, "format", "format 2 is not supported", false},
		{"missing format", "service: {name: x}\n", 1, 1, "format", "format", false},
		{"syntax error", "format: 1\nservice: [\n", 2, 0, "", "YAML syntax error", false},
		{"duplicate key", "format: 1\nformat: 1\n", 2, 1, "format", "appears twice", false},
		{"empty", "", 0, 0, "", "empty", false},
		{"binary", "format: 1\x00\x01", 1, 10, "format", "not UTF-8 text", false},
		{"too large", "format: 1\n#" + strings.Repeat("x", 1<<20), 0, 0, "", "limit", true},
		{"deep nesting", "format: 1\nservice:\n  description: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n", 3, 0, "service.description" + strings.Repeat("[0]", 31), "nested too deeply", true},
		{"alias bomb", aliasBomb(), 0, 0, "x5[0][2][0][5][4]", "aliases", true},
		{"many nodes without aliases", "format: 1\nservice:\n  description: [" + strings.Repeat("a,", 100000) + "a]\n", 3, 0, "service.description[99993]", "too many elements (limit 100000); split", true},
		{"not a mapping", "- a\n- b\n", 1, 1, "", "must be a YAML mapping", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load("a.yaml", []byte(c.src), i18n.For("en"))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), c.contains) {
				t.Errorf("error %q does not contain %q", err, c.contains)
			}
			if !strings.HasPrefix(err.Error(), "a.yaml") {
				t.Errorf("error does not name the file: %q", err)
			}
			if yamlx.IsLimit(err) != c.limit {
				t.Errorf("IsLimit = %v, want %v", yamlx.IsLimit(err), c.limit)
			}
			var e *yamlx.Error
			var es yamlx.Errors
			switch {
			case errors.As(err, &es):
				e = es[0]
			case errors.As(err, &e):
			default:
				t.Fatalf("error type %T", err)
			}
			if c.line > 0 && e.Line != c.line {
				t.Errorf("line = %d, want %d (%v)", e.Line, c.line, err)
			}
			if c.col > 0 && e.Column != c.col {
				t.Errorf("column = %d, want %d (%v)", e.Column, c.col, err)
			}
			if e.Path != c.path {
				t.Errorf("path = %q, want %q", e.Path, c.path)
			}
		})
	}
}

func aliasBomb() string {
	var b strings.Builder
	b.WriteString("format: 1\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 10; i++ {
		b.WriteString("x")
		b.WriteString(string(rune('0' + i)))
		b.WriteString(": &a")
		b.WriteString(string(rune('0' + i)))
		b.WriteString(" [")
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a")
			b.WriteString(string(rune('0' + i - 1)))
		}
		b.WriteString("]\n")
	}
	return b.String()
}

func TestErrorsInNorwegian(t *testing.T) {
	_, err := Load("a.yaml", []byte("format: 1\nservise: {}\n"), i18n.For("nb"))
	if err == nil || !strings.Contains(err.Error(), "mente du «service»") {
		t.Fatalf("got %v", err)
	}
	if !strings.Contains(err.Error(), "    2 | servise: {}") {
		t.Errorf("no snippet: %v", err)
	}
}

func TestSeveralErrorsAtOnce(t *testing.T) {
	_, err := Load("a.yaml", []byte("format: 1\nservise: {}\nrisk:\n  migration: 3\n"), i18n.For("en"))
	var es yamlx.Errors
	if !errors.As(err, &es) || len(es) != 2 {
		t.Fatalf("want 2 errors, got %v", err)
	}
}

func TestTemplateSyntaxIsData(t *testing.T) {
	a, err := Load("a.yaml", []byte("format: 1\ncontroller:\n  name: '{{ .Controller.Name }}'\n"), i18n.For("en"))
	if err != nil || a.Controller.Name != "{{ .Controller.Name }}" {
		t.Fatalf("%v %q", err, a.Controller.Name)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(examples.Journal)
	f.Add([]byte("format: 1\nservise: {}\n"))
	f.Add([]byte(aliasBomb()))
	f.Add([]byte("format: 1\nsubprocessors: [{name: a, locations: [XX]}]\n"))
	ui := i18n.For("en")
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Load("f.yaml", data, ui)
		if err == nil && a == nil {
			t.Fatal("nil answers without error")
		}
		if err != nil && err.Error() == "" {
			t.Fatal("empty error message")
		}
	})
}

// TestNodeLimitDoesNotBlameAliases: the node limit names aliases only when
// the file has some.
func TestNodeLimitDoesNotBlameAliases(t *testing.T) {
	_, err := Load("a.yaml", []byte("format: 1\nx: ["+strings.Repeat("a,", 100001)+"a]\n"), i18n.For("en"))
	if err == nil || strings.Contains(err.Error(), "alias") || !yamlx.IsLimit(err) {
		t.Fatalf("got %v", err)
	}
	_, err = Load("a.yaml", []byte(aliasBomb()), i18n.For("nb"))
	if err == nil || !strings.Contains(err.Error(), "aliaser") {
		t.Fatalf("got %v", err)
	}
}

// TestAbsentIsNotZero: an omitted term is nil (the default is the rules'
// to apply, and said so); a given value is kept as given.
func TestAbsentIsNotZero(t *testing.T) {
	a, err := Load("a.yaml", []byte("format: 1\nterms: {return_within_days: 45, deletion_within_days: 30.0}\n"), i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Terms.ReturnWithinDays == nil || *a.Terms.ReturnWithinDays != 45 || a.Terms.DeletionWithinDays == nil || *a.Terms.DeletionWithinDays != 30 {
		t.Fatalf("given values: %+v", a.Terms)
	}
	if a.Terms.RestoreTimeHours != nil || a.Terms.SubprocessorNoticeDays != nil || a.Terms.BreachNoticeHours != nil {
		t.Fatalf("omitted values are not nil: %+v", a.Terms)
	}
}

// TestNFC: text values are returned in NFC, so a name typed with a
// combining ring is the same value as the precomposed one; what is checked
// against enums and patterns is what was typed.
func TestNFC(t *testing.T) {
	decomposed := "format: 1\ncontroller: {name: \"A\u030Asen kommune\"}\nprocessing: {purposes: [\"Ma\u0308rkning\"]}\n"
	precomposed := "format: 1\ncontroller: {name: \"\u00C5sen kommune\"}\nprocessing: {purposes: [\"M\u00E4rkning\"]}\n"
	a, err := Load("a.yaml", []byte(decomposed), i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load("b.yaml", []byte(precomposed), i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Controller.Name != b.Controller.Name || a.Processing.Purposes[0] != b.Processing.Purposes[0] || a.Controller.Name != "\u00C5sen kommune" {
		t.Fatalf("%q %q / %q %q", a.Controller.Name, b.Controller.Name, a.Processing.Purposes[0], b.Processing.Purposes[0])
	}
}

// TestSuggestions: the suggestion classes of enum errors.
func TestSuggestions(t *testing.T) {
	for _, c := range []struct{ value, want string }{
		{"helse", "health"}, {"Helse", "health"}, {"fagforening", "union"}, {"genetisk", "genetic"}, {"biometri", "biometric"},
		{"Health", "health"}, {"HEALTH", "health"}, {"helth", "health"}, {"religion", "religious"},
	} {
		_, err := Load("a.yaml", []byte("format: 1\nprocessing: {special_categories: ["+c.value+"]}\n"), i18n.For("en"))
		if err == nil || !strings.Contains(err.Error(), `did you mean "`+c.want+`"`) {
			t.Errorf("%s: %v", c.value, err)
		}
	}
	_, err := Load("a.yaml", []byte("format: 1\nservice: {model: skyen}\n"), i18n.For("en"))
	if err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("a suggestion where none fits: %v", err)
	}
}

// TestLocate: findings name a path; Locate gives its line and column, or
// its nearest parent's for a missing field.
func TestLocate(t *testing.T) {
	raw := []byte("format: 1\nprocessor:\n  name: P\nsubprocessors:\n  - name: a\n  - {name: b, transfer_basis: none}\n")
	got := Locate(raw, []string{"processor.name", "subprocessors[1].transfer_basis", "processor.org_number", "controller.name", "format"})
	want := [][2]int{{3, 9}, {6, 31}, {2, 1}, {0, 0}, {1, 9}}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: got %v, want %v", i, got[i], want[i])
		}
	}
}
