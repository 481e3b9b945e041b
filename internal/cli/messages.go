package cli

import (
	"errors"
	"io/fs"
	"os"
	"strconv"
	"syscall"

	"github.com/dpa-no/dpa/internal/i18n"
)

// M is template data for a message.
type M = map[string]any

// msgErr is an error whose text is the message id rendered in the UI
// language.
func msgErr(ui *i18n.Localizer, id string, data M) error {
	return errors.New(ui.T(id, data))
}

// inputErr is an InputError (exit 2) with a localised message.
func inputErr(ui *i18n.Localizer, id string, data M) error {
	return &InputError{Err: msgErr(ui, id, data)}
}

// reason says in the UI language why a file operation failed: the common
// operating-system errors are translated, others are given as they are.
func reason(ui *i18n.Localizer, err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return ui.T("cli.reason.not_exist")
	case errors.Is(err, fs.ErrPermission):
		return ui.T("cli.reason.permission")
	case errors.Is(err, syscall.ENOTDIR):
		return ui.T("cli.reason.not_dir")
	case errors.Is(err, syscall.EROFS):
		return ui.T("cli.reason.read_only")
	case errors.Is(err, syscall.ENOSPC):
		return ui.T("cli.reason.no_space")
	case errors.Is(err, syscall.ENAMETOOLONG):
		return ui.T("cli.reason.name_too_long")
	case errors.Is(err, syscall.ELOOP):
		return ui.T("cli.reason.loop")
	}
	return err.Error()
}

// normalizeLang is i18n.Normalize with the error in the UI language.
func normalizeLang(ui *i18n.Localizer, s string) (string, error) {
	l, err := i18n.Normalize(s)
	if err != nil {
		return "", inputErr(ui, "cli.err.language", M{"Lang": strconv.Quote(s)})
	}
	return l, nil
}
