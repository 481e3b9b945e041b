// Package yamlx reads YAML strictly: it enforces size, alias and nesting
// limits before anything else, then checks a document against a Go type
// (unknown keys with a "did you mean" suggestion, wrong types, enum values
// from the `jsonschema:"enum=..."` tag, dates) and reports every problem with
// file, line, column, field path and a snippet of the line, in the UI
// language. Only then is the document decoded.
package yamlx

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/dpa-no/dpa/internal/i18n"
)

// Limits for untrusted YAML.
type Limits struct {
	MaxBytes int // file size
	MaxNodes int // nodes visited with aliases expanded
	MaxDepth int // nesting of mappings and sequences
}

// DefaultLimits are the limits of the answers format.
var DefaultLimits = Limits{MaxBytes: 1 << 20, MaxNodes: 100000, MaxDepth: 32}

// Error is one problem at a position in a file.
type Error struct {
	File    string
	Line    int
	Column  int
	Path    string // field path, e.g. subprocessors[1].transfer_basis
	Msg     string
	Snippet string // the offending line with a caret under the column
	Limit   bool   // a limit was exceeded
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Snippet != "" {
		b.WriteString("\n")
		b.WriteString(e.Snippet)
	}
	return b.String()
}

// Errors is a list of problems; it is itself an error.
type Errors []*Error

func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

// Reader checks documents in one file.
type Reader struct {
	File   string
	Data   []byte
	UI     *i18n.Localizer
	Limits Limits
	lines  []string
}

func (r *Reader) err(n *yaml.Node, path, msgID string, data map[string]interface{}) *Error {
	e := &Error{File: r.File, Path: path, Msg: r.UI.T(msgID, data)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
		e.Snippet = r.snippet(n.Line, n.Column)
	}
	return e
}

func (r *Reader) snippet(line, col int) string {
	if r.lines == nil {
		r.lines = strings.Split(string(r.Data), "\n")
	}
	if line < 1 || line > len(r.lines) {
		return ""
	}
	l := strings.TrimRight(r.lines[line-1], "\r")
	if len(l) > 200 {
		l = l[:200] + "…"
	}
	pad := ""
	if col > 1 {
		// keep tabs so the caret lines up
		prefix := []rune(l)
		if col-1 < len(prefix) {
			prefix = prefix[:col-1]
		}
		for _, c := range prefix {
			if c == '\t' {
				pad += "\t"
			} else {
				pad += " "
			}
		}
	}
	return fmt.Sprintf("%5d | %s\n      | %s^", line, l, pad)
}

var yamlLine = regexp.MustCompile(`line (\d+)(?::|,)? ?(?:column (\d+))?`)

// Parse checks the size, parses the YAML into a node tree and checks alias
// expansion and nesting limits. An empty document gives a nil node.
func (r *Reader) Parse() (*yaml.Node, error) {
	if r.Limits.MaxBytes > 0 && len(r.Data) > r.Limits.MaxBytes {
		return nil, &Error{File: r.File, Msg: r.UI.T("yaml.too_large", map[string]interface{}{"Size": len(r.Data), "Max": r.Limits.MaxBytes}), Limit: true}
	}
	if !utf8Valid(r.Data) {
		return nil, &Error{File: r.File, Msg: r.UI.T("yaml.not_text")}
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(r.Data))
	if err := dec.Decode(&doc); err != nil {
		if err.Error() == "EOF" {
			return nil, nil
		}
		e := &Error{File: r.File, Msg: r.UI.T("yaml.syntax", map[string]interface{}{"Detail": strings.TrimPrefix(err.Error(), "yaml: ")})}
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			e.Line, _ = strconv.Atoi(m[1])
			if m[2] != "" {
				e.Column, _ = strconv.Atoi(m[2])
			}
			e.Snippet = r.snippet(e.Line, e.Column)
		}
		return nil, e
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, r.err(&extra, "", "yaml.multiple_documents", nil)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	count := 0
	var walk func(n *yaml.Node, depth int) *Error
	walk = func(n *yaml.Node, depth int) *Error {
		count++
		if r.Limits.MaxNodes > 0 && count > r.Limits.MaxNodes {
			e := r.err(n, "", "yaml.too_many_nodes", map[string]interface{}{"Max": r.Limits.MaxNodes})
			e.Limit = true
			return e
		}
		if r.Limits.MaxDepth > 0 && depth > r.Limits.MaxDepth {
			e := r.err(n, "", "yaml.too_deep", map[string]interface{}{"Max": r.Limits.MaxDepth})
			e.Limit = true
			return e
		}
		if n.Kind == yaml.AliasNode {
			if n.Alias == nil {
				return nil
			}
			return walk(n.Alias, depth+1)
		}
		if n.Kind == yaml.MappingNode {
			seen := map[string]*yaml.Node{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if k.Kind != yaml.ScalarNode {
					continue
				}
				if prev, ok := seen[k.Value]; ok {
					return r.err(k, "", "yaml.duplicate_key", map[string]interface{}{"Key": k.Value, "Line": prev.Line})
				}
				seen[k.Value] = k
			}
		}
		for _, c := range n.Content {
			if e := walk(c, depth+1); e != nil {
				return e
			}
		}
		return nil
	}
	if e := walk(root, 0); e != nil {
		return nil, e
	}
	return root, nil
}

