package library

import (
	"path/filepath"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// IsYAMLName reports whether a file name ends in .yaml or .yml, in any
// case, after at least one other character. Every folder dpa reads YAML
// files from (a batch folder, a clause library) takes these names.
func IsYAMLName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return (ext == ".yaml" || ext == ".yml") && len(name) > len(ext)
}

// TrimYAMLExt removes a .yaml or .yml extension in any case.
func TrimYAMLExt(name string) string {
	if IsYAMLName(name) {
		return name[:len(name)-len(filepath.Ext(name))]
	}
	return name
}

// FoldName is the key under which two file names are the same on a file
// system that ignores case or Unicode normalisation (macOS, Windows):
// case-folded and in NFC.
func FoldName(name string) string {
	return cases.Fold().String(norm.NFC.String(name))
}

// YAMLKey is the key under which two YAML file names name the same thing:
// FoldName of the name without its .yaml or .yml extension ("Lock.YML"
// and "lock.yaml" are both the lock file).
func YAMLKey(name string) string { return FoldName(TrimYAMLExt(name)) }
