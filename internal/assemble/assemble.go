// Package assemble selects clauses by the answers, numbers them into the
// skeleton's sections, executes their bodies with the answers as data, builds
// the annexes, computes coverage and produces the document model.
package assemble

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"golang.org/x/text/unicode/norm"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/rules"
)

// Version is the dpa program version, set by the CLI.
var Version = "dev"

// Input is what one agreement is built from.
type Input struct {
	Answers *answers.Answers
	Raw     []byte // the answers file's bytes, for the fingerprint
	Source  string // the answers file's name
	Lib     *library.Library
	Lang    string // nb | en
	Draft   bool   // --draft
	UI      *i18n.Localizer
	// Langs are the languages the agreement will be rendered in, for the
	// finding value-as-written (rules.ValueAsWritten); nil when not known
	// (dpa check without -l): the other language is then reported as info.
	Langs []string
}

// Result is a checked answers file: facts, findings, the selected and
// numbered clauses and coverage, computed once; Render builds its document
// in any language. Doc is the document of Assemble's language (nil after
// Check alone).
type Result struct {
	Doc      *doc.Document
	Facts    *rules.Facts
	Env      rules.Env
	Findings []doc.Finding
	Coverage []doc.Coverage
	Selected []*library.Clause
	lib      *library.Library
	in       Input
	numbers  map[string]string // clause id -> number, computed once by Check
}

// Fingerprint is sha256(answers bytes in NFC, NUL, library version), hex:
// text typed with combining characters is the same agreement as the
// precomposed text (the loader gives NFC values too).
func Fingerprint(raw []byte, libVersion string) string {
	h := sha256.New()
	h.Write(norm.NFC.Bytes(raw))
	h.Write([]byte{0})
	h.Write([]byte(libVersion))
	return hex.EncodeToString(h.Sum(nil))
}

// DocDate is the date used for document metadata: the agreement date,
// else SOURCE_DATE_EPOCH, else today (UTC); see doc.DefaultDate.
func DocDate(a *answers.Answers) string {
	if a.Agreement.Date != "" {
		return a.Agreement.Date
	}
	return doc.DefaultDate(os.Getenv("SOURCE_DATE_EPOCH"), time.Now())
}

// Check derives facts, evaluates conditions and computes findings and
// coverage without rendering any text.
func Check(in Input) (*Result, error) {
	f := rules.Derive(in.Answers, in.Draft)
	env := rules.NewEnv(in.Answers, f)
	res := &Result{Facts: f, Env: env, lib: in.Lib, in: in}
	ui := in.UI
	if ui == nil {
		ui = i18n.For(in.Lang)
	}
	res.Findings = rules.Findings(in.Answers, f, ui)
	res.Findings = append(res.Findings, rules.Drafting(in.Answers, f, ui)...)
	res.Findings = append(res.Findings, rules.ValueAsWritten(in.Answers, in.Langs, ui)...)
	for _, c := range in.Lib.Clauses {
		ok, err := c.Eval(&env)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: clause %s: condition: %w", c.File, c.Line, c.ID, err)
		}
		if ok {
			res.Selected = append(res.Selected, c)
		}
	}
	res.numbers = number(in.Lib, res.Selected)
	numbers := res.numbers
	for _, r := range in.Lib.Requirements {
		ok, err := r.Eval(&env)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: requirement %s: condition: %w", r.File, r.Line, r.Key, err)
		}
		cov := doc.Coverage{Key: r.Key, Applicable: ok, Source: r.Source, Clauses: []string{}}
		if ok {
			for _, c := range res.Selected {
				for _, k := range c.Covers {
					if k == r.Key {
						cov.Clauses = append(cov.Clauses, numbers[c.ID])
					}
				}
			}
			if len(cov.Clauses) == 0 {
				res.Findings = append(res.Findings, doc.Finding{Severity: rules.Error, Code: rules.CodeRequirementNotCovered, Path: r.Key,
					Message: ui.T("finding.requirement-not-covered", map[string]any{"Key": r.Key, "Path": r.Key})})
			}
		}
		res.Coverage = append(res.Coverage, cov)
	}
	return res, nil
}

