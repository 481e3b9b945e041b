package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/geo"
	"github.com/dpa-no/dpa/templates"
)

// InitOptions are the options of `dpa init`.
type InitOptions struct {
	F     *Factory
	Lang  string
	Out   string
	Force bool
}

// NewCmdInit builds `dpa init`.
func NewCmdInit(f *Factory, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{F: f}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented answers template to fill in",
		Long: `Write a commented answers file (status: draft) to fill in. It passes
'dpa check' as a draft as it is; set status: final when every field is filled.`,
		Example: `  dpa init -o answers.yaml
  dpa init --lang en > answers.yaml`,
		Args: noArgs(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", "nb", "language of the template and the agreement: nb or en")
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write to FILE instead of standard output")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite FILE if it exists")
	return cmd
}

func initRun(opts *InitOptions) error {
	lang, err := normalizeLang(opts.F.UI(""), opts.Lang)
	if err != nil {
		return err
	}
	data, err := templates.FS.ReadFile("init." + lang + ".yaml")
	if err != nil {
		return err
	}
	if opts.Out == "" || opts.Out == "-" {
		_, err := opts.F.Out.Write(data)
		return err
	}
	dir, name := splitPath(opts.Out)
	if err := opts.F.writeAll(dir, []output{{Name: name, Data: data}}, opts.Force); err != nil {
		return err
	}
	fmt.Fprintln(opts.F.Out, opts.Out)
	return nil
}

func splitPath(p string) (string, string) {
	i := strings.LastIndexByte(p, os.PathSeparator)
	if i < 0 {
		return ".", p
	}
	if i == 0 {
		return "/", p[1:]
	}
	return p[:i], p[i+1:]
}

// SchemaOptions are the options of `dpa schema`.
type SchemaOptions struct {
	F     *Factory
	Out   string
	Force bool
}

// NewCmdSchema builds `dpa schema`.
func NewCmdSchema(f *Factory, runF func(*SchemaOptions) error) *cobra.Command {
	opts := &SchemaOptions{F: f}
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the answers format",
		Long: `Print the JSON Schema of the answers format (generated from dpa's Go types,
with descriptions). With VS Code's YAML extension, put this first in an
answers file to get completion and hover help:
  # yaml-language-server: $schema=./dpa-answers.schema.json`,
		Example: `  dpa schema -o dpa-answers.schema.json`,
		Args:    noArgs(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return schemaRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write to FILE instead of standard output (all or nothing)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite FILE if it exists")
	return cmd
}

// Schema returns the JSON Schema of the answers format.
func Schema() ([]byte, error) { return answers.Schema() }

func schemaRun(opts *SchemaOptions) error {
	b, err := Schema()
	if err != nil {
		return err
	}
	data := append(b, '\n')
	if opts.Out == "" || opts.Out == "-" {
		_, err = opts.F.Out.Write(data)
		return err
	}
	dir, name := splitPath(opts.Out)
	if err := opts.F.writeAll(dir, []output{{Name: name, Format: "json", Data: data}}, opts.Force); err != nil {
		return err
	}
	fmt.Fprintln(opts.F.Out, opts.Out)
	return nil
}

// VersionOptions are the options of `dpa version`.
type VersionOptions struct {
	F       *Factory
	Library string
}

// NewCmdVersion builds `dpa version`.
func NewCmdVersion(f *Factory, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{F: f}
	cmd := &cobra.Command{
		Use:     "version",
		Short:   "Print the program and clause library versions",
		Example: `  dpa version`,
		Args:    noArgs(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return versionRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Library, "library", "", "report on the clause library in this folder")
	return cmd
}

func versionRun(opts *VersionOptions) error {
	f := opts.F
	lib, err := f.Library(opts.Library)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f.Out, "dpa %s\nclause library %s (%s, %d clauses, %d requirements)\ncountry data checked %s\n", Version, lib.Version, lib.Source, len(lib.Clauses), len(lib.Requirements), geo.Checked())
	return err
}
