package web

import (
	"net/url"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/geo"
	"github.com/dpa-no/dpa/internal/i18n"
)

// The interview's steps and fields come from the answers types by
// reflection (answers.Fields, with the field catalogue's labels and help):
// a field added to the types appears in the form without hand work. Only
// the grouping of top-level keys into steps is written here; a top-level
// key that no step names gets a step of its own.

// stepOf groups the top-level keys of the answers file into the topics of
// the interview.
var stepOf = map[string]string{
	"format": "agreement", "status": "agreement", "language": "agreement", "agreement": "agreement",
	"controller": "parties", "processor": "parties",
	"service": "service", "processing": "processing", "risk": "risk",
	"locations": "locations", "access_countries": "access",
	"subprocessors": "subprocessors", "terms": "terms", "security": "security",
	"translations": "translations",
}

var stepOrder = []string{"agreement", "parties", "service", "processing", "risk", "locations", "access", "subprocessors", "terms", "security", "translations"}

// step is one page of the interview.
type step struct {
	ID   string
	Keys []string // top-level keys of the answers file shown on this step
}

// steps lists the interview's steps in order.
func steps() []step {
	byID := map[string]*step{}
	var extra []string
	for _, f := range answers.Fields() {
		if f.Depth != 0 || f.Path == "format" {
			continue
		}
		id, ok := stepOf[f.Path]
		if !ok {
			id = f.Path
			extra = append(extra, id)
		}
		if byID[id] == nil {
			byID[id] = &step{ID: id}
		}
		byID[id].Keys = append(byID[id].Keys, f.Path)
	}
	var out []step
	for _, id := range append(append([]string(nil), stepOrder...), extra...) {
		if s := byID[id]; s != nil {
			out = append(out, *s)
		}
	}
	return out
}

func stepIndex(id string) int {
	for i, s := range steps() {
		if s.ID == id {
			return i
		}
	}
	return -1
}

// topKeys is the order of the top-level keys (the types' field order).
func topKeys() []string {
	var out []string
	for _, f := range answers.Fields() {
		if f.Depth == 0 {
			out = append(out, f.Path)
		}
	}
	return out
}

// children lists the fields directly under a generic path ("" = top).
func children(parent string) []answers.Field {
	var out []answers.Field
	for _, f := range answers.Fields() {
		if f.Parent == parent {
			out = append(out, f)
		}
	}
	return out
}

func childKeys(parent string) []string {
	var out []string
	for _, f := range children(parent) {
		out = append(out, f.Key)
	}
	return out
}

// generic turns a concrete path into the catalogue's ("locations[2].country"
// -> "locations[].country").
var indexRE = regexp.MustCompile(`\[[0-9]+\]`)

func generic(p string) string { return indexRE.ReplaceAllString(p, "[]") }

// ---- form values -> YAML tree ----

// fromForm rebuilds the top-level keys of a step from the posted form and
// puts them into root. Empty fields are left out (nothing was typed);
// every value typed is written exactly as typed.
func fromForm(root *yaml.Node, st step, form url.Values) {
	order := topKeys()
	for _, key := range st.Keys {
		f, _ := answers.FieldByPath(key)
		mapSet(root, key, keepUnknown(f, mapGet(root, key), buildNode(f, key, form)), order)
	}
	mapSet(root, "format", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: "1"}, order)
}

// keepUnknown carries the keys of old that the form has no field for (an
// imported file's misspelt or unknown keys, at any depth) into the node
// rebuilt from the form, so that saving a step never silently drops what
// the user wrote: the loader goes on reporting them at their line until the
// user removes them. The form posts list items by their old index, so item
// i of the rebuilt list is item i of old.
func keepUnknown(f answers.Field, old, nw *yaml.Node) *yaml.Node {
	if old == nil {
		return nw
	}
	switch f.Kind {
	case "object":
		return keepUnknownKeys(f.Path, old, nw)
	case "list_of_objects":
		if old.Kind != yaml.SequenceNode || nw == nil || nw.Kind != yaml.SequenceNode {
			return nw
		}
		for i := 0; i < len(old.Content) && i < len(nw.Content); i++ {
			if m := keepUnknownKeys(f.Path, old.Content[i], nw.Content[i]); m != nil {
				nw.Content[i] = m
			}
		}
	}
	return nw
}

