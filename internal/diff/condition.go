package diff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
)

// phrases of condition explanations, by language.
var phrases = map[string]map[string]string{
	"en": {
		"also":      "now also applies when %s",
		"nolonger":  "no longer applies when %s",
		"onlyalso":  "now applies only when also %s",
		"dropped":   "no longer requires that %s",
		"always":    "now applies in every agreement (before: only when %s)",
		"nowonly":   "now applies only when %s (before: in every agreement)",
		"fallback":  "condition changed from %s to %s",
		"is":        "%s is %s",
		"isnot":     "%s is not %s",
		"not":       "it is not the case that %s",
		"includes":  "%s include %s",
		"or":        "or",
		"cmp":       "%s %s %s",
		"covadd":    "now also covers requirement %s",
		"covdel":    "no longer covers requirement %s",
		"moved":     "moved from section %s to %s",
		"sources":   "sources changed",
		"cond":      "the condition",
		"gt":        "is more than",
		"ge":        "is at least",
		"lt":        "is less than",
		"le":        "is at most",
		"renumref":  "only references to renumbered clauses changed",
		"samebody":  "same text",
		"notbumped": "text, condition or covers changed but the version was not bumped (still %d): bump it to %d and add a changelog entry",
		"lowered":   "the version went down from %d to %d",
		"onlybump":  "version bumped from %d to %d but the text, condition and covers are unchanged",
	},
	"nb": {
		"also":      "gjelder nå også når %s",
		"nolonger":  "gjelder ikke lenger når %s",
		"onlyalso":  "gjelder nå bare når i tillegg %s",
		"dropped":   "krever ikke lenger at %s",
		"always":    "gjelder nå i alle avtaler (før: bare når %s)",
		"nowonly":   "gjelder nå bare når %s (før: i alle avtaler)",
		"fallback":  "vilkåret er endret fra %s til %s",
		"is":        "%s er %s",
		"isnot":     "%s ikke er %s",
		"not":       "det ikke er slik at %s",
		"includes":  "%s omfatter %s",
		"or":        "eller",
		"cmp":       "%s %s %s",
		"covadd":    "dekker nå også kravet %s",
		"covdel":    "dekker ikke lenger kravet %s",
		"moved":     "flyttet fra del %s til %s",
		"sources":   "kildene er endret",
		"cond":      "vilkåret",
		"gt":        "er mer enn",
		"ge":        "er minst",
		"lt":        "er mindre enn",
		"le":        "er høyst",
		"renumref":  "bare henvisninger til omnummererte klausuler er endret",
		"samebody":  "samme tekst",
		"notbumped": "tekst, vilkår eller dekning er endret, men versjonen er ikke økt (fortsatt %d): øk den til %d og legg til en endringslogg",
		"lowered":   "versjonen har gått ned fra %d til %d",
		"onlybump":  "versjonen er økt fra %d til %d, men tekst, vilkår og dekning er uendret",
	},
}

func phrase(lang, key string, a ...interface{}) string {
	p, ok := phrases[lang]
	if !ok {
		p = phrases["nb"]
	}
	return fmt.Sprintf(p[key], a...)
}

// fieldNames are readable names of condition variables.
var fieldNames = map[string][2]string{ // nb, en
	"service.model":                    {"tjenestemodellen", "the service model"},
	"service.deployment":               {"leveransemodellen", "the deployment model"},
	"risk_level":                       {"risikonivået", "the risk level"},
	"risk.level":                       {"det oppgitte risikonivået", "the stated risk level"},
	"language":                         {"språket", "the language"},
	"status":                           {"statusen", "the status"},
	"processing.volume":                {"omfanget av behandlingen", "the volume of processing"},
	"transfer_bases":                   {"overføringsgrunnlagene", "the transfer bases"},
	"processing.special_categories":    {"de særlige kategoriene", "the special categories"},
	"security.keys_held_by":            {"den som har nøklene", "the key holder"},
	"terms.audit_frequency":            {"revisjonshyppigheten", "the audit frequency"},
	"terms.subprocessor_authorisation": {"godkjenningen av underdatabehandlere", "the sub-processor authorisation"},
	"subprocessor_count":               {"antall underdatabehandlere", "the number of sub-processors"},
}

var boolNames = map[string][2]string{
	"health":                      {"behandlingen omfatter helseopplysninger", "the processing includes health data"},
	"special_categories":          {"behandlingen omfatter særlige kategorier av personopplysninger", "the processing includes special categories of personal data"},
	"third_country_transfer":      {"personopplysninger overføres til et tredjeland", "personal data is transferred to a third country"},
	"third_country_affiliated":    {"en part har tilknytning til et tredjeland", "a party is affiliated with a third country"},
	"third_country_access":        {"det gis tilgang fra et tredjeland", "there is access from a third country"},
	"has_subprocessors":           {"det brukes underdatabehandlere", "sub-processors are used"},
	"has_main_agreement":          {"det er en hovedavtale", "there is a main agreement"},
	"scc_or_bcr":                  {"en part bruker standardkontraktbestemmelser eller BCR", "a party relies on standard contractual clauses or BCR"},
	"draft":                       {"avtalen er et utkast", "the agreement is a draft"},
	"risk.patient_record":         {"tjenesten er en pasientjournal", "the service is a patient record"},
	"risk.remote_monitoring":      {"tjenesten brukes til fjernoppfølging", "the service is used for remote monitoring"},
	"risk.national_function":      {"tjenesten har en nasjonal funksjon", "the service has a national function"},
	"risk.migration":              {"det skal migreres data", "data is migrated"},
	"security.encryption_at_rest": {"data er kryptert ved lagring", "data is encrypted at rest"},
	"security.mfa":                {"det brukes flerfaktorautentisering", "multi-factor authentication is used"},
	"security.iso27001":           {"databehandler er ISO 27001-sertifisert", "the processor is ISO 27001 certified"},
}

var valueNames = map[string][2]string{
	"saas": {"SaaS", "SaaS"}, "paas": {"PaaS", "PaaS"}, "iaas": {"IaaS", "IaaS"},
	"private": {"privat sky", "private cloud"}, "community": {"fellesskapssky", "community cloud"},
	"public": {"offentlig sky", "public cloud"}, "hybrid": {"hybrid sky", "hybrid cloud"},
	"low": {"lav", "low"}, "medium": {"middels", "medium"}, "high": {"høy", "high"},
	"scc": {"standardkontraktbestemmelser", "standard contractual clauses"}, "bcr": {"BCR", "BCR"},
	"adequacy": {"beslutning om tilstrekkelig beskyttelsesnivå", "an adequacy decision"},
	"health":   {"helseopplysninger", "health data"},
}

func pick(m map[string][2]string, k, lang string) (string, bool) {
	v, ok := m[k]
	if !ok {
		return "", false
	}
	if lang == "en" {
		return v[1], true
	}
	return v[0], true
}

func fieldName(name, lang string) string {
	if s, ok := pick(fieldNames, name, lang); ok {
		return s
	}
	return "`" + name + "`"
}

func valueName(v, lang string) string {
	if s, ok := pick(valueNames, v, lang); ok {
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
		if s, ok := pick(boolNames, name, lang); ok {
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
				sep = map[string]string{"en": " and ", "nb": " og "}[langOr(lang)]
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
