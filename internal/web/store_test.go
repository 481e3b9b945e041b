package web_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/web"
)

func TestStoreBasics(t *testing.T) {
	st, err := web.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	id, err := st.Create(ctx, "a", []byte("format: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Agreement(ctx, id+1); err != web.ErrNotFound {
		t.Fatalf("missing agreement: %v", err)
	}
	if _, err := st.AddRevision(ctx, id+1, web.Revision{Answers: []byte("x")}); err != web.ErrNotFound {
		t.Fatalf("revision of a missing agreement: %v", err)
	}
	for i := 1; i <= 3; i++ {
		n, err := st.AddRevision(ctx, id, web.Revision{Name: fmt.Sprint("r", i), Answers: []byte(fmt.Sprintf("format: 1\n# %d\n", i)), Status: "draft", Fingerprint: "f"})
		if err != nil || n != i {
			t.Fatalf("revision %d: %d %v", i, n, err)
		}
	}
	a, _ := st.Agreement(ctx, id)
	if a.NumRevs != 3 || a.Last.N != 3 || string(a.Working) != "format: 1\n# 3\n" {
		t.Fatalf("agreement: %+v", a)
	}
	r, _ := st.Revision(ctx, id, 2)
	if r.Name != "r2" || string(r.Answers) != "format: 1\n# 2\n" {
		t.Fatalf("revision 2: %+v", r)
	}
	if _, err := st.Revision(ctx, id, 9); err != web.ErrNotFound {
		t.Fatal(err)
	}
}

// Saving is crash-safe: a process killed (SIGKILL) while it saves
// revisions in a loop leaves a database in which every revision is whole
// (its fingerprint matches its answers) and the working copy is the newest
// revision, never half of one.
func TestStoreCrashSafe(t *testing.T) {
	if dir := os.Getenv("DPA_STORE_CRASH_DIR"); dir != "" {
		crashWriter(dir)
		return
	}
	if testing.Short() {
		t.Skip("kills child processes")
	}
	dir := t.TempDir()
	for round := 0; round < 3; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestStoreCrashSafe$")
		cmd.Env = append(os.Environ(), "DPA_STORE_CRASH_DIR="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(400+round*150) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		verifyStore(t, dir)
	}
}

func crashWriter(dir string) {
	st, err := web.OpenStore(dir)
	if err != nil {
		os.Exit(3)
	}
	ctx := context.Background()
	list, _ := st.List(ctx)
	var id int64
	if len(list) > 0 {
		id = list[0].ID
	} else if id, err = st.Create(ctx, "crash", []byte("format: 1\n")); err != nil {
		os.Exit(3)
	}
	for i := 0; ; i++ {
		// big answers, so that a kill is likely to land inside a write
		ans := []byte("format: 1\n# " + strconv.Itoa(i) + "\n" + string(bytes.Repeat([]byte("# padding line of an answers file\n"), 2000+i%500)))
		st.AddRevision(ctx, id, web.Revision{Name: strconv.Itoa(i), Answers: ans, LibraryVersion: "v", Fingerprint: assemble.Fingerprint(ans, "v"), Status: "draft"})
	}
}

func verifyStore(t *testing.T, dir string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, web.DBName))
	if err != nil {
		t.Fatal(err)
	}
	var ok string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q %v", ok, err)
	}
	db.Close()
	st, err := web.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	list, err := st.List(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("list: %v %v", list, err)
	}
	revs, _ := st.Revisions(ctx, list[0].ID)
	if len(revs) == 0 {
		t.Fatal("no revision was saved before the kill")
	}
	for i, r := range revs {
		if r.N != len(revs)-i {
			t.Fatalf("revision numbers not contiguous: %d at %d", r.N, i)
		}
		full, err := st.Revision(ctx, list[0].ID, r.N)
		if err != nil || assemble.Fingerprint(full.Answers, "v") != full.Fingerprint {
			t.Fatalf("revision %d is not whole: %v", r.N, err)
		}
	}
	a, _ := st.Agreement(ctx, list[0].ID)
	last, _ := st.Revision(ctx, a.ID, a.Last.N)
	if !bytes.Equal(a.Working, last.Answers) {
		t.Fatal("the working copy is not the newest revision")
	}
	t.Logf("%d whole revisions after the kill", len(revs))
}
