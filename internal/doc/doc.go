// Package doc is the intermediate document model of an assembled agreement.
//
// Every renderer (Markdown, text, JSON, PDF, DOCX) and the diff consume this
// model and nothing else: all wording, numbering, labels and values are
// resolved by the assembler, so a renderer only lays out what it is given.
// Strings hold plain text (no markup); renderers escape as their format needs.
package doc

// Document is one assembled agreement in one language.
type Document struct {
	Lang     string `json:"lang"`               // "nb" or "en"
	Title    string `json:"title"`              // e.g. "Databehandleravtale"
	Subtitle string `json:"subtitle,omitempty"` // e.g. the service name
	// Draft is true for tender drafts and --draft builds. Renderers put
	// DraftMark visibly on every page (header, watermark or both).
	Draft     bool   `json:"draft"`
	DraftMark string `json:"draft_mark,omitempty"` // "UTKAST" / "DRAFT"

	TitleBlock TitleBlock `json:"title_block"`
	Sections   []Section  `json:"sections"`
	Annexes    []Annex    `json:"annexes"`
	Signatures Signatures `json:"signatures"`
	Labels     Labels     `json:"labels"`
	Meta       Meta       `json:"meta"`
	Coverage   []Coverage `json:"coverage,omitempty"`
	Findings   []Finding  `json:"findings,omitempty"`
	Derived    any        `json:"derived,omitempty"` // derived facts, for JSON consumers
	// TOC is a rendering choice, not content: whether the PDF has a table
	// of contents after the title block ("auto" or empty: when longer than
	// ten pages; "on"; "off"). Set by `dpa generate --toc`.
	TOC string `json:"-"`
}

// TitleBlock is what stands above the first section.
type TitleBlock struct {
	// Rows are label/value pairs shown under the title (reference, main
	// agreement, date, place), already localised and filtered.
	Rows    []KV    `json:"rows"`
	Parties []Party `json:"parties"`
	// Intro is an optional paragraph under the parties table.
	Intro string `json:"intro,omitempty"`
}

// KV is a label and its value.
type KV struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Party is one party of the agreement as shown in the parties table.
type Party struct {
	Role    string `json:"role"` // localised: "Behandlingsansvarlig" / "Controller"
	Name    string `json:"name"`
	OrgID   string `json:"org_id"` // organisation number or foreign id, formatted
	Address string `json:"address"`
	Contact string `json:"contact"` // "name, email, phone" joined
	// Fields are the rows of the parties table in order (label, value),
	// the same information as above, localised; renderers may use either.
	Fields []KV `json:"fields"`
}

// Section is a numbered chapter of the agreement ("6 Sikkerhet").
type Section struct {
	ID      string   `json:"id"`
	Number  string   `json:"number"` // "6"
	Title   string   `json:"title"`
	Clauses []Clause `json:"clauses"`
}

// Clause is one numbered clause ("6.2 Sikkerhetskopiering").
type Clause struct {
	ID      string   `json:"id"`
	Version int      `json:"version"`
	Number  string   `json:"number"` // "6.2", or "D.1" in an annex
	Title   string   `json:"title"`
	Blocks  []Block  `json:"blocks"`
	Covers  []string `json:"covers,omitempty"`  // requirement keys
	Sources []string `json:"sources,omitempty"` // human-readable sources
}

// BlockKind tells a renderer how to lay out a Block.
type BlockKind string

const (
	Paragraph BlockKind = "paragraph"  // Text
	Bullets   BlockKind = "bullets"    // Items, unordered
	Numbered  BlockKind = "numbered"   // Items, ordered 1., 2., ...
	TableKind BlockKind = "table"      // Table
	Subhead   BlockKind = "subheading" // Text, a small heading inside a clause or annex
)

// Block is a paragraph, a list or a table.
type Block struct {
	Kind  BlockKind `json:"kind"`
	Text  string    `json:"text,omitempty"`
	Items []string  `json:"items,omitempty"`
	Table *Table    `json:"table,omitempty"`
	// Refs are the cross-references in Text, ItemRefs those in each item
	// (parallel to Items, nil when no item has one).
	Refs     []Ref   `json:"refs,omitempty"`
	ItemRefs [][]Ref `json:"item_refs,omitempty"`
}

// Ref is a cross-reference inside a text: the bytes [Start, End) of the
// text that carries it are the number of the target as printed, "8.1" for
// a clause or "B" for an annex. The text itself is complete: a renderer
// that does not link references prints it unchanged; the DOCX renderer
// makes the span a REF field to a bookmark on the target's heading.
type Ref struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Kind   string `json:"kind"`   // RefClause, RefSection or RefAnnex
	Target string `json:"target"` // the ID of that clause, section or annex
}

