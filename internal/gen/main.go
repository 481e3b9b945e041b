// Command gen regenerates dpa's generated files. It is run by
// `go generate ./...` (never by hand): each package that owns a generated
// file has a //go:generate line that calls one step of it, and go generate
// visits the packages in import-path order, so the clause lock
// (package clauses) is written before the library snapshot that embeds it.
//
//	lock      clauses/lock.yaml: sha256 of every clause version (fails when a
//	          clause text changed without a new version)
//	library   internal/library/snapshot_gen.go: the clause library compiled in
//	messages  internal/i18n/messages_gen.go: the UI messages compiled in
//	geo       internal/geo/countries_gen.go: the country data compiled in
//	widths    internal/render/pdf/fonts/widths.bin: the PDF font width tables
//	answers-doc, cli-doc  docs/answers.md, docs/cli.md (internal/docgen)
//	answers-doc-nb, cli-doc-nb  docs/nb/answers.md, docs/nb/cli.md (the same in Norwegian)
//	init-nb, init-en      templates/init.{nb,en}.yaml (internal/docgen)
//
// Every step reads the files embedded in this build of the generator, which
// `go run` compiles from the working tree at the moment the step runs.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dpa-no/dpa/internal/docgen"
	"github.com/dpa-no/dpa/internal/fsafe"
	"github.com/dpa-no/dpa/internal/geo"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/render/pdf"
)

// steps maps a step name to the file it writes (relative to the module
// root) and the function that makes its content.
var steps = map[string]struct {
	file string
	make func() ([]byte, error)
}{
	"lock":     {"clauses/lock.yaml", library.EmbeddedLockFile},
	"library":  {"internal/library/snapshot_gen.go", library.EmbeddedSnapshotGo},
	"messages": {"internal/i18n/messages_gen.go", i18n.MessagesGo},
	"geo":      {"internal/geo/countries_gen.go", geo.SnapshotGo},
	"widths":   {"internal/render/pdf/fonts/widths.bin", pdf.WidthsFile},
	// docs and init templates from the answers types, the field catalogue
	// and the command tree (internal/docgen)
	"answers-doc":    {"docs/answers.md", docgen.AnswersMD},
	"cli-doc":        {"docs/cli.md", docgen.CLIMD},
	"answers-doc-nb": {"docs/nb/answers.md", docgen.AnswersMDNB},
	"cli-doc-nb":     {"docs/nb/cli.md", docgen.CLIMDNB},
	"init-nb":        {"templates/init.nb.yaml", func() ([]byte, error) { return docgen.InitTemplate("nb") }},
	"init-en":        {"templates/init.en.yaml", func() ([]byte, error) { return docgen.InitTemplate("en") }},
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go generate ./...   (runs: go run ./internal/gen lock|library|messages|geo|widths)")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintf(os.Stderr, "gen %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

func run(name string) error {
	step, ok := steps[name]
	if !ok {
		return fmt.Errorf("unknown step")
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	data, err := step.make()
	if err != nil {
		return err
	}
	path := filepath.Join(root, filepath.FromSlash(step.file))
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil // unchanged: leave the file (and its time stamp) alone
	}
	if err := fsafe.WriteFile(path, data); err != nil {
		return err
	}
	fmt.Printf("gen: wrote %s\n", step.file)
	return nil
}

// moduleRoot is the folder of go.mod above the working directory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}
