package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
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
	// Temp is set when the output was staged while the others were still
	// rendered (an early stager): the temporary file in the output folder
	// that holds it, its size and sha256; Data is then nil.
	Temp      string
	tempExact bool // Temp was made with the mode of the file it replaces
	size      int
	sum       string
	release   func() // of Temp's lock (fsafe.StageEarly), after writeAll
}

// Size is the number of bytes of the output.
func (o *output) Size() int {
	if o.Temp != "" {
		return o.size
	}
	return len(o.Data)
}

// SHA256 is the hex sha256 of the output.
func (o *output) SHA256() string {
	if o.Temp != "" {
		return o.sum
	}
	return sha(o.Data)
}

// stager stages the outputs of one answers file in the output folder as
// soon as each is rendered, so that a large agreement's outputs (some
// 280 MB for 14,000 subprocessors in all formats and both languages) are
// not all held in memory at once. writeAll moves them into place as
// before; discard removes them, and the folders made for them, when the
// outputs are not written after all. An output that cannot be staged early
// stays in memory, and writeAll reports the error in its usual order.
type stager struct {
	dir     string
	once    sync.Once
	ok      bool
	created []string // folders made for the outputs, deepest first
}

func newStager(dir string) *stager {
	if dir == "" {
		dir = "."
	}
	return &stager{dir: dir}
}

// put stages o (rendered into o.Data) and drops its data, or leaves o as
// it is.
func (s *stager) put(o *output) {
	s.once.Do(func() {
		st, err := os.Stat(s.dir)
		if err == nil {
			s.ok = st.IsDir()
			return
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return
		}
		// the folders that do not exist yet, to remove them on discard
		var missing []string
		for d := filepath.Clean(s.dir); ; d = filepath.Dir(d) {
			if _, err := os.Lstat(d); err == nil || !errors.Is(err, fs.ErrNotExist) {
				break
			}
			missing = append(missing, d)
			if filepath.Dir(d) == d {
				break
			}
		}
		if os.MkdirAll(s.dir, 0o777) == nil { // the umask applies
			s.created, s.ok = missing, true
		}
	})
	if !s.ok || len(o.Name) > fsafe.MaxName {
		return
	}
	mode, exact := os.FileMode(0o666), false
	if st, err := os.Lstat(filepath.Join(s.dir, o.Name)); err == nil && st.Mode().IsRegular() {
		mode, exact = st.Mode().Perm(), true // as writeAll stages it under --force
	}
	t, release, err := fsafe.StageEarly(s.dir, o.Data, mode, exact)
	if err != nil {
		return
	}
	o.Temp, o.tempExact, o.size, o.sum, o.release = t, exact, len(o.Data), sha(o.Data), release
	o.Data = nil
}

// discard removes the staged outputs and the folders made for them (if
// they are empty).
func (s *stager) discard(outs []output) {
	discardTemps(outs)
	if s != nil {
		for _, d := range s.created {
			os.Remove(d)
		}
	}
}

func discardTemps(outs []output) {
	for i := range outs {
		if outs[i].Temp != "" {
			os.Remove(outs[i].Temp)
		}
		releaseTemp(&outs[i])
	}
}

// releaseTemp gives up the lock of an output staged early.
func releaseTemp(o *output) {
	if o.release != nil {
		o.release()
		o.release = nil
	}
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
		discardTemps(outs)
		return err
	}
	files := make([]fsafe.File, len(outs))
	for i, o := range outs {
		files[i] = fsafe.File{Name: o.Name, Data: o.Data, Temp: o.Temp, TempExact: o.tempExact}
	}
	err := fsafe.WriteFiles(dir, files, fsafe.Options{Force: force, Notify: func(e fsafe.Event) { recovered(ui, notice, e) }})
	if err != nil {
		discardTemps(outs) // those staged early and not moved or removed
	} else {
		for i := range outs {
			releaseTemp(&outs[i])
		}
	}
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
	case "stale":
		fmt.Fprintln(notice, ui.T("cli.recover.stale", M{"Dir": e.Dir, "N": e.N}))
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
