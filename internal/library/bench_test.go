package library

import (
	"testing"

	"github.com/dpa-no/dpa/clauses"
	"github.com/dpa-no/dpa/internal/i18n"
)

// BenchmarkLoadEmbedded measures what every dpa process pays at start-up.
func BenchmarkLoadEmbedded(b *testing.B) {
	ui := i18n.For("en")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Load(clauses.FS, "embedded", ui); err != nil {
			b.Fatal(err)
		}
	}
}