func utf8Valid(b []byte) bool {
	return !bytes.ContainsRune(b, 0) && strings.ToValidUTF8(string(b), "\uFFFD") == string(b)
}

// Check validates node against the Go type of v and, when there are no
// problems, decodes it into v.
func (r *Reader) Check(root *yaml.Node, path string, v interface{}) error {
	var errs Errors
	r.check(root, reflect.TypeOf(v).Elem(), path, &errs)
	if len(errs) > 0 {
		return errs
	}
	if err := root.Decode(v); err != nil {
		return &Error{File: r.File, Msg: err.Error()}
	}
	return nil
}

var dateType = reflect.TypeOf(time.Time{})

func (r *Reader) check(n *yaml.Node, t reflect.Type, path string, errs *Errors) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // empty is allowed; required fields are findings
	}
	for t.Kind() == reflect.Ptr {
		t = t.Elem()
	}
	kindName := map[yaml.Kind]string{yaml.MappingNode: "mapping", yaml.SequenceNode: "list", yaml.ScalarNode: "value"}
	wrong := func(want string) {
		got := kindName[n.Kind]
		if n.Kind == yaml.ScalarNode {
			got = strings.TrimPrefix(n.Tag, "!!") + " " + strconv.Quote(short(n.Value))
		}
		*errs = append(*errs, r.err(n, path, "yaml.wrong_type", map[string]interface{}{"Want": r.UI.T("type." + want), "Got": got}))
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			wrong("mapping")
			return
		}
		fields := map[string]reflect.StructField{}
		var names []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if name == "" || name == "-" {
				continue
			}
			fields[name] = f
			names = append(names, name)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			p := k.Value
			if path != "" {
				p = path + "." + k.Value
			}
			f, ok := fields[k.Value]
			if !ok {
				data := map[string]interface{}{"Key": k.Value}
				id := "yaml.unknown_key"
				if s := Suggest(k.Value, names); s != "" {
					data["Suggestion"] = s
					id = "yaml.unknown_key_suggest"
				}
				*errs = append(*errs, r.err(k, p, id, data))
				continue
			}
			r.field(val, f, p, errs)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			wrong("list")
			return
		}
		for i, c := range n.Content {
			r.check(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), errs)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			wrong("text")
		}
	case reflect.Int, reflect.Int64:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			wrong("integer")
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			wrong("boolean")
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			wrong("mapping")
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			r.check(n.Content[i+1], t.Elem(), path+"."+n.Content[i].Value, errs)
		}
	case reflect.Interface:
	}
}

func (r *Reader) field(n *yaml.Node, f reflect.StructField, path string, errs *Errors) {
	before := len(*errs)
	r.check(n, f.Type, path, errs)
	if len(*errs) > before || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return
	}
	if enum := enums(f.Tag.Get("jsonschema")); enum != nil && f.Type.Kind() == reflect.String {
		ok := false
		for _, e := range enum {
			if n.Value == e {
				ok = true
			}
		}
		if !ok {
			var shown []string
			for _, e := range enum {
				if e != "" {
					shown = append(shown, e)
				}
			}
			data := map[string]interface{}{"Value": short(n.Value), "Allowed": strings.Join(shown, ", ")}
			id := "yaml.bad_enum"
			if s := Suggest(n.Value, shown); s != "" {
				data["Suggestion"] = s
				id = "yaml.bad_enum_suggest"
			}
			*errs = append(*errs, r.err(n, path, id, data))
		}
	}
	if enum := enums(f.Tag.Get("jsonschema")); enum != nil && f.Type.Kind() == reflect.Int {
		ok := false
		for _, e := range enum {
			if n.Value == e {
				ok = true
			}
		}
		if !ok {
			*errs = append(*errs, r.err(n, path, "yaml.bad_enum", map[string]interface{}{"Value": short(n.Value), "Allowed": strings.Join(enum, ", ")}))
		}
	}
	if f.Tag.Get("dpa") == "date" {
		if _, err := time.Parse("2006-01-02", n.Value); err != nil {
			*errs = append(*errs, r.err(n, path, "yaml.bad_date", map[string]interface{}{"Value": short(n.Value)}))
		}
	}
}

func enums(tag string) []string {
	var out []string
	found := false
	for _, p := range strings.Split(tag, ",") {
		if strings.HasPrefix(p, "enum=") {
			found = true
			out = append(out, strings.TrimPrefix(p, "enum="))
		}
	}
	if !found {
		return nil
	}
	return out
}

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// Suggest returns the candidate closest to s by edit distance, if close
// enough to be a likely typo.
func Suggest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	ls := strings.ToLower(s)
	cs := append([]string(nil), candidates...)
	sort.Strings(cs)
	for _, c := range cs {
		d := levenshtein(ls, strings.ToLower(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	limit := len([]rune(s))/3 + 1
	if limit < 2 {
		limit = 2
	}
	if bestD <= limit {
		return best
	}
	return ""
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// IsLimit reports whether err is a limit violation.
func IsLimit(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Limit
}
