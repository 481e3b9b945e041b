// Package rules derives facts from answers (EEA, adequacy, third-country
// transfer and affiliation, risk level, effective terms) and produces the
// findings of spec/answers.md. Clause and requirement conditions are
// evaluated against Env, which is built here.
package rules

import (
	"sort"
	"strconv"
	"strings"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/geo"
)

// Risk levels in ascending order.
var riskOrder = map[string]int{"low": 1, "medium": 2, "high": 3}

// Destination is one place outside the EEA that personal data reaches.
type Destination struct {
	Party     string `json:"party"`      // processor or subprocessor name
	PartyPath string `json:"party_path"` // "processor" or "subprocessors[1]"
	Country   string `json:"country"`
	Kind      string `json:"kind"`  // establishment | storage | access
	Basis     string `json:"basis"` // the importer's transfer_basis, or "adequacy" when covered by a decision
	Adequate  bool   `json:"adequate"`
	Path      string `json:"path"` // the answer field that names the country
	// Restricted: the country has no adequacy decision for the recipient
	// (a Non-Adequate Country; the United States without DPF certification).
	Restricted bool `json:"restricted"`
	// Recipient is the legal entity that receives or reaches the data in
	// the country, RecipientPath its answers path, and RecipientKind how it
	// was identified: "established" (the party itself or a listed
	// subprocessor is established there), "own_staff" (the party's own
	// employees, no transfer to another undertaking), or "" when nobody is
	// named (finding unidentified-recipient).
	Recipient     string `json:"recipient,omitempty"`
	RecipientPath string `json:"recipient_path,omitempty"`
	RecipientKind string `json:"recipient_kind,omitempty"`
}

// Transfer is one recipient and country: the destinations of every party
// that reach the same legal entity in the same country, grouped, in the
// order they first occur. An unidentified recipient is keyed by the party.
type Transfer struct {
	Recipient     string   `json:"recipient"`
	RecipientPath string   `json:"recipient_path"`
	RecipientKind string   `json:"recipient_kind"` // established | own_staff | "" (unidentified)
	Processor     bool     `json:"processor"`      // the recipient is the Processor
	Country       string   `json:"country"`
	Kinds         []string `json:"kinds"`                  // establishment, storage, access (each once)
	OnBehalfOf    []string `json:"on_behalf_of,omitempty"` // other parties whose destinations reach this recipient
	Exporter      string   `json:"exporter,omitempty"`     // the first party on whose behalf, else empty (the Controller or Processor)
	ExporterPath  string   `json:"exporter_path,omitempty"`
	Basis         string   `json:"basis"`
	Adequate      bool     `json:"adequate"`
	Restricted    bool     `json:"restricted"`
	TIADone       bool     `json:"tia_done"`
	TIADate       string   `json:"tia_date,omitempty"`
	// TIAPath is the answers field the date comes from: the exporter's
	// recipients[i].tia_date for this importer and country, else the
	// importer's tias[i].date for the country, else its tia_date.
	TIAPath string `json:"tia_path,omitempty"`
	// Laws are the countries outside the EEA whose law reaches the
	// recipient for this transfer and that the assessment must cover: the
	// country of destination, the recipient's own country of establishment
	// and the countries of its parent, each without an adequacy decision
	// for it (a parent in the United States always counts: its DPF status
	// is not known).
	Laws []Law `json:"laws,omitempty"`
	// Scheme is the approved access scheme for routine access from the
	// country (the recipient's, else the exporter's), SchemePath its
	// answers path; nil when access is approved per task.
	Scheme     *answers.AccessScheme `json:"scheme,omitempty"`
	SchemePath string                `json:"scheme_path,omitempty"`
	Path       string                `json:"path"` // the first answers path naming the country
}

// Law is one country whose law reaches a recipient, and why.
type Law struct {
	Country string `json:"country"`
	Role    string `json:"role"` // destination | establishment | parent
}