// keepUnknownKeys merges the unknown keys of the mapping old (generic path
// parent) into nw, and recurses into the known keys that hold objects.
func keepUnknownKeys(parent string, old, nw *yaml.Node) *yaml.Node {
	if old.Kind != yaml.MappingNode {
		return nw
	}
	known := map[string]answers.Field{}
	for _, c := range children(parent) {
		known[c.Key] = c
	}
	for i := 0; i+1 < len(old.Content); i += 2 {
		k, v := old.Content[i], old.Content[i+1]
		c, ok := known[k.Value]
		if !ok {
			if nw == nil {
				nw = mapNode()
			}
			nw.Content = append(nw.Content, k, v)
			continue
		}
		if c.Kind != "object" && c.Kind != "list_of_objects" {
			continue
		}
		var cur *yaml.Node
		if nw != nil {
			cur = mapGet(nw, k.Value)
		}
		merged := keepUnknown(c, v, cur)
		if merged != cur {
			if nw == nil {
				nw = mapNode()
			}
			mapSet(nw, k.Value, merged, childKeys(parent))
		}
	}
	return nw
}

// noneChoice lists the list fields whose absence is an open question and
// whose answer "none" is an empty list ([]): the form offers "none of
// these" (noneValue), so that nothing chosen (not answered) and none differ.
var noneChoice = map[string]bool{"processing.special_categories": true}

// noneValue is the form value of "none of these"; no enum value is "-".
const noneValue = "-"

