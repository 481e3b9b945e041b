package cli

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run dpa as a command inside the test binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"dpa": func() { os.Exit(Main(NewFactory(), os.Args[1:])) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			env.Setenv("SOURCE_DATE_EPOCH", "1767225600")
			return nil
		},
	})
}
