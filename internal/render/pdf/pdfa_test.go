package pdf

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/doc/doctest"
	"github.com/dpa-no/dpa/internal/render/rendertest"
)

// qpdfObjects reads the objects of a PDF with qpdf --json=2.
func qpdfObjects(t *testing.T, b []byte) map[string]map[string]any {
	t.Helper()
	out, err := exec.Command(rendertest.Tool(t, "qpdf"), "--json=2", "--json-key=qpdf", "--decode-level=none", writePDF(t, b)).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var j struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &j); err != nil || len(j.QPDF) != 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	var objs map[string]map[string]any
	if err := json.Unmarshal(j.QPDF[1], &objs); err != nil {
		t.Fatal(err)
	}
	return objs
}

func dict(t *testing.T, objs map[string]map[string]any, ref any) map[string]any {
	t.Helper()
	o, ok := objs["obj:"+ref.(string)]
	if !ok {
		t.Fatalf("object %v missing", ref)
	}
	if v, ok := o["value"].(map[string]any); ok {
		return v
	}
	if s, ok := o["stream"].(map[string]any); ok {
		return s["dict"].(map[string]any)
	}
	t.Fatalf("object %v is not a dictionary", ref)
	return nil
}

// TestPDFA checks the PDF/A-2b parts that can be checked without a
// validator: header version and binary comment, trailer /ID, no
// encryption, an sRGB output intent with an embedded ICC profile, every
// font embedded, and an XMP packet (unfiltered, from the catalog) that
// claims part 2 conformance B and repeats the information dictionary.
func TestPDFA(t *testing.T) {
	d := doctest.Sample(true)
	b := render(t, d)
	if !bytes.HasPrefix(b, []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")) {
		t.Errorf("header is %q", b[:20])
	}
	objs := qpdfObjects(t, b)
	tr := objs["trailer"]["value"].(map[string]any)
	id, _ := tr["/ID"].([]any)
	if len(id) != 2 || id[0] != id[1] || len(id[0].(string)) != len("b:")+32 {
		t.Errorf("trailer /ID = %v", tr["/ID"])
	}
	if _, ok := tr["/Encrypt"]; ok {
		t.Error("the file is encrypted")
	}
	cat := dict(t, objs, tr["/Root"])
	intents, _ := cat["/OutputIntents"].([]any)
	if len(intents) != 1 {
		t.Fatalf("catalog /OutputIntents = %v", cat["/OutputIntents"])
	}
	oi := dict(t, objs, intents[0])
	if oi["/S"] != "/GTS_PDFA1" || oi["/OutputConditionIdentifier"] != "u:"+outputCondition {
		t.Errorf("output intent %v", oi)
	}
	icc := dict(t, objs, oi["/DestOutputProfile"])
	if icc["/N"] != 3.0 {
		t.Errorf("ICC profile stream %v: /N must be 3 (RGB)", icc)
	}
	if !bytes.Equal(srgbICC[36:40], []byte("acsp")) || string(srgbICC[16:20]) != "RGB " {
		t.Error("embedded profile is not an RGB ICC profile")
	}
	// fonts: every font descriptor has an embedded TrueType program
	fonts := 0
	for k, o := range objs {
		v, ok := o["value"].(map[string]any)
		if !ok || v["/Type"] != "/FontDescriptor" {
			continue
		}
		fonts++
		if _, ok := v["/FontFile2"]; !ok {
			t.Errorf("%s: font %v not embedded", k, v["/FontName"])
		}
	}
	if fonts != 3 {
		t.Errorf("%d font descriptors, want 3 (regular, bold, italic)", fonts)
	}
	for _, o := range objs {
		v, ok := o["value"].(map[string]any)
		if ok && v["/Type"] == "/Font" && v["/Subtype"] == "/Type1" {
			t.Errorf("a non-embedded standard font is used: %v", v)
		}
	}
	// the XMP packet
	md := dict(t, objs, cat["/Metadata"])
	if md["/Type"] != "/Metadata" || md["/Subtype"] != "/XML" || md["/Filter"] != nil {
		t.Errorf("metadata stream %v (must be an unfiltered XML metadata stream)", md)
	}
	i := bytes.Index(b, []byte("<?xpacket begin="))
	j := bytes.Index(b, []byte("<?xpacket end=\"r\"?>"))
	if i < 0 || j < i {
		t.Fatal("no XMP packet in the file")
	}
	var x struct {
		Descs []struct {
			Part        string `xml:"part"`
			Conformance string `xml:"conformance"`
			Title       string `xml:"title>Alt>li"`
			Creator     string `xml:"creator>Seq>li"`
			Description string `xml:"description>Alt>li"`
			Keywords    string `xml:"Keywords"`
			Producer    string `xml:"Producer"`
			CreatorTool string `xml:"CreatorTool"`
			CreateDate  string `xml:"CreateDate"`
			ModifyDate  string `xml:"ModifyDate"`
		} `xml:"RDF>Description"`
	}
	if err := xml.Unmarshal(b[i:j], &x); err != nil {
		t.Fatalf("XMP does not parse: %v", err)
	}
	got := map[string]string{}
	for _, dsc := range x.Descs {
		for k, v := range map[string]string{"part": dsc.Part, "conformance": dsc.Conformance, "title": dsc.Title, "creator": dsc.Creator,
			"description": dsc.Description, "keywords": dsc.Keywords, "producer": dsc.Producer, "tool": dsc.CreatorTool, "create": dsc.CreateDate, "modify": dsc.ModifyDate} {
			if v != "" {
				got[k] = v
			}
		}
	}
	in := docInfo(d)
	for k, want := range map[string]string{
		"part": "2", "conformance": "B", "title": in.title, "creator": in.author, "description": in.subject,
		"keywords": in.keywords, "producer": producer, "tool": in.creator,
		"create": "2026-11-22T00:00:00Z", "modify": "2026-11-22T00:00:00Z",
	} {
		if got[k] != want {
			t.Errorf("XMP %s = %q, want %q", k, got[k], want)
		}
	}
	// the information dictionary says the same (pdfinfo decodes it)
	out, err := exec.Command(rendertest.Tool(t, "pdfinfo"), "-isodates", writePDF(t, b)).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, re := range []string{
		`(?m)^Title:\s+` + regexp.QuoteMeta(in.title) + `$`,
		`(?m)^Author:\s+` + regexp.QuoteMeta(in.author) + `$`,
		`(?m)^Subject:\s+` + regexp.QuoteMeta(in.subject) + `$`,
		`(?m)^Keywords:\s+` + regexp.QuoteMeta(in.keywords) + `$`,
		`(?m)^Creator:\s+` + regexp.QuoteMeta(in.creator) + `$`,
		`(?m)^Producer:\s+` + regexp.QuoteMeta(producer) + `$`,
		`(?m)^CreationDate:\s+2026-11-22T00:00:00(Z|\+00)`,
		`(?m)^ModDate:\s+2026-11-22T00:00:00(Z|\+00)`,
		`(?m)^Metadata Stream:\s+yes`,
		`(?m)^Encrypted:\s+no`,
		`(?m)^PDF version:\s+1\.7`,
	} {
		if !regexp.MustCompile(re).Match(out) {
			t.Errorf("pdfinfo lacks %s:\n%s", re, out)
		}
	}
	// annotations (table of contents links) carry the print flag
	if n, f := bytes.Count(b, []byte("/Subtype /Link")), bytes.Count(b, []byte("/Subtype /Link /F 4 ")); n != f {
		t.Errorf("%d of %d link annotations lack /F 4", n-f, n)
	}
}

