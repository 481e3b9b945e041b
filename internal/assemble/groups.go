package assemble

import (
	"strings"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/geo"
	"github.com/dpa-no/dpa/internal/i18n"
)

// chainParty is the Processor or a Sub-processor as the group sentences
// see it: where it is established, and where its parent is (with the
// parent's name where the answers give it).
type chainParty struct {
	name, country, parentCountry, parentName string
}

// chainParties lists the Processor and then the Sub-processors, in file
// order.
func chainParties(a *answers.Answers) []chainParty {
	out := make([]chainParty, 0, 1+len(a.Subprocessors))
	out = append(out, chainParty{a.Processor.Name, a.Processor.Country, a.Processor.ParentCountry, strings.TrimSpace(a.Processor.ParentName)})
	for _, s := range a.Subprocessors {
		out = append(out, chainParty{s.Name, s.Country, s.ParentCountry, strings.TrimSpace(s.ParentName)})
	}
	return out
}

// outsideEEA: a valid country code outside the EEA.
func outsideEEA(c string) bool { return c != "" && geo.Valid(c) && !geo.InEEA(c) }

// joinPhrases joins phrases that may carry their own commas and "og" /
// "and" (relative clauses, lists of subsidiaries): with a comma before the
// last "og" / "and" when there are two or more, so that the groups stay
// apart ("A, som er morselskap til B og C, og morselskapet til D").
func joinPhrases(items []string, and string) string { return joinLast(items, ", "+and+" ") }

// establishedGroups states, for the foreign-authority clause, where the
// undertakings of the chain are established outside the EEA or have their
// parent there, grouped so that no undertaking is named twice:
//
//   - a named parent outside the EEA with its subsidiaries, each with its
//     own country: "Example Cloud Inc. er etablert i USA og er morselskap til
//     Example Cloud Ireland Ltd (Irland) og Example Cloud India Pvt Ltd
//     (India)"; a parent that is itself a party is not stated again;
//   - parties whose parent outside the EEA is not named, per country of the
//     parent: "A (Irland) og B (Tyskland) har morselskap i USA";
//   - parties established outside the EEA with no such parent, per country:
//     "X og Y er etablert i India".
//
// sentences are complete sentences in the order the groups first appear;
// count is the number of undertakings they name; parentLinks reports
// whether a sentence states a parent.
func establishedGroups(ps []chainParty, lz *i18n.Localizer) (sentences []string, count int, parentLinks bool) {
	and := lz.T("doc.and")
	type group struct {
		kind    int // 0 established, 1 named parent, 2 unnamed parent
		parent  string
		country string
		members []string // names (kind 0) or "name (country)" (kinds 1, 2)
		names   []string // the members' names
	}
	var groups []*group
	byKey := map[string]*group{}
	get := func(key string, g group) *group {
		if x, ok := byKey[key]; ok {
			return x
		}
		x := &g
		byKey[key] = x
		groups = append(groups, x)
		return x
	}
	for _, p := range ps {
		link := outsideEEA(p.parentCountry) && (p.parentCountry != p.country || p.parentName != "")
		switch {
		case link:
			member := p.name
			if p.country != "" && geo.Valid(p.country) {
				member += " (" + geo.Name(p.country, lz.Lang) + ")"
			}
			var g *group
			if p.parentName != "" {
				g = get("p|"+foldKey(p.parentName)+"|"+p.parentCountry, group{kind: 1, parent: p.parentName, country: p.parentCountry})
			} else {
				g = get("u|"+p.parentCountry, group{kind: 2, country: p.parentCountry})
			}
			g.members = append(g.members, member)
			g.names = append(g.names, p.name)
		case outsideEEA(p.country):
			g := get("e|"+p.country, group{kind: 0, country: p.country})
			g.members = append(g.members, p.name)
			g.names = append(g.names, p.name)
		}
	}
	// a named parent that is itself a party established in the parent's
	// country: its parent sentence says where it is established
	for _, g := range groups {
		if g.kind != 1 {
			continue
		}
		if e, ok := byKey["e|"+g.country]; ok {
			var keep, keepNames []string
			for i, n := range e.names {
				if foldKey(strings.TrimSpace(n)) != foldKey(g.parent) {
					keep, keepNames = append(keep, e.members[i]), append(keepNames, n)
				}
			}
			e.members, e.names = keep, keepNames
		}
	}
	for _, g := range groups {
		if len(g.members) == 0 {
			continue
		}
		country := geo.InText(g.country, lz.Lang)
		parties := joinAnd(g.members, and)
		plural := len(g.members) > 1
		switch g.kind {
		case 0:
			sentences = append(sentences, lz.T("fa.group_established", map[string]any{"Parties": parties, "Plural": plural, "Country": country}))
			count += len(g.members)
		case 1:
			sentences = append(sentences, lz.T("fa.group_parent_named", map[string]any{"Parent": g.parent, "Parties": parties, "Plural": plural, "Country": country}))
			count += 1 + len(g.members)
			parentLinks = true
		case 2:
			sentences = append(sentences, lz.T("fa.group_parent_unnamed", map[string]any{"Parties": parties, "Plural": plural, "Country": country}))
			count += len(g.members)
			parentLinks = true
		}
	}
	return sentences, count, parentLinks
}

// parentPhrases names, for the key clause, the parents established in a
// Non-Adequate Country (nonAdequate), once each with the parties they own:
// "Example Cloud Inc., som er morselskap til både Example Cloud Ireland Ltd
// og Example Cloud India Pvt Ltd"; the parties whose parent there is not
// named in one phrase: "morselskapet til A" / "morselskapene til A og B".
func parentPhrases(ps []chainParty, nonAdequate func(string) bool, lz *i18n.Localizer) []string {
	and := lz.T("doc.and")
	type group struct {
		parent string
		subs   []string
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, p := range ps {
		if !nonAdequate(p.parentCountry) {
			continue
		}
		key := foldKey(p.parentName)
		g, ok := byKey[key]
		if !ok {
			g = &group{parent: p.parentName}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.subs = append(g.subs, p.name)
	}
	out := make([]string, 0, len(groups))
	for _, g := range groups {
		args := map[string]any{"Parent": g.parent, "Parties": joinAnd(g.subs, and), "Both": len(g.subs) == 2, "Plural": len(g.subs) > 1}
		if g.parent == "" {
			out = append(out, lz.T("key.parent_unnamed", args))
		} else {
			out = append(out, lz.T("key.parent_of", args))
		}
	}
	return out
}

// eeaParentPhrases names, for the risk assessment, the parties established
// in the EEA whose parent is outside it, grouped by parent (and by the
// parent's country where it is not named): "A og B, som har morselskapet
// P i USA".
func eeaParentPhrases(ps []chainParty, lz *i18n.Localizer) []string {
	and := lz.T("doc.and")
	type group struct {
		parent, country string
		subs            []string
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, p := range ps {
		if !(p.country != "" && geo.InEEA(p.country) && outsideEEA(p.parentCountry)) {
			continue
		}
		key := foldKey(p.parentName) + "|" + p.parentCountry
		g, ok := byKey[key]
		if !ok {
			g = &group{parent: p.parentName, country: p.parentCountry}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.subs = append(g.subs, p.name)
	}
	out := make([]string, 0, len(groups))
	for _, g := range groups {
		out = append(out, lz.T("risk.eea_parent", map[string]any{"Party": joinAnd(g.subs, and), "Plural": len(g.subs) > 1, "Parent": g.parent, "Country": geo.InText(g.country, lz.Lang)}))
	}
	return out
}
