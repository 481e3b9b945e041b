package assemble

import (
	"regexp"
	"strings"
)

// The register's regulation is a defined term of clause 2.1
// (Registerforskriften / the Register Regulation) wherever the processing is
// a health register. risk.health_register_controller_provision is free text
// ("norsk pasientregisterforskrift § 1-4", "section 1-4 of the Norwegian
// Patient Registry Regulations", or only "§ 1-4"); clause health-register
// cites the provision by the defined term and the section taken from that
// text ("Registerforskriften § 1-4", "section 1-4 of the Register
// Regulation"). Where the section cannot be read with certainty (none, more
// than one, a section of an Act, a paragraph qualifier in the other
// language), the clause prints the provision as given.

const sectionNum = `\d+[a-z]?(?:\s*-\s*\d+[a-z]?)?\b`

var (
	// § 1-4, § 3 første ledd, § 2-1 annet ledd bokstav b
	nbSection = regexp.MustCompile(`§\s*(` + sectionNum + `)((?:\s+(?:første|andre|annet|tredje|fjerde|femte|sjette|sjuende|syvende|åttende|niende|tiende)\s+ledd)?(?:\s+(?:bokstav\s+[a-zæøå]|nr\.\s*\d+))*)`)
	// section 1-4, section 3(1)(b), the first paragraph of section 3
	enSection = regexp.MustCompile(`(?i)((?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+paragraph\s+of\s+)?\bsection\s+(` + sectionNum + `)((?:\(\d+\))*(?:\([a-z]\))*)`)
	// the text names an Act (lov, helseregisterloven, arkivlova; Act)
	namesAct = regexp.MustCompile(`(?i:lov(?:en|a|er|ene)?\b)|\bActs?\b`)
	spaces   = regexp.MustCompile(`\s+`)
)

// controllerSection returns the section of the register's regulation named
// in provision, written for lang ("§ 1-4" in nb, "section 1-4" in en), or ""
// where the text does not name exactly one section of a regulation.
func controllerSection(provision, lang string) string {
	p := strings.TrimSpace(provision)
	if p == "" || strings.Contains(p, "§§") || namesAct.MatchString(p) {
		return ""
	}
	nb := nbSection.FindAllStringSubmatch(p, -1)
	en := enSection.FindAllStringSubmatch(p, -1)
	if len(nb)+len(en) != 1 {
		return ""
	}
	norm := func(s string) string { return spaces.ReplaceAllString(strings.TrimSpace(s), " ") }
	num := func(s string) string { return spaces.ReplaceAllString(s, "") }
	if len(nb) == 1 {
		n, tail := num(nb[0][1]), norm(nb[0][2])
		if lang == "nb" {
			return strings.TrimSpace("§ " + n + " " + tail)
		}
		if tail == "" {
			return "section " + n
		}
		return ""
	}
	pre, n, tail := norm(en[0][1]), num(en[0][2]), norm(en[0][3])
	if lang == "en" {
		return strings.TrimSpace(strings.ToLower(pre) + " section " + n + tail)
	}
	if pre == "" && tail == "" {
		return "§ " + n
	}
	return ""
}
