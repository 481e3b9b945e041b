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
