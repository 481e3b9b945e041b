package pdf

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"strings"
	"time"

	"github.com/phpdave11/gofpdf"
)

// The archival parts of every PDF (PDF/A-2b, ISO 19005-2 level B): an XMP
// packet that says so and repeats the document information dictionary, an
// sRGB output intent for the device RGB colours used, a file identifier,
// and a header version of 1.7 with the binary comment line. The fonts are
// embedded (subsets of DejaVu Serif), nothing is encrypted, and no
// transparency, JavaScript or external content is used.

// srgbICC is the output intent's profile (icc/LICENSE: zlib licence).
//
//go:embed icc/sRGB.icc
var srgbICC []byte

const (
	pdfVersion      = "1.7"
	outputCondition = "sRGB IEC61966-2.1"
	producer        = "dpa (gofpdf 1.4.3, patched)"
)

// info is the document information, written both to the information
// dictionary and to the XMP packet.
type info struct {
	title, author, subject, keywords, creator, lang string
	date                                            time.Time
}

// fileID is the document's identifier: a hash of what identifies the
// agreement (its fingerprint covers the answers and the library), so the
// same input gives the same bytes.
func fileID(parts ...string) []byte {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum(nil)[:16]
}

func (in *info) apply(f *gofpdf.Fpdf, id []byte) {
	f.SetTitle(in.title, true)
	f.SetAuthor(in.author, true)
	f.SetSubject(in.subject, true)
	f.SetKeywords(in.keywords, true)
	f.SetCreator(in.creator, true)
	f.SetProducer(producer, true)
	f.SetCreationDate(in.date)
	f.SetModificationDate(in.date)
	f.SetArchival(gofpdf.ArchivalType{
		Version:         pdfVersion,
		ICC:             srgbICC,
		OutputCondition: outputCondition,
		ID:              id,
		XMP:             in.xmp(id),
	})
}

// xmp is the metadata packet. Every entry of the information dictionary
// has its XMP counterpart with the same value (PDF/A-2 6.6.2.3).
func (in *info) xmp(id []byte) []byte {
	x := xmlEscape
	date := in.date.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
`)
	if in.title != "" {
		b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + x(in.title) + "</rdf:li></rdf:Alt></dc:title>\n")
	}
	if in.author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + x(in.author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if in.subject != "" {
		b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + x(in.subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if in.lang != "" {
		b.WriteString("<dc:language><rdf:Bag><rdf:li>" + x(in.lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	b.WriteString(`</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
`)
	if in.keywords != "" {
		b.WriteString("<pdf:Keywords>" + x(in.keywords) + "</pdf:Keywords>\n")
	}
	b.WriteString("<pdf:Producer>" + x(producer) + "</pdf:Producer>\n")
	b.WriteString(`</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
`)
	if in.creator != "" {
		b.WriteString("<xmp:CreatorTool>" + x(in.creator) + "</xmp:CreatorTool>\n")
	}
	b.WriteString("<xmp:CreateDate>" + date + "</xmp:CreateDate>\n")
	b.WriteString("<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n")
	b.WriteString("<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n")
	b.WriteString(`</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
`)
	b.WriteString("<xmpMM:DocumentID>uuid:" + uuid(id) + "</xmpMM:DocumentID>\n")
	b.WriteString("<xmpMM:InstanceID>uuid:" + uuid(id) + "</xmpMM:InstanceID>\n")
	b.WriteString(`</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`)
	return []byte(b.String())
}

func uuid(id []byte) string {
	h := hex.EncodeToString(id)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

func xmlEscape(s string) string { return xmlEscaper.Replace(s) }
