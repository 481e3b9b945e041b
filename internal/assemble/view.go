package assemble

import (
	"strings"

	"github.com/dpa-no/dpa/internal/rules"
)

// Value markers: every value from the answers is wrapped in these private-use
// characters when a clause template prints it, so that the block parser
// never reads structure (list markers, headings, blank lines) into a value.
// They are removed before the text reaches the document model.
const (
	mOpen  = '\uE000'
	mClose = '\uE001'
)

// T is one text value from the answers. Printed in a template it yields the
// value, or in its absence the fill-in blank ("[Databehandlers navn]").
type T struct {
	V     string
	Blank string
}

// String prints the value (or blank), protected from structure parsing.
func (t T) String() string {
	v := strings.TrimSpace(t.V)
	if v == "" {
		v = t.Blank
	}
	return string(mOpen) + data(v) + string(mClose)
}

// data neutralises private-use characters in a value (the loader refuses
// them; this holds for answers from elsewhere too), so that a value can
// never close its markers and open structure.
func data(v string) string {
	if !strings.ContainsFunc(v, isPrivateUse) {
		return v
	}
	return strings.Map(func(r rune) rune {
		if isPrivateUse(r) {
			return '\uFFFD'
		}
		return r
	}, v)
}

func isPrivateUse(r rune) bool { return r >= 0xE000 && r <= 0xF8FF }

// Set reports whether the value is given.
func (t T) Set() bool { return strings.TrimSpace(t.V) != "" }

// Plain is the value without protection, for comparisons.
func (t T) Plain() string { return strings.TrimSpace(t.V) }

// L is a list of text values from the answers.
type L struct {
	Items []string
	Blank string
	and   string
	// phrases: the items are phrases with their own commas (relative
	// clauses): a comma also before the last "og" / "and" (joinPhrases).
	phrases bool
}

// Join joins the items as a sentence: "a, b og c" / "a, b and c".
func (l L) Join() string {
	var items []string
	for _, s := range l.Items {
		if s = strings.TrimSpace(s); s != "" {
			items = append(items, s)
		}
	}
	out := l.Blank
	switch {
	case len(items) == 0:
	case l.phrases:
		out = joinPhrases(items, l.and)
	default:
		out = joinAnd(items, l.and)
	}
	return string(mOpen) + data(out) + string(mClose)
}

// String is Join.
func (l L) String() string { return l.Join() }

// Len is the number of items.
func (l L) Len() int { return len(l.Items) }

// Set reports whether the list has items.
func (l L) Set() bool { return len(l.Items) > 0 }

// Each returns the items as protected values, for {{range}}.
func (l L) Each() []T {
	out := make([]T, len(l.Items))
	for i, s := range l.Items {
		out[i] = T{V: s, Blank: l.Blank}
	}
	return out
}

