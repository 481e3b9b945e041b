package cli

import (
	"errors"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dpa-no/dpa/internal/i18n"
)

// FlagError is a usage error: an unknown command or flag, a flag without
// its value or with a bad one, or the wrong number of arguments (exit 2).
// Main prints it with a pointer to the command's --help. Like cli/cli's
// cmdutil.FlagError, it is a type, so nothing matches error strings.
type FlagError struct {
	Err error
	Cmd string // the command path, for the --help pointer
}

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// flagErr is a FlagError with a localised message.
func flagErr(ui *i18n.Localizer, cmd *cobra.Command, id string, data M) error {
	return &FlagError{Err: msgErr(ui, id, data), Cmd: cmd.CommandPath()}
}

// pflagError turns pflag's typed parse errors into FlagErrors in the UI
// language (SetFlagErrorFunc).
func pflagError(ui *i18n.Localizer, cmd *cobra.Command, err error) error {
	var (
		notExist *pflag.NotExistError
		needsArg *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		if s := notExist.GetSpecifiedShortnames(); s != "" {
			return flagErr(ui, cmd, "cli.err.unknown_shorthand", M{"Flag": "-" + notExist.GetSpecifiedName()[:1]})
		}
		return flagErr(ui, cmd, "cli.err.unknown_flag", M{"Flag": "--" + notExist.GetSpecifiedName()})
	case errors.As(err, &needsArg):
		name := "--" + needsArg.GetSpecifiedName()
		if needsArg.GetSpecifiedShortnames() != "" {
			name = "-" + needsArg.GetSpecifiedName()[:1]
		}
		return flagErr(ui, cmd, "cli.err.flag_needs_arg", M{"Flag": name})
	case errors.As(err, &invalid):
		return flagErr(ui, cmd, "cli.err.flag_invalid", M{"Flag": "--" + invalid.GetFlag().Name, "Value": strconv.Quote(invalid.GetValue())})
	case errors.As(err, &syntax):
		return flagErr(ui, cmd, "cli.err.flag_syntax", M{"Flag": syntax.GetSpecifiedFlag()})
	}
	return &FlagError{Err: err, Cmd: cmd.CommandPath()}
}

// Argument checks with typed, localised errors (instead of cobra.NoArgs,
// ExactArgs, MaximumNArgs, whose messages are English strings).

func noArgs(f *Factory) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return flagErr(f.UI(""), cmd, "cli.err.args_none", M{"Cmd": cmd.CommandPath(), "Arg": strconv.Quote(args[0])})
		}
		return nil
	}
}

func exactArgs(f *Factory, n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return flagErr(f.UI(""), cmd, "cli.err.args_exact", M{"Cmd": cmd.CommandPath(), "Want": n, "Got": len(args)})
		}
		return nil
	}
}

func maxArgs(f *Factory, n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return flagErr(f.UI(""), cmd, "cli.err.args_max", M{"Cmd": cmd.CommandPath(), "Max": n, "Got": len(args)})
		}
		return nil
	}
}

// group makes a command that only holds subcommands (dpa, dpa clauses)
// runnable, so that an unknown subcommand is a FlagError (exit 2) with
// suggestions instead of cobra's untyped error or a help page with exit 0.
func group(f *Factory, cmd *cobra.Command) *cobra.Command {
	cmd.Args = cobra.ArbitraryArgs
	cmd.RunE = func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return c.Help()
		}
		data := M{"Cmd": strconv.Quote(args[0]) + " (" + c.CommandPath() + ")"}
		if c.SuggestionsMinimumDistance <= 0 {
			c.SuggestionsMinimumDistance = 2
		}
		if s := c.SuggestionsFor(args[0]); len(s) > 0 {
			return flagErr(f.UI(""), c, "cli.err.unknown_command_suggest", M{"Cmd": data["Cmd"], "Suggestion": strings.Join(s, ", ")})
		}
		return flagErr(f.UI(""), c, "cli.err.unknown_command", data)
	}
	return cmd
}
