package answers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/yamlx"
	"github.com/dpa-no/dpa/templates"
)

var (
	schemaOnce sync.Once
	schemaC    *jsonschema.Schema
	schemaErr  error
)

// compiledSchema is `dpa schema`, compiled by an independent validator
// (santhosh-tekuri/jsonschema) with format assertions on.
func compiledSchema(t testing.TB) *jsonschema.Schema {
	schemaOnce.Do(func() {
		b, err := Schema()
		if err != nil {
			schemaErr = err
			return
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			schemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		if err := c.AddResource(SchemaID, doc); err != nil {
			schemaErr = err
			return
		}
		schemaC, schemaErr = c.Compile(SchemaID)
	})
	if schemaErr != nil {
		t.Fatal(schemaErr)
	}
	return schemaC
}

// jsonView is the test's own reading of a YAML file as the JSON value an
// editor validates against the schema (YAML 1.2 core schema, numbers only
// in JSON syntax). It is independent of the loader. notJSON names what
// has no JSON counterpart and the loader must refuse outright: a syntax
// error, a second document, an explicit tag, a duplicate or non-text key,
// a number written in a form JSON does not have (010, 0x1F, +5, .inf), bad
// bytes.
func jsonView(data []byte) (v any, notJSON string) {
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil, "bytes"
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, ""
		}
		return nil, "syntax"
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, "second document"
	}
	if len(doc.Content) == 0 {
		return nil, ""
	}
	lines := strings.Split(string(data), "\n")
	var conv func(n *yaml.Node, depth int) (any, string)
	conv = func(n *yaml.Node, depth int) (any, string) {
		if depth > 200 {
			return nil, "depth"
		}
		if n.Kind == yaml.AliasNode {
			return conv(n.Alias, depth+1)
		}
		if n.Style&yaml.TaggedStyle != 0 || bangAt(lines, n) {
			return nil, "tag"
		}
		switch n.Kind {
		case yaml.MappingNode:
			m := map[string]any{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				for k.Kind == yaml.AliasNode {
					k = k.Alias
				}
				if k.Kind != yaml.ScalarNode {
					return nil, "complex key"
				}
				if _, bad := conv(n.Content[i], depth+1); bad != "" {
					return nil, bad
				}
				if _, dup := m[k.Value]; dup {
					return nil, "duplicate key"
				}
				val, bad := conv(n.Content[i+1], depth+1)
				if bad != "" {
					return nil, bad
				}
				m[k.Value] = val
			}
			return m, ""
		case yaml.SequenceNode:
			a := []any{}
			for _, c := range n.Content {
				val, bad := conv(c, depth+1)
				if bad != "" {
					return nil, bad
				}
				a = append(a, val)
			}
			return a, ""
		}
		if !utf8.ValidString(n.Value) {
			return nil, "bytes"
		}
		switch n.Tag {
		case "!!null":
			return nil, ""
		case "!!bool":
			return strings.ToLower(n.Value) == "true", ""
		case "!!str", "!!timestamp":
			return n.Value, ""
		case "!!int", "!!float":
			if jsonNum.MatchString(n.Value) {
				return json.Number(n.Value), ""
			}
			return nil, "number form"
		}
		return nil, "tag " + n.Tag
	}
	return conv(doc.Content[0], 0)
}

var jsonNum = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

// bangAt reports a tag written before the node ("! 12" is not marked by
// yaml.v3).
func bangAt(lines []string, n *yaml.Node) bool {
	if n.Line < 1 || n.Line > len(lines) || (n.Kind != yaml.ScalarNode && n.Style&yaml.FlowStyle == 0) {
		return false
	}
	rs := []rune(lines[n.Line-1])
	if n.Column-1 > len(rs) {
		return false
	}
	rest := strings.TrimLeft(string(rs[n.Column-1:]), " ")
	if strings.HasPrefix(rest, "&") {
		if i := strings.IndexAny(rest, " \t"); i >= 0 {
			rest = strings.TrimLeft(rest[i:], " \t")
		} else {
			return false
		}
	}
	return strings.HasPrefix(rest, "!")
}

// verdict compares the loader and the schema on one file. It returns "" when
// they agree, or a description of the disagreement, and whether the loader
// accepted the file.
func verdict(t testing.TB, data []byte) (string, bool) {
	d, lerr := verdictErr(t, data)
	return d, lerr == nil
}

