package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"unicode/utf16"
)

// A reader of the PDFs this package writes, for tests that must look at
// every page of thousands of documents without starting a process for
// each: it follows the page objects in file order, inflates each page's
// content stream and decodes the text operators (gofpdf writes one
// "BT x y Td (utf-16) Tj ET" per line or word).

type pdfText struct {
	x, y float64 // mm from the left and top edge of the page (baseline)
	s    string
}

type pdfPage struct {
	texts []pdfText
}

var (
	pageObjRe = regexp.MustCompile(`<</Type /Page\n(?s:.*?)/Contents (\d+) 0 R>>`)
	countRe   = regexp.MustCompile(`<</Type /Pages\n/Kids \[[^\]]*\]\n/Count (\d+)`)
	textOpRe  = regexp.MustCompile(`BT (-?[\d.]+) (-?[\d.]+) Td \(((?:\\.|[^\\)])*)\) Tj ET`)
)

// readPDF returns the pages of b in order and the /Count of the page tree.
func readPDF(b []byte) ([]pdfPage, int, error) {
	m := countRe.FindSubmatch(b)
	if m == nil {
		return nil, 0, fmt.Errorf("no page tree")
	}
	count, _ := strconv.Atoi(string(m[1]))
	var pages []pdfPage
	for _, pm := range pageObjRe.FindAllSubmatch(b, -1) {
		obj := []byte("\n" + string(pm[1]) + " 0 obj\n<</Filter /FlateDecode /Length ")
		i := bytes.Index(b, obj)
		if i < 0 {
			return nil, 0, fmt.Errorf("content object %s not found", pm[1])
		}
		rest := b[i+len(obj):]
		j := bytes.IndexByte(rest, '>')
		n, err := strconv.Atoi(string(rest[:j]))
		if err != nil {
			return nil, 0, err
		}
		k := bytes.Index(rest, []byte("stream\n"))
		data := rest[k+len("stream\n") : k+len("stream\n")+n]
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, 0, err
		}
		content, err := io.ReadAll(zr)
		if err != nil {
			return nil, 0, err
		}
		var pg pdfPage
		for _, t := range textOpRe.FindAllSubmatch(content, -1) {
			x, _ := strconv.ParseFloat(string(t[1]), 64)
			y, _ := strconv.ParseFloat(string(t[2]), 64)
			pg.texts = append(pg.texts, pdfText{x: x / ptToMM, y: pageH - y/ptToMM, s: decodeUTF16(unescapePDF(t[3]))})
		}
		pages = append(pages, pg)
	}
	return pages, count, nil
}

func unescapePDF(s []byte) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'r':
				out = append(out, '\r')
			case 'n':
				out = append(out, '\n')
			default:
				out = append(out, s[i])
			}
			continue
		}
		out = append(out, s[i])
	}
	return out
}

func decodeUTF16(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}
