// Package fsafe writes files all or nothing: every file dpa writes (the
// outputs of generate, diff, init, schema and clauses lock, a batch's
// manifest, go generate's files, release archives, golden files) goes
// through WriteFiles, and a test keeps it so (no os.WriteFile or
// os.Create elsewhere).
//
// WriteFiles stages every file in the folder, then moves them into place
// only when all are ready, never replaces a file that exists unless
// asked to (so that two runs into one folder do not overwrite each
// other's files), rolls back when a move fails, and keeps a journal so
// that a run killed at any instant is rolled back (or finished) by the
// next one: every old file is at its name or at a backup name at every
// instant, and every file is wholly old or wholly new.
package fsafe

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// File is one file to write: a name inside the folder, and its bytes, or
// the temporary file StageEarly made of them (Temp; TempExact: it was made
// with the mode of the file it was to replace).
type File struct {
	Name      string
	Data      []byte
	Temp      string
	TempExact bool
}

// Options of WriteFiles.
type Options struct {
	// Force replaces files that exist (keeping their mode); without it an
	// existing file is an ExistsError and nothing is written.
	Force bool
	// Notify is told what was put right after a killed run (Recover).
	Notify func(Event)
}

// MaxName is the longest file name most file systems take (NAME_MAX).
const MaxName = 255

// ExistsError: the file exists (and Force is off), or appeared while it
// was being written (another run claimed it first).
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string { return e.Path + ": exists" }

// IsFolderError: a folder is where the file should go.
type IsFolderError struct{ Path string }

func (e *IsFolderError) Error() string { return e.Path + ": is a folder" }

// NameTooLongError: the name is longer than the file system takes.
type NameTooLongError struct {
	Path string
	Len  int
}

func (e *NameTooLongError) Error() string {
	return fmt.Sprintf("%s: name of %d bytes, at most %d", e.Path, e.Len, MaxName)
}

// WriteError: the system refused to write the file (Err says why).
type WriteError struct {
	Path string
	Err  error
}

func (e *WriteError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *WriteError) Unwrap() error { return e.Err }

// Rename and RenameNoReplace are os.Rename and the rename that never
// replaces; tests replace them to make one move fail.
var (
	Rename          = os.Rename
	RenameNoReplace = renameNoReplace
)

// Step is called after each step of WriteFiles; the kill test makes it
// report the step and pause, to be killed right after it.
var Step = func(string) {}

// errExists reports that a file appeared while it was being placed.
var errExists = errors.New("exists")

// ErrUnsupported: the file system cannot do an operation; a fallback is used.
var ErrUnsupported = errors.New("not supported by the file system")

// WriteFile writes one file at path, replacing it if it exists (Force),
// all or nothing.
func WriteFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return &WriteError{Path: dir, Err: err}
	}
	return WriteFiles(dir, []File{{Name: filepath.Base(path), Data: data}}, Options{Force: true})
}

// WriteFiles writes every file into the folder dir (which must exist), or
// none of them, and never leaves an old file changed or removed when it
// fails, also when the process is killed at any instant:
//
//  0. leftovers of an earlier run that was killed while it wrote into dir
//     are put right first (Recover), once per folder and process;
//  1. a journal (.dpa-ID.journal, locked while this process writes) lists
//     the files; every file is staged in a temporary file .dpa-ID-N.tmp
//     (created with mode 0666 so that the umask applies, or with the mode
//     of the file it replaces under Force) and synced;
//  2. only when all are staged are they moved into place, each noted in
//     the journal first: a new file with a rename that never replaces
//     (renameat2 RENAME_NOREPLACE, else link(2), else an exclusive
//     create), so that two runs into one folder never overwrite each
//     other's files; under Force an existing file is first hard-linked to
//     the backup name .dpa-ID-N.bak and then replaced by rename, so that
//     the old file is at its name or at the backup at every instant;
//  3. if any move fails, the ones already made are undone (backups renamed
//     back, new files removed), so that the folder is as it was; when all
//     are made, the journal says so, the backups are removed and then the
//     journal.
//
// A run killed before step 3 is rolled back by the next one (the journal
// says which new files are its own and where the old ones are); one killed
// after it has its backups removed.
func WriteFiles(dir string, files []File, o Options) error {
	notify := o.Notify
	if notify == nil {
		notify = func(Event) {}
	}
	Recover(dir, notify)
	outs, force := files, o.Force
	modes := make([]os.FileMode, len(outs))
	exact := make([]bool, len(outs))
	for i, o := range outs {
		p := filepath.Join(dir, o.Name)
		if len(o.Name) > MaxName {
			return &NameTooLongError{Path: p, Len: len(o.Name)}
		}
		modes[i] = 0o666 // the umask applies
		st, err := os.Lstat(p)
		switch {
		case err == nil && st.IsDir():
			return &IsFolderError{Path: p}
		case err == nil && !force:
			return &ExistsError{Path: p}
		case err == nil && st.Mode().IsRegular():
			modes[i], exact[i] = st.Mode().Perm(), true // --force keeps the file's mode
		case err == nil:
			// a symbolic link or special file is replaced by a new file
		case errors.Is(err, syscall.ENAMETOOLONG):
			return &NameTooLongError{Path: p, Len: len(o.Name)}
		case !errors.Is(err, fs.ErrNotExist):
			return &WriteError{Path: p, Err: err}
		}
	}
	names := make([]string, len(outs))
	for i, o := range outs {
		names[i] = o.Name
	}
	j, err := openJournal(dir, names)
	if err != nil {
		return &WriteError{Path: dir, Err: err}
	}
	Step("journal")
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
			case o.TempExact: // the file it was to replace is gone: stage anew
				var data []byte
				if data, err = os.ReadFile(o.Temp); err == nil {
					var t string
					if t, err = stage(j.temp(i), data, modes[i], false); err == nil {
						os.Remove(o.Temp)
						temps[i] = t
					}
				}
			}
			if err != nil {
				removeTemps()
				j.close()
				return &WriteError{Path: filepath.Join(dir, o.Name), Err: err}
			}
			continue
		}
		t, err := stage(j.temp(i), o.Data, modes[i], exact[i])
		if err != nil {
			removeTemps()
			j.close()
			return &WriteError{Path: filepath.Join(dir, o.Name), Err: err}
		}
		temps[i] = t
		Step("staged " + o.Name)
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
		j.close()
	}
	for i, o := range outs {
		p := filepath.Join(dir, o.Name)
		info, err := os.Lstat(temps[i])
		if err == nil {
			err = j.note("moved", i, fileID(info))
		}
		if err != nil {
			undo()
			return &WriteError{Path: p, Err: err}
		}
		Step("noted " + o.Name)
		pl := placed{path: p, info: info}
		if force {
			pl.backup, err = replace(temps[i], p, j.backup(i), j, i)
		} else {
			err = placeNew(temps[i], p, j, i)
		}
		if err != nil {
			undo()
			switch {
			case errors.Is(err, errExists) || errors.Is(err, fs.ErrExist):
				return &ExistsError{Path: p}
			case errors.Is(err, syscall.EISDIR):
				return &IsFolderError{Path: p}
			case errors.Is(err, syscall.ENAMETOOLONG):
				return &NameTooLongError{Path: p, Len: len(o.Name)}
			}
			return &WriteError{Path: p, Err: err}
		}
		if st, err := os.Lstat(p); err == nil && !os.SameFile(st, info) {
			// copied into an exclusively created file (no rename, no link)
			pl.info = st
		}
		temps[i] = ""
		done = append(done, pl)
		Step("placed " + o.Name)
	}
	SyncDir(dir)
	if err := j.note("committed", -1, ""); err != nil {
		undo()
		return &WriteError{Path: dir, Err: err}
	}
	Step("committed")
	for _, d := range done {
		if d.backup != "" {
			os.Remove(d.backup)
			Step("unlinked backup of " + filepath.Base(d.path))
		}
	}
	j.close()
	SyncDir(dir)
	return nil
}

