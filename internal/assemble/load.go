package assemble

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/rules"
	"github.com/dpa-no/dpa/internal/yamlx"
)

var (
	embOnce sync.Once
	embLib  *library.Library
	embErr  error
)

// LoadLibrary loads the embedded library (dir == "") or the library in dir,
// and test-executes every clause body so that a misspelt template field
// fails here, with file and line, not in a user's agreement.
func LoadLibrary(dir string, ui *i18n.Localizer) (*library.Library, error) {
	if dir == "" {
		embOnce.Do(func() {
			embLib, embErr = library.Embedded()
			// A library from the compiled snapshot was checked when the
			// snapshot was made (TestEmbeddedTemplates keeps that true).
			if embErr == nil && !embLib.FromSnapshot {
				embErr = CheckTemplates(embLib)
			}
		})
		return embLib, embErr
	}
	if ui == nil {
		ui = i18n.For("en")
	}
	st, err := os.Stat(dir)
	if err != nil {
		// in the UI language: "./my-clauses: finnes ikke", not the
		// system's "stat ./my-clauses: no such file or directory"
		msg := err.Error()
		var pe *fs.PathError
		switch {
		case errors.Is(err, fs.ErrNotExist):
			msg = ui.T("cli.reason.not_exist")
		case errors.Is(err, fs.ErrPermission):
			msg = ui.T("cli.reason.permission")
		case errors.As(err, &pe):
			msg = pe.Err.Error()
		}
		return nil, &yamlx.Error{File: dir, Msg: msg}
	}
	if !st.IsDir() {
		return nil, &yamlx.Error{File: dir, Msg: ui.T("cli.reason.not_dir")}
	}
	lib, err := library.Load(library.DirFS(dir, library.MaxFileBytes), dir, ui)
	if err != nil {
		return nil, err
	}
	if err := CheckTemplates(lib); err != nil {
		return nil, err
	}
	return lib, nil
}

// CheckTemplates executes every clause body in both languages against a
// fully filled and an empty set of answers.
func CheckTemplates(lib *library.Library) error {
	yes := true
	full := &answers.Answers{
		Format: 1, Status: "final", Language: "nb",
		Agreement:       answers.Agreement{Reference: "R", MainAgreement: "M", Date: "2026-01-01", Place: "P"},
		Controller:      answers.Party{Name: "C", OrgNumber: "310000019", Address: "A", Contact: answers.Contact{Name: "N", Email: "E", Phone: "P"}, Signatory: answers.Signatory{Name: "S", Title: "T"}},
		Processor:       answers.Processor{Name: "P", OrgNumber: "310000019", Country: "US", ParentCountry: "US", Address: "A", TransferBasis: "scc", TIADone: true},
		Service:         answers.Service{Name: "S", Description: "D", Model: "saas", Deployment: "public"},
		Processing:      answers.Processing{Purposes: []string{"p"}, Activities: []string{"a"}, DataSubjects: []string{"s"}, DataCategories: []string{"c"}, SpecialCategories: []string{"health"}, Duration: "d", Volume: "large"},
		Risk:            answers.Risk{PatientRecord: &yes, HealthRegister: &yes, RemoteMonitoring: &yes, NationalFunction: &yes, Migration: &yes},
		Locations:       []answers.Location{{Purpose: "backup", Country: "US", Address: "A", Operator: "O"}},
		AccessCountries: []string{"US"},
		Subprocessors:   []answers.Subprocessor{{Name: "S", Country: "US", ParentCountry: "US", Service: "s", Locations: []string{"US"}, AccessCountries: []string{"IN"}, TransferBasis: "bcr", TIADone: true}},
		Terms:           answers.Terms{SubprocessorAuthorisation: "general", ReturnFormat: "F"},
		Security:        answers.Security{EncryptionAtRest: &yes, MFA: &yes, KeysHeldBy: "controller", ISO27001: true},
	}
	empty := &answers.Answers{Format: 1, Status: "draft", Language: "nb"}
	for _, a := range []*answers.Answers{full, empty} {
		f := rules.Derive(a, false)
		for _, lang := range i18n.Langs {
			v := NewView(a, f, lang)
			for _, c := range lib.Clauses {
				t, err := c.Template(lang)
				if err == nil {
					t, err = t.Clone()
				}
				if err != nil {
					return err
				}
				ref := func(id string) (string, error) {
					if lib.Clause(id) == nil {
						return "", fmt.Errorf("ref %q: no such clause", id)
					}
					return "1.1", nil
				}
				if _, err := library.Execute(c, lang, t.Funcs(library.Funcs(ref)), v, nil); err != nil {
					return &yamlx.Error{File: c.File, Line: c.Line, Path: c.ID + ".body." + lang, Msg: err.Error()}
				}
			}
		}
	}
	return nil
}