func verdictErr(t testing.TB, data []byte) (string, error) {
	ui := i18n.For("en")
	_, lerr := Load("m.yaml", data, ui)
	if lerr != nil && yamlx.IsLimit(lerr) {
		return "", lerr // size and alias limits are the loader's alone
	}
	v, notJSON := jsonView(data)
	schemaOK := false
	var serr error
	if notJSON == "" {
		serr = compiledSchema(t).Validate(v)
		schemaOK = serr == nil
	}
	if lerr != nil && schemaOK && onlyDuplicateTranslations(lerr) {
		// a text in two pairs of translations is refused by the loader;
		// JSON Schema cannot say that one property is unique across the
		// items of a list (uniqueItems compares whole items), so the
		// schema's description states the rule instead
		return "", lerr
	}
	switch {
	case lerr == nil && !schemaOK && notJSON != "":
		return "loader accepts what has no JSON form (" + notJSON + ")", lerr
	case lerr == nil && !schemaOK:
		return fmt.Sprintf("loader accepts, schema rejects: %v", serr), lerr
	case lerr != nil && schemaOK:
		return fmt.Sprintf("schema accepts, loader rejects: %v", lerr), lerr
	}
	return "", lerr
}

// onlyDuplicateTranslations reports whether every error is the loader's
// rule that a text may be in one pair of translations only.
func onlyDuplicateTranslations(err error) bool {
	var es yamlx.Errors
	if !errors.As(err, &es) || len(es) == 0 {
		return false
	}
	for _, e := range es {
		if !strings.HasPrefix(e.Path, "translations[") || !strings.Contains(e.Msg, "is already in translations[") {
			return false
		}
	}
	return true
}

// bases are valid answers files the mutations start from.
func bases(t testing.TB) map[string][]byte {
	nb, err := templates.FS.ReadFile("init.nb.yaml")
	if err != nil {
		t.Fatal(err)
	}
	en, err := templates.FS.ReadFile("init.en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{"journal-saas.yaml": examples.Journal, "init.nb.yaml": nb, "init.en.yaml": en, "full.yaml": []byte(fullAnswers)}
}

// fullAnswers sets every field of the format, so that every rule is mutated.
const fullAnswers = `format: 1
status: final
language: en
agreement: {reference: "2026/1", main_agreement: SSA-L 2018, date: 2026-11-22, place: Oslo}
controller:
  name: Helse Vestby HF
  org_number: "310 000 019"
  address: Postboks 1
  contact: {name: Kari, email: k@example.no, phone: "+47 22 00 00 00"}
  signatory: {name: Ola, title: Director}
processor:
  name: Sky AS
  org_number: "310 000 027"
  foreign_id: ""
  country: "NO"
  parent_country: US
  address: Veien 1
  contact: {name: Per, email: p@example.com, phone: "+47 23"}
  signatory: {name: Siri, title: CEO}
  transfer_basis: scc
  dpf_certified: false
  tia_done: true
service: {name: Journal, description: EPR, model: saas, deployment: public}
processing:
  purposes: [care]
  activities: [storage]
  data_subjects: [patients]
  data_categories: [health records]
  special_categories: [health, genetic]
  duration: as long as the main agreement
  volume: large
risk: {patient_record: true, remote_monitoring: false, national_function: false, migration: true, level: high}
locations:
  - {purpose: primary storage, country: IE, address: Dublin, operator: Cloud Ltd}
access_countries: ["NO", SE]
subprocessors:
  - name: Cloud Ltd
    country: IE
    parent_country: US
    service: IaaS
    locations: [IE, NL]
    access_countries: [IE, US]
    transfer_basis: scc
    dpf_certified: false
    tia_done: true
terms:
  breach_notice_hours: 24
  audit_frequency: yearly
  subprocessor_authorisation: general
  subprocessor_notice_days: 30
  return_format: FHIR R4
  return_within_days: 30
  deletion_within_days: 30
  restore_time_hours: 24
security: {encryption_at_rest: true, mfa: true, keys_held_by: controller, iso27001: true}
`

// TestTemplatesAndExampleValidate: the init templates (nb and en) and the
// embedded example are accepted by the loader and by the JSON Schema.
func TestTemplatesAndExampleValidate(t *testing.T) {
	for name, data := range bases(t) {
		if _, err := Load(name, data, i18n.For("en")); err != nil {
			t.Errorf("%s: loader: %v", name, err)
		}
		v, notJSON := jsonView(data)
		if notJSON != "" {
			t.Errorf("%s: %s", name, notJSON)
			continue
		}
		if err := compiledSchema(t).Validate(v); err != nil {
			t.Errorf("%s: schema: %v", name, err)
		}
	}
}

func scalar(tag, value string, style yaml.Style) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value, Style: style}
}

// plain is a scalar written without quotes, typed as YAML reads it.
func plain(value string) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("v: "+value), &doc); err != nil || len(doc.Content) == 0 {
		return scalar("!!str", value, yaml.DoubleQuotedStyle)
	}
	n := doc.Content[0].Content[1]
	n.Line, n.Column = 0, 0
	return n
}

