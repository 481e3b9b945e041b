package gofpdf

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// TestCompressEarlySameBytes: a document of many pages is the same with
// and without early page compression, and going back to a finished page
// is an error with it.
func TestCompressEarlySameBytes(t *testing.T) {
	build := func(early bool) ([]byte, error) {
		f := New("P", "mm", "A4", "")
		f.SetCompression(true)
		f.SetCompressEarly(early)
		when := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
		f.SetCreationDate(when)
		f.SetModificationDate(when)
		f.SetFont("Helvetica", "", 11)
		for p := 0; p < 40; p++ {
			f.AddPage()
			for l := 0; l < 30; l++ {
				f.Text(20, float64(20+l*8), fmt.Sprintf("page %d line %d: some text that repeats %d", p, l, p*l))
			}
		}
		var b bytes.Buffer
		err := f.Output(&b)
		return b.Bytes(), err
	}
	a, err := build(false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := build(true)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatalf("early compression changed the file (%d vs %d bytes)", len(a), len(b))
	}
	f := New("P", "mm", "A4", "")
	f.SetCompression(true)
	f.SetCompressEarly(true)
	f.SetFont("Helvetica", "", 11)
	f.AddPage()
	f.AddPage()
	f.SetPage(1)
	if f.Error() == nil {
		t.Errorf("SetPage back to a compressed page: no error")
	}
}
