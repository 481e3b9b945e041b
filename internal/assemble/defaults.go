package assemble

import (
	"regexp"
	"strings"

	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/rules"
)

// defaultUse says where a default the tool applied shows in the text:
// the template names whose value a clause prints (or whose value decides
// its wording), and whether it also selects clauses through their
// condition (then the condition names the answers path).
type defaultUse struct {
	names []string
	when  bool
}

// defaultUses maps every answers path that rules can fill with a default
// (rules.Facts.AppliedDefaults and the Normen version) to its uses in the
// clause templates. TestDefaultUsesComplete keeps it complete.
var defaultUses = map[string]defaultUse{
	"terms.breach_notice_hours":        {names: []string{".Terms.BreachNoticeHours"}},
	"terms.audit_frequency":            {names: []string{".Terms.AuditFrequency"}},
	"terms.subprocessor_authorisation": {when: true},
	"terms.subprocessor_notice_days":   {names: []string{".Terms.SubprocessorNoticeDays"}},
	"terms.return_format":              {names: []string{".Terms.ReturnFormat"}},
	"terms.return_within_days":         {names: []string{".Terms.ReturnWithinDays"}},
	"terms.deletion_within_days":       {names: []string{".Terms.DeletionWithinDays"}},
	"terms.restore_time_hours":         {names: []string{".Terms.RestoreTimeHours"}},
	"terms.backup_interval_hours":      {names: []string{".Terms.BackupIntervalHours"}},
	"terms.exit_access_days":           {names: []string{".Terms.ExitAccessDays"}},
	"security.keys_held_by":            {names: []string{".Security.KeysHeldBy"}},
	"security.encryption_at_rest":      {names: []string{".Security.EncryptionAtRest"}},
	"security.mfa":                     {names: []string{".Security.MFA"}},
	"agreement.normen_version":         {names: []string{".Agreement.NormenVersion"}},
	// annex C shows a scheme's content answer in its table, which no
	// clause template prints: dpa check reports it, a draft has no note
	"processor.access_schemes[].content":       {},
	"subprocessors[].access_schemes[].content": {},
}

// defaultKey is the defaultUses key of an answers path: list indices
// become [] ("subprocessors[2].access_schemes[0].content" is
// "subprocessors[].access_schemes[].content").
func defaultKey(path string) string {
	return listIndex.ReplaceAllString(path, "[]")
}

var listIndex = regexp.MustCompile(`\[[0-9]+\]`)

// requiredForSpecial are defaults that are not proposals when special
// categories are processed: multi-factor authentication and encryption at
// rest are then the level GDPR art. 32 (and for patient records
// pasientjournalloven § 22 and Normen) requires, so a draft does not mark
// them as open to choice.
var requiredForSpecial = map[string]bool{"security.mfa": true, "security.encryption_at_rest": true}

// notedDefault reports whether a draft marks the default at path.
func notedDefault(f *rules.Facts, path string) bool {
	return !(f.SpecialCategories && requiredForSpecial[path])
}

// markDefaults adds to each clause of a draft a drafting note naming the
// terms in it that are the tool's defaults and not the Controller's
// choice (the default-applied findings), so that a tenderer can tell a
// proposal from a chosen term. A final agreement is left as it is: there
// dpa check reports the defaults.
func markDefaults(d *doc.Document, res *Result, selected []*library.Clause, lang string, lz *i18n.Localizer) {
	values := map[string]string{}
	for _, df := range res.Facts.AppliedDefaults() {
		values[df.Path] = df.Value
	}
	var paths []string
	for _, fd := range res.Findings {
		if fd.Code == rules.CodeDefaultApplied && notedDefault(res.Facts, fd.Path) {
			paths = append(paths, fd.Path)
		}
	}
	if len(paths) == 0 {
		return
	}
	byID := map[string]*library.Clause{}
	for _, c := range selected {
		byID[c.ID] = c
	}
	for _, dc := range d.AllClauses() {
		c := byID[dc.ID]
		if c == nil {
			continue
		}
		body := c.Body.Get(lang)
		var items []string
		for _, p := range paths {
			u, ok := defaultUses[defaultKey(p)]
			if !ok || !usesDefault(u, p, c.When, body) || !showsValue(dc, values[p]) {
				continue
			}
			items = append(items, lz.T("draft.default."+defaultKey(p), map[string]any{"Value": values[p]}))
		}
		if len(items) == 0 {
			continue
		}
		l := L{Items: items, and: lz.T("doc.and")}
		// a tender addresses the Controller before the competition; a
		// negotiation draft addresses both Parties
		kind := "negotiation"
		if res.Facts.Tender {
			kind = "default"
		}
		id := "draft." + kind + "_note_one"
		if len(items) > 1 {
			id = "draft." + kind + "_note_many"
		}
		dc.Blocks = append(dc.Blocks, doc.Block{Kind: doc.Paragraph, Text: lz.T(id, map[string]any{"Items": clean(l.Join())})})
	}
}

func usesDefault(u defaultUse, path, when, body string) bool {
	if u.when && strings.Contains(when, path) {
		return true
	}
	for _, n := range u.names {
		if strings.Contains(body, n) {
			return true
		}
	}
	return false
}

// showsValue reports whether the rendered clause shows a numeric default
// value: a clause template can name the value in one branch only (8.2
// prints the backup interval only in its archive variant), so the note
// goes only to a clause whose text contains the number. A value that is
// not a number (a choice) is taken as shown where the template names it.
func showsValue(dc *doc.Clause, value string) bool {
	if value == "" || strings.Trim(value, "0123456789") != "" {
		return true
	}
	notDigit := func(r rune) bool { return r < '0' || r > '9' }
	for _, b := range dc.Blocks {
		for _, t := range append([]string{b.Text}, b.Items...) {
			for _, w := range strings.FieldsFunc(t, notDigit) {
				if w == value {
					return true
				}
			}
		}
	}
	return false
}
