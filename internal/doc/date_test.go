package doc

import (
	"testing"
	"time"
)

func TestDefaultDate(t *testing.T) {
	now := time.Date(2026, 12, 2, 0, 30, 0, 0, time.FixedZone("CET", 3600)) // 1 December 23:30 UTC
	for _, c := range []struct{ epoch, want string }{
		{"", "2026-12-01"},           // today in UTC, not the local date
		{"1767225600", "2026-01-01"}, // SOURCE_DATE_EPOCH
		{" 0 ", "1970-01-01"},
		{"not a number", "2026-12-01"},
	} {
		if got := DefaultDate(c.epoch, now); got != c.want {
			t.Errorf("DefaultDate(%q) = %s, want %s", c.epoch, got, c.want)
		}
	}
}