// number gives every selected clause its number: sections that have clauses
// are numbered 1, 2, ... in skeleton order; clauses k within their section
// ("6.2"); annex clauses by letter ("D.1").
func number(lib *library.Library, sel []*library.Clause) map[string]string {
	out := map[string]string{}
	count := map[string]int{}
	secNum := map[string]int{}
	n := 0
	for _, s := range lib.Skeleton.Sections {
		for _, c := range sel {
			if c.Section == s.ID {
				n++
				secNum[s.ID] = n
				break
			}
		}
	}
	letters := map[string]string{}
	for _, a := range lib.Skeleton.Annexes {
		letters[a.ID] = a.Letter
	}
	for _, c := range sel {
		count[c.Section]++
		if l, ok := letters[c.Section]; ok {
			out[c.ID] = fmt.Sprintf("%s.%d", l, count[c.Section])
		} else {
			out[c.ID] = fmt.Sprintf("%d.%d", secNum[c.Section], count[c.Section])
		}
	}
	return out
}

// Assemble builds the document in in.Lang.
func Assemble(in Input) (*Result, error) {
	if in.Langs == nil {
		in.Langs = []string{in.Lang}
	}
	res, err := Check(in)
	if err != nil {
		return nil, err
	}
	if res.Doc, err = res.Render(in.Lang); err != nil {
		return nil, err
	}
	return res, nil
}

// Render builds the document of a checked result in lang (nb or en). The
// check is not repeated: the facts, findings, selection, numbering and
// coverage are those of Check.
func (res *Result) Render(lang string) (*doc.Document, error) {
	in := res.in
	lz := i18n.For(lang)
	// the one place where the answers' values are put into lang: every
	// text below (clauses, annexes, title block, signatures, metadata)
	// is built from this copy; facts and findings are those of the
	// answers as typed
	a := in.Answers.Translated(lang)
	view := NewView(a, res.Facts, lang)
	numbers := res.numbers
	ref := func(id string) (string, error) {
		if n, ok := numbers[id]; ok {
			return refMark(id, n), nil
		}
		return "", fmt.Errorf("ref %q: the clause is not part of this agreement", id)
	}
	funcs := library.Funcs(ref)

	d := &doc.Document{Lang: lang, Title: lz.T("doc.title"), Draft: res.Facts.Draft}
	if a.Service.Name != "" {
		d.Subtitle = a.Service.Name
	} else {
		d.Subtitle = lz.T("blank.service.name")
	}
	if d.Draft {
		d.DraftMark = lz.T("doc.draft_mark")
	}
	d.Labels = labels(lz)
	d.TitleBlock = titleBlock(a, lz, res.Facts.Tender)

	annexLetters := map[string]string{}
	for _, an := range in.Lib.Skeleton.Annexes {
		annexLetters[an.Letter] = an.ID
	}
	render := func(c *library.Clause) (doc.Clause, error) {
		t, err := c.Template(lang)
		if err == nil {
			t, err = t.Clone()
		}
		if err != nil {
			return doc.Clause{}, err
		}
		// bounded in output and time: a --library is input too
		text, err := library.Execute(c, lang, t.Funcs(funcs), view, in.UI)
		if err != nil {
			return doc.Clause{}, fmt.Errorf("%s:%d: clause %s (%s): %w", c.File, c.Line, c.ID, lang, err)
		}
		return doc.Clause{ID: c.ID, Version: c.Version, Number: numbers[c.ID], Title: c.Title.Get(lang),
			Blocks: ParseBlocks(markAnnexRefs(text, annexLetters)), Covers: c.Covers, Sources: c.Sources}, nil
	}
	secIdx := map[string]int{}
	annexIdx := map[string]int{}
	for _, s := range in.Lib.Skeleton.Sections {
		for _, c := range res.Selected {
			if c.Section == s.ID {
				secIdx[s.ID] = len(d.Sections)
				d.Sections = append(d.Sections, doc.Section{ID: s.ID, Number: strconv.Itoa(len(d.Sections) + 1), Title: s.Title.Get(lang)})
				break
			}
		}
	}
	for _, an := range in.Lib.Skeleton.Annexes {
		annexIdx[an.ID] = len(d.Annexes)
		d.Annexes = append(d.Annexes, doc.Annex{ID: an.ID, Letter: an.Letter, Title: an.Title.Get(lang)})
	}
	for _, c := range res.Selected {
		dc, err := render(c)
		if err != nil {
			return nil, err
		}
		if i, ok := secIdx[c.Section]; ok {
			d.Sections[i].Clauses = append(d.Sections[i].Clauses, dc)
		} else {
			i := annexIdx[c.Section]
			d.Annexes[i].Clauses = append(d.Annexes[i].Clauses, dc)
		}
		d.Meta.Clauses = append(d.Meta.Clauses, doc.ClauseRef{ID: c.ID, Version: c.Version, Number: numbers[c.ID]})
	}
	if d.Draft {
		markDefaults(d, res, res.Selected, lang, lz)
	}
	// clause refs in reading order: sections, then annexes
	d.Meta.Clauses = d.Meta.Clauses[:0]
	for _, c := range d.AllClauses() {
		d.Meta.Clauses = append(d.Meta.Clauses, doc.ClauseRef{ID: c.ID, Version: c.Version, Number: c.Number})
	}
	d.Meta.LibraryVersion = in.Lib.Version
	d.Meta.DPAVersion = Version
	d.Meta.Fingerprint = Fingerprint(in.Raw, in.Lib.Version)
	d.Meta.FingerprintShort = d.Meta.Fingerprint[:12]
	d.Meta.Date = DocDate(a)
	d.Meta.Author = a.Controller.Name
	d.Meta.Subject = d.Title + ": " + d.Subtitle
	d.Meta.Keywords = keywords(a, res.Facts, lz)
	d.Meta.Source = in.Source
	d.Coverage = res.Coverage
	d.Findings = res.Findings
	d.Derived = res.Facts
	for i, an := range in.Lib.Skeleton.Annexes {
		d.Annexes[i].Blocks = generated(an.Generated, a, res, view, in.Lib, d, lz)
	}
	d.Signatures = signatures(a, lz)
	for _, c := range d.AllClauses() {
		extractRefs(c.Blocks)
	}
	for i := range d.Annexes {
		extractRefs(d.Annexes[i].Blocks)
	}
	return d, nil
}

