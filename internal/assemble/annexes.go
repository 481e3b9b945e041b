package assemble

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/geo"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/rules"
)

// annexGen builds the generated part of the annexes.
type annexGen struct {
	a    *answers.Answers
	res  *Result
	v    *View
	lib  *library.Library
	d    *doc.Document
	lz   *i18n.Localizer
	nums map[string]string // clause id -> number in this agreement
	// indices into Facts.Transfers by recipient path and into
	// Facts.Destinations by party path (built once: annex B stays linear)
	transfersTo, destsOf map[string][]int
}

// matrixRefs names, per layer of the responsibility matrix, the clause that
// divides a shared responsibility between the Parties.
var matrixRefs = map[string]string{
	"network":             "model-iaas",
	"data":                "responsibility-split",
	"user_administration": "access-control",
	"backup":              "backup-restore",
}

// generated builds the tables of a generated annex.
func generated(kind string, a *answers.Answers, res *Result, v *View, lib *library.Library, d *doc.Document, lz *i18n.Localizer) []doc.Block {
	g := &annexGen{a: a, res: res, v: v, lib: lib, d: d, lz: lz, nums: map[string]string{}}
	for _, c := range d.AllClauses() {
		g.nums[c.ID] = c.Number
	}
	g.transfersTo, g.destsOf = map[string][]int{}, map[string][]int{}
	for i, t := range res.Facts.Transfers {
		g.transfersTo[t.RecipientPath] = append(g.transfersTo[t.RecipientPath], i)
	}
	for i, d := range res.Facts.Destinations {
		g.destsOf[d.PartyPath] = append(g.destsOf[d.PartyPath], i)
	}
	switch kind {
	case "processing":
		return g.processing()
	case "subprocessors":
		return g.subprocessors()
	case "locations":
		return g.locations()
	case "measures":
		return []doc.Block{g.para("annex.d.intro", map[string]any{"Model": v.Service.ModelName})}
	case "matrix":
		return g.matrix()
	case "contacts":
		return g.contacts()
	}
	return nil
}

func (g *annexGen) para(id string, data ...any) doc.Block {
	return doc.Block{Kind: doc.Paragraph, Text: g.lz.T(id, data...)}
}

func (g *annexGen) table(header []string, rows [][]string, widths ...int) doc.Block {
	return doc.Block{Kind: doc.TableKind, Table: &doc.Table{Header: header, Rows: rows, Widths: widths}}
}

// ref is ", jf. punkt 6.4" for a clause of this agreement, or "" when the
// clause is not part of it.
func (g *annexGen) ref(id string) string {
	n, ok := g.nums[id]
	if !ok {
		return ""
	}
	return g.lz.T("annex.ref", map[string]any{"N": refMark(id, n)})
}

// recipientRuleRef refers to where the rule that only the named recipient
// receives or reaches the data in a third country is laid down: the second
// paragraph of the clause on transfer bases and the clause on remote
// access (findings A-19, B-18), as far as the agreement has them.
func (g *annexGen) recipientRuleRef() string {
	basis, remote := g.mark("transfer-basis"), g.mark("remote-access")
	switch {
	case basis != "" && remote != "":
		return g.lz.T("annex.ref_recipient", map[string]any{"Basis": basis, "Remote": remote})
	case basis != "":
		return g.lz.T("annex.ref_recipient_basis", map[string]any{"Basis": basis})
	case remote != "":
		return g.ref("remote-access")
	}
	return g.ref("transfer-instruction")
}

// mark is the number of clause id with reference markers ("" when absent).
func (g *annexGen) mark(id string) string {
	n, ok := g.nums[id]
	if !ok {
		return ""
	}
	return refMark(id, n)
}

func val(t T) string { return clean(t.String()) }

// items prints a list from the answers in a table cell: separated by commas,
// or by semicolons when an item itself contains a comma or a conjunction, so
// that the boundary between items stays clear ("a; b, c og d" rather than
// "a, b, c og d"). No conjunction is added, so no word of the document's
// language is mixed into values written in another language.
func items(l L) string {
	var xs []string
	for _, s := range l.Items {
		if s = strings.TrimSpace(s); s != "" {
			xs = append(xs, s)
		}
	}
	if len(xs) < 2 {
		return clean(l.Join())
	}
	sep := ", "
	for _, s := range xs {
		if strings.Contains(s, ",") || strings.Contains(s, " og ") || strings.Contains(s, " and ") {
			sep = "; "
		}
	}
	return clean(string(mOpen) + data(strings.Join(xs, sep)) + string(mClose))
}