// StageEarly writes data to a new temporary file in dir, for WriteFiles
// to place later (File.Temp): with mode reduced by the umask, or exactly
// mode when exact is set. The file is locked (flock) until release is
// called, which must be after WriteFiles: a run killed before that leaves a
// temporary file whose lock is free, and the next write into dir removes
// it (Recover; Event "stale").
func StageEarly(dir string, data []byte, mode os.FileMode, exact bool) (path string, release func(), err error) {
	for try := 0; try < 20; try++ {
		p := filepath.Join(dir, ".dpa-early-"+randomID()+".tmp")
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", nil, err
		}
		fail := func(err error) (string, func(), error) {
			f.Close()
			os.Remove(p)
			return "", nil, err
		}
		if ok, err := TryLock(f); err != nil && !errors.Is(err, ErrUnsupported) {
			return fail(err)
		} else if err == nil && !ok {
			return fail(errExists)
		}
		if exact {
			if err := f.Chmod(mode); err != nil {
				return fail(err)
			}
		}
		if _, err = f.Write(data); err == nil {
			err = f.Sync()
		}
		if err != nil {
			return fail(err)
		}
		Step("staged early")
		return p, func() { Unlock(f); f.Close() }, nil
	}
	return "", nil, errExists
}

// stage writes data to the new file name (which must not exist) and syncs
// it. Its mode is mode reduced by the umask, or exactly mode when exact is
// set.
func stage(name string, data []byte, mode os.FileMode, exact bool) (string, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
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

// placeNew moves the staged file tmp (output n of journal j) to path,
// which must not exist. It never replaces a file that appeared meanwhile
// (errExists).
func placeNew(tmp, path string, j *journal, n int) error {
	err := RenameNoReplace(tmp, path)
	if err == nil || !errors.Is(err, ErrUnsupported) {
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
	// (noted first, so that an empty file left by a kill right after the
	// create is known as this run's)
	data, rerr := os.ReadFile(tmp)
	if rerr != nil {
		return rerr
	}
	st, serr := os.Stat(tmp)
	if serr != nil {
		return serr
	}
	if err := j.note("copy", n, ""); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, st.Mode().Perm())
	if errors.Is(err, fs.ErrExist) {
		return errExists
	}
	if err != nil {
		return err
	}
	fst, err := f.Stat()
	if err == nil {
		err = j.note("moved", n, fileID(fst))
	}
	if err != nil {
		f.Close()
		os.Remove(path)
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
func replace(tmp, path, backup string, j *journal, n int) (string, error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return "", placeNew(tmp, path, j, n)
	}
	if err := os.Link(path, backup); err != nil {
		if errors.Is(err, fs.ErrNotExist) { // removed meanwhile
			return "", placeNew(tmp, path, j, n)
		}
		if !linkUnsupported(err) {
			return "", err
		}
		// no hard links: move the old file aside, then the new one in
		if err := Rename(path, backup); err != nil {
			return "", err
		}
		Step("moved aside " + filepath.Base(path))
		if err := Rename(tmp, path); err != nil {
			os.Rename(backup, path)
			return "", err
		}
		return backup, nil
	}
	Step("linked backup of " + filepath.Base(path))
	if err := Rename(tmp, path); err != nil {
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
