// Package yamlx reads YAML strictly: it enforces size, alias and nesting
// limits before anything else, refuses what YAML could read in more than
// one way (explicit tags, a second document, invalid UTF-8, private-use
// characters), then checks a document against a Go type: unknown keys with
// a "did you mean" suggestion, wrong types, and the value rules of the
// `jsonschema` tags (see Rules), through aliases as well. Every problem is
// reported with file, line, column, field path and a snippet of the line,
// in the UI language. Only then is the document decoded.
package yamlx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"

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

// maxErrors bounds the problems reported for one file.
const maxErrors = 100

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
	// EnumAliases, if set, returns other names of an enum value (such as
	// its labels in the UI languages), used to suggest the value when
	// someone writes one of them ("helse" -> "health").
	EnumAliases func(value string) []string
	// Example, if set, returns how the field at path (indexes included) is
	// written, e.g. `["Helsehjelp"]`, used to show the right form when a
	// value has the wrong type.
	Example func(path string) string
	// UIFor, if set, is called once with the decoded document, before it
	// is checked; the localizer it returns (when not nil) gives the
	// messages from then on, so that a file can choose the language of
	// its own errors without being parsed a second time.
	UIFor     func(root *yaml.Node) *i18n.Localizer
	lines     []string
	runeLines map[int][]rune
}

func (r *Reader) err(n *yaml.Node, path, msgID string, data map[string]any) *Error {
	e := &Error{File: r.File, Path: path, Msg: r.UI.T(msgID, data)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
		e.Snippet = r.snippet(n.Line, n.Column)
	}
	return e
}

func (r *Reader) errAt(line, col int, path, msgID string, data map[string]any) *Error {
	e := &Error{File: r.File, Path: path, Msg: r.UI.T(msgID, data), Line: line, Column: col}
	e.Snippet = r.snippet(line, col)
	return e
}

// Snippet is the line of the file with a caret under the column.
func (r *Reader) Snippet(line, col int) string { return r.snippet(line, col) }

func (r *Reader) snippet(line, col int) string {
	if r.lines == nil {
		r.lines = strings.Split(string(r.Data), "\n")
	}
	if line < 1 || line > len(r.lines) {
		return ""
	}
	l := strings.ToValidUTF8(strings.TrimRight(r.lines[line-1], "\r"), "\uFFFD")
	l = strings.Map(func(c rune) rune {
		if c == '\t' {
			return c
		}
		if c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || PrivateUse(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) {
			return '\uFFFD' // the snippet goes to a terminal
		}
		return c
	}, l)
	if rs := []rune(l); len(rs) > 200 {
		l = string(rs[:200]) + "…"
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

var (
	yamlLine      = regexp.MustCompile(`line (\d+)(?::|,)? ?(?:column (\d+))?`)
	unknownAnchor = regexp.MustCompile(`unknown anchor '([^']*)' referenced`)
)

// parses counts the documents Parse has decoded (Parses).
var parses atomic.Int64

// Parses is how many times this process has decoded a document with
// Reader.Parse, for tests and benchmarks that prove a file is parsed once.
func Parses() int64 { return parses.Load() }

// Decode parses data into a document node with no checks, counted in
// Parses like Reader.Parse: for reading positions and the like from a file
// that has no Reader at hand.
func Decode(data []byte, doc *yaml.Node) error {
	parses.Add(1)
	return yaml.Unmarshal(data, doc)
}

// Parse checks the size and the bytes, parses the YAML into a node tree and
// checks alias expansion and nesting limits, explicit tags, keys and the
// characters of every value. An empty document gives a nil node.
func (r *Reader) Parse() (*yaml.Node, error) {
	if r.Limits.MaxBytes > 0 && len(r.Data) > r.Limits.MaxBytes {
		return nil, &Error{File: r.File, Msg: r.UI.T("yaml.too_large", map[string]any{"Size": len(r.Data), "Max": r.Limits.MaxBytes}), Limit: true}
	}
	if e := r.checkBytes(); e != nil {
		return nil, e
	}
	var doc yaml.Node
	parses.Add(1)
	dec := yaml.NewDecoder(bytes.NewReader(r.Data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, r.syntaxErr(err, r.Data)
	}
	if r.UIFor != nil && len(doc.Content) > 0 {
		if ui := r.UIFor(doc.Content[0]); ui != nil {
			r.UI = ui
		}
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		return nil, r.errAt(extra.Line, extra.Column, "", "yaml.multiple_documents", nil)
	case !errors.Is(err, io.EOF):
		return nil, r.syntaxErr(err, r.Data)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" && !r.explicitTag(root) {
		return nil, nil
	}
	w := &walker{r: r}
	if e := w.walk(root, "", 0, false); e != nil {
		return nil, e
	}
	if len(w.errs) > 0 {
		return nil, w.errs
	}
	return root, nil
}

// checkBytes refuses NUL, invalid UTF-8 and the control characters that
// YAML does not allow in a file, at their line and column.
func (r *Reader) checkBytes() *Error {
	data := r.Data
	line, col := 1, 1
	var first *Error
	var fixed []byte
	for i := 0; i < len(data); {
		if b := data[i]; b >= 0x20 && b < 0x7f {
			i++
			col++
			continue
		}
		c, size := utf8.DecodeRune(data[i:])
		id, show := "", ""
		switch {
		case c == utf8.RuneError && size <= 1:
			id, show = "yaml.bad_utf8", fmt.Sprintf("0x%02X", data[i])
		case c == 0:
			id = "yaml.nul"
		case c == '\n':
			line, col = line+1, 1
			i += size
			continue
		case c == '\t' || c == '\r' || c == 0x85:
		case c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0xFFFE || c == 0xFFFF:
			id, show = "yaml.raw_control", fmt.Sprintf("U+%04X", c)
		}
		if id != "" {
			if first == nil {
				first = r.errAt(line, col, "", id, map[string]any{"Byte": show, "Rune": show})
				fixed = append([]byte(nil), data...)
			}
			// a copy with every bad byte replaced, to find the field path
			for j := i; j < i+size; j++ {
				fixed[j] = '_'
			}
		}
		i += size
		col++
	}
	if first != nil {
		first.Path = PathAt(fixed, first.Line, first.Column)
	}
	return first
}

// syntaxErr turns a yaml.v3 error into an Error at its line, and finds the
// position (and field) of an undefined anchor, which yaml.v3 does not give.
func (r *Reader) syntaxErr(err error, data []byte) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		line, col := findAlias(data, m[1])
		fixed := data
		if line > 0 {
			fixed = blankAlias(data, line, col, m[1])
		}
		path := ""
		if line > 0 {
			path = PathAt(fixed, line, col)
		}
		return r.errAt(line, col, path, "yaml.undefined_anchor", map[string]any{"Anchor": m[1]})
	}
	e := &Error{File: r.File, Msg: r.UI.T("yaml.syntax", map[string]any{"Detail": msg})}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		if m[2] != "" {
			e.Column, _ = strconv.Atoi(m[2])
		}
	} else {
		e.Line = firstFailingLine(data, msg)
	}
	if e.Line > 0 {
		if e.Column == 0 {
			e.Column = 1
		}
		e.Snippet = r.snippet(e.Line, e.Column)
	}
	return e
}

