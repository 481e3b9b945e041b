// Package pdf renders the document model as an A4 PDF/A-2b file.
//
// Layout is done here in three stages, each readable and testable alone
// (piece.go lists the files): compose breaks every paragraph, list item,
// heading and table cell into lines with the embedded font's own width
// table and turns them into pieces of fixed height; paginate distributes
// the pieces over pages (headings kept with what follows, no orphan or
// widow lines, table headers repeated, the signature block whole); draw
// writes each page with gofpdf, one PDF page per page of the pagination.
// Pagination is the only place page breaks are decided, so the "Side N av
// M" of every footer is the real page and page count.
package pdf

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/phpdave11/gofpdf"

	"github.com/dpa-no/dpa/internal/doc"
)

// Render writes d as a PDF.
func Render(w io.Writer, d *doc.Document) error {
	b, err := Bytes(d)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// gofpdfMu guards gofpdf's package-level defaults (catalog sort), which
// gofpdf copies into each new document.
var gofpdfMu sync.Mutex

// Options are the choices a caller can make about a PDF.
type Options struct {
	TOC TOCMode // table of contents: auto (default), on or off
}

// Bytes renders d with the table of contents the document asks for
// (d.TOC, "auto" when empty).
func Bytes(d *doc.Document) ([]byte, error) {
	if d == nil {
		return nil, errors.New("pdf: nil document")
	}
	mode, ok := ParseTOCMode(d.TOC)
	if !ok {
		return nil, errors.New("pdf: table of contents must be auto, on or off, not " + strconv.Quote(d.TOC))
	}
	return BytesWith(d, Options{TOC: mode})
}

// BytesWith renders d to a byte slice. The output depends only on d and
// o: the dates come from d.Meta.Date (see Date).
func BytesWith(d *doc.Document, o Options) ([]byte, error) {
	if d == nil {
		return nil, errors.New("pdf: nil document")
	}
	met, err := load()
	if err != nil {
		return nil, err
	}
	pages := layout(d, met, o.TOC)

	gofpdfMu.Lock()
	gofpdf.SetDefaultCatalogSort(true)
	f := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: gofpdf.SizeType{Wd: pageW, Ht: pageH}})
	gofpdfMu.Unlock()
	f.AddUTF8FontFromBytes(family, styleNames[sRegular], fontRegular)
	f.AddUTF8FontFromBytes(family, styleNames[sBold], fontBold)
	f.AddUTF8FontFromBytes(family, styleNames[sItalic], fontItalic)
	f.SetAutoPageBreak(false, 0) // pages come from paginate alone
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetCompression(true)
	f.SetCompressEarly(true) // pages compressed as they are finished: bounded memory for long agreements
	in := docInfo(d)
	in.apply(f, fileID(d.Meta.Fingerprint, d.Lang, d.Meta.Date, strconv.FormatBool(d.Draft), d.Title, d.Subtitle))

	w := &drawer{f: f, met: met, hf: newHeadFoot(d, met), anchorPage: anchorPages(pages)}
	w.pages(pages)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// layout composes and paginates d; with TOCAuto the contents list is
// added when the agreement without it has more than tocAutoPages pages.
func layout(d *doc.Document, met *metrics, mode TOCMode) []page {
	c := &composer{d: d, met: met}
	c.document()
	if mode == TOCOn {
		return paginate(c.withTOC(c.ps), bodyFull)
	}
	pages := paginate(c.ps, bodyFull)
	if mode == TOCAuto && len(pages) > tocAutoPages {
		pages = paginate(c.withTOC(c.ps), bodyFull)
	}
	return pages
}

func docInfo(d *doc.Document) *info {
	title := oneLine(d.Title)
	if d.Subtitle != "" {
		title += " – " + oneLine(d.Subtitle)
	}
	return &info{
		title:    title,
		author:   oneLine(d.Meta.Author),
		subject:  oneLine(d.Meta.Subject),
		keywords: oneLine(strings.Join(d.Meta.Keywords, ", ")),
		creator:  "dpa " + oneLine(d.Meta.DPAVersion),
		lang:     oneLine(d.Lang),
		date:     Date(d.Meta.Date),
	}
}

// Date is the creation date of the PDF: the model's date (the agreement
// date, or SOURCE_DATE_EPOCH, see doc.DefaultDate), and for a model
// without one the same rule: SOURCE_DATE_EPOCH, else today at 00:00 UTC.
func Date(s string) time.Time {
	if t, err := time.Parse("2006-01-02", strings.TrimSpace(s)); err == nil {
		return t.UTC()
	}
	t, _ := time.Parse("2006-01-02", doc.DefaultDate(os.Getenv("SOURCE_DATE_EPOCH"), time.Now()))
	return t
}

// oneLine folds line breaks and control characters into single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(clean(s)), " ")
}

// draftMark is the mark drafts carry on every page.
func draftMark(d *doc.Document) string {
	if !d.Draft {
		return ""
	}
	if m := oneLine(d.DraftMark); m != "" {
		return m
	}
	if d.Lang == "en" {
		return "DRAFT"
	}
	return "UTKAST"
}
