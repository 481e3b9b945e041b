// Package doctest builds document models for renderer tests that must not
// depend on the clause library: a small realistic agreement and stress cases
// (very long fields and names, hundreds of table rows, every letter that
// must survive).
package doctest

import (
	"fmt"
	"strings"

	"github.com/dpa-no/dpa/internal/doc"
)

// Letters holds the characters every renderer must keep.
const Letters = "æøå ÆØÅ á č đ ŋ š ŧ ž Á Č Đ Ŋ Š Ŧ Ž « » – — € §"

// Sample returns a small but complete agreement.
func Sample(draft bool) *doc.Document {
	d := &doc.Document{
		Lang:     "nb",
		Title:    "Databehandleravtale",
		Subtitle: "Journalsystem som tjeneste",
		Draft:    draft,
		TitleBlock: doc.TitleBlock{
			Rows: []doc.KV{{Label: "Referanse", Value: "2026/1234"}, {Label: "Hovedavtale", Value: "SSA-L 2018"}, {Label: "Dato", Value: "22. november 2026"}},
			Parties: []doc.Party{
				party("Behandlingsansvarlig", "Helse Vestby HF", "310 000 019", "Postboks 1, 1540 Vestby", "Kari Nordmann, kari@example.no, +47 22 00 00 00"),
				party("Databehandler", "Skyleverandør AS", "310 000 027", "Datasenterveien 1, 0001 Oslo", "Per Hansen, per@example.com"),
			},
		},
		Labels: doc.Labels{Annex: "Vedlegg", Page: "Side", Of: "av", Contents: "Innhold", Name: "Navn", JobTitle: "Stilling", Place: "Sted", Date: "Dato", Signature: "Underskrift", Fingerprint: "Fingeravtrykk", Library: "Klausulbibliotek", Parties: "Parter", Signatures: "Underskrifter", ClauseList: "Klausuler i denne avtalen"},
		Meta:   doc.Meta{LibraryVersion: "2026.11.0", DPAVersion: "0.1.0", Fingerprint: strings.Repeat("ab12", 16), FingerprintShort: "ab12ab12ab12", Date: "2026-11-22", Author: "Helse Vestby HF", Subject: "Databehandleravtale for Journalsystem som tjeneste", Keywords: []string{"databehandleravtale", "SaaS"}},
	}
	if draft {
		d.DraftMark = "UTKAST"
	}
	d.Sections = []doc.Section{
		{ID: "parties", Number: "1", Title: "Parter og bakgrunn", Clauses: []doc.Clause{
			{ID: "background", Version: 1, Number: "1.1", Title: "Bakgrunn", Blocks: []doc.Block{
				{Kind: doc.Paragraph, Text: "Denne avtalen er et vedlegg til Hovedavtalen og regulerer Databehandlers behandling av Personopplysninger på vegne av Behandlingsansvarlig, jf. personvernforordningen art. 28."},
				{Kind: doc.Paragraph, Text: "Sámi letters: " + Letters},
			}},
		}},
		{ID: "security", Number: "2", Title: "Informasjonssikkerhet", Clauses: []doc.Clause{
			{ID: "backup-restore", Version: 2, Number: "2.1", Title: "Sikkerhetskopiering og gjenoppretting", Blocks: []doc.Block{
				{Kind: doc.Paragraph, Text: "Databehandler skal ta sikkerhetskopi av alle Personopplysninger minst daglig."},
				{Kind: doc.Bullets, Items: []string{"sikkerhetskopier lagres i Norge", "gjenoppretting testes minst hvert kvartal", "gjenoppretting skal kunne skje innen 24 timer"}},
				{Kind: doc.Numbered, Items: []string{"første punkt", "andre punkt"}},
				{Kind: doc.Subhead, Text: "Logger"},
				{Kind: doc.Paragraph, Text: "Logger er en del av pasientjournalen."},
			}},
		}},
	}
	d.Signatures = doc.Signatures{Intro: "Avtalen er undertegnet i to eksemplarer, ett til hver part.", Parties: []doc.Signatory{
		{Role: "For Behandlingsansvarlig", Party: "Helse Vestby HF", Name: "Ola Nordmann", Title: "Administrerende direktør", Place: "Oslo"},
		{Role: "For Databehandler", Party: "Skyleverandør AS"},
	}}
	d.Annexes = []doc.Annex{
		{ID: "subprocessors", Letter: "B", Title: "Underdatabehandlere", Blocks: []doc.Block{
			{Kind: doc.Paragraph, Text: "Databehandler bruker disse Underdatabehandlerne:"},
			{Kind: doc.TableKind, Table: &doc.Table{Header: []string{"Navn", "Land", "Tjeneste", "Overføringsgrunnlag"}, Rows: [][]string{{"Example Cloud Ireland Ltd", "Irland (IE)", "IaaS-drift", "SCC"}}, Widths: []int{3, 2, 3, 2}}},
		}},
		{ID: "measures", Letter: "D", Title: "Tekniske og organisatoriske tiltak", Clauses: []doc.Clause{
			{ID: "measures-saas", Version: 1, Number: "D.1", Title: "Tiltak for SaaS", Blocks: []doc.Block{{Kind: doc.Paragraph, Text: "Kryptering i ro og under overføring."}}},
		}},
	}
	d.Meta.Clauses = []doc.ClauseRef{{ID: "background", Version: 1, Number: "1.1"}, {ID: "backup-restore", Version: 2, Number: "2.1"}, {ID: "measures-saas", Version: 1, Number: "D.1"}}
	return d
}

func party(role, name, org, addr, contact string) doc.Party {
	return doc.Party{Role: role, Name: name, OrgID: org, Address: addr, Contact: contact, Fields: []doc.KV{
		{Label: "Navn", Value: name}, {Label: "Organisasjonsnummer", Value: org}, {Label: "Adresse", Value: addr}, {Label: "Kontaktperson", Value: contact},
	}}
}

// Stress returns an agreement with a 10 000-character paragraph, a
// 300-character party name and a table of n subprocessors.
func Stress(n int) *doc.Document {
	d := Sample(true)
	long := strings.Repeat("Lang tekst med ord som ikke skal forsvinne: č đ ŋ ŧ. ", 200)[:10000]
	name := strings.Repeat("Svært Langt Foretaksnavn ", 12)[:300]
	d.TitleBlock.Parties[1].Name = name
	d.TitleBlock.Parties[1].Fields[0].Value = name
	d.Signatures.Parties[1].Party = name
	d.Sections[0].Clauses[0].Blocks = append(d.Sections[0].Clauses[0].Blocks, doc.Block{Kind: doc.Paragraph, Text: long})
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = []string{fmt.Sprintf("Underdatabehandler nr. %d AS", i+1), "Sverige (SE)", fmt.Sprintf("Tjeneste %d med en beskrivelse som går over flere linjer i en smal kolonne", i+1), "—"}
	}
	d.Annexes[0].Blocks[1].Table.Rows = rows
	return d
}
