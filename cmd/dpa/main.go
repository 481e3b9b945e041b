// Command dpa writes data processing agreements (databehandleravtaler) for
// cloud services in the Norwegian health and public sector.
package main

import (
	"os"
	"runtime/debug"

	"github.com/dpa-no/dpa/internal/cli"
)

func main() {
	// dpa is a short-lived process that allocates a few megabytes per
	// agreement: collect garbage less often, but stay under a soft limit so
	// that a large batch keeps a small footprint. GOGC/GOMEMLIMIT override.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(64 << 20)
	}
	os.Exit(cli.Main(cli.NewFactory(), os.Args[1:]))
}
