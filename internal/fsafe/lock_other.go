//go:build !unix

package fsafe

import "os"

// TryLock cannot lock here.
func TryLock(f *os.File) (bool, error) { return false, ErrUnsupported }

// Unlock does nothing here.
func Unlock(f *os.File) {}
