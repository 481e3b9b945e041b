//go:build !linux

package fsafe

import "os"

// renameNoReplace has no atomic form here: WriteFiles falls back to
// link(2) or an exclusive create.
func renameNoReplace(oldpath, newpath string) error { return ErrUnsupported }

// SyncDir makes the renames in dir durable (best effort).
func SyncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
