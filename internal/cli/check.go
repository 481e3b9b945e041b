package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/checkjson"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/geo"
	"github.com/dpa-no/dpa/internal/i18n"
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
	Verbose bool
	Langs   []string
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
	cmd.Flags().BoolVarP(&opts.Verbose, "verbose", "v", false, "also show requirement coverage and the selected clauses")
	cmd.Flags().StringSliceVarP(&opts.Langs, "lang", "l", nil, "languages the agreement will be generated in, for value-as-written: nb, en or nb,en (without the flag the other language is reported as info)")
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
	langs, err := parseLangs(f.UI(""), opts.Langs)
	if err != nil {
		return err
	}
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
	out, res, err := checkjson.Run(checkjson.Input{Answers: af.Answers, Raw: af.Raw, Source: af.Path, Lib: lib, Draft: opts.Draft, UI: ui, Langs: langs})
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		if err := checkjson.Encode(f.Out, out); err != nil {
			return err
		}
	} else {
		// a draft's blanks are found in the assembled document
		if rules.IsDraft(af.Answers) || opts.Draft {
			if full, err := assemble.Assemble(assemble.Input{Answers: af.Answers, Raw: af.Raw, Source: af.Path, Lib: lib, Lang: af.Answers.Language, Draft: true, UI: ui}); err == nil {
				res.Doc = full.Doc
			}
		}
		printCheckText(f, af, out, res, ui.Lang, opts.Verbose)
	}
	if rules.Blocking(res.Findings) && !opts.Draft {
		// the findings are printed: exit 3 without a further message
		return &SilentError{Err: blocking(ui, af.Path, res.Findings)}
	}
	return nil
}

