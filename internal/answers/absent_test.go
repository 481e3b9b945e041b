package answers

import (
	"testing"

	"github.com/dpa-no/dpa/internal/i18n"
)

// TestSpecialCategoriesAbsentOrNone: the loader keeps an absent (or null)
// special_categories apart from the answer "none" ([]), in YAML and JSON
// forms; the rules read nil as "not answered".
func TestSpecialCategoriesAbsentOrNone(t *testing.T) {
	cases := []struct {
		name, src string
		answered  bool
		n         int
	}{
		{"absent", "format: 1\nprocessing:\n  duration: d\n", false, 0},
		{"null", "format: 1\nprocessing:\n  special_categories:\n", false, 0},
		{"none", "format: 1\nprocessing:\n  special_categories: []\n", true, 0},
		{"none, block", "format: 1\nprocessing: {special_categories: [ ]}\n", true, 0},
		{"none, JSON", `{"format": 1, "processing": {"special_categories": []}}`, true, 0},
		{"a value", "format: 1\nprocessing:\n  special_categories: [health]\n", true, 1},
	}
	for _, c := range cases {
		a, err := Load("a.yaml", []byte(c.src), i18n.For("en"))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		sc := a.Processing.SpecialCategories
		if (sc != nil) != c.answered || len(sc) != c.n {
			t.Errorf("%s: got %#v (answered %v), want answered %v with %d", c.name, sc, sc != nil, c.answered, c.n)
		}
	}
}
