package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dpa-no/dpa/internal/checkjson"
	"github.com/dpa-no/dpa/internal/rules"
)

// CheckOptions are the options of `dpa check`.
type CheckOptions struct {
	F       *Factory
	File    string
	Format  string
	Library string
	Draft   bool
	Example bool
}

// NewCmdCheck builds `dpa check`.
func NewCmdCheck(f *Factory, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{F: f}
	cmd := &cobra.Command{
		Use:   "check ANSWERS.yaml",
		Short: "Validate answers: findings, risk level, selected clauses, coverage",
		Long: `Validate an answers file and derive its facts: findings (errors block a final
agreement), the risk level, third-country transfer and affiliation, the clauses
that would be selected and the coverage of every requirement of the catalog.
Exit code 3 when there are blocking findings and --draft is not given.`,
		Example: `  dpa check answers.yaml
  dpa check answers.yaml --format json | jq '.findings'
  dpa check --example --format json`,
		Args: maxArgs(f, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.File = args[0]
			} else if !opts.Example {
				return inputErr(f.UI(""), "cli.err.check_input", nil)
			}
			if opts.Format != "text" && opts.Format != "json" {
				return inputErr(f.UI(""), "cli.err.check_format", M{"Format": strconv.Quote(opts.Format)})
			}
			if runF != nil {
				return runF(opts)
			}
			return checkRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "text (for people) or json (for scripts)")
	cmd.Flags().StringVar(&opts.Library, "library", "", "use the clause library in this folder")
	cmd.Flags().BoolVar(&opts.Draft, "draft", false, "do not fail on blocking findings (exit 0)")
	cmd.Flags().BoolVar(&opts.Example, "example", false, "check the embedded example answers")
	return cmd
}

// CheckJSON is the JSON shape of spec/cli.md (built by internal/checkjson,
// which the web server shares).
type CheckJSON = checkjson.Report

// CheckReq is one requirement's coverage.
type CheckReq = checkjson.Req

// CheckClause is one selected clause.
type CheckClause = checkjson.Clause

func checkRun(opts *CheckOptions) error {
	f := opts.F
	lib, err := f.Library(opts.Library)
	if err != nil {
		return err
	}
	var af *answersFile
	if opts.Example {
		af, err = exampleAnswers(f)
	} else {
		af, err = readAnswers(f, opts.File)
	}
	if err != nil {
		return err
	}
	ui := f.UI(af.Answers.Language)
	out, res, err := checkjson.Run(checkjson.Input{Answers: af.Answers, Raw: af.Raw, Source: af.Path, Lib: lib, Draft: opts.Draft, UI: ui})
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		if err := checkjson.Encode(f.Out, out); err != nil {
			return err
		}
	} else {
		printCheckText(f, af, out, ui.Lang)
	}
	if rules.Blocking(res.Findings) && !opts.Draft {
		return &SilentError{Code: ExitFindings}
	}
	return nil
}

func printCheckText(f *Factory, af *answersFile, c *CheckJSON, lang string) {
	ui := f.UI(lang)
	w := f.Out
	fmt.Fprintf(w, "%s: %s\n", af.Path, ui.T("cli.check.summary", map[string]interface{}{"Risk": ui.T("risk." + c.RiskLevel), "Status": c.Status}))
	var derived []string
	for _, k := range []string{"third_country_transfer", "third_country_affiliated", "third_country_access", "health", "scc_or_bcr"} {
		if c.Derived[k] {
			derived = append(derived, k)
		}
	}
	if len(derived) > 0 {
		fmt.Fprintf(w, "%s: %s\n", ui.T("cli.check.derived"), strings.Join(derived, ", "))
	}
	counts := map[string]int{}
	for _, x := range c.Findings {
		counts[x.Severity]++
	}
	fmt.Fprintf(w, "\n%s\n", ui.T("cli.check.findings", map[string]interface{}{"Errors": counts["error"], "Warnings": counts["warning"], "Infos": counts["info"]}))
	for _, x := range c.Findings {
		fmt.Fprintf(w, "  %-7s %-28s %s\n          %s\n", x.Severity, x.Code, x.Path, x.Message)
	}
	applicable, covered := 0, 0
	for _, r := range c.Requirements {
		if r.Applicable {
			applicable++
			if len(r.Clauses) > 0 {
				covered++
			}
		}
	}
	fmt.Fprintf(w, "\n%s\n", ui.T("cli.check.coverage", map[string]interface{}{"Covered": covered, "Applicable": applicable, "Total": len(c.Requirements)}))
	for _, r := range c.Requirements {
		if !r.Applicable {
			continue
		}
		cl := strings.Join(r.Clauses, ", ")
		if cl == "" {
			cl = "—"
		}
		fmt.Fprintf(w, "  %-44s %s\n", r.Key, cl)
	}
	fmt.Fprintf(w, "\n%s\n", ui.T("cli.check.clauses", map[string]interface{}{"Count": len(c.Clauses), "Version": c.LibraryVersion}))
	for _, x := range c.Clauses {
		fmt.Fprintf(w, "  %-6s %s@%d\n", x.Number, x.ID, x.Version)
	}
}
