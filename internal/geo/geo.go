// Package geo answers the country questions of the answers format: is a code
// an ISO 3166-1 alpha-2 country, is it in the EEA, does it have an EU
// adequacy decision, and what is it called. The facts are dated data in
// countries.yaml, not code.
package geo

import (
	"bytes"
	_ "embed"
	"encoding/hex"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/dpa-no/dpa/internal/golit"
)

//go:embed countries.yaml
var countriesYAML []byte

// Adequacy is one EU adequacy decision.
type Adequacy struct {
	Code     string `yaml:"code"`
	Decision string `yaml:"decision"` // the number as the Official Journal writes it: "2000/518/EC", "(EU) 2019/419"
	Kind     string `yaml:"kind"`     // "decision" (Commission Decision) or "implementing" (Commission Implementing Decision)
	Date     string `yaml:"date"`     // the date of the decision, YYYY-MM-DD
	Amended  string `yaml:"amended"`  // the amending decision the agreement names, if any
	Renewed  string `yaml:"renewed"`  // the date the Commission renewed a time-limited decision
	Until    string `yaml:"until"`    // the last day a time-limited decision applies
	Requires string `yaml:"requires"` // "dpf_certified" for the United States
	Note     string `yaml:"note"`
	Scope    names  `yaml:"scope"` // the recipients covered, where only some are
	// Coverage is how far the decision reaches: "general" (every recipient
	// in the country), "certified" (only certified organisations: the
	// United States, DPF) or "sectoral" (only recipients subject to a
	// given law or sector, as Scope or the decision states).
	Coverage string `yaml:"coverage"`
}

// Number is the decision's number in lang: the Norwegian text writes the
// Community suffix EC as EF ("2000/518/EF"); EU numbers are the same.
func (a Adequacy) Number(lang string) string {
	if lang != "en" && strings.HasSuffix(a.Decision, "/EC") {
		return strings.TrimSuffix(a.Decision, "/EC") + "/EF"
	}
	return a.Decision
}

// ScopeText is the decision's limit to some recipients in lang, or "".
func (a Adequacy) ScopeText(lang string) string {
	if lang == "en" {
		return a.Scope.EN
	}
	return a.Scope.NB
}

// AppliesOn reports whether the decision can be relied on for an agreement
// dated date (YYYY-MM-DD): adopted on or before that date and, for a
// time-limited decision, not expired. An empty date (the agreement is
// dated at signing) takes the decision as the data has it now.
func (a Adequacy) AppliesOn(date string) bool {
	if date == "" {
		return true
	}
	return a.Date <= date && (a.Until == "" || date <= a.Until)
}

type names struct {
	EN string `yaml:"en"`
	NB string `yaml:"nb"`
}

type data struct {
	Checked   string           `yaml:"checked"`
	EEA       []string         `yaml:"eea"`
	Adequacy  []Adequacy       `yaml:"adequacy"`
	Countries map[string]names `yaml:"countries"`
	// ENThe are the codes whose English name takes "the" in running text.
	ENThe []string `yaml:"en_the"`
	// Laws are the verified names of a country's own data protection law,
	// supervisory authority and the laws that can compel disclosure.
	Laws map[string]countryLaws `yaml:"laws"`
}

type countryLaws struct {
	DPLaw      names   `yaml:"dp_law"`
	Supervisor names   `yaml:"supervisor"`
	Compel     []names `yaml:"compel"`
}

func (n names) in(lang string) string {
	if lang == "en" {
		return n.EN
	}
	return n.NB
}

// DataProtectionLaw names the data protection statute of code in lang
// ("the Swiss Federal Act on Data Protection (FADP)"), or "" where the
// country data does not name it.
func DataProtectionLaw(code, lang string) string { return d.Laws[code].DPLaw.in(lang) }

// Supervisor names the data protection supervisory authority of code in
// lang, or "" where the country data does not name it.
func Supervisor(code, lang string) string { return d.Laws[code].Supervisor.in(lang) }

// CompelLaws names, in lang, the statutes and orders under which the
// authorities of code may demand or obtain access to data held by an
// undertaking established in or controlled from code; nil where the
// country data names none.
func CompelLaws(code, lang string) []string {
	var out []string
	for _, n := range d.Laws[code].Compel {
		out = append(out, n.in(lang))
	}
	return out
}

var (
	d        data
	eea      = map[string]bool{}
	adequacy = map[string]Adequacy{}
	enThe    = map[string]bool{}
)