// View is the data that clause templates see as ".". Every text value is a
// T or L; numbers are the effective terms after defaults; booleans and codes
// are for {{if}}. Field names are documented in clauses/README.md.
type View struct {
	Lang string

	// The derived facts (Draft, ThirdCountryTransfer, Health, RiskLevel,
	// PatientData, RestrictedTransfer, ...): the values conditions see.
	rules.Flags

	Agreement  AgreementV
	Controller PartyV
	Processor  ProcessorV
	Service    ServiceV
	Processing ProcessingV
	Risk       RiskV
	Terms      TermsV
	Security   SecurityV

	Locations       []LocationV
	BackupLocations []LocationV // locations with role backup or disaster_recovery, or (no role) whose purpose names backup, disaster recovery or reserve
	// BackupSubprocessors are the subprocessors whose service names backup
	// or disaster recovery: where no location is a backup site, the backup
	// clause names them and their countries.
	BackupSubprocessors []SubprocessorV
	// BackupLocationBlank is the blank for the backup site in a draft.
	BackupLocationBlank T
	StorageCountries    L // localised names of all storage countries
	AccessCountries     L // localised names of the processor's access countries
	Subprocessors       []SubprocessorV
	HasSubprocessors    bool

	// Derived facts of the view's own.
	RiskLevelName     string // localised
	Destinations      []DestinationV
	AffiliatedParties L
	AdequacyChecked   string // date the adequacy list was last checked

	// The controller (rules/drafting.go).
	PublicBody      bool // controller.public_body is true
	PublicBodyKnown bool // controller.public_body is answered
	// PublicBodyBlank and PublicBodyArchiveBlank are the choices a draft
	// shows where controller.public_body is not answered: a paragraph or
	// words that apply only to a public body, to keep or delete, instead of
	// a conditional statement of law (finding A-25).
	PublicBodyBlank        T
	PublicBodyArchiveBlank T
	// Translations is true when translations[] gives at least one pair;
	// TypedLang is the language the free-text values are typed in (nb, en).
	Translations bool
	TypedLang    string
	// ArchiveAbroad is controller.archive_abroad as answered; ArchiveAct
	// and ArchiveAuthority cite the archives act in force at the agreement
	// date and its archives authority (rules.ArchiveActAt).
	ArchiveAbroad       string
	ArchiveConsentRef   T
	ArchiveCopyLocation T
	ArchiveAct          string
	ArchiveAuthority    string
	ArchiveDeposit      string // the rules on deposit (avlevering og deponering)
	// ArchiveCountries are the countries other than Norway where data is
	// stored (locations and subprocessors' locations).
	ArchiveCountries L
	// ArchiveWholly: no data is stored in Norway (the clause says
	// «helt», otherwise «delvis», utenfor Norge).
	ArchiveWholly bool
	// ArchiveCopyHeldBy, ArchiveCopyFormat and ArchiveCopyInterval are the
	// copy in Norway of archive_abroad copy_in_norway: who holds it
	// (controller, processor or "" not answered), the delivery format
	// (controller), and the longest lag in hours (a blank while not
	// answered). ArchiveCopySites are the locations in Norway, where the
	// processor keeps the copy when it holds it (rules.NorwayLocations).
	ArchiveCopyHeldBy    string
	ArchiveCopyFormat    string
	ArchiveCopyInterval  T
	ArchiveCopySites     []LocationV
	ArchiveCopySiteBlank T
	// ArchiveCopyDelivered: the processor delivers the copy to the
	// controller's archive system (a processing activity of annex A).
	ArchiveCopyDelivered bool

	// SubprocessorSCCTransfer is true when some subprocessor has SCCTransfer,
	// SubprocessorSCCOrBCRTransfer when some has SCCOrBCRTransfer.
	SubprocessorSCCTransfer      bool
	SubprocessorSCCOrBCRTransfer bool

	byParty map[string][]int // indices into Destinations by party name (T.Plain)

	// Country classes (rules.Flags has the rest): a Non-Adequate Country
	// has no adequacy decision for the recipient (the US without DPF).
	ForeignAuthority          bool // the foreign-authority-requests clause applies
	NonAdequateTerm           bool // the term "Non-Adequate Country" is defined and used
	EstablishedParties        L
	RestrictedCountries       L // names of the Non-Adequate Countries reached
	RestrictedAccessCountries L // names of the Non-Adequate Countries access is given from
	// Transfers: one entry per recipient and country, precomputed so that
	// templates range once (no nested ranges over destinations).
	Transfers             []TransferV
	BCRInUse              bool // "bcr" is among the transfer bases in use (the transfer-bcr clause applies)
	OwnStaffTransfers     bool // some entry is reached by a party's own staff
	UnidentifiedTransfers bool // some entry names no recipient
	UnidentifiedCountries L    // names of the countries where nobody is named as recipient
	// ProcessorRestrictedSubs names the subprocessors that store or process
	// the data in a Non-Adequate Country.
	RestrictedProcessingSubprocessors L
	// RestrictedServiceSubprocessors: those of ServiceSubprocessors that
	// process the data in a Non-Adequate Country (not in the list above).
	RestrictedServiceSubprocessors L
	// DPFRecipients are the recipients in the US relying on DPF, once each.
	DPFRecipients L
	// AdequacyDecisions are the adequacy decisions the agreement relies on
	// as of its date, one per country, in the order the countries first
	// appear: destinations (storage, access, own staff, establishment) and
	// parent companies' countries whose decision keeps them out of the
	// Non-Adequate Countries.
	AdequacyDecisions []AdequacyV
	// DPFDecision cites the adequacy decision for the United States (EU-US
	// Data Privacy Framework) from the country data, as of the agreement date.
	DPFDecision string
	// KeyRegion is where processor-held keys are kept: "EØS" / "the EEA",
	// or the EEA or the processor's adequacy country of establishment.
	KeyRegion string
	// KeyHolderRestricted: the Processor holds the keys and is itself
	// established in a Non-Adequate Country.
	KeyHolderRestricted bool
	// ForeignLawCountries are the countries outside the EEA whose law can
	// reach an undertaking in the chain: where the Processor, a
	// Sub-processor or the parent of either is established, and where the
	// data is stored, processed or reached. USLaw: the United States is
	// among them.
	ForeignLawCountries L
	USLaw               bool
	// KeyBarParents names the parents established in a Non-Adequate
	// Country (the United States always counts), once each with the
	// Processor and Sub-processors they own: "Example Cloud Inc., som er
	// morselskap til både A og B", or "morselskapet til C" where the parent
	// is not named (phrases, printed with a comma before the last "og");
	// KeyBarSubs the Sub-processors established in one.
	KeyBarParents L
	KeyBarSubs    L
	// SCCModule2: standard contractual clauses between the Parties (the
	// Processor is the importer); SCCModule3: between the Processor or a
	// Sub-processor and a Sub-processor.
	SCCModule2, SCCModule3 bool
	// TIAUSLaw: the law of the United States reaches a recipient in a
	// Non-Adequate Country (destination, establishment or parent).
	TIAUSLaw bool
	// ProcessorImporter: the Processor itself receives or reaches the data
	// in a Third Country as an undertaking established there (the data
	// importer), in ProcessorImportCountries; SubprocessorImporter: a
	// Sub-processor does.
	ProcessorImporter        bool
	ProcessorImportCountries L
	SubprocessorImporter     bool
	// EstablishedIn states, for each party established or with a parent
	// outside the EEA, the country whose law reaches it: "Alpen Archiv AG
	// is established in Switzerland", "X has its parent company in the
	// United States".
	EstablishedIn L
	// EstablishedFacts is what EstablishedIn states, grouped by undertaking
	// and parent so that no undertaking is named twice, as complete
	// sentences: "Example Cloud Inc. er etablert i USA og er morselskap til
	// Example Cloud Ireland Ltd (Irland) og Example Cloud India Pvt Ltd
	// (India)." EstablishedCount is the number of undertakings it names;
	// EstablishedParents: it states a parent (the law of the parent's
	// country reaches the subsidiaries through it).
	EstablishedFacts   T
	EstablishedCount   int
	EstablishedParents bool
	// EstablishedLawCountries are the countries of EstablishedIn, once each.
	EstablishedLawCountries L
	// EstablishedEEAStorage: some party of EstablishedIn stores Personal
	// Data in the EEA (the law of its country reaches data stored here);
	// EstablishedAdequacy: a country of EstablishedIn has an adequacy
	// decision (its law reaches the party all the same).
	EstablishedEEAStorage, EstablishedAdequacy bool
	// OtherLawCountries are the ForeignLawCountries not in
	// EstablishedLawCountries: where the data is only stored, processed or
	// reached.
	OtherLawCountries L
	// CompelLaws names, for each country of EstablishedIn whose country
	// data lists them, the laws under which its authorities may demand or
	// obtain access ("Authorities of the United States may ... under,
	// among others, section 702 ...").
	CompelLaws L
	// OwnRegimes states, for the Processor and each Sub-processor
	// established in a third country with an adequacy decision, that it is
	// subject to that country's data protection law and supervisor, named
	// from the country data where known.
	OwnRegimes []OwnRegimeV
	// GroupFacts: the answers show a group, i.e. the Processor or a
	// Sub-processor has a parent company (parent_country or parent_name),
	// or is established in a Non-Adequate Country or the United States, or
	// the supplier is not yet known (a tender draft): only then does the
	// foreign-authority clause bind parents and group companies and ask for
	// the confirmation on group companies (finding R5A-5).
	GroupFacts bool
	// SafeguardsInPlay: a transfer relies, or in a draft may come to rely,
	// on article 46 or 47 with an assessment and supplementary measures (a
	// Non-Adequate Country is reached, or the draft's transfer position
	// permits safeguards or is open): only then do the texts speak of data
	// importers, transfer impact assessments and supplementary measures
	// (findings R5A-7, R5A-22).
	SafeguardsInPlay bool
	// NoTransfersPosition: a draft in which the Controller permits no
	// Third-Country Transfer (processing.third_country_transfers: none).
	NoTransfersPosition bool
	// KeyServiceListed: annex C lists the key service (keys not held by
	// the Controller, operator and country answered).
	KeyServiceListed bool
	// EEAForeignParents names the Processor and Sub-processors established
	// in the EEA whose parent is established outside it, with the parent's
	// country ("Example Cloud Ireland Ltd (parent company in the United
	// States)"): no chapter V transfer, but the risk assessment covers
	// access under the parent's law (EDPB Guidelines 05/2021).
	EEAForeignParents L
	// ServiceSubprocessors names the Sub-processors that process the data
	// outside the EEA for their own, narrower service (rules.Facts).
	ServiceSubprocessors L
	// AccessSchemes: some access from a Non-Adequate Country is approved
	// as a scheme in annex C (per-task approval applies outside it).
	AccessSchemes bool
	// UrgentApprover: annex F names who holds the Controller's authority
	// to approve urgent access from a Non-Adequate Country orally
	// (controller.urgent_access_approver), or shows a blank for it in a
	// tender draft; false: annex F states that no one holds it yet.
	UrgentApprover bool
}

