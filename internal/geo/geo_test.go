package geo

import (
	"strings"
	"testing"
)

func TestGeo(t *testing.T) {
	if n := len(Codes()); n != 249 {
		t.Errorf("ISO 3166-1 alpha-2 codes = %d, want 249", n)
	}
	for _, c := range []string{"NO", "SE", "IS", "LI", "IE", "DE"} {
		if !InEEA(c) {
			t.Errorf("%s should be in the EEA", c)
		}
	}
	for _, c := range []string{"CH", "GB", "US", "UK", "XX"} {
		if InEEA(c) {
			t.Errorf("%s should not be in the EEA", c)
		}
	}
	if len(d.EEA) != 30 {
		t.Errorf("EEA has %d states, want 30", len(d.EEA))
	}
	cases := []struct {
		code string
		dpf  bool
		want bool
	}{
		{"CH", false, true}, {"GB", false, true}, {"JP", false, true},
		{"US", false, false}, {"US", true, true}, {"IN", false, false}, {"CN", true, false},
	}
	for _, c := range cases {
		if got := Adequate(c.code, c.dpf); got != c.want {
			t.Errorf("Adequate(%s, dpf=%v) = %v, want %v", c.code, c.dpf, got, c.want)
		}
	}
	for _, c := range []string{"UK", "XK", "EU", "no", "N0", ""} {
		if Valid(c) {
			t.Errorf("%q should not be a valid ISO code", c)
		}
	}
	for _, a := range AdequacyList() {
		if !Valid(a.Code) || InEEA(a.Code) {
			t.Errorf("adequacy entry %s must be a valid non-EEA code", a.Code)
		}
	}
	for _, c := range d.EEA {
		if !Valid(c) {
			t.Errorf("EEA entry %s is not a valid code", c)
		}
	}
	if Name("NO", "nb") != "Norge" || Name("NO", "en") != "Norway" {
		t.Errorf("names of NO: %q %q", Name("NO", "nb"), Name("NO", "en"))
	}
	if Checked() == "" {
		t.Error("checked date missing")
	}
}

// TestInText: English names that take the article read with it in running
// text, for every such country in the data, and never in Norwegian or for
// names without one; Name stays bare.
func TestInText(t *testing.T) {
	for _, tc := range []struct{ code, lang, want string }{
		{"US", "en", "the United States"},
		{"GB", "en", "the United Kingdom"},
		{"NL", "en", "the Netherlands"},
		{"PH", "en", "the Philippines"},
		{"AE", "en", "the United Arab Emirates"},
		{"CZ", "en", "Czechia"},
		{"IN", "en", "India"},
		{"CH", "en", "Switzerland"},
		{"US", "nb", "USA"},
		{"NL", "nb", "Nederland"},
	} {
		if got := InText(tc.code, tc.lang); got != tc.want {
			t.Errorf("InText(%s, %s) = %q, want %q", tc.code, tc.lang, got, tc.want)
		}
	}
	if Name("US", "en") != "United States" {
		t.Errorf("Name(US, en) = %q, want the bare name", Name("US", "en"))
	}
	for _, c := range d.ENThe {
		if !Valid(c) {
			t.Errorf("en_the lists %s, which is not a country code", c)
		}
		if InText(c, "en") != "the "+Name(c, "en") {
			t.Errorf("InText(%s, en) = %q", c, InText(c, "en"))
		}
	}
	// every English name that is plural or a "United"/"Republic" form is listed
	for _, c := range Codes() {
		n := Name(c, "en")
		if (strings.HasPrefix(n, "United ") || strings.HasSuffix(n, " Islands") || strings.HasSuffix(n, " Republic")) && !enThe[c] {
			t.Errorf("%s (%s) takes the article in English but is not in en_the", c, n)
		}
	}
}
