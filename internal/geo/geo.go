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
	"sort"

	"go.yaml.in/yaml/v3"

	"github.com/dpa-no/dpa/internal/golit"
)

//go:embed countries.yaml
var countriesYAML []byte

// Adequacy is one EU adequacy decision.
type Adequacy struct {
	Code     string `yaml:"code"`
	Decision string `yaml:"decision"`
	Date     string `yaml:"date"`
	Requires string `yaml:"requires"` // "dpf_certified" for the United States
	Note     string `yaml:"note"`
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
}

var (
	d        data
	eea      = map[string]bool{}
	adequacy = map[string]Adequacy{}
)

// snapshot is countries.yaml compiled into Go (countries_gen.go), used when
// its key matches the embedded file, so start-up does not parse the YAML.
// Regenerate after editing countries.yaml:
//
//	go test ./internal/geo -run TestSnapshot -update
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
}

// Checked is the date the EEA and adequacy lists were last checked.
func Checked() string { return d.Checked }

// Valid reports whether code is an ISO 3166-1 alpha-2 country code.
func Valid(code string) bool { _, ok := d.Countries[code]; return ok }

// InEEA reports whether code is an EEA state.
func InEEA(code string) bool { return eea[code] }

// Decision returns the adequacy decision for code, if any.
func Decision(code string) (Adequacy, bool) { a, ok := adequacy[code]; return a, ok }

// Adequate reports whether a transfer to code by a party is covered by an
// adequacy decision. For a decision that requires DPF certification (the
// United States) the party must be certified.
func Adequate(code string, dpfCertified bool) bool {
	a, ok := adequacy[code]
	if !ok {
		return false
	}
	if a.Requires == "dpf_certified" {
		return dpfCertified
	}
	return true
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
