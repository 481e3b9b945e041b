package rendertest

import "testing"

func TestWordsInOrder(t *testing.T) {
	cases := []struct {
		want, got string
		ok        bool
	}{
		{"a b c", "x a y b z c", true},
		{"a b c", "a c b", false},
		{"Databehandler skal", "Databe handler skal", true},
		{"personvernbestemmelser (SCC)", "personvernb estemmelse r SCC", true},
		{"čđŋ «ŧ»", "čđŋ ŧ", true},
		{"one two", "one", false},
	}
	for _, c := range cases {
		err := WordsInOrder(c.want, c.got)
		if (err == nil) != c.ok {
			t.Errorf("WordsInOrder(%q, %q) = %v, want ok=%v", c.want, c.got, err, c.ok)
		}
	}
}