func printCheckText(f *Factory, af *answersFile, c *CheckJSON, res *assemble.Result, lang string, verbose bool) {
	ui := f.UI(lang)
	w := f.Out
	status := ui.T("check.status." + c.Status)
	fmt.Fprintf(w, "%s: %s\n", af.Path, status)

	// risk level and why
	fmt.Fprintf(w, "%s: %s\n", ui.T("check.risk"), ui.T("risk."+c.RiskLevel))
	for _, r := range riskReasons(res.Facts, ui) {
		fmt.Fprintf(w, "  - %s\n", r)
	}

	// findings, with what to do; the empty fields of a draft are listed
	// with the blanks below
	counts := map[string]int{}
	var shown []doc.Finding
	var empty []string
	for _, x := range c.Findings {
		counts[x.Severity]++
		if x.Code == rules.CodeMissingField && x.Severity == rules.Info {
			empty = append(empty, x.Path)
			continue
		}
		shown = append(shown, x)
	}
	fmt.Fprintf(w, "\n%s\n", ui.T("check.findings", M{
		"Errors":   ui.TN("check.n_errors", counts["error"]),
		"Warnings": ui.TN("check.n_warnings", counts["warning"]),
		"Infos":    ui.TN("check.n_infos", counts["info"]),
	}))
	paths := make([]string, len(shown))
	for i, x := range shown {
		paths[i] = x.Path
	}
	lines := answers.LocateIn(af.Root, paths)
	fixShown := map[string]bool{}
	for i, x := range shown {
		where := x.Path
		if l := fieldLabel(x.Path, lang); l != "" {
			where += " (" + l + ")"
		}
		if lines[i][0] > 0 {
			where = fmt.Sprintf("%s:%d:%d: %s", af.Path, lines[i][0], lines[i][1], where)
		}
		fmt.Fprintf(w, "  %s  %s  [%s]\n", ui.T("check.severity."+x.Severity), where, x.Code)
		fmt.Fprintf(w, "      %s\n", x.Message)
		// the same advice once for the values printed as written, which
		// may be many
		if x.Code == rules.CodeValueAsWritten && fixShown[x.Code] {
			continue
		}
		fixShown[x.Code] = true
		if ui.Has("check.fix." + x.Code) {
			fmt.Fprintf(w, "      %s %s\n", ui.T("check.what_to_do"), ui.T("check.fix."+x.Code, M{"Path": x.Path}))
		}
	}

	// the blanks a draft still shows
	if res.Doc != nil {
		blanks := draftBlanks(res.Doc, ui)
		if len(blanks) > 0 {
			fmt.Fprintf(w, "\n%s\n", ui.TN("check.blanks", len(blanks)))
			for _, b := range blanks {
				fmt.Fprintf(w, "  %s\n      %s %s\n", b.Text, ui.T("check.blank_where"), strings.Join(b.Where, ", "))
				var fills []string
				for _, p := range b.Paths {
					if l := fieldLabel(p, lang); l != "" {
						fills = append(fills, p+" ("+l+")")
					} else {
						fills = append(fills, p)
					}
				}
				if len(fills) > 0 {
					fmt.Fprintf(w, "      %s %s\n", ui.T("check.blank_fills"), strings.Join(fills, "; "))
				} else {
					fmt.Fprintf(w, "      %s %s\n", ui.T("check.blank_fills"), ui.T("check.blank_fills_many"))
				}
			}
		}
	}
	if len(empty) > 0 {
		fmt.Fprintf(w, "\n%s\n", ui.TN("check.empty", len(empty)))
		for _, p := range empty {
			if l := fieldLabel(p, lang); l != "" {
				fmt.Fprintf(w, "  %s (%s)\n", p, l)
			} else {
				fmt.Fprintf(w, "  %s\n", p)
			}
		}
	}

	// what next
	fmt.Fprintln(w)
	switch {
	case counts["error"] > 0 && c.Status != "draft":
		fmt.Fprintln(w, ui.T("check.next.errors"))
	case c.Status == "draft":
		fmt.Fprintln(w, ui.T("check.next.draft", M{"File": af.Path}))
	default:
		fmt.Fprintln(w, ui.T("check.next.ready", M{"File": af.Path}))
	}
	fmt.Fprintln(w, ui.TN("check.clause_count", len(c.Clauses), M{"Version": c.LibraryVersion}))
	// the date of the country data belongs here and in the trace document,
	// never in the agreement (its adequacy decisions are those in force on
	// the agreement date)
	fmt.Fprintln(w, ui.T("check.country_data", M{"Date": assemble.FormatDate(geo.Checked(), ui.Lang)}))
	if !verbose {
		fmt.Fprintln(w, ui.T("check.more"))
		return
	}

	var derived []string
	for _, k := range []string{"third_country_transfer", "third_country_affiliated", "third_country_access", "health", "scc_or_bcr",
		"restricted_transfer", "restricted_access", "adequacy_transfer", "third_country_established", "unidentified_recipient"} {
		if c.Derived[k] {
			derived = append(derived, ui.T("check.derived."+k))
		}
	}
	if len(derived) > 0 {
		fmt.Fprintf(w, "\n%s: %s\n", ui.T("cli.check.derived"), strings.Join(derived, "; "))
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
	fmt.Fprintf(w, "\n%s\n", ui.T("cli.check.coverage", M{"Covered": covered, "Applicable": applicable, "Total": len(c.Requirements)}))
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
	fmt.Fprintf(w, "\n%s\n", ui.T("cli.check.clauses", M{"Count": len(c.Clauses), "Version": c.LibraryVersion}))
	for _, x := range c.Clauses {
		fmt.Fprintf(w, "  %-6s %s@%d\n", x.Number, x.ID, x.Version)
	}
}

// fieldLabel names a field of the answers in plain words, with its parents:
// "Underdatabehandlere › Overføringsgrunnlag". "" for a path that is not a
// field (a requirement key).
func fieldLabel(path, lang string) string {
	fd, ok := answers.FieldByPath(path)
	if !ok {
		return ""
	}
	parts := []string{fd.Label.In(lang)}
	for p := fd.Parent; p != ""; {
		pf, ok := answers.FieldByPath(p)
		if !ok {
			break
		}
		parts = append([]string{pf.Label.In(lang)}, parts...)
		p = pf.Parent
	}
	return strings.Join(parts, " › ")
}

// riskReasons says in words why the risk level is what it is: the reasons
// rules.deriveRisk returned with the level (Facts.RiskReasons), so the
// explanation cannot disagree with the level.
func riskReasons(fa *rules.Facts, ui *i18n.Localizer) []string {
	var out []string
	for _, r := range fa.RiskReasons {
		switch r.Code {
		case rules.RiskDeployment:
			out = append(out, ui.T("check.why.deployment", M{"Deployment": deploymentLabel(r.Deployment, ui.Lang)}))
		case rules.RiskTransfer:
			key := "check.why.transfer"
			if r.Restricted {
				key = "check.why.transfer_restricted"
			}
			// countries by name, in words a reader knows ("USA", not "US")
			names := make([]string, len(r.Countries))
			for i, c := range r.Countries {
				names[i] = geo.Name(c, ui.Lang)
			}
			out = append(out, ui.T(key, M{"Countries": strings.Join(names, ", ")}))
		case rules.RiskContentScheme:
			// as annex A: a country whose content schemes are all pending
			// has access to content only per task until the Controller
			// accepts the assessment
			if len(r.Pending) < len(r.Countries) {
				out = append(out, ui.T("check.why.content_scheme"))
			}
			if len(r.Pending) > 0 {
				names := make([]string, len(r.Pending))
				for i, c := range r.Pending {
					names[i] = geo.Name(c, ui.Lang)
				}
				out = append(out, ui.T("check.why.content_scheme_pending", M{"Countries": strings.Join(names, ", ")}))
			}
		case rules.RiskVolume:
			out = append(out, ui.T("check.why.large"))
		case rules.RiskRaised:
			out = append(out, ui.T("check.why.raised", M{"Derived": ui.T("risk." + r.Derived)}))
		default:
			out = append(out, ui.T("check.why."+r.Code))
		}
	}
	return out
}

func deploymentLabel(dep, lang string) string {
	fd, _ := answers.FieldByPath("service.deployment")
	for _, v := range fd.Values {
		if v.Value == dep {
			return strings.ToLower(v.Label.In(lang))
		}
	}
	return dep
}
