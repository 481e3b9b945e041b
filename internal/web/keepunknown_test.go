package web

import (
	"net/url"
	"strings"
	"testing"
)

func stepWithKey(t *testing.T, key string) step {
	t.Helper()
	for _, st := range steps() {
		for _, k := range st.Keys {
			if k == key {
				return st
			}
		}
	}
	t.Fatalf("no step holds %s", key)
	return step{}
}

// Saving a step must not silently drop keys the form has no field for (an
// imported file's unknown keys): they stay where they were, so the loader
// keeps reporting them.
func TestSaveStepKeepsUnknownKeys(t *testing.T) {
	working := []byte(`format: 1
processor:
  name: Old AS
  colour: red
  contact:
    name: Kari
    pager: "123"
subprocessors:
  - name: A Ltd
    country: IE
    shoe_size: 44
  - name: B GmbH
    country: DE
`)
	form := url.Values{"processor.name": {"New AS"}, "processor.contact.name": {"Kari"}}
	out, _, err := applyStep(working, stepWithKey(t, "processor"), form)
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{"name: New AS", "colour: red", "pager: \"123\"", "shoe_size: 44"} {
		if !strings.Contains(s, want) {
			t.Errorf("after saving the processor step, %q is missing:\n%s", want, s)
		}
	}
	if strings.Contains(s, "Old AS") {
		t.Errorf("the typed value did not replace the old one:\n%s", s)
	}

	// list items keep their own unknown keys, also when another item is removed
	form = url.Values{"subprocessors.count": {"2"},
		"subprocessors[0].name": {"A Ltd"}, "subprocessors[0].country": {"IE"},
		"subprocessors[1].name": {"B GmbH"}, "subprocessors[1].country": {"DE"}}
	out, _, err = applyStep(working, stepWithKey(t, "subprocessors"), form)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(out); !strings.Contains(s, "shoe_size: 44") || strings.Index(s, "shoe_size") > strings.Index(s, "B GmbH") {
		t.Errorf("unknown key of item 0 lost or moved:\n%s", s)
	}
	form.Set("action", "remove:subprocessors[1]")
	out, _, err = applyStep(working, stepWithKey(t, "subprocessors"), form)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(out); !strings.Contains(s, "shoe_size: 44") || strings.Contains(s, "B GmbH") {
		t.Errorf("remove of item 1 lost item 0's unknown key or kept item 1:\n%s", s)
	}
	form.Set("action", "remove:subprocessors[0]")
	out, _, err = applyStep(working, stepWithKey(t, "subprocessors"), form)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(out); strings.Contains(s, "shoe_size") || !strings.Contains(s, "B GmbH") {
		t.Errorf("removing item 0 must remove its unknown keys with it:\n%s", s)
	}
}