// snapshot is countries.yaml compiled into Go (countries_gen.go), used when
// its key matches the embedded file, so start-up does not parse the YAML.
// Regenerate after editing countries.yaml:
//
//	go generate ./...
//
//go:generate go run ../gen geo
var snapshot *Snapshot

// Snapshot is the decoded country data with the key (golit.Key) of the
// YAML it came from.
type Snapshot struct {
	Key  string
	Data data
}

func yamlKey() string {
	k := golit.NewKey()
	k.Write(countriesYAML)
	return hex.EncodeToString(k.Sum(nil))
}

func decodeYAML() (data, error) {
	var out data
	dec := yaml.NewDecoder(bytes.NewReader(countriesYAML))
	dec.KnownFields(true)
	err := dec.Decode(&out)
	return out, err
}

func init() {
	if snapshot != nil && snapshot.Key == yamlKey() {
		d = snapshot.Data
	} else {
		var err error
		if d, err = decodeYAML(); err != nil {
			panic(fmt.Sprintf("geo: countries.yaml: %v", err))
		}
	}
	for _, c := range d.EEA {
		eea[c] = true
	}
	for _, a := range d.Adequacy {
		adequacy[a.Code] = a
	}
	for _, c := range d.ENThe {
		enThe[c] = true
	}
}

// Checked is the date the EEA and adequacy lists were last checked.
func Checked() string { return d.Checked }

// Valid reports whether code is an ISO 3166-1 alpha-2 country code.
func Valid(code string) bool { _, ok := d.Countries[code]; return ok }

// InEEA reports whether code is an EEA state.
func InEEA(code string) bool { return eea[code] }

// Decision returns the adequacy decision for code, if any.
func Decision(code string) (Adequacy, bool) { a, ok := adequacy[code]; return a, ok }

// DecisionOn returns the adequacy decision for code that an agreement dated
// date can rely on (Adequacy.AppliesOn), if any.
func DecisionOn(code, date string) (Adequacy, bool) {
	a, ok := adequacy[code]
	if !ok || !a.AppliesOn(date) {
		return Adequacy{}, false
	}
	return a, true
}

// Adequate reports whether a transfer to code by a party is covered by an
// adequacy decision. For a decision that requires DPF certification (the
// United States) the party must be certified.
func Adequate(code string, dpfCertified bool) bool { return AdequateOn(code, dpfCertified, "") }

// AdequateOn is Adequate for an agreement dated date: a decision adopted
// after that date, or expired by then, does not count.
func AdequateOn(code string, dpfCertified bool, date string) bool {
	a, ok := DecisionOn(code, date)
	if !ok {
		return false
	}
	if a.Requires == "dpf_certified" {
		return dpfCertified
	}
	return true
}

// StaleDays is how many days after Checked an agreement may be dated
// before dpa check warns that the country data may be out of date.
const StaleDays = 180

// StaleOn reports whether an agreement dated date lies more than StaleDays
// after the date the country data was last checked.
func StaleOn(date string) bool {
	d, err1 := time.Parse("2006-01-02", date)
	c, err2 := time.Parse("2006-01-02", Checked())
	return err1 == nil && err2 == nil && d.Sub(c) > StaleDays*24*time.Hour
}

// Name returns the country's name in lang ("nb" or "en"), or the code itself
// when it is not a known country.
func Name(code, lang string) string {
	n, ok := d.Countries[code]
	if !ok {
		return code
	}
	if lang == "en" {
		return n.EN
	}
	return n.NB
}

// InText returns the country's name as it reads in running text in lang:
// in English with the definite article where the name takes one ("the
// United States", "the Netherlands"), otherwise as Name. Tables, headings
// and lists of bare names use Name.
func InText(code, lang string) string {
	n := Name(code, lang)
	if lang == "en" && enThe[code] {
		return "the " + n
	}
	return n
}

// Codes returns every known code, sorted.
func Codes() []string {
	out := make([]string, 0, len(d.Countries))
	for c := range d.Countries {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// AdequacyList returns the adequacy decisions in file order.
func AdequacyList() []Adequacy { return append([]Adequacy(nil), d.Adequacy...) }

// SnapshotGo is countries_gen.go for the embedded countries.yaml (the
// generator's "geo" step).
func SnapshotGo() ([]byte, error) {
	fresh, err := decodeYAML()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("// Code generated by go generate ./...; DO NOT EDIT.\n\npackage geo\n\nfunc init() {\n\tsnapshot = ")
	golit.Write(&b, reflect.ValueOf(&Snapshot{Key: yamlKey(), Data: fresh}), "geo", 1)
	b.WriteString("\n}\n")
	return golit.Format(b.Bytes()), nil
}
