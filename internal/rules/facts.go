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
	Path          string   `json:"path"` // the first answers path naming the country
}

// Facts are the derived facts of answers.md, plus the effective terms.
type Facts struct {
	ThirdCountryTransfer   bool `json:"third_country_transfer"`
	ThirdCountryAffiliated bool `json:"third_country_affiliated"`
	ThirdCountryAccess     bool `json:"third_country_access"`
	// RestrictedTransfer: a destination in a Non-Adequate Country.
	RestrictedTransfer bool `json:"restricted_transfer"`
	// RestrictedAccess: remote access from a Non-Adequate Country.
	RestrictedAccess bool `json:"restricted_access"`
	// AdequacyTransfer: a destination covered by an adequacy decision.
	AdequacyTransfer bool `json:"adequacy_transfer"`
	// ThirdCountryEstablished: a party or its parent is established
	// outside the EEA, adequacy countries included (its own authorities
	// may compel it).
	ThirdCountryEstablished bool `json:"third_country_established"`
	// ForeignAuthorityExposure: the duties on demands from foreign
	// authorities apply (established or with a parent outside the EEA, or
	// any destination outside the EEA).
	ForeignAuthorityExposure bool `json:"foreign_authority_exposure"`
	// UnidentifiedRecipient: a third-country location or access country
	// has no named recipient.
	UnidentifiedRecipient bool `json:"unidentified_recipient"`
	// RestrictedSubprocessorProcessing: a subprocessor stores or processes
	// the data (not only reaches it) in a Non-Adequate Country.
	RestrictedSubprocessorProcessing bool       `json:"restricted_subprocessor_processing"`
	Transfers                        []Transfer `json:"transfers,omitempty"`
	// EstablishedParties are the parties established, or with a parent,
	// outside the EEA.
	EstablishedParties []string      `json:"established_parties,omitempty"`
	SpecialCategories  bool          `json:"special_categories"`
	Health             bool          `json:"health_data"`
	SCCOrBCR           bool          `json:"scc_or_bcr"`
	RiskLevel          string        `json:"risk_level"`
	DerivedRiskLevel   string        `json:"derived_risk_level"`
	Draft              bool          `json:"draft"`
	Destinations       []Destination `json:"destinations,omitempty"`
	AffiliatedParties  []string      `json:"affiliated_parties,omitempty"`
	TransferBases      []string      `json:"transfer_bases,omitempty"`
	Terms              Terms         `json:"terms"`
	Security           Security      `json:"security"`

	// Kinds of health data and of controller (drafting.go).
	PatientData     bool `json:"patient_data"`      // health data in a patient record or remote monitoring of patients
	HealthRegister  bool `json:"health_register"`   // health data in a register under the Health Registries Act
	HealthSector    bool `json:"health_sector"`     // PatientData or HealthRegister: Normen applies
	PublicBody      bool `json:"public_body"`       // controller.public_body is true
	PublicBodyKnown bool `json:"public_body_known"` // controller.public_body is answered
	PublicCloud     bool `json:"public_cloud"`      // public cloud, or a hybrid cloud with a public part
}

// Terms are the terms after defaults by risk level and service model.
type Terms struct {
	BreachNoticeHours         int    `json:"breach_notice_hours"`
	AuditFrequency            string `json:"audit_frequency"`
	SubprocessorAuthorisation string `json:"subprocessor_authorisation"`
	SubprocessorNoticeDays    int    `json:"subprocessor_notice_days"`
	ReturnFormat              string `json:"return_format"` // empty: the clause text uses a default wording
	ReturnWithinDays          int    `json:"return_within_days"`
	DeletionWithinDays        int    `json:"deletion_within_days"`
	RestoreTimeHours          int    `json:"restore_time_hours"`
	BackupIntervalHours       int    `json:"backup_interval_hours"`
	ExitAccessDays            int    `json:"exit_access_days"`
	LiabilityCap              string `json:"liability_cap"` // empty: a blank in the agreement
}

// Security is the security answers after defaults.
type Security struct {
	EncryptionAtRest bool   `json:"encryption_at_rest"`
	MFA              bool   `json:"mfa"`
	KeysHeldBy       string `json:"keys_held_by"`
	ISO27001         bool   `json:"iso27001"`
}

// Defaults by risk level.
var (
	defaultBreachHours = map[string]int{"low": 48, "medium": 36, "high": 24}
	defaultAudit       = map[string]string{"low": "on_request", "medium": "biennial", "high": "yearly"}
)

// IsDraft reports whether the answers are a tender draft.
func IsDraft(a *answers.Answers) bool { return a.Status == "draft" }

