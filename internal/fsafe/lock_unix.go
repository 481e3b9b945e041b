//go:build unix

package fsafe

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// TryLock takes an exclusive advisory lock (flock) on f without waiting:
// false when another open file holds it, ErrUnsupported where the file
// system has no locks.
func TryLock(f *os.File) (bool, error) {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, unix.EWOULDBLOCK):
		return false, nil
	case errors.Is(err, unix.ENOTSUP), errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOLCK):
		return false, ErrUnsupported
	}
	return false, err
}

// Unlock releases TryLock's lock.
func Unlock(f *os.File) { unix.Flock(int(f.Fd()), unix.LOCK_UN) }
