// Package law holds the one table of statutory citations that the clause
// library may use for the Norwegian acts whose section numbers are easy to
// get wrong: pasientjournalloven, helseregisterloven, helsepersonelloven,
// forvaltningsloven and arkivlova.
//
// Every «§ N» (and every English "section N of the … Act") that a clause
// cites for one of these acts must have a row here (TestClauseCitesInTable),
// and each row says whether the section was checked against a source and
// which. An unchecked row is visible as Verified: false: it is a cite to
// check on Lovdata before release, not a cite known to be right.
//
// Where a section could not be confirmed and the text does not need the
// number, clauses name the act without a section (for example the
// prohibition of unjustified access to health data in the Health
// Registries Act, finding B-6); such cites need no row.
package law

// Act identifies one act, by its short title as the clauses write it.
type Act string

// The acts the table covers.
const (
	PasientjournalLoven Act = "pasientjournalloven" // LOV-2014-06-20-42
	HelseregisterLoven  Act = "helseregisterloven"  // LOV-2014-06-20-43
	HelsepersonellLoven Act = "helsepersonelloven"  // LOV-1999-07-02-64
	ForvaltningsLoven   Act = "forvaltningsloven"   // LOV-1967-02-10
	ArkivLova           Act = "arkivlova"           // LOV-1992-12-04-126; LOV-2025-06-20-96
)

// Acts lists the acts in the order of the table, with the English names
// the clauses use.
var Acts = []struct {
	Act     Act
	English string
}{
	{PasientjournalLoven, "Patient Records Act"},
	{HelseregisterLoven, "Health Registries Act"},
	{HelsepersonellLoven, "Health Personnel Act"},
	{ForvaltningsLoven, "Public Administration Act"},
	{ArkivLova, "Archives Act"},
}

// Citation is one cited section.
type Citation struct {
	Act     Act
	Section string // "16", "21a"; the section only, without ledd or bokstav
	Content string // what the section is cited for, in short
	// Verified: the section number and its content were checked against
	// Source. false: cited from the drafters' knowledge, to be checked on
	// Lovdata before release.
	Verified bool
	Source   string
}

// Checked is the date the table was last reviewed.
const Checked = "2026-12-02"

// Table is the table of statutory citations, by act and section.
var Table = []Citation{
	{PasientjournalLoven, "2", "definisjoner (bokstav a: helseopplysninger)", false, "not checked against the text of the Act"},
	{PasientjournalLoven, "15", "taushetsplikt", false, "not checked against the text of the Act"},
	{PasientjournalLoven, "16", "forbud mot urettmessig tilegnelse av helseopplysninger", true,
		"section heading quoted «pasientjournalloven § 16. Forbud mot urettmessig tilegnelse av helseopplysninger» in public project documentation (search corpus code, find_string \"urettmessig tilegnelse av helseopplysninger\"), 2026-12-02"},
	{PasientjournalLoven, "17", "rett til å motsette seg behandling (tilgjengeliggjøring) av helseopplysninger", true,
		"section heading quoted «pasientjournalloven § 17. Rett til å motsette seg behandling av helseopplysninger» in the same project documentation, 2026-12-02"},
	{PasientjournalLoven, "18", "rett til informasjon om hvem som har hatt tilgang (logger)", false, "not checked against the text of the Act"},
	{PasientjournalLoven, "22", "informasjonssikkerhet", true,
		"Normen, Veileder i bruk av skytjenester til behandling av helse- og personopplysninger, kap. 1.4 («pasientjournalloven § 22 og helseregisterloven § 21 om informasjonssikkerhet»), /work/shared/sources/004_*"},
	{HelseregisterLoven, "17", "taushetsplikt, også for identitetsopplysninger", false,
		"not checked against the text of the Act (the reviewer of findings B confirmed it from knowledge, not from the text)"},
	{HelseregisterLoven, "21", "informasjonssikkerhet", true,
		"Normen, Veileder i bruk av skytjenester til behandling av helse- og personopplysninger, kap. 1.4, /work/shared/sources/004_*"},
	{HelsepersonellLoven, "21", "taushetsplikt (§ 21 flg.)", true,
		"Ot.prp. nr. 45 (2006–2007) kap. 3.2.1 («Alt helsepersonell har en yrkesmessig taushetsplikt, jf. helsepersonelloven § 21»), regjeringen.no, search corpus pages, 2026-12-02"},
	{ForvaltningsLoven, "13", "taushetsplikt (§ 13 flg.; første ledd nr. 2: drifts- og forretningsforhold)", false, "not checked against the text of the Act"},
	// arkivlova: the dated table of the archives acts (storage outside
	// Norway) is kept by the archive rule (internal/rules, branch archive);
	// these rows name the same sections so that a clause citing them is
	// covered here too.
	{ArkivLova, "9", "1992-loven § 9 bokstav b: arkiv ut av landet (samtykke fra Riksarkivaren)", false, "archive helper's table (internal/rules/archive.go on branch archive); not checked against the text of the Act"},
	{ArkivLova, "11", "2025-loven § 11: vilkår for utførsle og lagring av arkiv utanfor Noreg", false, "archive helper's table (heading checked there, wording of the conditions not verified)"},
}

// Lookup returns the row for act and section, if any.
func Lookup(act Act, section string) (Citation, bool) {
	for _, c := range Table {
		if c.Act == act && c.Section == section {
			return c, true
		}
	}
	return Citation{}, false
}
