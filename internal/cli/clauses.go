package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/diff"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/rules"
)

// NewCmdClauses builds the `dpa clauses` group: list, show and lock. Its
// --lang and --library are persistent: each subcommand reads them from
// its own flags.
func NewCmdClauses(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "clauses",
		Short: "Browse the clause library",
		Example: `  dpa clauses list
  dpa clauses show backup-restore --lang en`,
	}
	cmd.PersistentFlags().StringP("lang", "l", "nb", "language: nb or en")
	cmd.PersistentFlags().String("library", "", "use the clause library in this folder")
	cmd.AddCommand(NewCmdClausesList(f, nil), NewCmdClausesShow(f, nil), NewCmdClausesLock(f, nil))
	return group(f, cmd)
}

// inherited is the value of a flag of cmd's group (--lang, --library).
func inherited(cmd *cobra.Command, name string) string {
	if fl := cmd.Flag(name); fl != nil {
		return fl.Value.String()
	}
	return ""
}

// ClausesListOptions are the options of `dpa clauses list`.
type ClausesListOptions struct {
	F       *Factory
	Lang    string
	Library string
}

// NewCmdClausesList builds `dpa clauses list`.
func NewCmdClausesList(f *Factory, runF func(*ClausesListOptions) error) *cobra.Command {
	opts := &ClausesListOptions{F: f}
	return &cobra.Command{
		Use:     "list",
		Short:   "List clauses: id, version, title, condition",
		Example: `  dpa clauses list --lang en`,
		Args:    noArgs(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang, opts.Library = inherited(cmd, "lang"), inherited(cmd, "library")
			if runF != nil {
				return runF(opts)
			}
			return clausesListRun(opts)
		},
	}
}

// ClausesShowOptions are the options of `dpa clauses show`.
type ClausesShowOptions struct {
	F       *Factory
	Lang    string
	Library string
	ID      string
	Answers string
}

