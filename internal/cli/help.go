package cli

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dpa-no/dpa/internal/i18n"
)

// Help texts live in locales/{nb,en}.yaml, keyed by command path (without
// "dpa"; the root is "dpa"):
//
//	help.<cmd>.short    one line, shown in command lists
//	help.<cmd>.long     the description under --help
//	help.<cmd>.example  examples (indented two spaces)
//	help.<cmd>.args     the argument part of the usage line ("SVARFIL.yaml")
//	flag.<cmd>.<flag>   the description of a flag defined on that command
//
// e.g. help.clauses.show.short, flag.generate.format. localiseHelp applies
// them to the whole tree once it is built, so command files keep their
// English texts only as a fallback, and a new command or flag needs its two
// entries in the locales (TestHelpLocalised says which).

// helpKey is the locale key of a command: "generate", "clauses.show", "dpa".
func helpKey(c *cobra.Command) string {
	if !c.HasParent() {
		return "dpa"
	}
	p := strings.Fields(c.CommandPath())
	return strings.Join(p[1:], ".")
}

// localiseHelp sets every command's texts, flag descriptions and the usage
// template in the UI language of ui. Missing entries keep the texts in code.
func localiseHelp(root *cobra.Command, ui *i18n.Localizer) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	root.SetUsageTemplate(usageTemplate(ui))
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		key := helpKey(c)
		if t, ok := lookup(ui, "help."+key+".short"); ok {
			c.Short = t
		}
		if t, ok := lookup(ui, "help."+key+".long"); ok {
			c.Long = t
		}
		if t, ok := lookup(ui, "help."+key+".example"); ok {
			c.Example = indentExample(t)
		}
		name := c.Name()
		args := ""
		if i := strings.IndexByte(c.Use, ' '); i >= 0 {
			args = strings.TrimSpace(c.Use[i+1:])
		}
		if t, ok := lookup(ui, "help."+key+".args"); ok {
			args = t
		}
		args = strings.TrimSpace(strings.ReplaceAll(args, "[flags]", ""))
		use := name
		if args != "" {
			use += " " + args
		}
		c.Use = use + " [" + ui.T("help.flags_word") + "]"
		c.DisableFlagsInUseLine = true
		flagKey := func(fl *pflag.Flag) {
			if fl.Name == "help" {
				fl.Usage = ui.T("flag.help", M{"Cmd": name})
				return
			}
			if t, ok := lookup(ui, "flag."+key+"."+fl.Name); ok {
				fl.Usage = t
			}
		}
		c.LocalFlags().VisitAll(flagKey)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// lookup returns message id if it exists in ui's language.
func lookup(ui *i18n.Localizer, id string) (string, bool) {
	if !ui.Has(id) {
		return "", false
	}
	return ui.T(id), true
}

// helpEntries lists every help and flag key the tree needs, for tests and
// docs: command keys (short, long, example) and flag keys.
func helpEntries(root *cobra.Command) []string {
	var out []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		key := helpKey(c)
		out = append(out, "help."+key+".short", "help."+key+".long")
		if c.Runnable() && c.Name() != "help" {
			out = append(out, "help."+key+".example")
		}
		add := func(fl *pflag.Flag) {
			if fl.Name != "help" {
				out = append(out, "flag."+key+"."+fl.Name)
			}
		}
		c.LocalFlags().VisitAll(add)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	sort.Strings(out)
	return dedupe(out)
}

func dedupe(xs []string) []string {
	var out []string
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// usageTemplate is cobra's default usage template with its words in the UI
// language.
func usageTemplate(ui *i18n.Localizer) string {
	flagFuncsOnce.Do(func() {
		for _, l := range i18n.Langs {
			lz := i18n.For(l)
			cobra.AddTemplateFunc("dpaFlags_"+l, func(fs *pflag.FlagSet) string { return flagUsages(lz, fs) })
		}
	})
	t := func(id string) string { return ui.T("help.tmpl." + id) }
	return t("usage") + `:{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [` + t("command_word") + `]{{end}}{{if gt (len .Aliases) 0}}

` + t("aliases") + `:
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

` + t("examples") + `:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

` + t("commands") + `:{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

` + t("flags") + `:
{{dpaFlags_` + ui.Lang + ` .LocalFlags}}{{end}}{{if .HasAvailableInheritedFlags}}

` + t("global_flags") + `:
{{dpaFlags_` + ui.Lang + ` .InheritedFlags}}{{end}}{{if .HasAvailableSubCommands}}

` + t("more_pre") + ` "{{.CommandPath}} [` + t("command_word") + `] --help" ` + t("more_post") + `{{end}}
`
}

var flagFuncsOnce sync.Once

// indentExample indents every line of an example by two spaces (the
// locale files keep them flush left).
func indentExample(t string) string {
	lines := strings.Split(strings.TrimRight(t, "\n"), "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, "  ") && l != "" {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "\n")
}

// flagUsages is pflag's FlagUsages with the value names and the default in
// the UI language: "-o, --out tekst   utdatamappe (standard: .)".
func flagUsages(ui *i18n.Localizer, fs *pflag.FlagSet) string {
	type row struct{ left, usage string }
	var rows []row
	width := 0
	fs.VisitAll(func(fl *pflag.Flag) {
		if fl.Hidden {
			return
		}
		left := "      --" + fl.Name
		if fl.Shorthand != "" {
			left = "  -" + fl.Shorthand + ", --" + fl.Name
		}
		varname, usage := pflag.UnquoteUsage(fl)
		if strings.Contains(fl.Usage, "`") {
			left += " " + varname
		} else if varname != "" {
			if w, ok := lookup(ui, "help.type."+varname); ok {
				left += " " + w
			} else {
				left += " " + varname
			}
		}
		switch fl.DefValue {
		case "", "false", "0", "[]":
		default:
			usage += " (" + ui.T("help.default", M{"Value": strings.Trim(fl.DefValue, "[]")}) + ")"
		}
		if n := len([]rune(left)); n > width {
			width = n
		}
		rows = append(rows, row{left, usage})
	})
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s%s   %s", r.left, strings.Repeat(" ", width-len([]rune(r.left))), r.usage)
	}
	return b.String()
}
