// Package library loads the clause library: the version and changelog, the
// requirement catalog, the responsibility matrix and the clauses. Clause and
// requirement conditions are compiled with expr-lang/expr against
// rules.Env, and clause bodies are parsed as text/template and test-executed
// against sample data, so a misspelt field, an unknown requirement key or a
// missing language fails the load with file and line.
package library

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"text/template"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
	"go.yaml.in/yaml/v3"

	"github.com/dpa-no/dpa/clauses"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/rules"
	"github.com/dpa-no/dpa/internal/yamlx"
	"github.com/dpa-no/dpa/templates"
)

// Text is a text in both languages.
type Text struct {
	NB string `yaml:"nb"`
	EN string `yaml:"en"`
}

// Get returns the text in lang.
func (t Text) Get(lang string) string {
	if lang == "en" {
		return t.EN
	}
	return t.NB
}

// Change is one changelog entry.
type Change struct {
	Version any        `yaml:"version"` // int for clauses, string for the library
	Date    string     `yaml:"date"`
	Text    ChangeText `yaml:"text"`

	Line int `yaml:"-"` // line of the entry in its file
}

// ChangeText is the text of a changelog entry in both languages, written
// text: {nb: "...", en: "..."}. The older form, text: "...", is English
// only (an outside --library may still use it): it reads as EN with
// OldForm set, and NB stays empty, so whoever prints the entry in
// Norwegian says that no Norwegian text exists instead of passing English
// off as Norwegian. The embedded library has both languages in every
// entry (TestChangelogBilingual).
type ChangeText struct {
	NB string `yaml:"nb"`
	EN string `yaml:"en"`
	// OldForm is true when the text was written as one string (English).
	OldForm bool `yaml:"-"`
}

// YAMLScalarForm marks that the text may be written as one string (see
// yamlx.ScalarForm).
func (*ChangeText) YAMLScalarForm() {}

// UnmarshalYAML reads both forms: a mapping with nb and en, or one string
// (English).
func (t *ChangeText) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode {
		*t = ChangeText{EN: n.Value, OldForm: true}
		return nil
	}
	type plain ChangeText
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*t = ChangeText(p)
	return nil
}

// In returns the text in lang and the language it is in: lang when the
// entry has text in lang, else the other language (the caller must say
// that the text is not in lang), or "" when the entry has no text.
func (t ChangeText) In(lang string) (text, in string) {
	order := []string{"nb", "en"}
	if lang == "en" {
		order = []string{"en", "nb"}
	}
	for _, l := range order {
		s := t.NB
		if l == "en" {
			s = t.EN
		}
		if strings.TrimSpace(s) != "" {
			return s, l
		}
	}
	return "", ""
}

// Clause is one clause of the library.
type Clause struct {
	ID        string   `yaml:"id"`
	Version   int      `yaml:"version"`
	Section   string   `yaml:"section"`
	Order     int      `yaml:"order"`
	When      string   `yaml:"when"`
	Covers    []string `yaml:"covers"`
	Sources   []string `yaml:"sources"`
	Changelog []Change `yaml:"changelog"`
	Title     Text     `yaml:"title"`
	Body      Text     `yaml:"body"`

	File string `yaml:"-"`
	Line int    `yaml:"-"`

	program *vm.Program
	tmpl    map[string]*template.Template
	lazy    *lazyBodies // clauses from a compiled-in snapshot parse bodies at first use
	// SectionIndex is the position of the section in the skeleton (for sorting).
	SectionIndex int `yaml:"-"`
}

// Requirement is one entry of the requirement catalog.
type Requirement struct {
	Key    string `yaml:"key"`
	Source string `yaml:"source"`
	When   string `yaml:"when"`
	About  Text   `yaml:"about"`

	File    string `yaml:"-"`
	Line    int    `yaml:"-"`
	program *vm.Program
}

// SkeletonSection is a section of the document skeleton.
type SkeletonSection struct {
	ID    string `yaml:"id"`
	Title Text   `yaml:"title"`
}

// SkeletonAnnex is an annex of the document skeleton.
type SkeletonAnnex struct {
	ID        string `yaml:"id"`
	Letter    string `yaml:"letter"`
	Generated string `yaml:"generated"`
	Title     Text   `yaml:"title"`
}

// Skeleton is templates/skeleton.yaml.
type Skeleton struct {
	Sections []SkeletonSection `yaml:"sections"`
	Annexes  []SkeletonAnnex   `yaml:"annexes"`
}

