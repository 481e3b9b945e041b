package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/checkjson"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render"
	"github.com/dpa-no/dpa/internal/rules"
	"github.com/dpa-no/dpa/internal/yamlx"
)

// ContentTypes of the generated formats.
var ContentTypes = map[string]string{
	"pdf":  "application/pdf",
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"md":   "text/markdown; charset=utf-8",
	"txt":  "text/plain; charset=utf-8",
	"json": "application/json",
	"yaml": "application/yaml; charset=utf-8",
}

// apiError is the 400 body: the first problem with its position, and all
// of them.
type apiError struct {
	Error  string     `json:"error"`
	Line   int        `json:"line"`
	Column int        `json:"column"`
	Path   string     `json:"path"`
	Errors []apiError `json:"errors,omitempty"`
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// readBody reads a request body of at most MaxBody bytes. Over that it
// answers 413 and returns ok false.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || len(raw) > MaxBody {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]any{"error": fmt.Sprintf("the answers file is larger than %d bytes", MaxBody)})
		return nil, false
	}
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return nil, false
	}
	return raw, true
}

// parsed is an answers file read by the strict loader.
type parsed struct {
	Name    string // file name used in messages and as the document source
	Raw     []byte
	Answers *answers.Answers
}

// uiFor is the messages' language: the explicit one, else the file's
// language, else nb (as the CLI's --ui-lang).
func uiFor(explicit, fileLang string) *i18n.Localizer {
	if l, err := i18n.Normalize(explicit); err == nil {
		return i18n.For(l)
	}
	if fileLang != "" {
		return i18n.For(fileLang)
	}
	return i18n.For("nb")
}

// parseAnswers reads raw with the strict loader, as `dpa check` does.
func parseAnswers(name string, raw []byte, uiLang string) (*parsed, error) {
	// one parse: the file's language is read from the loader's node tree
	a, err := answers.LoadFor(name, raw, func(fileLang string) *i18n.Localizer { return uiFor(uiLang, fileLang) })
	if err != nil {
		return nil, err
	}
	return &parsed{Name: name, Raw: raw, Answers: a}, nil
}

// loadErrors turns a loader error into positioned problems.
func loadErrors(err error) []*yamlx.Error {
	var one *yamlx.Error
	if errors.As(err, &one) {
		return []*yamlx.Error{one}
	}
	var many yamlx.Errors
	if errors.As(err, &many) {
		return many
	}
	return []*yamlx.Error{{Msg: err.Error()}}
}

func badInput(w http.ResponseWriter, err error) {
	es := loadErrors(err)
	out := apiError{Error: es[0].Msg, Line: es[0].Line, Column: es[0].Column, Path: es[0].Path}
	for _, e := range es {
		out.Errors = append(out.Errors, apiError{Error: e.Msg, Line: e.Line, Column: e.Column, Path: e.Path})
	}
	writeJSON(w, http.StatusBadRequest, out)
}

// check runs the checks of `dpa check` on one answers file.
func (s *Server) check(p *parsed, draft bool, uiLang string) (*checkjson.Report, error) {
	rep, _, err := s.checkResult(p, draft, uiLang)
	return rep, err
}

// checkResult is check with the facts and findings it came from.
func (s *Server) checkResult(p *parsed, draft bool, uiLang string) (*checkjson.Report, *assemble.Result, error) {
	var ui *i18n.Localizer
	if l, err := i18n.Normalize(uiLang); err == nil {
		ui = i18n.For(l)
	}
	return checkjson.Run(checkjson.Input{Answers: p.Answers, Raw: p.Raw, Source: p.Name, Lib: s.opts.Lib, Draft: draft, UI: ui})
}