// Flags are the derived facts (answers.md) that clause conditions and
// clause templates both see, declared once: Facts, Env and assemble.View
// embed them. The expr tag is the condition name (a contract for outside
// libraries: add, never rename), the Go name the template field.
type Flags struct {
	Draft bool `json:"draft" expr:"draft"`
	// Tender: a draft where the processor is not known yet
	// (processor.name empty), a template for a competition. Only a tender
	// has wording addressed to tenderers, blank forms for the supplier's
	// facts and the Controller's open transfer position; every other draft
	// is a negotiation draft and renders the given facts as the final
	// agreement does.
	Tender                 bool `json:"tender" expr:"tender"`
	ThirdCountryTransfer   bool `json:"third_country_transfer" expr:"third_country_transfer"`
	ThirdCountryAffiliated bool `json:"third_country_affiliated" expr:"third_country_affiliated"`
	ThirdCountryAccess     bool `json:"third_country_access" expr:"third_country_access"`
	// RestrictedTransfer: a destination in a Non-Adequate Country, a third
	// country without an adequacy decision for the recipient (the United
	// States without DPF certification).
	RestrictedTransfer bool `json:"restricted_transfer" expr:"restricted_transfer"`
	// RestrictedAccess: remote access from a Non-Adequate Country.
	RestrictedAccess bool `json:"restricted_access" expr:"restricted_access"`
	// AdequacyTransfer: a destination covered by an adequacy decision.
	AdequacyTransfer bool `json:"adequacy_transfer" expr:"adequacy_transfer"`
	// ThirdCountryEstablished: a party or its parent is established
	// outside the EEA, adequacy countries included (its own authorities
	// may compel it).
	ThirdCountryEstablished bool `json:"third_country_established" expr:"third_country_established"`
	// ForeignAuthorityExposure: the duties on demands from foreign
	// authorities apply (established or with a parent outside the EEA, or
	// any destination outside the EEA).
	ForeignAuthorityExposure bool `json:"foreign_authority_exposure" expr:"foreign_authority_exposure"`
	// UnidentifiedRecipient: a third-country location or access country
	// has no named recipient.
	UnidentifiedRecipient bool `json:"unidentified_recipient" expr:"unidentified_recipient"`
	// RestrictedSubprocessorProcessing: a subprocessor stores or processes
	// the data (not only reaches it) in a Non-Adequate Country.
	RestrictedSubprocessorProcessing bool `json:"restricted_subprocessor_processing" expr:"restricted_subprocessor_processing"`
	// ThirdCountryServiceSubprocessor: a subprocessor that does not operate
	// a location of the Service stores or processes the data outside the
	// EEA (adequacy countries and certified US recipients included) for
	// its own, narrower service, such as sending notifications, e-mail or
	// SMS: it may receive only the data that service needs.
	ThirdCountryServiceSubprocessor bool `json:"third_country_service_subprocessor" expr:"third_country_service_subprocessor"`
	SpecialCategories               bool `json:"special_categories" expr:"special_categories"`
	// SpecialCategoriesAnswered: processing.special_categories is in the
	// file (an explicit [] is the answer "none"); absent is not "none".
	SpecialCategoriesAnswered bool     `json:"special_categories_answered" expr:"-"`
	Health                    bool     `json:"health_data" expr:"health"`
	SCCOrBCR                  bool     `json:"scc_or_bcr" expr:"scc_or_bcr"`
	TransferBases             []string `json:"transfer_bases,omitempty" expr:"transfer_bases"`
	RiskLevel                 string   `json:"risk_level" expr:"risk_level"` // low | medium | high

	// Kinds of health data and of cloud (drafting.go).
	// PatientData: health data in a patient record or in remote monitoring
	// of patients (the patient-law clauses follow this, not health alone).
	PatientData bool `json:"patient_data" expr:"patient_data"`
	// HealthRegister: health data in a register under the Health Registries Act.
	HealthRegister bool `json:"health_register" expr:"health_register"`
	// HealthSector: PatientData or HealthRegister (Normen applies).
	HealthSector bool `json:"health_sector" expr:"health_sector"`
	// PublicCloud: public cloud, or a hybrid cloud with a public part.
	PublicCloud bool `json:"public_cloud" expr:"public_cloud"`
	// StorageOutsideNorway: a location or a subprocessor's location is in
	// another country than Norway, inside the EEA or not (archive.go).
	StorageOutsideNorway bool `json:"storage_outside_norway" expr:"storage_outside_norway"`
	// HealthSectorUndecided: health data (or special categories not
	// answered) outside a known health-sector processing while
	// risk.patient_record, risk.health_register or risk.remote_monitoring
	// is not answered; the patient-law or register duties may apply.
	HealthSectorUndecided bool `json:"health_sector_undecided" expr:"health_sector_undecided"`
	// RetentionUndecided: a duty to retain the data may follow from an
	// answer not yet given (controller.public_body, or HealthSectorUndecided):
	// the exit clauses take the cautious reading (no deletion on a long-stop).
	RetentionUndecided bool `json:"retention_undecided" expr:"retention_undecided"`
}

// Facts are the derived facts of answers.md, plus the effective terms.
type Facts struct {
	Flags
	Transfers []Transfer `json:"transfers,omitempty"`
	// EstablishedParties are the parties established, or with a parent,
	// outside the EEA.
	EstablishedParties []string `json:"established_parties,omitempty"`
	// ServiceSubprocessors are the subprocessors of
	// ThirdCountryServiceSubprocessor, in the order of the answers.
	ServiceSubprocessors []string `json:"service_subprocessors,omitempty"`
	DerivedRiskLevel     string   `json:"derived_risk_level"`
	// RiskReasons are the facts the risk level rests on, as deriveRisk
	// used them (one source for the level, check and annex A).
	RiskReasons       []RiskReason  `json:"risk_reasons"`
	Destinations      []Destination `json:"destinations,omitempty"`
	AffiliatedParties []string      `json:"affiliated_parties,omitempty"`
	Terms             Terms         `json:"terms"`
	Security          Security      `json:"security"`

	// The controller (drafting.go); conditions see them as controller.*.
	PublicBody      bool `json:"public_body"`       // controller.public_body is true
	PublicBodyKnown bool `json:"public_body_known"` // controller.public_body is answered
	// ArchiveAct is the archives act in force at the agreement date
	// (archive.go), cited where a public body's archive is stored abroad.
	ArchiveAct ArchiveAct `json:"archive_act"`

	// schemeDefaults are the access schemes whose content answer is left
	// out (see schemeDefaults).
	schemeDefaults []Default
}

