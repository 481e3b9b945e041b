package diff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"

	"github.com/dpa-no/dpa/internal/i18n"
)

// The words of condition explanations are UI messages (locales/*.yaml):
// diff.cond.* phrases with %s/%d verbs filled in here, and readable names
// of condition variables and values: cond.field.* (a value), cond.bool.*
// (a statement) and cond.value.*.

func phrase(lang, key string, a ...any) string {
	return fmt.Sprintf(i18n.For(langOr(lang)).T("diff.cond."+key), a...)
}

// word returns the message prefix+name in lang, if there is one.
func word(prefix, name, lang string) (string, bool) {
	lz := i18n.For(langOr(lang))
	if id := prefix + name; lz.Has(id) {
		return lz.T(id), true
	}
	return "", false
}

func fieldName(name, lang string) string {
	if s, ok := word("cond.field.", name, lang); ok {
		return s
	}
	return "`" + name + "`"
}

func valueName(v, lang string) string {
	if s, ok := word("cond.value.", v, lang); ok {
		return s
	}
	return `"` + v + `"`
}

func join(vs []string, lang string) string {
	switch len(vs) {
	case 0:
		return ""
	case 1:
		return vs[0]
	}
	return strings.Join(vs[:len(vs)-1], ", ") + " " + phrase(lang, "or") + " " + vs[len(vs)-1]
}

// term is one part of a condition.
type term struct {
	src    string
	node   ast.Node
	field  string   // for a set constraint: the variable
	values []string // its values
	neg    bool     // field not in values
}

func varName(n ast.Node) string {
	switch v := n.(type) {
	case *ast.IdentifierNode:
		return v.Value
	case *ast.MemberNode:
		if p, ok := v.Property.(*ast.StringNode); ok && !v.Method {
			if base := varName(v.Node); base != "" {
				return base + "." + p.Value
			}
		}
	}
	return ""
}

func mkTerm(n ast.Node) term {
	t := term{src: n.String(), node: n}
	b, ok := n.(*ast.BinaryNode)
	if !ok {
		return t
	}
	name := varName(b.Left)
	if name == "" {
		return t
	}
	switch b.Operator {
	case "==", "!=":
		if s, ok := b.Right.(*ast.StringNode); ok {
			t.field, t.values, t.neg = name, []string{s.Value}, b.Operator == "!="
		}
	case "in", "not in":
		if arr, ok := b.Right.(*ast.ArrayNode); ok {
			var vs []string
			for _, e := range arr.Nodes {
				s, ok := e.(*ast.StringNode)
				if !ok {
					return t
				}
				vs = append(vs, s.Value)
			}
			t.field, t.values, t.neg = name, vs, b.Operator == "not in"
		}
	}
	return t
}

// split cuts n at the top-level operator op ("&&" or "||").
func split(n ast.Node, op string) []ast.Node {
	if b, ok := n.(*ast.BinaryNode); ok && (b.Operator == op || (op == "&&" && b.Operator == "and") || (op == "||" && b.Operator == "or")) {
		return append(split(b.Left, op), split(b.Right, op)...)
	}
	return []ast.Node{n}
}

// describe says in words when term n holds.
func describe(n ast.Node, lang string) string {
	t := mkTerm(n)
	if t.field != "" {
		var vs []string
		for _, v := range t.values {
			vs = append(vs, valueName(v, lang))
		}
		if t.neg {
			return phrase(lang, "isnot", fieldName(t.field, lang), join(vs, lang))
		}
		return phrase(lang, "is", fieldName(t.field, lang), join(vs, lang))
	}
	if name := varName(n); name != "" {
		if s, ok := word("cond.bool.", name, lang); ok {
			return s
		}
		return "`" + name + "`"
	}
	switch v := n.(type) {
	case *ast.UnaryNode:
		if v.Operator == "!" || v.Operator == "not" {
			return phrase(lang, "not", describe(v.Node, lang))
		}
	case *ast.BinaryNode:
		switch v.Operator {
		case "in":
			if s, ok := v.Left.(*ast.StringNode); ok {
				if name := varName(v.Right); name != "" {
					return phrase(lang, "includes", fieldName(name, lang), valueName(s.Value, lang))
				}
			}
		case ">", ">=", "<", "<=":
			if name := varName(v.Left); name != "" {
				if i, ok := v.Right.(*ast.IntegerNode); ok {
					k := map[string]string{">": "gt", ">=": "ge", "<": "lt", "<=": "le"}[v.Operator]
					return phrase(lang, "cmp", fieldName(name, lang), phrase(lang, k), fmt.Sprint(i.Value))
				}
			}
		case "&&", "and", "||", "or":
			parts := split(v, v.Operator)
			var ds []string
			for _, p := range parts {
				ds = append(ds, describe(p, lang))
			}
			sep := " " + phrase(lang, "or") + " "
			if v.Operator == "&&" || v.Operator == "and" {
				sep = " " + i18n.For(langOr(lang)).T("doc.and") + " "
			}
			return strings.Join(ds, sep)
		}
	}
	return "`" + n.String() + "`"
}

