package assemble

import (
	"regexp"
	"strings"
)

var (
	parenRe = regexp.MustCompile(`\s*\([^)]*\)`)
	guideRe = regexp.MustCompile(`\bguide ([0-9])`)
)

// Cite turns a catalog source ("GDPR art. 28(3)(a); guide 5.1.1") into a
// citation for the agreement's language: "personvernforordningen art.
// 28(3)(a); Normen-veilederen kap. 5.1.1".
func Cite(src, lang string) string {
	s := src
	if lang == "en" {
		s = guideRe.ReplaceAllString(s, "Normen cloud guide ch. $1")
		s = strings.ReplaceAll(s, "sources/000", "NHN on cloud services")
		s = strings.ReplaceAll(s, "schrems", "Schrems II note")
		return s
	}
	// keep GDPR article references such as 28(3)(a); drop English remarks
	s = parenRe.ReplaceAllStringFunc(s, func(p string) string {
		inner := strings.TrimSpace(p)
		if len(inner) > 2 && inner[1] >= '0' && inner[1] <= '9' || len(inner) <= 3 && inner[1] >= 'a' && inner[1] <= 'z' {
			return p
		}
		return ""
	})
	r := strings.NewReplacer(
		"GDPR art.", "personvernforordningen art.",
		" and art.", " og art.",
		"first subparagraph", "første ledd",
		" point ", " pkt. ",
		"sources/000", "NHN om skytjenester",
		"schrems", "Schrems II-notatet",
	)
	s = r.Replace(s)
	s = guideRe.ReplaceAllString(s, "Normen-veilederen kap. $1")
	return s
}