// Derive computes the facts. draft is true for status: draft or --draft.
func Derive(a *answers.Answers, draft bool) *Facts {
	f := &Facts{Draft: draft || IsDraft(a)}
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
			if _, ok := geo.Decision(c); !ok {
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

	for _, c := range a.Processing.SpecialCategories {
		f.SpecialCategories = true
		if c == "health" {
			f.Health = true
		}
	}
	f.DerivedRiskLevel = deriveRisk(a, f)
	f.RiskLevel = f.DerivedRiskLevel
	if riskOrder[a.Risk.Level] > riskOrder[f.RiskLevel] {
		f.RiskLevel = a.Risk.Level
	}
	f.Terms = terms(a, f.RiskLevel)
	f.Security = security(a)
	deriveDrafting(a, f)
	return f
}

func deriveRisk(a *answers.Answers, f *Facts) string {
	dep := a.Service.Deployment
	if f.SpecialCategories {
		if dep == "public" || dep == "hybrid" || dep == "community" || f.ThirdCountryTransfer ||
			a.Risk.RemoteMonitoring || a.Risk.NationalFunction || a.Processing.Volume == "large" {
			return "high"
		}
		return "medium"
	}
	if dep == "public" {
		return "medium"
	}
	return "low"
}

func terms(a *answers.Answers, level string) Terms {
	t := a.Terms
	out := Terms{
		AuditFrequency:            t.AuditFrequency,
		SubprocessorAuthorisation: t.SubprocessorAuthorisation,
		ReturnFormat:              strings.TrimSpace(t.ReturnFormat),
		LiabilityCap:              strings.TrimSpace(t.LiabilityCap),
	}
	if t.BreachNoticeHours != nil {
		out.BreachNoticeHours = *t.BreachNoticeHours
	} else {
		out.BreachNoticeHours = defaultBreachHours[level]
	}
	if out.AuditFrequency == "" {
		out.AuditFrequency = defaultAudit[level]
	}
	if out.SubprocessorAuthorisation == "" {
		out.SubprocessorAuthorisation = "specific"
	}
	// only an omitted value gets the default; the loader refuses values
	// outside the range, so a given value is never replaced
	def := func(p *int, v int) int {
		if p == nil {
			return v
		}
		return *p
	}
	out.SubprocessorNoticeDays = def(t.SubprocessorNoticeDays, 30)
	out.ReturnWithinDays = def(t.ReturnWithinDays, 30)
	out.DeletionWithinDays = def(t.DeletionWithinDays, 30)
	out.RestoreTimeHours = def(t.RestoreTimeHours, 24)
	out.BackupIntervalHours = def(t.BackupIntervalHours, DefaultBackupIntervalHours)
	out.ExitAccessDays = def(t.ExitAccessDays, DefaultExitAccessDays)
	return out
}

func security(a *answers.Answers) Security {
	s := a.Security
	out := Security{EncryptionAtRest: true, MFA: true, KeysHeldBy: s.KeysHeldBy, ISO27001: s.ISO27001}
	if s.EncryptionAtRest != nil {
		out.EncryptionAtRest = *s.EncryptionAtRest
	}
	if s.MFA != nil {
		out.MFA = *s.MFA
	}
	if out.KeysHeldBy == "" {
		out.KeysHeldBy = "processor"
		if a.Service.Model == "iaas" {
			out.KeysHeldBy = "controller"
		}
	}
	return out
}

// party is the processor or one subprocessor, as the transfer rules see it.
type party struct {
	path, name, country, basis string
	dpf, tia                   bool
	tiaDate                    string
	ownStaff                   []string
	recipients                 []answers.Recipient
}

func parties(a *answers.Answers) []party {
	p := a.Processor
	out := []party{{path: "processor", name: p.Name, country: p.Country, basis: p.TransferBasis, dpf: p.DPFCertified,
		tia: p.TIADone || p.TIADate != "", tiaDate: p.TIADate, ownStaff: p.OwnStaffCountries, recipients: p.Recipients}}
	for j, s := range a.Subprocessors {
		out = append(out, party{path: idx("subprocessors", j), name: s.Name, country: s.Country, basis: s.TransferBasis, dpf: s.DPFCertified,
			tia: s.TIADone || s.TIADate != "", tiaDate: s.TIADate, ownStaff: s.OwnStaffCountries, recipients: s.Recipients})
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
		d.Adequate = geo.Adequate(country, dpf)
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
				t.TIADone, t.TIADate = r.tia, r.tiaDate
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

func idx(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}
