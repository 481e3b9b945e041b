package rules

import (
	"strings"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
)

// Finding codes for decisions and defaults (added after spec/answers.md;
// additive, never renamed).
const (
	// CodeDefaultApplied: a term with legal effect was not answered and the
	// agreement uses the tool's default (info, with the JSON path and value).
	CodeDefaultApplied = "default-applied"
	// CodeDecisionMissing: a choice only the parties can make is not answered.
	CodeDecisionMissing = "decision-missing"
	// CodeMainAgreementRecord: what must be recorded in the main agreement's
	// annex for changes to its general text (info, a note for the user).
	CodeMainAgreementRecord = "main-agreement-record"
	// CodeDPOMissing: a public body without a data protection officer.
	CodeDPOMissing = "dpo-missing"
	// CodeProcessorDPOMissing: the processor names no data protection
	// officer although it processes special categories of personal data
	// (GDPR art. 37(1)(c) applies to processors).
	CodeProcessorDPOMissing = "processor-dpo-missing"
	// CodeHealthCategoryMissing: patient record, health register or remote
	// monitoring answered without the health special category.
	CodeHealthCategoryMissing = "health-category-missing"
)

// Tool defaults for the terms added with the drafting rules.
const (
	DefaultBackupIntervalHours = 24
	DefaultExitAccessDays      = 180
)

// deriveDrafting sets the facts about the kind of health data, the public
// body and the cloud parts that clause conditions use.
//
// Health data is not patient data: the patient-law clauses (the Patient
// Records Act, patient rights, patient safety) follow a patient record or
// remote monitoring of patients; the Health Registries Act follows a health
// register; other health data (employees' sick leave, research without a
// register) gets GDPR art. 9 and the general duty of secrecy only.
func deriveDrafting(a *answers.Answers, f *Facts) {
	f.PatientData = f.Health && (a.Risk.PatientRecord || a.Risk.RemoteMonitoring)
	f.HealthRegister = f.Health && a.Risk.HealthRegister
	f.HealthSector = f.PatientData || f.HealthRegister
	if a.Controller.PublicBody != nil {
		f.PublicBody = *a.Controller.PublicBody
		f.PublicBodyKnown = true
	}
	switch a.Service.Deployment {
	case "public":
		f.PublicCloud = true
	case "hybrid":
		f.PublicCloud = contains(a.Service.HybridParts, "public")
	}
}

