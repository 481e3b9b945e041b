package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
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
	"github.com/dpa-no/dpa/internal/fsafe"
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
	cmd.Flags().BoolVar(&opts.Draft, "draft", false, "write a draft (see help): allow blocking findings, mark DRAFT/UTKAST; tender draft without processor.name")
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
	// ui is the language the findings were written in (the file's, or
	// --ui-lang), for the severity word printed with them.
	ui  *i18n.Localizer
	Err error
	// answersSHA is the sha256 of the answers file.
	answersSHA string
	// notBuilt: the batch was interrupted before this file was started.
	notBuilt bool
}

func generateRun(opts *GenerateOptions) error {
	f := opts.F
	ctx, stop := interruptible(f.context())
	defer stop()
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
	if opts.Jobs < 0 {
		// never silently the default for a number the user typed
		return inputErr(f.UI(""), "cli.err.bad_jobs", M{"Value": opts.Jobs})
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
		sg := newStager(opts.OutDir)
		r := buildOne(f, lib, af, formats, langs, opts.Draft, opts.Trace, opts.TOC, runtime.NumCPU(), sg)
		return finishOne(ctx, f, opts, r, sg)
	}
	if len(files) == 1 && !folder {
		sg := newStager(opts.OutDir)
		r := buildFile(f, lib, files[0], formats, langs, opts.Draft, opts.Trace, opts.TOC, runtime.NumCPU(), sg)
		return finishOne(ctx, f, opts, r, sg)
	}
	return generateBatch(ctx, opts, lib, files, formats, langs)
}

