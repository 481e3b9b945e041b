package fsafe

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// deadJournal writes the journal of a killed run (nobody holds its lock).
func deadJournal(t *testing.T, dir, id string, lines ...string) string {
	t.Helper()
	p := filepath.Join(dir, ".dpa-"+id+".journal")
	body := journalMagic + "\npid 999999999\n" + strings.Join(lines, "\n")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func readOr(p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return string(b)
}

// TestRecoverJournalStates puts right, one by one, the states a killed
// writeFiles can leave that the kill test does not reach on this file
// system (no hard links: the old file moved aside; an exclusive create
// before it was noted), and checks that a live journal, a journal cut in
// the middle of a line and one that was being made are handled.
func TestRecoverJournalStates(t *testing.T) {
	var events []Event
	note := func(e Event) { events = append(events, e) }
	const id = "0123456789abcdef"
	tmp := func(n int) string { return fmt.Sprintf(".dpa-%s-%d.tmp", id, n) }
	bak := func(n int) string { return fmt.Sprintf(".dpa-%s-%d.bak", id, n) }
	w := func(dir, name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("moved aside, not yet replaced", func(t *testing.T) {
		dir := t.TempDir()
		w(dir, bak(0), "old a")
		w(dir, tmp(0), "new a")
		w(dir, "b", "old b")
		deadJournal(t, dir, id, `out 0 "a"`, `out 1 "b"`, "moved 0 1:1", "")
		events = nil
		recoverDir(note, dir)
		if readOr(filepath.Join(dir, "a")) != "old a" || readOr(filepath.Join(dir, "b")) != "old b" {
			t.Errorf("a %q, b %q", readOr(filepath.Join(dir, "a")), readOr(filepath.Join(dir, "b")))
		}
		if len(events) != 2 || events[0] != (Event{Kind: "restored", Path: filepath.Join(dir, "a"), PID: 999999999}) ||
			events[1] != (Event{Kind: "cleaned", Dir: dir, N: 2, PID: 999999999}) {
			t.Errorf("events: %+v", events)
		}
		noneLeftTmp(t, dir)
	})
	t.Run("created exclusively, killed before noting it", func(t *testing.T) {
		dir := t.TempDir()
		w(dir, "a", "")
		w(dir, tmp(0), "new a")
		deadJournal(t, dir, id, `out 0 "a"`, "copy 0", "")
		recoverDir(note, dir)
		if _, err := os.Lstat(filepath.Join(dir, "a")); err == nil {
			t.Error("the empty file of the killed run is still there")
		}
		noneLeftTmp(t, dir)
	})
	t.Run("a file of another run is kept", func(t *testing.T) {
		dir := t.TempDir()
		w(dir, "a", "someone else's")
		deadJournal(t, dir, id, `out 0 "a"`, "moved 0 1:1", "")
		recoverDir(note, dir)
		if readOr(filepath.Join(dir, "a")) != "someone else's" {
			t.Errorf("a: %q", readOr(filepath.Join(dir, "a")))
		}
		noneLeftTmp(t, dir)
	})
	t.Run("committed: backups removed, new files kept", func(t *testing.T) {
		dir := t.TempDir()
		w(dir, "a", "new a")
		w(dir, bak(0), "old a")
		deadJournal(t, dir, id, `out 0 "a"`, "moved 0 1:1", "committed", "")
		recoverDir(note, dir)
		if readOr(filepath.Join(dir, "a")) != "new a" {
			t.Errorf("a: %q", readOr(filepath.Join(dir, "a")))
		}
		noneLeftTmp(t, dir)
	})
	t.Run("a line cut short is not read", func(t *testing.T) {
		dir := t.TempDir()
		w(dir, "a", "new a")
		w(dir, bak(0), "old a")
		st, _ := os.Lstat(filepath.Join(dir, "a"))
		// "committed" without its newline: the kill came while writing it
		deadJournal(t, dir, id, `out 0 "a"`, "moved 0 "+fileID(st), "commit")
		recoverDir(note, dir)
		if readOr(filepath.Join(dir, "a")) != "old a" {
			t.Errorf("a: %q", readOr(filepath.Join(dir, "a")))
		}
		noneLeftTmp(t, dir)
	})
	t.Run("a live journal is left alone", func(t *testing.T) {
		dir := t.TempDir()
		w(dir, "a", "old a")
		j, err := openJournal(dir, []string{"a"})
		if err != nil {
			t.Fatal(err)
		}
		w(dir, filepath.Base(j.temp(0)), "new a")
		recoverDir(note, dir)
		if readOr(j.temp(0)) != "new a" || readOr(j.path) == "" {
			t.Error("the journal or staged file of a live run was touched")
		}
		os.Remove(j.temp(0))
		j.close()
		noneLeftTmp(t, dir)
	})
	t.Run("a journal being made", func(t *testing.T) {
		dir := t.TempDir()
		w(dir, ".dpa-"+id+".journal.new", journalMagic+"\n")
		recoverDir(note, dir)
		noneLeftTmp(t, dir)
	})
	t.Run("names are file names", func(t *testing.T) {
		st, ok := parseJournal([]byte(journalMagic + "\nout 0 " + strconv.Quote("../x") + "\nout 1 \"a\"\n"))
		if !ok || len(st.outs) != 1 || st.outs[1] != "a" {
			t.Errorf("%v %+v", ok, st)
		}
	})
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

// TestRecoverOrphans: staged files and backups whose journal is gone (a
// kill, then the journal removed by hand) are put right by the next run
// into the folder: a staged file older than the run is removed, a younger
// one kept; a backup that is still a hard link of the file at its name is
// removed; a backup with no twin, the only copy of an old file, is kept.
// The staged file of a live run (its journal locked) is left alone, and
// that of a run killed while it made its journal goes with that journal.
func TestRecoverOrphans(t *testing.T) {
	dir := t.TempDir()
	const gone, dead = "00000000000000aa", "00000000000000cc"
	w := func(name, s string, age time.Duration) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		when := runStart.Add(-age)
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
		return p
	}
	oldTmp := w(".dpa-"+gone+"-0.tmp", "new a", time.Minute)
	youngTmp := w(".dpa-"+gone+"-1.tmp", "new b", -time.Minute)
	a := w("a", "old a", time.Hour)
	twin := filepath.Join(dir, ".dpa-"+gone+"-2.bak")
	if err := os.Link(a, twin); err != nil {
		t.Skip("no hard links here:", err)
	}
	only := w(".dpa-"+gone+"-3.bak", "old c", time.Hour)
	w(".dpa-"+dead+".journal.new", journalMagic+"\n", 0)
	deadTmp := w(".dpa-"+dead+"-0.tmp", "x", time.Minute)
	j, err := openJournal(dir, []string{"x"})
	if err != nil {
		t.Fatal(err)
	}
	defer j.close()
	liveTmp := w(filepath.Base(j.temp(0)), "staged by a live run", time.Minute)
	var events []Event
	recoverDir(func(e Event) { events = append(events, e) }, dir)
	for p, want := range map[string]bool{oldTmp: false, youngTmp: true, twin: false, only: true, a: true, deadTmp: false, liveTmp: true} {
		if _, err := os.Lstat(p); (err == nil) != want {
			t.Errorf("%s: there %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
	if readOr(a) != "old a" || readOr(only) != "old c" {
		t.Errorf("a %q, backup %q", readOr(a), readOr(only))
	}
	if len(events) != 1 || events[0] != (Event{Kind: "stale", Dir: dir, N: 3}) {
		t.Errorf("events: %+v", events)
	}
}
