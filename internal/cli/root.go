package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
)

// Version is the program version (set with -ldflags "-X ...cli.Version=").
var Version = "0.1.0"

// Factory holds what commands need from their surroundings, so that
// commands run in tests without a process.
type Factory struct {
	Out, Err  io.Writer
	In        io.Reader
	Getenv    func(string) string
	StderrTTY bool
	StdoutTTY bool
	UILang    string // from --ui-lang; "" means: the file's language, else nb
	// Context, when set, stops a running generate when cancelled, as
	// SIGINT does (tests use it); nil means context.Background().
	Context context.Context
}

// NewFactory returns the factory for the real process.
func NewFactory() *Factory {
	return &Factory{
		Out: os.Stdout, Err: os.Stderr, In: os.Stdin, Getenv: os.Getenv,
		StderrTTY: term.IsTerminal(int(os.Stderr.Fd())),
		StdoutTTY: term.IsTerminal(int(os.Stdout.Fd())),
	}
}

// UI returns the localizer for messages: --ui-lang, else fileLang, else nb.
func (f *Factory) UI(fileLang string) *i18n.Localizer {
	if f.UILang != "" {
		return i18n.For(f.UILang)
	}
	if fileLang != "" {
		return i18n.For(fileLang)
	}
	return i18n.For("nb")
}

// Library loads the embedded library or the one in dir.
func (f *Factory) Library(dir string) (*library.Library, error) {
	lib, err := assemble.LoadLibrary(dir, f.UI(""))
	if err != nil {
		if dir != "" {
			return nil, &InputError{Err: err}
		}
		// the embedded library is ours: a problem in it is not the input's fault
		return nil, fmt.Errorf("embedded clause library: %s", err.Error())
	}
	return lib, nil
}

var setVersion sync.Once

// NewCmdRoot builds the dpa command tree.
func NewCmdRoot(f *Factory) *cobra.Command {
	setVersion.Do(func() { assemble.Version = Version }) // once: Main may run concurrently (tests)
	var uiLang string
	root := &cobra.Command{
		Use:   "dpa",
		Short: "Write data processing agreements (databehandleravtaler) for cloud services",
		Long: `dpa writes data processing agreements (databehandleravtaler) for cloud
services in the Norwegian health and public sector. It reads an answers file
about the service, selects clauses from a versioned clause library, and
renders a complete agreement in Norwegian bokmål or English as PDF, DOCX,
Markdown, plain text or JSON. Every clause names the requirements it covers.`,
		Example: `  dpa init -o answers.yaml          # write an answers template
  dpa check answers.yaml            # findings, risk level, coverage
  dpa generate answers.yaml         # PDF, DOCX and Markdown
  dpa generate --example -f md,txt  # the built-in example`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if uiLang != "" {
				l, err := normalizeLang(f.UI(""), uiLang)
				if err != nil {
					return err
				}
				f.UILang = l
			}
			return nil
		},
	}
	root.PersistentFlags().StringVar(&uiLang, "ui-lang", "", "language of messages: nb or en (default: the answers file's language, else nb)")
	root.SetOut(f.Out)
	root.SetErr(f.Err)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return pflagError(f.UI(""), c, err)
	})
	group(f, root)
	// Every command is added here, explicitly.
	root.AddCommand(
		NewCmdGenerate(f, nil),
		NewCmdCheck(f, nil),
		NewCmdInit(f, nil),
		NewCmdClauses(f),
		NewCmdDiff(f, nil),
		NewCmdSchema(f, nil),
		NewCmdVersion(f, nil),
		NewCmdServe(f, nil),
	)
	// help texts, usage template and completions in the UI language, over
	// the whole tree (help.go, complete.go)
	localiseHelp(root, f.UI(""))
	addCompletions(root, f)
	return root
}

// Main runs dpa with args and returns the exit code.
func Main(f *Factory, args []string) int {
	// --ui-lang is read before cobra parses the flags, so that its own
	// errors about other flags come in the chosen language.
	for i, a := range args {
		v, ok := "", false
		if strings.HasPrefix(a, "--ui-lang=") {
			v, ok = strings.TrimPrefix(a, "--ui-lang="), true
		} else if a == "--ui-lang" && i+1 < len(args) {
			v, ok = args[i+1], true
		}
		if l, err := i18n.Normalize(v); ok && err == nil {
			f.UILang = l
		}
	}
	root := NewCmdRoot(f)
	root.SetArgs(args)
	err := root.Execute()
	if err != nil {
		var s *SilentError
		var fe *FlagError
		switch {
		case asSilent(err, &s):
		case errors.As(err, &fe):
			fmt.Fprintln(f.Err, "dpa: "+fe.Error()+"\n"+f.UI("").T("cli.err.usage", M{"Cmd": fe.Cmd}))
		default:
			fmt.Fprintln(f.Err, "dpa: "+err.Error())
		}
	}
	return ExitCode(err)
}

func asSilent(err error, s **SilentError) bool {
	if e, ok := err.(*SilentError); ok {
		*s = e
		return true
	}
	return false
}