// finishOne writes the outputs of a single answers file, unless the run
// was interrupted while they were built.
func finishOne(ctx context.Context, f *Factory, opts *GenerateOptions, r *buildResult, sg *stager) error {
	printFindings(f, r, r.Err != nil)
	if err := interrupted(ctx); err != nil {
		sg.discard(r.Outputs)
		fmt.Fprintln(f.Err, f.UI("").T("cli.interrupted_nothing", M{"Signal": signalName(err)}))
		return err
	}
	if r.Err != nil {
		sg.discard(r.Outputs)
		return r.Err
	}
	if err := f.writeAll(opts.OutDir, r.Outputs, opts.Force); err != nil {
		sg.discard(nil) // writeAll removed the outputs; the folders it did not make
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

func buildFile(f *Factory, lib *library.Library, path string, formats, langs []string, draft, trace bool, toc string, par int, sg *stager) (r *buildResult) {
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
	return buildOne(f, lib, af, formats, langs, draft, trace, toc, par, sg)
}

// buildOne checks one answers file once, then renders every language and
// format in memory. A blocking finding fails the whole file. Up to par
// renderings run at once (a single large agreement uses every core; a
// batch, which is parallel over files, passes 1).
func buildOne(f *Factory, lib *library.Library, af *answersFile, formats, langs []string, draft, trace bool, toc string, par int, sg *stager) *buildResult {
	r := &buildResult{File: af.Path, answersSHA: sha(af.Raw)}
	if len(langs) == 0 {
		langs = []string{af.Answers.Language}
	}
	ui := f.UI(af.Answers.Language)
	res, err := assemble.Check(assemble.Input{Answers: af.Answers, Raw: af.Raw, Source: af.Path, Lib: lib, Draft: draft, UI: ui, Langs: langs})
	if err != nil {
		r.Err = err
		return r
	}
	r.Findings = res.Findings
	r.ui = ui
	paths := make([]string, len(res.Findings))
	for i, x := range res.Findings {
		paths[i] = x.Path
	}
	r.Where = answers.LocateIn(af.Root, paths)
	if rules.Blocking(res.Findings) && !draft {
		r.Err = blocking(ui, af.Path, res.Findings)
		return r
	}
	docs := make([]*doc.Document, len(langs))
	errs := make([]error, len(langs))
	parallel(par, len(langs), func(li int) { docs[li], errs[li] = res.Render(langs[li]) })
	for _, err := range errs {
		if err != nil {
			var le *library.LimitError
			if errors.As(err, &le) && !lib.FromSnapshot && lib.Source != "embedded" {
				err = &InputError{Err: err} // the --library's fault
			}
			r.Err = err
			return r
		}
	}
	// every output in a fixed order: per language the agreement in each
	// format, then the trace document in each format
	type job struct {
		d            *doc.Document
		format, lang string
		trace        bool
	}
	var jobs []job
	for li, lang := range langs {
		docs[li].TOC = toc
		for _, format := range formats {
			jobs = append(jobs, job{d: docs[li], format: format, lang: lang})
		}
		if trace {
			td := assemble.Trace(res, docs[li])
			td.TOC = toc
			for _, format := range formats {
				jobs = append(jobs, job{d: td, format: format, lang: lang, trace: true})
			}
		}
	}
	outs := make([]output, len(jobs))
	rerrs := make([]error, len(jobs))
	defer func() {
		if p := recover(); p != nil { // buildFile reports it; the staged outputs go
			sg.discard(outs)
			panic(p)
		}
	}()
	// the longest renderings first, so that the last to finish are short
	// ones and both cores stay busy to the end (the outputs keep their
	// order)
	order := make([]int, len(jobs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return renderCost[jobs[order[a]].format] > renderCost[jobs[order[b]].format] })
	parallel(par, len(jobs), func(k int) {
		i := order[k]
		j := jobs[i]
		fn, _ := render.Get(j.format)
		data, err := fn(j.d)
		name := af.Base + "." + j.lang + "." + render.Ext(j.format)
		what := j.format
		if j.trace {
			name = af.Base + "." + j.lang + ".trace." + render.Ext(j.format)
			what += " trace"
		}
		if err != nil {
			rerrs[i] = fmt.Errorf("%s: render %s (%s): %w", af.Path, what, j.lang, err)
			return
		}
		outs[i] = output{Name: name, Format: j.format, Lang: j.lang, Data: data}
		if sg != nil {
			sg.put(&outs[i])
		}
	})
	for _, err := range rerrs {
		if err != nil {
			sg.discard(outs)
			r.Err = err
			return r
		}
	}
	r.Outputs = outs
	return r
}

// renderCost ranks the formats by their rendering time (PDF about 1.5 s,
// DOCX 1.0 s, JSON 0.3 s, Markdown 0.2 s, text 0.05 s of CPU for the
// largest agreement).
var renderCost = map[string]int{"pdf": 5, "docx": 4, "json": 3, "md": 2, "txt": 1}

// parallel runs fn(0) ... fn(n-1) with at most par at once and waits for
// all. A panic in fn is re-raised in the caller, so that buildFile turns it
// into an internal error of this agreement instead of a crash.
func parallel(par, n int, fn func(i int)) {
	if par <= 1 || n <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	sem := make(chan struct{}, par)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var panicked any
	for i := 0; i < n; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer func() {
				if p := recover(); p != nil {
					mu.Lock()
					if panicked == nil {
						panicked = p
					}
					mu.Unlock()
				}
				<-sem
				wg.Done()
			}()
			fn(i)
		}(i)
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
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
		ui := r.ui
		if ui == nil {
			ui = f.UI("")
		}
		// "fil:linje:kolonne: feil: sti [kode] melding", like a compiler,
		// with the severity in the language of the message
		fmt.Fprintf(f.Err, "%s: %s: %s [%s] %s\n", where, ui.T("cli.finding."+x.Severity), x.Path, x.Code, x.Message)
	}
}

