//go:build !unix

package cli

import "os"

func tryLock(f *os.File) (bool, error) { return false, errUnsupported }

func unlockFile(f *os.File) {}
