package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dpa-no/dpa/internal/fsafe"
	"github.com/dpa-no/dpa/internal/i18n"
)

// oldFiles writes content into each name in dir and returns a check that
// they are all still exactly so.
func oldFiles(t *testing.T, dir string, names ...string) func() {
	t.Helper()
	os.MkdirAll(dir, 0o755)
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("old "+n), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	return func() {
		t.Helper()
		for _, n := range names {
			b, err := os.ReadFile(filepath.Join(dir, n))
			if err != nil || string(b) != "old "+n {
				t.Errorf("%s was changed or removed by a failed run: %q %v", n, b, err)
			}
			if st, err := os.Stat(filepath.Join(dir, n)); err == nil && st.Mode().Perm() != 0o640 {
				t.Errorf("%s: mode %v changed", n, st.Mode().Perm())
			}
		}
		noneLeftTmp(t, dir)
	}
}

// TestWriteAllRollsBack makes the move of one output fail in every way we
// can provoke (a rename that fails as on an undeletable file, a folder in
// the way, a name too long) after other outputs were already put in place:
// every old file must be as it was, and no new file may remain.
func TestWriteAllRollsBack(t *testing.T) {
	ui := i18n.For("en")
	outs := []output{{Name: "a.nb.md", Data: []byte("new md")}, {Name: "a.nb.txt", Data: []byte("new txt")}, {Name: "a.nb.json", Data: []byte("new json")}}
	for _, failAt := range []string{"a.nb.txt", "a.nb.json"} {
		t.Run("rename of "+failAt+" fails", func(t *testing.T) {
			dir := t.TempDir()
			check := oldFiles(t, dir, "a.nb.md", "a.nb.txt", "a.nb.json")
			fsafe.Rename = func(o, n string) error {
				if filepath.Base(n) == failAt {
					return &os.LinkError{Op: "rename", Old: o, New: n, Err: syscall.EPERM}
				}
				return os.Rename(o, n)
			}
			defer func() { fsafe.Rename = os.Rename }()
			err := writeFiles(ui, io.Discard, dir, outs, true)
			if err == nil || !strings.Contains(err.Error(), failAt) {
				t.Fatalf("error %v, want one naming %s", err, failAt)
			}
			check()
		})
	}
	t.Run("only the first output existed", func(t *testing.T) {
		renameNoReplace := fsafe.RenameNoReplace
		dir := t.TempDir()
		check := oldFiles(t, dir, "a.nb.md")
		fsafe.RenameNoReplace = func(o, n string) error {
			if filepath.Base(n) == "a.nb.json" {
				return syscall.EIO
			}
			return renameNoReplace(o, n)
		}
		defer func() { fsafe.RenameNoReplace = renameNoReplace }()
		if err := writeFiles(ui, io.Discard, dir, outs, true); err == nil {
			t.Fatal("no error")
		}
		check()
		for _, n := range []string{"a.nb.txt", "a.nb.json"} {
			if _, err := os.Lstat(filepath.Join(dir, n)); err == nil {
				t.Errorf("%s was left from a failed run", n)
			}
		}
	})
	t.Run("a folder in place of the last output", func(t *testing.T) {
		dir := t.TempDir()
		check := oldFiles(t, dir, "a.nb.md", "a.nb.txt")
		os.Mkdir(filepath.Join(dir, "a.nb.json"), 0o755)
		err := writeFiles(ui, io.Discard, dir, outs, true)
		if ExitCode(err) != ExitInput || !strings.Contains(err.Error(), "a.nb.json is a folder") {
			t.Fatalf("%v (exit %d)", err, ExitCode(err))
		}
		check()
	})
	t.Run("a name too long", func(t *testing.T) {
		dir := t.TempDir()
		check := oldFiles(t, dir, "a.nb.md")
		long := append(outs[:1:1], output{Name: strings.Repeat("x", 256), Data: []byte("x")})
		err := writeFiles(ui, io.Discard, dir, long, true)
		if ExitCode(err) != ExitInput || !strings.Contains(err.Error(), "at most 255 bytes") {
			t.Fatalf("%v (exit %d)", err, ExitCode(err))
		}
		check()
	})
}

