package diff

import (
	"strconv"
	"strings"

	"github.com/dpa-no/dpa/internal/doc"
)

// BlocksText is the plain text of blocks as the answers diff compares
// them: blocks separated by a blank line, one list item per line ("• " or
// "1. "), table rows one per line with cells separated by " | ".
func BlocksText(bs []doc.Block) string {
	var parts []string
	for _, b := range bs {
		var lines []string
		switch b.Kind {
		case doc.Bullets:
			for _, it := range b.Items {
				lines = append(lines, "• "+it)
			}
		case doc.Numbered:
			for i, it := range b.Items {
				lines = append(lines, strconv.Itoa(i+1)+". "+it)
			}
		case doc.TableKind:
			if b.Table != nil {
				if len(b.Table.Header) > 0 {
					lines = append(lines, strings.Join(b.Table.Header, " | "))
				}
				for _, row := range b.Table.Rows {
					lines = append(lines, strings.Join(row, " | "))
				}
			}
		default:
			lines = append(lines, b.Text)
		}
		for i, l := range lines {
			// a value with a line break stays on its line
			lines[i] = strings.ReplaceAll(l, "\n", " ")
		}
		if len(lines) > 0 {
			parts = append(parts, strings.Join(lines, "\n"))
		}
	}
	return strings.Join(parts, "\n\n")
}

// Documents compares two assembled agreements (in the same language)
// clause by clause, matched by clause id, so that renumbering is not
// reported as a change of text; number changes are listed in Renumbered.
// Generated annex content (tables, intro text) is compared per annex.
func Documents(old, new *doc.Document, o Options) *Report {
	lang := new.Lang
	r := &Report{Kind: "answers", Old: o.OldName, New: o.NewName, OldVersion: old.Meta.LibraryVersion,
		NewVersion: new.Meta.LibraryVersion, Langs: []string{lang}, Date: dateOr(new.Meta.Date), UILang: langOr(o.ExplainLang),
		Added: []string{}, Removed: []string{}, Changed: []ClauseChange{}}
	oldCl, newCl := old.AllClauses(), new.AllClauses()
	oldBy := map[string]*doc.Clause{}
	newBy := map[string]*doc.Clause{}
	oldNum := map[string]string{} // old number -> id
	for _, c := range oldCl {
		oldBy[c.ID] = c
		oldNum[c.Number] = c.ID
	}
	for _, c := range newCl {
		newBy[c.ID] = c
	}
	// renumbered: a replacement of an old clause number by the new
	// number of the same clause is not a change of text
	renum := func(del, ins string) bool {
		id, ok := oldNum[strings.TrimSpace(del)]
		if !ok {
			return false
		}
		nc := newBy[id]
		return nc != nil && nc.Number == strings.TrimSpace(ins)
	}
	onlyRenumbered := func(ops []Op) bool {
		if !HasChanges(ops) {
			return false
		}
		for i := 0; i < len(ops); i++ {
			if ops[i].Kind == Equal {
				continue
			}
			if ops[i].Kind == Delete && i+1 < len(ops) && ops[i+1].Kind == Insert && renum(ops[i].Text, ops[i+1].Text) {
				i++
				continue
			}
			return false
		}
		return true
	}
	clauseText := func(c *doc.Clause) string { return BlocksText(c.Blocks) }
	removedAfter := map[string][]*doc.Clause{}
	prev := ""
	for _, c := range oldCl {
		if newBy[c.ID] == nil {
			removedAfter[prev] = append(removedAfter[prev], c)
			r.Removed = append(r.Removed, c.ID)
			continue
		}
		prev = c.ID
	}
	whole := func(c *doc.Clause, status string) ClauseChange {
		k := Insert
		cc := ClauseChange{ID: c.ID, Status: status}
		if status == Removed {
			k = Delete
			cc.OldVersion, cc.OldNumber = c.Version, c.Number
		} else {
			cc.NewVersion, cc.NewNumber = c.Version, c.Number
		}
		cc.Title = map[string][]Op{lang: Whole(k, c.Title)}
		cc.Body = map[string][]Op{lang: Whole(k, clauseText(c))}
		return cc
	}
	emitRemoved := func(after string) {
		for _, c := range removedAfter[after] {
			r.Items = append(r.Items, whole(c, Removed))
		}
	}
	emitRemoved("")
	for _, nc := range newCl {
		oc := oldBy[nc.ID]
		if oc == nil {
			r.Added = append(r.Added, nc.ID)
			r.Items = append(r.Items, whole(nc, Added))
			continue
		}
		if oc.Number != nc.Number {
			r.Renumbered = append(r.Renumbered, Renumber{ID: nc.ID, OldNumber: oc.Number, NewNumber: nc.Number})
		}
		title := Words(oc.Title, nc.Title)
		body := Words(clauseText(oc), clauseText(nc))
		tch := HasChanges(title) && !onlyRenumbered(title)
		bch := HasChanges(body) && !onlyRenumbered(body)
		if tch || bch || oc.Version != nc.Version {
			cc := ClauseChange{ID: nc.ID, OldVersion: oc.Version, NewVersion: nc.Version, OldNumber: oc.Number, NewNumber: nc.Number,
				Status: Changed, Title: map[string][]Op{lang: title}, Body: map[string][]Op{lang: body}}
			r.Changed = append(r.Changed, cc)
			r.Items = append(r.Items, cc)
		}
		emitRemoved(nc.ID)
	}
	// the title block, parties and signatures
	if ops := Words(frontText(old), frontText(new)); HasChanges(ops) {
		r.Annexes = append(r.Annexes, AnnexChange{ID: "front-matter", Title: new.Labels.Parties + " / " + new.Labels.Signatures, Ops: ops})
	}
	// annexes: generated blocks, matched by id
	oldAn := map[string]*doc.Annex{}
	for i := range old.Annexes {
		oldAn[old.Annexes[i].ID] = &old.Annexes[i]
	}
	for i := range new.Annexes {
		na := &new.Annexes[i]
		ot := ""
		if oa := oldAn[na.ID]; oa != nil {
			ot = BlocksText(oa.Blocks)
		}
		ops := Words(ot, BlocksText(na.Blocks))
		if !HasChanges(ops) {
			continue
		}
		ac := AnnexChange{ID: na.ID, Letter: na.Letter, Title: na.Title, Ops: ops}
		if onlyRenumbered(ops) {
			continue
		}
		r.Annexes = append(r.Annexes, ac)
	}
	return r
}

// frontText is the text of the title block, the parties and the signature
// block, one value per line.
func frontText(d *doc.Document) string {
	var lines []string
	for _, kv := range d.TitleBlock.Rows {
		lines = append(lines, kv.Label+": "+kv.Value)
	}
	for _, p := range d.TitleBlock.Parties {
		lines = append(lines, p.Role)
		for _, kv := range p.Fields {
			lines = append(lines, kv.Label+": "+kv.Value)
		}
	}
	if d.TitleBlock.Intro != "" {
		lines = append(lines, d.TitleBlock.Intro)
	}
	for _, s := range d.Signatures.Parties {
		lines = append(lines, strings.Join([]string{s.Role, s.Party, s.Name, s.Title, s.Place, s.Date}, " | "))
	}
	for i, l := range lines {
		lines[i] = strings.ReplaceAll(l, "\n", " ")
	}
	return strings.Join(lines, "\n")
}