// mentions reports whether s contains one of words (case-insensitive).
func mentions(s string, words ...string) bool {
	s = strings.ToLower(s)
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// country prints "Irland (IE), innenfor EØS", or the blank.
func (g *annexGen) country(name T, code string) string {
	if code == "" {
		return val(name)
	}
	eea := g.lz.T("annex.c.eea_out")
	if geo.InEEA(code) {
		eea = g.lz.T("annex.c.eea_in")
	}
	// a table cell: the bare name, without the article of running text
	if geo.Valid(code) {
		return clean(geo.Name(code, g.lz.Lang)) + " (" + code + "), " + eea
	}
	return val(name) + " (" + code + "), " + eea
}

// ---- annex A -------------------------------------------------------------

// dataSubjects prints the categories of data subjects as answered and, for
// a patient record that does not name them, the third persons every patient
// record holds, with a note that they were added because the Service is a
// patient record: they are a category of data subjects (GDPR art. 28(3)),
// not other data (finding A-26).
func (g *annexGen) dataSubjects() string {
	a, lz := g.a, g.lz
	out := items(g.v.Processing.DataSubjects)
	if answers.Yes(a.Risk.PatientRecord) && !mentions(strings.Join(a.Processing.DataSubjects, " "), "pårørende", "next of kin", "relatives") {
		out = strings.TrimRight(out, ".; ") + "; " + lz.T("annex.a.subjects_record")
	}
	return out
}

func (g *annexGen) processing() []doc.Block {
	a, v, lz := g.a, g.v, g.lz
	rows := [][]string{
		{lz.T("annex.a.service"), val(v.Service.Name) + optional(val(v.Service.Description), ": ")},
		{lz.T("annex.a.model"), v.Service.ModelName + ", " + v.Service.DeploymentName},
		{lz.T("annex.a.purposes"), items(v.Processing.Purposes)},
		{lz.T("annex.a.activities"), g.activities()},
		{lz.T("annex.a.data_subjects"), g.dataSubjects()},
		{lz.T("annex.a.data_categories"), items(v.Processing.DataCategories)},
	}
	// an explicit [] is "none"; an absent answer is a blank, never "none"
	sc := clean(v.Processing.SpecialCategories.Join())
	if a.Processing.SpecialCategories != nil && !v.Processing.SpecialCategories.Set() {
		sc = lz.T("annex.a.none")
	}
	rows = append(rows, []string{lz.T("annex.a.special"), sc})
	// data the Agreement itself requires to be processed (user accounts and
	// logs)
	rows = append(rows, []string{lz.T("annex.a.also"), lz.T("annex.a.also_users")})
	if a.Processing.Volume != "" {
		rows = append(rows, []string{lz.T("annex.a.volume"), lz.T("volume." + a.Processing.Volume)})
	}
	duration := val(v.Processing.Duration)
	if n, ok := g.nums["deletion"]; ok && !mentions(a.Processing.Duration, "slett", "delet", "erase") {
		// the section on return and deletion
		for _, s := range g.d.Sections {
			for _, c := range s.Clauses {
				if c.ID == "deletion" {
					n = refMarkKind(doc.RefSection, s.ID, s.Number)
				}
			}
		}
		duration = strings.TrimRight(duration, ". ") + "; " + lz.T("annex.a.duration_end", map[string]any{"N": n})
	}
	rows = append(rows, []string{lz.T("annex.a.duration"), duration})
	var features, undecided []string
	for _, f := range []struct {
		on         *bool
		key, claus string
	}{
		{a.Risk.PatientRecord, "patient_record", "patient-record"},
		{a.Risk.HealthRegister, "health_register", "health-register"},
		{a.Risk.RemoteMonitoring, "remote_monitoring", "remote-monitoring"},
		{a.Risk.NationalFunction, "national_function", "security-act"},
		{a.Risk.Migration, "migration", "migration"},
	} {
		switch {
		case answers.Yes(f.on):
			features = append(features, lz.T("annex.a.feature."+f.key, map[string]any{"Ref": g.ref(f.claus)}))
		case f.on == nil:
			undecided = append(undecided, lz.T("annex.a.undecided."+f.key))
		}
	}
	if len(features) > 0 {
		rows = append(rows, []string{lz.T("annex.a.features"), strings.Join(features, " ")})
	}
	// an unanswered yes/no is a visible blank, never read as "no"
	if len(undecided) > 0 {
		rows = append(rows, []string{lz.T("annex.a.undecided"), lz.T("annex.a.undecided_text", map[string]any{"List": joinAnd(undecided, lz.T("doc.and"))})})
	}
	rows = append(rows, []string{lz.T("annex.a.risk"), g.riskText()})
	return []doc.Block{g.table([]string{lz.T("annex.a.h.item"), lz.T("annex.a.h.description")}, rows, 1, 3)}
}

// activities describes the nature of the processing: the answer, or else
// the processing that the chosen service model involves. An answer is
// followed by the activities the Agreement itself requires of the
// Processor (annex A is part of the instruction, and A.1 forbids what it
// does not describe), each with the clause that requires it.
func (g *annexGen) activities() string {
	v, lz := g.v, g.lz
	if v.Processing.Activities.Set() {
		var req []string
		add := func(key, id string) {
			if n := g.mark(id); n != "" {
				req = append(req, lz.T("annex.a.required."+key, map[string]any{"N": n}))
			}
		}
		if answers.Yes(g.a.Risk.Migration) {
			add("migration", "migration")
		}
		add("remote_access", "remote-access")
		if v.ArchiveCopyDelivered {
			add("archive_copy", "archive-abroad")
		}
		add("rights", "data-subject-rights")
		add("return", "return-of-data")
		add("deletion", "deletion")
		s := items(v.Processing.Activities)
		if len(req) > 0 {
			s = strings.TrimRight(s, ". ") + "; " + lz.T("annex.a.required", map[string]any{"List": joinAnd(req, lz.T("doc.and"))})
		}
		return s
	}
	key := "annex.a.activities_default"
	if m := v.Service.Model; m != "" && lz.Has(key+"."+m) {
		key += "." + m
	}
	s := lz.T(key)
	if answers.Yes(g.a.Risk.Migration) {
		s += "; " + lz.T("annex.a.activities_migration")
	}
	if n := g.mark("archive-abroad"); n != "" && v.ArchiveCopyDelivered {
		s += "; " + lz.T("annex.a.required.archive_copy", map[string]any{"N": n})
	}
	return s
}

// riskText names the risk level and what it rests on: the reasons
// rules.deriveRisk returned with the level (Facts.RiskReasons).
func (g *annexGen) riskText() string {
	f, lz := g.res.Facts, g.lz
	var reasons []string
	for _, r := range f.RiskReasons {
		switch r.Code {
		case rules.RiskNone:
			continue
		case rules.RiskDeployment:
			reasons = append(reasons, lz.T("annex.a.reason."+r.Deployment))
		case rules.RiskTransfer:
			if r.Restricted {
				reasons = append(reasons, lz.T("annex.a.reason.transfer_restricted", map[string]any{"Countries": clean(g.v.RestrictedCountries.String())}))
			} else {
				reasons = append(reasons, lz.T("annex.a.reason.transfer"))
			}
		case rules.RiskAffiliated:
			// name the links the facts show instead of "a party or its
			// parent in a country without adequacy or in the United
			// States" (finding R5A-18)
			if links := g.affiliationLinks(); links != "" {
				reasons = append(reasons, lz.T("annex.a.reason.affiliated_named", map[string]any{"Links": links}))
			} else {
				reasons = append(reasons, lz.T("annex.a.reason."+r.Code))
			}
		case rules.RiskContentScheme:
			// the wording follows the status of the schemes in annex C: a
			// country whose content schemes are all pending has no access
			// to content under a scheme, only per task (finding R8-10)
			if len(r.Pending) < len(r.Countries) {
				reasons = append(reasons, lz.T("annex.a.reason."+r.Code))
			}
			if len(r.Pending) > 0 {
				names := make([]string, len(r.Pending))
				for i, c := range r.Pending {
					names[i] = clean(geo.InText(c, lz.Lang))
				}
				reasons = append(reasons, lz.T("annex.a.reason.content_scheme_pending", map[string]any{"Countries": joinAnd(names, lz.T("doc.and")), "N": refMark("remote-access", g.nums["remote-access"])}))
			}
		default:
			reasons = append(reasons, lz.T("annex.a.reason."+r.Code))
		}
	}
	if len(reasons) == 0 {
		return g.v.RiskLevelName
	}
	return lz.T("annex.a.risk_basis", map[string]any{"Level": g.v.RiskLevelName, "Reasons": joinAnd(reasons, lz.T("doc.and"))})
}

// ---- annex B -------------------------------------------------------------

func (g *annexGen) subprocessors() []doc.Block {
	v, lz := g.v, g.lz
	if len(v.Subprocessors) == 0 {
		if !v.Tender {
			return []doc.Block{g.para("annex.b.none")}
		}
		// a tender draft: one table for the supplier to fill in
		b := func(id string) string { return lz.T("blank." + id) }
		rows := [][]string{
			{lz.T("annex.b.r.name"), b("subprocessor.name")},
			{lz.T("annex.b.r.service"), b("subprocessor.service")},
			{lz.T("annex.b.r.country"), b("subprocessor.country")},
			{lz.T("annex.b.r.parent"), b("subprocessor.parent_country")},
			{lz.T("annex.b.r.locations"), b("countries")},
			{lz.T("annex.b.r.access"), b("countries")},
			{lz.T("annex.b.r.basis"), b("transfer_basis")},
			{lz.T("annex.b.r.dpf"), b("dpf")},
		}
		// no transfers permitted: no basis or DPF to fill in, only whether
		// everything stays in the EEA (finding R5A-22)
		if v.NoTransfersPosition {
			rows = append(rows[:len(rows)-2], []string{lz.T("annex.b.r.eea_only"), b("eea_only")})
		}
		return []doc.Block{g.table([]string{lz.T("annex.a.h.item"), lz.T("annex.a.h.description")}, rows, 2, 5), g.para("annex.b.draft_note")}
	}
	intro := "annex.b.intro"
	if len(v.Subprocessors) == 1 {
		intro = "annex.b.intro_one"
	}
	out := []doc.Block{g.para(intro)}
	for i, s := range v.Subprocessors {
		out = append(out, doc.Block{Kind: doc.Subhead, Text: lz.T("annex.b.heading", map[string]any{"N": i + 1, "Name": val(s.Name)})})
		out = append(out, g.table([]string{lz.T("annex.a.h.item"), lz.T("annex.a.h.description")}, g.subprocessorRows(s, "subprocessors["+strconv.Itoa(i)+"]"), 2, 5))
	}
	if v.Tender {
		out = append(out, g.para("annex.b.draft_note_more"))
	}
	return out
}

func (g *annexGen) subprocessorRows(s SubprocessorV, path string) [][]string {
	v, lz := g.v, g.lz
	countries := func(l L) string {
		if !l.Set() && !v.Tender {
			return lz.T("annex.b.none_value")
		}
		return clean(l.Join())
	}
	parent := lz.T("annex.b.no_parent")
	if s.ParentCountry != "" || v.Tender {
		parent = g.country(s.ParentCountryName, s.ParentCountry)
		if s.ParentName.V != "" {
			parent = lz.T("annex.b.parent_named", map[string]any{"Country": parent, "Parent": clean(s.ParentName.V)})
		}
	}
	// no storage of its own: the Sub-processor reaches the data only
	// from the countries it has access from
	locations := countries(s.Locations)
	if !s.Locations.Set() && s.AccessCountries.Set() && !v.Tender {
		locations = lz.T("annex.b.remote_only", map[string]any{"Countries": clean(s.AccessCountries.Join())})
	}
	var bases, recipients, tias []string
	us := false
	usBasis := ""
	seen := map[string]bool{}
	for _, ti := range g.transfersTo[path] {
		t := g.res.Facts.Transfers[ti]
		cname := geo.Name(t.Country, lz.Lang)
		if t.RecipientKind != "" {
			// this Sub-processor receives or reaches the data in the country
			if t.Country == "US" {
				us = true
				if !t.Adequate && (t.Basis == "scc" || t.Basis == "bcr") {
					usBasis = lz.T("basis." + t.Basis)
				}
			}
			b := g.basisText(t)
			if !seen[b] {
				seen[b] = true
				bases = append(bases, b)
			}
			if t.Restricted {
				tias = append(tias, lz.T("annex.b.tia_entry", map[string]any{"Country": cname, "Laws": clean(lawsText(lz, t.Laws)), "Status": g.tiaText(t)}))
			}
		}
	}
	// who receives or reaches the data in each third country the
	// Sub-processor names
	for _, di := range g.destsOf[path] {
		d := g.res.Facts.Destinations[di]
		if d.Kind == "establishment" || seen["r"+d.Country] {
			continue
		}
		seen["r"+d.Country] = true
		cname := geo.Name(d.Country, lz.Lang)
		switch {
		case d.RecipientKind == "":
			recipients = append(recipients, lz.T("annex.b.recipient_none", map[string]any{"Country": cname}))
		case d.RecipientKind == "own_staff":
			recipients = append(recipients, lz.T("annex.b.recipient_own", map[string]any{"Country": cname}))
		case d.RecipientPath == path:
			recipients = append(recipients, lz.T("annex.b.recipient_self", map[string]any{"Country": cname}))
		default:
			recipients = append(recipients, lz.T("annex.b.recipient_sub", map[string]any{"Country": cname, "Name": clean(d.Recipient)}))
		}
	}
	basis := lz.T("annex.b.no_transfer")
	if len(recipients) > 0 {
		basis = lz.T("annex.b.no_transfer_via")
	}
	if len(bases) > 0 {
		basis = strings.Join(bases, "; ")
	}
	rows := [][]string{
		{lz.T("annex.b.r.name"), val(s.Name)},
		{lz.T("annex.b.r.service"), val(s.Service)},
		{lz.T("annex.b.r.country"), g.country(s.CountryName, s.Country)},
		{lz.T("annex.b.r.parent"), parent},
		{lz.T("annex.b.r.locations"), locations},
		{lz.T("annex.b.r.access"), g.ownAccess(s, path)},
		{lz.T("annex.b.r.basis"), basis},
	}
	if len(recipients) > 0 {
		rows = append(rows, []string{lz.T("annex.b.r.recipients"), strings.Join(recipients, "; ")})
	}
	if len(tias) > 0 {
		rows = append(rows, []string{lz.T("annex.b.r.tia"), strings.Join(tias, "; ")})
	}
	if us {
		// the row says what the answers say: certified, stated not to be
		// certified, or not stated (absent is not an answered no, and the
		// agreement never claims a check of the DPF List nobody made)
		var dpf string
		switch {
		case s.DPFCertified:
			dpf = lz.T("annex.b.dpf_yes")
		case s.DPFStated:
			dpf = lz.T("annex.b.dpf_stated_no", map[string]any{"Name": val(s.Name)})
		case usBasis != "":
			dpf = lz.T("annex.b.dpf_unstated_basis", map[string]any{"Basis": usBasis})
		default:
			dpf = lz.T("annex.b.dpf_unstated")
		}
		rows = append(rows, []string{lz.T("annex.b.r.dpf"), upperFirst(dpf)})
	}
	return rows
}

// ---- annex C -------------------------------------------------------------

// foldKey maps s to a key that two strings share exactly when
// strings.EqualFold holds for them: every rune is replaced by the smallest
// rune of its simple case-folding orbit.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < m {
				m = f
			}
		}
		b.WriteRune(m)
	}
	return b.String()
}