// Kinds of Ref targets (a section and a clause may share an ID).
const (
	RefClause  = "clause"
	RefSection = "section"
	RefAnnex   = "annex"
)

// CellRef is a cross-reference in a table body cell Rows[Row][Col].
type CellRef struct {
	Row int `json:"row"`
	Col int `json:"col"`
	Ref
}

// Table has a header row and body rows of the same width.
type Table struct {
	Header []string   `json:"header"`
	Rows   [][]string `json:"rows"`
	// Widths are relative column weights (summing to anything); renderers
	// may use them to size columns. Empty means equal widths.
	Widths []int `json:"widths,omitempty"`
	// Refs are the cross-references in body cells.
	Refs []CellRef `json:"refs,omitempty"`
}

// Annex is a lettered annex ("Vedlegg A").
type Annex struct {
	ID     string `json:"id"`
	Letter string `json:"letter"` // "A"
	Title  string `json:"title"`
	// Blocks come first (intro text, generated tables), then Clauses.
	Blocks  []Block  `json:"blocks"`
	Clauses []Clause `json:"clauses,omitempty"`
}

// Signatures is the signature block at the end of the agreement.
type Signatures struct {
	Intro   string      `json:"intro,omitempty"` // e.g. "Avtalen er undertegnet i to eksemplarer ..."
	Parties []Signatory `json:"parties"`
}

// Signatory is one party's signature field. Empty Name/Title/Place/Date
// are to be filled in by hand on a line.
type Signatory struct {
	Role  string `json:"role"`  // "For Behandlingsansvarlig"
	Party string `json:"party"` // party name
	Name  string `json:"name"`
	Title string `json:"title"`
	Place string `json:"place"`
	Date  string `json:"date"`
}

// Labels are localised words renderers need around the content.
type Labels struct {
	Annex       string `json:"annex"`    // "Vedlegg" / "Annex"
	Page        string `json:"page"`     // "Side" / "Page"
	Of          string `json:"of"`       // "av" / "of"
	Contents    string `json:"contents"` // "Innhold" / "Contents"
	Name        string `json:"name"`     // signature block labels
	JobTitle    string `json:"job_title"`
	Place       string `json:"place"`
	Date        string `json:"date"`
	Signature   string `json:"signature"`
	Fingerprint string `json:"fingerprint"` // "Fingeravtrykk" / "Fingerprint"
	Library     string `json:"library"`     // "Klausulbibliotek" / "Clause library"
	Parties     string `json:"parties"`     // "Parter" / "Parties"
	Signatures  string `json:"signatures"`  // "Underskrifter" / "Signatures"
	ClauseList  string `json:"clause_list"` // "Klausuler i denne avtalen"
}

// Meta identifies what the document was built from.
type Meta struct {
	LibraryVersion   string      `json:"library_version"`
	DPAVersion       string      `json:"dpa_version"`
	Fingerprint      string      `json:"fingerprint"`       // sha256 hex of answers + library version
	FingerprintShort string      `json:"fingerprint_short"` // first 12 hex digits
	Date             string      `json:"date"`              // YYYY-MM-DD: agreement date, else DefaultDate
	Author           string      `json:"author"`            // the controller's name, for PDF/DOCX properties
	Subject          string      `json:"subject"`
	Keywords         []string    `json:"keywords"`
	Clauses          []ClauseRef `json:"clauses"`          // every clause in order, id@version
	Source           string      `json:"source,omitempty"` // answers file name
}

// ClauseRef names one clause version in the document.
type ClauseRef struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	Number  string `json:"number"`
}

// Coverage says which clauses cover one requirement in this document.
type Coverage struct {
	Key        string   `json:"key"`
	Applicable bool     `json:"applicable"`
	Clauses    []string `json:"clauses"` // clause numbers
	Source     string   `json:"source,omitempty"`
}

// Finding is a validation result.
type Finding struct {
	Severity string `json:"severity"` // error | warning | info
	Code     string `json:"code"`
	Path     string `json:"path"`
	Message  string `json:"message"`
}

// AllClauses returns every clause of the document in reading order,
// sections first, then annexes.
func (d *Document) AllClauses() []*Clause {
	var out []*Clause
	for i := range d.Sections {
		for j := range d.Sections[i].Clauses {
			out = append(out, &d.Sections[i].Clauses[j])
		}
	}
	for i := range d.Annexes {
		for j := range d.Annexes[i].Clauses {
			out = append(out, &d.Annexes[i].Clauses[j])
		}
	}
	return out
}
