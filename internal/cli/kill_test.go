package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// killFormats are the formats of the kill test: four outputs, each
// replaced under --force.
const killFormats = "md,txt,json,docx"

// outputsOf reads the files of dir that are not dpa's own hidden files.
func outputsOf(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range es {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func hidden(dir string) []string {
	es, _ := os.ReadDir(dir)
	var out []string
	for _, e := range es {
		if strings.HasPrefix(e.Name(), ".dpa-") {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// TestKillWhileWriting kills (SIGKILL) a dpa generate --force that
// replaces four outputs, at every step of writing them and at random
// instants within and around those steps. After each kill every output is
// wholly the old file or wholly the new one, none is missing; the next run
// into the folder puts it right (says so, restores the old outputs unless
// the killed run had placed them all, and leaves no .dpa-* file behind).
func TestKillWhileWriting(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	tmp := t.TempDir()
	in := filepath.Join(tmp, "in")
	os.MkdirAll(filepath.Join(in, "old"), 0o755)
	os.MkdirAll(filepath.Join(in, "new"), 0o755)
	os.MkdirAll(filepath.Join(in, "other"), 0o755)
	os.WriteFile(filepath.Join(in, "old", "a.yaml"), variant(0), 0o644)
	os.WriteFile(filepath.Join(in, "new", "a.yaml"), variant(2), 0o644)
	os.WriteFile(filepath.Join(in, "other", "b.yaml"), variant(4), 0o644)
	build := func(which string) map[string][]byte {
		dir := filepath.Join(tmp, "ref-"+which)
		if code, _, errs := runMain(t, "generate", filepath.Join(in, which, "a.yaml"), "-o", dir, "-f", killFormats); code != 0 {
			t.Fatalf("%s: exit %d\n%s", which, code, errs)
		}
		return outputsOf(t, dir)
	}
	old, new := build("old"), build("new")
	if len(old) != 4 || len(new) != 4 {
		t.Fatalf("%d old, %d new outputs", len(old), len(new))
	}
	for n := range old {
		if bytes.Equal(old[n], new[n]) {
			t.Fatalf("%s: old and new are the same", n)
		}
	}

	// run starts the child; after the step named by stop (or after delay
	// from the first step when stop is ""), it is killed. It returns
	// whether the child was killed and the steps it reported.
	round := 0
	run := func(out string, stop int, pause time.Duration, delay time.Duration) (killed bool, steps []string) {
		round++
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
		cmd.Env = append(os.Environ(), "DPA_HELPER=1", "DPA_HELPER_STEPS="+pause.String(), fmt.Sprintf("DPA_HELPER_HOLD=%d", stop),
			"DPA_ARGS="+strings.Join([]string{"generate", filepath.Join(in, "new", "a.yaml"), "-o", out, "-f", killFormats, "--force"}, "\x1f"))
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.ExtraFiles = []*os.File{w}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		w.Close()
		sc := bufio.NewScanner(r)
		var timer *time.Timer
		for sc.Scan() {
			steps = append(steps, sc.Text())
			if stop >= 0 && len(steps) == stop+1 {
				cmd.Process.Kill()
				killed = true
				break
			}
			if stop < 0 && timer == nil {
				timer = time.AfterFunc(delay, func() { cmd.Process.Kill() })
			}
		}
		r.Close()
		err = cmd.Wait()
		if timer != nil && !timer.Stop() {
			killed = true
		}
		if !killed && err != nil {
			t.Fatalf("round %d: %v\n%s", round, err, stderr.String())
		}
		return killed, steps
	}

	check := func(label, out string) {
		t.Helper()
		got := outputsOf(t, out)
		for n := range old {
			b, ok := got[n]
			switch {
			case !ok:
				t.Errorf("%s: %s is missing after the kill", label, n)
			case !bytes.Equal(b, old[n]) && !bytes.Equal(b, new[n]):
				t.Errorf("%s: %s is neither the old nor the new file (%d bytes)", label, n, len(b))
			}
		}
		left := hidden(out)
		// the next run into the folder (another agreement, no --force)
		code, _, errs := runMain(t, "generate", filepath.Join(in, "other", "b.yaml"), "-o", out, "-f", "md", "--ui-lang", "en")
		if code != 0 {
			t.Fatalf("%s: next run: exit %d\n%s", label, code, errs)
		}
		if l := hidden(out); len(l) > 0 {
			t.Errorf("%s: left after the next run: %v", label, l)
		}
		if len(left) > 0 && !strings.Contains(errs, "interrupted dpa run") {
			t.Errorf("%s: leftovers %v put right without a word:\n%s", label, left, errs)
		}
		got = outputsOf(t, out)
		same := func(want map[string][]byte) bool {
			for n := range want {
				if !bytes.Equal(got[n], want[n]) {
					return false
				}
			}
			return true
		}
		if !same(old) && !same(new) {
			var which []string
			for n := range old {
				w := "old"
				if bytes.Equal(got[n], new[n]) {
					w = "new"
				}
				which = append(which, n+"="+w)
			}
			sort.Strings(which)
			t.Errorf("%s: after the next run the outputs are a mixture: %v\n%s", label, which, errs)
		}
	}
	fresh := func() string {
		out := filepath.Join(tmp, fmt.Sprintf("out-%d", round))
		os.MkdirAll(out, 0o755)
		for n, b := range old {
			os.WriteFile(filepath.Join(out, n), b, 0o644)
		}
		return out
	}

	// once without a kill: the steps
	_, all := run(fresh(), -1, 0, time.Hour)
	t.Logf("%d steps: %v", len(all), all)
	if len(all) < 4*3+2 {
		t.Fatalf("steps: %v", all)
	}
	// a kill after every step
	for k := range all {
		out := fresh()
		killed, steps := run(out, k, 0, 0)
		if !killed {
			t.Fatalf("step %d (%s): not killed", k, all[k])
		}
		check(fmt.Sprintf("killed after %q", steps[len(steps)-1]), out)
	}
	// kills at random instants while writing (1 ms between steps) and
	// around it
	rng := rand.New(rand.NewSource(1))
	n := 40
	if testing.Short() {
		n = 15
	}
	for i := 0; i < n; i++ {
		out := fresh()
		d := time.Duration(rng.Int63n(int64(len(all)) * int64(1500*time.Microsecond)))
		killed, steps := run(out, -1, time.Millisecond, d)
		label := fmt.Sprintf("killed %v after the first step (%d steps seen)", d, len(steps))
		if !killed {
			label = fmt.Sprintf("not killed (delay %v)", d)
		}
		check(label, out)
	}
}
