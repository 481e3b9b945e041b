package rules

import (
	"fmt"
	"strings"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
)

// Finding codes for free-text values and their translations (additive).
const (
	// CodeValueAsWritten: a free-text value is printed as written in an
	// agreement in another language than the one the values are typed in,
	// because translations[] has no pair for it (info in a draft, warning
	// in a final agreement; with the path and the value).
	CodeValueAsWritten = "value-as-written"
	// CodeTranslationUnused: a pair of translations[] whose texts are in no
	// free-text field (warning: a misspelt pair translates nothing).
	CodeTranslationUnused = "translation-unused"
)

// ValueAsWritten reports every free-text value that an agreement in one of
// langs prints as written although the values are typed in another
// language (the answers' language, default nb): one finding per value and
// language, with the value's path (the caller adds line and column). A
// value is translated when its text is the typed-language side of a pair
// of translations[]; a text that is the same in both languages (a name) is
// a pair with the same text on both sides. Severity: info in a draft,
// warning in a final agreement.
//
// langs are the languages the agreement is rendered in. nil means that
// they are not known (dpa check without -l): then one info finding, with
// the path translations, counts the values the agreement in the other
// language would print as written, so that nothing is silent and a file
// that is only ever generated in its own language is not flooded; dpa
// check -l en lists them one by one.
func ValueAsWritten(a *answers.Answers, langs []string, ui *i18n.Localizer) []doc.Finding {
	typed := answers.Typed(a)
	if langs == nil {
		other := "en"
		if typed == "en" {
			other = "nb"
		}
		n := len(asWritten(a, other))
		if n == 0 {
			return nil
		}
		data := map[string]any{"Path": "translations", "Count": n, "Lang": other,
			"Written": ui.T("lang.written." + typed), "Doc": ui.T("lang.doc." + other)}
		return []doc.Finding{{Severity: Info, Code: CodeValueAsWritten, Path: "translations", Message: ui.TN("finding.value-as-written.count", n, data)}}
	}
	sev := Warning
	if IsDraft(a) {
		sev = Info
	}
	var out []doc.Finding
	seen := map[string]bool{}
	for _, l := range langs {
		if l == typed || seen[l] {
			continue
		}
		seen[l] = true
		for _, v := range asWritten(a, l) {
			data := map[string]any{"Path": v.Path, "Value": v.Text, "Lang": l,
				"Written": ui.T("lang.written." + typed), "Doc": ui.T("lang.doc." + l)}
			out = append(out, doc.Finding{Severity: sev, Code: CodeValueAsWritten, Path: v.Path, Message: ui.T("finding."+CodeValueAsWritten, data)})
		}
	}
	return out
}

// asWritten returns the free-text values that an agreement in lang prints
// as written (none in the language the values are typed in).
func asWritten(a *answers.Answers, lang string) []answers.ProseValue {
	tr := answers.NewTranslator(a.Translations, answers.Typed(a))
	var out []answers.ProseValue
	for _, v := range answers.Prose(a) {
		if _, ok := tr.In(v.Text, lang); !ok {
			out = append(out, v)
		}
	}
	return out
}

// translationFindings reports the pairs of translations[] that translate
// nothing: their side in the language the values are typed in is no
// free-text value of the answers (a misspelt pair).
func translationFindings(a *answers.Answers, add func(sev, code, path string, data map[string]any)) {
	if len(a.Translations) == 0 {
		return
	}
	used := map[string]bool{}
	for _, v := range answers.Prose(a) {
		used[v.Text] = true
	}
	typed := answers.Typed(a)
	for i, p := range a.Translations {
		side := p.NB
		if typed == "en" {
			side = p.EN
		}
		if !used[strings.TrimSpace(side)] {
			add(Warning, CodeTranslationUnused, fmt.Sprintf("translations[%d]", i), map[string]any{"Value": strings.TrimSpace(side)})
		}
	}
}
