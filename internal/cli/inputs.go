package cli

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/yamlx"
)

// answersFile is one answers file read and parsed.
type answersFile struct {
	Path    string // as given (or the example's name)
	Base    string // file name without extension
	Raw     []byte
	Answers *answers.Answers
}

// expandInputs turns files and folders into a list of answers files; a
// folder contributes its *.yaml and *.yml files (not recursively). A file
// named twice is built once. folder reports whether a folder was given.
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
			return nil, false, inputErr(ui, "cli.err.path", M{"Path": a, "Reason": reason(ui, err)})
		}
		if !st.IsDir() {
			add(a)
			continue
		}
		folder = true
		var found []string
		for _, pat := range []string{"*.yaml", "*.yml"} {
			m, _ := filepath.Glob(filepath.Join(a, pat))
			found = append(found, m...)
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
	st, err := os.Stat(path)
	if err != nil {
		return nil, inputErr(f.UI(""), "cli.err.path", M{"Path": path, "Reason": reason(f.UI(""), err)})
	}
	if st.IsDir() {
		return nil, inputErr(f.UI(""), "cli.err.input_is_folder", M{"Path": path})
	}
	if st.Size() > int64(yamlx.DefaultLimits.MaxBytes) {
		ui := f.UI("")
		return nil, &InputError{Err: &yamlx.Error{File: path, Msg: ui.T("yaml.too_large", map[string]interface{}{"Size": st.Size(), "Max": yamlx.DefaultLimits.MaxBytes}), Limit: true}}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, inputErr(f.UI(""), "cli.err.path", M{"Path": path, "Reason": reason(f.UI(""), err)})
	}
	return parseAnswers(f, path, raw)
}

func parseAnswers(f *Factory, path string, raw []byte) (*answersFile, error) {
	ui := f.UI(answers.PeekLanguage(raw))
	a, err := answers.Load(path, raw, ui)
	if err != nil {
		return nil, &InputError{Err: err}
	}
	base := filepath.Base(path)
	base = strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml")
	return &answersFile{Path: path, Base: base, Raw: raw, Answers: a}, nil
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