func labels(lz *i18n.Localizer) doc.Labels {
	return doc.Labels{
		Annex: lz.T("doc.annex"), Page: lz.T("doc.page"), Of: lz.T("doc.of"), Contents: lz.T("doc.contents"),
		Name: lz.T("doc.name"), JobTitle: lz.T("doc.job_title"), Place: lz.T("doc.place"), Date: lz.T("doc.date"),
		Signature: lz.T("doc.signature"), Fingerprint: lz.T("doc.fingerprint"), Library: lz.T("doc.library"),
		Parties: lz.T("doc.parties"), Signatures: lz.T("doc.signatures"), ClauseList: lz.T("doc.clause_list"),
	}
}

func orBlank(v, blank string) string {
	if strings.TrimSpace(v) == "" {
		return blank
	}
	return v
}

func titleBlock(a *answers.Answers, lz *i18n.Localizer, tender bool) doc.TitleBlock {
	tb := doc.TitleBlock{}
	if a.Agreement.Reference != "" {
		tb.Rows = append(tb.Rows, doc.KV{Label: lz.T("doc.reference"), Value: a.Agreement.Reference})
	}
	if a.Agreement.MainAgreement != "" {
		tb.Rows = append(tb.Rows, doc.KV{Label: lz.T("doc.main_agreement"), Value: a.Agreement.MainAgreement})
	}
	if a.Agreement.Date != "" {
		tb.Rows = append(tb.Rows, doc.KV{Label: lz.T("doc.date"), Value: FormatDate(a.Agreement.Date, lz.Lang)})
	}
	if a.Agreement.Place != "" {
		tb.Rows = append(tb.Rows, doc.KV{Label: lz.T("doc.place"), Value: a.Agreement.Place})
	}
	mk := func(role string, name, org, foreign, addr string, c answers.Contact, who string) doc.Party {
		p := doc.Party{Role: role, Name: orBlank(name, lz.T("blank."+who+".name")), Address: orBlank(addr, lz.T("blank."+who+".address"))}
		switch {
		case org != "":
			p.OrgID = org
		case foreign != "":
			p.OrgID = foreign
		default:
			p.OrgID = lz.T("blank." + who + ".org_number")
		}
		var cs []string
		for _, s := range []string{c.Name, c.Email, c.Phone} {
			if strings.TrimSpace(s) != "" {
				cs = append(cs, s)
			}
		}
		p.Contact = orBlank(strings.Join(cs, ", "), lz.T("blank."+who+".contact"))
		orgLabel := lz.T("doc.org_number")
		if org == "" && foreign != "" {
			orgLabel = lz.T("doc.foreign_id")
		}
		p.Fields = []doc.KV{{Label: lz.T("doc.name"), Value: p.Name}, {Label: orgLabel, Value: p.OrgID}, {Label: lz.T("doc.address"), Value: p.Address}}
		// the contact person is optional: a blank to fill in only in a tender
		if len(cs) > 0 || tender {
			p.Fields = append(p.Fields, doc.KV{Label: lz.T("doc.contact"), Value: p.Contact})
		} else {
			p.Contact = ""
		}
		return p
	}
	tb.Parties = []doc.Party{
		mk(lz.T("doc.role.controller"), a.Controller.Name, a.Controller.OrgNumber, "", a.Controller.Address, a.Controller.Contact, "controller"),
		mk(lz.T("doc.role.processor"), a.Processor.Name, a.Processor.OrgNumber, a.Processor.ForeignID, a.Processor.Address, a.Processor.Contact, "processor"),
	}
	return tb
}

