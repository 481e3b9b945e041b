package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/phpdave11/gofpdf"
)

// TestFontSelectionAfterRestore checks dpa's gofpdf patch that writes a font
// selection only when it changes (third_party/gofpdf/PATCHES.md): a
// selection made inside q..Q is undone by Q, so the same selection after it
// must be written again, while a repeat with nothing in between is not.
func TestFontSelectionAfterRestore(t *testing.T) {
	f := gofpdf.New("P", "mm", "A4", "")
	f.SetCompression(false)
	f.AddUTF8FontFromBytes(family, "", fontRegular)
	f.AddUTF8FontFromBytes(family, "B", fontBold)
	f.AddPage()
	f.SetFont(family, "", 10)
	f.Text(10, 10, "one")
	f.TransformBegin()
	f.SetFont(family, "B", 10)
	f.Text(10, 20, "two")
	f.TransformEnd()
	f.SetFont(family, "B", 10)
	f.Text(10, 30, "three")
	f.SetFont(family, "B", 10) // a repeat: not written
	f.SetTextColor(200, 0, 0)  // text in its own q..Q: keeps the font
	f.Text(10, 40, "four")
	f.SetFont(family, "B", 10)
	f.Text(10, 50, "five")
	f.AddPage() // a new page starts with no font: written again
	f.SetFont(family, "B", 10)
	f.Text(10, 10, "six")
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	// Replay the page content streams with a graphics state stack.
	var fonts []string // font in force at each text, in order
	tf := 0
	for _, page := range strings.Split(buf.String(), "/Type /Page\n")[1:] {
		cur, stack := "", []string{}
		for _, ln := range strings.Split(page, "\n") {
			for _, op := range strings.Fields(ln) {
				switch op {
				case "q":
					stack = append(stack, cur)
				case "Q":
					if len(stack) == 0 {
						t.Fatal("Q without q")
					}
					cur, stack = stack[len(stack)-1], stack[:len(stack)-1]
				}
			}
			if strings.HasPrefix(ln, "BT /F") && strings.HasSuffix(ln, " Tf ET") {
				cur = strings.Fields(ln)[1]
				tf++
			}
			if strings.Contains(ln, ") Tj ET") {
				// a coloured text is "q <colour> BT ... Tj ET Q" on one line
				fonts = append(fonts, cur)
			}
		}
	}
	if len(fonts) != 6 {
		t.Fatalf("found %d texts, want 6", len(fonts))
	}
	regular, bold := fonts[0], fonts[1]
	if regular == "" || bold == "" || regular == bold {
		t.Fatalf("fonts of the first two texts: %q, %q", regular, bold)
	}
	for i, got := range fonts[2:] {
		if got != bold {
			t.Errorf("text %d is set in %q, want the bold font %q", i+3, got, bold)
		}
	}
	// regular; bold inside q..Q; bold again after Q; bold on the new page
	if tf != 4 {
		t.Errorf("%d font selections written, want 4", tf)
	}
}
