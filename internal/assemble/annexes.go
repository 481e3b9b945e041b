package assemble

import (
	"strconv"
	"strings"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/geo"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
)

// generated builds the tables of a generated annex.
func generated(kind string, a *answers.Answers, res *Result, v *View, lib *library.Library, d *doc.Document, lz *i18n.Localizer) []doc.Block {
	para := func(id string, data ...interface{}) doc.Block {
		return doc.Block{Kind: doc.Paragraph, Text: lz.T(id, data...)}
	}
	text := func(t T) string { return clean(t.String()) }
	list := func(l L) string { return clean(l.Join()) }
	switch kind {
	case "processing":
		rows := [][]string{
			{lz.T("annex.a.service"), text(v.Service.Name) + optional(text(v.Service.Description), ": ")},
			{lz.T("annex.a.model"), v.Service.ModelName + ", " + v.Service.DeploymentName},
			{lz.T("annex.a.purposes"), list(v.Processing.Purposes)},
			{lz.T("annex.a.activities"), activities(v, lz)},
			{lz.T("annex.a.data_subjects"), list(v.Processing.DataSubjects)},
			{lz.T("annex.a.data_categories"), list(v.Processing.DataCategories)},
		}
		sc := lz.T("annex.a.none")
		if v.Processing.SpecialCategories.Set() {
			sc = list(v.Processing.SpecialCategories)
		}
		rows = append(rows, []string{lz.T("annex.a.special"), sc})
		if a.Processing.Volume != "" {
			rows = append(rows, []string{lz.T("annex.a.volume"), lz.T("volume." + a.Processing.Volume)})
		}
		rows = append(rows,
			[]string{lz.T("annex.a.duration"), text(v.Processing.Duration)},
			[]string{lz.T("annex.a.risk"), v.RiskLevelName},
		)
		return []doc.Block{{Kind: doc.TableKind, Table: &doc.Table{Header: []string{lz.T("annex.a.h.item"), lz.T("annex.a.h.description")}, Rows: rows, Widths: []int{1, 3}}}}
	case "subprocessors":
		if len(v.Subprocessors) == 0 {
			return []doc.Block{para("annex.b.none")}
		}
		var rows [][]string
		for _, s := range v.Subprocessors {
			country := text(s.CountryName)
			if s.ParentCountry != "" && s.ParentCountry != s.Country {
				country += " (" + lz.T("annex.b.parent") + ": " + text(s.ParentCountryName) + ")"
			}
			basis := s.TransferBasisName
			if s.DPFCertified {
				basis += " (" + lz.T("annex.b.dpf") + ")"
			}
			rows = append(rows, []string{text(s.Name), country, text(s.Service), listOrDash(s.Locations), listOrDash(s.AccessCountries), basis})
		}
		return []doc.Block{
			para("annex.b.intro"),
			{Kind: doc.TableKind, Table: &doc.Table{Header: []string{lz.T("annex.b.h.name"), lz.T("annex.b.h.country"), lz.T("annex.b.h.service"), lz.T("annex.b.h.locations"), lz.T("annex.b.h.access"), lz.T("annex.b.h.basis")}, Rows: rows, Widths: []int{3, 2, 3, 2, 2, 2}}},
		}
	case "locations":
		var out []doc.Block
		if len(v.Locations) == 0 {
			out = append(out, para("annex.c.none"))
		} else {
			var rows [][]string
			for _, l := range v.Locations {
				rows = append(rows, []string{text(l.Purpose), text(l.CountryName) + " (" + l.Country + ")", text(l.Address), text(l.Operator)})
			}
			out = append(out, para("annex.c.intro"), doc.Block{Kind: doc.TableKind, Table: &doc.Table{Header: []string{lz.T("annex.c.h.purpose"), lz.T("annex.c.h.country"), lz.T("annex.c.h.address"), lz.T("annex.c.h.operator")}, Rows: rows, Widths: []int{2, 2, 3, 2}}})
		}
		if len(a.AccessCountries) > 0 {
			out = append(out, para("annex.c.access", map[string]interface{}{"Countries": list(v.AccessCountries)}))
		}
		out = append(out, doc.Block{Kind: doc.Subhead, Text: lz.T("annex.c.transfers")})
		if len(v.Destinations) == 0 {
			out = append(out, para("annex.c.no_transfers"))
		} else {
			var rows [][]string
			for _, t := range v.Destinations {
				rows = append(rows, []string{text(t.Party), text(t.CountryName) + " (" + t.Country + ")", t.KindText, t.BasisName})
			}
			out = append(out, doc.Block{Kind: doc.TableKind, Table: &doc.Table{Header: []string{lz.T("annex.c.h.party"), lz.T("annex.c.h.country"), lz.T("annex.c.h.kind"), lz.T("annex.c.h.basis")}, Rows: rows, Widths: []int{3, 2, 3, 3}}})
		}
		out = append(out, para("annex.c.adequacy_date", map[string]interface{}{"Date": FormatDate(geo.Checked(), lz.Lang)}))
		return out
	case "measures":
		return []doc.Block{para("annex.d.intro", map[string]interface{}{"Model": v.Service.ModelName})}
	case "matrix":
		roles := func(r string) string { return lib.Matrix.Roles[r].Get(lz.Lang) }
		models := []string{a.Service.Model}
		if a.Service.Model == "" {
			models = []string{"saas", "paas", "iaas"}
		}
		header := []string{lz.T("annex.e.h.layer")}
		for _, m := range models {
			header = append(header, lz.T("model."+m))
		}
		var rows [][]string
		for _, layer := range lib.Matrix.Layers {
			row := []string{layer.Name.Get(lz.Lang)}
			for _, m := range models {
				row = append(row, roles(layer.For(m)))
			}
			rows = append(rows, row)
		}
		return []doc.Block{para("annex.e.intro", map[string]interface{}{"Model": v.Service.ModelName}),
			{Kind: doc.TableKind, Table: &doc.Table{Header: header, Rows: rows}}}
	case "traceability":
		var rows [][]string
		for _, c := range res.Coverage {
			if !c.Applicable {
				continue
			}
			r := lib.Requirement(c.Key)
			clauses := strings.Join(c.Clauses, ", ")
			if clauses == "" {
				clauses = "—"
			}
			rows = append(rows, []string{c.Key, r.About.Get(lz.Lang), clauses, Cite(r.Source, lz.Lang)})
		}
		var refs [][]string
		for _, c := range d.AllClauses() {
			refs = append(refs, []string{c.Number, c.Title, c.ID + "@" + strconv.Itoa(c.Version)})
		}
		return []doc.Block{
			para("annex.f.intro"),
			{Kind: doc.TableKind, Table: &doc.Table{Header: []string{lz.T("annex.f.h.key"), lz.T("annex.f.h.about"), lz.T("annex.f.h.clauses"), lz.T("annex.f.h.source")}, Rows: rows, Widths: []int{3, 4, 1, 3}}},
			{Kind: doc.Subhead, Text: lz.T("doc.clause_list")},
			para("annex.f.library", map[string]interface{}{"Version": lib.Version, "Fingerprint": d.Meta.FingerprintShort}),
			{Kind: doc.TableKind, Table: &doc.Table{Header: []string{lz.T("annex.f.h.number"), lz.T("annex.f.h.title"), lz.T("annex.f.h.version")}, Rows: refs, Widths: []int{1, 4, 3}}},
		}
	}
	return nil
}

func optional(s, sep string) string {
	if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "[") {
		return ""
	}
	return sep + s
}

func listOrDash(l L) string {
	if !l.Set() {
		return "—"
	}
	return clean(l.Join())
}

// activities describes the nature of the processing; without answers it is
// the processing needed to deliver the service (a blank only in drafts).
func activities(v *View, lz *i18n.Localizer) string {
	if v.Processing.Activities.Set() || v.Draft {
		return clean(v.Processing.Activities.Join())
	}
	return lz.T("annex.a.activities_default")
}
