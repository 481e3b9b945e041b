package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/golden"

	"github.com/dpa-no/dpa/internal/docx"
)

const diffData = "../../testdata/diff"

func TestDiffGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"library.md", []string{diffData + "/lib-old", diffData + "/lib-new", "--format", "md"}},
		{"library.json", []string{diffData + "/lib-old", diffData + "/lib-new", "--format", "json"}},
		{"library.en.txt", []string{diffData + "/lib-old", diffData + "/lib-new", "--lang", "en"}},
		{"answers.md", []string{diffData + "/answers-old.yaml", diffData + "/answers-new.yaml", "--library", diffData + "/lib-new", "--format", "md", "--date", "2026-12-01"}},
		{"answers.json", []string{diffData + "/answers-old.yaml", diffData + "/answers-new.yaml", "--library", diffData + "/lib-new", "--format", "json", "--date", "2026-12-01"}},
		{"answers.html", []string{diffData + "/answers-old.yaml", diffData + "/answers-new.yaml", "--library", diffData + "/lib-new", "--format", "html", "--date", "2026-12-01"}},
		{"answers.summary.md", []string{diffData + "/answers-old.yaml", diffData + "/answers-new.yaml", "--library", diffData + "/lib-new", "--format", "md", "--summary", "--date", "2026-12-01"}},
		{"answers.summary.html", []string{diffData + "/answers-old.yaml", diffData + "/answers-new.yaml", "--library", diffData + "/lib-new", "--format", "html", "--summary", "--date", "2026-12-01"}},
	}
	for _, c := range cases {
		code, out, stderr := runDPA(t, append([]string{"diff"}, c.args...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", c.name, code, stderr)
		}
		golden.Check(t, filepath.Join(diffData, c.name+".golden"), []byte(out))
	}
}

func TestDiffLibraryJSON(t *testing.T) {
	_, out, _ := runDPA(t, "diff", diffData+"/lib-old", diffData+"/lib-new", "--format", "json")
	var r struct {
		Added   []string `json:"added"`
		Removed []string `json:"removed"`
		Changed []struct {
			ID          string   `json:"id"`
			OldVersion  int      `json:"old_version"`
			NewVersion  int      `json:"new_version"`
			VersionNote string   `json:"version_note"`
			Explanation []string `json:"explanation"`
		} `json:"changed"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if strings.Join(r.Added, ",") != "several-subprocessors,notices" || strings.Join(r.Removed, ",") != "old-notice" {
		t.Errorf("added %v removed %v", r.Added, r.Removed)
	}
	got := map[string]string{}
	for _, c := range r.Changed {
		got[c.ID] = strings.Join(append([]string{string(rune('0' + c.OldVersion)), string(rune('0' + c.NewVersion)), c.VersionNote}, c.Explanation...), "|")
	}
	want := map[string]string{
		"model-terms": "1|2||nå også når tjenestemodellen er PaaS",
		"return-data": "1|2||dekker nå også kravet test.deletion",
		"deletion":    "1|1|ikke økt",
	}
	for id, w := range want {
		parts := strings.Split(w, "|")
		g := got[id]
		if !strings.HasPrefix(g, parts[0]+"|"+parts[1]+"|") {
			t.Errorf("%s: %q, want versions %s -> %s", id, g, parts[0], parts[1])
		}
		for _, p := range parts[2:] {
			if p != "" && !strings.Contains(g, p) {
				t.Errorf("%s: %q does not contain %q", id, g, p)
			}
		}
	}
	if len(r.Changed) != 3 {
		t.Errorf("%d changed, want 3", len(r.Changed))
	}
}

func TestDiffAnswersRenumbering(t *testing.T) {
	_, out, _ := runDPA(t, "diff", diffData+"/answers-old.yaml", diffData+"/answers-new.yaml", "--library", diffData+"/lib-new", "--format", "json")
	var r struct {
		Added      []string              `json:"added"`
		Changed    []struct{ ID string } `json:"changed"`
		Renumbered []struct{ ID string } `json:"renumbered"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range r.Changed {
		ids = append(ids, c.ID)
	}
	// deletion and notices are renumbered but their text is the same
	if strings.Join(ids, ",") != "subprocessor-list,return-data" || strings.Join(r.Added, ",") != "several-subprocessors" || len(r.Renumbered) != 5 {
		t.Errorf("changed %v added %v renumbered %v", ids, r.Added, r.Renumbered)
	}
}

func TestDiffDocxFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.docx")
	code, _, stderr := runDPA(t, "diff", diffData+"/answers-old.yaml", diffData+"/answers-new.yaml", "--library", diffData+"/lib-new", "--format", "docx", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := docx.Check(b); err != nil {
		t.Fatal(err)
	}
	// same input, same bytes; and the date is the agreement's, not the clock's
	code, _, _ = runDPA(t, "diff", diffData+"/answers-old.yaml", diffData+"/answers-new.yaml", "--library", diffData+"/lib-new", "--format", "docx", "-o", out, "--force")
	b2, _ := os.ReadFile(out)
	if code != 0 || !bytes.Equal(b, b2) {
		t.Fatalf("docx not deterministic")
	}
	// existing file without --force: refused
	if code, _, _ := runDPA(t, "diff", diffData+"/answers-old.yaml", diffData+"/answers-new.yaml", "--library", diffData+"/lib-new", "--format", "docx", "-o", out); code != ExitInput {
		t.Errorf("overwrite without --force: exit %d", code)
	}
}

func TestDiffInputErrors(t *testing.T) {
	cases := [][]string{
		{"diff", diffData + "/lib-old", diffData + "/answers-new.yaml"},
		{"diff", diffData + "/lib-old"},
		{"diff", diffData + "/lib-old", diffData + "/lib-new", "--format", "pdf"},
		{"diff", diffData + "/lib-old", diffData + "/lib-new", "--format", "docx"},
		{"diff", diffData + "/lib-old", diffData + "/nope"},
		{"diff", diffData + "/lib-old", diffData + "/lib-new", "--lang", "de"},
	}
	for _, args := range cases {
		if code, _, stderr := runDPA(t, args...); code != ExitInput || stderr == "" {
			t.Errorf("%v: exit %d (%s), want 2", args, code, stderr)
		}
	}
	code, out, _ := runDPA(t, "diff", diffData+"/lib-old", diffData+"/lib-old")
	if code != 0 || !strings.Contains(out, "Ingen forskjeller.") {
		t.Errorf("self-diff: exit %d\n%s", code, out)
	}
}