// Terms are terms.* after defaults by risk level and service model: the
// one type that conditions (Env.Terms, expr tags) and clause templates
// (assemble.TermsV embeds it) read, so that a new term is declared here
// once. Each default applied is recorded (Defaults reports them).
type Terms struct {
	BreachNoticeHours         int    `json:"breach_notice_hours" expr:"breach_notice_hours"`
	AuditFrequency            string `json:"audit_frequency" expr:"audit_frequency"`                       // yearly | biennial | on_request
	SubprocessorAuthorisation string `json:"subprocessor_authorisation" expr:"subprocessor_authorisation"` // specific | general
	SubprocessorNoticeDays    int    `json:"subprocessor_notice_days" expr:"subprocessor_notice_days"`
	// ReturnFormat is free text, not a condition value; empty: the clause
	// text uses a default wording.
	ReturnFormat        string `json:"return_format" expr:"-"`
	ReturnWithinDays    int    `json:"return_within_days" expr:"return_within_days"`
	DeletionWithinDays  int    `json:"deletion_within_days" expr:"deletion_within_days"`
	RestoreTimeHours    int    `json:"restore_time_hours" expr:"restore_time_hours"`
	BackupIntervalHours int    `json:"backup_interval_hours" expr:"backup_interval_hours"`
	ExitAccessDays      int    `json:"exit_access_days" expr:"exit_access_days"`
	// ArchiveExtract is terms.archive_extract as answered: noark5, other,
	// none, or "" (not answered; no default).
	ArchiveExtract string `json:"archive_extract" expr:"archive_extract"`
	// LiabilityCap is free text, not a condition value; empty: a blank in
	// the agreement.
	LiabilityCap string `json:"liability_cap" expr:"-"`

	defaults []Default
}

// Security is security.* after defaults, for conditions (Env.Security) and
// templates (assemble.SecurityV embeds it) alike.
type Security struct {
	EncryptionAtRest bool   `json:"encryption_at_rest" expr:"encryption_at_rest"`
	MFA              bool   `json:"mfa" expr:"mfa"`
	KeysHeldBy       string `json:"keys_held_by" expr:"keys_held_by"` // controller | processor | third_party_eea
	ISO27001         bool   `json:"iso27001" expr:"iso27001"`

	defaults []Default
}

// Default is one value the agreement uses because the answer was left out.
type Default struct {
	Path    string // the answers path, "terms.breach_notice_hours"
	Value   string // the value used, as written in the finding
	ValueID string // instead of Value: the message id of the value's wording
	Why     string // the reason, a message id under "default."
}

// Defaults by risk level.
var (
	defaultBreachHours = map[string]int{"low": 48, "medium": 36, "high": 24}
	// defaultAudit grows with the risk: the higher the risk, the stronger
	// the Controller's right (see AuditStrength).
	defaultAudit = map[string]string{"low": "biennial", "medium": "yearly", "high": "on_request"}
)

// AuditStrength orders the values of terms.audit_frequency by the
// strength of the Controller's right of audit (clause audits): one audit in
// two years without cause (biennial) < one a year (yearly) < as often as
// the Controller asks (on_request). Audits on cause (suspicion, breach,
// supervisory demand) come on top of every value. 0 for an unknown value.
func AuditStrength(v string) int {
	return map[string]int{"biennial": 1, "yearly": 2, "on_request": 3}[v]
}

// IsDraft reports whether the answers are a draft (status: draft).
func IsDraft(a *answers.Answers) bool { return a.Status == "draft" }

// IsTender reports whether a draft is a tender draft: the processor is not
// known (processor.name is empty). draft is the --draft flag.
func IsTender(a *answers.Answers, draft bool) bool {
	return (draft || IsDraft(a)) && strings.TrimSpace(a.Processor.Name) == ""
}

