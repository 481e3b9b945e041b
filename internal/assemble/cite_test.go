package assemble

import "testing"

func TestCite(t *testing.T) {
	cases := []struct{ src, lang, want string }{
		{"GDPR art. 28(3)(a); guide 5.1.1 (no own 'business purposes')", "nb", "personvernforordningen art. 28(3)(a); Normen-veilederen kap. 5.1.1"},
		{"GDPR art. 28(3) first subparagraph", "nb", "personvernforordningen art. 28(3) første ledd"},
		{"guide 3.2 point 9; guide 2.4", "nb", "Normen-veilederen kap. 3.2 pkt. 9; Normen-veilederen kap. 2.4"},
		{"schrems (access from a third country is a transfer)", "nb", "Schrems II-notatet"},
		{"guide 3.3; schrems", "en", "Normen cloud guide ch. 3.3; Schrems II note"},
		{"GDPR art. 28(3)(c) and art. 32; guide 4.6", "nb", "personvernforordningen art. 28(3)(c) og art. 32; Normen-veilederen kap. 4.6"},
	}
	for _, c := range cases {
		if got := Cite(c.src, c.lang); got != c.want {
			t.Errorf("Cite(%q, %s) = %q, want %q", c.src, c.lang, got, c.want)
		}
	}
}
