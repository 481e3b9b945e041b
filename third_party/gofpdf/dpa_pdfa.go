package gofpdf

// dpa patch: what an archival PDF (PDF/A-2b) needs beyond upstream gofpdf:
// an XMP metadata stream referenced from the catalog, an output intent
// with an embedded ICC profile, a file identifier in the trailer, a chosen
// header version with the binary comment line, and time zones on the
// information dictionary's dates. Nothing changes unless SetArchival is
// called.

import (
	"encoding/hex"
	"time"
)

// ArchivalType is what SetArchival writes.
type ArchivalType struct {
	// Version is the header version, e.g. "1.7" (empty: keep gofpdf's).
	Version string
	// ICC is the output intent's ICC profile (RGB, three components);
	// OutputCondition names it, e.g. "sRGB IEC61966-2.1".
	ICC             []byte
	OutputCondition string
	// ID is the file identifier, written twice as /ID [<id><id>].
	ID []byte
	// XMP is the metadata packet, referenced from the catalog as
	// /Metadata (unfiltered, as PDF/A requires).
	XMP []byte
}

type archivalState struct {
	on       bool
	a        ArchivalType
	xmpObj   int
	intentOb int
}

// SetArchival makes the document carry what PDF/A-2b asks of the file
// structure (see ArchivalType).
func (f *Fpdf) SetArchival(a ArchivalType) {
	f.archival = archivalState{on: true, a: a}
	if a.Version != "" {
		f.pdfVersion = a.Version
	}
	f.xmp = a.XMP
}

// pdfDate formats t for the information dictionary; archival documents
// carry an explicit UTC offset so that the XMP dates can match them.
func (f *Fpdf) pdfDate(t time.Time) string {
	s := "D:" + t.Format("20060102150405")
	if f.archival.on {
		_, off := t.Zone()
		if off == 0 {
			return s + "Z00'00'"
		}
		s += t.Format("-07'00'")
	}
	return s
}

// putOutputIntent writes the ICC profile stream and the output intent
// dictionary; the catalog refers to the latter.
func (f *Fpdf) putOutputIntent() {
	a := &f.archival.a
	if !f.archival.on || len(a.ICC) == 0 {
		return
	}
	f.newobj()
	iccObj := f.n
	if f.compress {
		data := sliceCompress(a.ICC)
		f.outf("<</N 3 /Filter /FlateDecode /Length %d>>", len(data))
		f.putstream(data)
	} else {
		f.outf("<</N 3 /Length %d>>", len(a.ICC))
		f.putstream(a.ICC)
	}
	f.out("endobj")
	f.newobj()
	f.archival.intentOb = f.n
	cond := f.textstring(a.OutputCondition)
	f.outf("<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier %s /Info %s /DestOutputProfile %d 0 R>>", cond, cond, iccObj)
	f.out("endobj")
}

// putArchivalCatalog adds the metadata and output intent references.
func (f *Fpdf) putArchivalCatalog() {
	if !f.archival.on {
		return
	}
	if f.archival.xmpObj > 0 {
		f.outf("/Metadata %d 0 R", f.archival.xmpObj)
	}
	if f.archival.intentOb > 0 {
		f.outf("/OutputIntents [%d 0 R]", f.archival.intentOb)
	}
}

// putArchivalTrailer writes the file identifier.
func (f *Fpdf) putArchivalTrailer() {
	if !f.archival.on || len(f.archival.a.ID) == 0 || f.protect.encrypted {
		return
	}
	id := hex.EncodeToString(f.archival.a.ID)
	f.outf("/ID [<%s><%s>]", id, id)
}
