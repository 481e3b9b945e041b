package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// output is one file to write.
type output struct {
	Name   string // file name inside the output folder
	Format string
	Lang   string
	Data   []byte
}

// writeAll writes every output into dir or nothing: each goes to a
// temporary file in dir first, and only when all are written are they
// renamed into place. Existing files need force.
func writeAll(dir string, outs []output, force bool) error {
	if st, err := os.Stat(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			err = os.MkdirAll(dir, 0o755)
		}
		if errors.Is(err, syscall.ENOTDIR) {
			// -o below a file: the flag is wrong, not the machine
			return &InputError{Err: fmt.Errorf("output folder %s: %w", dir, unwrapPathErr(err))}
		}
		if err != nil {
			return fmt.Errorf("output folder %s: %w", dir, unwrapPathErr(err))
		}
	} else if !st.IsDir() {
		return &InputError{Err: fmt.Errorf("output folder %s: not a folder", dir)}
	}
	if !force {
		for _, o := range outs {
			p := filepath.Join(dir, o.Name)
			if _, err := os.Lstat(p); err == nil {
				return &InputError{Err: fmt.Errorf("%s exists; use --force to overwrite", p)}
			}
		}
	}
	temps := make([]string, len(outs))
	cleanup := func() {
		for _, t := range temps {
			if t != "" {
				os.Remove(t)
			}
		}
	}
	for i, o := range outs {
		tf, err := os.CreateTemp(dir, ".dpa-*.tmp")
		if err != nil {
			cleanup()
			return fmt.Errorf("write %s: %w", filepath.Join(dir, o.Name), unwrapPathErr(err))
		}
		temps[i] = tf.Name()
		if _, err := tf.Write(o.Data); err != nil {
			tf.Close()
			cleanup()
			return fmt.Errorf("write %s: %w", filepath.Join(dir, o.Name), err)
		}
		if err := tf.Close(); err != nil {
			cleanup()
			return fmt.Errorf("write %s: %w", filepath.Join(dir, o.Name), err)
		}
		os.Chmod(tf.Name(), 0o644)
	}
	var done []string
	for i, o := range outs {
		p := filepath.Join(dir, o.Name)
		if st, err := os.Lstat(p); err == nil && st.IsDir() {
			cleanup()
			return &InputError{Err: fmt.Errorf("%s is a folder", p)}
		}
		if err := os.Rename(temps[i], p); err != nil {
			cleanup()
			for _, d := range done {
				os.Remove(d)
			}
			return fmt.Errorf("write %s: %w", p, unwrapPathErr(err))
		}
		temps[i] = ""
		done = append(done, p)
	}
	return nil
}