// POST /api/check: the body is an answers file; the answer is the JSON of
// `dpa check --format json`.
func (s *Server) apiCheck(w http.ResponseWriter, r *http.Request) {
	raw, ok := readBody(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	p, err := parseAnswers("answers.yaml", raw, q.Get("ui_lang"))
	if err != nil {
		badInput(w, err)
		return
	}
	rep, err := s.check(p, q.Get("draft") == "1", q.Get("ui_lang"))
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(checkjson.Bytes(rep))
}

// heavyBuild takes a build slot (see Options.BuildSlots).
func (s *Server) heavyBuild(ctx context.Context) (release func(), err error) {
	release, err = s.builds.acquire(ctx)
	if err != nil {
		return nil, err
	}
	if s.buildHook != nil {
		s.buildHook()
	}
	return release, nil
}

// generated is one rendered agreement.
type generated struct {
	Data   []byte
	Report *checkjson.Report // set when blocking findings stopped it
}

// generate assembles p in lang and renders format. With blocking findings
// and no draft it renders nothing and returns the check report.
//
// PDF and DOCX builds take a slot of the build gate first (errBusy when
// the queue is full; the request's end when it ends while waiting).
func (s *Server) generate(ctx context.Context, p *parsed, format, lang string, draft bool, uiLang string) (*generated, error) {
	fn, ok := render.Get(format)
	if !ok {
		return nil, fmt.Errorf("unknown format %q", format)
	}
	if heavy(format) {
		release, err := s.heavyBuild(ctx)
		if err != nil {
			return nil, err
		}
		defer release()
	}
	if lang == "" {
		lang = p.Answers.Language
	}
	ui := i18n.For(p.Answers.Language)
	if l, err := i18n.Normalize(uiLang); err == nil {
		ui = i18n.For(l)
	}
	res, err := assemble.Assemble(assemble.Input{Answers: p.Answers, Raw: p.Raw, Source: p.Name, Lib: s.opts.Lib, Lang: lang, Draft: draft, UI: ui})
	if err != nil {
		return nil, err
	}
	if rules.Blocking(res.Findings) && !draft {
		// the body of /api/check: the same findings, including
		// value-as-written as check gives it (languages not named)
		rep, err := s.check(p, draft, uiLang)
		if err != nil {
			return nil, err
		}
		return &generated{Report: rep}, nil
	}
	data, err := fn(res.Doc)
	if err != nil {
		return nil, fmt.Errorf("render %s (%s): %w", format, lang, err)
	}
	return &generated{Data: data}, nil
}

var safeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// fileBase is a download's base name: name made safe, else "answers".
func fileBase(name string) string {
	b := safeName.ReplaceAllString(name, "-")
	for len(b) > 0 && (b[0] == '.' || b[0] == '-') {
		b = b[1:]
	}
	if len(b) > 80 {
		b = b[:80]
	}
	if b == "" {
		return "answers"
	}
	return b
}

func attach(w http.ResponseWriter, name, format string, data []byte) {
	w.Header().Set("Content-Type", ContentTypes[format])
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.Write(data)
}

// POST /api/generate?format=pdf|docx|md|txt|json&lang=nb|en[&draft=1]
func (s *Server) apiGenerate(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = "pdf"
	}
	if _, ok := render.Get(format); !ok {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": fmt.Sprintf("unknown format %q (pdf, docx, md, txt or json)", format)})
		return
	}
	lang := ""
	if v := q.Get("lang"); v != "" {
		l, err := i18n.Normalize(v)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		lang = l
	}
	raw, ok := readBody(w, r)
	if !ok {
		return
	}
	base := fileBase(q.Get("name"))
	p, err := parseAnswers(base+".yaml", raw, q.Get("ui_lang"))
	if err != nil {
		badInput(w, err)
		return
	}
	g, err := s.generate(r.Context(), p, format, lang, q.Get("draft") == "1", q.Get("ui_lang"))
	if errors.Is(err, errBusy) {
		busy(w)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": err.Error()})
		return
	}
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
		return
	}
	if g.Report != nil {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		w.Write(checkjson.Bytes(g.Report))
		return
	}
	if lang == "" {
		lang = p.Answers.Language
	}
	attach(w, base+"."+lang+"."+render.Ext(format), format, g.Data)
}
