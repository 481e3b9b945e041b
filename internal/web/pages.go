package web

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/checkjson"
	"github.com/dpa-no/dpa/internal/diff"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/render"
	rhtml "github.com/dpa-no/dpa/internal/render/html"
	"github.com/dpa-no/dpa/internal/rules"
)

func (s *Server) pageRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("POST /new", s.newAgreement)
	mux.HandleFunc("GET /import", s.importPage)
	mux.HandleFunc("POST /import", s.importPost)
	mux.HandleFunc("GET /a/{id}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/a/"+r.PathValue("id")+"/step/"+steps()[0].ID, http.StatusSeeOther)
	})
	mux.HandleFunc("GET /a/{id}/step/{step}", s.stepPage)
	mux.HandleFunc("POST /a/{id}/step/{step}", s.stepPost)
	mux.HandleFunc("GET /a/{id}/review", s.reviewPage)
	mux.HandleFunc("GET /a/{id}/preview", s.previewPage)
	mux.HandleFunc("GET /a/{id}/download", s.download)
	mux.HandleFunc("POST /a/{id}/save", s.savePost)
	mux.HandleFunc("GET /a/{id}/revisions", s.revisionsPage)
	mux.HandleFunc("GET /a/{id}/compare", s.comparePage)
	mux.HandleFunc("GET /a/{id}/rev/{n}/answers", s.revisionAnswers)
	mux.HandleFunc("POST /a/{id}/rev/{n}/restore", s.restorePost)
	mux.HandleFunc("POST /a/{id}/live", s.livePost)
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, code int, err error) {
	lang := s.uiLang(r)
	p := s.newPage(r, lang, "web.error.title", map[string]any{"Code": code, "Error": err.Error()})
	s.renderStatus(w, r, code, "error.html", p)
}

func (s *Server) store(w http.ResponseWriter, r *http.Request) (Store, bool) {
	if s.opts.Store == nil {
		s.fail(w, r, http.StatusNotFound, errors.New("no data folder: start dpa serve with --data"))
		return nil, false
	}
	return s.opts.Store, true
}

// agreement loads the agreement named in the URL.
func (s *Server) agreement(w http.ResponseWriter, r *http.Request) (*Agreement, bool) {
	st, ok := s.store(w, r)
	if !ok {
		return nil, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, ErrNotFound)
		return nil, false
	}
	a, err := st.Agreement(r.Context(), id)
	if err != nil {
		code := http.StatusInternalServerError
		if errors.Is(err, ErrNotFound) {
			code = http.StatusNotFound
		}
		s.fail(w, r, code, err)
		return nil, false
	}
	return a, true
}

// ---- home: the saved agreements ----

type listRow struct {
	Agreement
	Status   string
	Errors   int
	Warnings int
	Changed  string
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	lang := s.uiLang(r)
	var rows []listRow
	if s.opts.Store != nil {
		list, err := s.opts.Store.List(r.Context())
		if err != nil {
			s.fail(w, r, 500, err)
			return
		}
		for _, a := range list {
			row := listRow{Agreement: a, Changed: a.Updated.Local().Format("2006-01-02 15:04")}
			// the status and findings of the working copy, as check gives them now
			full, err := s.opts.Store.Agreement(r.Context(), a.ID)
			if err == nil {
				ev := s.evaluate(full.Working, fileBase(a.Name), lang)
				row.Status, row.Errors, row.Warnings = ev.Status, ev.Errors, ev.Warnings
			}
			rows = append(rows, row)
		}
	}
	s.render(w, r, "home.html", s.newPage(r, lang, "web.home.title", map[string]any{"Rows": rows, "HasStore": s.opts.Store != nil}))
}

