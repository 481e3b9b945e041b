package library

import (
	"bytes"
	"os"
	"testing"

	"github.com/dpa-no/dpa/clauses"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/templates"
)

// TestSnapshot fails when snapshot_gen.go is not what the embedded YAML
// loads to (go generate ./... rewrites it).
func TestSnapshot(t *testing.T) {
	lib, err := Load(clauses.FS, "embedded", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	key, err := InputKey(clauses.FS, templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	src := SnapshotGo(lib.Snapshot(key))
	have, err := os.ReadFile("snapshot_gen.go")
	if err != nil || !bytes.Equal(have, src) {
		t.Fatalf("snapshot_gen.go is stale (the clause library or the loader changed): run\n\tgo generate ./...")
	}
	// The compiled-in snapshot is the YAML, field for field.
	if embeddedSnapshot == nil || embeddedSnapshot.Key != key {
		t.Fatal("embedded snapshot missing or keyed to other files")
	}
	// (compared as Go source: exported fields only, as the snapshot holds)
	if !bytes.Equal(SnapshotGo(embeddedSnapshot), src) {
		t.Fatal("embedded snapshot differs from the loaded YAML")
	}
	// Embedded takes the fast path, and the result behaves like Load's.
	emb, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if !emb.FromSnapshot {
		t.Fatal("Embedded() parsed the YAML instead of using the snapshot")
	}
	if !bytes.Equal(SnapshotGo(emb.Snapshot(key)), src) {
		t.Fatal("library from snapshot differs from the loaded YAML")
	}
	for _, c := range lib.Clauses {
		e := emb.Clause(c.ID)
		if e == nil || e.program == nil {
			t.Fatalf("clause %s not rebuilt from the snapshot", c.ID)
		}
		nb, errNB := e.Template("nb")
		en, errEN := e.Template("en")
		if nb == nil || en == nil || errNB != nil || errEN != nil {
			t.Fatalf("clause %s not rebuilt from the snapshot", c.ID)
		}
	}
	for _, r := range lib.Requirements {
		if e := emb.Requirement(r.Key); e == nil || e.program == nil {
			t.Fatalf("requirement %s not rebuilt from the snapshot", r.Key)
		}
	}
}

// TestSnapshotStale: when the files differ from the snapshot's key, the
// loader does not use it.
func TestSnapshotStale(t *testing.T) {
	saved := embeddedSnapshot
	defer func() { embeddedSnapshot = saved }()
	s := *saved
	s.Key = "stale"
	s.Meta.Version = "from-stale-snapshot"
	embeddedSnapshot = &s
	lib, err := embedded()
	if err != nil {
		t.Fatal(err)
	}
	if lib.FromSnapshot || lib.Version == "from-stale-snapshot" {
		t.Fatal("a stale snapshot was used")
	}
}

func BenchmarkEmbeddedSnapshot(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := embedded(); err != nil {
			b.Fatal(err)
		}
	}
}
