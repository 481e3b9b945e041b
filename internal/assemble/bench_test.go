package assemble

import (
	"testing"

	"github.com/dpa-no/dpa/clauses"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
)

// BenchmarkLoadLibrary is the start-up cost every dpa call pays: parsing
// the embedded clause library, compiling its conditions and templates, and
// CheckTemplates test-executing every clause body.
func BenchmarkLoadLibrary(b *testing.B) {
	b.Run("embedded", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := library.Load(clauses.FS, "embedded", i18n.For("en")); err != nil {
				b.Skip(err)
			}
		}
	})
	lib, err := library.Embedded()
	if err != nil {
		b.Skip(err)
	}
	b.Run("check-templates", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if err := CheckTemplates(lib); err != nil {
				b.Fatal(err)
			}
		}
	})
}
