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
	return w.b, nil
}

// indenter indents the compact JSON the encoder writes (once, the whole
// value and its newline) into one slice sized for it exactly: the same
// bytes as the encoder's own SetIndent("", "  "), which indented into a
// buffer grown by doubling and then had it copied, and as json.Indent,
// which checks the syntax byte by byte (the encoder's output needs no
// check) and grows its buffer to twice the input (for a 60 MB agreement
// most of the time and allocations of its JSON).
type indenter struct{ b []byte }

func (w *indenter) Write(p []byte) (int, error) {
	if w.b != nil {
		// the encoder writes once; anything else goes through json.Indent
		var b bytes.Buffer
		if err := json.Indent(&b, p, "", "  "); err != nil {
			return 0, err
		}
		w.b = append(w.b, b.Bytes()...)
		return len(p), nil
	}
	w.b = indent(make([]byte, 0, indentLen(p)), p)
	return len(p), nil
}

// indent appends src, compact JSON as encoding/json writes it (no white
// space outside strings but a trailing newline), indented by two spaces:
// the bytes json.Indent(dst, src, "", "  ") appends. Empty objects and
// arrays stay "{}" and "[]".
func indent(dst, src []byte) []byte {
	depth, open := 0, false // open: after '{' or '[', the indent is pending
	newline := func() {
		dst = append(dst, '\n')
		for i := 0; i < depth; i++ {
			dst = append(dst, ' ', ' ')
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			newline()
		}
		switch c {
		case '"':
			// the string up to its closing quote, unchanged
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) {
				j = len(src) - 1
			}
			dst = append(dst, src[i:j+1]...)
			i = j
		case '{', '[':
			open = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				newline()
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// indentLen is the length of indent(nil, src).
func indentLen(src []byte) int {
	n, depth, open := len(src), 0, false
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			n += 1 + 2*depth
		}
		switch c {
		case '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			i = j
		case '{', '[':
			open = true
		case ',':
			n += 1 + 2*depth
		case ':':
			n++
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				n += 1 + 2*depth
			}
		}
	}
	return n
}
