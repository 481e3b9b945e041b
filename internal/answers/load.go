package answers

import (
	"go.yaml.in/yaml/v3"

	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/yamlx"
)

// SupportedFormat is the answers format this version reads.
const SupportedFormat = 1

// Load reads an answers file strictly. file names the source in errors.
// Errors are *yamlx.Error or yamlx.Errors with positions, in the UI language.
func Load(file string, data []byte, ui *i18n.Localizer) (*Answers, error) {
	r := &yamlx.Reader{File: file, Data: data, UI: ui, Limits: yamlx.DefaultLimits}
	root, err := r.Parse()
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, &yamlx.Error{File: file, Msg: ui.T("answers.empty")}
	}
	if root.Kind != yaml.MappingNode {
		return nil, &yamlx.Error{File: file, Line: root.Line, Column: root.Column, Msg: ui.T("answers.not_mapping")}
	}
	// the format is checked first: another format's keys are not ours to judge
	var formatNode *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "format" {
			formatNode = root.Content[i+1]
		}
	}
	if formatNode == nil {
		return nil, &yamlx.Error{File: file, Line: root.Line, Column: root.Column, Path: "format", Msg: ui.T("answers.format_missing", map[string]interface{}{"Want": SupportedFormat})}
	}
	if formatNode.Kind != yaml.ScalarNode || formatNode.Value != "1" {
		return nil, &yamlx.Error{File: file, Line: formatNode.Line, Column: formatNode.Column, Path: "format", Msg: ui.T("answers.format_unsupported", map[string]interface{}{"Got": formatNode.Value, "Want": SupportedFormat})}
	}
	var a Answers
	if err := r.Check(root, "", &a); err != nil {
		return nil, err
	}
	if a.Status == "" {
		a.Status = "final"
	}
	if a.Language == "" {
		a.Language = "nb"
	}
	return &a, nil
}

// PeekLanguage returns the `language` of an answers file, if it can be read,
// so that errors about the file can be given in its language.
func PeekLanguage(data []byte) string {
	var m struct {
		Language string `yaml:"language"`
	}
	if len(data) > yamlx.DefaultLimits.MaxBytes {
		return ""
	}
	if err := yaml.Unmarshal(data, &m); err != nil {
		return ""
	}
	if l, err := i18n.Normalize(m.Language); err == nil {
		return l
	}
	return ""
}