// Derive computes the facts. draft is true for status: draft or --draft.
func Derive(a *answers.Answers, draft bool) *Facts {
	f := &Facts{Flags: Flags{Draft: draft || IsDraft(a), Tender: IsTender(a, draft)}}
	f.Destinations = destinations(a)
	for _, d := range f.Destinations {
		f.ThirdCountryTransfer = true
		if d.Kind == "access" {
			f.ThirdCountryAccess = true
		}
		if d.Restricted {
			f.RestrictedTransfer = true
			if d.Kind == "access" {
				f.RestrictedAccess = true
			}
			if d.Kind == "storage" && d.RecipientPath != "processor" && d.RecipientPath != "" {
				f.RestrictedSubprocessorProcessing = true
			}
		} else {
			f.AdequacyTransfer = true
		}
		if d.RecipientKind == "" {
			f.UnidentifiedRecipient = true
		}
	}
	f.Transfers = Transfers(a, f.Destinations)
	f.ServiceSubprocessors = serviceSubprocessors(a, f.Destinations)
	f.ThirdCountryServiceSubprocessor = len(f.ServiceSubprocessors) > 0
	// Affiliation: country or parent country outside the EEA without an
	// adequacy decision; the United States always counts.
	affiliated := func(codes ...string) bool {
		for _, c := range codes {
			if c == "" || geo.InEEA(c) {
				continue
			}
			if c == "US" {
				return true
			}
			if _, ok := geo.DecisionOn(c, a.Agreement.Date); !ok {
				return true
			}
		}
		return false
	}
	established := func(codes ...string) bool {
		for _, c := range codes {
			if c != "" && geo.Valid(c) && !geo.InEEA(c) {
				return true
			}
		}
		return false
	}
	if affiliated(a.Processor.Country, a.Processor.ParentCountry) {
		f.ThirdCountryAffiliated = true
		f.AffiliatedParties = append(f.AffiliatedParties, a.Processor.Name)
	}
	if established(a.Processor.Country, a.Processor.ParentCountry) {
		f.ThirdCountryEstablished = true
		f.EstablishedParties = append(f.EstablishedParties, a.Processor.Name)
	}
	bases := map[string]bool{}
	if a.Processor.TransferBasis == "scc" || a.Processor.TransferBasis == "bcr" {
		f.SCCOrBCR = true
	}
	for _, s := range a.Subprocessors {
		if affiliated(s.Country, s.ParentCountry) {
			f.ThirdCountryAffiliated = true
			f.AffiliatedParties = append(f.AffiliatedParties, s.Name)
		}
		if established(s.Country, s.ParentCountry) {
			f.ThirdCountryEstablished = true
			f.EstablishedParties = append(f.EstablishedParties, s.Name)
		}
		if s.TransferBasis == "scc" || s.TransferBasis == "bcr" {
			f.SCCOrBCR = true
		}
	}
	// the bases in use: those the transfers to other undertakings rely on
	for _, t := range f.Transfers {
		switch {
		case t.RecipientKind != "established":
		case t.Adequate:
			bases["adequacy"] = true
		case t.Basis != "" && t.Basis != "none" && t.Basis != "adequacy":
			bases[t.Basis] = true
		}
	}
	for b := range bases {
		f.TransferBases = append(f.TransferBases, b)
	}
	sort.Strings(f.TransferBases)
	// Any undertaking that an authority outside the EEA can compel: one
	// established or with a parent there, or one that stores, processes or
	// reaches the data there (own staff and adequacy countries included).
	f.ForeignAuthorityExposure = f.ThirdCountryEstablished || f.ThirdCountryAffiliated || f.ThirdCountryTransfer

	f.SpecialCategoriesAnswered = a.Processing.SpecialCategories != nil
	for _, c := range a.Processing.SpecialCategories {
		f.SpecialCategories = true
		if c == "health" {
			f.Health = true
		}
	}
	f.DerivedRiskLevel, f.RiskReasons = deriveRisk(a, f)
	f.RiskLevel = f.DerivedRiskLevel
	if riskOrder[a.Risk.Level] > riskOrder[f.RiskLevel] {
		f.RiskLevel = a.Risk.Level
		f.RiskReasons = append(f.RiskReasons, RiskReason{Code: RiskRaised, Derived: f.DerivedRiskLevel})
	}
	f.Terms = terms(a, f.RiskLevel)
	f.Security = security(a)
	f.schemeDefaults = schemeDefaults(a)
	deriveDrafting(a, f)
	return f
}

// Codes of RiskReason.
const (
	RiskSpecial          = "special"           // special categories of personal data
	RiskDeployment       = "deployment"        // a shared cloud (Deployment names which)
	RiskTransfer         = "transfer"          // a destination outside the EEA (Countries)
	RiskAffiliated       = "affiliated"        // a party or parent in a Non-Adequate Country or the US
	RiskRemoteMonitoring = "remote_monitoring" // remote monitoring of patients
	RiskNationalFunction = "national_function" // part of a basic national function
	RiskVolume           = "volume"            // a large volume
	RiskNone             = "none"              // none of the above
	// RiskContentScheme: an access scheme (approved or pending) with
	// access to content from a Non-Adequate Country (Countries): routine
	// clear-text access there is high risk whatever the data.
	RiskContentScheme = "content_scheme"
	RiskRaised        = "raised" // risk.level raised the level (Derived: the derived one)
	// RiskSpecialUnknown: processing.special_categories is not answered; the
	// level is at least medium until it is (never "low" on a missing answer)
	RiskSpecialUnknown = "special_unknown"
	// RiskRemoteMonitoringUnknown, RiskNationalFunctionUnknown: with
	// special categories, risk.remote_monitoring or risk.national_function
	// is not answered and counts as raising the level until it is.
	RiskRemoteMonitoringUnknown = "remote_monitoring_unknown"
	RiskNationalFunctionUnknown = "national_function_unknown"
)