// firstFailingLine finds the first line at which parsing fails with msg,
// for yaml.v3 errors that carry no line.
func firstFailingLine(data []byte, msg string) int {
	lines := bytes.SplitAfter(data, []byte("\n"))
	fails := func(k int) bool {
		var n yaml.Node
		err := yaml.Unmarshal(bytes.Join(lines[:k], nil), &n)
		return err != nil && strings.TrimPrefix(err.Error(), "yaml: ") == msg
	}
	// smallest k with fails(k); the error need not be monotonic, so check
	lo, hi := 1, len(lines)
	if !fails(hi) {
		return 0
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// findAlias returns the position of the first use of alias *name.
func findAlias(data []byte, name string) (line, col int) {
	for i, l := range strings.Split(string(data), "\n") {
		for off := 0; ; {
			j := strings.Index(l[off:], "*"+name)
			if j < 0 {
				break
			}
			j += off
			end := j + 1 + len(name)
			if end == len(l) || strings.ContainsRune(" \t,]}\r#", rune(l[end])) {
				return i + 1, utf8.RuneCountInString(l[:j]) + 1
			}
			off = j + 1
		}
	}
	return 0, 0
}

// blankAlias replaces the alias at line, col by a null of the same width.
func blankAlias(data []byte, line, col int, name string) []byte {
	lines := strings.Split(string(data), "\n")
	l := lines[line-1]
	j := len(string([]rune(l)[:col-1]))
	lines[line-1] = l[:j] + "~" + strings.Repeat(" ", len(name)) + l[j+1+len(name):]
	return []byte(strings.Join(lines, "\n"))
}

// PathAt returns the field path of the node at or just before line, col in
// a YAML document ("" if it cannot be parsed).
func PathAt(data []byte, line, col int) string {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return ""
	}
	best, bestL, bestC := "", 0, 0
	var walk func(n *yaml.Node, path string)
	at := func(n *yaml.Node, path string) {
		if n.Line < line || (n.Line == line && n.Column <= col) {
			if n.Line > bestL || (n.Line == bestL && n.Column >= bestC) {
				best, bestL, bestC = path, n.Line, n.Column
			}
		}
	}
	walk = func(n *yaml.Node, path string) {
		at(n, path)
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := join(path, n.Content[i].Value)
				at(n.Content[i], p)
				walk(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	walk(doc.Content[0], "")
	return best
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// explicitTag reports whether node n was written with a tag (!!str, !foo,
// or the non-specific "!", which yaml.v3 does not mark).
func (r *Reader) explicitTag(n *yaml.Node) bool {
	if n.Style&yaml.TaggedStyle != 0 {
		return true
	}
	if n.Kind == yaml.AliasNode || n.Line < 1 {
		return false
	}
	if n.Kind != yaml.ScalarNode && n.Style&yaml.FlowStyle == 0 {
		return false
	}
	if r.lines == nil {
		r.lines = strings.Split(string(r.Data), "\n")
	}
	// the common case: an ASCII line whose character at the column is not
	// '&', '!' or a blank
	if ln, c := n.Line-1, n.Column-1; ln < len(r.lines) && c < len(r.lines[ln]) {
		if l := r.lines[ln]; isASCII(l[:c+1]) && !strings.ContainsRune("&! \t", rune(l[c])) {
			return false
		}
	}
	// from the node's position: skip an anchor and blanks, then look for '!'
	for ln, c := n.Line-1, n.Column-1; ln < len(r.lines); ln, c = ln+1, 0 {
		rs := r.runes(ln)
		if c > len(rs) {
			return false
		}
		rs = rs[c:]
		if len(rs) > 0 && rs[0] == '&' {
			for len(rs) > 0 && rs[0] != ' ' && rs[0] != '\t' {
				rs = rs[1:]
			}
		}
		for len(rs) > 0 && (rs[0] == ' ' || rs[0] == '\t' || rs[0] == '\r') {
			rs = rs[1:]
		}
		if len(rs) > 0 {
			return rs[0] == '!'
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// runes returns line ln (0-based) as runes, converted once: columns count
// characters.
func (r *Reader) runes(ln int) []rune {
	if r.runeLines == nil {
		r.runeLines = map[int][]rune{}
	}
	rs, ok := r.runeLines[ln]
	if !ok {
		rs = []rune(r.lines[ln])
		r.runeLines[ln] = rs
	}
	return rs
}

type walker struct {
	r       *Reader
	count   int
	aliases int
	errs    Errors
}

func (w *walker) add(e *Error) {
	if len(w.errs) < maxErrors {
		w.errs = append(w.errs, e)
	}
}

// walk visits n with aliases expanded (expanded: n is reached through an
// alias, so its own problems were reported where it is defined). It
// returns a limit error; other problems are collected.
func (w *walker) walk(n *yaml.Node, path string, depth int, expanded bool) *Error {
	r := w.r
	w.count++
	if r.Limits.MaxNodes > 0 && w.count > r.Limits.MaxNodes {
		id := "yaml.too_many_nodes_plain"
		if w.aliases > 0 {
			id = "yaml.too_many_nodes"
		}
		e := r.err(n, path, id, map[string]any{"Max": r.Limits.MaxNodes})
		e.Limit = true
		return e
	}
	if r.Limits.MaxDepth > 0 && depth > r.Limits.MaxDepth {
		e := r.err(n, path, "yaml.too_deep", map[string]any{"Max": r.Limits.MaxDepth})
		e.Limit = true
		return e
	}
	if n.Kind == yaml.AliasNode {
		w.aliases++
		if n.Alias == nil {
			return nil
		}
		return w.walk(n.Alias, path, depth+1, true)
	}
	if !expanded {
		if r.explicitTag(n) {
			w.add(r.err(n, path, "yaml.explicit_tag", map[string]any{"Tag": tagName(n)}))
		}
		if n.Kind == yaml.ScalarNode {
			if !utf8.ValidString(n.Value) {
				w.add(r.err(n, path, "yaml.bad_utf8", map[string]any{"Byte": "?"}))
			} else if i := strings.IndexFunc(n.Value, PrivateUse); i >= 0 {
				c, _ := utf8.DecodeRuneInString(n.Value[i:])
				w.add(r.err(n, path, "yaml.private_use", map[string]any{"Rune": fmt.Sprintf("U+%04X", c)}))
			}
		}
	}
	switch n.Kind {
	case yaml.MappingNode:
		var seen map[string]*yaml.Node
		if !expanded {
			seen = map[string]*yaml.Node{}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			rk := resolve(k)
			p := join(path, rk.Value)
			if !expanded {
				if rk.Kind != yaml.ScalarNode {
					w.add(r.err(k, path, "yaml.complex_key", nil))
					p = path
				} else if prev, ok := seen[rk.Value]; ok {
					w.add(r.err(k, p, "yaml.duplicate_key", map[string]any{"Key": rk.Value, "Line": prev.Line}))
				} else {
					seen[rk.Value] = k
				}
			}
			if e := w.walk(k, p, depth+1, expanded); e != nil {
				return e
			}
			if e := w.walk(v, p, depth+1, expanded); e != nil {
				return e
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			if e := w.walk(c, fmt.Sprintf("%s[%d]", path, i), depth+1, expanded); e != nil {
				return e
			}
		}
	}
	return nil
}

func tagName(n *yaml.Node) string {
	if n.Style&yaml.TaggedStyle != 0 && n.Tag != "" {
		return n.Tag
	}
	return "!"
}

// resolve follows aliases to the node they stand for.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
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
