// Package i18n loads the UI and document messages from locales/ with go-i18n
// and normalises language names given by users.
package i18n

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"text/template"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/dpa-no/dpa/internal/golit"
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
	// own are the single-form messages of this language, looked up without
	// go-i18n's language matching (which cost more than the rest of T: an
	// agreement with 14,000 subprocessors asks for some 10^5 messages).
	own map[string]*message
}

// message is one single-form message and its template, parsed at first use
// exactly as go-i18n parses it.
type message struct {
	src   string
	once  sync.Once
	tmpl  *template.Template
	perr  error
	plain bool // no "{{": the text itself, whatever the data
}

func (m *message) execute(data any) (string, error) {
	if m.plain {
		return m.src, nil
	}
	m.once.Do(func() {
		m.tmpl, m.perr = template.New("").Delims("{{", "}}").Option("missingkey=default").Parse(m.src)
	})
	if m.perr != nil {
		return "", m.perr
	}
	var b bytes.Buffer
	if err := m.tmpl.Execute(&b, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

var (
	once   sync.Once
	bundle *goi18n.Bundle
	errB   error
	cache  sync.Map // lang -> *Localizer
	// single are the single-form messages of each language, as added to
	// the bundle.
	single = map[string]map[string]*message{}
)

// add adds the messages of one language to the bundle and keeps its
// single-form ones for Localizer.T.
func add(lang string, msgs []*goi18n.Message) error {
	if err := bundle.AddMessages(language.Make(lang), msgs...); err != nil {
		return err
	}
	own := map[string]*message{}
	for _, m := range msgs {
		if m.Other != "" && m.Zero == "" && m.One == "" && m.Two == "" && m.Few == "" && m.Many == "" && m.LeftDelim == "" && m.RightDelim == "" {
			own[m.ID] = &message{src: m.Other, plain: !strings.Contains(m.Other, "{{")}
		}
	}
	single[lang] = own
	return nil
}

func load() {
	bundle = goi18n.NewBundle(language.Norwegian)
	// The messages are compiled in (messages_gen.go): parsing the two YAML
	// files cost about 3 ms at every start. A snapshot that does not match
	// the embedded files (an edit without regenerating) is not used.
	if messagesSnapshot != nil {
		if key, err := messagesKey(); err == nil && key == messagesSnapshotKey {
			for _, l := range Langs {
				if errB = add(l, messagesOf(messagesSnapshot[l])); errB != nil {
					return
				}
			}
			fromSnapshot = true
			return
		}
	}
	for _, l := range Langs {
		b, err := locales.FS.ReadFile(l + ".yaml")
		if err != nil {
			errB = err
			return
		}
		var m map[string]string
		if err := yaml.Unmarshal(b, &m); err != nil {
			errB = fmt.Errorf("%s.yaml: %w", l, err)
			return
		}
		if errB = add(l, messagesOf(m)); errB != nil {
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
	lz := &Localizer{Lang: lang, l: goi18n.NewLocalizer(bundle, tag), own: single[tag]}
	cache.Store(lang, lz)
	return lz
}

// T returns message id filled with data (a map or struct). A missing message
// returns the id itself so a gap is visible, never a crash.
func (l *Localizer) T(id string, data ...any) string {
	if m := l.own[id]; m != nil {
		var d any
		if len(data) > 0 {
			d = data[0]
		}
		s, err := m.execute(d)
		if err != nil {
			return id
		}
		return s
	}
	return l.slowT(id, data...)
}

// slowT is T through go-i18n.
func (l *Localizer) slowT(id string, data ...any) string {
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

// messagesSnapshot and messagesSnapshotKey are set by messages_gen.go
// (regenerate with go generate ./...).
//
//go:generate go run ../gen messages
var (
	messagesSnapshot    map[string]map[string]string
	messagesSnapshotKey string
	fromSnapshot        bool // the bundle was loaded from messagesSnapshot
)

// messagesOf turns id -> text into go-i18n messages, as the YAML loader
// does for a file of plain strings.
//
// Plural forms: the ids "x.one" and "x.other" together make one message
// "x" with the forms one and other (CLDR plural categories, which for nb
// and en are one and other), used with TN.
func messagesOf(m map[string]string) []*goi18n.Message {
	out := make([]*goi18n.Message, 0, len(m))
	plural := map[string]*goi18n.Message{}
	for id, text := range m {
		// "x.one" with "x.other" (or the other way round) is one plural message x
		if base, form, pair := pluralForm(m, id); pair {
			p := plural[base]
			if p == nil {
				p = &goi18n.Message{ID: base}
				plural[base] = p
			}
			if form == "one" {
				p.One = text
			} else {
				p.Other = text
			}
			continue
		}
		out = append(out, &goi18n.Message{ID: id, Other: text})
	}
	for _, p := range plural {
		out = append(out, p)
	}
	return out
}

// TN returns the plural message id (written as id.one and id.other in the
// locale files) for count n; data may add more fields, and .Count is n.
func (l *Localizer) TN(id string, n int, data ...map[string]any) string {
	d := map[string]any{"Count": n}
	if len(data) > 0 {
		for k, v := range data[0] {
			d[k] = v
		}
	}
	s, err := l.l.Localize(&goi18n.LocalizeConfig{MessageID: id, PluralCount: n, TemplateData: d})
	if err != nil {
		return id
	}
	return s
}

// messagesKey identifies the embedded message files (see golit.Key).
func messagesKey() (string, error) {
	h := golit.NewKey()
	for _, l := range Langs {
		b, err := locales.FS.ReadFile(l + ".yaml")
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", l, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// MessagesGo returns messages_gen.go for the embedded message files: every
// file must be a flat mapping of message id to text.
func MessagesGo() ([]byte, error) {
	key, err := messagesKey()
	if err != nil {
		return nil, err
	}
	all := map[string]map[string]string{}
	for _, l := range Langs {
		b, err := locales.FS.ReadFile(l + ".yaml")
		if err != nil {
			return nil, err
		}
		var m map[string]string
		if err := yaml.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s.yaml: %w (the snapshot needs id: text pairs)", l, err)
		}
		all[l] = m
	}
	var b bytes.Buffer
	b.WriteString("// Code generated by go generate ./...; DO NOT EDIT.\n\n")
	b.WriteString("package i18n\n\nfunc init() {\n\tmessagesSnapshotKey = ")
	b.WriteString(strconv.Quote(key))
	b.WriteString("\n\tmessagesSnapshot = ")
	golit.Write(&b, reflect.ValueOf(all), "i18n", 1)
	b.WriteString("\n}\n")
	return golit.Format(b.Bytes()), nil
}

// IDs returns the message ids of a language file, for parity tests.
func IDs(lang string) ([]string, error) {
	b, err := locales.FS.ReadFile(lang + ".yaml")
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := yaml.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out, nil
}

// pluralForm reports whether id is "<base>.one" or "<base>.other" and m
// has the other form of base too.
func pluralForm(m map[string]string, id string) (base, form string, pair bool) {
	for _, f := range [2][2]string{{"one", "other"}, {"other", "one"}} {
		if b, ok := strings.CutSuffix(id, "."+f[0]); ok {
			if _, has := m[b+"."+f[1]]; has {
				return b, f[0], true
			}
		}
	}
	return "", "", false
}
