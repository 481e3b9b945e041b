//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// The outputs of a single answers file are staged in the output folder as
// they are rendered (stager). Whatever happens after, the folder ends as
// writeAll leaves it: every output in place with the mode it would have
// had, or none of them and no temporary file.
func TestEarlyStaging(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	tmp := t.TempDir()
	names := []string{"journal-saas.nb.md", "journal-saas.nb.txt", "journal-saas.en.md", "journal-saas.en.txt"}
	run := func(out string, force bool) int {
		args := []string{"generate", "--example", "-o", out, "-f", "md,txt", "-l", "nb,en"}
		if force {
			args = append(args, "--force")
		}
		code, _, _ := runMain(t, args...)
		return code
	}
	t.Run("new nested folder", func(t *testing.T) {
		out := filepath.Join(tmp, "a", "b", "c")
		if code := run(out, false); code != ExitOK {
			t.Fatalf("exit %d", code)
		}
		for _, n := range names {
			st, err := os.Stat(filepath.Join(out, n))
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != 0o640 {
				t.Errorf("%s: mode %v, want 0640 (umask 027)", n, st.Mode().Perm())
			}
		}
		noneLeftTmp(t, out)
	})
	t.Run("one output exists", func(t *testing.T) {
		out := filepath.Join(tmp, "exists")
		os.MkdirAll(out, 0o755)
		old := filepath.Join(out, names[2])
		os.WriteFile(old, []byte("old"), 0o600)
		if code := run(out, false); code != ExitInput {
			t.Fatalf("exit %d, want %d", code, ExitInput)
		}
		entries, _ := os.ReadDir(out)
		if len(entries) != 1 {
			t.Errorf("%d entries, want only the old file", len(entries))
		}
		if b, _ := os.ReadFile(old); string(b) != "old" {
			t.Errorf("old file changed: %q", b)
		}
		noneLeftTmp(t, out)
		// --force replaces it and keeps its mode
		if code := run(out, true); code != ExitOK {
			t.Fatalf("--force: exit %d", code)
		}
		if st, _ := os.Stat(old); st.Mode().Perm() != 0o600 {
			t.Errorf("--force: mode %v, want 0600 kept", st.Mode().Perm())
		}
		if b, _ := os.ReadFile(old); string(b) == "old" {
			t.Errorf("--force: not replaced")
		}
		noneLeftTmp(t, out)
	})
	t.Run("an output is a folder", func(t *testing.T) {
		out := filepath.Join(tmp, "folder")
		os.MkdirAll(filepath.Join(out, names[1]), 0o755)
		if code := run(out, true); code != ExitInput {
			t.Fatalf("exit %d, want %d", code, ExitInput)
		}
		entries, _ := os.ReadDir(out)
		if len(entries) != 1 {
			t.Errorf("%d entries, want only the folder", len(entries))
		}
		noneLeftTmp(t, out)
	})
}

// TestStagerDiscard: discard removes the staged files and the folders made
// for them, not the folder that was there.
func TestStagerDiscard(t *testing.T) {
	tmp := t.TempDir()
	sg := newStager(filepath.Join(tmp, "x", "y"))
	outs := []output{{Name: "a.nb.md", Data: []byte("a")}, {Name: "a.nb.txt", Data: []byte("b")}}
	for i := range outs {
		sg.put(&outs[i])
		if outs[i].Temp == "" || outs[i].Data != nil || outs[i].Size() != 1 || outs[i].SHA256() != sha([]byte{"ab"[i]}) {
			t.Fatalf("output %d not staged: %+v", i, outs[i])
		}
	}
	sg.discard(outs)
	if _, err := os.Stat(filepath.Join(tmp, "x")); !os.IsNotExist(err) {
		t.Errorf("made folder left: %v", err)
	}
	if _, err := os.Stat(tmp); err != nil {
		t.Errorf("the folder that was there: %v", err)
	}
}
