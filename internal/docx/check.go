package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
)

// Check reports the first structural problem of a .docx: a part
// that is not well-formed XML, a relationship whose target is missing, or
// a part without a content type.
func Check(b []byte) error {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return err
	}
	parts := map[string][]byte{}
	var names []string
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		parts[f.Name] = data
		names = append(names, f.Name)
	}
	for _, n := range names {
		if strings.HasSuffix(n, ".xml") || strings.HasSuffix(n, ".rels") {
			if err := WellFormed(parts[n]); err != nil {
				return fmt.Errorf("%s: %v", n, err)
			}
		}
	}
	var ct struct {
		Default []struct {
			Extension string `xml:"Extension,attr"`
		} `xml:"Default"`
		Override []struct {
			PartName string `xml:"PartName,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(parts["[Content_Types].xml"], &ct); err != nil {
		return err
	}
	typed := map[string]bool{}
	for _, o := range ct.Override {
		typed[strings.TrimPrefix(o.PartName, "/")] = true
		if _, ok := parts[strings.TrimPrefix(o.PartName, "/")]; !ok {
			return fmt.Errorf("override for missing part %s", o.PartName)
		}
	}
	exts := map[string]bool{}
	for _, d := range ct.Default {
		exts[strings.ToLower(d.Extension)] = true
	}
	for _, n := range names {
		if n == "[Content_Types].xml" {
			continue
		}
		ext := strings.ToLower(strings.TrimPrefix(path.Ext(n), "."))
		if !typed[n] && !exts[ext] {
			return fmt.Errorf("part %s has no content type", n)
		}
	}
	for _, n := range names {
		if !strings.HasSuffix(n, ".rels") {
			continue
		}
		// _rels/.rels -> base "", word/_rels/document.xml.rels -> "word"
		base := path.Dir(path.Dir(n))
		if base == "." {
			base = ""
		}
		var rels struct {
			Rel []struct {
				ID         string `xml:"Id,attr"`
				Target     string `xml:"Target,attr"`
				TargetMode string `xml:"TargetMode,attr"`
			} `xml:"Relationship"`
		}
		if err := xml.Unmarshal(parts[n], &rels); err != nil {
			return fmt.Errorf("%s: %v", n, err)
		}
		for _, r := range rels.Rel {
			if r.TargetMode == "External" {
				continue
			}
			target := path.Join(base, r.Target)
			if _, ok := parts[target]; !ok {
				return fmt.Errorf("%s: %s targets missing part %s", n, r.ID, target)
			}
		}
		// the source part must exist too
		src := path.Join(base, strings.TrimSuffix(path.Base(n), ".rels"))
		if path.Base(n) != ".rels" {
			if _, ok := parts[src]; !ok {
				return fmt.Errorf("%s: source part %s missing", n, src)
			}
		}
	}
	return nil
}

// WellFormed parses b completely as XML.
func WellFormed(b []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