// RiskReason is one fact the risk level rests on.
type RiskReason struct {
	Code       string   `json:"code"`
	Deployment string   `json:"deployment,omitempty"` // RiskDeployment: public | hybrid | community
	Countries  []string `json:"countries,omitempty"`  // RiskTransfer: the countries outside the EEA, in order
	// Restricted (RiskTransfer): only the Non-Adequate Countries count (no
	// special categories: a transfer without adequacy raises the level).
	Restricted bool   `json:"restricted,omitempty"`
	Derived    string `json:"derived,omitempty"` // RiskRaised: the derived level
	// Pending (RiskContentScheme): the countries among Countries whose
	// every access scheme with access to content is pending (SchemePending:
	// the Controller has not accepted the assessment on or before the
	// agreement date), so that access to content from there needs approval
	// for each task; the other countries have a scheme in force. The level
	// is high either way: access to content from there is planned.
	Pending []string `json:"pending,omitempty"`
}

// deriveRisk derives the risk level and returns, in the same pass, every
// fact it rested on, so that no explanation can disagree with the level.
//
// Special categories are medium risk, and high with any of: a shared cloud
// (public, hybrid, community), a destination outside the EEA, a party
// exposed to the law of a Non-Adequate Country or the US
// (third_country_affiliated), remote monitoring, a basic national function
// or a large volume. Without special categories a public cloud, or
// a destination in a Non-Adequate Country (the transfer risk belongs in the
// overall assessment, Normen guide 3.3) is medium; anything else is low.
func deriveRisk(a *answers.Answers, f *Facts) (string, []RiskReason) {
	level, reasons := deriveRiskBase(a, f)
	// routine clear-text access from a Non-Adequate Country under an
	// access scheme (approved or pending) is high risk in any case: the
	// technical measures do not protect data in clear text (Schrems II,
	// EDPB Recommendations 01/2020 use cases 6 and 7)
	if cs := ContentSchemeCountries(f); len(cs) > 0 {
		if len(reasons) == 1 && reasons[0].Code == RiskNone {
			reasons = nil
		}
		reasons = append(reasons, RiskReason{Code: RiskContentScheme, Countries: cs, Pending: PendingContentSchemeCountries(f, a.Agreement.Date)})
		level = "high"
	}
	return level, reasons
}

// ContentSchemeCountries are the Non-Adequate Countries, in order, from
// which an access scheme includes access to content.
func ContentSchemeCountries(f *Facts) []string {
	var cs []string
	for _, t := range f.Transfers {
		if t.Scheme != nil && answers.Yes(t.Scheme.Content) && t.Restricted && contains(t.Kinds, "access") && !contains(cs, t.Country) {
			cs = append(cs, t.Country)
		}
	}
	return cs
}

// PendingContentSchemeCountries are the countries of
// ContentSchemeCountries, in order, whose every access scheme with access
// to content is pending (SchemePending at agreementDate): no scheme in
// force gives access to content from there, and such access needs
// approval for each task until the Controller accepts the assessment.
func PendingContentSchemeCountries(f *Facts, agreementDate string) []string {
	var out []string
	for _, c := range ContentSchemeCountries(f) {
		pending := true
		for _, t := range f.Transfers {
			if t.Country == c && t.Scheme != nil && answers.Yes(t.Scheme.Content) && t.Restricted && contains(t.Kinds, "access") && !SchemePending(t.Scheme, agreementDate) {
				pending = false
				break
			}
		}
		if pending {
			out = append(out, c)
		}
	}
	return out
}

// SchemePending reports whether the access scheme includes access to content from a
// Non-Adequate Country and the Controller has not accepted the transfer
// impact assessment in writing on or before the agreement date
// (access_schemes[].tia_accepted): the scheme is not yet in force, and
// access to content needs approval per task.
func SchemePending(s *answers.AccessScheme, agreementDate string) bool {
	if s == nil || !answers.Yes(s.Content) {
		return false
	}
	return s.TIAAccepted == "" || (agreementDate != "" && s.TIAAccepted > agreementDate)
}

func deriveRiskBase(a *answers.Answers, f *Facts) (string, []RiskReason) {
	dep := a.Service.Deployment
	shared := dep == "public" || dep == "hybrid" || dep == "community"
	if !f.SpecialCategories {
		var reasons []RiskReason
		if dep == "public" {
			reasons = append(reasons, RiskReason{Code: RiskDeployment, Deployment: dep})
		}
		if f.RestrictedTransfer {
			var cs []string
			for _, d := range f.Destinations {
				if d.Restricted && !contains(cs, d.Country) {
					cs = append(cs, d.Country)
				}
			}
			reasons = append(reasons, RiskReason{Code: RiskTransfer, Countries: cs, Restricted: true})
		}
		if !f.SpecialCategoriesAnswered {
			reasons = append([]RiskReason{{Code: RiskSpecialUnknown}}, reasons...)
		}
		if len(reasons) > 0 {
			return "medium", reasons
		}
		return "low", []RiskReason{{Code: RiskNone}}
	}
	reasons := []RiskReason{{Code: RiskSpecial}}
	if shared {
		reasons = append(reasons, RiskReason{Code: RiskDeployment, Deployment: dep})
	}
	if f.ThirdCountryTransfer {
		var cs []string
		for _, d := range f.Destinations {
			if !contains(cs, d.Country) {
				cs = append(cs, d.Country)
			}
		}
		reasons = append(reasons, RiskReason{Code: RiskTransfer, Countries: cs})
	}
	if f.ThirdCountryAffiliated {
		reasons = append(reasons, RiskReason{Code: RiskAffiliated})
	}
	// an unanswered yes/no that would raise the level counts until it is
	// answered (never a lower level on a missing answer)
	switch r := a.Risk.RemoteMonitoring; {
	case answers.Yes(r):
		reasons = append(reasons, RiskReason{Code: RiskRemoteMonitoring})
	case r == nil:
		reasons = append(reasons, RiskReason{Code: RiskRemoteMonitoringUnknown})
	}
	switch r := a.Risk.NationalFunction; {
	case answers.Yes(r):
		reasons = append(reasons, RiskReason{Code: RiskNationalFunction})
	case r == nil:
		reasons = append(reasons, RiskReason{Code: RiskNationalFunctionUnknown})
	}
	if a.Processing.Volume == "large" {
		reasons = append(reasons, RiskReason{Code: RiskVolume})
	}
	if len(reasons) > 1 {
		return "high", reasons
	}
	return "medium", reasons
}