// MatrixLayer is one row of the responsibility matrix.
type MatrixLayer struct {
	ID   string `yaml:"id"`
	Name Text   `yaml:"name"`
	SaaS string `yaml:"saas" jsonschema:"enum=controller,enum=processor,enum=shared"`
	PaaS string `yaml:"paas" jsonschema:"enum=controller,enum=processor,enum=shared"`
	IaaS string `yaml:"iaas" jsonschema:"enum=controller,enum=processor,enum=shared"`
}

// For returns the responsible role under model.
func (m MatrixLayer) For(model string) string {
	switch model {
	case "saas":
		return m.SaaS
	case "paas":
		return m.PaaS
	case "iaas":
		return m.IaaS
	}
	return ""
}

// Matrix is matrix.yaml.
type Matrix struct {
	Roles  map[string]Text `yaml:"roles"`
	Layers []MatrixLayer   `yaml:"layers"`
}

// Meta is library.yaml.
type Meta struct {
	Version   string   `yaml:"version"`
	Date      string   `yaml:"date"`
	Changelog []Change `yaml:"changelog"`
}

// Library is a loaded clause library.
type Library struct {
	Meta
	Source       string // "embedded" or the folder
	Clauses      []*Clause
	Requirements []*Requirement
	Matrix       Matrix
	Skeleton     Skeleton
	Lock         map[string]string // id@version -> sha256 from lock.yaml
	// LockFile is the name of the lock file in the folder, as spelled
	// there ("lock.yaml" when there is none yet)
	LockFile string
	// FromSnapshot is true when the library came from the snapshot compiled
	// into the binary; its templates were checked when it was made.
	FromSnapshot bool

	byID  map[string]*Clause
	reqBy map[string]*Requirement
}

// Clause returns the clause with id.
func (l *Library) Clause(id string) *Clause { return l.byID[id] }

// Requirement returns the requirement with key.
func (l *Library) Requirement(key string) *Requirement { return l.reqBy[key] }

// Eval evaluates the clause condition.
func (c *Clause) Eval(env *rules.Env) (bool, error) { return run(c.program, env) }

// Eval evaluates the requirement condition.
func (r *Requirement) Eval(env *rules.Env) (bool, error) { return run(r.program, env) }

// Template returns the compiled body template for lang. A clause of the
// compiled-in snapshot parses its body at first use: an agreement needs
// only the clauses it selects, in one language, and parsing all 2 × 74
// bodies was a tenth of a single run. The snapshot's bodies were checked
// when it was made (TestSnapshot parses every one), so an error here means
// a corrupt snapshot.
func (c *Clause) Template(lang string) (*template.Template, error) {
	if c.lazy == nil {
		if t := c.tmpl[lang]; t != nil {
			return t, nil
		}
		return nil, fmt.Errorf("clause %s: no body template for %q", c.ID, lang)
	}
	i := 0
	if lang == "en" {
		i = 1
	} else if lang != "nb" {
		return nil, fmt.Errorf("clause %s: no body template for %q", c.ID, lang)
	}
	b := c.lazy
	b.once[i].Do(func() { b.t[i], b.err[i] = c.parseBody(lang) })
	return b.t[i], b.err[i]
}

// lazyBodies holds the body templates of a snapshot clause, nb and en,
// parsed once each on first use (safe for concurrent builds).
type lazyBodies struct {
	once [2]sync.Once
	t    [2]*template.Template
	err  [2]error
}

// Ref is "id@version".
func (c *Clause) Ref() string { return fmt.Sprintf("%s@%d", c.ID, c.Version) }

