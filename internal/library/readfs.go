package library

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/yamlx"
)

// ErrNotRegular means the path is a FIFO, a device, a socket or a folder, not a
// regular file. dpa reads regular files only, so that /dev/zero, a FIFO or
// a symbolic link to either can neither hang it nor fill its memory.
var ErrNotRegular = errors.New("not a regular file")

// TooLargeError means the file is over the limit. Size is its size when known
// (at least Max+1).
type TooLargeError struct {
	Path      string
	Size, Max int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: the file is over the limit of %d bytes", e.Path, e.Max)
}

// ReadBounded reads the regular file at path, at most max bytes. It opens
// the file without blocking (a FIFO with no writer would block an ordinary
// open), refuses anything but a regular file after opening it (so that the
// check and the read are of the same file), and reads at most max+1 bytes
// whatever the file claims its size is.
func ReadBounded(path string, max int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: ErrNotRegular}
	}
	if st.Size() > max {
		return nil, &TooLargeError{Path: path, Size: st.Size(), Max: max}
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, &TooLargeError{Path: path, Size: int64(len(data)), Max: max}
	}
	return data, nil
}

// DirFS is os.DirFS(dir) whose ReadFile reads regular files only, of at
// most max bytes each (ReadBounded): a clause library folder is input too.
func DirFS(dir string, max int64) fs.FS { return boundedFS{FS: os.DirFS(dir), dir: dir, max: max} }

type boundedFS struct {
	fs.FS
	dir string
	max int64
}

func (b boundedFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	data, err := ReadBounded(filepath.Join(b.dir, filepath.FromSlash(name)), b.max)
	var tl *TooLargeError
	if errors.As(err, &tl) {
		tl.Path = name
	}
	return data, err
}

// MaxFileBytes is the size limit of one file of a clause library.
const MaxFileBytes = 8 << 20

// readError names the file and says in the UI language why it could not be
// read: over the size limit, not a regular file, or the system's reason.
func readError(shown string, err error, ui *i18n.Localizer) error {
	var tl *TooLargeError
	switch {
	case errors.As(err, &tl):
		return &yamlx.Error{File: shown, Msg: ui.T("yaml.too_large", map[string]any{"Size": tl.Size, "Max": tl.Max}), Limit: true}
	case errors.Is(err, ErrNotRegular):
		return &yamlx.Error{File: shown, Msg: ui.T("library.not_regular")}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &yamlx.Error{File: shown, Msg: err.Error()}
}
