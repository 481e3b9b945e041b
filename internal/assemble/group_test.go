package assemble

import (
	"math/rand"
	"strings"
	"testing"
	"text/template"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/rules"
)

// refGrouping is what the clause templates of library 2026.11 computed with
// a range over the destinations inside a range over the destinations (or
// the subprocessors): quadratic, and kept here only as the reference that
// the precomputed view fields must equal.
const refGrouping = `{{$pn := .Processor.Name.Plain}}
{{- range $i, $d := .Destinations}}
{{- $est := false}}{{$other := false}}{{$dup := false}}{{$more := ""}}
{{- range $j, $e := $.Destinations}}{{if eq $e.Party.Plain $d.Party.Plain}}{{if eq $e.Kind "establishment"}}{{$est = $e.CountryName}}{{else}}{{$other = true}}{{if and (ne $d.Kind "establishment") (ne $j $i) (eq $e.Country $d.Country)}}{{if lt $j $i}}{{$dup = true}}{{else}}{{$more = $e.KindText}}{{end}}{{end}}{{end}}{{end}}{{end}}
{{- $first := true}}{{range $j, $e := $.Destinations}}{{if and (lt $j $i) $e.Adequate (eq $e.Country $d.Country) (eq $e.Party.Plain $d.Party.Plain)}}{{$first = false}}{{end}}{{end -}}
d{{$i}} est={{if $est}}{{$est}}{{end}} other={{$other}} dup={{$dup}} more={{$more}} first={{and $d.Adequate $first}}
{{end}}
{{- $pAbroad := false}}{{$pScc := false}}{{$pT := false}}
{{- range .Destinations}}{{if eq .Party.Plain $pn}}{{if eq .Kind "establishment"}}{{$pAbroad = true}}{{end}}{{if and (not .Adequate) (eq $.Processor.TransferBasis "scc")}}{{$pScc = true}}{{end}}{{if and (not .Adequate) (or (eq $.Processor.TransferBasis "scc") (eq $.Processor.TransferBasis "bcr"))}}{{$pT = true}}{{end}}{{end}}{{end -}}
p abroad={{$pAbroad}} scc={{$pScc}} tia={{$pT}}
{{$anyScc := false}}{{$anyT := false}}
{{- range $s := .Subprocessors}}
{{- $sScc := false}}{{$sAbroad := false}}{{$sT := false}}
{{- range $.Destinations}}{{if eq .Party.Plain $s.Name.Plain}}{{if eq .Kind "establishment"}}{{$sAbroad = true}}{{end}}{{if and (not .Adequate) (eq $s.TransferBasis "scc")}}{{$sScc = true}}{{$anyScc = true}}{{end}}{{if and (not .Adequate) (or (eq $s.TransferBasis "scc") (eq $s.TransferBasis "bcr"))}}{{$sT = true}}{{$anyT = true}}{{end}}{{end}}{{end -}}
s abroad={{$sAbroad}} scc={{$sScc}} tia={{$sT}}
{{end}}any scc={{$anyScc}} tia={{$anyT}}
`

// newGrouping prints the same from the precomputed fields.
const newGrouping = `{{range $i, $d := .Destinations}}d{{$i}} est={{if $d.EstablishedIn}}{{$d.EstablishedIn}}{{end}} other={{$d.PartyHasOther}} dup={{$d.Repeat}} more={{$d.MoreKindText}} first={{$d.FirstAdequate}}
{{end}}p abroad={{.Processor.Established}} scc={{.Processor.SCCTransfer}} tia={{.Processor.SCCOrBCRTransfer}}
{{range .Subprocessors}}s abroad={{.Established}} scc={{.SCCTransfer}} tia={{.SCCOrBCRTransfer}}
{{end}}any scc={{.SubprocessorSCCTransfer}} tia={{.SubprocessorSCCOrBCRTransfer}}
`