// TransferV is one recipient and country (rules.Transfer) for templates.
type TransferV struct {
	Recipient     T // the legal entity receiving or reaching the data
	IsProcessor   bool
	OwnStaff      bool // the party's own employees: no transfer to another undertaking
	Unidentified  bool // nobody named (a finding; shown as a blank in drafts)
	Exporter      T    // for an unidentified recipient: the party that reaches the country
	Country       string
	CountryName   T
	KindsText     string // "lagring eller behandling og fjerntilgang ..."
	OnBehalf      L      // other parties whose data reaches this recipient there
	ExporterName  T      // the first of OnBehalf, or empty
	ExporterIsSub bool   // the exporter is a subprocessor (else the Processor)
	Basis         string
	BasisName     string
	Adequate      bool
	Restricted    bool
	SCC, BCR, DPF bool // basis in use for this recipient and country
	TIADone       bool
	TIADate       T      // formatted date, or empty
	TIAText       string // localised status for annexes
	// LawsText names the countries whose law the assessment for this
	// recipient and country must cover (rules.Transfer.Laws), localised:
	// "India og USA (der morselskapet er etablert)".
	LawsText string
	// Scheme: routine access from this Non-Adequate Country under an
	// access scheme approved in annex C; SchemeRoles its roles and tasks,
	// SchemeContent whether it includes access to content.
	Scheme          bool
	SchemeRoles     T
	SchemeContent   bool
	ProcessorAbroad bool // the Processor itself is established outside the EEA
}

