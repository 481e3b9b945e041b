package assemble

import (
	"regexp"
	"strings"
)

var (
	// a remark is a parenthesis preceded by a space: "guide 5.1.1 (72 hours
	// to Datatilsynet)"; "28(3)(a)" has no space and is part of the reference.
	remarkRe = regexp.MustCompile(`\s+\(([^()]*)\)`)
	// "28(3)(a)" -> article, paragraph, point
	gdprRefRe = regexp.MustCompile(`(\d+)\((\d+)\)(?:\(([a-z])\))?`)
	rangeRe   = regexp.MustCompile(`(\d)-(\d)`)
)

// citeRemarks are the explanatory remarks of the requirement catalog that
// are shown in the annex, in both languages. A remark that is not listed
// here is left out in both languages, so that the two versions of annex F
// always say the same thing and no English enters the Norwegian text.
var citeRemarks = map[string][2]string{ // lower-case remark -> {nb, en}
	"72 hours to datatilsynet":          {"melding til Datatilsynet innen 72 timer", "notification to Datatilsynet within 72 hours"},
	"no own 'business purposes'":        {"ingen egne forretningsformål", "no own business purposes"},
	"normen 5.7.1":                      {"jf. Normen kap. 5.7.1", "see Normen ch. 5.7.1"},
	"saas, iaas, shared infrastructure": {"SaaS, IaaS og delt infrastruktur", "SaaS, IaaS and shared infrastructure"},
	"saas":                              {"SaaS", "SaaS"},
	"paas":                              {"PaaS", "PaaS"},
	"iaas":                              {"IaaS", "IaaS"},
	"public cloud":                      {"allmenn sky", "public cloud"},
	"lock-in":                           {"leverandørinnlåsing", "lock-in"},
	"access from a third country is a transfer": {"tilgang fra tredjeland er overføring", "access from a third country is a transfer"},
}

// Cite turns a catalog source ("GDPR art. 28(3)(a); guide 5.1.1") into a
// citation in the agreement's language:
//
//	nb: "personvernforordningen art. 28 nr. 3 bokstav a; Normens veileder om skytjenester kap. 5.1.1"
//	en: "GDPR art. 28(3)(a); Normen cloud guide ch. 5.1.1"
//
// Consecutive references to the guide are merged ("kap. 3.2 pkt. 9 og kap.
// 2.4"), ranges get an en dash, and remarks are translated or left out (see
// citeRemarks).
func Cite(src, lang string) string {
	en := lang == "en"
	pick := func(nb, e string) string {
		if en {
			return e
		}
		return nb
	}
	var out []string
	var guide []string // pending guide references, merged into one citation
	flush := func() {
		if len(guide) > 0 {
			out = append(out, pick("Normens veileder om skytjenester ", "Normen cloud guide ")+joinAnd(guide, pick("og", "and")))
			guide = nil
		}
	}
	for _, item := range strings.Split(src, ";") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		remark := ""
		item = strings.TrimSpace(remarkRe.ReplaceAllStringFunc(item, func(m string) string {
			inner := strings.TrimSpace(m)
			inner = strings.TrimSuffix(strings.TrimPrefix(inner, "("), ")")
			if r, ok := citeRemarks[strings.ToLower(strings.TrimSpace(inner))]; ok {
				remark = pick(r[0], r[1])
			}
			return ""
		}))
		withRemark := func(s string) string {
			if remark == "" {
				return s
			}
			return s + " (" + remark + ")"
		}
		switch {
		case strings.HasPrefix(item, "guide "):
			refs := strings.Split(strings.TrimPrefix(item, "guide "), ",")
			for i, r := range refs {
				r = strings.TrimSpace(r)
				if r == "" {
					continue
				}
				if !en {
					r = strings.ReplaceAll(r, " point ", " pkt. ")
				}
				r = pick("kap. ", "ch. ") + r
				if i == len(refs)-1 {
					r = withRemark(r)
				}
				guide = append(guide, r)
			}
			continue
		case strings.HasPrefix(item, "GDPR "):
			s := rangeRe.ReplaceAllString(strings.TrimPrefix(item, "GDPR "), "$1–$2")
			if en {
				item = "GDPR " + s
			} else {
				s = gdprRefRe.ReplaceAllStringFunc(s, func(m string) string {
					p := gdprRefRe.FindStringSubmatch(m)
					r := p[1] + " nr. " + p[2]
					if p[3] != "" {
						r += " bokstav " + p[3]
					}
					return r
				})
				s = strings.NewReplacer(" and ", " og ", "first subparagraph", "første ledd").Replace(s)
				if i := strings.LastIndex(s, ", "); i >= 0 && !strings.Contains(s, " og ") {
					s = s[:i] + " og " + s[i+2:]
				}
				item = "personvernforordningen " + s
			}
		case strings.HasPrefix(item, "schrems"):
			item = pick("Schrems II-notatet", "Schrems II note")
		case strings.HasPrefix(item, "sources/000"):
			item = pick("NHN, tjeneste- og leveransemodeller for skytjenester", "NHN, service and delivery models for cloud services")
		default:
			item = rangeRe.ReplaceAllString(item, "$1–$2")
		}
		flush()
		out = append(out, withRemark(item))
	}
	flush()
	return strings.Join(out, "; ")
}

// joinAnd joins items as "a, b og c" / "a, b and c".
func joinAnd(items []string, and string) string { return joinLast(items, " "+and+" ") }

// joinLast joins items with ", " and the last one with last.
func joinLast(items []string, last string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + last + items[len(items)-1]
}