// terms applies the defaults to terms.* and records each one. Only an
// omitted value gets the default; the loader refuses values outside the
// range, so a given value is never replaced.
func terms(a *answers.Answers, level string) Terms {
	t := a.Terms
	out := Terms{ReturnFormat: strings.TrimSpace(t.ReturnFormat), LiabilityCap: strings.TrimSpace(t.LiabilityCap), ArchiveExtract: t.ArchiveExtract}
	byRisk := "by_risk." + level
	num := func(dst *int, given *int, def int, path, why string) {
		if given != nil {
			*dst = *given
			return
		}
		*dst = def
		out.defaults = append(out.defaults, Default{Path: path, Value: strconv.Itoa(def), Why: why})
	}
	str := func(dst *string, given, def, path, why string) {
		if given != "" {
			*dst = given
			return
		}
		*dst = def
		out.defaults = append(out.defaults, Default{Path: path, Value: def, Why: why})
	}
	num(&out.BreachNoticeHours, t.BreachNoticeHours, defaultBreachHours[level], "terms.breach_notice_hours", byRisk)
	str(&out.AuditFrequency, t.AuditFrequency, defaultAudit[level], "terms.audit_frequency", byRisk)
	str(&out.SubprocessorAuthorisation, t.SubprocessorAuthorisation, "specific", "terms.subprocessor_authorisation", "strictest")
	num(&out.SubprocessorNoticeDays, t.SubprocessorNoticeDays, 30, "terms.subprocessor_notice_days", "tool")
	if out.ReturnFormat == "" {
		out.defaults = append(out.defaults, Default{Path: "terms.return_format", ValueID: "default.return_format_value", Why: "tool"})
	}
	num(&out.ReturnWithinDays, t.ReturnWithinDays, 30, "terms.return_within_days", "tool")
	num(&out.DeletionWithinDays, t.DeletionWithinDays, 30, "terms.deletion_within_days", "tool")
	// patient records must be at hand for health care around the clock
	// (pasientjournalloven § 22, Normen): stricter defaults for backup
	// interval (RPO) and restore time (RTO) unless the answers say the
	// processing is not patient records
	restore, backup, why := DefaultRestoreTimeHours, DefaultBackupIntervalHours, "tool"
	if !answers.No(a.Risk.PatientRecord) {
		restore, backup, why = PatientRecordRestoreTimeHours, PatientRecordBackupIntervalHours, "patient_record"
	}
	num(&out.RestoreTimeHours, t.RestoreTimeHours, restore, "terms.restore_time_hours", why)
	num(&out.BackupIntervalHours, t.BackupIntervalHours, backup, "terms.backup_interval_hours", why)
	num(&out.ExitAccessDays, t.ExitAccessDays, DefaultExitAccessDays, "terms.exit_access_days", "tool")
	return out
}

// security applies the defaults to security.* and records each one.
func security(a *answers.Answers) Security {
	s := a.Security
	out := Security{ISO27001: s.ISO27001, KeysHeldBy: s.KeysHeldBy}
	if out.KeysHeldBy == "" {
		why := "keys_other"
		out.KeysHeldBy = "processor"
		if a.Service.Model == "iaas" {
			out.KeysHeldBy, why = "controller", "keys_iaas"
		}
		out.defaults = append(out.defaults, Default{Path: "security.keys_held_by", Value: out.KeysHeldBy, Why: why})
	}
	flag := func(dst *bool, given *bool, path string) {
		if given != nil {
			*dst = *given
			return
		}
		*dst = true
		out.defaults = append(out.defaults, Default{Path: path, Value: "true", Why: "strictest"})
	}
	flag(&out.EncryptionAtRest, s.EncryptionAtRest, "security.encryption_at_rest")
	flag(&out.MFA, s.MFA, "security.mfa")
	return out
}

