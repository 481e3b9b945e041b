package cli

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"

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
	if !s.ok || len(o.Name) > maxNameBytes {
		return
	}
	mode, exact := os.FileMode(0o666), false
	if st, err := os.Lstat(filepath.Join(s.dir, o.Name)); err == nil && st.Mode().IsRegular() {
		mode, exact = st.Mode().Perm(), true // as writeAll stages it under --force
	}
	t, err := stage(s.dir, o.Data, mode, exact)
	if err != nil {
		return
	}
	o.Temp, o.tempExact, o.size, o.sum = t, exact, len(o.Data), sha(o.Data)
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
	for _, o := range outs {
		if o.Temp != "" {
			os.Remove(o.Temp)
		}
	}
}

// maxNameBytes is the longest file name most file systems take (NAME_MAX).
const maxNameBytes = 255

// osRename and osRenameNoReplace are os.Rename and renameNoReplace; tests
// replace them to make one move fail.
var (
	osRename          = os.Rename
	osRenameNoReplace = renameNoReplace
)

// errExists reports that an output appeared while it was being written:
// another run claimed it first.
var errExists = errors.New("exists")

// writeAll writes every output into dir, or none of them, and never leaves
// an old file changed or removed when it fails:
//
//  1. every output is staged in a temporary file in dir (created with mode
//     0666 so that the umask applies, or with the mode of the file it
//     replaces under force) and synced;
//  2. only when all are staged are they moved into place: a new file with a
//     rename that never replaces (renameat2 RENAME_NOREPLACE, else link(2),
//     else an exclusive create), so that two runs into one folder never
//     overwrite each other's files; under force an existing file is first
//     hard-linked to a backup name and then replaced by rename;
//  3. if any move fails, the ones already made are undone (backups renamed
//     back, new files removed), so that the folder is as it was.
func writeAll(ui *i18n.Localizer, dir string, outs []output, force bool) error {
	err := writeOrNone(ui, dir, outs, force)
	if err != nil {
		discardTemps(outs) // those staged early and not yet moved or removed
	}
	return err
}

func writeOrNone(ui *i18n.Localizer, dir string, outs []output, force bool) error {
	if err := ensureOutDir(ui, dir); err != nil {
		return err
	}
	modes := make([]os.FileMode, len(outs))
	exact := make([]bool, len(outs))
	for i, o := range outs {
		p := filepath.Join(dir, o.Name)
		if len(o.Name) > maxNameBytes {
			return inputErr(ui, "cli.err.name_too_long", M{"Path": p, "Len": len(o.Name), "Max": maxNameBytes})
		}
		modes[i] = 0o666 // the umask applies
		st, err := os.Lstat(p)
		switch {
		case err == nil && st.IsDir():
			return inputErr(ui, "cli.err.output_is_folder", M{"Path": p})
		case err == nil && !force:
			return inputErr(ui, "cli.err.exists", M{"Path": p})
		case err == nil && st.Mode().IsRegular():
			modes[i], exact[i] = st.Mode().Perm(), true // --force keeps the file's mode
		case err == nil:
			// a symbolic link or special file is replaced by a new file
		case errors.Is(err, syscall.ENAMETOOLONG):
			return inputErr(ui, "cli.err.name_too_long", M{"Path": p, "Len": len(o.Name), "Max": maxNameBytes})
		case !errors.Is(err, fs.ErrNotExist):
			return writeErr(ui, p, err)
		}
	}
	temps := make([]string, len(outs))
	removeTemps := func() {
		for _, t := range temps {
			if t != "" {
				os.Remove(t)
			}
		}
	}
	for i, o := range outs {
		if o.Temp != "" {
			// staged early: with the mode it needs now
			temps[i] = o.Temp
			var err error
			switch {
			case exact[i]:
				err = os.Chmod(o.Temp, modes[i])
			case o.tempExact: // the file it was to replace is gone: stage anew
				var data []byte
				if data, err = os.ReadFile(o.Temp); err == nil {
					var t string
					if t, err = stage(dir, data, modes[i], false); err == nil {
						os.Remove(o.Temp)
						temps[i] = t
					}
				}
			}
			if err != nil {
				removeTemps()
				return writeErr(ui, filepath.Join(dir, o.Name), err)
			}
			continue
		}
		t, err := stage(dir, o.Data, modes[i], exact[i])
		if err != nil {
			removeTemps()
			return writeErr(ui, filepath.Join(dir, o.Name), err)
		}
		temps[i] = t
	}
	// move into place, keeping what is needed to undo every move
	type placed struct {
		path, backup string
		info         os.FileInfo // of the new file, to remove only our own
	}
	var done []placed
	undo := func() {
		for i := len(done) - 1; i >= 0; i-- {
			d := done[i]
			if d.backup != "" {
				os.Rename(d.backup, d.path)
				continue
			}
			if st, err := os.Lstat(d.path); err == nil && os.SameFile(st, d.info) {
				os.Remove(d.path)
			}
		}
		removeTemps()
	}
	for i, o := range outs {
		p := filepath.Join(dir, o.Name)
		info, err := os.Lstat(temps[i])
		if err != nil {
			undo()
			return writeErr(ui, p, err)
		}
		pl := placed{path: p, info: info}
		if force {
			pl.backup, err = replace(temps[i], p)
		} else {
			err = placeNew(temps[i], p)
		}
		if err != nil {
			undo()
			switch {
			case errors.Is(err, errExists) || errors.Is(err, fs.ErrExist):
				return inputErr(ui, "cli.err.exists", M{"Path": p})
			case errors.Is(err, syscall.EISDIR):
				return inputErr(ui, "cli.err.output_is_folder", M{"Path": p})
			case errors.Is(err, syscall.ENAMETOOLONG):
				return inputErr(ui, "cli.err.name_too_long", M{"Path": p, "Len": len(o.Name), "Max": maxNameBytes})
			}
			return writeErr(ui, p, err)
		}
		temps[i] = ""
		done = append(done, pl)
	}
	for _, d := range done {
		if d.backup != "" {
			os.Remove(d.backup)
		}
	}
	syncDir(dir)
	return nil
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

// tempName is a fresh hidden name in dir with the given suffix.
func tempName(dir, suffix string) string {
	var b [8]byte
	rand.Read(b[:])
	return filepath.Join(dir, ".dpa-"+hex.EncodeToString(b[:])+suffix)
}

// stage writes data to a new temporary file in dir and syncs it. Its mode
// is mode reduced by the umask, or exactly mode when exact is set.
func stage(dir string, data []byte, mode os.FileMode, exact bool) (string, error) {
	for try := 0; ; try++ {
		name := tempName(dir, ".tmp")
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
		if errors.Is(err, fs.ErrExist) && try < 10 {
			continue
		}
		if err != nil {
			return "", err
		}
		if exact {
			if err = f.Chmod(mode); err != nil {
				f.Close()
				os.Remove(name)
				return "", err
			}
		}
		if _, err = f.Write(data); err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(name)
			return "", err
		}
		return name, nil
	}
}