// generateBatch builds many answers files in parallel, bounded by the number
// of CPUs (or --jobs). Each file is all-or-nothing: its outputs are written
// only when all of them were built, and a failed file writes nothing. The
// others still complete. Rendered bytes are dropped as soon as they are
// written, so memory does not grow with the size of the batch.
//
// The output folder is locked for the whole batch, so that a second batch
// into it waits and then finds this one's manifest instead of racing it.
// On SIGINT or SIGTERM no new file is started; the files in flight are
// finished, and the manifest of what was written and the summary are
// written before dpa exits with 128 + the signal number.
func generateBatch(ctx context.Context, opts *GenerateOptions, lib *library.Library, files []string, formats, langs []string) error {
	f := opts.F
	ui := f.UI("")
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	if jobs > len(files) {
		jobs = len(files)
	}
	// two answers files with the same base name would overwrite each
	// other, also when the names differ only in case (on a file system
	// that ignores case, a.nb.pdf and A.nb.pdf are one file)
	bases := map[string]string{}
	for _, p := range files {
		b := baseName(p)
		if prev, ok := bases[library.FoldName(b)]; ok {
			return inputErr(ui, "cli.err.same_base", M{"A": prev, "B": p, "Base": strconv.Quote(b)})
		}
		bases[library.FoldName(b)] = p
	}
	// checked before anything is built: an output folder that is a file,
	// and a manifest of an earlier build that only --force may replace
	_, statErr := os.Stat(opts.OutDir)
	created := errors.Is(statErr, fs.ErrNotExist)
	if err := ensureOutDir(ui, opts.OutDir); err != nil {
		return err
	}
	unlock, err := lockDir(ctx, opts.OutDir, func() {
		fmt.Fprintln(f.Err, ui.T("cli.note.waiting_lock", M{"Dir": opts.OutDir}))
	})
	if err != nil {
		if ierr := interrupted(ctx); ierr != nil {
			return ierr
		}
		return msgErr(ui, "cli.err.out_folder", M{"Dir": opts.OutDir, "Reason": reason(ui, err)})
	}
	defer unlock()
	// leftovers of a killed run are put right before the manifest is looked at
	fsafe.Recover(opts.OutDir, func(e fsafe.Event) { recovered(ui, f.Err, e) })
	if created {
		// a batch that writes nothing leaves no empty folder behind
		defer os.Remove(opts.OutDir)
	}
	if !opts.Force {
		p := filepath.Join(opts.OutDir, ManifestName)
		if _, err := os.Lstat(p); err == nil {
			return inputErr(ui, "cli.err.exists", M{"Path": p})
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
				if afterBatchFile != nil {
					afterBatchFile(i)
				}
			}
		}()
	}
dispatch:
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		select {
		case work <- i:
		case <-ctx.Done():
			break dispatch
		}
	}
	close(work)
	wg.Wait()
	prog.Finish()
	for i, r := range results {
		if r == nil {
			results[i] = &buildResult{File: files[i], notBuilt: true}
		}
	}
	return batchSummary(ctx, f, opts, lib, results)
}

// afterBatchFile, when set (by tests), is called after each file of a
// batch is built and written.
var afterBatchFile func(i int)

// buildAndWrite builds one answers file of a batch and writes its outputs
// (all or none). It keeps only what the manifest needs of them.
func buildAndWrite(f *Factory, opts *GenerateOptions, lib *library.Library, path string, formats, langs []string) *buildResult {
	sg := newStager(opts.OutDir)
	r := buildFile(f, lib, path, formats, langs, opts.Draft, opts.Trace, opts.TOC, 1, sg)
	if r.Err == nil {
		r.Err = f.writeAll(opts.OutDir, r.Outputs, opts.Force)
	} else {
		sg.discard(r.Outputs)
	}
	if r.Err == nil {
		for _, o := range r.Outputs {
			r.Written = append(r.Written, ManifestFile{Name: o.Name, Format: o.Format, Language: o.Lang, Size: o.Size(), SHA256: o.SHA256(), Answers: r.File, AnswersSHA256: r.answersSHA})
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
	return library.TrimYAMLExt(b)
}

func batchSummary(ctx context.Context, f *Factory, opts *GenerateOptions, lib *library.Library, results []*buildResult) error {
	ui := f.UI("")
	var errs []error
	ok, failed, written, notBuilt := 0, 0, 0, 0
	var failures []string
	for _, r := range results {
		if r.notBuilt {
			notBuilt++
			continue
		}
		if r.Err != nil {
			failed++
			errs = append(errs, r.Err)
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
			errs = append(errs, err)
			fmt.Fprintf(f.Err, "dpa: %v\n", err)
		} else {
			fmt.Fprintln(f.Out, joinPath(opts.OutDir, ManifestName))
		}
	}
	sort.Strings(failures)
	fmt.Fprintln(f.Err, ui.T("cli.batch.summary", map[string]any{"Built": ok, "Failed": failed, "Written": written}))
	for _, s := range failures {
		fmt.Fprintln(f.Err, s)
	}
	if err := interrupted(ctx); err != nil {
		fmt.Fprintln(f.Err, ui.T("cli.batch.interrupted", M{"Signal": signalName(err), "Count": notBuilt}))
		return &SilentError{Err: err}
	}
	if len(errs) > 0 {
		return &SilentError{Err: &BatchError{Errs: errs}}
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
