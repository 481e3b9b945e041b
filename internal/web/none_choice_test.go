package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
)

// TestSpecialCategoriesNoneChoice: in the interview, nothing ticked leaves
// processing.special_categories unanswered (absent from the file), "none of
// these" writes the answer none ([]) and is shown ticked again, and a
// category ticked with it is the answer; the file loads with the same
// distinction.
func TestSpecialCategoriesNoneChoice(t *testing.T) {
	ts, _ := newWebServer(t)
	c := newClient(t, ts)
	base := fillInterview(t, c, "none")
	id := "f-processing-special_categories-none-of-these"
	for _, tc := range []struct {
		name     string
		ticked   []string
		answered bool
		values   int
		noneShow bool
	}{
		{"nothing ticked", nil, false, 0, false},
		{"none of these", []string{"-"}, true, 0, true},
		{"none of these and health", []string{"-", "health"}, true, 1, false},
		{"health", []string{"health"}, true, 1, false},
	} {
		v := url.Values{"processing.purposes": {"p"}, "processing.data_subjects": {"s"}, "processing.data_categories": {"c"}, "processing.duration": {"d"}, "action": {"stay"}}
		if tc.ticked != nil {
			v["processing.special_categories"] = tc.ticked
		}
		c.postForm(base+"/step/processing", v)
		_, yml := c.get(base + "/download?format=yaml")
		a, err := answers.Load("a.yaml", []byte(yml), i18n.For("en"))
		if err != nil {
			t.Fatalf("%s: %v\n%s", tc.name, err, yml)
		}
		sc := a.Processing.SpecialCategories
		if (sc != nil) != tc.answered || len(sc) != tc.values {
			t.Errorf("%s: special_categories %#v, want answered %v with %d values", tc.name, sc, tc.answered, tc.values)
		}
		_, page := c.get(base + "/step/processing?ui=nb")
		i := strings.Index(page, `id="`+id+`"`)
		if i < 0 {
			t.Fatalf("%s: no none-of-these choice in the form", tc.name)
		}
		tag := page[strings.LastIndex(page[:i], "<input"):]
		tag = tag[:strings.Index(tag, ">")]
		if strings.Contains(tag, "checked") != tc.noneShow {
			t.Errorf("%s: none-of-these shown checked=%v, want %v: %s", tc.name, strings.Contains(tag, "checked"), tc.noneShow, tag)
		}
	}
}
