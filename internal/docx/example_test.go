package docx_test

import (
	"fmt"
	"time"

	"github.com/dpa-no/dpa/internal/docx"
)

// A redline marks replaced words as a deletion followed by an insertion,
// and a whole new paragraph by marking its paragraph mark as well.
func Example_trackedChanges() {
	dpa := &docx.Change{Author: "dpa", Date: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	d := docx.New(docx.Options{Lang: "nb-NO", Title: "Endringer", Created: dpa.Date})
	d.Paragraph(docx.StyleBodyText,
		docx.Run{Text: "Sikkerhetskopi tas minst "},
		docx.Run{Text: "ukentlig", Del: dpa},
		docx.Run{Text: "daglig", Ins: dpa},
		docx.Run{Text: "."},
	)
	d.Para(docx.Para{Style: docx.StyleBodyText, Ins: dpa, Runs: []docx.Run{{Text: "Et nytt avsnitt.", Ins: dpa}}})
	b := d.Bytes()
	fmt.Println(docx.Check(b) == nil)
	// Output: true
}