// AgreementV is agreement.*.
type AgreementV struct {
	Reference     T
	MainAgreement T // the main agreement's name, blank "[Hovedavtalen]" when absent
	HasMain       bool
	Date          T
	Place         T
	NormenVersion T // blank-free: the version in force at signing when absent
}

// PartyV is controller.*.
type PartyV struct {
	Name, OrgNumber, Address  T
	ContactName, ContactEmail T
	ContactPhone              T
	SignatoryName             T
	SignatoryTitle            T
	// ContactSet: a contact person for the Agreement is given (name,
	// e-mail or phone); DPOSet: a data protection officer is given.
	ContactSet, DPOSet bool
}

// ProcessorV is processor.*.
type ProcessorV struct {
	PartyV
	ForeignID         T
	Country           string // code
	CountryName       T
	ParentCountry     string
	ParentCountryName T
	ParentName        T // the parent company's legal name, where given
	TransferBasis     string
	TransferBasisName string
	DPFCertified      bool
	// DPFStated: dpf_certified is answered (true or false); absent is not
	// an answered no.
	DPFStated bool
	TIADone   bool
	// Transfer groupings of the destinations whose party is the processor's
	// name (see SubprocessorV).
	Established      bool // established in a third country
	SCCTransfer      bool // a destination without adequacy, and the basis is scc
	SCCOrBCRTransfer bool // a destination without adequacy, and the basis is scc or bcr
}

// ServiceV is service.*: the codes conditions see, and their names.
type ServiceV struct {
	rules.Service     // Model (saas | paas | iaas), Deployment (private | community | public | hybrid)
	Name, Description T
	ModelName         string // localised, e.g. "programvare som tjeneste (SaaS)"
	DeploymentName    string // localised, e.g. "allmenn sky"
	HybridParts       L      // hybrid cloud: localised names of the kinds of cloud of its parts
	HybridPublic      bool   // hybrid cloud with a public part
}

// ProcessingV is processing.*.
type ProcessingV struct {
	Purposes, Activities, DataSubjects, DataCategories L
	SpecialCategories                                  L // localised names
	Duration                                           T
	Volume                                             string
	// ThirdCountryTransfers is the controller's transfer position as
	// answered (none, adequacy_only, with_safeguards or "").
	ThirdCountryTransfers string
	// TransferPosition is always a blank: the choice of position, printed
	// by clause transfer-position where the answer is missing.
	TransferPosition T
}

