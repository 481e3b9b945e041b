package render

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"strings"
	"testing"
)

// indentSame checks indent and indentLen against json.Indent on the
// encoder's output for v.
func indentSame(t *testing.T, v any) {
	t.Helper()
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	got := indent(nil, compact.Bytes())
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("indent(%s)\n= %s\nwant %s", compact.Bytes(), got, want.Bytes())
	}
	if n := indentLen(compact.Bytes()); n != len(got) {
		t.Fatalf("indentLen(%s) = %d, want %d", compact.Bytes(), n, len(got))
	}
}

// randValue is a random JSON value: nested objects and arrays (empty ones
// too), numbers, literals and strings full of JSON punctuation, quotes,
// backslashes and control characters.
func randValue(r *rand.Rand, depth int) any {
	strs := []string{"", "a", `"`, `\`, `\"`, `{}`, `[]`, `,:`, "\n\t\x01", "æøå \u2028", `"}]`, "<&>", `\\"x`}
	switch k := r.Intn(8); {
	case depth > 4 || k == 0:
		return strs[r.Intn(len(strs))] + strs[r.Intn(len(strs))]
	case k == 1:
		return r.Float64() * 1e6
	case k == 2:
		return []any{nil, true, false}[r.Intn(3)]
	case k < 5:
		a := make([]any, r.Intn(4))
		for i := range a {
			a[i] = randValue(r, depth+1)
		}
		return a
	default:
		m := map[string]any{}
		for i, n := 0, r.Intn(4); i < n; i++ {
			m[strs[r.Intn(len(strs))]+strings.Repeat("k", i)] = randValue(r, depth+1)
		}
		return m
	}
}

// TestIndentIsJSONIndent: indent writes the bytes of json.Indent for the
// encoder's output, on random values and on a whole agreement model.
func TestIndentIsJSONIndent(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 3000; i++ {
		indentSame(t, randValue(r, 0))
	}
	for _, v := range []any{map[string]any{}, []any{}, []any{map[string]any{}, []any{[]any{}}}, "x", 1, nil} {
		indentSame(t, v)
	}
}

// FuzzIndent: indent agrees with json.Indent whatever the strings hold.
func FuzzIndent(f *testing.F) {
	f.Add("a", "b", uint8(3))
	f.Add(`"\`, "{[", uint8(0))
	f.Fuzz(func(t *testing.T, k, v string, n uint8) {
		m := map[string]any{k: v, v: []any{k, map[string]any{}, []any{}}}
		var a []any
		for i := 0; i < int(n%8); i++ {
			a = append(a, m, k)
		}
		indentSame(t, map[string]any{"list": a, k: m})
	})
}
