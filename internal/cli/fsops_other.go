//go:build !linux

package cli

// renameNoReplace has no atomic form here: writeAll falls back to link(2)
// or an exclusive create.
func renameNoReplace(oldpath, newpath string) error { return errUnsupported }