// signatures: agreement.place and agreement.date are the controller's; the
// processor's place and date are left blank, because the parties often sign
// separately (an Oslo processor does not sign "in Vestby").
func signatures(a *answers.Answers, lz *i18n.Localizer) doc.Signatures {
	date := ""
	if a.Agreement.Date != "" {
		date = FormatDate(a.Agreement.Date, lz.Lang)
	}
	return doc.Signatures{Intro: lz.T("doc.signature_intro"), Parties: []doc.Signatory{
		{Role: lz.T("doc.for_controller"), Party: orBlank(a.Controller.Name, lz.T("blank.controller.name")), Name: a.Controller.Signatory.Name, Title: a.Controller.Signatory.Title, Place: a.Agreement.Place, Date: date},
		{Role: lz.T("doc.for_processor"), Party: orBlank(a.Processor.Name, lz.T("blank.processor.name")), Name: a.Processor.Signatory.Name, Title: a.Processor.Signatory.Title},
	}}
}

// FormatDate writes YYYY-MM-DD as "22. november 2026" / "22 November 2026".
func FormatDate(s, lang string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	nb := []string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}
	if lang == "en" {
		return fmt.Sprintf("%d %s %d", t.Day(), t.Month().String(), t.Year())
	}
	return fmt.Sprintf("%d. %s %d", t.Day(), nb[t.Month()-1], t.Year())
}

func keywords(a *answers.Answers, f *rules.Facts, lz *i18n.Localizer) []string {
	kw := []string{lz.T("doc.title")}
	if a.Service.Model != "" {
		kw = append(kw, strings.ToUpper(a.Service.Model))
	}
	if a.Service.Deployment != "" {
		kw = append(kw, lz.T("deployment."+a.Service.Deployment))
	}
	if f.Health {
		kw = append(kw, lz.T("special.health"))
	}
	kw = append(kw, "GDPR art. 28")
	return kw
}

// Numbers returns the clause numbers of a checked result, by clause id.
func Numbers(res *Result) map[string]string {
	if res.numbers == nil {
		return map[string]string{}
	}
	return res.numbers
}
