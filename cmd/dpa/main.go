// Command dpa writes data processing agreements (databehandleravtaler) for
// cloud services in the Norwegian health and public sector.
package main

import (
	"os"

	"github.com/dpa-no/dpa/internal/cli"
)

func main() {
	os.Exit(cli.Main(cli.NewFactory(), os.Args[1:]))
}