func nonEmpty(vs []string) []string {
	var out []string
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

// lines splits a text area into list items, one per line; blank lines are
// not items.
func lines(v string) []string {
	v = strings.ReplaceAll(v, "\r\n", "\n")
	return nonEmpty(strings.Split(v, "\n"))
}

func buildNode(f answers.Field, path string, form url.Values) *yaml.Node {
	switch f.Kind {
	case "object":
		m := mapNode()
		for _, c := range children(f.Path) {
			if n := buildNode(c, path+"."+c.Key, form); n != nil {
				m.Content = append(m.Content, strNode(c.Key), n)
			}
		}
		if len(m.Content) == 0 {
			return nil
		}
		return m
	case "list_of_objects":
		count, _ := strconv.Atoi(form.Get(path + ".count"))
		if count <= 0 || count > 1000 {
			return nil
		}
		var items []*yaml.Node
		for i := 0; i < count; i++ {
			m := mapNode()
			p := path + "[" + strconv.Itoa(i) + "]"
			for _, c := range children(f.Path) {
				if n := buildNode(c, p+"."+c.Key, form); n != nil {
					m.Content = append(m.Content, strNode(c.Key), n)
				}
			}
			items = append(items, m)
		}
		return seqNode(items)
	case "list_of_strings", "list_of_countries":
		var vs []string
		if len(f.Enum) > 0 || f.Kind == "list_of_countries" {
			vs = nonEmpty(form[path])
			if noneChoice[f.Path] && contains(vs, noneValue) {
				// "none of these" is the answer [] unless a category is
				// also ticked: then the categories ticked are the answer
				var chosen []string
				for _, v := range vs {
					if v != noneValue {
						chosen = append(chosen, v)
					}
				}
				if len(chosen) == 0 {
					return seqNode(nil)
				}
				vs = chosen
			}
		} else {
			vs = lines(form.Get(path))
		}
		if len(vs) == 0 {
			return nil
		}
		var items []*yaml.Node
		for _, v := range vs {
			items = append(items, strNode(v))
		}
		return seqNode(items)
	case "boolean":
		switch form.Get(path) {
		case "true":
			return boolNode(true)
		case "false":
			if f.Pointer {
				return boolNode(false)
			}
		}
		return nil
	}
	v := form.Get(path)
	if strings.TrimSpace(v) == "" {
		return nil
	}
	if f.Kind == "integer" {
		return intNode(v)
	}
	return strNode(v)
}

// ---- YAML tree -> widgets ----

// widget is one question (or group of questions) on a page.
type widget struct {
	Kind     string // text, textarea, select, radio, checkboxes, countries, checkbox, tristate, group, repeat
	ID       string
	Name     string
	Path     string // concrete path
	Label    string
	Help     string
	Source   string
	Default  string
	Example  string
	Value    string
	Values   []string
	Options  []option
	Children []*widget
	Items    []*item
	Msgs     []msg
	Input    string // inputmode / type hint: numeric, date
	Top      bool   // a top-level key
	Decision bool   // tristate without a default: absent is "not chosen"
	Count    int    // list items (repeat)
	Add      string // action value of the add button
	AddLabel string
	// translations: the free-text values typed in earlier steps that have
	// no pair yet, and the action that adds a pair for each
	Pending      []string
	Suggest      string
	SuggestLabel string
	PendingIntro string
	txt          *uiText
}

// UI is the interface text the widget templates need.
func (w *widget) UI() *uiText { return w.txt }

// item is one entry of a repeatable group.
type item struct {
	Index    int
	Legend   string
	Remove   string
	Children []*widget
	Msgs     []msg
}

type option struct {
	Value    string
	Label    string
	Help     string
	Selected bool
	ID       string
}

// msg is a finding or loader error shown at a field.
type msg struct {
	Severity string // error, warning, info
	Code     string
	Text     string
	Path     string
	Field    string // id of the field it belongs to ("" if none)
}

// Invalid reports whether an error is shown at the widget.
func (w *widget) Invalid() bool {
	for _, m := range w.Msgs {
		if m.Severity == "error" {
			return true
		}
	}
	return false
}

// DescribedBy lists the ids of the help text and the messages.
func (w *widget) DescribedBy() string {
	var ids []string
	if w.Help != "" || w.Source != "" || w.Default != "" {
		ids = append(ids, w.ID+"-help")
	}
	if len(w.Msgs) > 0 {
		ids = append(ids, w.ID+"-msg")
	}
	return strings.Join(ids, " ")
}

var idRE = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

func fieldID(path string) string { return "f-" + strings.Trim(idRE.ReplaceAllString(path, "-"), "-") }

// formCtx is what building the widgets of a page needs.
type formCtx struct {
	lang  string
	root  *yaml.Node
	msgs  map[string][]msg // by concrete path
	used  map[string]bool  // paths whose messages found a field
	extra map[string]int   // extra blank country selects, by path
}

func (c *formCtx) take(path string) []msg {
	if ms, ok := c.msgs[path]; ok {
		c.used[path] = true
		return ms
	}
	return nil
}

func (c *formCtx) widget(f answers.Field, path string, top bool) *widget {
	w := &widget{ID: fieldID(path), Name: path, Path: path, Top: top,
		Label: f.Label.In(c.lang), Help: f.Help.In(c.lang), Source: f.Source, Example: f.Example.In(c.lang)}
	if w.Label == "" {
		w.Label = f.Key
	}
	if d := f.DefaultText.In(c.lang); d != "" {
		w.Default = d
	}
	w.Msgs = c.take(path)
	n := lookup(c.root, path)
	switch f.Kind {
	case "object":
		w.Kind = "group"
		for _, ch := range children(f.Path) {
			w.Children = append(w.Children, c.widget(ch, path+"."+ch.Key, false))
		}
	case "list_of_objects":
		w.Kind = "repeat"
		count := 0
		if n != nil && n.Kind == yaml.SequenceNode {
			count = len(n.Content)
		}
		w.Count = count
		w.Add = "add:" + path
		w.AddLabel = f.Label.In(c.lang)
		if f.Path == "translations" {
			if w.Pending = pendingTranslations(c.root); len(w.Pending) > 0 {
				ui := i18n.For(c.lang)
				w.Suggest = "suggest:" + path
				w.SuggestLabel = ui.T("web.translations.suggest")
				w.PendingIntro = ui.TN("web.translations.pending", len(w.Pending))
			}
		}
		for i := 0; i < count; i++ {
			p := path + "[" + strconv.Itoa(i) + "]"
			it := &item{Index: i, Remove: "remove:" + p, Msgs: c.take(p)}
			for _, ch := range children(f.Path) {
				it.Children = append(it.Children, c.widget(ch, p+"."+ch.Key, false))
			}
			w.Items = append(w.Items, it)
		}
	case "list_of_countries":
		w.Kind = "countries"
		w.Values = append(scalars(n), "")
		for i := 0; i < c.extra[path]; i++ {
			w.Values = append(w.Values, "")
		}
		w.Options = countryOptions(c.lang, w.Values)
		w.Add = "more:" + path
	case "list_of_strings":
		vs := scalars(n)
		if len(f.Enum) > 0 {
			w.Kind = "checkboxes"
			sel := map[string]bool{}
			for _, v := range vs {
				sel[v] = true
			}
			w.Options = enumOptions(f, c.lang, sel, w.ID)
			for _, v := range vs { // a value not in the list is shown, not dropped
				if !contains(f.Enum, v) {
					w.Options = append(w.Options, option{Value: v, Label: v, Selected: true, ID: w.ID + "-" + idRE.ReplaceAllString(v, "-")})
				}
			}
			if noneChoice[f.Path] {
				// ticked only for an explicit [] (answered: none), never
				// for an absent answer
				none := n != nil && n.Kind == yaml.SequenceNode && len(n.Content) == 0
				w.Options = append(w.Options, option{Value: noneValue, Label: i18n.For(c.lang).T("web.form.none_of_these"), Selected: none, ID: w.ID + "-none-of-these"})
			}
		} else {
			w.Kind = "textarea"
			w.Value = strings.Join(vs, "\n")
		}
	case "boolean":
		v := scalar(n)
		if f.Pointer {
			w.Kind = "tristate"
			w.Value = v
			// a yes/no decision has no default: the empty choice is "not
			// chosen" (dpa check asks for it), not "the default applies"
			w.Decision = f.Default == "" && f.DefaultText.Empty()
		} else {
			w.Kind = "checkbox"
			w.Value = v
		}
	case "country":
		w.Kind = "select"
		w.Value = scalar(n)
		w.Options = countryOptions(c.lang, []string{w.Value})
	default:
		w.Value = scalar(n)
		if n != nil && n.Kind != yaml.ScalarNode {
			w.Value = "" // a list or mapping where a value belongs: the loader's error says so
		}
		if len(f.Enum) > 0 {
			w.Options = enumOptions(f, c.lang, map[string]bool{w.Value: true}, w.ID)
			if w.Value != "" && !contains(f.Enum, w.Value) {
				w.Options = append(w.Options, option{Value: w.Value, Label: w.Value, Selected: true, ID: w.ID + "-other"})
			}
			w.Kind = "radio"
			if len(f.Enum) > 6 {
				w.Kind = "select"
			}
			if !contains(f.Enum, "") && f.Path != "format" && omitempty(f.Path) {
				// not answering is an answer: the default applies
				w.Options = append([]option{{Value: "", Label: notChosen(c.lang), Selected: w.Value == "", ID: w.ID + "-none"}}, w.Options...)
			}
		} else {
			w.Kind = "text"
			switch f.Kind {
			case "integer":
				w.Input = "numeric"
			case "date":
				w.Input = "date"
			}
		}
	}
	if f.Default != "" && w.Default == "" {
		w.Default = defaultText(c.lang, f, f.Default)
	}
	return w
}

func notChosen(lang string) string {
	if lang == "en" {
		return "Not chosen (the default applies)"
	}
	return "Ikke valgt (standardverdien gjelder)"
}

func defaultText(lang string, f answers.Field, v string) string {
	for _, x := range f.Values {
		if x.Value == v && !x.Label.Empty() {
			v = x.Label.In(lang)
		}
	}
	if lang == "en" {
		return "Default: " + v
	}
	return "Standard: " + v
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func enumOptions(f answers.Field, lang string, sel map[string]bool, id string) []option {
	var out []option
	for _, v := range f.Values {
		if v.Value == "" {
			out = append(out, option{Value: "", Label: notChosen(lang), Selected: sel[""], ID: id + "-none"})
			continue
		}
		l := v.Label.In(lang)
		if l == "" {
			l = v.Value
		}
		out = append(out, option{Value: v.Value, Label: l, Help: v.Help.In(lang), Selected: sel[v.Value], ID: id + "-" + idRE.ReplaceAllString(v.Value, "-")})
	}
	return out
}

// countries sorted by their name in lang.
func countryList(lang string) []option {
	tag := language.Norwegian
	if lang == "en" {
		tag = language.English
	}
	col := collate.New(tag)
	var out []option
	for _, c := range geo.Codes() {
		out = append(out, option{Value: c, Label: geo.Name(c, lang)})
	}
	sort.SliceStable(out, func(i, j int) bool { return col.CompareString(out[i].Label, out[j].Label) < 0 })
	return out
}

// countryOptions are the choices of a country select; a value that is not
// a known code is kept as a choice of its own, so it is not lost.
func countryOptions(lang string, values []string) []option {
	out := countryList(lang)
	for _, v := range values {
		if v != "" && !geo.Valid(v) {
			out = append([]option{{Value: v, Label: v + " (?)"}}, out...)
		}
	}
	return out
}

// omitempty reports whether the field at a generic path may be left out
// (its yaml tag has omitempty); a required field gets no "not chosen"
// choice.
func omitempty(path string) bool {
	t := reflect.TypeOf(answers.Answers{})
	var tag string
	for _, part := range strings.Split(path, ".") {
		part = strings.TrimSuffix(part, "[]")
		for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return true
		}
		found := false
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			y := sf.Tag.Get("yaml")
			if strings.Split(y, ",")[0] == part {
				t, tag, found = sf.Type, y, true
				break
			}
		}
		if !found {
			return true
		}
	}
	return strings.Contains(tag, ",omitempty")
}