// Hash is the sha256 of everything that a clause version fixes: its
// condition, coverage, titles and bodies.
func (c *Clause) Hash() string {
	h := sha256.New()
	for _, s := range []string{c.When, strings.Join(c.Covers, ","), c.Title.NB, c.Title.EN, c.Body.NB, c.Body.EN} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func run(p *vm.Program, env *rules.Env) (bool, error) {
	out, err := expr.Run(p, env)
	if err != nil {
		return false, err
	}
	b, _ := out.(bool)
	return b, nil
}

var (
	embOnce sync.Once
	embLib  *Library
	embErr  error
)

// Embedded returns the library built into the binary (loaded once).
func Embedded() (*Library, error) {
	embOnce.Do(func() {
		embLib, embErr = embedded()
	})
	return embLib, embErr
}

var idRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Load reads a library from fsys. source names it in errors ("embedded" or
// a folder). requirements.yaml and matrix.yaml fall back to the embedded
// ones when the folder has none.
func Load(fsys fs.FS, source string, ui *i18n.Localizer) (*Library, error) {
	l := &Library{Source: source, byID: map[string]*Clause{}, reqBy: map[string]*Requirement{}, Lock: map[string]string{}}
	var errs yamlx.Errors
	fail := func(err error) {
		switch e := err.(type) {
		case yamlx.Errors:
			errs = append(errs, e...)
		case *yamlx.Error:
			errs = append(errs, e)
		default:
			errs = append(errs, &yamlx.Error{File: source, Msg: err.Error()})
		}
	}
	display := func(name string) string {
		if source == "embedded" {
			return "clauses/" + name
		}
		return path.Join(source, name)
	}
	read := func(f fs.FS, name, shown string) (*yamlx.Reader, *yaml.Node, error) {
		data, err := fs.ReadFile(f, name)
		if err != nil {
			return nil, nil, readError(shown, err, ui)
		}
		r := &yamlx.Reader{File: shown, Data: data, UI: ui, Limits: yamlx.Limits{MaxBytes: MaxFileBytes, MaxNodes: 1 << 20, MaxDepth: 32}}
		n, err := r.Parse()
		if err != nil {
			return nil, nil, err
		}
		if n == nil {
			return nil, nil, &yamlx.Error{File: shown, Msg: "empty file"}
		}
		return r, n, nil
	}
	decode := func(f fs.FS, name, shown string, v any) *yaml.Node {
		r, n, err := read(f, name, shown)
		if err != nil {
			fail(err)
			return nil
		}
		if err := r.Check(n, "", v); err != nil {
			fail(err)
			return nil
		}
		return n
	}
	// the YAML files of the folder: .yaml or .yml in any case; two names
	// that are one apart from case (or .yaml/.yml) are an error naming
	// both, since on a file system that ignores case they are one file
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		fail(readError(source, err, ui))
	}
	var names []string
	for _, e := range entries {
		if IsYAMLName(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	byKey := map[string]string{}
	var unique []string
	for _, name := range names {
		k := YAMLKey(name)
		if prev, ok := byKey[k]; ok {
			fail(&yamlx.Error{File: display(name), Msg: ui.T("library.same_name", map[string]any{"A": display(prev), "B": display(name)})})
			continue
		}
		byKey[k] = name
		unique = append(unique, name)
	}
	// own reports the name of one of the library's own files in the
	// folder, whatever its spelling; ok is false when there is none
	own := func(base string) (string, bool) {
		n, ok := byKey[base]
		if !ok {
			n = base + ".yaml"
		}
		return n, ok
	}
	fallback := func(base string) (fs.FS, string, string) {
		if name, ok := own(base); ok {
			return fsys, name, display(name)
		}
		return clauses.FS, base + ".yaml", "clauses/" + base + ".yaml"
	}

	// clauses
	// YAML parsing dominates start-up: parse the clause files in parallel,
	// then add their clauses in file order so results do not depend on timing.
	type parsed struct {
		shown   string
		clauses []*Clause
		items   []*yaml.Node
		err     error
	}
	var files []string
	for _, name := range unique {
		switch YAMLKey(name) {
		case "library", "requirements", "matrix", "lock":
			continue
		}
		files = append(files, name)
	}
	results := make([]parsed, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.NumCPU())
	for i, name := range files {
		wg.Add(1)
		go func(i int, name string) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			shown := display(name)
			res := parsed{shown: shown}
			r, n, err := read(fsys, name, shown)
			if err != nil {
				res.err = err
				results[i] = res
				return
			}
			var file struct {
				Clauses []*Clause `yaml:"clauses"`
			}
			if err := r.Check(n, "", &file); err != nil {
				res.err = err
				results[i] = res
				return
			}
			res.clauses, res.items = file.Clauses, seq(n, "clauses")
			results[i] = res
		}(i, name)
	}
	// library.yaml
	metaName, _ := own("library")
	if n := decode(fsys, metaName, display(metaName), &l.Meta); n != nil {
		for i, item := range seq(n, "changelog") {
			if i < len(l.Changelog) {
				l.Changelog[i].Line = item.Line
			}
		}
	}
	if len(errs) == 0 && l.Version == "" {
		fail(&yamlx.Error{File: display(metaName), Msg: "version is missing"})
	}
	// skeleton
	decode(templates.FS, "skeleton.yaml", "templates/skeleton.yaml", &l.Skeleton)
	sectionIdx := map[string]int{}
	for i, s := range l.Skeleton.Sections {
		sectionIdx[s.ID] = i
	}
	for i, a := range l.Skeleton.Annexes {
		sectionIdx[a.ID] = len(l.Skeleton.Sections) + i
	}
	// matrix
	mf, mname, mshown := fallback("matrix")
	decode(mf, mname, mshown, &l.Matrix)
	// requirements
	rf, rname, rshown := fallback("requirements")
	if r, n, err := read(rf, rname, rshown); err != nil {
		fail(err)
	} else {
		var cat struct {
			Requirements []*Requirement `yaml:"requirements"`
		}
		if err := r.Check(n, "", &cat); err != nil {
			fail(err)
		} else {
			items := seq(n, "requirements")
			for i, q := range cat.Requirements {
				q.File, q.Line = rshown, items[i].Line
				if q.Key == "" || q.About.NB == "" || q.About.EN == "" {
					fail(&yamlx.Error{File: rshown, Line: q.Line, Path: fmt.Sprintf("requirements[%d]", i), Msg: "key and about (nb and en) are required"})
					continue
				}
				if l.reqBy[q.Key] != nil {
					fail(&yamlx.Error{File: rshown, Line: q.Line, Path: q.Key, Msg: "duplicate requirement key"})
					continue
				}
				p, err := compile(q.When)
				if err != nil {
					fail(condErr(rshown, items[i], "when", q.Key, err))
					continue
				}
				q.program = p
				l.reqBy[q.Key] = q
				l.Requirements = append(l.Requirements, q)
			}
		}
	}
	// lock
	lockName, _ := own("lock")
	l.LockFile = lockName
	if data, err := fs.ReadFile(fsys, lockName); err != nil && !errors.Is(err, fs.ErrNotExist) {
		fail(readError(display(lockName), err, ui))
	} else if err == nil {
		var lock struct {
			Clauses map[string]string `yaml:"clauses"`
		}
		if err := yaml.Unmarshal(data, &lock); err != nil {
			fail(&yamlx.Error{File: display(lockName), Msg: err.Error()})
		}
		for k, v := range lock.Clauses {
			l.Lock[k] = v
		}
	}
	wg.Wait()
	for _, res := range results {
		if res.err != nil {
			fail(res.err)
			continue
		}
		for i, c := range res.clauses {
			c.File, c.Line = res.shown, res.items[i].Line
			if e := l.addClause(c, res.items[i], sectionIdx, ui); e != nil {
				errs = append(errs, e...)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	sort.SliceStable(l.Clauses, func(i, j int) bool {
		a, b := l.Clauses[i], l.Clauses[j]
		if a.SectionIndex != b.SectionIndex {
			return a.SectionIndex < b.SectionIndex
		}
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		return a.ID < b.ID
	})
	return l, nil
}

func (l *Library) addClause(c *Clause, n *yaml.Node, sectionIdx map[string]int, ui *i18n.Localizer) yamlx.Errors {
	var errs yamlx.Errors
	bad := func(field, msg string) {
		line := c.Line
		if fn := key(n, field); fn != nil {
			line = fn.Line
		}
		errs = append(errs, &yamlx.Error{File: c.File, Line: line, Path: c.ID + "." + field, Msg: msg})
	}
	if !idRe.MatchString(c.ID) {
		bad("id", fmt.Sprintf("invalid clause id %q (lowercase letters, digits and '-')", c.ID))
		return errs
	}
	if prev := l.byID[c.ID]; prev != nil {
		bad("id", fmt.Sprintf("duplicate clause id %q (also at %s:%d)", c.ID, prev.File, prev.Line))
		return errs
	}
	if c.Version < 1 {
		bad("version", "version must be an integer of at least 1")
	}
	idx, ok := sectionIdx[c.Section]
	if !ok {
		bad("section", fmt.Sprintf("unknown section %q (see templates/skeleton.yaml)", c.Section))
	}
	c.SectionIndex = idx
	for _, k := range c.Covers {
		if l.reqBy[k] == nil {
			msg := fmt.Sprintf("unknown requirement key %q", k)
			var keys []string
			for kk := range l.reqBy {
				keys = append(keys, kk)
			}
			if s := yamlx.Suggest(k, keys); s != "" {
				msg += fmt.Sprintf(" - did you mean %q?", s)
			}
			bad("covers", msg)
		}
	}
	for _, lang := range i18n.Langs {
		if strings.TrimSpace(c.Title.Get(lang)) == "" {
			bad("title", "title."+lang+" is missing")
		}
		if strings.TrimSpace(c.Body.Get(lang)) == "" {
			bad("body", "body."+lang+" is missing")
		}
	}
	for i, item := range seq(n, "changelog") {
		if i < len(c.Changelog) {
			c.Changelog[i].Line = item.Line
		}
	}
	for i, e := range c.Changelog {
		if _, in := e.Text.In("nb"); in == "" {
			bad("changelog", fmt.Sprintf("changelog[%d] (version %v) has no text: write text: {nb: \"...\", en: \"...\"}", i, e.Version))
		}
	}
	if c.When == "" {
		c.When = "true"
	}
	p, err := compile(c.When)
	if err != nil {
		errs = append(errs, condErr(c.File, n, "when", c.ID, err))
	}
	c.program = p
	c.tmpl = map[string]*template.Template{}
	for _, lang := range i18n.Langs {
		t, err := c.parseBody(lang)
		if err != nil {
			errs = append(errs, tmplErr(c, n, lang, err, ui))
			continue
		}
		c.tmpl[lang] = t
	}
	if len(errs) == 0 {
		l.byID[c.ID] = c
		l.Clauses = append(l.Clauses, c)
	}
	return errs
}

// parseBody parses the clause body in lang as a template.
func (c *Clause) parseBody(lang string) (*template.Template, error) {
	t, err := template.New(c.ID + "." + lang).Option("missingkey=error").Funcs(Funcs(nil)).Parse(c.Body.Get(lang))
	if err != nil {
		return nil, err
	}
	if err := checkBody(c, lang, t); err != nil {
		return nil, err
	}
	return t, nil
}

// Funcs are the template functions of clause bodies. ref resolves a clause
// id to its number in the agreement being assembled.
func Funcs(ref func(id string) (string, error)) template.FuncMap {
	if ref == nil {
		ref = func(string) (string, error) { return "1.1", nil }
	}
	return template.FuncMap{"ref": ref}
}

func compile(src string) (*vm.Program, error) {
	return expr.Compile(src, expr.Env(rules.Env{}), expr.AsBool())
}

var tmplLine = regexp.MustCompile(`:(\d+)(?::(\d+))?: `)

func tmplErr(c *Clause, n *yaml.Node, lang string, err error, ui *i18n.Localizer) *yamlx.Error {
	line := c.Line
	if b := key(n, "body"); b != nil {
		if ln := key(b, lang); ln != nil {
			line = ln.Line
			if ln.Style == yaml.LiteralStyle || ln.Style == yaml.FoldedStyle {
				line++
			}
		}
	}
	var re *RuleError
	if errors.As(err, &re) {
		if ui == nil {
			ui = i18n.For("en")
		}
		return &yamlx.Error{File: c.File, Line: line + re.Line - 1, Path: c.ID + ".body." + lang, Msg: re.Message(ui)}
	}
	if m := tmplLine.FindStringSubmatch(err.Error()); m != nil {
		var off int
		fmt.Sscan(m[1], &off)
		line += off - 1
	}
	return &yamlx.Error{File: c.File, Line: line, Path: c.ID + ".body." + lang, Msg: "template: " + err.Error()}
}

func condErr(file string, n *yaml.Node, field, id string, err error) *yamlx.Error {
	line, col := n.Line, n.Column
	if v := key(n, field); v != nil {
		line, col = v.Line, v.Column
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	return &yamlx.Error{File: file, Line: line, Column: col, Path: id + "." + field, Msg: "condition: " + msg}
}

// key returns the value node of k in mapping n.
func key(n *yaml.Node, k string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == k {
			return n.Content[i+1]
		}
	}
	return nil
}

func seq(n *yaml.Node, k string) []*yaml.Node {
	if v := key(n, k); v != nil && v.Kind == yaml.SequenceNode {
		return v.Content
	}
	return nil
}

// SuggestID returns the id closest to s, if it is a likely typo.
func SuggestID(s string, ids []string) string { return yamlx.Suggest(s, ids) }