// outline is a bookmark as qpdf reports it.
type outline struct {
	Title string    `json:"title"`
	Page  int       `json:"destpageposfrom1"`
	Kids  []outline `json:"kids"`
}

func outlines(t *testing.T, b []byte) []outline {
	t.Helper()
	out, err := exec.Command(rendertest.Tool(t, "qpdf"), "--json=2", "--json-key=outlines", writePDF(t, b)).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var j struct {
		Outlines []outline `json:"outlines"`
	}
	if err := json.Unmarshal(out, &j); err != nil {
		t.Fatal(err)
	}
	return j.Outlines
}

// TestOutlineAndTOC: the bookmarks are the sections with their clauses,
// the signatures and the annexes with theirs, each pointing at the page
// where its heading is; the table of contents lists the same headings
// with the same pages; --toc auto adds it above ten pages only.
func TestOutlineAndTOC(t *testing.T) {
	met, err := load()
	if err != nil {
		t.Fatal(err)
	}
	d := doctest.Stress(120)
	if n := len(layout(d, met, TOCOff)); n <= tocAutoPages {
		t.Fatalf("the stress document has %d pages; the test needs more than %d", n, tocAutoPages)
	}
	var want []outline
	for _, s := range d.Sections {
		o := outline{Title: oneLine(s.Number + " " + s.Title)}
		for _, c := range s.Clauses {
			o.Kids = append(o.Kids, outline{Title: oneLine(c.Number + " " + c.Title)})
		}
		want = append(want, o)
	}
	if len(d.Signatures.Parties) > 0 {
		want = append(want, outline{Title: d.Labels.Signatures})
	}
	for _, a := range d.Annexes {
		o := outline{Title: oneLine(d.Labels.Annex + " " + a.Letter + " " + a.Title)}
		for _, c := range a.Clauses {
			o.Kids = append(o.Kids, outline{Title: oneLine(c.Number + " " + c.Title)})
		}
		want = append(want, o)
	}
	for _, mode := range []TOCMode{TOCOn, TOCOff} {
		b, err := BytesWith(d, Options{TOC: mode})
		if err != nil {
			t.Fatal(err)
		}
		pages := layout(d, met, mode)
		// heading text → page, from the pagination
		headPage := map[string]int{}
		for i, pg := range pages {
			for _, x := range pg {
				if x.p.outline != nil {
					headPage[x.p.outline.title] = i + 1
				}
			}
		}
		got := outlines(t, b)
		if len(got) != len(want) {
			t.Fatalf("%s: %d top-level bookmarks, want %d", mode, len(got), len(want))
		}
		var walk func(got, want []outline, path string)
		walk = func(got, want []outline, path string) {
			if len(got) != len(want) {
				t.Errorf("%s: %s: %d bookmarks, want %d", mode, path, len(got), len(want))
				return
			}
			for i := range want {
				if got[i].Title != want[i].Title {
					t.Errorf("%s: bookmark %q, want %q", mode, got[i].Title, want[i].Title)
				}
				if p := headPage[want[i].Title]; got[i].Page != p || p == 0 {
					t.Errorf("%s: bookmark %q goes to page %d, heading is on page %d", mode, got[i].Title, got[i].Page, p)
				}
				walk(got[i].Kids, want[i].Kids, want[i].Title)
			}
		}
		walk(got, want, "top")
		pdfPages, _, err := readPDF(b)
		if err != nil {
			t.Fatal(err)
		}
		// the table of contents: its heading, and for every entry the page
		// number of its heading at the right margin
		hasTOC := false
		for _, tx := range pdfPages[0].texts {
			if tx.s == d.Labels.Contents {
				hasTOC = true
			}
		}
		if hasTOC != (mode == TOCOn) {
			t.Errorf("%s: contents heading on page 1 = %v", mode, hasTOC)
		}
		if mode == TOCOn {
			entries := 0
			for _, pg := range pages {
				for _, x := range pg {
					for _, c := range x.p.cells {
						for _, s := range c.spans {
							if s.pageOf > 0 {
								entries++
							}
						}
					}
				}
			}
			if entries != len(headPage) {
				t.Errorf("table of contents has %d entries, the outline %d", entries, len(headPage))
			}
			// every TOC page number printed equals the heading's page
			ap := anchorPages(pages)
			for i, pg := range pages {
				for _, x := range pg {
					for _, c := range x.p.cells {
						for _, s := range c.spans {
							if s.pageOf > 0 && !containsText(pdfPages[i], itoa(ap[s.pageOf])) {
								t.Errorf("page %d: contents number %d not drawn", i+1, ap[s.pageOf])
							}
						}
					}
				}
			}
		}
	}
	// auto: none for a short agreement, one for a long one
	short := doctest.Sample(false)
	if n := len(layout(short, met, TOCOff)); n > tocAutoPages {
		t.Fatalf("the sample has %d pages; the test needs a short one", n)
	}
	if hasContents(t, short) {
		t.Error("auto: a short agreement got a table of contents")
	}
	if !hasContents(t, d) {
		t.Error("auto: a long agreement has no table of contents")
	}
	d.TOC = "off"
	if hasContents(t, d) {
		t.Error("TOC off: there is a table of contents")
	}
	d.TOC = "sometimes"
	if _, err := Bytes(d); err == nil {
		t.Error("a bad TOC mode is accepted")
	}
}

func hasContents(t *testing.T, d *doc.Document) bool {
	b := render(t, d)
	pages, _, err := readPDF(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, tx := range pages[0].texts {
		if tx.s == d.Labels.Contents {
			return true
		}
	}
	return false
}

func containsText(p pdfPage, s string) bool {
	for _, tx := range p.texts {
		if strings.TrimSpace(tx.s) == s {
			return true
		}
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }
