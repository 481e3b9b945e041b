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
	Basis     string `json:"basis"` // the party's transfer_basis, or "adequacy" when covered by a decision
	Adequate  bool   `json:"adequate"`
	Path      string `json:"path"` // the answer field that names the country
}

// Facts are the derived facts of answers.md, plus the effective terms.
type Facts struct {
	ThirdCountryTransfer   bool          `json:"third_country_transfer"`
	ThirdCountryAffiliated bool          `json:"third_country_affiliated"`
	ThirdCountryAccess     bool          `json:"third_country_access"`
	SpecialCategories      bool          `json:"special_categories"`
	Health                 bool          `json:"health_data"`
	SCCOrBCR               bool          `json:"scc_or_bcr"`
	RiskLevel              string        `json:"risk_level"`
	DerivedRiskLevel       string        `json:"derived_risk_level"`
	Draft                  bool          `json:"draft"`
	Destinations           []Destination `json:"destinations,omitempty"`
	AffiliatedParties      []string      `json:"affiliated_parties,omitempty"`
	TransferBases          []string      `json:"transfer_bases,omitempty"`
	Terms                  Terms         `json:"terms"`
	Security               Security      `json:"security"`

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
	}
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
	if affiliated(a.Processor.Country, a.Processor.ParentCountry) {
		f.ThirdCountryAffiliated = true
		f.AffiliatedParties = append(f.AffiliatedParties, a.Processor.Name)
	}
	bases := map[string]bool{}
	addBasis := func(b string) {
		if b == "scc" || b == "bcr" {
			f.SCCOrBCR = true
		}
		if b != "" && b != "none" {
			bases[b] = true
		}
	}
	addBasis(a.Processor.TransferBasis)
	for _, s := range a.Subprocessors {
		if affiliated(s.Country, s.ParentCountry) {
			f.ThirdCountryAffiliated = true
			f.AffiliatedParties = append(f.AffiliatedParties, s.Name)
		}
		addBasis(s.TransferBasis)
	}
	for _, d := range f.Destinations {
		if d.Adequate {
			bases["adequacy"] = true
		}
	}
	for b := range bases {
		f.TransferBases = append(f.TransferBases, b)
	}
	sort.Strings(f.TransferBases)

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

// destinations lists every third-country destination (Schrems II: storage,
// processing, remote access and support, and establishment all count).
func destinations(a *answers.Answers) []Destination {
	var out []Destination
	subIdx := map[string]int{}
	for i, s := range a.Subprocessors {
		if s.Name != "" {
			subIdx[strings.ToLower(strings.TrimSpace(s.Name))] = i
		}
	}
	add := func(partyPath, party, basis string, dpf bool, country, kind, path string) {
		if country == "" || geo.InEEA(country) || !geo.Valid(country) {
			return
		}
		d := Destination{Party: party, PartyPath: partyPath, Country: country, Kind: kind, Basis: basis, Path: path}
		d.Adequate = geo.Adequate(country, dpf)
		out = append(out, d)
	}
	p := a.Processor
	add("processor", p.Name, p.TransferBasis, p.DPFCertified, p.Country, "establishment", "processor.country")
	for i, l := range a.Locations {
		// a location operated by a subprocessor is governed by its basis
		if j, ok := subIdx[strings.ToLower(strings.TrimSpace(l.Operator))]; ok {
			s := a.Subprocessors[j]
			add(idx("subprocessors", j), s.Name, s.TransferBasis, s.DPFCertified, l.Country, "storage", idx("locations", i)+".country")
			continue
		}
		add("processor", p.Name, p.TransferBasis, p.DPFCertified, l.Country, "storage", idx("locations", i)+".country")
	}
	for i, c := range a.AccessCountries {
		add("processor", p.Name, p.TransferBasis, p.DPFCertified, c, "access", idx("access_countries", i))
	}
	for j, s := range a.Subprocessors {
		sp := idx("subprocessors", j)
		add(sp, s.Name, s.TransferBasis, s.DPFCertified, s.Country, "establishment", sp+".country")
		for i, c := range s.Locations {
			add(sp, s.Name, s.TransferBasis, s.DPFCertified, c, "storage", idx(sp+".locations", i))
		}
		for i, c := range s.AccessCountries {
			add(sp, s.Name, s.TransferBasis, s.DPFCertified, c, "access", idx(sp+".access_countries", i))
		}
	}
	return out
}

func idx(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}