func (g *annexGen) locations() []doc.Block {
	a, v, lz := g.a, g.v, g.lz
	b := func(id string) string { return lz.T("blank." + id) }
	var out []doc.Block

	// where the data is stored and processed
	var rows [][]string
	for _, l := range v.Locations {
		rows = append(rows, []string{val(l.Purpose), g.country(l.CountryName, l.Country), val(l.Address), val(l.Operator)})
	}
	// countries where a Sub-processor stores or processes data without a
	// location of its own above
	notStated := lz.T("annex.c.not_stated")
	addrMissing := lz.T("annex.c.address_missing", map[string]any{"Ref": g.ref("processing-locations")})
	// a location of its own: same country, operator named as the
	// Sub-processor (strings.EqualFold, looked up instead of compared with
	// every location)
	own := map[[2]string]bool{}
	for _, l := range a.Locations {
		own[[2]string{l.Country, foldKey(strings.TrimSpace(l.Operator))}] = true
	}
	for i, s := range a.Subprocessors {
		sv := v.Subprocessors[i]
		name := foldKey(strings.TrimSpace(s.Name))
		for _, c := range s.Locations {
			if own[[2]string{c, name}] || c == "" {
				continue
			}
			purpose, addr := val(sv.Service), b("location.address")
			if !v.Tender {
				addr = addrMissing
				if !sv.Service.Set() {
					purpose = notStated
				}
			}
			rows = append(rows, []string{purpose, g.country(T{V: geo.Name(c, lz.Lang)}, c), addr, val(sv.Name)})
		}
	}
	// the key service holding the keys to the stored data (clause
	// encryption): its own row, so that a change of operator or country
	// has a listed place to be measured against (clause
	// processing-locations), with its address as every location has one
	// (a blank until answered; dpa check: missing-location-address)
	ks := keyService(a)
	if ks != nil {
		rows = append(rows, []string{lz.T("annex.c.key_purpose", map[string]any{"Ref": g.mark("encryption")}), g.country(T{V: geo.Name(ks.Country, lz.Lang)}, ks.Country), val(T{V: ks.Address, Blank: b("key_service.address")}), clean(strings.TrimSpace(ks.Operator))})
	}
	header := []string{lz.T("annex.c.h.purpose"), lz.T("annex.c.h.country"), lz.T("annex.c.h.address"), lz.T("annex.c.h.operator")}
	switch {
	case len(rows) > 0:
		out = append(out, g.para("annex.c.intro"), g.table(header, rows, 2, 2, 3, 2))
		if v.Tender {
			out = append(out, g.para("annex.c.draft_locations"))
		}
	case v.Tender:
		out = append(out, g.para("annex.c.intro"),
			g.table(header, [][]string{{b("location.purpose"), b("location.country"), b("location.address"), b("location.operator")}}, 2, 2, 3, 2),
			g.para("annex.c.draft_locations"))
	default:
		out = append(out, g.para("annex.c.none"))
	}

	// who may reach the data from which country
	out = append(out, doc.Block{Kind: doc.Subhead, Text: lz.T("annex.c.access_head")})
	// Each row names the undertaking whose staff reach the data from the
	// country: outside the EEA that is the recipient the rules derived for
	// the country (the party itself, its own staff, or the named recipient),
	// never a party that gives access there only through another one.
	var access [][]string
	seen := map[string]bool{}
	type via struct{ party, recipient T }
	var vias []via
	viaCountries := map[via][]string{}
	addRow := func(who, key, c string) {
		key += "\x00" + c
		if seen[key] {
			return
		}
		seen[key] = true
		access = append(access, []string{who, g.country(T{V: geo.Name(c, lz.Lang)}, c)})
	}
	addAccess := func(party T, path string, codes []string) {
		for _, c := range codes {
			if c == "" {
				continue
			}
			d, ok := g.accessDest(path, c)
			switch {
			case !ok || d.RecipientPath == path:
				addRow(val(party), party.Plain(), c)
			case d.RecipientKind == "":
				addRow(lz.T("recipient.unidentified_for", map[string]any{"Party": val(party)}), "\x01"+party.Plain(), c)
			default:
				r := g.partyName(d.RecipientPath)
				addRow(val(r), r.Plain(), c)
				k := via{party, r}
				if _, ok := viaCountries[k]; !ok {
					vias = append(vias, k)
				}
				viaCountries[k] = append(viaCountries[k], geo.InText(c, lz.Lang)) // running text: "from the United States"
			}
		}
	}
	addAccess(v.Processor.Name, "processor", a.AccessCountries)
	for i, s := range a.Subprocessors {
		addAccess(v.Subprocessors[i].Name, "subprocessors["+strconv.Itoa(i)+"]", s.AccessCountries)
	}
	// the countries the key service is administered from, for its operator
	// (dpa check: key-service-access-mismatch when they are not also the
	// operator's access countries)
	if ks != nil {
		who := lz.T("annex.c.key_access", map[string]any{"Operator": clean(strings.TrimSpace(ks.Operator))})
		for _, c := range ks.AccessCountries {
			if c != "" {
				addRow(who, "\x02key", c)
			}
		}
	}
	accessHeader := []string{lz.T("annex.c.h.undertaking"), lz.T("annex.c.h.country")}
	switch {
	case len(access) > 0:
		out = append(out, g.para("annex.c.access_intro"), g.table(accessHeader, access, 3, 2))
		for _, k := range vias {
			cs := L{Items: viaCountries[k], and: lz.T("doc.and")}
			out = append(out, g.para("annex.c.access_via", map[string]any{
				"Party": val(k.party), "Recipient": val(k.recipient), "Countries": clean(cs.Join()), "Ref": g.recipientRuleRef()}))
		}
		if v.Tender {
			out = append(out, g.para("annex.c.access_draft"))
		}
	case v.Tender:
		out = append(out, g.para("annex.c.access_intro"), g.table(accessHeader, [][]string{{b("undertaking"), b("countries")}}, 3, 2), g.para("annex.c.access_draft"))
	default:
		out = append(out, g.para("annex.c.access_none"))
	}

	// third-country transfers: one row per recipient and country, naming
	// the legal entity that receives or reaches the data there
	out = append(out, doc.Block{Kind: doc.Subhead, Text: lz.T("annex.c.transfers")})
	transferHeader := []string{lz.T("annex.c.h.recipient"), lz.T("annex.c.h.country"), lz.T("annex.c.h.kind"), lz.T("annex.c.h.basis")}
	switch {
	case len(v.Transfers) > 0:
		var trows [][]string
		var tias []string
		for i, tv := range v.Transfers {
			t := g.res.Facts.Transfers[i]
			kind := tv.KindsText
			switch {
			case tv.OnBehalf.Set():
				kind += "; " + lz.T("recipient.on_behalf", map[string]any{"Parties": clean(tv.OnBehalf.Join())})
			case tv.Unidentified:
				kind += "; " + lz.T("recipient.on_behalf", map[string]any{"Parties": clean(t.Exporter)})
			}
			trows = append(trows, []string{g.recipientText(t, tv), clean(geo.Name(t.Country, lz.Lang)) + " (" + t.Country + ")", clean(kind), g.basisText(t)})
			if t.Restricted {
				who := clean(t.Recipient)
				if t.RecipientKind == "" {
					who = lz.T("recipient.unidentified_for", map[string]any{"Party": clean(t.Exporter)})
				} else if t.RecipientKind == "own_staff" {
					who = lz.T("recipient.own_staff_short", map[string]any{"Party": who})
				}
				tias = append(tias, lz.T("annex.c.tia_entry", map[string]any{"Recipient": who, "Country": clean(val(tv.CountryName)), "Laws": clean(tv.LawsText), "Status": g.tiaText(t)}))
			}
		}
		out = append(out, g.table(transferHeader, trows, 3, 2, 3, 3))
		if len(tias) > 0 {
			out = append(out, g.para("annex.c.tia_intro", map[string]any{"Ref": g.ref("transfer-impact-assessment")}), doc.Block{Kind: doc.Bullets, Items: tias})
		}
		if v.Tender {
			out = append(out, g.para("annex.c.transfers_draft"))
		}
	// a draft before the supplier is known: the Controller's transfer
	// position (clause transfer-position) decides what the tenderer fills in
	case v.Tender && v.Processing.ThirdCountryTransfers == "none":
		out = append(out, g.para("annex.c.position_none", map[string]any{"Ref": g.mark("transfer-position")}))
	case v.Tender && v.Processing.ThirdCountryTransfers == "adequacy_only":
		out = append(out, g.table(transferHeader, [][]string{{b("undertaking"), b("location.country"), b("transfer_kind"), b("transfer_basis")}}, 3, 2, 3, 3),
			g.para("annex.c.transfers_draft_adequacy", map[string]any{"Ref": g.mark("transfer-position")}))
	case v.Tender:
		out = append(out, g.table(transferHeader, [][]string{{b("undertaking"), b("location.country"), b("transfer_kind"), b("transfer_basis")}}, 3, 2, 3, 3),
			g.para("annex.c.tia_intro_draft"), doc.Block{Kind: doc.Bullets, Items: []string{b("tia")}},
			g.para("annex.c.transfers_draft"))
	default:
		out = append(out, g.para("annex.c.no_transfers"))
	}
	// routine access from a Non-Adequate Country: the schemes the
	// Controller approves here, or that there are none (per-task approval)
	if v.RestrictedAccess {
		var srows [][]string
		var pending []doc.Block
		for i, tv := range v.Transfers {
			if !tv.Scheme {
				continue
			}
			t := g.res.Facts.Transfers[i]
			content := lz.T("annex.c.scheme_content_no")
			if tv.SchemeContent {
				content = lz.T("annex.c.scheme_content_yes")
			}
			tia := lz.T("annex.c.scheme_tia_missing")
			country := clean(geo.Name(t.Country, lz.Lang)) + " (" + t.Country + ")"
			if t.TIADate != "" {
				date := FormatDate(t.TIADate, lz.Lang)
				tia = lz.T("annex.c.scheme_tia_dated", map[string]any{"Date": date})
				// clear-text access needs the Controller's own written
				// acceptance of the assessment, not a signature on a text
				// it first receives at signing
				switch {
				case rules.SchemePending(t.Scheme, g.a.Agreement.Date):
					tia = lz.T("annex.c.scheme_tia_pending", map[string]any{"Date": date})
					pending = append(pending, g.para("annex.c.scheme_pending", map[string]any{"Recipient": clean(t.Recipient), "Country": clean(geo.Name(t.Country, lz.Lang)), "Date": date, "N": refMark("remote-access", g.nums["remote-access"])}))
				case tv.SchemeContent:
					tia = lz.T("annex.c.scheme_tia_accepted", map[string]any{"Date": date, "Accepted": FormatDate(t.Scheme.TIAAccepted, lz.Lang)})
				}
			}
			srows = append(srows, []string{g.recipientText(t, tv), country, val(tv.SchemeRoles), content, tia})
		}
		if len(srows) > 0 {
			out = append(out, doc.Block{Kind: doc.Subhead, Text: lz.T("annex.c.schemes_head")}, g.para("annex.c.schemes_intro", map[string]any{"Ref": g.ref("remote-access"), "TIA": g.ref("transfer-impact-assessment")}),
				g.table([]string{lz.T("annex.c.h.recipient"), lz.T("annex.c.h.country"), lz.T("annex.c.h.roles"), lz.T("annex.c.h.content"), lz.T("annex.c.h.scheme_tia")}, srows, 3, 2, 3, 2, 3))
			out = append(out, pending...)
		} else {
			out = append(out, g.para("annex.c.schemes_none", map[string]any{"Ref": g.ref("remote-access")}))
		}
	}
	// binding corporate rules bind only group members; any other group
	// company with access is a Sub-processor (annex B)
	for _, t := range g.res.Facts.Destinations {
		if t.Basis == "bcr" && !t.Adequate {
			out = append(out, g.para("annex.c.bcr_note", map[string]any{"BCR": g.mark("transfer-bcr"), "Sub": g.mark("subprocessors-obligations")}))
			break
		}
	}
	// the adequacy decisions relied on, each named for its country as of
	// the agreement date (the date the country data was checked is a fact
	// about dpa's data, not about the Agreement: dpa check and the trace
	// document state it)
	if len(v.AdequacyDecisions) > 0 {
		var arows [][]string
		for _, d := range v.AdequacyDecisions {
			covers := d.Scope
			if covers == "" {
				covers = lz.T("annex.c.covers_decision")
			}
			arows = append(arows, []string{clean(d.Name) + " (" + d.Country + ")", d.Decision, covers})
		}
		intro := g.para("annex.c.adequacy_intro_noref")
		if m := g.mark("transfer-adequacy"); m != "" {
			intro = g.para("annex.c.adequacy_intro", map[string]any{"Ref": m})
		}
		out = append(out, doc.Block{Kind: doc.Subhead, Text: lz.T("annex.c.adequacy_head")}, intro,
			g.table([]string{lz.T("annex.c.h.country"), lz.T("annex.c.h.decision"), lz.T("annex.c.h.covers")}, arows, 2, 4, 3))
	}
	return out
}