// party is the processor or one subprocessor, as the transfer rules see it.
type party struct {
	path, name, country, basis string
	parent                     string
	dpf, tia                   bool
	tiaDate                    string
	tias                       []answers.TIA
	schemes                    []answers.AccessScheme
	ownStaff                   []string
	recipients                 []answers.Recipient
	date                       string // the agreement date: adequacy decisions are those in force on it
}

func parties(a *answers.Answers) []party {
	p := a.Processor
	out := []party{{path: "processor", name: p.Name, country: p.Country, parent: p.ParentCountry, basis: p.TransferBasis, dpf: answers.Yes(p.DPFCertified),
		tia: p.TIADone || p.TIADate != "", tiaDate: p.TIADate, tias: p.TIAs, schemes: p.AccessSchemes, ownStaff: p.OwnStaffCountries, recipients: p.Recipients, date: a.Agreement.Date}}
	for j, s := range a.Subprocessors {
		out = append(out, party{path: idx("subprocessors", j), name: s.Name, country: s.Country, parent: s.ParentCountry, basis: s.TransferBasis, dpf: answers.Yes(s.DPFCertified),
			tia: s.TIADone || s.TIADate != "", tiaDate: s.TIADate, tias: s.TIAs, schemes: s.AccessSchemes, ownStaff: s.OwnStaffCountries, recipients: s.Recipients, date: a.Agreement.Date})
	}
	return out
}

// schemeDefaults records each access scheme whose content answer is left
// out: annex C then reads it as administration without access to content,
// the strictest reading, and dpa check says so.
func schemeDefaults(a *answers.Answers) []Default {
	var out []Default
	for _, p := range parties(a) {
		for i, s := range p.schemes {
			if s.Content == nil {
				out = append(out, Default{Path: p.path + idx(".access_schemes", i) + ".content", Value: "false", Why: "scheme_content"})
			}
		}
	}
	return out
}