// RiskV is risk.*: the answers conditions see, and the manufacturer's name.
type RiskV struct {
	rules.Risk             // PatientRecord, RemoteMonitoring, ..., DeviceManufacturer (processor | controller | third_party | none | "")
	DeviceManufacturerName T
	// HealthRegisterRegulation is risk.health_register_regulation: the
	// register's regulation by title, date and number (blank when absent).
	HealthRegisterRegulation T
	// HealthRegisterControllerProvision is
	// risk.health_register_controller_provision: the provision of the
	// regulation that designates the controller (empty when absent).
	HealthRegisterControllerProvision T
	// HealthRegisterControllerSection is the section of the register's
	// regulation named in that provision, in the agreement's language
	// ("§ 1-4", "section 1-4"), so that clause health-register cites it by
	// the defined term of clause 2.1 ("Registerforskriften § 1-4"); empty
	// when the provision names no single section of a regulation (then the
	// provision is printed as given).
	HealthRegisterControllerSection T
}

// TermsV is terms.* after defaults by risk level: the values conditions
// see (rules.Terms; a new term is declared there), with the free-text
// terms as protected values and the audit frequency in words.
type TermsV struct {
	rules.Terms
	AuditFrequencyText string // localised: "minst én gang per år"
	ReturnFormat       T      // agreed format; blank-free default wording when absent
	LiabilityCap       T      // blank "[ansvarsgrense]" when absent
}

// SecurityV is security.* after defaults (rules.Security), with the key
// holder in words.
type SecurityV struct {
	rules.Security
	KeysHeldByText string // localised
	// The key service (security.key_service) where the Controller does not
	// hold the keys itself: its operator, whether that is a listed
	// Sub-processor, its country and the countries it can be reached from
	// for operation and administration.
	KeyServiceSet            bool // operator and country are answered
	KeyServiceOperator       T
	KeyServiceBySubprocessor bool
	// KeyOperatorControlledFrom is the country of the key service
	// operator's parent where it is outside the EEA and not adequate (the
	// United States always counts); empty otherwise.
	KeyOperatorControlledFrom T
	KeyServiceCountry         T
	KeyServiceAccessCountries L
}

// LocationV is one location.
type LocationV struct {
	Purpose, Address, Operator T
	Role                       string // locations[].role as answered
	Country                    string
	CountryName                T
	InEEA                      bool
}

// OwnRegimeV is a party subject to the data protection regime of the
// adequacy country where it is established.
type OwnRegimeV struct {
	Party, Country, Law, Supervisor string
}

// SubprocessorV is one subprocessor.
type SubprocessorV struct {
	Name, Service              T
	Country, ParentCountry     string
	CountryName                T
	ParentCountryName          T
	ParentName                 T // the parent company's legal name, where given
	Locations, AccessCountries L // localised names
	TransferBasis              string
	TransferBasisName          string
	DPFCertified, TIADone      bool
	// DPFStated: dpf_certified is answered (true or false); absent is not
	// an answered no.
	DPFStated bool
	// Transfer groupings, precomputed so that templates need not range over
	// the destinations inside a range over the subprocessors: over the
	// destinations whose party is this subprocessor's name.
	Established      bool // one of them is an establishment
	SCCTransfer      bool // one of them has no adequacy, and this subprocessor's basis is scc
	SCCOrBCRTransfer bool // one of them has no adequacy, and the basis is scc or bcr
}

// DestinationV is one third-country destination.
type DestinationV struct {
	Party       T
	Country     string
	CountryName T
	Kind        string // establishment | storage | access
	KindText    string // localised
	BasisName   string // localised basis
	Adequate    bool

	// Groupings over the destinations of the same party (by name),
	// precomputed so that templates need not range over the destinations
	// inside a range over the destinations.
	EstablishedIn *T     // the country the party is established in (its last establishment destination); nil when none
	PartyHasOther bool   // the party has a storage or access destination
	Repeat        bool   // an earlier storage or access destination has the same party and country (this one is not)
	MoreKindText  string // of a storage or access destination: KindText of the last later one with the same party and country
	FirstAdequate bool   // an adequate destination, and no earlier adequate one has the same party and country
}

// AdequacyV is one adequacy decision the agreement relies on.
type AdequacyV struct {
	Country  string // ISO code
	Name     string // the country's bare name (tables)
	InText   string // the country's name in running text
	Decision string // the decision cited in full: "Commission Decision 2000/518/EC of 26 July 2000, as amended by ..."
	Scope    string // the recipients it covers, where only some ("" otherwise)
}
