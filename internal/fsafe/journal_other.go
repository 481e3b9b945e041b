//go:build !unix

package fsafe

import (
	"fmt"
	"os"
)

// fileID identifies a file as well as the platform allows: size and
// modification time.
func fileID(fi os.FileInfo) string {
	return fmt.Sprintf("%d:%d", fi.Size(), fi.ModTime().UnixNano())
}

// processAlive cannot be known here: leftovers are only put right where
// folders can be locked.
func processAlive(pid int) bool { return true }