// recipientText names the legal entity that receives or reaches the data
// in the country, with its role: "Example Cloud Inc. (Underdatabehandler,
// dataimportør)", "eget personell hos Skyjournal AS; ...", or "ikke oppgitt".
func (g *annexGen) recipientText(t rules.Transfer, tv TransferV) string {
	lz := g.lz
	switch t.RecipientKind {
	case "":
		if g.v.Tender {
			return val(T{Blank: lz.T("blank.recipient")})
		}
		return lz.T("recipient.unidentified")
	case "own_staff":
		return upperFirst(lz.T("recipient.own_staff", map[string]any{"Party": clean(t.Recipient)}))
	}
	role := lz.T("recipient.subprocessor")
	if t.Processor {
		role = lz.T("recipient.processor")
	}
	// a data importer is a role under the standard contractual clauses; a
	// recipient covered by an adequacy decision is only a recipient
	if !t.Adequate {
		role += ", " + lz.T("recipient.importer")
	}
	return clean(t.Recipient) + " (" + role + ")"
}

// basisText is the transfer basis of one recipient and country.
func (g *annexGen) basisText(t rules.Transfer) string {
	lz := g.lz
	switch {
	case t.RecipientKind == "own_staff":
		return lz.T("basis.own_staff")
	// in the tables the short name: the decision itself is named for its
	// country in the table of adequacy decisions in annex C
	case t.Adequate && t.Country == "US":
		return lz.T("basis.dpf")
	case t.Adequate:
		return lz.T("basis.adequacy")
	case t.Basis == "":
		return lz.T("basis.none")
	}
	return lz.T("basis." + t.Basis)
}

