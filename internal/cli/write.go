package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"

	"github.com/dpa-no/dpa/internal/fsafe"
	"github.com/dpa-no/dpa/internal/i18n"
)

// output is one file to write.
type output struct {
	Name   string // file name inside the output folder
	Format string
	Lang   string
	Data   []byte
}

// writeAll writes outs into dir (writeFiles), with f's messages.
func (f *Factory) writeAll(dir string, outs []output, force bool) error {
	return writeFiles(f.UI(""), f.Err, dir, outs, force)
}

// writeFiles makes the folder dir if needed and writes every output into
// it, or none of them (fsafe.WriteFiles: all or nothing, also when the
// process is killed, and leftovers of a killed run put right first, told
// on notice). Errors are in the UI language: an output that exists
// (without force), a folder in its place or a name too long are the
// input's fault (exit 2).
func writeFiles(ui *i18n.Localizer, notice io.Writer, dir string, outs []output, force bool) error {
	if err := ensureOutDir(ui, dir); err != nil {
		return err
	}
	files := make([]fsafe.File, len(outs))
	for i, o := range outs {
		files[i] = fsafe.File{Name: o.Name, Data: o.Data}
	}
	err := fsafe.WriteFiles(dir, files, fsafe.Options{Force: force, Notify: func(e fsafe.Event) { recovered(ui, notice, e) }})
	var (
		ex *fsafe.ExistsError
		fe *fsafe.IsFolderError
		tl *fsafe.NameTooLongError
		we *fsafe.WriteError
	)
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ex):
		return inputErr(ui, "cli.err.exists", M{"Path": ex.Path})
	case errors.As(err, &fe):
		return inputErr(ui, "cli.err.output_is_folder", M{"Path": fe.Path})
	case errors.As(err, &tl):
		return inputErr(ui, "cli.err.name_too_long", M{"Path": tl.Path, "Len": tl.Len, "Max": fsafe.MaxName})
	case errors.As(err, &we):
		return writeErr(ui, we.Path, we.Err)
	}
	return writeErr(ui, dir, err)
}

// recovered says what was put right after a killed run.
func recovered(ui *i18n.Localizer, notice io.Writer, e fsafe.Event) {
	switch e.Kind {
	case "restored":
		fmt.Fprintln(notice, ui.T("cli.recover.restored", M{"Path": e.Path, "PID": e.PID}))
	case "removed":
		fmt.Fprintln(notice, ui.T("cli.recover.removed", M{"Path": e.Path, "PID": e.PID}))
	case "cleaned":
		fmt.Fprintln(notice, ui.T("cli.recover.cleaned", M{"Dir": e.Dir, "N": e.N, "PID": e.PID}))
	}
}

func writeErr(ui *i18n.Localizer, path string, err error) error {
	return msgErr(ui, "cli.err.write", M{"Path": path, "Reason": reason(ui, err)})
}

// ensureOutDir makes dir if it does not exist and checks that it is a
// folder. A dangling symbolic link and a path below a file are the flag's
// fault (exit 2), not the machine's.
func ensureOutDir(ui *i18n.Localizer, dir string) error {
	st, err := os.Stat(dir)
	if err == nil {
		if !st.IsDir() {
			return inputErr(ui, "cli.err.out_not_folder", M{"Dir": dir})
		}
		return nil
	}
	if lst, lerr := os.Lstat(dir); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
		return inputErr(ui, "cli.err.out_folder", M{"Dir": dir, "Reason": ui.T("cli.reason.dangling_link")})
	}
	if errors.Is(err, fs.ErrNotExist) {
		err = os.MkdirAll(dir, 0o777) // the umask applies
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, syscall.ENOTDIR), errors.Is(err, syscall.ENAMETOOLONG), errors.Is(err, syscall.ELOOP):
		return inputErr(ui, "cli.err.out_folder", M{"Dir": dir, "Reason": reason(ui, err)})
	}
	return msgErr(ui, "cli.err.out_folder", M{"Dir": dir, "Reason": reason(ui, err)})
}
