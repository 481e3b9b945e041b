package geo

import (
	"bytes"
	"os"
	"reflect"
	"testing"
)

// TestSnapshot fails when countries_gen.go is not what countries.yaml
// decodes to (go generate ./... rewrites it).
func TestSnapshot(t *testing.T) {
	fresh, err := decodeYAML()
	if err != nil {
		t.Fatal(err)
	}
	src, err := SnapshotGo()
	if err != nil {
		t.Fatal(err)
	}
	if have, err := os.ReadFile("countries_gen.go"); err != nil || !bytes.Equal(have, src) {
		t.Fatal("countries_gen.go is stale: run\n\tgo generate ./...")
	}
	if snapshot == nil || snapshot.Key != yamlKey() {
		t.Fatal("compiled-in snapshot missing or keyed to another countries.yaml")
	}
	if !reflect.DeepEqual(d, fresh) {
		t.Fatal("the data in use differs from countries.yaml")
	}
}

// The snapshot pays: decoding countries.yaml costs about 1 ms per process
// (2026-12-01: 1.08 ms), the key check about 1 µs.
func BenchmarkDecodeYAML(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := decodeYAML(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSnapshotKey(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_ = yamlKey()
	}
}