// tiaText is the status of the transfer impact assessment for one
// recipient and country.
func (g *annexGen) tiaText(t rules.Transfer) string {
	lz := g.lz
	switch {
	case !t.Restricted:
		return lz.T("tia.not_required")
	case t.RecipientKind == "":
		return lz.T("tia.missing")
	case t.TIADone && t.TIADate != "":
		return lz.T("tia.done_dated", map[string]any{"Date": FormatDate(t.TIADate, lz.Lang)})
	case t.TIADone:
		return lz.T("tia.done")
	case t.RecipientKind == "own_staff":
		return lz.T("tia.own_staff")
	}
	return lz.T("tia.missing")
}

// ---- annex E -------------------------------------------------------------

func (g *annexGen) matrix() []doc.Block {
	a, lz, lib := g.a, g.lz, g.lib
	role := func(r string) string { return lib.Matrix.Roles[r].Get(lz.Lang) }
	models := []string{a.Service.Model}
	header := []string{lz.T("annex.e.h.layer"), lz.T("annex.e.h.responsible")}
	intro := g.para("annex.e.intro", map[string]any{"Model": g.v.Service.ModelName})
	if a.Service.Model == "" {
		models = []string{"saas", "paas", "iaas"}
		header = header[:1]
		for _, m := range models {
			header = append(header, upperFirst(lz.T("model."+m)))
		}
		intro = g.para("annex.e.intro_all")
	}
	var rows [][]string
	// addRow adds a layer; role gives the role per model, refID the clause
	// that governs a shared responsibility and split the locale key (before
	// the model suffix) of the text that divides it.
	addRow := func(name string, roleFor func(m string) string, refID, split string) {
		row := []string{name}
		for _, m := range models {
			r := roleFor(m)
			cell := role(r)
			if r == "shared" {
				ref := g.ref(refID)
				if len(models) == 1 {
					key := "annex.e.split"
					for _, k := range []string{split + "." + m, split} {
						if lz.Has(k) {
							key = k
							break
						}
					}
					cell = lz.T("annex.e.shared_cell", map[string]any{"Split": lz.T(key) + ref + "."})
				} else {
					cell = lz.T("annex.e.shared_short", map[string]any{"Ref": ref})
				}
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	for _, layer := range lib.Matrix.Layers {
		layer := layer
		addRow(layer.Name.Get(lz.Lang), layer.For, matrixRefs[layer.ID], "annex.e.split."+layer.ID)
	}
	// keys for stored data: the Processor's alone, or shared where the
	// Controller or a third party holds them (clause 5.8)
	keys := "processor"
	if h := g.v.Security.KeysHeldBy; h != "" && h != "processor" {
		keys = "shared"
	}
	addRow(lz.T("annex.e.layer.keys"), func(string) string { return keys }, "encryption", "annex.e.split.keys."+g.v.Security.KeysHeldBy)
	// devices, apps and transmission in remote monitoring (clause 6.6)
	if answers.Yes(a.Risk.RemoteMonitoring) {
		addRow(lz.T("annex.e.layer.remote_monitoring"), func(string) string { return "shared" }, "remote-monitoring", "annex.e.split.remote_monitoring")
	}
	widths := []int{2, 5}
	if len(models) > 1 {
		widths = nil
	}
	return []doc.Block{intro, g.table(header, rows, widths...)}
}

// ---- contacts -----------------------------------------------------------

// contacts lists each Party's contact person for the Agreement, its point of
// contact for urgent notices (reachable at all times) and its data
// protection officer. Clauses refer to this annex instead of to "the contact
// point the Party has named".
func (g *annexGen) contacts() []doc.Block {
	a, lz := g.a, g.lz
	draft := g.v.Tender
	cell := func(c answers.Contact, kind string) string {
		var parts []string
		for _, x := range []string{c.Name, c.Email, c.Phone} {
			if x = strings.TrimSpace(x); x != "" {
				parts = append(parts, x)
			}
		}
		if len(parts) > 0 {
			return clean(string(mOpen) + strings.Join(parts, ", ") + string(mClose))
		}
		if draft {
			return lz.T("blank.contact." + kind)
		}
		if kind == "dpo" {
			return lz.T("annex.contacts.no_dpo")
		}
		return lz.T("annex.contacts.not_stated")
	}
	rows := [][]string{
		{lz.T("annex.contacts.r.contact"), cell(a.Controller.Contact, "contact"), cell(a.Processor.Contact, "contact")},
		{lz.T("annex.contacts.r.breach"), cell(a.Controller.BreachContact, "breach"), cell(a.Processor.BreachContact, "breach")},
		{lz.T("annex.contacts.r.dpo"), cell(a.Controller.DPO, "dpo"), cell(a.Processor.DPO, "dpo")},
	}
	// who may approve urgent access from a Non-Adequate Country orally
	// (the paragraph of clause remote-access that applies to such access):
	// the clause refers here, so the row always says who holds the
	// authority, or that no one does yet (finding R8-11)
	if n := g.mark("remote-access"); n != "" && g.v.RestrictedAccess {
		rows = append(rows, []string{lz.T("annex.contacts.r.urgent", map[string]any{"N": n}), g.urgentApprover(), lz.T("annex.contacts.not_applicable")})
	}
	header := []string{lz.T("annex.contacts.h.role"), lz.T("annex.contacts.h.controller"), lz.T("annex.contacts.h.processor")}
	return []doc.Block{g.table(header, rows, 2, 3, 3)}
}

// urgentApprover names who holds the Controller's authority to approve
// urgent access orally (controller.urgent_access_approver): the point of
// contact for notices, a named person, or both; a blank in a tender
// draft; otherwise that no one holds it yet.
func (g *annexGen) urgentApprover() string {
	u, lz := g.a.Controller.UrgentAccessApprover, g.lz
	var holders []string
	if answers.Yes(u.BreachContact) {
		holders = append(holders, lz.T("annex.contacts.urgent.breach"))
	}
	if u.Named() {
		var parts []string
		name := strings.TrimSpace(u.Name)
		if role := strings.TrimSpace(u.Role); role != "" {
			if name != "" {
				name += " (" + role + ")"
			} else {
				name = role
			}
		}
		for _, x := range []string{name, u.Email, u.Phone} {
			if x = strings.TrimSpace(x); x != "" {
				parts = append(parts, x)
			}
		}
		holders = append(holders, clean(string(mOpen)+strings.Join(parts, ", ")+string(mClose)))
	}
	switch {
	case len(holders) > 0:
		return joinAnd(holders, lz.T("doc.and"))
	case g.v.Tender:
		return lz.T("blank.contact.urgent")
	}
	return lz.T("annex.contacts.urgent.none")
}

func optional(s, sep string) string {
	if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "[") {
		return ""
	}
	return sep + s
}

// accessDest is the access destination of the party at path in country c
// (false for a country in the EEA, which has none).
func (g *annexGen) accessDest(path, c string) (rules.Destination, bool) {
	for _, di := range g.destsOf[path] {
		if d := g.res.Facts.Destinations[di]; d.Kind == "access" && d.Country == c {
			return d, true
		}
	}
	return rules.Destination{}, false
}

// partyName is the name of the party at an answers path ("processor" or
// "subprocessors[i]").
func (g *annexGen) partyName(path string) T {
	if i, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(path, "subprocessors["), "]")); err == nil && i >= 0 && i < len(g.v.Subprocessors) {
		return g.v.Subprocessors[i].Name
	}
	return g.v.Processor.Name
}

