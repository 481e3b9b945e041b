package cli

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Shell completion (dpa completion bash|zsh|fish|powershell): flag values
// (-f/--format, -l/--lang, --ui-lang, --library, -o/--out), clause ids for
// `clauses show`, answers files for the commands that read them. Applied
// over the whole tree once it is built, like the help texts.

// completionFormats are the values of --format per command key.
func completionFormats(key string) []string {
	switch key {
	case "generate":
		return []string{"pdf", "docx", "md", "txt", "json"}
	case "diff":
		return DiffFormats
	case "check":
		return []string{"text", "json"}
	}
	return nil
}

func fixed(list bool, vals ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		// a comma list (-f pdf,do<TAB>): complete the last item
		prefix := ""
		if i := strings.LastIndexByte(toComplete, ','); list && i >= 0 {
			prefix = toComplete[:i+1]
		}
		var out []string
		for _, v := range vals {
			if strings.HasPrefix(prefix+v, toComplete) && !strings.Contains(","+prefix, ","+v+",") {
				out = append(out, prefix+v)
			}
		}
		if list {
			return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func dirs(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterDirs
}

func answersFiles(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
}

func addCompletions(root *cobra.Command, f *Factory) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		key := helpKey(c)
		reg := func(fl *pflag.Flag) {
			var fn func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective)
			list := fl.Value.Type() == "stringSlice"
			switch fl.Name {
			case "format":
				if v := completionFormats(key); v != nil {
					fn = fixed(list, v...)
				}
			case "lang", "ui-lang":
				fn = fixed(list, "nb", "en")
			case "library":
				fn = dirs
			case "out":
				if key == "generate" {
					fn = dirs
				}
			}
			if fn != nil {
				_ = c.RegisterFlagCompletionFunc(fl.Name, fn)
			}
		}
		c.LocalFlags().VisitAll(reg)
		switch key {
		case "generate", "check":
			c.ValidArgsFunction = answersFiles
		case "diff":
			c.ValidArgsFunction = func(cmd *cobra.Command, args []string, s string) ([]string, cobra.ShellCompDirective) {
				if len(args) >= 2 {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
			}
		case "clauses.show":
			c.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
				if len(args) > 0 {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				dir := ""
				if fl := cmd.Flag("library"); fl != nil {
					dir = fl.Value.String()
				}
				lib, err := f.Library(dir)
				if err != nil {
					return nil, cobra.ShellCompDirectiveError
				}
				lang := "nb"
				if fl := cmd.Flag("lang"); fl != nil && fl.Value.String() == "en" {
					lang = "en"
				}
				var out []string
				for _, cl := range lib.Clauses {
					if strings.HasPrefix(cl.ID, toComplete) {
						out = append(out, cl.ID+"\t"+cl.Title.Get(lang))
					}
				}
				return out, cobra.ShellCompDirectiveNoFileComp
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
