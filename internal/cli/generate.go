package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/render"
	"github.com/dpa-no/dpa/internal/render/pdf"
	"github.com/dpa-no/dpa/internal/rules"
)

// GenerateOptions are the options of `dpa generate`.
type GenerateOptions struct {
	F       *Factory
	Files   []string
	OutDir  string
	Formats []string
	Langs   []string
	Library string
	Example bool
	Draft   bool
	Force   bool
	Jobs    int
	// Trace also writes the traceability document of each agreement
	// (<base>.<lang>.trace.<ext>) in every format asked for.
	Trace bool
	// TOC is the PDF's table of contents: auto (above ten pages), on, off.
	TOC string
}

// DefaultFormats are written when -f is not given.
var DefaultFormats = []string{"pdf", "docx", "md"}

// NewCmdGenerate builds `dpa generate`.
func NewCmdGenerate(f *Factory, runF func(*GenerateOptions) error) *cobra.Command {
	opts := &GenerateOptions{F: f}
	cmd := &cobra.Command{
		Use:   "generate [ANSWERS.yaml|FOLDER ...]",
		Short: "Assemble and render agreements",
		Long: `Assemble an agreement from each answers file and render it in the chosen
formats and languages. Output files are named <answers base>.<lang>.<ext>.
Nothing is written for an answers file with blocking findings (exit 3) unless
--draft is given; nothing is ever half-written.

Several answers files, or a folder of them (*.yaml, *.yml), are a batch:
they are built in parallel (--jobs, default the number of CPUs), with a
progress bar on stderr when it is a terminal. Each answers file is
all-or-nothing: one that fails writes none of its outputs, the others still
complete. A summary on stderr lists every failure with its reason, and
manifest.json in the output folder lists every file written (name, format,
language, size, sha256, the answers file and its sha256) with the library
and dpa versions; it has no time stamps, so the same inputs give the same
bytes. An existing manifest.json needs --force.

Exit codes: 0 success; 1 an error that is not the input's fault (I/O,
internal); 2 an input that cannot be used (unreadable file, YAML syntax,
unknown key, wrong type, bad flag); 3 blocking findings without --draft.
A batch exits with the code of its worst file, where input errors (2) rank
above blocking findings (3), and those above internal errors (1): 2 if any
file could not be used, else 3 if any had blocking findings, else 1 if any
failed otherwise, else 0.`,
		Example: `  dpa generate --example -f md,txt
  dpa generate answers.yaml -o out -f pdf,docx,md -l nb,en
  dpa generate tender/ -o build --draft       # every answers file in a folder
  dpa generate a.yaml --library ./my-clauses`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if !opts.Example && len(args) == 0 {
				return inputErr(f.UI(""), "cli.err.no_input", nil)
			}
			if opts.Example && len(args) > 0 {
				return inputErr(f.UI(""), "cli.err.example_args", nil)
			}
			if runF != nil {
				return runF(opts)
			}
			return generateRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.OutDir, "out", "o", ".", "output folder")
	cmd.Flags().StringSliceVarP(&opts.Formats, "format", "f", DefaultFormats, "formats: pdf,docx,md,txt,json")
	cmd.Flags().BoolVar(&opts.Trace, "trace", false, "also write the traceability document (requirements, clauses, sources) as <base>.<lang>.trace.<ext>")
	cmd.Flags().StringSliceVarP(&opts.Langs, "lang", "l", nil, "languages: nb, en or nb,en (default: the file's language)")
	cmd.Flags().StringVar(&opts.Library, "library", "", "use the clause library in this folder instead of the embedded one")
	cmd.Flags().BoolVar(&opts.Example, "example", false, "use the embedded example answers")
	cmd.Flags().BoolVar(&opts.Draft, "draft", false, "allow blocking findings; every page is marked DRAFT/UTKAST")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite existing output files")
	cmd.Flags().IntVar(&opts.Jobs, "jobs", 0, "agreements built at once (default: number of CPUs)")
	cmd.Flags().StringVar(&opts.TOC, "toc", "auto", "PDF table of contents: auto (agreements over ten pages), on or off")
	return cmd
}

// buildResult is the outcome for one answers file.
type buildResult struct {
	File     string
	Outputs  []output       // rendered, not yet written
	Written  []ManifestFile // written (batch): what the manifest lists
	Findings []doc.Finding
	Where    [][2]int // line and column of each finding's field in the answers file
	Err      error
	// answersSHA is the sha256 of the answers file.
	answersSHA string
}