// scalarValues are the values each scalar is replaced by, plain and quoted:
// wrong enum values and their case variants, Norwegian words for them,
// country codes right and wrong, dates valid and not, integers in and out of
// range and in forms JSON does not have, booleans in YAML 1.1 spelling,
// nulls, private-use and combining characters.
var scalarValues = []string{
	"", "health", "Health", "HEALTH", "helse", "fagforening", "union", "saas", "SaaS", "moon", "final", "Draft", "nb", "NB", "no",
	"public", "Public", "scc", "SCC", "yearly", "general", "controller", "large", "high", "low", "",
	"NO", "N0", "NOR", "US", "us", " US", "2026-11-22", "2026-13-45", "2024-02-29", "2027-02-29", "22.11.2026", "2026-11-22T10:00:00Z",
	"0", "-1", "1", "2", "24", "72", "73", "100", "-0", "010", "00", "0x1F", "0o17", "+5", "1_000", "30.0", "30.5", "3e1", "1e400", ".5",
	"99999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
	"true", "True", "FALSE", "yes", "on", "null", "~", ".inf", ".nan",
	"a\uE001b", "\uE000", "\uF8FF", "A\u030Asen", "Åsen", "\u212AE",
}

type mutant struct {
	name string
	data []byte
}

func clone(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, x := range n.Content {
		c.Content[i] = clone(x)
	}
	return &c
}

// nodes lists the nodes of a tree in order, with their parents.
func nodes(root *yaml.Node) (all []*yaml.Node, parent map[*yaml.Node]*yaml.Node) {
	parent = map[*yaml.Node]*yaml.Node{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		all = append(all, n)
		for _, c := range n.Content {
			parent[c] = n
			walk(c)
		}
	}
	walk(root)
	return all, parent
}

// mutants generates the corpus: every value node of every base replaced by
// each of the values above (plain and quoted), by explicit tags, by other
// kinds, by an alias to another value, deleted, duplicated, renamed, and
// lists with empty and invalid items. rng picks a sample of the same
// mutations for each node.
func mutants(t testing.TB, perNode int, rng *rand.Rand) []mutant {
	var out []mutant
	for bname, data := range bases(t) {
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		root := doc.Content[0]
		all, _ := nodes(root)
		type mut struct {
			name string
			f    func(n *yaml.Node, parent *yaml.Node, root *yaml.Node, pick func() *yaml.Node)
		}
		var muts []mut
		set := func(name string, r *yaml.Node) {
			muts = append(muts, mut{name, func(n, parent, root *yaml.Node, pick func() *yaml.Node) {
				*n = *clone(r)
			}})
		}
		for _, v := range scalarValues {
			set("plain "+v, plain(v))
			set("quoted "+v, scalar("!!str", v, yaml.DoubleQuotedStyle))
		}
		for _, tg := range []struct{ tag, value string }{{"!!bool", "yes"}, {"!!str", "x"}, {"!!int", "3"}, {"!!binary", "aGVsbG8="}, {"!custom", "x"}, {"!!timestamp", "2026-11-22"}, {"!!null", ""}, {"!!float", "1"}} {
			set("tag "+tg.tag, scalar(tg.tag, tg.value, yaml.TaggedStyle))
		}
		set("empty list", &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle})
		set("list of x", &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Content: []*yaml.Node{plain("x")}})
		set("list of null", &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Content: []*yaml.Node{plain("~")}})
		set("empty map", &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle})
		set("map", &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle, Content: []*yaml.Node{plain("name"), plain("x")}})
		muts = append(muts,
			mut{"alias to another node", func(n, parent, root *yaml.Node, pick func() *yaml.Node) {
				target := pick()
				if target == n || target == root || isAncestor(target, n) {
					return
				}
				if target.Anchor == "" {
					target.Anchor = fmt.Sprintf("a%d", rng.Intn(1000))
				}
				*n = yaml.Node{Kind: yaml.AliasNode, Alias: target, Value: target.Anchor}
			}},
			mut{"delete", func(n, parent, root *yaml.Node, pick func() *yaml.Node) {
				if parent == nil {
					return
				}
				for i, c := range parent.Content {
					if c != n {
						continue
					}
					switch {
					case parent.Kind == yaml.MappingNode && i%2 == 1:
						parent.Content = append(parent.Content[:i-1], parent.Content[i+1:]...)
					case parent.Kind == yaml.SequenceNode:
						parent.Content = append(parent.Content[:i], parent.Content[i+1:]...)
					}
					return
				}
			}},
			mut{"duplicate", func(n, parent, root *yaml.Node, pick func() *yaml.Node) {
				if parent == nil {
					return
				}
				for i, c := range parent.Content {
					if c != n {
						continue
					}
					switch {
					case parent.Kind == yaml.MappingNode && i%2 == 1:
						parent.Content = append(parent.Content, clone(parent.Content[i-1]), clone(n))
					case parent.Kind == yaml.SequenceNode:
						parent.Content = append(parent.Content, clone(n))
					}
					return
				}
			}},
			mut{"rename key", func(n, parent, root *yaml.Node, pick func() *yaml.Node) {
				if parent == nil || parent.Kind != yaml.MappingNode {
					return
				}
				for i, c := range parent.Content {
					if c == n && i%2 == 1 {
						k := parent.Content[i-1]
						k.Value = k.Value + "s"
					}
				}
			}},
			mut{"append items", func(n, parent, root *yaml.Node, pick func() *yaml.Node) {
				if n.Kind == yaml.SequenceNode {
					n.Content = append(n.Content, plain(scalarValues[rng.Intn(len(scalarValues))]))
				}
			}},
		)
		for ni := range all {
			for k := 0; k < perNode; k++ {
				m := muts[rng.Intn(len(muts))]
				r2 := clone(root)
				all2, parent2 := nodes(r2)
				n := all2[ni]
				pick := func() *yaml.Node { return all2[rng.Intn(len(all2))] }
				m.f(n, parent2[n], r2, pick)
				b, err := yaml.Marshal(r2)
				if err != nil {
					continue
				}
				out = append(out, mutant{fmt.Sprintf("%s node %d: %s", bname, ni, m.name), b})
			}
		}
	}
	return out
}