func langOr(lang string) string {
	if lang == "en" {
		return "en"
	}
	return "nb"
}

// ExplainCondition says in words how a clause condition changed, in lang
// (nb or en). Common patterns are explained (a value added to or removed
// from an "==" / "in" test, a requirement added to or dropped from an
// "&&", an alternative added to or dropped from an "||", a clause that
// now always applies); anything else falls back to "condition changed
// from X to Y".
func ExplainCondition(oldSrc, newSrc, lang string) []string {
	lang = langOr(lang)
	if strings.TrimSpace(oldSrc) == strings.TrimSpace(newSrc) {
		return nil
	}
	fallback := []string{phrase(lang, "fallback", "`"+oldSrc+"`", "`"+newSrc+"`")}
	ot, err1 := parser.Parse(oldSrc)
	nt, err2 := parser.Parse(newSrc)
	if err1 != nil || err2 != nil {
		return fallback
	}
	on, nn := ot.Node, nt.Node
	isTrue := func(n ast.Node) bool { b, ok := n.(*ast.BoolNode); return ok && b.Value }
	switch {
	case isTrue(on) && isTrue(nn):
		return nil
	case isTrue(nn):
		return []string{phrase(lang, "always", describe(on, lang))}
	case isTrue(on):
		return []string{phrase(lang, "nowonly", describe(nn, lang))}
	}
	op := "&&"
	if len(split(on, "&&")) == 1 && len(split(nn, "&&")) == 1 && (len(split(on, "||")) > 1 || len(split(nn, "||")) > 1) {
		op = "||"
	}
	olds, news := terms(split(on, op)), terms(split(nn, op))
	var out []string
	usedOld := map[int]bool{}
	usedNew := map[int]bool{}
	// same terms
	for i, o := range olds {
		for j, n := range news {
			if !usedNew[j] && o.src == n.src {
				usedOld[i], usedNew[j] = true, true
				break
			}
		}
	}
	// set constraints on the same variable: values added or removed
	for i, o := range olds {
		if usedOld[i] || o.field == "" {
			continue
		}
		for j, n := range news {
			if usedNew[j] || n.field != o.field || n.neg != o.neg {
				continue
			}
			usedOld[i], usedNew[j] = true, true
			add, del := setDiff(o.values, n.values)
			more, fewer := "also", "nolonger"
			if o.neg { // "not in": adding a value narrows
				more, fewer = "nolonger", "also"
			}
			if op == "&&" || op == "||" {
				if len(add) > 0 {
					out = append(out, phrase(lang, more, phrase(lang, "is", fieldName(o.field, lang), join(names(add, lang), lang))))
				}
				if len(del) > 0 {
					out = append(out, phrase(lang, fewer, phrase(lang, "is", fieldName(o.field, lang), join(names(del, lang), lang))))
				}
			}
			break
		}
	}
	for j, n := range news {
		if usedNew[j] {
			continue
		}
		if op == "&&" {
			out = append(out, phrase(lang, "onlyalso", describe(n.node, lang)))
		} else {
			out = append(out, phrase(lang, "also", describe(n.node, lang)))
		}
	}
	for i, o := range olds {
		if usedOld[i] {
			continue
		}
		if op == "&&" {
			out = append(out, phrase(lang, "dropped", describe(o.node, lang)))
		} else {
			out = append(out, phrase(lang, "nolonger", describe(o.node, lang)))
		}
	}
	if len(out) == 0 {
		return fallback
	}
	return out
}

func terms(ns []ast.Node) []term {
	var out []term
	for _, n := range ns {
		out = append(out, mkTerm(n))
	}
	return out
}

func names(vs []string, lang string) []string {
	var out []string
	for _, v := range vs {
		out = append(out, valueName(v, lang))
	}
	return out
}

// setDiff returns the values in b and not in a, and in a and not in b, sorted.
func setDiff(a, b []string) (add, del []string) {
	in := func(x string, s []string) bool {
		for _, y := range s {
			if x == y {
				return true
			}
		}
		return false
	}
	for _, x := range b {
		if !in(x, a) {
			add = append(add, x)
		}
	}
	for _, x := range a {
		if !in(x, b) {
			del = append(del, x)
		}
	}
	sort.Strings(add)
	sort.Strings(del)
	return add, del
}

// DescribeCondition says in words when a clause with condition src
// applies, in lang ("" for a clause that applies in every agreement; the
// expression itself in backquotes when it cannot be parsed).
func DescribeCondition(src, lang string) string {
	lang = langOr(lang)
	t, err := parser.Parse(src)
	if err != nil {
		return "`" + src + "`"
	}
	if b, ok := t.Node.(*ast.BoolNode); ok && b.Value {
		return ""
	}
	return describe(t.Node, lang)
}
