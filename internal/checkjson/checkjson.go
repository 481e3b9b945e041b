// Package checkjson builds the result of `dpa check` (the JSON shape of
// spec/cli.md) from an answers file. The CLI (`dpa check --format json`) and
// the web server (`POST /api/check`, the interview's live findings) both use
// it, so that they give the same findings for the same file.
package checkjson

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/rules"
)

// Report is the JSON shape of spec/cli.md.
type Report struct {
	RiskLevel      string              `json:"risk_level"`
	Derived        map[string]bool     `json:"derived"`
	Findings       []doc.Finding       `json:"findings"`
	Requirements   []Req               `json:"requirements"`
	Clauses        []Clause            `json:"clauses"`
	LibraryVersion string              `json:"library_version"`
	Status         string              `json:"status"`
	Terms          rules.Terms         `json:"terms"`
	Destinations   []rules.Destination `json:"destinations"`
}

// Req is one requirement's coverage.
type Req struct {
	Key        string   `json:"key"`
	Applicable bool     `json:"applicable"`
	Clauses    []string `json:"clauses"`
}

// Clause is one selected clause.
type Clause struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	Number  string `json:"number"`
}

// Input is one answers file to check.
type Input struct {
	Answers *answers.Answers
	Raw     []byte
	Source  string
	Lib     *library.Library
	Draft   bool
	UI      *i18n.Localizer // messages; nil: the answers file's language
	// Langs are the languages the agreement will be rendered in (finding
	// value-as-written); nil: not known, the other language is reported
	// as info.
	Langs []string
}

// Run checks one answers file: facts, findings, coverage and the selected
// clauses, in the shape of `dpa check --format json`.
func Run(in Input) (*Report, *assemble.Result, error) {
	ui := in.UI
	if ui == nil {
		ui = i18n.For(in.Answers.Language)
	}
	res, err := assemble.Check(assemble.Input{Answers: in.Answers, Raw: in.Raw, Source: in.Source, Lib: in.Lib, Lang: in.Answers.Language, Draft: in.Draft, UI: ui, Langs: in.Langs})
	if err != nil {
		return nil, nil, err
	}
	return Build(res, in.Lib, in.Answers), res, nil
}

// Build turns a check result into the report.
func Build(res *assemble.Result, lib *library.Library, a *answers.Answers) *Report {
	out := &Report{
		RiskLevel: res.Facts.RiskLevel,
		Derived: map[string]bool{
			"third_country_transfer":   res.Facts.ThirdCountryTransfer,
			"third_country_affiliated": res.Facts.ThirdCountryAffiliated,
			"third_country_access":     res.Facts.ThirdCountryAccess,
			"special_categories":       res.Facts.SpecialCategories,
			"health":                   res.Facts.Health,
			"scc_or_bcr":               res.Facts.SCCOrBCR,
			"draft":                    res.Facts.Draft,
			// country classes (issue 12)
			"restricted_transfer":        res.Facts.RestrictedTransfer,
			"restricted_access":          res.Facts.RestrictedAccess,
			"adequacy_transfer":          res.Facts.AdequacyTransfer,
			"third_country_established":  res.Facts.ThirdCountryEstablished,
			"foreign_authority_exposure": res.Facts.ForeignAuthorityExposure,
			"unidentified_recipient":     res.Facts.UnidentifiedRecipient,
		},
		Findings:       res.Findings,
		LibraryVersion: lib.Version,
		Status:         a.Status,
		Terms:          res.Facts.Terms,
		Destinations:   res.Facts.Destinations,
	}
	if out.Findings == nil {
		out.Findings = []doc.Finding{}
	}
	if out.Destinations == nil {
		out.Destinations = []rules.Destination{}
	}
	for _, c := range res.Coverage {
		out.Requirements = append(out.Requirements, Req{Key: c.Key, Applicable: c.Applicable, Clauses: c.Clauses})
	}
	nums := assemble.Numbers(res)
	for _, c := range res.Selected {
		out.Clauses = append(out.Clauses, Clause{ID: c.ID, Version: c.Version, Number: nums[c.ID]})
	}
	return out
}

// Blocking reports whether the report has a blocking finding (an error).
func (r *Report) Blocking() bool { return rules.Blocking(r.Findings) }

// Encode writes the report as `dpa check --format json` does: indented,
// without HTML escaping, with a final newline.
func Encode(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// Bytes is Encode into a byte slice.
func Bytes(r *Report) []byte {
	var b bytes.Buffer
	Encode(&b, r)
	return b.Bytes()
}