// TestWriteAllExclusive runs many writers of the same three names into one
// folder at once, without --force: at most one may succeed, the files on
// disk are all that one's, and a writer that lost removes what it placed.
func TestWriteAllExclusive(t *testing.T) {
	ui := i18n.For("en")
	for round := 0; round < 20; round++ {
		dir := t.TempDir()
		const n = 8
		errs := make([]error, n)
		var wg sync.WaitGroup
		for w := 0; w < n; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				var outs []output
				for _, name := range []string{"x.nb.md", "x.nb.txt", "x.nb.json"} {
					outs = append(outs, output{Name: name, Data: []byte(fmt.Sprintf("writer %d %s", w, name))})
				}
				errs[w] = writeFiles(ui, io.Discard, dir, outs, false)
			}(w)
		}
		wg.Wait()
		winner := -1
		for w, err := range errs {
			if err == nil {
				if winner >= 0 {
					t.Fatalf("round %d: writers %d and %d both succeeded", round, winner, w)
				}
				winner = w
			} else if ExitCode(err) != ExitInput || !strings.Contains(err.Error(), "exists") {
				t.Fatalf("round %d: writer %d: %v", round, w, err)
			}
		}
		for _, name := range []string{"x.nb.md", "x.nb.txt", "x.nb.json"} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if winner < 0 {
				if err == nil {
					t.Fatalf("round %d: no writer succeeded but %s holds %q", round, name, b)
				}
				continue
			}
			if want := fmt.Sprintf("writer %d %s", winner, name); string(b) != want {
				t.Fatalf("round %d: %s holds %q, want %q (overwritten by a losing writer)", round, name, b, want)
			}
		}
		noneLeftTmp(t, dir)
	}
}

// TestTwoBatchesOneFolder runs two batches with the same file names but
// different contents into one folder at the same time. Without --force the
// second must not replace anything of the first: it waits for the folder
// lock, then finds the manifest and stops with exit 2. Every sha256 of the
// manifest matches the file in the folder. With --force the later batch
// replaces the files, and its manifest matches them.
func TestTwoBatchesOneFolder(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	tmp := t.TempDir()
	inA, inB := filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	writeVariants(t, inA, 6)
	os.MkdirAll(inB, 0o755)
	for i := 0; i < 6; i++ {
		os.WriteFile(filepath.Join(inB, fmt.Sprintf("agreement-%03d.yaml", i)), variant(100+i), 0o644)
	}
	for _, force := range []bool{false, true} {
		out := filepath.Join(tmp, fmt.Sprint("out-", force))
		codes := make([]int, 2)
		errs := make([]string, 2)
		var wg sync.WaitGroup
		for k, in := range []string{inA, inB} {
			wg.Add(1)
			go func(k int, in string) {
				defer wg.Done()
				args := []string{"generate", in, "-o", out, "-f", "md,txt,json", "--jobs", "2"}
				if force {
					args = append(args, "--force")
				}
				var o, e bytes.Buffer
				codes[k] = Main(&Factory{Out: &o, Err: &e, In: strings.NewReader(""), Getenv: os.Getenv}, args)
				errs[k] = e.String()
			}(k, in)
		}
		wg.Wait()
		ok := 0
		for k, c := range codes {
			switch {
			case c == ExitOK:
				ok++
			case !force && c == ExitInput && strings.Contains(errs[k], "manifest.json finnes allerede"):
			default:
				t.Fatalf("force=%v: batch %d exit %d\n%s", force, k, c, errs[k])
			}
		}
		if (!force && ok != 1) || (force && ok != 2) {
			t.Fatalf("force=%v: %d batches succeeded (exits %v)", force, ok, codes)
		}
		checkManifestMatches(t, out, 18)
	}
}

