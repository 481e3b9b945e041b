// Package render maps output formats to renderers of the document model.
package render

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/render/docx"
	"github.com/dpa-no/dpa/internal/render/markdown"
	"github.com/dpa-no/dpa/internal/render/pdf"
	"github.com/dpa-no/dpa/internal/render/text"
)

// Func renders a document to bytes.
type Func func(d *doc.Document) ([]byte, error)

// formats are the renderers, in the order Formats lists them.
var formats = []struct {
	name string
	fn   Func
}{
	{"pdf", pdf.Bytes},
	{"docx", docx.Bytes},
	{"md", func(d *doc.Document) ([]byte, error) { return markdown.Bytes(d), nil }},
	{"txt", func(d *doc.Document) ([]byte, error) { return text.Bytes(d), nil }},
	{"json", JSON},
}

// Get returns the renderer of format.
func Get(format string) (Func, bool) {
	for _, f := range formats {
		if f.name == format {
			return f.fn, true
		}
	}
	return nil, false
}

// Formats lists the known formats: pdf, docx, md, txt, json.
func Formats() []string {
	out := make([]string, len(formats))
	for i, f := range formats {
		out[i] = f.name
	}
	return out
}

// Ext is the file extension of format.
func Ext(format string) string { return format }

// JSON renders the document model, with coverage and findings, as indented JSON.
func JSON(d *doc.Document) ([]byte, error) {
	var w indenter
	enc := json.NewEncoder(&w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, fmt.Errorf("json: %w", err)
	}
	return w.b.Bytes(), nil
}

// indenter indents the compact JSON the encoder writes (once, the whole
// value and its newline) into one buffer sized for it up front: the same
// bytes as the encoder's own SetIndent("", "  "), which indented into a
// buffer grown by doubling and then had it copied (for a 60 MB agreement
// most of the allocations of its JSON).
type indenter struct{ b bytes.Buffer }

func (w *indenter) Write(p []byte) (int, error) {
	if err := json.Indent(&w.b, p, "", "  "); err != nil {
		return 0, err
	}
	return len(p), nil
}
