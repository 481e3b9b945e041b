package doc

import (
	"strconv"
	"strings"
	"time"
)

// DefaultDate is the document date of an agreement without a date, as
// YYYY-MM-DD: the day of sourceDateEpoch (the SOURCE_DATE_EPOCH value,
// seconds since 1970 UTC) when it is set and valid, else the day of now in
// UTC. Output stays reproducible within a day, and under SOURCE_DATE_EPOCH
// always.
func DefaultDate(sourceDateEpoch string, now time.Time) string {
	if s := strings.TrimSpace(sourceDateEpoch); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC().Format("2006-01-02")
		}
	}
	return now.UTC().Format("2006-01-02")
}