// checkManifestMatches checks that manifest.json in dir lists exactly the
// files in dir, with their sha256 and size.
func checkManifestMatches(t *testing.T, dir string, want int) Manifest {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, f := range m.Files {
		listed[f.Name] = true
		data, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil {
			t.Fatalf("manifest lists %s: %v", f.Name, err)
		}
		if f.SHA256 != hexSHA(data) || f.Size != len(data) {
			t.Errorf("%s: manifest sha256 %s, file %s", f.Name, f.SHA256, hexSHA(data))
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != ManifestName && !listed[e.Name()] {
			t.Errorf("%s is in the folder but not in the manifest", e.Name())
		}
	}
	if want >= 0 && len(m.Files) != want {
		t.Errorf("manifest lists %d files, want %d", len(m.Files), want)
	}
	return m
}

// TestBatchCancelled cancels a batch after its second file (as SIGINT
// does): no new file is started, the manifest lists exactly what was
// written, the summary says what was not built, and the exit code is 130.
func TestBatchCancelled(t *testing.T) {
	tmp := t.TempDir()
	in, out := filepath.Join(tmp, "in"), filepath.Join(tmp, "out")
	writeVariants(t, in, 10)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	n := 0
	afterBatchFile = func(int) {
		mu.Lock()
		defer mu.Unlock()
		if n++; n == 2 {
			cancel()
		}
	}
	defer func() { afterBatchFile = nil }()
	var o, e bytes.Buffer
	code := Main(&Factory{Out: &o, Err: &e, In: strings.NewReader(""), Getenv: os.Getenv, Context: ctx}, []string{"generate", in, "-o", out, "-f", "md,txt", "--jobs", "1", "--ui-lang", "en"})
	if code != 130 {
		t.Fatalf("exit %d, want 130\n%s", code, e.String())
	}
	if !strings.Contains(e.String(), "interrupted (SIGINT): 8 answers file(s) not started") || !strings.Contains(e.String(), "2 built, 0 failed, 4 files written") {
		t.Errorf("summary:\n%s", e.String())
	}
	m := checkManifestMatches(t, out, 4)
	if len(m.NotBuilt) != 8 {
		t.Errorf("not_built %v", m.NotBuilt)
	}
}

// TestHelperProcess is dpa itself when run as a subprocess by
// TestBatchSignal.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("DPA_HELPER") != "1" {
		t.Skip("helper")
	}
	args := strings.Split(os.Getenv("DPA_ARGS"), "\x1f")
	if os.Getenv("DPA_HELPER_STEPS") != "" {
		// report each step of writeFiles on fd 3 and pause after it; hold
		// (to be killed) after step DPA_HELPER_HOLD
		pause, _ := time.ParseDuration(os.Getenv("DPA_HELPER_STEPS"))
		hold, err := strconv.Atoi(os.Getenv("DPA_HELPER_HOLD"))
		if err != nil {
			hold = -1
		}
		steps := os.NewFile(3, "steps")
		n := 0
		fsafe.Step = func(s string) {
			fmt.Fprintln(steps, s)
			if n == hold {
				time.Sleep(time.Hour)
			}
			n++
			time.Sleep(pause)
		}
	}
	os.Exit(Main(NewFactory(), args))
}

// TestBatchSignal sends a real SIGINT and SIGTERM to a dpa process in the
// middle of a batch: it exits with 130 or 143, and the manifest in the
// folder lists exactly the files there, with their sha256.
func TestBatchSignal(t *testing.T) {
	tmp := t.TempDir()
	in := filepath.Join(tmp, "in")
	writeVariants(t, in, 60)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		out := filepath.Join(tmp, "out-"+sig.String())
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
		cmd.Env = append(os.Environ(), "DPA_HELPER=1", "DPA_ARGS="+strings.Join([]string{"generate", in, "-o", out, "-f", "md,docx,pdf", "--jobs", "1", "--ui-lang", "en"}, "\x1f"))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// wait until the first agreement is written
		deadline := time.Now().Add(60 * time.Second)
		for {
			if m, _ := filepath.Glob(filepath.Join(out, "*.pdf")); len(m) > 0 {
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatalf("no output after 60 s\n%s", stderr.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 128+int(sig) {
			t.Fatalf("%v: %v, want exit %d\n%s", sig, err, 128+int(sig), stderr.String())
		}
		if !strings.Contains(stderr.String(), "interrupted (") || !strings.Contains(stderr.String(), "built, 0 failed") {
			t.Errorf("%v: no summary:\n%s", sig, stderr.String())
		}
		m := checkManifestMatches(t, out, -1)
		if len(m.Files) == 0 || len(m.NotBuilt) == 0 || len(m.Files)/3+len(m.NotBuilt) != 60 {
			t.Errorf("%v: %d files written, %d not built", sig, len(m.Files), len(m.NotBuilt))
		}
	}
}
