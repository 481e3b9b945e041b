package pdf_test

import (
	"fmt"
	"testing"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/pdf"
)

// BenchmarkPDF renders the embedded example, and the example with 10, 100
// and 1000 subprocessors and locations, as PDF (until pdf is registered in
// internal/render, the cli benchmarks do not include it).
func BenchmarkPDF(b *testing.B) {
	lib, err := assemble.LoadLibrary("", i18n.For("nb"))
	if err != nil {
		b.Skipf("clause library does not load: %v", err)
	}
	for _, n := range []int{0, 10, 100, 1000} {
		a, err := answers.Load(examples.JournalName, examples.Journal, i18n.For("nb"))
		if err != nil {
			b.Fatal(err)
		}
		if n > 0 {
			sub := a.Subprocessors[0]
			a.Subprocessors, a.Locations = nil, nil
			for i := 0; i < n; i++ {
				s := sub
				s.Name = fmt.Sprintf("Underleverandør %d AS", i)
				a.Subprocessors = append(a.Subprocessors, s)
				a.Locations = append(a.Locations, answers.Location{Purpose: "sikkerhetskopi", Country: "SE", Address: fmt.Sprintf("Gata %d", i), Operator: s.Name})
			}
		}
		res, err := assemble.Assemble(assemble.Input{Answers: a, Raw: examples.Journal, Source: "x.yaml", Lib: lib, Lang: "nb"})
		if err != nil {
			b.Fatal(err)
		}
		name := "example"
		if n > 0 {
			name = fmt.Sprintf("n=%d", n)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for i := 0; i < b.N; i++ {
				out, err := pdf.Bytes(res.Doc)
				if err != nil {
					b.Fatal(err)
				}
				size = len(out)
			}
			b.ReportMetric(float64(size), "bytes/doc")
		})
	}
}
