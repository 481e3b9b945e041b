package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goodAnswers = `format: 1
language: nb
controller: {name: Helse Vestby HF, org_number: "310 000 019", address: "Postboks 1, 1540 Vestby", public_body: true, breach_contact: {email: avvik@example.no, phone: "+47 22 00 00 01"}}
processor: {name: P AS, org_number: "310000027", country: NO, address: "Veien 1, 0001 Oslo", breach_contact: {email: soc@example.com, phone: "+47 23 00 00 01"}}
security: {keys_held_by: processor}
terms: {liability_cap: "NOK 10 000 000"}
service: {name: Journal, model: saas, deployment: private}
processing: {purposes: [journal], data_subjects: [pasienter], data_categories: [helse], duration: "så lenge avtalen gjelder", special_categories: []}
locations: [{purpose: primærlagring, country: NO, address: "Veien 1, 0001 Oslo", operator: P AS}, {role: backup, country: NO, address: "Veien 2, 0001 Oslo", operator: P AS}]
risk: {patient_record: false, health_register: false, remote_monitoring: false, national_function: false, migration: false}
`

// TestBadInputLimits covers what the testscripts cannot write down: files
// over 1 MiB, alias bombs built in code, very long values and deep nesting.
func TestBadInputLimits(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bomb := "format: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for i := 0; i < 8; i++ {
		name := string(rune('b' + i))
		bomb += name + ": &" + name + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+", ", 10), ", ") + "]\n"
		prev = name
	}
	cases := []struct {
		name, file string
		code       int
		stderr     []string
	}{
		{"over 1 MiB", write("big.yaml", goodAnswers+"# "+strings.Repeat("x", 1<<20)+"\n"), ExitInput, []string{"big.yaml: filen er", "grensen er 1048576 byte"}},
		{"exactly over by one byte", write("big1.yaml", "format: 1\n#"+strings.Repeat("x", 1<<20-11)+"\n"), ExitInput, []string{"big1.yaml", "1048576"}},
		{"alias bomb", write("bomb.yaml", bomb), ExitInput, []string{"bomb.yaml", "aliaser"}},
		{"deep flow nesting", write("deep.yaml", "format: 1\nservice: {description: "+strings.Repeat("[", 1000)+strings.Repeat("]", 1000)+"}\n"), ExitInput, []string{"deep.yaml", "for dyp nesting"}},
		{"many unknown keys", write("keys.yaml", "format: 1\n"+strings.Repeat("zzz: 1\n", 1)+func() string {
			var b strings.Builder
			for i := 0; i < 5000; i++ {
				b.WriteString("k")
				b.WriteString(strings.Repeat("x", i%50))
				b.WriteString(string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676%26)) + ": 1\n")
			}
			return b.String()
		}()), ExitInput, []string{"keys.yaml:2:1: zzz: ukjent nøkkel"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(c.name, " ", "-"))
			code, _, stderr := runMain(t, "generate", c.file, "-o", out, "-f", "md,txt,json,docx")
			if code != c.code {
				t.Fatalf("exit %d, want %d\n%s", code, c.code, stderr)
			}
			for _, s := range c.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%.2000s", s, stderr)
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s was created", out)
			}
		})
	}

	// very long values are data: they come out whole
	long := strings.Repeat("Lang beskrivelse med æøå og {{ .X }} ", 5000) // 185 kB
	p := write("long.yaml", strings.Replace(goodAnswers, "service: {name: Journal,", "service: {name: Journal, description: \""+long+"\",", 1))
	out := filepath.Join(dir, "long-out")
	code, _, stderr := runMain(t, "generate", p, "-o", out, "-f", "md,txt,json,docx")
	if code != ExitOK {
		t.Fatalf("long value: exit %d\n%.2000s", code, stderr)
	}
	for _, name := range []string{"long.nb.md", "long.nb.txt"} {
		b, _ := os.ReadFile(filepath.Join(out, name))
		if !bytes.Contains(b, []byte(strings.TrimSpace(long))) {
			t.Errorf("%s: the 185 kB description (with its template syntax) does not come out whole", name)
		}
	}
}

// TestBatchProgressOnTerminal runs a batch as if stderr were a terminal, so
// that the progress bar is drawn from several goroutines (run with -race).
func TestBatchProgressOnTerminal(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	writeVariants(t, in, 6)
	var out, errb bytes.Buffer
	f := &Factory{Out: &out, Err: &errb, In: strings.NewReader(""), Getenv: os.Getenv, StderrTTY: true}
	code := Main(f, []string{"generate", in, "-o", filepath.Join(dir, "out"), "-f", "md,txt", "--ui-lang", "en"})
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "6 built, 0 failed, 12 files written") {
		t.Errorf("no summary:\n%s", errb.String())
	}
	if strings.Contains(out.String(), "dpa generate") {
		t.Errorf("progress went to stdout")
	}
	noneLeftTmp(t, filepath.Join(dir, "out"))
}

func noneLeftTmp(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".dpa-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