// randomTransfers returns answers with up to n subprocessors whose names,
// countries and bases are drawn from small pools, so that parties share
// names, destinations repeat and adequate and inadequate countries mix.
func randomTransfers(r *rand.Rand, n int) *answers.Answers {
	names := []string{"A Inc.", "B Ltd", " A Inc. ", "P AS", "C GmbH", ""}
	countries := []string{"US", "IN", "CN", "GB", "CH", "JP", "NO", "IE", "", "XX"}
	bases := []string{"", "none", "adequacy", "scc", "bcr"}
	pickS := func(xs []string) string { return xs[r.Intn(len(xs))] }
	some := func() []string {
		var out []string
		for k := r.Intn(4); k > 0; k-- {
			out = append(out, pickS(countries))
		}
		return out
	}
	a := &answers.Answers{Format: 1, Language: "nb"}
	a.Processor = answers.Processor{Name: pickS(names), Country: pickS(countries), TransferBasis: pickS(bases), DPFCertified: answers.Bool(r.Intn(2) == 0)}
	a.AccessCountries = some()
	for k := r.Intn(4); k > 0; k-- {
		a.Locations = append(a.Locations, answers.Location{Purpose: "lagring", Country: pickS(countries), Operator: pickS(names)})
	}
	for k := r.Intn(n + 1); k > 0; k-- {
		a.Subprocessors = append(a.Subprocessors, answers.Subprocessor{Name: pickS(names), Country: pickS(countries),
			Locations: some(), AccessCountries: some(), TransferBasis: pickS(bases), DPFCertified: answers.Bool(r.Intn(2) == 0)})
	}
	return a
}

// TestDestinationGroupingMatchesTemplates checks on thousands of generated
// answers, in both languages, that the precomputed grouping fields of the
// view are exactly what the nested template ranges computed.
func TestDestinationGroupingMatchesTemplates(t *testing.T) {
	ref := template.Must(template.New("ref").Option("missingkey=error").Parse(refGrouping))
	got := template.Must(template.New("new").Option("missingkey=error").Parse(newGrouping))
	r := rand.New(rand.NewSource(13))
	dests := 0
	for i := 0; i < 800; i++ {
		a := randomTransfers(r, 6)
		f := rules.Derive(a, false)
		for _, lang := range []string{"nb", "en"} {
			v := NewView(a, f, lang)
			dests += len(v.Destinations)
			var want, have strings.Builder
			if err := ref.Execute(&want, v); err != nil {
				t.Fatal(err)
			}
			if err := got.Execute(&have, v); err != nil {
				t.Fatal(err)
			}
			if want.String() != have.String() {
				t.Fatalf("case %d (%s): grouping differs\nanswers: %+v\nwant:\n%s\nhave:\n%s", i, lang, a, want.String(), have.String())
			}
		}
	}
	if dests < 3000 {
		t.Fatalf("only %d destinations generated: the test does not exercise the grouping", dests)
	}
}

// TestFoldKeyIsEqualFold: two strings share a foldKey exactly when
// strings.EqualFold holds, also for runes with more than two case forms.
func TestFoldKeyIsEqualFold(t *testing.T) {
	runes := []rune("kKKsSſßẞσςΣæÆåÅøØiIİı1 ")
	r := rand.New(rand.NewSource(1))
	word := func() string {
		n := r.Intn(4)
		out := make([]rune, n)
		for i := range out {
			out[i] = runes[r.Intn(len(runes))]
		}
		return string(out)
	}
	same := 0
	for i := 0; i < 50000; i++ {
		a, b := word(), word()
		eq := strings.EqualFold(a, b)
		if eq != (foldKey(a) == foldKey(b)) {
			t.Fatalf("%q %q: EqualFold %v, foldKey %q %q", a, b, eq, foldKey(a), foldKey(b))
		}
		if eq && a != b {
			same++
		}
	}
	if same == 0 {
		t.Fatal("no case-folded pairs generated")
	}
}