// placeNew moves the staged file tmp to path, which must not exist. It
// never replaces a file that appeared meanwhile (errExists).
func placeNew(tmp, path string) error {
	err := osRenameNoReplace(tmp, path)
	if err == nil || !errors.Is(err, errUnsupported) {
		return err
	}
	// link(2) fails with EEXIST when path exists
	if err = os.Link(tmp, path); err == nil {
		os.Remove(tmp)
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return errExists
	}
	if !linkUnsupported(err) {
		return err
	}
	// no hard links on this file system: create path exclusively and copy
	data, rerr := os.ReadFile(tmp)
	if rerr != nil {
		return rerr
	}
	st, serr := os.Stat(tmp)
	if serr != nil {
		return serr
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, st.Mode().Perm())
	if errors.Is(err, fs.ErrExist) {
		return errExists
	}
	if err != nil {
		return err
	}
	if _, err = f.Write(data); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return err
	}
	os.Remove(tmp)
	return nil
}

// replace moves tmp to path under --force. An existing path is kept as a
// hard-linked backup (returned) until every output of the run is in
// place, so that a failure later on can put it back.
func replace(tmp, path string) (backup string, err error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return "", placeNew(tmp, path)
	}
	backup = tempName(filepath.Dir(path), ".bak")
	if err := os.Link(path, backup); err != nil {
		if errors.Is(err, fs.ErrNotExist) { // removed meanwhile
			return "", placeNew(tmp, path)
		}
		if !linkUnsupported(err) {
			return "", err
		}
		// no hard links: move the old file aside, then the new one in
		if err := osRename(path, backup); err != nil {
			return "", err
		}
		if err := osRename(tmp, path); err != nil {
			os.Rename(backup, path)
			return "", err
		}
		return backup, nil
	}
	if err := osRename(tmp, path); err != nil {
		os.Remove(backup)
		return "", err
	}
	return backup, nil
}

// linkUnsupported: the file system has no hard links (FAT, some network
// file systems).
func linkUnsupported(err error) bool {
	return errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.EXDEV) || errors.Is(err, syscall.EMLINK) || errors.Is(err, syscall.ENOSYS)
}
