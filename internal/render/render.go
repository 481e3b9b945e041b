// Package render maps output formats to renderers of the document model.
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/render/docx"
	"github.com/dpa-no/dpa/internal/render/markdown"
	"github.com/dpa-no/dpa/internal/render/pdf"
	"github.com/dpa-no/dpa/internal/render/text"
)

// Func renders a document to bytes.
type Func func(d *doc.Document) ([]byte, error)

var renderers = map[string]Func{
	"md":   func(d *doc.Document) ([]byte, error) { return markdown.Bytes(d), nil },
	"txt":  func(d *doc.Document) ([]byte, error) { return text.Bytes(d), nil },
	"json": JSON,
	"docx": docx.Bytes,
	"pdf":  pdf.Bytes,
}

// Register adds a renderer (PDF and DOCX register themselves here).
func Register(format string, f Func) { renderers[format] = f }

// Get returns the renderer of format.
func Get(format string) (Func, bool) { f, ok := renderers[format]; return f, ok }

// Formats lists the known formats in a stable order.
func Formats() []string {
	order := map[string]int{"pdf": 0, "docx": 1, "md": 2, "txt": 3, "json": 4}
	var out []string
	for k := range renderers {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return order[out[i]] < order[out[j]] })
	return out
}

// Ext is the file extension of format.
func Ext(format string) string { return format }

// JSON renders the document model, with coverage and findings, as indented JSON.
func JSON(d *doc.Document) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, fmt.Errorf("json: %w", err)
	}
	return b.Bytes(), nil
}
