package golit

import (
	"bytes"
	"fmt"
	"go/parser"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

type inner struct {
	Name  string
	Count int
	On    bool
}

type outer struct {
	ID      string
	Items   []*inner
	ByKey   map[string]inner
	Tags    []string
	Nested  *outer
	Any     any
	Empty   []string
	Zero    int
	private string
}

func sample() *outer {
	return &outer{
		ID:      "a \"quoted\"\nline\u00e6",
		Items:   []*inner{{Name: "x", Count: -3}, nil, {On: true}},
		ByKey:   map[string]inner{"b": {Name: "B"}, "a": {Count: 1}, "c": {}},
		Tags:    []string{},
		Nested:  &outer{ID: "child", Any: "s"},
		Any:     int64(42),
		Empty:   nil,
		private: "hidden value",
	}
}

func render(v any) string {
	var b bytes.Buffer
	Write(&b, reflect.ValueOf(v), "golit", 0)
	return b.String()
}

// TestWriteShape: deterministic output, sorted map keys, zero and
// unexported fields left out, a valid Go expression.
func TestWriteShape(t *testing.T) {
	if sample().private == "" {
		t.Fatal("the sample must carry an unexported value")
	}
	src := render(sample())
	for i := 0; i < 20; i++ { // map order must not leak into the output
		if again := render(sample()); again != src {
			t.Fatalf("output not deterministic:\n%s\n---\n%s", src, again)
		}
	}
	if _, err := parser.ParseExpr(src); err != nil {
		t.Fatalf("not a Go expression: %v\n%s", err, src)
	}
	ia, ib, ic := strings.Index(src, `"a":`), strings.Index(src, `"b":`), strings.Index(src, `"c":`)
	if !(ia >= 0 && ia < ib && ib < ic) {
		t.Errorf("map keys not sorted: %s", src)
	}
	for _, absent := range []string{"Zero:", "Empty:", "private", "hidden value"} {
		if strings.Contains(src, absent) {
			t.Errorf("%s written: %s", absent, src)
		}
	}
	if !strings.Contains(src, "Tags: []string{}") {
		t.Errorf("an empty, non-nil slice must stay non-nil: %s", src)
	}
	if !strings.Contains(src, "&outer{") || strings.Contains(src, "golit.") {
		t.Errorf("type names not relative to the package: %s", src)
	}
}

func TestWriteUnsupported(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("a float was written instead of panicking")
		}
	}()
	render(struct{ F float64 }{1.5})
}

// TestRoundTrip compiles the written literal in a program of its own and
// checks that it builds the same value (%#v, which shows every field).
func TestRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program with the go tool")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH")
	}
	exp0 := *sample()
	exp0.private = "" // unexported fields are not written
	want := strings.ReplaceAll(fmt.Sprintf("%#v", exp0), "golit.", "main.")
	// the same %#v in the child: pointers print as addresses, so compare
	// the pointed-to values field by field instead
	prog := `package main

import "fmt"

type inner struct {
	Name  string
	Count int
	On    bool
}

type outer struct {
	ID      string
	Items   []*inner
	ByKey   map[string]inner
	Tags    []string
	Nested  *outer
	Any     any
	Empty   []string
	Zero    int
	private string
}

func main() {
	v := ` + render(sample()) + `
	_ = v.private
	fmt.Printf("%#v\n", *v)
	for _, it := range v.Items {
		if it != nil {
			fmt.Printf("%#v\n", *it)
		}
	}
	fmt.Printf("%#v\n", *v.Nested)
}
`
	dir := t.TempDir()
	file := filepath.Join(dir, "main.go")
	if err := os.WriteFile(file, Format([]byte(prog)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goTool, "run", file)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GO111MODULE=off", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	s := sample()
	var exp strings.Builder
	fmt.Fprintf(&exp, "%s\n", want)
	for _, it := range s.Items {
		if it != nil {
			fmt.Fprintf(&exp, "%s\n", strings.ReplaceAll(fmt.Sprintf("%#v", *it), "golit.", "main."))
		}
	}
	fmt.Fprintf(&exp, "%s\n", strings.ReplaceAll(fmt.Sprintf("%#v", *s.Nested), "golit.", "main."))
	// addresses differ between the processes
	norm := func(s string) string {
		var b strings.Builder
		for _, f := range strings.Split(s, "(0x") {
			if i := strings.IndexByte(f, ')'); i >= 0 && b.Len() > 0 {
				f = f[i+1:]
			}
			b.WriteString(f)
		}
		return b.String()
	}
	if norm(string(out)) != norm(exp.String()) {
		t.Errorf("round trip differs:\n got %s\nwant %s", out, exp.String())
	}
}

func TestFormat(t *testing.T) {
	if got := string(Format([]byte("package p\nvar x=1"))); got != "package p\n\nvar x = 1\n" {
		t.Errorf("Format: %q", got)
	}
	if got := string(Format([]byte("not go {"))); got != "not go {" {
		t.Errorf("unparsable source must come back unchanged: %q", got)
	}
}

// TestKey: the same bytes give the same key, any change of a byte gives
// another, and writing in pieces is the same as at once.
func TestKey(t *testing.T) {
	sum := func(parts ...string) string {
		k := NewKey()
		for _, p := range parts {
			k.Write([]byte(p))
		}
		return fmt.Sprintf("%x", k.Sum(nil))
	}
	base := sum("clauses/a.yaml\x00", "body text")
	if len(base) != 16 {
		t.Fatalf("key has %d hex digits, want 16", len(base))
	}
	if sum("clauses/a.yaml\x00body text") != base {
		t.Error("writing in pieces changed the key")
	}
	data := []byte("clauses/a.yaml\x00body text")
	for i := range data {
		c := append([]byte(nil), data...)
		c[i] ^= 1
		if sum(string(c)) == base {
			t.Errorf("flipping byte %d did not change the key", i)
		}
	}
}
