package answers

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/i18n"
)

func BenchmarkLoadExample(b *testing.B) {
	ui := i18n.For("en")
	b.SetBytes(int64(len(examples.Journal)))
	for i := 0; i < b.N; i++ {
		if _, err := Load("a.yaml", examples.Journal, ui); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadLarge reads 2000 sub-processors (about 0.5 MiB).
func BenchmarkLoadLarge(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("format: 1\nsubprocessors:\n")
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&sb, "  - name: \"Underleverandør %d AS\"\n    country: US\n    parent_country: US\n    service: drift og brukerstøtte\n    locations: [US, IE]\n    access_countries: [US]\n    transfer_basis: scc\n    dpf_certified: true\n    tia_done: true\n", i)
	}
	data := []byte(sb.String())
	ui := i18n.For("en")
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		if _, err := Load("a.yaml", data, ui); err != nil {
			b.Fatal(err)
		}
	}
}
