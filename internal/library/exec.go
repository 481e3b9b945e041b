package library

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"sync/atomic"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/dpa-no/dpa/internal/i18n"
)

// Limits of one clause body's execution. A clause library given with
// --library is input like an answers file: a body that loops over too much
// or builds gigabytes must fail with a clear error, not exhaust the
// machine. The largest valid answers file (about 14,000 subprocessors)
// makes the longest embedded clause a few megabytes in well under a second.
var (
	MaxClauseOutput int64 = 32 << 20
	MaxClauseTime         = 10 * time.Second
)

// LimitError means a clause body hit MaxClauseOutput or MaxClauseTime.
type LimitError struct {
	ID, Lang string
	Time     bool // the time limit, else the output limit
	msg      string
}

func (e *LimitError) Error() string { return e.msg }

var (
	errOutputLimit = errors.New("output limit")
	errTimeLimit   = errors.New("time limit")
)

// boundedWriter counts what a template writes and stops it at the output
// limit, at the deadline, or when the caller has given up on it.
type boundedWriter struct {
	buf      bytes.Buffer
	max      int64
	deadline time.Time
	stop     atomic.Bool
}

func (w *boundedWriter) Write(p []byte) (int, error) {
	if w.stop.Load() || time.Now().After(w.deadline) {
		return 0, errTimeLimit
	}
	if int64(w.buf.Len())+int64(len(p)) > w.max {
		return 0, errOutputLimit
	}
	return w.buf.Write(p)
}

// Execute runs the body template t of clause c in lang with data and
// returns what it wrote, within MaxClauseOutput bytes and MaxClauseTime.
// The template runs in its own goroutine with its own buffer: when the time
// is up, Execute returns at once and the template stops at its next write.
func Execute(c *Clause, lang string, t *template.Template, data any, ui *i18n.Localizer) (string, error) {
	if ui == nil {
		ui = i18n.For(lang)
	}
	w := &boundedWriter{max: MaxClauseOutput, deadline: time.Now().Add(MaxClauseTime)}
	done := make(chan error, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Errorf("template panicked: %v", p)
			}
		}()
		done <- t.Execute(w, data)
	}()
	timer := time.NewTimer(MaxClauseTime)
	defer timer.Stop()
	var err error
	select {
	case err = <-done:
	case <-timer.C:
		w.stop.Store(true)
		err = errTimeLimit
	}
	switch {
	case errors.Is(err, errOutputLimit):
		return "", &LimitError{ID: c.ID, Lang: lang, msg: ui.T("library.tmpl.output_limit", map[string]any{"ID": c.ID, "Lang": lang, "Max": MaxClauseOutput})}
	case errors.Is(err, errTimeLimit):
		return "", &LimitError{ID: c.ID, Lang: lang, Time: true, msg: ui.T("library.tmpl.time_limit", map[string]any{"ID": c.ID, "Lang": lang, "Seconds": int(MaxClauseTime / time.Second)})}
	case err != nil:
		return "", err
	}
	return w.buf.String(), nil
}

// RuleError means a clause body uses a construct that could make its execution
// unbounded or quadratic. Line is the line within the body.
type RuleError struct {
	ID, Lang string
	Line     int
	Kind     string // nested_range | range_source | forbidden
	What     string
}

func (e *RuleError) Error() string { return e.Message(i18n.For("en")) }

// Message is the error in the UI language.
func (e *RuleError) Message(ui *i18n.Localizer) string {
	return ui.T("library.tmpl."+e.Kind, map[string]any{"ID": e.ID, "Lang": e.Lang, "Line": e.Line, "What": e.What})
}

var ctxLine = regexp.MustCompile(`:(\d+):\d+$`)

// checkBody enforces the rules that keep a clause body linear in the
// answers: no {{define}}, {{block}} or {{template}} (no recursion); every
// {{range}} goes over data (a field or a variable, not a number or a
// function's result); and a range inside a range goes over a field of the
// outer element (.Locations, $s.AccessCountries), never over all of a list
// again ($.Destinations), which made assembly quadratic.
func checkBody(c *Clause, lang string, t *template.Template) error {
	fail := func(n parse.Node, kind, what string) error {
		e := &RuleError{ID: c.ID, Lang: lang, Kind: kind, What: what, Line: 1}
		if t.Tree != nil {
			loc, _ := t.Tree.ErrorContext(n)
			if m := ctxLine.FindStringSubmatch(loc); m != nil {
				e.Line, _ = strconv.Atoi(m[1])
			}
		}
		return e
	}
	if len(t.Templates()) > 1 {
		for _, d := range t.Templates() {
			if d.Name() != t.Name() && d.Tree != nil && d.Tree.Root != nil {
				return fail(d.Tree.Root, "forbidden", "{{define}} / {{block}}")
			}
		}
	}
	if t.Tree == nil {
		return nil
	}
	// elem: inside a range, the names that refer to the current element
	// ("." unless a {{with}} changed dot, and the range's element variable)
	type scope struct {
		inRange bool
		dotElem bool
		elemVar string
	}
	var walk func(n parse.Node, s scope) error
	walkList := func(l *parse.ListNode, s scope) error {
		if l == nil {
			return nil
		}
		for _, n := range l.Nodes {
			if err := walk(n, s); err != nil {
				return err
			}
		}
		return nil
	}
	walk = func(n parse.Node, s scope) error {
		switch n := n.(type) {
		case *parse.TemplateNode:
			return fail(n, "forbidden", "{{template}}")
		case *parse.IfNode:
			if err := walkList(n.List, s); err != nil {
				return err
			}
			return walkList(n.ElseList, s)
		case *parse.WithNode:
			inner := s
			inner.dotElem = false
			if err := walkList(n.List, inner); err != nil {
				return err
			}
			return walkList(n.ElseList, s)
		case *parse.RangeNode:
			src, ok := rangeSource(n.Pipe)
			if !ok {
				return fail(n, "range_source", n.Pipe.String())
			}
			if s.inRange {
				relative := (src.dot && s.dotElem) || (src.variable != "" && src.variable == s.elemVar && src.variable != "$")
				if !relative {
					return fail(n, "nested_range", n.Pipe.String())
				}
			}
			inner := scope{inRange: true, dotElem: true}
			if d := n.Pipe.Decl; len(d) > 0 {
				inner.elemVar = d[len(d)-1].Ident[0] // $e of $i, $e := or $e :=
			}
			if err := walkList(n.List, inner); err != nil {
				return err
			}
			return walkList(n.ElseList, s)
		case *parse.ListNode:
			return walkList(n, s)
		}
		return nil
	}
	return walk(t.Tree.Root, scope{})
}

type rangeSrc struct {
	dot      bool   // a field of dot: .X.Y
	variable string // a field of a variable: $x.Y or $x; "$" for the root
}

// rangeSource says what a range's pipeline goes over: a field of dot or a
// variable (possibly with fields), and nothing else.
func rangeSource(p *parse.PipeNode) (rangeSrc, bool) {
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return rangeSrc{}, false
	}
	switch a := p.Cmds[0].Args[0].(type) {
	case *parse.FieldNode:
		return rangeSrc{dot: true}, true
	case *parse.DotNode:
		return rangeSrc{dot: true}, true
	case *parse.VariableNode:
		return rangeSrc{variable: a.Ident[0]}, true
	}
	return rangeSrc{}, false
}
