package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/examples"
)

// runMain runs dpa in-process and returns the exit code, stdout and stderr.
func runMain(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(&Factory{Out: &out, Err: &errb, In: strings.NewReader(""), Getenv: os.Getenv}, args)
	return code, out.String(), errb.String()
}

// variant returns the example answers with the controller, service and
// language varied by i, so that every file gives a different agreement.
func variant(i int) []byte {
	s := string(examples.Journal)
	s = strings.Replace(s, "name: Helse Vestby HF", fmt.Sprintf("name: Helse Vestby %d HF", i), 1)
	s = strings.Replace(s, "name: Journalsystem som tjeneste", fmt.Sprintf("name: Journalsystem %d", i), 1)
	s = strings.Replace(s, `reference: "2026/1234"`, fmt.Sprintf(`reference: "2026/%d"`, 1000+i), 1)
	if i%2 == 1 {
		s = strings.Replace(s, "language: nb", "language: en", 1)
	}
	return []byte(s)
}

func writeVariants(t testing.TB, dir string, n int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("agreement-%03d.yaml", i)), variant(i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func hexSHA(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestBatchManifest builds a batch in parallel (run it with -race) and checks
// that manifest.json lists exactly the files written, with their real sizes
// and sha256, the answers' sha256, and that a second build of the same inputs
// gives the same bytes.
func TestBatchManifest(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	tmp := t.TempDir()
	in := filepath.Join(tmp, "in")
	writeVariants(t, in, 8)
	// one file with blocking findings, one that cannot be read
	bad := strings.Replace(string(variant(99)), `org_number: "310 000 019"`, `org_number: "974 631 408"`, 1)
	os.WriteFile(filepath.Join(in, "zz-findings.yaml"), []byte(bad), 0o644)
	os.WriteFile(filepath.Join(in, "zz-syntax.yaml"), []byte("format: 1\nservice: [\n"), 0o644)

	out1 := filepath.Join(tmp, "out1")
	code, stdout, stderr := runMain(t, "generate", in, "-o", out1, "-f", "md,txt,json,docx", "--jobs", "4")
	if code != ExitInput {
		t.Fatalf("exit %d, want %d (input error ranks above findings)\n%s", code, ExitInput, stderr)
	}
	for _, want := range []string{"8 bygget, 2 feilet, 32 filer skrevet", "zz-findings.yaml", "zz-syntax.yaml:2"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "manifest.json") {
		t.Errorf("stdout does not name the manifest:\n%s", stdout)
	}
	raw, err := os.ReadFile(filepath.Join(out1, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if m.LibraryVersion == "" || m.DPAVersion != Version {
		t.Errorf("versions: %+v", m)
	}
	entries, _ := os.ReadDir(out1)
	var onDisk []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".dpa-") {
			t.Errorf("stray temporary file %s", e.Name())
		}
		if e.Name() != "manifest.json" {
			onDisk = append(onDisk, e.Name())
		}
	}
	var listed []string
	for _, f := range m.Files {
		listed = append(listed, f.Name)
		data, err := os.ReadFile(filepath.Join(out1, f.Name))
		if err != nil {
			t.Fatalf("manifest lists %s: %v", f.Name, err)
		}
		if f.Size != len(data) || f.SHA256 != hexSHA(data) {
			t.Errorf("%s: manifest size %d sha %s, file %d %s", f.Name, f.Size, f.SHA256, len(data), hexSHA(data))
		}
		ans, err := os.ReadFile(f.Answers)
		if err != nil || f.AnswersSHA256 != hexSHA(ans) {
			t.Errorf("%s: answers %s sha %s: %v", f.Name, f.Answers, f.AnswersSHA256, err)
		}
		wantLang := "nb"
		if strings.Contains(string(ans), "language: en") {
			wantLang = "en"
		}
		if f.Language != wantLang || !strings.HasSuffix(f.Name, "."+f.Language+"."+f.Format) {
			t.Errorf("%s: language %q format %q", f.Name, f.Language, f.Format)
		}
	}
	if !sort.StringsAreSorted(listed) {
		t.Errorf("manifest not sorted: %v", listed)
	}
	if strings.Join(listed, ",") != strings.Join(onDisk, ",") {
		t.Errorf("manifest lists %v, folder holds %v", listed, onDisk)
	}
	if len(listed) != 32 || len(m.Failed) != 2 {
		t.Errorf("%d files, failed %v", len(listed), m.Failed)
	}

	// same inputs, another folder, another degree of parallelism: same bytes
	out2 := filepath.Join(tmp, "out2")
	runMain(t, "generate", in, "-o", out2, "-f", "md,txt,json,docx", "--jobs", "1")
	for _, name := range append(onDisk, "manifest.json") {
		a, _ := os.ReadFile(filepath.Join(out1, name))
		b, err := os.ReadFile(filepath.Join(out2, name))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds of the same inputs (%v)", name, err)
		}
	}
}