func normName(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// destinations lists every third-country destination (Schrems II: storage,
// processing, remote access and support, and establishment all count), each
// with the legal entity that receives or reaches the data there.
func destinations(a *answers.Answers) []Destination {
	var out []Destination
	ps := parties(a)
	subIdx := map[string]int{} // normalised subprocessor name -> index in ps
	for i := 1; i < len(ps); i++ {
		if n := normName(ps[i].name); n != "" {
			if _, dup := subIdx[n]; !dup {
				subIdx[n] = i
			}
		}
	}
	add := func(pi int, country, kind, path string) {
		if country == "" || geo.InEEA(country) || !geo.Valid(country) {
			return
		}
		p := ps[pi]
		d := Destination{Party: p.name, PartyPath: p.path, Country: country, Kind: kind, Path: path}
		imp := -1
		switch {
		case kind == "establishment" || p.country == country:
			imp, d.RecipientKind = pi, "established"
		case contains(p.ownStaff, country):
			imp, d.RecipientKind = pi, "own_staff"
		default:
			for _, r := range p.recipients {
				if r.Country != country {
					continue
				}
				if j, ok := subIdx[normName(r.Subprocessor)]; ok && j != pi && ps[j].country == country {
					imp, d.RecipientKind = j, "established"
				}
				break
			}
		}
		basis, dpf := p.basis, p.dpf
		if imp >= 0 {
			d.Recipient, d.RecipientPath = ps[imp].name, ps[imp].path
			basis, dpf = ps[imp].basis, ps[imp].dpf
			if basis == "" && imp != pi {
				basis = p.basis
			}
		}
		d.Basis = basis
		// a transfer to the United States that rests on SCC or BCR is an
		// article 46 transfer (with its assessment and measures) whether or
		// not the recipient is DPF-certified: the basis used governs, so a
		// certification gained or lost later does not change the duties
		d.Adequate = geo.AdequateOn(country, dpf, a.Agreement.Date) && !(country == "US" && (basis == "scc" || basis == "bcr"))
		d.Restricted = !d.Adequate
		out = append(out, d)
	}
	p := a.Processor
	add(0, p.Country, "establishment", "processor.country")
	for i, l := range a.Locations {
		// a location operated by a subprocessor is that subprocessor's
		if j, ok := subIdx[normName(l.Operator)]; ok {
			add(j, l.Country, "storage", idx("locations", i)+".country")
			continue
		}
		add(0, l.Country, "storage", idx("locations", i)+".country")
	}
	for i, c := range a.AccessCountries {
		add(0, c, "access", idx("access_countries", i))
	}
	for j, s := range a.Subprocessors {
		sp := idx("subprocessors", j)
		add(j+1, s.Country, "establishment", sp+".country")
		for i, c := range s.Locations {
			add(j+1, c, "storage", idx(sp+".locations", i))
		}
		for i, c := range s.AccessCountries {
			add(j+1, c, "access", idx(sp+".access_countries", i))
		}
	}
	return out
}

// Transfers groups destinations by recipient and country (linear: one map
// lookup per destination).
func Transfers(a *answers.Answers, ds []Destination) []Transfer {
	ps := parties(a)
	byPath := map[string]*party{}
	for i := range ps {
		byPath[ps[i].path] = &ps[i]
	}
	var out []Transfer
	at := map[string]int{}
	for _, d := range ds {
		key := d.RecipientPath + "\x00" + d.Country
		if d.RecipientKind == "" {
			key = "?" + d.PartyPath + "\x00" + d.Country
		} else if d.RecipientKind == "own_staff" {
			key = "~" + key
		}
		i, ok := at[key]
		if !ok {
			t := Transfer{Recipient: d.Recipient, RecipientPath: d.RecipientPath, RecipientKind: d.RecipientKind, Processor: d.RecipientPath == "processor",
				Country: d.Country, Basis: d.Basis, Adequate: d.Adequate, Restricted: d.Restricted, Path: d.Path}
			if d.RecipientKind == "" {
				t.Recipient, t.Processor = "", false
				t.Exporter, t.ExporterPath = d.Party, d.PartyPath
			}
			if r := byPath[d.RecipientPath]; r != nil {
				t.TIADone, t.TIADate, t.TIAPath = tiaOf(byPath[d.PartyPath], r, d.Country)
				t.Laws = lawsOf(r, d.Country)
				t.Scheme, t.SchemePath = schemeOf(r, d.Country)
				if t.Scheme == nil {
					t.Scheme, t.SchemePath = schemeOf(byPath[d.PartyPath], d.Country)
				}
			} else {
				t.Laws = []Law{{Country: d.Country, Role: "destination"}}
			}
			out = append(out, t)
			i = len(out) - 1
			at[key] = i
		}
		t := &out[i]
		if !contains(t.Kinds, d.Kind) {
			t.Kinds = append(t.Kinds, d.Kind)
		}
		if d.RecipientKind != "" && d.PartyPath != d.RecipientPath && !contains(t.OnBehalfOf, d.Party) {
			t.OnBehalfOf = append(t.OnBehalfOf, d.Party)
			if t.Exporter == "" {
				t.Exporter, t.ExporterPath = d.Party, d.PartyPath
			}
		}
	}
	return out
}

// tiaOf is the assessment for importer r in country c, reached on behalf
// of exporter x: the date of x's recipients entry for r and c, else r's
// tias entry for c, else r's tia_date (the default it states).
func tiaOf(x, r *party, c string) (done bool, date, path string) {
	if x != nil && x != r {
		for i, e := range x.recipients {
			if e.Country == c && normName(e.Subprocessor) == normName(r.name) && e.TIADate != "" {
				return true, e.TIADate, x.path + idx(".recipients", i) + ".tia_date"
			}
		}
	}
	for i, e := range r.tias {
		if e.Country == c && e.Date != "" {
			return true, e.Date, r.path + idx(".tias", i) + ".date"
		}
	}
	if r.tiaDate != "" {
		return true, r.tiaDate, r.path + ".tia_date"
	}
	return r.tia, "", ""
}

// schemeOf is party p's access scheme for country c, if any.
func schemeOf(p *party, c string) (*answers.AccessScheme, string) {
	if p == nil {
		return nil, ""
	}
	for i := range p.schemes {
		if p.schemes[i].Country == c {
			return &p.schemes[i], p.path + idx(".access_schemes", i)
		}
	}
	return nil, ""
}

// lawsOf lists the countries whose law reaches recipient r for data in
// country c: c itself, r's country of establishment and r's parent's
// country, each outside the EEA and without an adequacy decision for r (a
// parent in the United States always counts).
func lawsOf(r *party, c string) []Law {
	out := []Law{{Country: c, Role: "destination"}}
	has := func(x string) bool {
		for _, l := range out {
			if l.Country == x {
				return true
			}
		}
		return false
	}
	if x := r.country; x != "" && geo.Valid(x) && !geo.InEEA(x) && !geo.AdequateOn(x, r.dpf, r.date) && !has(x) {
		out = append(out, Law{Country: x, Role: "establishment"})
	}
	if x := r.parent; x != "" && geo.Valid(x) && !geo.InEEA(x) && (x == "US" || !geo.AdequateOn(x, false, r.date)) && !has(x) {
		out = append(out, Law{Country: x, Role: "parent"})
	}
	return out
}

func idx(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// serviceSubprocessors are the subprocessors that store or process the
// data outside the EEA without operating a location of the Service (the
// operators of locations[] host the Service itself): they process the data
// there only for their own, narrower service (annex B), such as sending
// notifications, e-mail or SMS.
func serviceSubprocessors(a *answers.Answers, ds []Destination) []string {
	// the hosts of the Service: the operators of its locations and the
	// recipients of the data stored there
	hosts := map[string]bool{}
	for _, l := range a.Locations {
		hosts[normName(l.Operator)] = true
	}
	for _, d := range ds {
		if strings.HasPrefix(d.Path, "locations[") {
			hosts[normName(d.Recipient)] = true
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, d := range ds {
		if d.Kind != "storage" || d.RecipientKind != "established" || !strings.HasPrefix(d.RecipientPath, "subprocessors[") || !strings.HasPrefix(d.Path, "subprocessors[") || seen[d.RecipientPath] {
			continue
		}
		if n := normName(d.Recipient); n == "" || hosts[n] {
			continue
		}
		seen[d.RecipientPath] = true
		out = append(out, d.Recipient)
	}
	return out
}
