package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/dpa-no/dpa/internal/i18n"
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
func writeAll(ui *i18n.Localizer, dir string, outs []output, force bool) error {
	if st, err := os.Stat(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			err = os.MkdirAll(dir, 0o755)
		}
		if errors.Is(err, syscall.ENOTDIR) {
			// -o below a file: the flag is wrong, not the machine
			return inputErr(ui, "cli.err.out_folder", M{"Dir": dir, "Reason": reason(ui, err)})
		}
		if err != nil {
			return msgErr(ui, "cli.err.out_folder", M{"Dir": dir, "Reason": reason(ui, err)})
		}
	} else if !st.IsDir() {
		return inputErr(ui, "cli.err.out_not_folder", M{"Dir": dir})
	}
	if !force {
		for _, o := range outs {
			p := filepath.Join(dir, o.Name)
			if _, err := os.Lstat(p); err == nil {
				return inputErr(ui, "cli.err.exists", M{"Path": p})
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
			return msgErr(ui, "cli.err.write", M{"Path": filepath.Join(dir, o.Name), "Reason": reason(ui, err)})
		}
		temps[i] = tf.Name()
		if _, err := tf.Write(o.Data); err != nil {
			tf.Close()
			cleanup()
			return msgErr(ui, "cli.err.write", M{"Path": filepath.Join(dir, o.Name), "Reason": reason(ui, err)})
		}
		if err := tf.Close(); err != nil {
			cleanup()
			return msgErr(ui, "cli.err.write", M{"Path": filepath.Join(dir, o.Name), "Reason": reason(ui, err)})
		}
		os.Chmod(tf.Name(), 0o644)
	}
	var done []string
	for i, o := range outs {
		p := filepath.Join(dir, o.Name)
		if st, err := os.Lstat(p); err == nil && st.IsDir() {
			cleanup()
			return inputErr(ui, "cli.err.output_is_folder", M{"Path": p})
		}
		if err := os.Rename(temps[i], p); err != nil {
			cleanup()
			for _, d := range done {
				os.Remove(d)
			}
			return msgErr(ui, "cli.err.write", M{"Path": p, "Reason": reason(ui, err)})
		}
		temps[i] = ""
		done = append(done, p)
	}
	return nil
}
