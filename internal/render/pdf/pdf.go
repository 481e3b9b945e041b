// Package pdf renders the document model as an A4 PDF with maroto v2.
//
// Layout is done here, not by maroto: every paragraph, list item, heading
// and table cell is broken into lines with the embedded font's own width
// table, and every line becomes a fixed-height maroto row (table rows become
// one maroto row per line, with a column per cell). Pagination is mirrored
// exactly, so that headings are kept with what follows, paragraphs avoid
// orphan and widow lines, table headers repeat on each page, and no row is
// ever taller than a page: maroto never has to split a row, and so never
// drops text.
package pdf

import (
	"errors"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"

	"github.com/dpa-no/dpa/internal/doc"
)

// Page geometry in mm (A4 is 210 × 297).
const (
	pageW        = 210.0
	pageH        = 297.0
	marginLeft   = 22.0
	marginRight  = 22.0
	marginTop    = 12.0
	marginBottom = 16.0
	grid         = 1000 // maroto grid: fine enough for relative column widths

	contentW = pageW - marginLeft - marginRight
	bodyH    = pageH - marginTop - marginBottom // maroto's root cell height

	headerH = 11.0 // header row (text and rule) plus gap
	footerH = 4.0  // rule above the footer line; the text sits in the margin

	bodySize = 10.0
	leading  = 1.38
)

var (
	black   = &props.Color{Red: 0, Green: 0, Blue: 0}
	navy    = &props.Color{Red: 22, Green: 45, Blue: 84}
	grey    = &props.Color{Red: 95, Green: 95, Blue: 95}
	rule    = &props.Color{Red: 150, Green: 150, Blue: 150}
	red     = &props.Color{Red: 190, Green: 20, Blue: 20}
	headBg  = &props.Color{Red: 222, Green: 229, Blue: 239}
	stripe  = &props.Color{Red: 244, Green: 246, Blue: 249}
	partyBg = &props.Color{Red: 235, Green: 239, Blue: 245}
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

// gofpdfMu guards gofpdf's package-level defaults (catalog sort,
// modification date), which gofpdf copies into each new document when
// maroto.New creates it.
var gofpdfMu sync.Mutex

// Bytes renders d to a byte slice. The output depends only on d: the
// creation and modification dates come from d.Meta.Date.
func Bytes(d *doc.Document) ([]byte, error) {
	if d == nil {
		return nil, errors.New("pdf: nil document")
	}
	met, err := load()
	if err != nil {
		return nil, err
	}
	date := docDate(d.Meta.Date)
	cfg := buildConfig(d, date)

	gofpdfMu.Lock()
	gofpdf.SetDefaultCatalogSort(true)
	gofpdf.SetDefaultCreationDate(date)
	gofpdf.SetDefaultModificationDate(date)
	m := maroto.New(cfg)
	gofpdfMu.Unlock()

	l := &layout{d: d, m: m, met: met}
	if err := l.run(); err != nil {
		return nil, err
	}
	out, err := m.Generate()
	if err != nil {
		return nil, err
	}
	return out.GetBytes(), nil
}

func docDate(s string) time.Time {
	if t, err := time.Parse("2006-01-02", strings.TrimSpace(s)); err == nil {
		return t.UTC()
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}

func buildConfig(d *doc.Document, date time.Time) *entity.Config {
	pageWord, ofWord := d.Labels.Page, d.Labels.Of
	if pageWord == "" || ofWord == "" {
		pageWord, ofWord = "Page", "of"
		if d.Lang == "nb" || d.Lang == "nn" || d.Lang == "no" {
			pageWord, ofWord = "Side", "av"
		}
	}
	title := oneLine(d.Title)
	if d.Subtitle != "" {
		title += " – " + oneLine(d.Subtitle)
	}
	b := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithLeftMargin(marginLeft).
		WithRightMargin(marginRight).
		WithTopMargin(marginTop).
		WithBottomMargin(marginBottom).
		WithMaxGridSize(grid).
		WithSequentialMode().
		WithCompression(true).
		WithCustomFonts(customFonts).
		WithDefaultFont(&props.Font{Family: family, Style: styleNames[sRegular], Size: bodySize, Color: black}).
		WithPageNumber(props.PageNumber{
			Pattern: oneLine(pageWord) + " {current} " + oneLine(ofWord) + " {total}",
			Place:   props.RightBottom,
			Family:  family,
			Style:   styleNames[sRegular],
			Size:    8,
			Color:   grey,
		}).
		WithTitle(title, true).
		WithAuthor(oneLine(d.Meta.Author), true).
		WithSubject(oneLine(d.Meta.Subject), true).
		WithKeywords(oneLine(strings.Join(d.Meta.Keywords, ", ")), true).
		WithCreator("dpa "+oneLine(d.Meta.DPAVersion), true).
		WithCreationDate(date)
	return b.Build()
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