// ownAccess lists the countries from which the Sub-processor's own staff
// reach the data: a country outside the EEA whose recipient is another
// undertaking is left out (it appears under the recipients, reached only
// through that undertaking).
func (g *annexGen) ownAccess(s SubprocessorV, path string) string {
	v, lz := g.v, g.lz
	i, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(path, "subprocessors["), "]"))
	if err != nil || i < 0 || i >= len(g.a.Subprocessors) {
		return clean(s.AccessCountries.Join())
	}
	own := L{Blank: s.AccessCountries.Blank, and: s.AccessCountries.and}
	through, seen := false, map[string]bool{}
	for _, c := range g.a.Subprocessors[i].AccessCountries {
		if c == "" || seen[c] {
			continue
		}
		seen[c] = true
		if d, ok := g.accessDest(path, c); ok && d.RecipientKind != "" && d.RecipientPath != path {
			through = true
			continue
		}
		own.Items = append(own.Items, geo.Name(c, lz.Lang))
	}
	switch {
	case own.Set():
		return clean(own.Join())
	case through:
		return lz.T("annex.b.access_only_through")
	case !v.Tender:
		return lz.T("annex.b.none_value")
	}
	return clean(own.Join())
}

// keyService is the answered key service that annex C lists: the keys are
// not the Controller's own, and its operator and country are answered.
func keyService(a *answers.Answers) *answers.KeyService {
	ks := a.Security.KeyService
	if ks == nil || a.Security.KeysHeldBy == "controller" || strings.TrimSpace(ks.Operator) == "" || ks.Country == "" || !geo.Valid(ks.Country) {
		return nil
	}
	return ks
}

