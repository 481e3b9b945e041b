package assemble

import "testing"

func TestCite(t *testing.T) {
	cases := []struct{ src, lang, want string }{
		{"GDPR art. 28(3)(a); guide 5.1.1 (no own 'business purposes')", "nb", "personvernforordningen art. 28 nr. 3 bokstav a; Normens veileder om skytjenester kap. 5.1.1 (ingen egne forretningsformål)"},
		{"GDPR art. 28(3)(a); guide 5.1.1 (no own 'business purposes')", "en", "GDPR art. 28(3)(a); Normen cloud guide ch. 5.1.1 (no own business purposes)"},
		{"GDPR art. 28(3) first subparagraph", "nb", "personvernforordningen art. 28 nr. 3 første ledd"},
		{"guide 3.2 point 9; guide 2.4", "nb", "Normens veileder om skytjenester kap. 3.2 pkt. 9 og kap. 2.4"},
		{"guide 3.2 point 9; guide 2.4", "en", "Normen cloud guide ch. 3.2 point 9 and ch. 2.4"},
		{"schrems (access from a third country is a transfer)", "nb", "Schrems II-notatet (tilgang fra tredjeland er overføring)"},
		{"guide 3.3; schrems", "en", "Normen cloud guide ch. 3.3; Schrems II note"},
		{"GDPR art. 28(3)(c) and art. 32; guide 4.6", "nb", "personvernforordningen art. 28 nr. 3 bokstav c og art. 32; Normens veileder om skytjenester kap. 4.6"},
		{"GDPR art. 28(2), 28(3)(d), 28(4); guide 4.1, 5.1.1", "nb", "personvernforordningen art. 28 nr. 2, 28 nr. 3 bokstav d og 28 nr. 4; Normens veileder om skytjenester kap. 4.1 og kap. 5.1.1"},
		{"guide 3.3; GDPR art. 44-46", "en", "Normen cloud guide ch. 3.3; GDPR art. 44–46"},
		{"GDPR art. 33(2); guide 5.1.1 (72 hours to Datatilsynet)", "nb", "personvernforordningen art. 33 nr. 2; Normens veileder om skytjenester kap. 5.1.1 (melding til Datatilsynet innen 72 timer)"},
		// an unknown remark is left out in both languages
		{"guide 4.2 (an unlisted remark)", "nb", "Normens veileder om skytjenester kap. 4.2"},
		{"guide 4.2 (an unlisted remark)", "en", "Normen cloud guide ch. 4.2"},
	}
	for _, c := range cases {
		if got := Cite(c.src, c.lang); got != c.want {
			t.Errorf("Cite(%q, %s) = %q, want %q", c.src, c.lang, got, c.want)
		}
	}
}