func isAncestor(a, n *yaml.Node) bool {
	for _, c := range a.Content {
		if c == n || isAncestor(c, n) {
			return true
		}
	}
	return false
}

// TestLoaderAndSchemaAgree: on a corpus of mutated answers files, the loader
// and the JSON Schema (checked by an independent validator) accept and
// reject exactly the same files; what has no JSON form is refused by the
// loader. The corpus must contain both accepted and rejected files of each
// kind of mutation, or it proves nothing.
func TestLoaderAndSchemaAgree(t *testing.T) {
	per := 3
	if testing.Short() {
		per = 1
	}
	rng := rand.New(rand.NewSource(13))
	ms := mutants(t, per, rng)
	accepted, rejected, bad := 0, 0, 0
	for _, m := range ms {
		d, ok := verdict(t, m.data)
		switch {
		case d != "":
			bad++
			if bad <= 10 {
				t.Errorf("%s: %s\n%s", m.name, d, m.data)
			}
		case ok:
			accepted++
		default:
			rejected++
		}
	}
	t.Logf("%d mutants: %d accepted by both, %d rejected by both, %d disagreements", len(ms), accepted, rejected, bad)
	if accepted < len(ms)/10 || rejected < len(ms)/10 {
		t.Errorf("corpus is lopsided: %d accepted, %d rejected", accepted, rejected)
	}
}

// FuzzLoaderSchema compares the loader and the JSON Schema on any input.
func FuzzLoaderSchema(f *testing.F) {
	for _, b := range bases(f) {
		f.Add(b)
	}
	for _, s := range []string{
		"format: 1\nservice: {model: *m}\nx: &m moon\n",
		"format: 1\nterms: {deletion_within_days: 010}\n",
		"format: 1\nterms: {deletion_within_days: 30.0}\n",
		"format: 1\nprocessing: {special_categories: [helse, Health]}\n",
		"format: 1\nrisk: {migration: !!bool yes}\n",
		"format: 1\n---\nformat: 1\n",
		"format: 1\nprocessor: {parent_country: ''}\n",
		"format: 1\nagreement: {date: 2026-02-29}\n",
		"format: 1\ncontroller: {name: \"a\\ue001b\"}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if d, _ := verdict(t, data); d != "" {
			t.Fatalf("%s\n%q", d, data)
		}
	})
}

// TestEveryTagIsEnforced: every validation keyword in the tags of the
// answers types is one the loader enforces (yamlx.Rules), so a field added
// with a keyword the loader does not know fails here instead of being
// checked only by the schema.
func TestEveryTagIsEnforced(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(tp reflect.Type)
	walk = func(tp reflect.Type) {
		for tp.Kind() == reflect.Ptr || tp.Kind() == reflect.Slice {
			tp = tp.Elem()
		}
		if tp.Kind() != reflect.Struct || seen[tp] {
			return
		}
		seen[tp] = true
		for i := 0; i < tp.NumField(); i++ {
			if _, err := yamlx.RulesOf(tp, i); err != nil {
				t.Error(err)
			}
			walk(tp.Field(i).Type)
		}
	}
	walk(reflect.TypeOf(Answers{}))
	if len(seen) < 10 {
		t.Fatalf("walked only %d types", len(seen))
	}
	type bad struct {
		N int `yaml:"n" jsonschema:"multipleOf=5"`
	}
	if _, err := yamlx.RulesOf(reflect.TypeOf(bad{}), 0); err == nil {
		t.Error("an unknown keyword is not reported")
	}
}
