// Command dpa writes data processing agreements (databehandleravtaler) for
// cloud services in the Norwegian health and public sector.
package main

import (
	"os"

	"github.com/dpa-no/dpa/internal/cli"
)

func main() {
	cli.TuneGC() // the collector for a short-lived process (see there)
	os.Exit(cli.Main(cli.NewFactory(), os.Args[1:]))
}
