package answers

import (
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/i18n"
)

// TestCatalogue fails when a field of the answers types has no entry in
// fields.yaml, when an entry names no field, or when an allowed value is
// not explained. The message says exactly what to add.
func TestCatalogue(t *testing.T) {
	for _, p := range CatalogueProblems() {
		t.Error(p)
	}
}

func TestFieldsOrderAndShape(t *testing.T) {
	fs := Fields()
	if len(fs) < 60 {
		t.Fatalf("only %d fields", len(fs))
	}
	seen := map[string]bool{}
	for _, f := range fs {
		if f.Parent != "" && !seen[f.Parent] {
			t.Errorf("%s comes before its parent %s", f.Path, f.Parent)
		}
		seen[f.Path] = true
	}
	cases := []struct {
		path, kind string
		enum       []string
	}{
		{"format", "integer", []string{"1"}},
		{"service.model", "string", []string{"saas", "paas", "iaas"}},
		{"subprocessors", "list_of_objects", nil},
		{"subprocessors[].transfer_basis", "string", []string{"none", "adequacy", "scc", "bcr"}},
		{"subprocessors[].locations", "list_of_countries", nil},
		{"locations[].country", "country", nil},
		{"agreement.date", "date", nil},
		{"processing.purposes", "list_of_strings", nil},
		{"terms.breach_notice_hours", "integer", nil},
		{"controller.contact.name", "string", nil},
	}
	for _, c := range cases {
		f, ok := FieldByPath(c.path)
		if !ok {
			t.Errorf("%s: not found", c.path)
			continue
		}
		if f.Kind != c.kind {
			t.Errorf("%s: kind %s, want %s", c.path, f.Kind, c.kind)
		}
		if strings.Join(f.Enum, ",") != strings.Join(c.enum, ",") {
			t.Errorf("%s: enum %v, want %v", c.path, f.Enum, c.enum)
		}
		if f.Label.NB == "" || f.Label.EN == "" || f.Help.NB == "" || f.Help.EN == "" {
			t.Errorf("%s: label/help missing: %+v", c.path, f)
		}
		for _, v := range f.Values {
			if v.Label.NB == "" || v.Help.EN == "" {
				t.Errorf("%s: value %q unexplained", c.path, v.Value)
			}
		}
	}
	// a type-level entry covers every use of the type
	a, _ := FieldByPath("controller.contact.email")
	b, _ := FieldByPath("processor.contact.email")
	if a.Label != b.Label || a.Label.NB == "" {
		t.Errorf("Contact.email not shared: %+v / %+v", a.Label, b.Label)
	}
	// indexes are ignored
	if f, ok := FieldByPath("subprocessors[3].tia_done"); !ok || f.Path != "subprocessors[].tia_done" {
		t.Errorf("FieldByPath with index: %+v %v", f, ok)
	}
	// SCC is named as the guide names it
	f, _ := FieldByPath("processor.transfer_basis")
	for _, v := range f.Values {
		if v.Value == "scc" && !strings.Contains(v.Label.NB, "standard personvernbestemmelser") && !strings.Contains(strings.ToLower(v.Label.NB), "standard personvernbestemmelser") {
			t.Errorf("scc label %q", v.Label.NB)
		}
	}
	if f, _ := FieldByPath("terms.breach_notice_hours"); f.Min == nil || *f.Min != 1 || f.Max == nil || *f.Max != 72 || !f.Pointer {
		t.Errorf("breach_notice_hours bounds: %+v", f)
	}
}

func TestTextIn(t *testing.T) {
	x := Text{NB: "ja", EN: "yes"}
	if x.In("en") != "yes" || x.In("nb") != "ja" || x.In("") != "ja" {
		t.Error(x)
	}
	if (Text{NB: "bare"}).In("en") != "bare" {
		t.Error("fallback to nb")
	}
}

func TestMissingEntryMessage(t *testing.T) {
	f := Field{Path: "risk.health_register", GoType: "Risk.HealthRegister", TypeKey: "Risk.health_register", Kind: "boolean"}
	m := missingEntry(f)
	for _, want := range []string{"risk.health_register:", "label: {nb:", "help:", "source:", "example:"} {
		if !strings.Contains(m, want) {
			t.Errorf("message lacks %q:\n%s", want, m)
		}
	}
}

// TestWrongTypeInWords: a wrong type is told in words with the right form
// from the catalogue, in the UI language.
func TestWrongTypeInWords(t *testing.T) {
	src := "format: 1\nprocessing:\n  purposes: Helsehjelp\nservice: saas\n"
	for lang, want := range map[string][]string{
		"nb": {`processing.purposes: feil type: feltet tar en liste, skrevet slik: purposes: ["Helsehjelp"] (fant tekst "Helsehjelp")`,
			`service: feil type: feltet tar en tabell med nøkler, skrevet slik: service: {name: "Journalsystem som tjeneste", description: `},
		"en": {`processing.purposes: wrong type: the field takes a list, written like this: purposes: ["Health care"] (found text "Helsehjelp")`},
	} {
		_, err := Load("a.yaml", []byte(src), i18n.For(lang))
		if err == nil {
			t.Fatal("loaded")
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q not in\n%s", lang, w, err)
			}
		}
	}
	if got := ExampleOf("subprocessors[2].locations", "en"); got != `["IE", "NL"]` {
		t.Errorf("ExampleOf with index: %q", got)
	}
}