// Drafting returns the findings about decisions the parties must make,
// facts an agreement cannot be signed without, every default with legal
// effect that was applied, and notes for the user. It complements Findings
// and is called next to it (internal/assemble).
func Drafting(a *answers.Answers, f *Facts, ui *i18n.Localizer) []doc.Finding {
	var out []doc.Finding
	add := func(sev, code, path string, data map[string]any) {
		out = append(out, newFinding(ui, sev, code, path, data))
	}
	draft := IsDraft(a)
	// sev picks the severity for a final agreement, or for a draft
	sev := func(final, inDraft string) string {
		if draft {
			return inDraft
		}
		return final
	}

	// facts a signed agreement needs: the 24/7 breach contacts (annex F)
	// and the separate liability cap (clause on liability)
	reach := func(c answers.Contact) bool {
		return strings.TrimSpace(c.Email) != "" || strings.TrimSpace(c.Phone) != ""
	}
	// the controller's own contacts are its own gap even in a tender draft
	// (bidders must not fill them in): a warning there, the supplier's an info
	if !reach(a.Controller.BreachContact) {
		add(sev(Error, Warning), CodeMissingField, "controller.breach_contact", nil)
	}
	if !reach(a.Processor.BreachContact) {
		add(sev(Error, Info), CodeMissingField, "processor.breach_contact", nil)
	}
	if strings.TrimSpace(a.Terms.LiabilityCap) == "" {
		add(sev(Error, Info), CodeMissingField, "terms.liability_cap", nil)
	}

	// decisions: key custody decides who can read the data (and, with a
	// third-country party, whether a foreign authority can compel it), so
	// a final agreement is not written on the tool's guess
	if a.Security.KeysHeldBy == "" {
		add(sev(Error, Warning), CodeDecisionMissing, "security.keys_held_by", map[string]any{"Why": ui.T("decision.keys_held_by")})
	}
	// keys not held by the Controller itself: the key clause says who
	// operates the key service and from where it can be reached; without
	// the answer it obliges the Processor to state it in writing before
	// the Service is taken into use (a warning, not a block: answers
	// written before the field existed still make an agreement)
	if k := a.Security.KeysHeldBy; (k == "processor" || k == "third_party_eea") && (a.Security.KeyService == nil || strings.TrimSpace(a.Security.KeyService.Operator) == "" || a.Security.KeyService.Country == "") {
		add(sev(Warning, Info), CodeDecisionMissing, "security.key_service", map[string]any{"Why": ui.T("decision.key_service")})
	}
	// special categories decide the risk level, the terms by risk level,
	// the health-law clauses and annex A: absent is not "none" (an explicit
	// [] is); a tender draft may leave it open and shows a blank
	if a.Processing.SpecialCategories == nil {
		add(sev(Error, Warning), CodeDecisionMissing, "processing.special_categories", map[string]any{"Why": ui.T("decision.special_categories")})
	}
	if a.Controller.PublicBody == nil {
		add(sev(Warning, Info), CodeDecisionMissing, "controller.public_body", map[string]any{"Why": ui.T("decision.public_body")})
	}
	if a.Service.Deployment == "hybrid" && len(a.Service.HybridParts) == 0 {
		add(sev(Warning, Info), CodeDecisionMissing, "service.hybrid_parts", map[string]any{"Why": ui.T("decision.hybrid_parts")})
	}
	if a.Risk.RemoteMonitoring {
		switch {
		case a.Risk.DeviceManufacturer == "":
			add(sev(Warning, Info), CodeDecisionMissing, "risk.device_manufacturer", map[string]any{"Why": ui.T("decision.device_manufacturer")})
		case a.Risk.DeviceManufacturer == "third_party" && strings.TrimSpace(a.Risk.DeviceManufacturerName) == "":
			add(sev(Error, Info), CodeMissingField, "risk.device_manufacturer_name", nil)
		}
	}
	// a health register is governed by its own regulation (purposes,
	// content, rights, retention): the agreement names it, so it is asked for
	if f.HealthRegister && strings.TrimSpace(a.Risk.HealthRegisterRegulation) == "" {
		add(sev(Warning, Info), CodeDecisionMissing, "risk.health_register_regulation", map[string]any{"Why": ui.T("decision.health_register_regulation")})
	}
	// the regulation designates the register's controller (dataansvarlig):
	// the agreement states the provision, so that the right body signs
	if f.HealthRegister && strings.TrimSpace(a.Risk.HealthRegisterControllerProvision) == "" {
		add(sev(Warning, Info), CodeDecisionMissing, "risk.health_register_controller_provision", map[string]any{"Why": ui.T("decision.health_register_controller_provision")})
	}
	if f.PublicBody && strings.TrimSpace(a.Controller.DPO.Name+a.Controller.DPO.Email+a.Controller.DPO.Phone) == "" {
		add(Warning, CodeDPOMissing, "controller.dpo", nil)
	}
	// the processor's own DPO duty (art. 37(1)(c)): special categories of
	// personal data (health, trade union membership, ...) as the core of the
	// service; the agreement then requires the assessment at signing
	if f.SpecialCategories && !reach(a.Processor.DPO) && strings.TrimSpace(a.Processor.DPO.Name) == "" {
		add(sev(Warning, Info), CodeProcessorDPOMissing, "processor.dpo", nil)
	}
	// the contact person for the Agreement receives every notice that is
	// not urgent (annex F); without one the fallback sentence of annex F applies
	if !reach(a.Processor.Contact) && strings.TrimSpace(a.Processor.Contact.Name) == "" {
		add(sev(Warning, Info), CodeMissingField, "processor.contact", nil)
	}
	if !reach(a.Controller.Contact) && strings.TrimSpace(a.Controller.Contact.Name) == "" {
		add(Warning, CodeMissingField, "controller.contact", nil)
	}
	if !f.Health && (a.Risk.PatientRecord || a.Risk.HealthRegister || a.Risk.RemoteMonitoring) {
		add(Warning, CodeHealthCategoryMissing, "processing.special_categories", nil)
	}

	out = append(out, Defaults(a, f, ui)...)

	// a note for the user: what the main agreement's annex for changes to
	// its general text must record (SSA-L, SSA-D, SSA-T and the like)
	if strings.TrimSpace(a.Agreement.MainAgreement) != "" {
		add(Info, CodeMainAgreementRecord, "agreement.main_agreement", map[string]any{"Main": a.Agreement.MainAgreement})
	}
	return out
}

// Defaults reports every default with legal effect that the agreement uses
// because the answer was left out: one info finding per JSON path, naming
// the value used: those terms() and security() recorded, then Normen's version.
func Defaults(a *answers.Answers, f *Facts, ui *i18n.Localizer) []doc.Finding {
	var out []doc.Finding
	add := func(path, value, why string) {
		out = append(out, newFinding(ui, Info, CodeDefaultApplied, path, map[string]any{"Value": value, "Why": ui.T("default." + why)}))
	}
	for _, ds := range [][]Default{f.Terms.defaults, f.Security.defaults} {
		for _, d := range ds {
			value := d.Value
			if d.ValueID != "" {
				value = ui.T(d.ValueID)
			}
			add(d.Path, value, d.Why)
		}
	}
	if f.HealthSector && strings.TrimSpace(a.Agreement.NormenVersion) == "" {
		add("agreement.normen_version", ui.T("default.normen_version_value"), "normen")
	}
	return out
}