func (s *Server) newAgreement(w http.ResponseWriter, r *http.Request) {
	st, ok := s.store(w, r)
	if !ok {
		return
	}
	lang := s.uiLang(r)
	name := strings.TrimSpace(r.PostFormValue("name"))
	if name == "" {
		name = i18n.For(lang).T("web.home.untitled")
	}
	start := []byte("format: 1\nlanguage: " + lang + "\n")
	id, err := st.Create(r.Context(), name, start)
	if err != nil {
		s.fail(w, r, 500, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/a/%d/step/%s", id, steps()[0].ID), http.StatusSeeOther)
}

// ---- evaluation of a working copy ----

// evaluation is what the loader and the rules say about a working copy.
type evaluation struct {
	Raw      []byte
	Root     *yaml.Node
	TreeErr  error // not YAML at all
	Parsed   *parsed
	LoadErrs []msg // the loader's errors (the file cannot be used as it is)
	Report   *checkjson.Report
	Result   *assemble.Result
	Msgs     []msg // loader errors or findings, each with its path
	Status   string
	Errors   int
	Warnings int
	Infos    int
}

func (s *Server) evaluate(raw []byte, base, lang string) *evaluation {
	ev := &evaluation{Raw: raw}
	ev.Root, ev.TreeErr = parseTree(raw)
	if ev.TreeErr != nil {
		ev.Root = mapNode()
	}
	p, err := parseAnswers(base+".yaml", raw, lang)
	if err != nil {
		for _, e := range loadErrors(err) {
			m := msg{Severity: "error", Code: "input", Text: e.Msg, Path: e.Path}
			ev.LoadErrs = append(ev.LoadErrs, m)
		}
		ev.Msgs = ev.LoadErrs
		ev.Errors = len(ev.LoadErrs)
		ev.Status = scalar(mapGet(ev.Root, "status"))
		if ev.Status == "" {
			ev.Status = "final"
		}
		return ev
	}
	ev.Parsed = p
	ev.Status = p.Answers.Status
	rep, res, err := s.checkResult(p, false, lang)
	if err != nil {
		ev.Msgs = []msg{{Severity: "error", Code: "internal", Text: err.Error()}}
		ev.Errors = 1
		return ev
	}
	ev.Report, ev.Result = rep, res
	for _, f := range rep.Findings {
		ev.Msgs = append(ev.Msgs, msg{Severity: f.Severity, Code: f.Code, Text: f.Message, Path: f.Path})
		switch f.Severity {
		case rules.Error:
			ev.Errors++
		case rules.Warning:
			ev.Warnings++
		default:
			ev.Infos++
		}
	}
	return ev
}

// stepOfPath is the step that shows a path ("" if none).
func stepOfPath(path string) string {
	top := path
	if i := strings.IndexAny(top, ".["); i >= 0 {
		top = top[:i]
	}
	for _, st := range steps() {
		for _, k := range st.Keys {
			if k == top {
				return st.ID
			}
		}
	}
	if top == "format" {
		return steps()[0].ID
	}
	return ""
}

// ---- the interview ----

type stepLink struct {
	ID       string
	Label    string
	Current  bool
	Errors   int
	Warnings int
}

type uiText struct {
	Remove, Add, Source, More, Yes, No, NotAnswered, NotChosen, Item, Example string
}

type stepData struct {
	ID       int64
	Name     string
	Step     step
	Label    string
	Intro    string
	Index    int
	Total    int
	Steps    []stepLink
	Widgets  []*widget
	Summary  []msg // every error and warning of this step, linked to its field
	Loose    []msg // messages of this step that no field shows
	First    bool
	Last     bool
	Status   string
	Errors   int
	Warnings int
	Focus    string
}

func (s *Server) stepLinks(ev *evaluation, current, lang string) []stepLink {
	ui := i18n.For(lang)
	var out []stepLink
	for _, st := range steps() {
		l := stepLink{ID: st.ID, Label: stepLabel(ui, st), Current: st.ID == current}
		for _, m := range ev.Msgs {
			if stepOfPath(m.Path) == st.ID {
				if m.Severity == "error" {
					l.Errors++
				} else if m.Severity == "warning" {
					l.Warnings++
				}
			}
		}
		out = append(out, l)
	}
	return out
}

func stepLabel(ui *i18n.Localizer, st step) string {
	id := "web.step." + st.ID
	if t := ui.T(id); t != id && t != "" {
		return t
	}
	if f, ok := answers.FieldByPath(st.Keys[0]); ok && !f.Label.Empty() {
		return f.Label.In(ui.Lang)
	}
	return st.ID
}

func findStep(id string) (step, bool) {
	for _, st := range steps() {
		if st.ID == id {
			return st, true
		}
	}
	return step{}, false
}

// agreementStep is the agreement and the interview step a /…/{step} request
// names; it answers 404 itself when either is unknown.
func (s *Server) agreementStep(w http.ResponseWriter, r *http.Request) (*Agreement, step, bool) {
	a, ok := s.agreement(w, r)
	if !ok {
		return nil, step{}, false
	}
	st, ok := findStep(r.PathValue("step"))
	if !ok {
		s.fail(w, r, 404, ErrNotFound)
		return nil, step{}, false
	}
	return a, st, true
}

func (s *Server) stepPage(w http.ResponseWriter, r *http.Request) {
	a, st, ok := s.agreementStep(w, r)
	if !ok {
		return
	}
	lang := s.uiLang(r)
	extra := map[string]int{}
	if m := r.URL.Query().Get("more"); m != "" {
		extra[m] = 1
	}
	d := s.buildStep(a, st, lang, extra)
	d.Focus = r.URL.Query().Get("focus")
	p := s.newPage(r, lang, "", d)
	p.Title = d.Label + " – " + a.Name
	s.render(w, r, "step.html", p)
}

func (s *Server) buildStep(a *Agreement, st step, lang string, extra map[string]int) *stepData {
	ui := i18n.For(lang)
	ev := s.evaluate(a.Working, fileBase(a.Name), lang)
	idx := stepIndex(st.ID)
	d := &stepData{ID: a.ID, Name: a.Name, Step: st, Label: stepLabel(ui, st), Index: idx + 1, Total: len(steps()),
		Steps: s.stepLinks(ev, st.ID, lang), First: idx == 0, Last: idx == len(steps())-1,
		Status: ev.Status, Errors: ev.Errors, Warnings: ev.Warnings}
	if t := ui.T("web.intro." + st.ID); t != "web.intro."+st.ID {
		d.Intro = t
	}
	ctx := &formCtx{lang: lang, root: ev.Root, msgs: map[string][]msg{}, used: map[string]bool{}, extra: extra}
	for _, m := range ev.Msgs {
		if stepOfPath(m.Path) == st.ID {
			ctx.msgs[m.Path] = append(ctx.msgs[m.Path], m)
		}
	}
	txt := &uiText{Remove: ui.T("web.form.remove"), Add: ui.T("web.form.add"), Source: ui.T("web.form.source"), More: ui.T("web.form.more_country"),
		Yes: ui.T("web.form.yes"), No: ui.T("web.form.no"), NotAnswered: ui.T("web.form.not_answered"), NotChosen: ui.T("web.form.not_chosen"), Example: ui.T("web.form.example")}
	for _, key := range st.Keys {
		f, _ := answers.FieldByPath(key)
		wd := ctx.widget(f, key, true)
		setText(wd, txt, ui)
		d.Widgets = append(d.Widgets, wd)
	}
	// the messages of this step, in field order, for the summary
	var walk func(ws []*widget)
	walk = func(ws []*widget) {
		for _, wd := range ws {
			for _, m := range wd.Msgs {
				m.Field = wd.ID
				d.Summary = append(d.Summary, m)
			}
			walk(wd.Children)
			for _, it := range wd.Items {
				for _, m := range it.Msgs {
					m.Field = fmt.Sprintf("%s-%d", wd.ID, it.Index)
					d.Summary = append(d.Summary, m)
				}
				walk(it.Children)
			}
		}
	}
	walk(d.Widgets)
	var loose []string
	for p := range ctx.msgs {
		if !ctx.used[p] {
			loose = append(loose, p)
		}
	}
	sort.Strings(loose)
	for _, p := range loose {
		for _, m := range ctx.msgs[p] {
			// the nearest field above the path, if any
			m.Field = nearestField(d.Widgets, p)
			d.Loose = append(d.Loose, m)
		}
	}
	return d
}

func nearestField(ws []*widget, path string) string {
	best := ""
	var walk func(ws []*widget)
	walk = func(ws []*widget) {
		for _, w := range ws {
			if strings.HasPrefix(path, w.Path) && len(w.Path) > len(best) {
				best = w.Path
			}
			walk(w.Children)
			for _, it := range w.Items {
				walk(it.Children)
			}
		}
	}
	walk(ws)
	if best == "" {
		return ""
	}
	return fieldID(best)
}

func setText(w *widget, t *uiText, ui *i18n.Localizer) {
	w.txt = t
	if w.Kind == "repeat" {
		key := w.Path
		if i := strings.LastIndexByte(key, '.'); i >= 0 {
			key = key[i+1:]
		}
		item := ui.T("web.item." + key)
		if item == "web.item."+key {
			item = w.Label
		}
		w.AddLabel = ui.T("web.form.add_item", map[string]any{"Item": strings.ToLower(item)})
		for _, it := range w.Items {
			it.Legend = fmt.Sprintf("%s %d", item, it.Index+1)
		}
	}
	for _, c := range w.Children {
		setText(c, t, ui)
	}
	for _, it := range w.Items {
		for _, c := range it.Children {
			setText(c, t, ui)
		}
	}
}

// stepPost stores the step's answers in the working copy and goes where
// the button said: next, back, another step, or the same step after adding
// or removing an entry.
func (s *Server) stepPost(w http.ResponseWriter, r *http.Request) {
	a, st, ok := s.agreementStep(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	working, focus, err := applyStep(a.Working, st, r.PostForm)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	if err := s.opts.Store.SetWorking(r.Context(), a.ID, working); err != nil {
		s.fail(w, r, 500, err)
		return
	}
	action := r.PostForm.Get("action")
	base := fmt.Sprintf("/a/%d", a.ID)
	all := steps()
	idx := stepIndex(st.ID)
	target := base + "/step/" + st.ID
	switch {
	case action == "next":
		if idx+1 < len(all) {
			target = base + "/step/" + all[idx+1].ID
		} else {
			target = base + "/review"
		}
	case action == "prev":
		if idx > 0 {
			target = base + "/step/" + all[idx-1].ID
		}
	case action == "review":
		target = base + "/review"
	case strings.HasPrefix(action, "goto:"):
		if _, ok := findStep(strings.TrimPrefix(action, "goto:")); ok {
			target = base + "/step/" + strings.TrimPrefix(action, "goto:")
		}
	case strings.HasPrefix(action, "more:"):
		target += "?more=" + url.QueryEscape(strings.TrimPrefix(action, "more:")) + "&focus=" + url.QueryEscape(focus)
	case focus != "":
		target += "?focus=" + url.QueryEscape(focus)
	}
	if focus != "" && !strings.Contains(target, "?") {
		target += "#" + focus
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// applyStep merges a posted step into the working copy and carries out an
// add or remove action. focus is the field to show next.
func applyStep(working []byte, st step, form url.Values) ([]byte, string, error) {
	root, err := parseTree(working)
	if err != nil {
		// the file is not YAML (an import): start the step's keys afresh
		root = mapNode()
	}
	fromForm(root, st, form)
	action := form.Get("action")
	focus := ""
	switch {
	case strings.HasPrefix(action, "add:"):
		path := strings.TrimPrefix(action, "add:")
		if stepOfPath(path) == st.ID {
			n := lookup(root, path)
			if n == nil || n.Kind != yaml.SequenceNode {
				n = seqNode(nil)
				setPath(root, path, n)
			}
			n.Content = append(n.Content, mapNode())
			focus = fmt.Sprintf("%s-%d", fieldID(path), len(n.Content)-1)
		}
	case strings.HasPrefix(action, "remove:"):
		path := strings.TrimPrefix(action, "remove:")
		i := strings.LastIndexByte(path, '[')
		if i > 0 && stepOfPath(path) == st.ID {
			n := lookup(root, path[:i])
			k, err := strconv.Atoi(strings.TrimSuffix(path[i+1:], "]"))
			if err == nil && n != nil && n.Kind == yaml.SequenceNode && k >= 0 && k < len(n.Content) {
				n.Content = append(n.Content[:k], n.Content[k+1:]...)
				if len(n.Content) == 0 {
					setPath(root, path[:i], nil)
				}
			}
			focus = fieldID(path[:i])
		}
	case strings.HasPrefix(action, "more:"):
		focus = fieldID(strings.TrimPrefix(action, "more:"))
	case action == "suggest:translations" && st.ID == stepOfPath("translations"):
		n := lookup(root, "translations")
		first := 0
		if n != nil && n.Kind == yaml.SequenceNode {
			first = len(n.Content)
		}
		suggestTranslations(root)
		focus = fmt.Sprintf("%s-%d", fieldID("translations"), first)
	}
	out, err := encodeTree(root)
	return out, focus, err
}

// setPath sets the node at a path of keys and indexes whose parents exist
// (the top-level key is created if needed).
func setPath(root *yaml.Node, path string, v *yaml.Node) {
	segs := splitPath(path)
	if len(segs) == 0 {
		return
	}
	parent := root
	for _, sg := range segs[:len(segs)-1] {
		if sg.index == -1 {
			parent = mapGet(parent, sg.key)
		} else if parent != nil && parent.Kind == yaml.SequenceNode && sg.index >= 0 && sg.index < len(parent.Content) {
			parent = parent.Content[sg.index]
		} else {
			return
		}
		if parent == nil {
			return
		}
	}
	last := segs[len(segs)-1]
	if last.index == -1 && parent.Kind == yaml.MappingNode {
		gen := generic(path)
		par := ""
		if i := strings.LastIndexByte(gen, '.'); i >= 0 {
			par = gen[:i]
		}
		order := topKeys()
		if par != "" {
			order = childKeys(par)
		}
		mapSet(parent, last.key, v, order)
	}
}

// livePost is the form's script: it checks the step as typed (without
// storing it) and answers with the messages of every field, so findings
// appear while typing.
func (s *Server) livePost(w http.ResponseWriter, r *http.Request) {
	a, ok := s.agreement(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		writeJSON(w, 400, map[string]string{"error": err.Error()})
		return
	}
	st, ok := findStep(r.PostForm.Get("step"))
	if !ok {
		writeJSON(w, 404, map[string]string{"error": "no such step"})
		return
	}
	r.PostForm.Del("action")
	working, _, err := applyStep(a.Working, st, r.PostForm)
	if err != nil {
		writeJSON(w, 400, map[string]string{"error": err.Error()})
		return
	}
	// nothing is stored here: a check that arrives after the form was
	// submitted must not overwrite what the submit stored
	a.Working = working
	lang := s.uiLang(r)
	d := s.buildStep(a, st, lang, nil)
	type fieldMsgs struct {
		ID   string `json:"id"`
		HTML string `json:"html"`
	}
	var b bytes.Buffer
	if err := tmpl.ExecuteTemplate(&b, "summary", s.newPage(r, lang, "", d)); err != nil {
		writeJSON(w, 500, map[string]string{"error": err.Error()})
		return
	}
	out := map[string]any{"summary": b.String(), "errors": d.Errors, "warnings": d.Warnings}
	var fields []fieldMsgs
	var walk func(ws []*widget)
	walk = func(ws []*widget) {
		for _, wd := range ws {
			var mb bytes.Buffer
			tmpl.ExecuteTemplate(&mb, "msgs", wd)
			fields = append(fields, fieldMsgs{ID: wd.ID, HTML: mb.String()})
			walk(wd.Children)
			for _, it := range wd.Items {
				walk(it.Children)
			}
		}
	}
	walk(d.Widgets)
	out["fields"] = fields
	var steps []map[string]any
	for _, l := range d.Steps {
		steps = append(steps, map[string]any{"id": l.ID, "errors": l.Errors, "warnings": l.Warnings})
	}
	out["steps"] = steps
	writeJSON(w, 200, out)
}

// ---- review, preview, downloads ----

type termRow struct {
	Label   string
	Value   string
	Default bool
	Path    string
}

type reviewData struct {
	ID        int64
	Name      string
	Steps     []stepLink
	Blocking  []reviewMsg
	Warnings  []reviewMsg
	Blanks    []reviewMsg
	Defaults  []reviewMsg
	Infos     []reviewMsg
	Terms     []termRow
	Security  []termRow
	DocBlanks []docBlank
	Report    *checkjson.Report
	Risk      string
	Status    string
	Derived   []string
	Loaded    bool
	CanFinal  bool
	Revisions []Revision
	DocLang   string
}

type reviewMsg struct {
	msg
	Step   string
	Anchor string
	Label  string
}

func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request) {
	a, ok := s.agreement(w, r)
	if !ok {
		return
	}
	lang := s.uiLang(r)
	ui := i18n.For(lang)
	ev := s.evaluate(a.Working, fileBase(a.Name), lang)
	d := &reviewData{ID: a.ID, Name: a.Name, Steps: s.stepLinks(ev, "", lang), Status: ev.Status, Loaded: ev.Parsed != nil}
	if ev.Parsed != nil {
		d.DocLang = ev.Parsed.Answers.Language
	}
	for _, m := range ev.Msgs {
		rm := reviewMsg{msg: m, Step: stepOfPath(m.Path)}
		if rm.Step != "" {
			rm.Anchor = fieldID(m.Path)
		}
		if f, ok := answers.FieldByPath(generic(m.Path)); ok {
			rm.Label = f.Label.In(lang)
		}
		switch {
		case m.Code == "default-applied":
			d.Defaults = append(d.Defaults, rm)
		case m.Severity == rules.Error:
			d.Blocking = append(d.Blocking, rm)
		case strings.Contains(m.Code, "blank") || (m.Code == "missing-field" && ev.Status == "draft"):
			d.Blanks = append(d.Blanks, rm)
		case m.Severity == rules.Warning:
			d.Warnings = append(d.Warnings, rm)
		default:
			d.Infos = append(d.Infos, rm)
		}
	}
	if ev.Report != nil {
		d.Report = ev.Report
		d.Risk = ui.T("risk." + ev.Report.RiskLevel)
		for _, k := range []string{"third_country_transfer", "third_country_affiliated", "third_country_access", "special_categories", "health", "scc_or_bcr"} {
			if ev.Report.Derived[k] {
				d.Derived = append(d.Derived, ui.T("web.derived."+k))
			}
		}
		d.Terms = termRows(ev, lang)
		d.Security = securityRows(ev, lang)
		d.CanFinal = !rules.Blocking(ev.Report.Findings)
		if rules.IsDraft(ev.Parsed.Answers) {
			// the blanks a draft shows, found in the assembled document as
			// `dpa check` finds them
			if full, err := assemble.Assemble(assemble.Input{Answers: ev.Parsed.Answers, Raw: ev.Parsed.Raw, Source: ev.Parsed.Name, Lib: s.opts.Lib, Lang: ev.Parsed.Answers.Language, Draft: true, UI: ui}); err == nil {
				for _, b := range checkjson.DraftBlanks(full.Doc, ui) {
					db := docBlank{Text: b.Text, Where: strings.Join(b.Where, ", ")}
					for _, p := range b.Paths {
						f, _ := answers.FieldByPath(p)
						db.Fields = append(db.Fields, blankField{Label: f.Label.In(lang), Step: stepOfPath(p), Anchor: fieldID(strings.ReplaceAll(p, "[]", "[0]"))})
					}
					d.DocBlanks = append(d.DocBlanks, db)
				}
			}
		}
	}
	revs, _ := s.opts.Store.Revisions(r.Context(), a.ID)
	d.Revisions = revs
	p := s.newPage(r, lang, "", d)
	p.Title = ui.T("web.review.title") + " – " + a.Name
	s.render(w, r, "review.html", p)
}

type docBlank struct {
	Text   string
	Where  string
	Fields []blankField
}

type blankField struct {
	Label  string
	Step   string
	Anchor string
}

// securityRows lists the security answers after the defaults of the
// service model, and which ones are defaults.
func securityRows(ev *evaluation, lang string) []termRow {
	if ev.Result == nil {
		return nil
	}
	sec := ev.Result.Facts.Security
	yes, no := "ja", "nei"
	if lang == "en" {
		yes, no = "yes", "no"
	}
	b := func(v bool) string {
		if v {
			return yes
		}
		return no
	}
	vals := map[string]string{"encryption_at_rest": b(sec.EncryptionAtRest), "mfa": b(sec.MFA), "keys_held_by": sec.KeysHeldBy, "iso27001": b(sec.ISO27001)}
	var out []termRow
	for _, f := range children("security") {
		v, ok := vals[f.Key]
		if !ok {
			continue
		}
		for _, x := range f.Values {
			if x.Value == v && !x.Label.Empty() {
				v = x.Label.In(lang)
			}
		}
		out = append(out, termRow{Label: f.Label.In(lang), Value: v, Default: lookup(ev.Root, f.Path) == nil, Path: f.Path})
	}
	return out
}

// termRows lists the agreed terms as the agreement will state them, and
// says which ones are defaults (the answers file does not give them).
func termRows(ev *evaluation, lang string) []termRow {
	t := ev.Report.Terms
	vals := map[string]string{
		"breach_notice_hours":        strconv.Itoa(t.BreachNoticeHours),
		"audit_frequency":            t.AuditFrequency,
		"subprocessor_authorisation": t.SubprocessorAuthorisation,
		"subprocessor_notice_days":   strconv.Itoa(t.SubprocessorNoticeDays),
		"return_format":              t.ReturnFormat,
		"return_within_days":         strconv.Itoa(t.ReturnWithinDays),
		"deletion_within_days":       strconv.Itoa(t.DeletionWithinDays),
		"restore_time_hours":         strconv.Itoa(t.RestoreTimeHours),
	}
	var out []termRow
	for _, f := range children("terms") {
		v, ok := vals[f.Key]
		if !ok {
			continue
		}
		for _, x := range f.Values {
			if x.Value == v && !x.Label.Empty() {
				v = x.Label.In(lang)
			}
		}
		given := lookup(ev.Root, f.Path) != nil
		out = append(out, termRow{Label: f.Label.In(lang), Value: v, Default: !given, Path: f.Path})
	}
	return out
}

// docFor assembles the working copy in lang.
func (s *Server) docFor(a *Agreement, lang string, draft bool, uiLang string) (*parsed, *assemble.Result, error) {
	p, err := parseAnswers(fileBase(a.Name)+".yaml", a.Working, uiLang)
	if err != nil {
		return nil, nil, err
	}
	if lang == "" {
		lang = p.Answers.Language
	}
	res, err := assemble.Assemble(assemble.Input{Answers: p.Answers, Raw: p.Raw, Source: p.Name, Lib: s.opts.Lib, Lang: lang, Draft: draft, UI: i18n.For(uiLang)})
	return p, res, err
}

func (s *Server) previewPage(w http.ResponseWriter, r *http.Request) {
	a, ok := s.agreement(w, r)
	if !ok {
		return
	}
	lang := s.uiLang(r)
	docLang := ""
	if l, err := i18n.Normalize(r.URL.Query().Get("lang")); err == nil {
		docLang = l
	}
	p, res, err := s.docFor(a, docLang, true, lang)
	if err != nil {
		http.Redirect(w, r, fmt.Sprintf("/a/%d/review", a.ID), http.StatusSeeOther)
		return
	}
	blocking := rules.Blocking(res.Findings)
	if docLang == "" {
		docLang = p.Answers.Language
	}
	if !blocking && p.Answers.Status != "draft" {
		// without blocking findings the final document is what is shown
		_, res, err = s.docFor(a, docLang, false, lang)
		if err != nil {
			s.fail(w, r, 500, err)
			return
		}
	}
	body := template.HTML(rhtml.Fragment(res.Doc))
	pg := s.newPage(r, lang, "", map[string]any{"ID": a.ID, "Name": a.Name, "Body": body, "Blocking": blocking, "DocLang": docLang})
	pg.Title = i18n.For(lang).T("web.preview.title") + " – " + a.Name
	s.render(w, r, "preview.html", pg)
}

// download sends the working copy as an answers file or rendered.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	a, ok := s.agreement(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	format := q.Get("format")
	base := fileBase(a.Name)
	if format == "yaml" {
		attach(w, base+".yaml", "yaml", a.Working)
		return
	}
	if _, ok := render.Get(format); !ok {
		s.fail(w, r, 400, fmt.Errorf("unknown format %q", format))
		return
	}
	lang := s.uiLang(r)
	p, err := parseAnswers(base+".yaml", a.Working, lang)
	if err != nil {
		http.Redirect(w, r, fmt.Sprintf("/a/%d/review", a.ID), http.StatusSeeOther)
		return
	}
	docLang := p.Answers.Language
	if l, err := i18n.Normalize(q.Get("lang")); err == nil {
		docLang = l
	}
	g, err := s.generate(r.Context(), p, format, docLang, q.Get("draft") == "1", "")
	if errors.Is(err, errBusy) {
		busy(w)
		s.fail(w, r, http.StatusServiceUnavailable, err)
		return
	}
	if err != nil {
		s.fail(w, r, 500, err)
		return
	}
	if g.Report != nil {
		http.Redirect(w, r, fmt.Sprintf("/a/%d/review?blocked=1", a.ID), http.StatusSeeOther)
		return
	}
	attach(w, base+"."+docLang+"."+render.Ext(format), format, g.Data)
}

// ---- saving and revisions ----

func (s *Server) savePost(w http.ResponseWriter, r *http.Request) {
	a, ok := s.agreement(w, r)
	if !ok {
		return
	}
	lang := s.uiLang(r)
	name := strings.TrimSpace(r.PostFormValue("name"))
	if title := strings.TrimSpace(r.PostFormValue("title")); title != "" && title != a.Name {
		if err := s.opts.Store.Rename(r.Context(), a.ID, title); err != nil {
			s.fail(w, r, 500, err)
			return
		}
		a.Name = title
	}
	ev := s.evaluate(a.Working, fileBase(a.Name), lang)
	rev := Revision{Name: name, Answers: a.Working, LibraryVersion: s.opts.Lib.Version, DPAVersion: s.opts.DPAVersion,
		Fingerprint: assemble.Fingerprint(a.Working, s.opts.Lib.Version), Status: ev.Status, Errors: ev.Errors, Warnings: ev.Warnings}
	n, err := s.opts.Store.AddRevision(r.Context(), a.ID, rev)
	if err != nil {
		s.fail(w, r, 500, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/a/%d/revisions?saved=%d", a.ID, n), http.StatusSeeOther)
}

type revisionsData struct {
	ID        int64
	Name      string
	Revisions []revRow
	Saved     int
	Steps     []stepLink
}

type revRow struct {
	Revision
	When string
	Old  bool // preselected as the older of two to compare
	New  bool
}

func (s *Server) revisionsPage(w http.ResponseWriter, r *http.Request) {
	a, ok := s.agreement(w, r)
	if !ok {
		return
	}
	lang := s.uiLang(r)
	revs, err := s.opts.Store.Revisions(r.Context(), a.ID)
	if err != nil {
		s.fail(w, r, 500, err)
		return
	}
	ev := s.evaluate(a.Working, fileBase(a.Name), lang)
	d := &revisionsData{ID: a.ID, Name: a.Name, Steps: s.stepLinks(ev, "", lang)}
	d.Saved, _ = strconv.Atoi(r.URL.Query().Get("saved"))
	for i, rv := range revs {
		d.Revisions = append(d.Revisions, revRow{Revision: rv, When: rv.Created.Local().Format("2006-01-02 15:04"), New: i == 0, Old: i == 1})
	}
	p := s.newPage(r, lang, "", d)
	p.Title = i18n.For(lang).T("web.revisions.title") + " – " + a.Name
	s.render(w, r, "revisions.html", p)
}

func (s *Server) revision(w http.ResponseWriter, r *http.Request, a *Agreement, v string) (*Revision, bool) {
	n, err := strconv.Atoi(v)
	if err != nil {
		s.fail(w, r, 404, ErrNotFound)
		return nil, false
	}
	rv, err := s.opts.Store.Revision(r.Context(), a.ID, n)
	if err != nil {
		code := 500
		if errors.Is(err, ErrNotFound) {
			code = 404
		}
		s.fail(w, r, code, fmt.Errorf("revision %s: %w", v, err))
		return nil, false
	}
	return rv, true
}

func (s *Server) revisionAnswers(w http.ResponseWriter, r *http.Request) {
	a, ok := s.agreement(w, r)
	if !ok {
		return
	}
	rv, ok := s.revision(w, r, a, r.PathValue("n"))
	if !ok {
		return
	}
	attach(w, fmt.Sprintf("%s.r%d.yaml", fileBase(a.Name), rv.N), "yaml", rv.Answers)
}

func (s *Server) restorePost(w http.ResponseWriter, r *http.Request) {
	a, ok := s.agreement(w, r)
	if !ok {
		return
	}
	rv, ok := s.revision(w, r, a, r.PathValue("n"))
	if !ok {
		return
	}
	if err := s.opts.Store.SetWorking(r.Context(), a.ID, rv.Answers); err != nil {
		s.fail(w, r, 500, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/a/%d/step/%s", a.ID, steps()[0].ID), http.StatusSeeOther)
}

// comparePage redlines two revisions with internal/diff: on the page, or
// as a Word document with tracked changes (format=docx).
func (s *Server) comparePage(w http.ResponseWriter, r *http.Request) {
	a, ok := s.agreement(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	oldRev, ok := s.revision(w, r, a, q.Get("old"))
	if !ok {
		return
	}
	newRev, ok := s.revision(w, r, a, q.Get("new"))
	if !ok {
		return
	}
	lang := s.uiLang(r)
	ui := i18n.For(lang)
	base := fileBase(a.Name)
	build := func(rv *Revision) (*assemble.Result, string, error) {
		p, err := parseAnswers(fmt.Sprintf("%s.r%d.yaml", base, rv.N), rv.Answers, lang)
		if err != nil {
			return nil, "", err
		}
		docLang := p.Answers.Language
		if l, err := i18n.Normalize(q.Get("lang")); err == nil {
			docLang = l
		}
		res, err := assemble.Assemble(assemble.Input{Answers: p.Answers, Raw: p.Raw, Source: p.Name, Lib: s.opts.Lib, Lang: docLang, Draft: true, UI: ui})
		return res, docLang, err
	}
	oldRes, docLang, err := build(oldRev)
	if err != nil {
		s.fail(w, r, http.StatusUnprocessableEntity, fmt.Errorf("revision %d: %w", oldRev.N, err))
		return
	}
	if l, err := i18n.Normalize(q.Get("lang")); err == nil {
		docLang = l
	}
	q.Set("lang", docLang)
	newRes, _, err := build(newRev)
	if err != nil {
		s.fail(w, r, http.StatusUnprocessableEntity, fmt.Errorf("revision %d: %w", newRev.N, err))
		return
	}
	oldName := fmt.Sprintf("%s r%d %s", a.Name, oldRev.N, oldRev.Name)
	newName := fmt.Sprintf("%s r%d %s", a.Name, newRev.N, newRev.Name)
	rep := diff.Documents(oldRes.Doc, newRes.Doc, diff.Options{OldName: strings.TrimSpace(oldName), NewName: strings.TrimSpace(newName), ExplainLang: lang})
	if q.Get("format") == "docx" {
		release, err := s.heavyBuild(r.Context())
		if errors.Is(err, errBusy) {
			busy(w)
			s.fail(w, r, http.StatusServiceUnavailable, err)
			return
		}
		if err != nil {
			return // the request ended while it waited
		}
		defer release()
		attach(w, fmt.Sprintf("%s.r%d-r%d.%s.docx", base, oldRev.N, newRev.N, docLang), "docx", diff.Docx(rep))
		return
	}
	var b bytes.Buffer
	if err := diff.HTML(&b, rep); err != nil {
		s.fail(w, r, 500, err)
		return
	}
	body := bodyOf(b.Bytes())
	revs, _ := s.opts.Store.Revisions(r.Context(), a.ID)
	d := map[string]any{"ID": a.ID, "Name": a.Name, "Old": oldRev, "New": newRev, "Redline": template.HTML(body), "Empty": rep.Empty(), "DocLang": docLang, "Revisions": revs}
	p := s.newPage(r, lang, "", d)
	p.Title = ui.T("web.compare.title") + " – " + a.Name
	s.render(w, r, "compare.html", p)
}

// bodyOf is the inside of the <body> of diff.HTML's page (its <style> is
// replaced by the application's stylesheet, as the CSP allows no inline
// style).
func bodyOf(page []byte) []byte {
	i := bytes.Index(page, []byte("<body>"))
	j := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 || j < i {
		return page
	}
	return page[i+len("<body>") : j]
}

// ---- import ----

func (s *Server) importPage(w http.ResponseWriter, r *http.Request) {
	lang := s.uiLang(r)
	s.render(w, r, "import.html", s.newPage(r, lang, "web.import.title", map[string]any{}))
}

func (s *Server) importPost(w http.ResponseWriter, r *http.Request) {
	st, ok := s.store(w, r)
	if !ok {
		return
	}
	lang := s.uiLang(r)
	var raw []byte
	name := ""
	var perr error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		perr = r.ParseMultipartForm(MaxBody)
	} else {
		perr = r.ParseForm()
	}
	if err := perr; err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			p := s.newPage(r, lang, "web.import.title", map[string]any{"Error": i18n.For(lang).T("web.import.too_large")})
			s.renderStatus(w, r, http.StatusRequestEntityTooLarge, "import.html", p)
			return
		}
		s.fail(w, r, 400, err)
		return
	}
	if f, fh, err := r.FormFile("file"); err == nil {
		raw, err = io.ReadAll(io.LimitReader(f, MaxBody+1))
		f.Close()
		if err != nil {
			s.fail(w, r, 400, err)
			return
		}
		name = library.TrimYAMLExt(fh.Filename)
	} else {
		raw = []byte(r.FormValue("text"))
	}
	if n := strings.TrimSpace(r.FormValue("name")); n != "" {
		name = n
	}
	if len(raw) > MaxBody {
		p := s.newPage(r, lang, "web.import.title", map[string]any{"Error": i18n.For(lang).T("web.import.too_large")})
		s.renderStatus(w, r, http.StatusRequestEntityTooLarge, "import.html", p)
		return
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		p := s.newPage(r, lang, "web.import.title", map[string]any{"Error": i18n.For(lang).T("web.import.empty")})
		s.renderStatus(w, r, http.StatusBadRequest, "import.html", p)
		return
	}
	// a file that is not YAML cannot be shown in the form: its errors are
	// shown here, and nothing is created
	if _, err := parseTree(raw); err != nil {
		_, lerr := parseAnswers(name+".yaml", raw, lang)
		var errs []msg
		if lerr != nil {
			for _, e := range loadErrors(lerr) {
				errs = append(errs, msg{Severity: "error", Text: fmt.Sprintf("%d:%d %s", e.Line, e.Column, e.Msg), Path: e.Path})
			}
		}
		p := s.newPage(r, lang, "web.import.title", map[string]any{"Error": i18n.For(lang).T("web.import.not_yaml"), "Errors": errs, "Text": string(raw)})
		s.renderStatus(w, r, http.StatusBadRequest, "import.html", p)
		return
	}
	if name == "" {
		name = i18n.For(lang).T("web.home.untitled")
	}
	id, err := st.Create(r.Context(), name, raw)
	if err != nil {
		s.fail(w, r, 500, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/a/%d/review?imported=1", id), http.StatusSeeOther)
}