// NewCmdClausesShow builds `dpa clauses show`.
func NewCmdClausesShow(f *Factory, runF func(*ClausesShowOptions) error) *cobra.Command {
	opts := &ClausesShowOptions{F: f}
	cmd := &cobra.Command{
		Use:     "show ID",
		Short:   "Show one clause in both languages, with its sources",
		Example: `  dpa clauses show backup-restore`,
		Args:    exactArgs(f, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang, opts.Library = inherited(cmd, "lang"), inherited(cmd, "library")
			opts.ID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return clausesShowRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Answers, "answers", "", "fill in the values from this answers file")
	_ = cmd.RegisterFlagCompletionFunc("answers", answersFiles)
	return cmd
}

func clausesListRun(opts *ClausesListOptions) error {
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

func clausesShowRun(opts *ClausesShowOptions) error {
	f := opts.F
	ui := f.UI("")
	lang, err := normalizeLang(ui, opts.Lang)
	if err != nil {
		return err
	}
	lib, err := f.Library(opts.Library)
	if err != nil {
		return err
	}
	c := lib.Clause(opts.ID)
	if c == nil {
		var ids []string
		for _, x := range lib.Clauses {
			ids = append(ids, x.ID)
		}
		msg := ui.T("cli.err.no_clause", M{"ID": strconv.Quote(opts.ID), "Version": lib.Version})
		if s := suggest(opts.ID, ids); s != "" {
			msg += " – " + ui.T("cli.err.did_you_mean", M{"Suggestion": strconv.Quote(s)})
		}
		return &InputError{Err: fmt.Errorf("%s", msg)}
	}
	// the answers the clause is rendered with: --answers, or an empty draft
	// (every value a fill-in blank)
	var a *answers.Answers
	var raw []byte
	source := ""
	if opts.Answers != "" {
		af, err := readAnswers(f, opts.Answers)
		if err != nil {
			return err
		}
		a, raw, source = af.Answers, af.Raw, af.Path
	} else {
		a = &answers.Answers{Format: 1, Status: "draft", Language: lang}
	}
	rendered, selected, err := renderClause(lib, c, a, raw, source, lang, ui)
	if err != nil {
		return err
	}
	w := f.Out
	// the clause as text
	title := c.Title.Get(lang)
	if rendered.Number != "" {
		title = rendered.Number + " " + title
	}
	fmt.Fprintf(w, "%s\n%s\n\n", title, strings.Repeat("=", len([]rune(title))))
	writeBlocks(w, rendered.Blocks)
	fmt.Fprintln(w)
	switch {
	case opts.Answers == "":
		fmt.Fprintln(w, ui.T("clauses.show.blanks_note"))
	case !selected:
		fmt.Fprintln(w, ui.T("clauses.show.not_selected", M{"File": source}))
	default:
		fmt.Fprintln(w, ui.T("clauses.show.selected", M{"File": source, "Number": rendered.Number}))
	}
	// condition in words, coverage, sources, versions
	fmt.Fprintln(w)
	cond := diff.DescribeCondition(c.When, ui.Lang)
	if cond == "" {
		fmt.Fprintf(w, "%s %s\n", ui.T("clauses.show.condition"), ui.T("clauses.show.always"))
	} else {
		fmt.Fprintf(w, "%s %s\n    (%s)\n", ui.T("clauses.show.condition"), ui.T("clauses.show.when", M{"Cond": cond}), c.When)
	}
	fmt.Fprintf(w, "%s %s\n", ui.T("clauses.show.section"), sectionName(lib, c.Section, ui.Lang))
	if len(c.Covers) > 0 {
		fmt.Fprintf(w, "%s\n", ui.T("clauses.show.covers"))
		for _, k := range c.Covers {
			fmt.Fprintf(w, "  - %s\n", k)
		}
	}
	if len(c.Sources) > 0 {
		fmt.Fprintf(w, "%s\n", ui.T("clauses.show.sources"))
		for _, s := range c.Sources {
			fmt.Fprintf(w, "  - %s\n", s)
		}
	}
	fmt.Fprintf(w, "%s\n", ui.T("clauses.show.version", M{"ID": c.ID, "Version": c.Version, "Library": lib.Version, "File": c.File, "Line": c.Line}))
	if len(c.Changelog) > 0 {
		fmt.Fprintf(w, "%s\n", ui.T("clauses.show.changelog"))
		for _, e := range c.Changelog {
			text, in := e.Text.In(lang)
			if in != "" && in != lang {
				// an entry of an outside library without text in lang:
				// shown as written, and said so
				text += " [" + ui.T("clauses.show.changelog_only_"+in) + "]"
			}
			fmt.Fprintf(w, "  %v  %s  %s\n", e.Version, e.Date, text)
		}
	}
	return nil
}

// renderClause renders clause c for answers a in lang: from the assembled
// agreement when the clause is part of it (numbered, references resolved),
// else from its template alone (references shown as [id]).
func renderClause(lib *library.Library, c *library.Clause, a *answers.Answers, raw []byte, source, lang string, ui *i18n.Localizer) (doc.Clause, bool, error) {
	draft := rules.IsDraft(a)
	res, err := assemble.Assemble(assemble.Input{Answers: a, Raw: raw, Source: source, Lib: lib, Lang: lang, Draft: true, UI: ui})
	if err == nil {
		for _, dc := range res.Doc.AllClauses() {
			if dc.ID == c.ID {
				return *dc, true, nil
			}
		}
	}
	view := assemble.NewView(a, rules.Derive(a, draft), lang)
	t, err := c.Template(lang)
	if err == nil {
		t, err = t.Clone()
	}
	if err != nil {
		return doc.Clause{}, false, err
	}
	var buf strings.Builder
	ref := func(id string) (string, error) { return "[" + id + "]", nil }
	if err := t.Funcs(library.Funcs(ref)).Execute(&buf, view); err != nil {
		return doc.Clause{}, false, fmt.Errorf("%s:%d: clause %s (%s): %w", c.File, c.Line, c.ID, lang, err)
	}
	return doc.Clause{ID: c.ID, Version: c.Version, Title: c.Title.Get(lang), Blocks: assemble.ParseBlocks(buf.String())}, false, nil
}

// writeBlocks prints clause blocks as plain text.
func writeBlocks(w io.Writer, bs []doc.Block) {
	for i, b := range bs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		switch b.Kind {
		case doc.Bullets:
			for _, it := range b.Items {
				fmt.Fprintf(w, "  - %s\n", it)
			}
		case doc.Numbered:
			for j, it := range b.Items {
				fmt.Fprintf(w, "  %d. %s\n", j+1, it)
			}
		case doc.TableKind:
			if b.Table != nil {
				fmt.Fprintf(w, "  %s\n", strings.Join(b.Table.Header, " | "))
				for _, r := range b.Table.Rows {
					fmt.Fprintf(w, "  %s\n", strings.Join(r, " | "))
				}
			}
		case doc.Subhead:
			fmt.Fprintf(w, "%s\n", b.Text)
		default:
			fmt.Fprintf(w, "%s\n", b.Text)
		}
	}
}

func suggest(s string, ids []string) string {
	return library.SuggestID(s, ids)
}

// sectionName is the title of a section or annex of the skeleton in lang,
// with its id: "Overføring til tredjeland (transfers)"; the id alone when
// the skeleton has no title for it.
func sectionName(lib *library.Library, id, lang string) string {
	for _, s := range lib.Skeleton.Sections {
		if s.ID == id && s.Title.Get(lang) != "" {
			return s.Title.Get(lang) + " (" + id + ")"
		}
	}
	for _, a := range lib.Skeleton.Annexes {
		if a.ID == id && a.Title.Get(lang) != "" {
			return a.Title.Get(lang) + " (" + id + ")"
		}
	}
	return id
}