// pendingTranslations lists, once each, the free-text values of the
// answers in root that have no pair in translations[] for the other
// language (what an agreement in that language would print as written).
func pendingTranslations(root *yaml.Node) []string {
	if root == nil {
		return nil
	}
	var a answers.Answers
	_ = root.Decode(&a) // a partly wrong file still gives the values it has
	tr := answers.NewTranslator(a.Translations, answers.Typed(&a))
	other := "en"
	if answers.Typed(&a) == "en" {
		other = "nb"
	}
	var out []string
	seen := map[string]bool{}
	for _, v := range answers.Prose(&a) {
		if _, ok := tr.In(v.Text, other); !ok && !seen[v.Text] {
			seen[v.Text] = true
			out = append(out, v.Text)
		}
	}
	return out
}

// suggestTranslations adds to root one pair for each pending value, with
// the value on the side of the answers' language and the other side for
// the user to fill in (until then the loader names the empty side).
func suggestTranslations(root *yaml.Node) {
	pending := pendingTranslations(root)
	if len(pending) == 0 {
		return
	}
	var a answers.Answers
	_ = root.Decode(&a)
	typed := answers.Typed(&a)
	n := lookup(root, "translations")
	if n == nil || n.Kind != yaml.SequenceNode {
		n = seqNode(nil)
		setPath(root, "translations", n)
	}
	for _, v := range pending {
		m := mapNode()
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: typed}, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v})
		n.Content = append(n.Content, m)
	}
}
