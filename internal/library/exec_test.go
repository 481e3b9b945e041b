package library

import (
	"errors"
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/dpa-no/dpa/internal/i18n"
)

// TestBodyRules: what a clause body may and may not do to stay linear in
// the answers.
func TestBodyRules(t *testing.T) {
	cases := []struct {
		body string
		kind string // "" = allowed
	}{
		{`{{range .Subprocessors}}{{.Name}}{{end}}`, ""},
		{`{{range $i, $s := .Subprocessors}}{{range $s.Locations.Each}}{{.}}{{end}}{{end}}`, ""},
		{`{{range .Subprocessors}}{{range .Locations.Each}}{{.}}{{end}}{{end}}`, ""},
		{`{{range .Subprocessors}}{{if .TIADone}}{{range .Locations.Each}}{{.}}{{end}}{{end}}{{end}}`, ""},
		{`{{range .Subprocessors}}{{else}}{{range .Destinations}}{{end}}{{end}}`, ""},
		{`{{$all := .Destinations}}{{range $all}}{{.Party}}{{end}}`, ""},
		{`{{range $.Destinations}}{{end}}`, ""},
		{`{{range .Subprocessors}}{{range $.Destinations}}{{end}}{{end}}`, "nested_range"},
		{`{{$all := .Destinations}}{{range .Subprocessors}}{{range $all}}{{end}}{{end}}`, "nested_range"},
		{`{{range $i, $d := .Destinations}}{{range $i}}{{end}}{{end}}`, "nested_range"},
		{`{{range .Subprocessors}}{{with $.Processor}}{{range .Name}}{{end}}{{end}}{{end}}`, "nested_range"},
		{`{{range .Subprocessors}}{{range .Locations.Each}}{{range $.Subprocessors}}{{end}}{{end}}{{end}}`, "nested_range"},
		{`{{range 2000000000}}{{end}}`, "range_source"},
		{`{{range $i := 10}}{{end}}`, "range_source"},
		{`{{range len .Subprocessors}}{{end}}`, "range_source"},
		{`{{range slice .Subprocessors 1}}{{end}}`, "range_source"},
		{`{{range .Subprocessors | len}}{{end}}`, "range_source"},
		{`{{define "a"}}x{{end}}{{template "a"}}`, "forbidden"},
		{`{{block "b" .}}x{{end}}`, "forbidden"},
	}
	for _, c := range cases {
		cl := &Clause{ID: "x", Body: Text{NB: c.body}}
		_, err := cl.parseBody("nb")
		var re *RuleError
		switch {
		case c.kind == "" && err != nil:
			t.Errorf("%s: refused: %v", c.body, err)
		case c.kind != "" && !errors.As(err, &re):
			t.Errorf("%s: allowed (%v), want %s", c.body, err, c.kind)
		case c.kind != "" && re.Kind != c.kind:
			t.Errorf("%s: %s, want %s", c.body, re.Kind, c.kind)
		}
	}
}

// TestExecuteLimits: a body that writes too much or runs too long stops
// with a LimitError naming the clause, within the bound.
func TestExecuteLimits(t *testing.T) {
	ui := i18n.For("en")
	c := &Clause{ID: "big"}
	defer func(o int64, d time.Duration) { MaxClauseOutput, MaxClauseTime = o, d }(MaxClauseOutput, MaxClauseTime)

	MaxClauseOutput = 1 << 20
	tm := template.Must(template.New("x").Parse(`{{range .}}{{printf "%999999s" "x"}}{{end}}`))
	start := time.Now()
	_, err := Execute(c, "nb", tm, make([]int, 1000), ui)
	var le *LimitError
	if !errors.As(err, &le) || le.Time || !strings.Contains(err.Error(), "more than 1048576 bytes") {
		t.Fatalf("output limit: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("output limit took %v", d)
	}

	MaxClauseOutput, MaxClauseTime = 1<<40, 100*time.Millisecond
	slow := template.Must(template.New("y").Parse(`{{range .}}x{{end}}`))
	start = time.Now()
	_, err = Execute(c, "nb", slow, make([]struct{}, 1<<31), ui)
	if !errors.As(err, &le) || !le.Time || !strings.Contains(err.Error(), "0 seconds") {
		t.Fatalf("time limit: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("time limit took %v", d)
	}

	MaxClauseTime = 10 * time.Second
	ok := template.Must(template.New("z").Parse(`{{range .}}{{.}}{{end}}`))
	if out, err := Execute(c, "nb", ok, []int{1, 2, 3}, ui); err != nil || out != "123" {
		t.Fatalf("%q %v", out, err)
	}
}
