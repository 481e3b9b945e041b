package doctest

import (
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/render/text"
)

func TestStressShape(t *testing.T) {
	d := Stress(500)
	out := string(text.Bytes(d))
	if got := strings.Count(out, "Underdatabehandler nr. "); got != 500 {
		t.Fatalf("rows in text = %d, want 500", got)
	}
	if !strings.Contains(out, Letters) {
		t.Fatal("letters lost in text rendering")
	}
}