func generateRun(opts *GenerateOptions) error {
	f := opts.F
	formats, err := parseFormats(f.UI(""), opts.Formats)
	if err != nil {
		return err
	}
	langs, err := parseLangs(f.UI(""), opts.Langs)
	if err != nil {
		return err
	}
	if _, ok := pdf.ParseTOCMode(opts.TOC); !ok {
		return inputErr(f.UI(""), "cli.err.bad_toc", M{"Value": strconv.Quote(opts.TOC)})
	}
	lib, err := f.Library(opts.Library)
	if err != nil {
		return err
	}
	var files []string
	folder := false
	if !opts.Example {
		files, folder, err = expandInputs(f.UI(""), opts.Files)
		if err != nil {
			return err
		}
	}
	if opts.Example {
		af, err := exampleAnswers(f)
		if err != nil {
			return err
		}
		r := buildOne(f, lib, af, formats, langs, opts.Draft, opts.Trace, opts.TOC)
		return finishOne(f, opts, r)
	}
	if len(files) == 1 && !folder {
		r := buildFile(f, lib, files[0], formats, langs, opts.Draft, opts.Trace, opts.TOC)
		return finishOne(f, opts, r)
	}
	return generateBatch(opts, lib, files, formats, langs)
}

func finishOne(f *Factory, opts *GenerateOptions, r *buildResult) error {
	printFindings(f, r, r.Err != nil)
	if r.Err != nil {
		return r.Err
	}
	if err := writeAll(f.UI(""), opts.OutDir, r.Outputs, opts.Force); err != nil {
		return err
	}
	for _, o := range r.Outputs {
		fmt.Fprintln(f.Out, joinPath(opts.OutDir, o.Name))
	}
	return nil
}

func joinPath(dir, name string) string {
	if dir == "" || dir == "." {
		return name
	}
	return strings.TrimSuffix(dir, "/") + "/" + name
}

func buildFile(f *Factory, lib *library.Library, path string, formats, langs []string, draft, trace bool, toc string) (r *buildResult) {
	// a bug in a renderer must fail this agreement (exit 1), not the others
	// of a batch half-way through
	defer func() {
		if p := recover(); p != nil {
			r = &buildResult{File: path, Err: fmt.Errorf("%s: internal error: %v", path, p)}
		}
	}()
	af, err := readAnswers(f, path)
	if err != nil {
		return &buildResult{File: path, Err: err}
	}
	return buildOne(f, lib, af, formats, langs, draft, trace, toc)
}

// buildOne checks one answers file once, then renders every language and
// format in memory. A blocking finding fails the whole file.
func buildOne(f *Factory, lib *library.Library, af *answersFile, formats, langs []string, draft, trace bool, toc string) *buildResult {
	r := &buildResult{File: af.Path, answersSHA: sha(af.Raw)}
	if len(langs) == 0 {
		langs = []string{af.Answers.Language}
	}
	ui := f.UI(af.Answers.Language)
	res, err := assemble.Check(assemble.Input{Answers: af.Answers, Raw: af.Raw, Source: af.Path, Lib: lib, Draft: draft, UI: ui})
	if err != nil {
		r.Err = err
		return r
	}
	r.Findings = res.Findings
	paths := make([]string, len(res.Findings))
	for i, x := range res.Findings {
		paths[i] = x.Path
	}
	r.Where = answers.Locate(af.Raw, paths)
	if rules.Blocking(res.Findings) && !draft {
		n := 0
		for _, x := range res.Findings {
			if x.Severity == rules.Error {
				n++
			}
		}
		r.Err = &FindingsError{File: af.Path, Count: n, Msg: ui.T("cli.blocking", map[string]interface{}{"File": af.Path, "Count": n})}
		return r
	}
	for _, lang := range langs {
		d, err := res.Render(lang)
		if err != nil {
			r.Err = err
			return r
		}
		d.TOC = toc
		for _, format := range formats {
			fn, _ := render.Get(format)
			data, err := fn(d)
			if err != nil {
				r.Err = fmt.Errorf("%s: render %s (%s): %w", af.Path, format, lang, err)
				return r
			}
			r.Outputs = append(r.Outputs, output{Name: af.Base + "." + lang + "." + render.Ext(format), Format: format, Lang: lang, Data: data})
		}
		if !trace {
			continue
		}
		td := assemble.Trace(res, d)
		td.TOC = toc
		for _, format := range formats {
			fn, _ := render.Get(format)
			data, err := fn(td)
			if err != nil {
				r.Err = fmt.Errorf("%s: render %s trace (%s): %w", af.Path, format, lang, err)
				return r
			}
			r.Outputs = append(r.Outputs, output{Name: af.Base + "." + lang + ".trace." + render.Ext(format), Format: format, Lang: lang, Data: data})
		}
	}
	return r
}

