package rules

import (
	"strings"

	"github.com/dpa-no/dpa/internal/answers"
)

// ArchiveAct is the archives act that governs storing a public body's
// archive material outside Norway at a date: a dated legal fact, kept as
// data here (one table), never as strings in clauses or messages.
type ArchiveAct struct {
	// From is the date (YYYY-MM-DD) the act entered into force.
	From string `json:"from"`
	// ID names the act in tests and JSON: "arkivlova-1992", "arkivlova-2025".
	ID string `json:"id"`
	// Cite is the reference to the provision on storage abroad, in the
	// agreement's wording, per language.
	CiteNB string `json:"cite_nb"`
	CiteEN string `json:"cite_en"`
	// Deposit cites the rules on transfer and deposit of archive material
	// with an archive repository (avlevering og deponering), per language.
	DepositNB string `json:"deposit_nb"`
	DepositEN string `json:"deposit_en"`
	// Authority is the archives authority that gives consent, per language.
	AuthorityNB string `json:"authority_nb"`
	AuthorityEN string `json:"authority_en"`
}

// ArchiveActsChecked is the date the table below was last checked.
const ArchiveActsChecked = "2026-12-02"

// archiveActs, oldest first. Sources:
//   - lov 4. desember 1992 nr. 126 om arkiv (arkivlova), in force
//     1 January 1999; § 9 bokstav b: archive material may not be taken out
//     of the country without the National Archivist's (Riksarkivaren)
//     consent, unless that is a necessary part of the administrative or
//     legal use of the documents.
//   - lov 20. juni 2025 nr. 96 om dokumentasjon og arkiv (arkivlova), in
//     force 1 January 2026 and replacing the 1992 act; § 11 is headed
//     «Vilkår for utførsle og lagring av arkiv utanfor Noreg», § 14
//     «Avlevering, overføring og deponering av arkiv til langtidsbevaring»
//     (headings from the act's table of contents). Arkivverket
//     is named Nasjonalarkivet under the new act (§ 4). The wording of the
//     conditions in § 11 was not verified when this table was written: the
//     agreement cites the section by its subject, not its content.
var archiveActs = []ArchiveAct{
	{
		From: "1999-01-01", ID: "arkivlova-1992",
		CiteNB:      "arkivlova (lov 4. desember 1992 nr. 126) § 9 bokstav b",
		CiteEN:      "section 9(b) of the Archives Act (arkivlova, Act of 4 December 1992 No. 126)",
		DepositNB:   "arkivlova (lov 4. desember 1992 nr. 126) med forskrifter",
		DepositEN:   "the Archives Act (arkivlova, Act of 4 December 1992 No. 126) and its regulations",
		AuthorityNB: "Riksarkivaren", AuthorityEN: "the National Archivist (Riksarkivaren)",
	},
	{
		From: "2026-01-01", ID: "arkivlova-2025",
		CiteNB:      "arkivlova (lov 20. juni 2025 nr. 96 om dokumentasjon og arkiv) § 11",
		CiteEN:      "section 11 of the Archives Act (arkivlova, Act of 20 June 2025 No. 96 on documentation and archives)",
		DepositNB:   "arkivlova (lov 20. juni 2025 nr. 96 om dokumentasjon og arkiv) § 14 med forskrifter",
		DepositEN:   "section 14 of the Archives Act (arkivlova, Act of 20 June 2025 No. 96 on documentation and archives) and its regulations",
		AuthorityNB: "Nasjonalarkivet", AuthorityEN: "the National Archives of Norway (Nasjonalarkivet)",
	},
}

// ArchiveActAt is the act in force at date (YYYY-MM-DD); an empty or
// malformed date (an agreement dated at signing) takes the act in force
// when the table was checked, the act an agreement signed now is under.
func ArchiveActAt(date string) ArchiveAct {
	if len(date) != 10 {
		date = ArchiveActsChecked
	}
	out := archiveActs[0]
	for _, a := range archiveActs {
		if a.From <= date {
			out = a
		}
	}
	return out
}

// Cite is the act's citation in lang ("nb" or "en").
func (a ArchiveAct) Cite(lang string) string {
	if lang == "en" {
		return a.CiteEN
	}
	return a.CiteNB
}

// Deposit is the citation of the rules on deposit in lang.
func (a ArchiveAct) Deposit(lang string) string {
	if lang == "en" {
		return a.DepositEN
	}
	return a.DepositNB
}

// Authority is the archives authority in lang.
func (a ArchiveAct) Authority(lang string) string {
	if lang == "en" {
		return a.AuthorityEN
	}
	return a.AuthorityNB
}

// storageOutsideNorway reports whether any data is stored outside Norway:
// a location (storage, backup, disaster recovery or any other purpose) or
// a subprocessor's location in another country, inside the EEA or not.
// Remote access is not storage.
func storageOutsideNorway(a *answers.Answers) bool {
	abroad := func(c string) bool {
		c = strings.TrimSpace(c)
		return c != "" && c != "NO"
	}
	for _, l := range a.Locations {
		if abroad(l.Country) {
			return true
		}
	}
	for _, s := range a.Subprocessors {
		for _, c := range s.Locations {
			if abroad(c) {
				return true
			}
		}
	}
	return false
}

// ArchiveAbroadValues are the answers to controller.archive_abroad.
var ArchiveAbroadValues = []string{"not_archive", "necessary_administration", "regulation", "consent", "copy_in_norway"}

// countriesOutsideNorway are the countries other than Norway where data is
// stored (locations, then subprocessors' locations), each once.
func countriesOutsideNorway(a *answers.Answers) []string {
	var out []string
	seen := map[string]bool{}
	add := func(c string) {
		c = strings.TrimSpace(c)
		if c != "" && c != "NO" && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	for _, l := range a.Locations {
		add(l.Country)
	}
	for _, s := range a.Subprocessors {
		for _, c := range s.Locations {
			add(c)
		}
	}
	return out
}

// CountriesOutsideNorway is countriesOutsideNorway for the view.
func CountriesOutsideNorway(a *answers.Answers) []string { return countriesOutsideNorway(a) }

// ArchiveExtractValues are the answers to terms.archive_extract.
var ArchiveExtractValues = []string{"noark5", "other", "none"}

// NorwayLocations are the indexes of the locations in Norway: where the
// processor keeps the copy in Norway of archive_abroad copy_in_norway when
// it holds the copy itself (archive_copy_held_by processor), so that the
// copy site is a location of clause 8.1 and annex C.
func NorwayLocations(a *answers.Answers) []int {
	var out []int
	for i, l := range a.Locations {
		if strings.TrimSpace(l.Country) == "NO" {
			out = append(out, i)
		}
	}
	return out
}

// WhollyOutsideNorway reports whether no data is stored in Norway: no
// location and no subprocessor location in Norway, and at least one
// abroad. Otherwise the data stored outside Norway is stored partly
// outside Norway.
func WhollyOutsideNorway(a *answers.Answers) bool {
	if !storageOutsideNorway(a) {
		return false
	}
	if len(NorwayLocations(a)) > 0 {
		return false
	}
	for _, s := range a.Subprocessors {
		for _, c := range s.Locations {
			if strings.TrimSpace(c) == "NO" {
				return false
			}
		}
	}
	return true
}

// ArchiveCopyHeldByValues and ArchiveCopyFormatValues are the answers to
// controller.archive_copy_held_by and controller.archive_copy_format.
var (
	ArchiveCopyHeldByValues = []string{"controller", "processor"}
	ArchiveCopyFormatValues = []string{"noark5", "agreed_integration"}
)
