package cli

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/render"
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
--draft is given; nothing is ever half-written.`,
		Example: `  dpa generate --example -f md,txt
  dpa generate answers.yaml -o out -f pdf,docx,md -l nb,en
  dpa generate tender/ -o build --draft       # every answers file in a folder
  dpa generate a.yaml --library ./my-clauses`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if !opts.Example && len(args) == 0 {
				return &InputError{Err: fmt.Errorf("give one or more answers files or folders, or --example")}
			}
			if opts.Example && len(args) > 0 {
				return &InputError{Err: fmt.Errorf("--example takes no answers files")}
			}
			if runF != nil {
				return runF(opts)
			}
			return generateRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.OutDir, "out", "o", ".", "output folder")
	cmd.Flags().StringSliceVarP(&opts.Formats, "format", "f", DefaultFormats, "formats: pdf,docx,md,txt,json")
	cmd.Flags().StringSliceVarP(&opts.Langs, "lang", "l", nil, "languages: nb, en or nb,en (default: the file's language)")
	cmd.Flags().StringVar(&opts.Library, "library", "", "use the clause library in this folder instead of the embedded one")
	cmd.Flags().BoolVar(&opts.Example, "example", false, "use the embedded example answers")
	cmd.Flags().BoolVar(&opts.Draft, "draft", false, "allow blocking findings; every page is marked DRAFT/UTKAST")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite existing output files")
	cmd.Flags().IntVar(&opts.Jobs, "jobs", 0, "agreements built at once (default: number of CPUs)")
	return cmd
}

// buildResult is the outcome for one answers file.
type buildResult struct {
	File     string
	Outputs  []output
	Findings []doc.Finding
	Err      error
	// answersSHA is the sha256 of the answers file.
	answersSHA string
}

func generateRun(opts *GenerateOptions) error {
	f := opts.F
	formats, err := parseFormats(opts.Formats)
	if err != nil {
		return err
	}
	langs, err := parseLangs(opts.Langs)
	if err != nil {
		return err
	}
	lib, err := f.Library(opts.Library)
	if err != nil {
		return err
	}
	var files []string
	if !opts.Example {
		files, err = expandInputs(opts.Files)
		if err != nil {
			return err
		}
	}
	if opts.Example {
		af, err := exampleAnswers(f)
		if err != nil {
			return err
		}
		r := buildOne(f, lib, af, formats, langs, opts.Draft)
		return finishOne(f, opts, r)
	}
	if len(files) == 1 {
		r := buildFile(f, lib, files[0], formats, langs, opts.Draft)
		return finishOne(f, opts, r)
	}
	return generateBatch(opts, lib, files, formats, langs)
}

func finishOne(f *Factory, opts *GenerateOptions, r *buildResult) error {
	printFindings(f, r.File, r.Findings, r.Err != nil)
	if r.Err != nil {
		return r.Err
	}
	if err := writeAll(opts.OutDir, r.Outputs, opts.Force); err != nil {
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

func buildFile(f *Factory, lib *library.Library, path string, formats, langs []string, draft bool) *buildResult {
	af, err := readAnswers(f, path)
	if err != nil {
		return &buildResult{File: path, Err: err}
	}
	return buildOne(f, lib, af, formats, langs, draft)
}

// buildOne assembles and renders every language and format of one answers
// file in memory. A blocking finding fails the whole file.
func buildOne(f *Factory, lib *library.Library, af *answersFile, formats, langs []string, draft bool) *buildResult {
	r := &buildResult{File: af.Path, answersSHA: sha(af.Raw)}
	if len(langs) == 0 {
		langs = []string{af.Answers.Language}
	}
	ui := f.UI(af.Answers.Language)
	for li, lang := range langs {
		res, err := assemble.Assemble(assemble.Input{Answers: af.Answers, Raw: af.Raw, Source: af.Path, Lib: lib, Lang: lang, Draft: draft, UI: ui})
		if err != nil {
			r.Err = err
			return r
		}
		if li == 0 {
			r.Findings = res.Findings
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
		}
		for _, format := range formats {
			fn, _ := render.Get(format)
			data, err := fn(res.Doc)
			if err != nil {
				r.Err = fmt.Errorf("%s: render %s (%s): %w", af.Path, format, lang, err)
				return r
			}
			r.Outputs = append(r.Outputs, output{Name: af.Base + "." + lang + "." + render.Ext(format), Format: format, Lang: lang, Data: data})
		}
	}
	return r
}

func parseFormats(list []string) ([]string, error) {
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
				return nil, &InputError{Err: fmt.Errorf("unknown format %q (known: %s)", s, strings.Join(render.Formats(), ", "))}
			}
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	if len(out) == 0 {
		return nil, &InputError{Err: fmt.Errorf("no format given")}
	}
	return out, nil
}

// printFindings writes errors and warnings to stderr (info only on failure).
func printFindings(f *Factory, file string, fs []doc.Finding, failed bool) {
	for _, x := range fs {
		if x.Severity == rules.Info && !failed {
			continue
		}
		fmt.Fprintf(f.Err, "%s: %s: %s [%s] %s\n", file, x.Severity, x.Path, x.Code, x.Message)
	}
}

// generateBatch builds many answers files in parallel, bounded by the number
// of CPUs. Each file is all-or-nothing; the exit code is the worst one.
func generateBatch(opts *GenerateOptions, lib *library.Library, files []string, formats, langs []string) error {
	f := opts.F
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	// two answers files with the same base name would overwrite each other
	bases := map[string]string{}
	for _, p := range files {
		b := baseName(p)
		if prev, ok := bases[b]; ok {
			return &InputError{Err: fmt.Errorf("%s and %s have the same base name %q: their outputs would collide", prev, p, b)}
		}
		bases[b] = p
	}
	results := make([]*buildResult, len(files))
	prog := newProgress(f, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, jobs)
	var mu sync.Mutex
	for i, p := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, p string) {
			defer wg.Done()
			defer func() { <-sem }()
			r := buildFile(f, lib, p, formats, langs, opts.Draft)
			if r.Err == nil {
				mu.Lock()
				r.Err = writeAll(opts.OutDir, r.Outputs, opts.Force)
				mu.Unlock()
			}
			results[i] = r
			prog.Add(1)
		}(i, p)
	}
	wg.Wait()
	prog.Finish()
	return batchSummary(f, opts, lib, results)
}

func baseName(p string) string {
	b := p
	if i := strings.LastIndexAny(b, `/\`); i >= 0 {
		b = b[i+1:]
	}
	return strings.TrimSuffix(strings.TrimSuffix(b, ".yaml"), ".yml")
}

func batchSummary(f *Factory, opts *GenerateOptions, lib *library.Library, results []*buildResult) error {
	code := ExitOK
	ok, failed, written := 0, 0, 0
	var failures []string
	for _, r := range results {
		if r.Err != nil {
			failed++
			code = worst(code, ExitCode(r.Err))
			printFindings(f, r.File, r.Findings, true)
			failures = append(failures, fmt.Sprintf("  %s: %s", r.File, firstLine(r.Err.Error())))
			continue
		}
		printFindings(f, r.File, r.Findings, false)
		ok++
		written += len(r.Outputs)
		for _, o := range r.Outputs {
			fmt.Fprintln(f.Out, joinPath(opts.OutDir, o.Name))
		}
	}
	if err := writeManifest(f, opts, lib, results); err != nil {
		code = worst(code, ExitCode(err))
		fmt.Fprintf(f.Err, "dpa: %v\n", err)
	}
	sort.Strings(failures)
	fmt.Fprintf(f.Err, "%d built, %d failed, %d files written\n", ok, failed, written)
	for _, s := range failures {
		fmt.Fprintln(f.Err, s)
	}
	if code != ExitOK {
		return &SilentError{Code: code}
	}
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