func parseFormats(ui *i18n.Localizer, list []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, item := range list {
		for _, s := range strings.Split(item, ",") {
			s = strings.ToLower(strings.TrimSpace(s))
			if s == "" {
				continue
			}
			if s == "markdown" {
				s = "md"
			}
			if s == "text" {
				s = "txt"
			}
			if _, ok := render.Get(s); !ok {
				return nil, inputErr(ui, "cli.err.unknown_format", M{"Format": strconv.Quote(s), "Known": strings.Join(render.Formats(), ", ")})
			}
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	if len(out) == 0 {
		return nil, inputErr(ui, "cli.err.no_format", nil)
	}
	return out, nil
}

// printFindings writes errors and warnings to stderr (info only on failure),
// each with the line and column of its field where the file has one.
func printFindings(f *Factory, r *buildResult, failed bool) {
	for i, x := range r.Findings {
		if x.Severity == rules.Info && !failed {
			continue
		}
		where := r.File
		if i < len(r.Where) && r.Where[i][0] > 0 {
			where += fmt.Sprintf(":%d:%d", r.Where[i][0], r.Where[i][1])
		}
		fmt.Fprintf(f.Err, "%s: %s: %s [%s] %s\n", where, x.Severity, x.Path, x.Code, x.Message)
	}
}

// generateBatch builds many answers files in parallel, bounded by the number
// of CPUs (or --jobs). Each file is all-or-nothing: its outputs are written
// only when all of them were built, and a failed file writes nothing. The
// others still complete. Rendered bytes are dropped as soon as they are
// written, so memory does not grow with the size of the batch.
func generateBatch(opts *GenerateOptions, lib *library.Library, files []string, formats, langs []string) error {
	f := opts.F
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	if jobs > len(files) {
		jobs = len(files)
	}
	// two answers files with the same base name would overwrite each other
	bases := map[string]string{}
	for _, p := range files {
		b := baseName(p)
		if prev, ok := bases[b]; ok {
			return inputErr(f.UI(""), "cli.err.same_base", M{"A": prev, "B": p, "Base": strconv.Quote(b)})
		}
		bases[b] = p
	}
	// checked before anything is built: an output folder that is a file,
	// and a manifest of an earlier build that only --force may replace
	if st, err := os.Stat(opts.OutDir); err == nil && !st.IsDir() {
		return inputErr(f.UI(""), "cli.err.out_not_folder", M{"Dir": opts.OutDir})
	}
	if !opts.Force {
		p := filepath.Join(opts.OutDir, ManifestName)
		if _, err := os.Lstat(p); err == nil {
			return inputErr(f.UI(""), "cli.err.exists", M{"Path": p})
		}
	}
	results := make([]*buildResult, len(files))
	prog := newProgress(f, len(files))
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results[i] = buildAndWrite(f, opts, lib, files[i], formats, langs)
				prog.Add(1)
			}
		}()
	}
	for i := range files {
		work <- i
	}
	close(work)
	wg.Wait()
	prog.Finish()
	return batchSummary(f, opts, lib, results)
}

// buildAndWrite builds one answers file of a batch and writes its outputs
// (all or none). It keeps only what the manifest needs of them.
func buildAndWrite(f *Factory, opts *GenerateOptions, lib *library.Library, path string, formats, langs []string) *buildResult {
	r := buildFile(f, lib, path, formats, langs, opts.Draft, opts.Trace, opts.TOC)
	if r.Err == nil {
		r.Err = writeAll(f.UI(""), opts.OutDir, r.Outputs, opts.Force)
	}
	if r.Err == nil {
		for _, o := range r.Outputs {
			r.Written = append(r.Written, ManifestFile{Name: o.Name, Format: o.Format, Language: o.Lang, Size: len(o.Data), SHA256: sha(o.Data), Answers: r.File, AnswersSHA256: r.answersSHA})
		}
	}
	r.Outputs = nil
	return r
}

func baseName(p string) string {
	b := p
	if i := strings.LastIndexAny(b, `/\`); i >= 0 {
		b = b[i+1:]
	}
	return strings.TrimSuffix(strings.TrimSuffix(b, ".yaml"), ".yml")
}

func batchSummary(f *Factory, opts *GenerateOptions, lib *library.Library, results []*buildResult) error {
	ui := f.UI("")
	code := ExitOK
	ok, failed, written := 0, 0, 0
	var failures []string
	for _, r := range results {
		if r.Err != nil {
			failed++
			code = worst(code, ExitCode(r.Err))
			printFindings(f, r, true)
			failures = append(failures, "  "+failReason(r.File, r.Err))
			continue
		}
		printFindings(f, r, false)
		ok++
		written += len(r.Written)
		for _, o := range r.Written {
			fmt.Fprintln(f.Out, joinPath(opts.OutDir, o.Name))
		}
	}
	if written > 0 {
		if err := writeManifest(f, opts, lib, results); err != nil {
			code = worst(code, ExitCode(err))
			fmt.Fprintf(f.Err, "dpa: %v\n", err)
		} else {
			fmt.Fprintln(f.Out, joinPath(opts.OutDir, ManifestName))
		}
	}
	sort.Strings(failures)
	fmt.Fprintln(f.Err, ui.T("cli.batch.summary", map[string]interface{}{"Built": ok, "Failed": failed, "Written": written}))
	for _, s := range failures {
		fmt.Fprintln(f.Err, s)
	}
	if code != ExitOK {
		return &SilentError{Code: code}
	}
	return nil
}

// failReason is the first line of err, starting with the file name (and
// line and column where the error has them).
func failReason(file string, err error) string {
	s := firstLine(err.Error())
	if strings.HasPrefix(s, file) {
		return s
	}
	return file + ": " + s
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