// affiliationLinks states, for the Processor and each Sub-processor, where
// it is established or has its parent in a country outside the EEA whose
// authorities may demand disclosure under their own law without an
// adequacy decision standing in the way (a Non-Adequate Country, or the
// United States, where the DPF decision covers only transfers to certified
// organisations): "Example Cloud Ireland Ltd har morselskapet Example
// Cloud Inc. i USA og Example Cloud Inc. er etablert i USA".
func (g *annexGen) affiliationLinks() string {
	a, lz := g.a, g.lz
	exposed := func(c string) bool {
		return c != "" && geo.Valid(c) && !geo.InEEA(c) && (c == "US" || !geo.AdequateOn(c, false, a.Agreement.Date))
	}
	var links []string
	add := func(name, c, pc, pn string) {
		name = clean(strings.TrimSpace(name))
		if name == "" {
			return
		}
		if exposed(c) {
			links = append(links, lz.T("fa.established_in", map[string]any{"Party": name, "Country": geo.InText(c, lz.Lang)}))
		}
		if pc != c && exposed(pc) {
			links = append(links, lz.T("fa.parent_in", map[string]any{"Party": name, "Parent": clean(strings.TrimSpace(pn)), "Country": geo.InText(pc, lz.Lang)}))
		}
	}
	add(a.Processor.Name, a.Processor.Country, a.Processor.ParentCountry, a.Processor.ParentName)
	for _, s := range a.Subprocessors {
		add(s.Name, s.Country, s.ParentCountry, s.ParentName)
	}
	return joinAnd(links, lz.T("doc.and"))
}
