//go:build unix

package fsafe

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// fileID identifies a file across processes: device and inode.
func fileID(fi os.FileInfo) string {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return fmt.Sprintf("%d:%d", st.Dev, st.Ino)
	}
	return ""
}

// processAlive: a process with this id exists (it may be another one that
// got the id since; then the leftovers wait for a later run).
func processAlive(pid int) bool {
	if pid <= 0 {
		return true
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
