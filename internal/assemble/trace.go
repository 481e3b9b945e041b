package assemble

import (
	"strconv"
	"strings"

	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/geo"
	"github.com/dpa-no/dpa/internal/i18n"
)

// Trace builds the traceability document of an agreement d rendered from res: every
// applicable requirement with the clauses that meet it and its source, and
// every clause with its id@version. It is a review aid written beside the
// agreement (<base>.<lang>.trace.<ext>), not a part of it: the agreement
// itself carries only the fingerprint in its footer.
func Trace(res *Result, d *doc.Document) *doc.Document {
	lz := i18n.For(d.Lang)
	lib := res.lib
	t := &doc.Document{
		Lang:      d.Lang,
		Title:     lz.T("trace.title"),
		Subtitle:  d.Title + ": " + d.Subtitle,
		Draft:     d.Draft,
		DraftMark: d.DraftMark,
		Labels:    d.Labels,
		Meta:      d.Meta,
		Coverage:  d.Coverage,
	}
	t.Meta.Subject = t.Title + ": " + t.Subtitle
	t.TitleBlock.Rows = append(t.TitleBlock.Rows, d.TitleBlock.Rows...)
	for _, p := range d.TitleBlock.Parties {
		t.TitleBlock.Rows = append(t.TitleBlock.Rows, doc.KV{Label: p.Role, Value: p.Name})
	}
	t.TitleBlock.Rows = append(t.TitleBlock.Rows,
		doc.KV{Label: lz.T("doc.library"), Value: lib.Version},
		doc.KV{Label: lz.T("doc.fingerprint"), Value: d.Meta.FingerprintShort},
		// the date of dpa's country data is a fact about the data, not a
		// term of the Agreement: it is stated here, not in the agreement
		doc.KV{Label: lz.T("trace.country_data"), Value: FormatDate(geo.Checked(), d.Lang)})

	table := func(header []string, rows [][]string, widths ...int) doc.Block {
		if rows == nil {
			rows = [][]string{}
		}
		return doc.Block{Kind: doc.TableKind, Table: &doc.Table{Header: header, Rows: rows, Widths: widths}}
	}
	var reqs [][]string
	for _, c := range res.Coverage {
		if !c.Applicable {
			continue
		}
		about := ""
		if r := lib.Requirement(c.Key); r != nil {
			about = r.About.Get(d.Lang)
		}
		clauses := strings.Join(c.Clauses, ", ")
		if clauses == "" {
			clauses = "—"
		}
		reqs = append(reqs, []string{c.Key, about, clauses, Cite(c.Source, d.Lang)})
	}
	var refs [][]string
	for _, c := range d.AllClauses() {
		refs = append(refs, []string{c.Number, c.Title, c.ID + "@" + strconv.Itoa(c.Version)})
	}
	para := func(id string, data ...any) doc.Block {
		return doc.Block{Kind: doc.Paragraph, Text: lz.T(id, data...)}
	}
	t.Sections = []doc.Section{
		{ID: "trace-about", Number: "1", Title: lz.T("trace.about.title"), Clauses: []doc.Clause{{
			ID: "trace-about", Number: "1.1", Title: lz.T("trace.about.clause"),
			Blocks: []doc.Block{para("trace.about.p1"), para("trace.about.p2")},
		}}},
		{ID: "trace-requirements", Number: "2", Title: lz.T("trace.requirements.title"), Clauses: []doc.Clause{{
			ID: "trace-requirements", Number: "2.1", Title: lz.T("trace.requirements.clause"),
			Blocks: []doc.Block{
				para("annex.f.intro"),
				table([]string{lz.T("annex.f.h.key"), lz.T("annex.f.h.about"), lz.T("annex.f.h.clauses"), lz.T("annex.f.h.source")}, reqs, 3, 4, 1, 3),
			},
		}}},
		{ID: "trace-clauses", Number: "3", Title: lz.T("doc.clause_list"), Clauses: []doc.Clause{{
			ID: "trace-clauses", Number: "3.1", Title: lz.T("trace.clauses.clause"),
			Blocks: []doc.Block{
				para("annex.f.library", map[string]any{"Version": lib.Version, "Fingerprint": d.Meta.FingerprintShort}),
				table([]string{lz.T("annex.f.h.number"), lz.T("annex.f.h.title"), lz.T("annex.f.h.version")}, refs, 1, 4, 3),
			},
		}}},
	}
	return t
}
