package cli

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/diff"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
)

// DiffOptions are the options of `dpa diff`.
type DiffOptions struct {
	F       *Factory
	Old     string
	New     string
	Format  string
	Out     string
	Lang    string
	Library string
	Force   bool
	// Summary writes the change report instead of the whole agreement
	// (answers files, docx, md and html).
	Summary bool
	// Author and Date are the author and date of the tracked changes.
	Author string
	Date   string
}

// DiffFormats are the formats of `dpa diff`.
var DiffFormats = []string{"text", "md", "html", "docx", "json"}

// NewCmdDiff builds `dpa diff`.
func NewCmdDiff(f *Factory, runF func(*DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{F: f}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Compare two clause libraries or two agreements (word-level redline)",
		Long: `Compare two clause library folders, or two answers files (the agreements
assembled from them, with the embedded library or --library).

Libraries: clauses added, removed and changed (old -> new version; a clause
whose text, condition or covered requirements changed without a new version
is flagged), a word-level redline of each changed title and body in each
language (or only --lang), the changed conditions explained in words, the
covered requirements added and removed, and the changelog entries in between.

Answers files: both agreements are assembled in the same language (--lang,
default: OLD's language) and compared clause by clause by clause id, so a
clause that only got a new number is not a change (number changes are listed
separately). Clauses that enter or leave the agreement are listed, and the
rendered text of changed clauses (with the values from the answers) and of
the generated annex tables is redlined.

Formats: text ([-deleted-]{+inserted+}, coloured on a terminal unless NO_COLOR
is set), md, html (one printable page), json (spec/cli.md), docx (a Word
document in which every change is a tracked change that can be accepted or
rejected; needs -o).

For two answers files, docx, md and html give the whole agreement NEW with
every difference from OLD marked: in docx as Word tracked changes by --author
on --date (accept all gives NEW, reject all gives OLD; a clause replaced by
another in the same section, such as specific and general authorisation of
sub-processors, is redlined into it; annex table rows are inserted, deleted
or redlined as rows), in md and html as inline <ins> and <del>. --summary
gives the change report instead (clause by clause, as for libraries).

The exit code is 0 whether or not there are differences; 2 when the input
cannot be used.`,
		Example: `  dpa diff old-clauses/ clauses/                # what changed in the library
  dpa diff old-clauses/ clauses/ --format md --lang nb
  dpa diff v1.yaml v2.yaml                       # what changed in the agreement
  dpa diff v1.yaml v2.yaml --format docx -o redline.docx --author "Advokat Ås"
  dpa diff v1.yaml v2.yaml --format docx --summary -o changes.docx
  dpa diff v1.yaml v2.yaml --format json | jq .changed`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return flagErr(f.UI(""), cmd, "cli.err.diff_args", M{"Got": len(args)})
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			if runF != nil {
				return runF(opts)
			}
			return diffRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "text", "output format: text, md, html, docx or json")
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write to FILE instead of standard output (required for docx)")
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", "", "language: nb or en (libraries: default both; answers: default OLD's language)")
	cmd.Flags().StringVar(&opts.Library, "library", "", "answers files: use the clause library in this folder instead of the embedded one")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite FILE if it exists")
	cmd.Flags().BoolVar(&opts.Summary, "summary", false, "answers files, docx/md/html: the change report instead of the whole agreement with its changes marked")
	cmd.Flags().StringVar(&opts.Author, "author", diff.Author, "author of the tracked changes")
	cmd.Flags().StringVar(&opts.Date, "date", "", "date of the tracked changes, YYYY-MM-DD or RFC 3339; without it today, or SOURCE_DATE_EPOCH when set")
	return cmd
}

func diffRun(opts *DiffOptions) error {
	f := opts.F
	format := opts.Format
	known := false
	for _, k := range DiffFormats {
		known = known || k == format
	}
	if !known {
		return &FlagError{Err: msgErr(f.UI(""), "cli.err.diff_format", M{"Format": strconv.Quote(format), "Known": strings.Join(DiffFormats, ", ")}), Cmd: "dpa diff"}
	}
	if format == "docx" && (opts.Out == "" || opts.Out == "-") {
		return &FlagError{Err: msgErr(f.UI(""), "cli.err.diff_docx_out", nil), Cmd: "dpa diff"}
	}
	lang := ""
	if opts.Lang != "" {
		l, err := normalizeLang(opts.F.UI(""), opts.Lang)
		if err != nil {
			return err
		}
		lang = l
	}
	when, err := changeDate(f, opts.Date)
	if err != nil {
		return err
	}
	oldDir, err := isDir(opts.F.UI(""), opts.Old)
	if err != nil {
		return err
	}
	newDir, err := isDir(opts.F.UI(""), opts.New)
	if err != nil {
		return err
	}
	if oldDir != newDir {
		id := "cli.err.diff_kinds_dir_file"
		if !oldDir {
			id = "cli.err.diff_kinds_file_dir"
		}
		return inputErr(f.UI(""), id, M{"Old": opts.Old, "New": opts.New})
	}
	var rep *diff.Report
	var oldDoc, newDoc *doc.Document
	if oldDir {
		if opts.Library != "" {
			return &FlagError{Err: msgErr(f.UI(""), "cli.err.diff_library_flag", nil), Cmd: "dpa diff"}
		}
		rep, err = diffLibraries(f, opts.Old, opts.New, lang)
	} else {
		rep, oldDoc, newDoc, err = diffAnswers(f, opts.Old, opts.New, lang, opts.Library)
	}
	if err != nil {
		return err
	}
	rep.Author, rep.When = opts.Author, when
	whole := newDoc != nil && !opts.Summary
	ro := diff.RedlineOptions{Author: opts.Author, Date: when}
	var b bytes.Buffer
	switch {
	case whole && format == "docx":
		b.Write(diff.Redline(oldDoc, newDoc, ro))
		format = ""
	case whole && format == "md":
		err = diff.RedlineMarkdown(&b, oldDoc, newDoc, ro)
		format = ""
	case whole && format == "html":
		err = diff.RedlineHTML(&b, oldDoc, newDoc, ro)
		format = ""
	}
	switch format {
	case "text":
		color := opts.Out == "" && f.StdoutTTY && f.Getenv("NO_COLOR") == ""
		err = diff.Text(&b, rep, color)
	case "md":
		err = diff.Markdown(&b, rep)
	case "html":
		err = diff.HTML(&b, rep)
	case "json":
		err = diff.JSON(&b, rep)
	case "docx":
		b.Write(diff.Docx(rep))
	}
	if err != nil {
		return err
	}
	if opts.Out == "" || opts.Out == "-" {
		_, err := f.Out.Write(b.Bytes())
		return err
	}
	dir, name := splitPath(opts.Out)
	if err := f.writeAll(dir, []output{{Name: name, Format: opts.Format, Data: b.Bytes()}}, opts.Force); err != nil {
		return err
	}
	fmt.Fprintln(f.Err, opts.Out)
	return nil
}

func isDir(ui *i18n.Localizer, p string) (bool, error) {
	st, err := os.Stat(p)
	if err != nil {
		return false, inputErr(ui, "cli.err.path", M{"Path": p, "Reason": reason(ui, err)})
	}
	return st.IsDir(), nil
}

func explainLang(f *Factory, lang string) string {
	if f.UILang != "" {
		return f.UILang
	}
	if lang != "" {
		return lang
	}
	return "nb"
}

func diffLibraries(f *Factory, oldDir, newDir, lang string) (*diff.Report, error) {
	load := func(dir string) (*library.Library, error) {
		lib, err := assemble.LoadLibrary(dir, f.UI(""))
		if err != nil {
			return nil, &InputError{Err: err}
		}
		return lib, nil
	}
	oldLib, err := load(oldDir)
	if err != nil {
		return nil, err
	}
	newLib, err := load(newDir)
	if err != nil {
		return nil, err
	}
	// the changelog in the document language: --lang, else the language
	// of the explanations
	o := diff.Options{OldName: oldDir, NewName: newDir, ExplainLang: explainLang(f, lang), ChangelogLang: lang}
	if lang != "" {
		o.Langs = []string{lang}
	}
	return diff.Libraries(oldLib, newLib, o), nil
}

// changeDate is the date of tracked changes: --date, else
// SOURCE_DATE_EPOCH, else today at 00:00 UTC.
func changeDate(f *Factory, s string) (time.Time, error) {
	if s != "" {
		for _, layout := range []string{"2006-01-02", time.RFC3339} {
			if t, err := time.Parse(layout, s); err == nil {
				return t.UTC(), nil
			}
		}
		return time.Time{}, inputErr(f.UI(""), "cli.err.diff_date", M{"Value": s})
	}
	if e := f.Getenv("SOURCE_DATE_EPOCH"); e != "" {
		if n, err := strconv.ParseInt(e, 10, 64); err == nil {
			return time.Unix(n, 0).UTC(), nil
		}
	}
	return time.Now().UTC().Truncate(24 * time.Hour), nil
}

func diffAnswers(f *Factory, oldPath, newPath, lang, libDir string) (*diff.Report, *doc.Document, *doc.Document, error) {
	oldA, err := readAnswers(f, oldPath)
	if err != nil {
		return nil, nil, nil, err
	}
	newA, err := readAnswers(f, newPath)
	if err != nil {
		return nil, nil, nil, err
	}
	if lang == "" {
		lang = oldA.Answers.Language
		if lang == "" {
			lang = "nb"
		}
	}
	lib, err := f.Library(libDir)
	if err != nil {
		return nil, nil, nil, err
	}
	build := func(af *answersFile) (*assemble.Result, error) {
		res, err := assemble.Assemble(assemble.Input{Answers: af.Answers, Raw: af.Raw, Source: af.Path, Lib: lib, Lang: lang, UI: f.UI(lang)})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", af.Path, err)
		}
		return res, nil
	}
	oldRes, err := build(oldA)
	if err != nil {
		return nil, nil, nil, err
	}
	newRes, err := build(newA)
	if err != nil {
		return nil, nil, nil, err
	}
	return diff.Documents(oldRes.Doc, newRes.Doc, diff.Options{OldName: oldPath, NewName: newPath, ExplainLang: explainLang(f, lang)}), oldRes.Doc, newRes.Doc, nil
}
