package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/yamlx"
)

// answersFile is one answers file read and parsed.
type answersFile struct {
	Path    string // as given (or the example's name)
	Base    string // file name without extension
	Raw     []byte
	Answers *answers.Answers
	Root    *yaml.Node // the loader's parse, for answers.LocateIn
}

// expandInputs turns files and folders into a list of answers files; a
// folder contributes its files ending in .yaml or .yml in any case (not
// recursively), including those that are not regular files, which
// readAnswers then refuses without opening them for long (a FIFO is never
// waited on). A file named twice is built once. folder reports whether a
// folder was given.
func expandInputs(ui *i18n.Localizer, args []string) (out []string, folder bool, err error) {
	seen := map[string]bool{}
	add := func(p string) {
		if c := filepath.Clean(p); !seen[c] {
			seen[c] = true
			out = append(out, p)
		}
	}
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			if lst, lerr := os.Lstat(a); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
				return nil, false, inputErr(ui, "cli.err.path", M{"Path": a, "Reason": ui.T("cli.reason.dangling_link")})
			}
			return nil, false, inputErr(ui, "cli.err.path", M{"Path": a, "Reason": reason(ui, err)})
		}
		if !st.IsDir() {
			add(a)
			continue
		}
		folder = true
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, false, inputErr(ui, "cli.err.path", M{"Path": a, "Reason": reason(ui, err)})
		}
		var found []string
		for _, e := range entries {
			if library.IsYAMLName(e.Name()) {
				found = append(found, filepath.Join(a, e.Name()))
			}
		}
		if len(found) == 0 {
			return nil, false, inputErr(ui, "cli.err.empty_folder", M{"Path": a})
		}
		sort.Strings(found)
		for _, p := range found {
			add(p)
		}
	}
	return out, folder, nil
}

// readAnswers reads and strictly parses one answers file. Errors are in the
// UI language (ui == nil: the file's own language, else nb).
func readAnswers(f *Factory, path string) (*answersFile, error) {
	ui := f.UI("")
	raw, err := readBounded(path, int64(yamlx.DefaultLimits.MaxBytes))
	if err != nil {
		return nil, readErr(ui, path, err)
	}
	return parseAnswers(f, path, raw)
}

// readErr turns an error of readBounded into an input error (exit 2) in
// the UI language.
func readErr(ui *i18n.Localizer, path string, err error) error {
	var tl *library.TooLargeError
	switch {
	case errors.As(err, &tl):
		size := tl.Size
		if size <= tl.Max {
			size = tl.Max + 1
		}
		return &InputError{Err: &yamlx.Error{File: path, Msg: ui.T("yaml.too_large", map[string]any{"Size": size, "Max": tl.Max}), Limit: true}}
	case errors.Is(err, library.ErrNotRegular):
		var st os.FileInfo
		st, _ = os.Stat(path)
		if st != nil && st.IsDir() {
			return inputErr(ui, "cli.err.input_is_folder", M{"Path": path})
		}
		return inputErr(ui, "cli.err.not_regular", M{"Path": path, "Kind": fileKind(ui, st)})
	}
	if lst, lerr := os.Lstat(path); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 && errors.Is(err, fs.ErrNotExist) {
		return inputErr(ui, "cli.err.path", M{"Path": path, "Reason": ui.T("cli.reason.dangling_link")})
	}
	return inputErr(ui, "cli.err.path", M{"Path": path, "Reason": reason(ui, err)})
}

// fileKind names what a path that is not a regular file is.
func fileKind(ui *i18n.Localizer, st os.FileInfo) string {
	if st == nil {
		return ui.T("cli.kind.special")
	}
	m := st.Mode()
	switch {
	case m&fs.ModeNamedPipe != 0:
		return ui.T("cli.kind.fifo")
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return ui.T("cli.kind.device")
	case m&fs.ModeSocket != 0:
		return ui.T("cli.kind.socket")
	}
	return ui.T("cli.kind.special")
}

// readBounded reads a regular file of at most max bytes; see
// library.ReadBounded.
func readBounded(path string, max int64) ([]byte, error) {
	return library.ReadBounded(path, max)
}

func parseAnswers(f *Factory, path string, raw []byte) (*answersFile, error) {
	// one parse: the messages' language is the file's own unless --ui-lang
	a, root, err := answers.LoadTree(path, raw, f.UI)
	if err != nil {
		return nil, &InputError{Err: err}
	}
	base := library.TrimYAMLExt(filepath.Base(path))
	return &answersFile{Path: path, Base: base, Raw: raw, Answers: a, Root: root}, nil
}

func exampleAnswers(f *Factory) (*answersFile, error) {
	return parseAnswers(f, examples.JournalName, examples.Journal)
}

// parseLangs normalises a --lang list.
func parseLangs(ui *i18n.Localizer, list []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, item := range list {
		for _, s := range strings.Split(item, ",") {
			if strings.TrimSpace(s) == "" {
				continue
			}
			l, err := normalizeLang(ui, s)
			if err != nil {
				return nil, err
			}
			if !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	return out, nil
}
