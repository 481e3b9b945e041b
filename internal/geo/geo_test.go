package geo

import "testing"

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
