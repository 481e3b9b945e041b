package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/dpa-no/dpa/internal/i18n"
)

// TestHelpLocalised fails when a command or flag has no help text in one of
// the languages; the message names the locale key to add.
func TestHelpLocalised(t *testing.T) {
	root := NewCmdRoot(&Factory{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}})
	for _, key := range helpEntries(root) {
		for _, l := range i18n.Langs {
			if !i18n.For(l).Has(key) {
				t.Errorf("locales/%s.yaml has no %s: add it (help texts of every command and flag are in both languages; see internal/cli/help.go)", l, key)
			}
		}
	}
}

// TestHelpNoEnglishInNorwegian renders --help of every command in nb and
// looks for cobra's English words.
func TestHelpNoEnglishInNorwegian(t *testing.T) {
	root := NewCmdRoot(&Factory{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}, UILang: "nb"})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		var b bytes.Buffer
		c.SetOut(&b)
		if err := c.Help(); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, w := range []string{"Usage:", "Flags:", "Examples:", "Available Commands", "help for", "[flags]", "(default", " string ", " strings ", " int "} {
			if strings.Contains(out, w) {
				t.Errorf("dpa %s --help (nb) contains %q:\n%s", helpKey(c), w, out)
			}
		}
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(root)
}

func TestTranslateCobra(t *testing.T) {
	ui := i18n.For("en")
	for in, want := range map[string]string{
		`accepts at most 1 arg(s), received 2`:                            "takes at most 1 argument(s), got 2",
		`unknown flag: --frob`:                                            "unknown flag: --frob",
		`invalid argument "x" for "--jobs" flag: strconv.ParseInt: parsing "x": invalid syntax`: `invalid value "x" for the flag --jobs: not an integer`,
		`unknown command "frob" for "dpa"`:                                `unknown command "frob"`,
	} {
		got, ok := translateCobra(ui, in)
		if !ok || got != want {
			t.Errorf("translateCobra(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := translateCobra(ui, "something else"); ok {
		t.Error("translated a message that is not cobra's")
	}
}
