package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
)

// Field is a complex field as read back from a document part: its
// instruction and the text of its cached result.
type Field struct {
	Instr, Result string
}

// Inspection is what Inspect reads from a WordprocessingML part.
type Inspection struct {
	Bookmarks map[string]int // name -> how many times it is defined
	Fields    []Field        // in document order (nested fields after their parent)
}

// Part returns the bytes of one part of a .docx package.
func Part(docx []byte, name string) ([]byte, error) {
	z, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return nil, err
	}
	for _, f := range z.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			defer rc.Close()
			return io.ReadAll(rc)
		}
	}
	return nil, fmt.Errorf("no part %s", name)
}

// Inspect reads the bookmarks and the complex fields of a part such as
// word/document.xml. Deleted text (w:delText, w:delInstrText) counts as
// text, so a field in a tracked deletion is read too.
func Inspect(x []byte) (*Inspection, error) {
	in := &Inspection{Bookmarks: map[string]int{}}
	dec := xml.NewDecoder(bytes.NewReader(x))
	var stack []int // open fields
	result := map[int]bool{}
	var el string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch v := tok.(type) {
		case xml.StartElement:
			el = v.Name.Local
			attr := func(n string) string {
				for _, a := range v.Attr {
					if a.Name.Local == n {
						return a.Value
					}
				}
				return ""
			}
			switch el {
			case "bookmarkStart":
				in.Bookmarks[attr("name")]++
			case "fldChar":
				switch attr("fldCharType") {
				case "begin":
					in.Fields = append(in.Fields, Field{})
					stack = append(stack, len(in.Fields)-1)
				case "separate":
					if len(stack) == 0 {
						return nil, fmt.Errorf("field separator outside a field")
					}
					result[stack[len(stack)-1]] = true
				case "end":
					if len(stack) == 0 {
						return nil, fmt.Errorf("field end outside a field")
					}
					stack = stack[:len(stack)-1]
				}
			}
		case xml.EndElement:
			el = ""
		case xml.CharData:
			for _, i := range stack {
				switch {
				case (el == "instrText" || el == "delInstrText") && i == stack[len(stack)-1]:
					in.Fields[i].Instr += string(v)
				case (el == "t" || el == "delText") && result[i]:
					in.Fields[i].Result += string(v)
				}
			}
		}
	}
	if len(stack) != 0 {
		return nil, fmt.Errorf("%d fields not ended", len(stack))
	}
	return in, nil
}
