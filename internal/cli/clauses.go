package cli

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
)

// ClausesOptions are the options of `dpa clauses`.
type ClausesOptions struct {
	F       *Factory
	Lang    string
	Library string
	ID      string
}

// NewCmdClauses builds `dpa clauses` with list and show.
func NewCmdClauses(f *Factory) *cobra.Command {
	opts := &ClausesOptions{F: f}
	cmd := &cobra.Command{
		Use:   "clauses",
		Short: "Browse the clause library",
		Example: `  dpa clauses list
  dpa clauses show backup-restore --lang en`,
	}
	cmd.PersistentFlags().StringVarP(&opts.Lang, "lang", "l", "nb", "language: nb or en")
	cmd.PersistentFlags().StringVar(&opts.Library, "library", "", "use the clause library in this folder")
	list := &cobra.Command{
		Use:     "list",
		Short:   "List clauses: id, version, title, condition",
		Example: `  dpa clauses list --lang en`,
		Args:    noArgs(f),
		RunE:    func(cmd *cobra.Command, args []string) error { return clausesListRun(opts) },
	}
	show := &cobra.Command{
		Use:     "show ID",
		Short:   "Show one clause in both languages, with its sources",
		Example: `  dpa clauses show backup-restore`,
		Args:    exactArgs(f, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			return clausesShowRun(opts)
		},
	}
	cmd.AddCommand(list, show, NewCmdClausesLock(f, nil))
	return group(f, cmd)
}

func clausesListRun(opts *ClausesOptions) error {
	lang, err := normalizeLang(opts.F.UI(""), opts.Lang)
	if err != nil {
		return err
	}
	lib, err := opts.F.Library(opts.Library)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(opts.F.Out, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "ID\tVERSION\tSECTION\tTITLE\tCONDITION\n")
	for _, c := range lib.Clauses {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", c.ID, c.Version, c.Section, c.Title.Get(lang), c.When)
	}
	tw.Flush()
	fmt.Fprintf(opts.F.Out, "\n%d clauses, library %s\n", len(lib.Clauses), lib.Version)
	return nil
}

func clausesShowRun(opts *ClausesOptions) error {
	lib, err := opts.F.Library(opts.Library)
	if err != nil {
		return err
	}
	c := lib.Clause(opts.ID)
	if c == nil {
		var ids []string
		for _, x := range lib.Clauses {
			ids = append(ids, x.ID)
		}
		ui := opts.F.UI("")
		msg := ui.T("cli.err.no_clause", M{"ID": strconv.Quote(opts.ID), "Version": lib.Version})
		if s := suggest(opts.ID, ids); s != "" {
			msg += " – " + ui.T("cli.err.did_you_mean", M{"Suggestion": strconv.Quote(s)})
		}
		return &InputError{Err: fmt.Errorf("%s", msg)}
	}
	w := opts.F.Out
	fmt.Fprintf(w, "%s@%d  (%s:%d)\n", c.ID, c.Version, c.File, c.Line)
	fmt.Fprintf(w, "section:   %s\ncondition: %s\ncovers:    %s\n", c.Section, c.When, strings.Join(c.Covers, ", "))
	fmt.Fprintf(w, "sources:\n")
	for _, s := range c.Sources {
		fmt.Fprintf(w, "  - %s\n", s)
	}
	for _, lang := range i18n.Langs {
		fmt.Fprintf(w, "\n[%s] %s\n\n%s\n", lang, c.Title.Get(lang), strings.TrimRight(c.Body.Get(lang), "\n"))
	}
	if len(c.Changelog) > 0 {
		fmt.Fprintf(w, "\nchangelog:\n")
		for _, e := range c.Changelog {
			fmt.Fprintf(w, "  %v  %s  %s\n", e.Version, e.Date, e.Text)
		}
	}
	return nil
}

func suggest(s string, ids []string) string {
	return library.SuggestID(s, ids)
}
