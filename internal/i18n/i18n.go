// Package i18n loads the UI and document messages from locales/ with go-i18n
// and normalises language names given by users.
package i18n

import (
	"fmt"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/dpa-no/dpa/locales"
)

// Langs are the supported languages, in the order they are listed.
var Langs = []string{"nb", "en"}

// Normalize maps what users type ("no", "nb-NO", "nob", "NB", "en-GB",
// "en_US", "english") to "nb" or "en". go-i18n's own matcher would also map
// Danish to nb, which is wrong for a legal text, so matching is done here.
func Normalize(s string) (string, error) {
	l := strings.ToLower(strings.TrimSpace(s))
	l = strings.ReplaceAll(l, "_", "-")
	if i := strings.IndexByte(l, '.'); i >= 0 { // nb_NO.UTF-8
		l = l[:i]
	}
	base := l
	if i := strings.IndexByte(l, '-'); i >= 0 {
		base = l[:i]
	}
	switch base {
	case "nb", "no", "nob", "nor", "norsk", "bokmål", "bokmal", "norwegian":
		return "nb", nil
	case "en", "eng", "english":
		return "en", nil
	}
	return "", fmt.Errorf("unsupported language %q (use nb or en)", s)
}

// Localizer gives messages in one language.
type Localizer struct {
	Lang string
	l    *goi18n.Localizer
}

var (
	once   sync.Once
	bundle *goi18n.Bundle
	errB   error
	cache  sync.Map // lang -> *Localizer
)

func load() {
	bundle = goi18n.NewBundle(language.Norwegian)
	bundle.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	for _, l := range Langs {
		if _, err := bundle.LoadMessageFileFS(locales.FS, l+".yaml"); err != nil {
			errB = err
			return
		}
	}
}

// For returns the localizer for lang, which must be "nb" or "en"
// (call Normalize first). Anything else falls back to nb.
func For(lang string) *Localizer {
	once.Do(load)
	if errB != nil {
		panic("i18n: " + errB.Error())
	}
	if lang != "en" {
		lang = "nb"
	}
	if v, ok := cache.Load(lang); ok {
		return v.(*Localizer)
	}
	tag := "nb"
	if lang == "en" {
		tag = "en"
	}
	lz := &Localizer{Lang: lang, l: goi18n.NewLocalizer(bundle, tag)}
	cache.Store(lang, lz)
	return lz
}

// T returns message id filled with data (a map or struct). A missing message
// returns the id itself so a gap is visible, never a crash.
func (l *Localizer) T(id string, data ...interface{}) string {
	cfg := &goi18n.LocalizeConfig{MessageID: id}
	if len(data) > 0 {
		cfg.TemplateData = data[0]
	}
	s, err := l.l.Localize(cfg)
	if err != nil {
		return id
	}
	return s
}

// Has reports whether message id exists in this language.
func (l *Localizer) Has(id string) bool {
	_, tag, err := l.l.LocalizeWithTag(&goi18n.LocalizeConfig{MessageID: id})
	return err == nil && tag.String() != ""
}

// IDs returns the message ids of a language file, for parity tests.
func IDs(lang string) ([]string, error) {
	b, err := locales.FS.ReadFile(lang + ".yaml")
	if err != nil {
		return nil, err
	}
	var m map[string]interface{}
	if err := yaml.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out, nil
}
