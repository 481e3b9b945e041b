package checkjson

import (
	"sort"
	"strings"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
)

// The fill-in blanks of a draft (moved here from internal/cli so that
// `dpa check` and the web review list the same blanks).

// Blank is one fill-in blank of a draft: its text, where it appears and
// which answers fill it.
type Blank struct {
	Text  string   `json:"text"`
	Where []string `json:"where"`
	Paths []string `json:"paths"`
}

// blankTexts returns the blank texts of lang ("[Databehandlers navn]") and,
// for each, the message ids that give it (several ids share "[land]").
func blankTexts(lang string) (texts []string, ids map[string][]string) {
	all, _ := i18n.IDs(lang)
	sort.Strings(all)
	lz := i18n.For(lang)
	ids = map[string][]string{}
	for _, id := range all {
		if !strings.HasPrefix(id, "blank.") {
			continue
		}
		t := lz.T(id)
		if _, ok := ids[t]; !ok {
			texts = append(texts, t)
		}
		ids[t] = append(ids[t], id)
	}
	return texts, ids
}

// blankPath maps a blank's message id to the answers field that fills it
// ("" when the blank stands for something assembled from several answers).
func blankPath(id string) []string {
	s := strings.TrimPrefix(id, "blank.")
	try := []string{s, "agreement." + s, "processing." + s}
	if r, ok := strings.CutPrefix(s, "location."); ok {
		try = append(try, "locations[]."+r)
	}
	if r, ok := strings.CutPrefix(s, "subprocessor."); ok {
		try = append(try, "subprocessors[]."+r)
	}
	if strings.HasPrefix(s, "key_service.") {
		try = append(try, "security."+s)
	}
	for _, who := range []string{"controller", "processor"} {
		if r, ok := strings.CutPrefix(s, who+"."); ok {
			switch r {
			case "contact":
				try = append(try, who+".contact.name")
			case "email", "phone":
				try = append(try, who+".contact."+r)
			case "signatory":
				try = append(try, who+".signatory.name")
			case "signatory_title":
				try = append(try, who+".signatory.title")
			}
		}
	}
	switch s {
	case "transfer_basis":
		return []string{"processor.transfer_basis", "subprocessors[].transfer_basis"}
	case "dpf":
		return []string{"processor.dpf_certified", "subprocessors[].dpf_certified"}
	case "countries":
		return []string{"locations[].country", "access_countries"}
	}
	for _, p := range try {
		if f, ok := answers.FieldByPath(p); ok && f.Kind != "object" {
			return []string{p}
		}
	}
	return nil
}

// DraftBlanks lists every blank text that appears in the document, in the
// order of first appearance, with the places it appears in.
// The blanks are in the document's language, the places in ui's.
func DraftBlanks(d *doc.Document, ui *i18n.Localizer) []Blank {
	texts, ids := blankTexts(d.Lang)
	var out []Blank
	index := map[string]int{}
	note := func(where, s string) {
		if !strings.Contains(s, "[") {
			return
		}
		for _, t := range texts {
			if !strings.Contains(s, t) {
				continue
			}
			i, ok := index[t]
			if !ok {
				i = len(out)
				index[t] = i
				var paths []string
				for _, id := range ids[t] {
					for _, p := range blankPath(id) {
						if !contains(paths, p) {
							paths = append(paths, p)
						}
					}
				}
				out = append(out, Blank{Text: t, Paths: paths})
			}
			if !contains(out[i].Where, where) {
				out[i].Where = append(out[i].Where, where)
			}
		}
	}
	blocks := func(where string, bs []doc.Block) {
		for _, b := range bs {
			note(where, b.Text)
			for _, it := range b.Items {
				note(where, it)
			}
			if b.Table != nil {
				for _, h := range b.Table.Header {
					note(where, h)
				}
				for _, r := range b.Table.Rows {
					for _, c := range r {
						note(where, c)
					}
				}
			}
		}
	}
	front := ui.T("check.place.front")
	note(front, d.Subtitle)
	for _, r := range d.TitleBlock.Rows {
		note(front, r.Value)
	}
	for _, p := range d.TitleBlock.Parties {
		for _, s := range []string{p.Name, p.OrgID, p.Address, p.Contact} {
			note(front, s)
		}
		for _, kv := range p.Fields {
			note(front, kv.Value)
		}
	}
	for _, s := range d.Sections {
		for _, c := range s.Clauses {
			where := c.Number
			note(where, c.Title)
			blocks(where, c.Blocks)
		}
	}
	for _, a := range d.Annexes {
		where := ui.T("doc.annex") + " " + a.Letter
		blocks(where, a.Blocks)
		for _, c := range a.Clauses {
			note(c.Number, c.Title)
			blocks(c.Number, c.Blocks)
		}
	}
	sig := ui.T("check.place.signatures")
	for _, p := range d.Signatures.Parties {
		for _, s := range []string{p.Party, p.Name, p.Title, p.Place, p.Date} {
			note(sig, s)
		}
	}
	return out
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
