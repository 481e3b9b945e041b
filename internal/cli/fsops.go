package cli

import (
	"context"
	"errors"
	"os"
	"time"

	"github.com/dpa-no/dpa/internal/fsafe"
)

// lockDir takes an exclusive advisory lock on the folder dir for as long as
// a batch writes into it, so that a second batch into the same folder
// waits for the first (and then finds its manifest) instead of racing it.
// waiting is called once if the lock is held by another process. Where
// folders cannot be locked, the exclusive creates of writeAll still keep
// every file from being overwritten.
func lockDir(ctx context.Context, dir string, waiting func()) (unlock func(), err error) {
	d, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	told := false
	for {
		ok, err := fsafe.TryLock(d)
		if err != nil {
			d.Close()
			if errors.Is(err, fsafe.ErrUnsupported) {
				return func() {}, nil
			}
			return nil, err
		}
		if ok {
			return func() { fsafe.Unlock(d); d.Close() }, nil
		}
		if !told && waiting != nil {
			waiting()
			told = true
		}
		select {
		case <-ctx.Done():
			d.Close()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}
