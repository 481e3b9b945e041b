// Command dpa writes data processing agreements (databehandleravtaler) for
// cloud services in the Norwegian health and public sector.
package main

import (
	"os"
	"runtime/debug"

	"github.com/dpa-no/dpa/internal/cli"
)

func main() {
	// dpa is a short-lived process that allocates some 20 MB for an
	// agreement in all formats. The collector runs only when the heap
	// reaches the soft limit below: a single agreement never pays for a
	// collection (a fifth of its instructions at GOGC=200), and a batch or
	// a very large agreement keeps a footprint under 100 MB (measured in
	// bench/README.md). GOGC/GOMEMLIMIT override.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(-1)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(64 << 20)
	}
	os.Exit(cli.Main(cli.NewFactory(), os.Args[1:]))
}
