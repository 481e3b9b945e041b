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
	// CodeTransferPositionConflict: a listed third-country destination that
	// the controller's transfer position (processing.third_country_transfers)
	// does not permit.
	CodeTransferPositionConflict = "transfer-position-conflict"
	// CodeBackupLocationMissing: locations that name no backup or disaster
	// recovery site (locations[].role or purpose, or a backup sub-processor
	// with countries): an error in a final agreement, a warning in a draft.
	CodeBackupLocationMissing = "backup-location-missing"
	// CodeHealthCategoryMissing: patient record, health register or remote
	// monitoring answered without the health special category.
	CodeHealthCategoryMissing = "health-category-missing"
	// CodeUrgentApproverMissing: access from a Non-Adequate Country, and
	// controller.urgent_access_approver names no one who may approve urgent
	// access orally (clause remote-access): annex F states that no one
	// holds the authority, and oral approval cannot be used until the
	// Controller has notified the Processor in writing (warning in a final
	// agreement, info in a draft).
	CodeUrgentApproverMissing = "urgent-approver-missing"
)

// Tool defaults for the terms added with the drafting rules.
const (
	DefaultBackupIntervalHours = 24
	DefaultRestoreTimeHours    = 24
	DefaultExitAccessDays      = 180
	// Where patient records are processed (or the answer is missing), the
	// defaults are stricter: a patient record must be available for health
	// care at all hours, so at most 4 hours of changes may be lost and a
	// restore must be possible within 8 hours.
	PatientRecordBackupIntervalHours = 4
	PatientRecordRestoreTimeHours    = 8
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
	r := a.Risk
	f.PatientData = f.Health && (answers.Yes(r.PatientRecord) || answers.Yes(r.RemoteMonitoring))
	f.HealthRegister = f.Health && answers.Yes(r.HealthRegister)
	f.HealthSector = f.PatientData || f.HealthRegister
	f.HealthSectorUndecided = !f.HealthSector && (f.Health || !f.SpecialCategoriesAnswered) &&
		(r.PatientRecord == nil || r.HealthRegister == nil || r.RemoteMonitoring == nil)
	if a.Controller.PublicBody != nil {
		f.PublicBody = *a.Controller.PublicBody
		f.PublicBodyKnown = true
	}
	f.StorageOutsideNorway = storageOutsideNorway(a)
	f.ArchiveAct = ArchiveActAt(a.Agreement.Date)
	f.RetentionUndecided = !f.PublicBodyKnown || f.HealthSectorUndecided
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
	// yes/no answers that select statutes and protective clauses: absent
	// is not false (an answered false drops them), so each is asked for
	if a.Controller.PublicBody == nil {
		add(sev(Error, Warning), CodeDecisionMissing, "controller.public_body", map[string]any{"Why": ui.T("decision.public_body")})
	}
	for _, d := range a.Risk.Decisions() {
		if d.Value == nil {
			add(sev(Error, Warning), CodeDecisionMissing, d.Path, map[string]any{"Why": ui.T("decision." + strings.TrimPrefix(d.Path, "risk."))})
		}
	}
	if a.Service.Deployment == "hybrid" && len(a.Service.HybridParts) == 0 {
		add(sev(Warning, Info), CodeDecisionMissing, "service.hybrid_parts", map[string]any{"Why": ui.T("decision.hybrid_parts")})
	}
	if answers.Yes(a.Risk.RemoteMonitoring) {
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
		add(sev(Error, Info), CodeDecisionMissing, "risk.health_register_controller_provision", map[string]any{"Why": ui.T("decision.health_register_controller_provision")})
	}
	// a public body storing data outside Norway: the agreement records the
	// basis for archive material abroad, and a final agreement is not
	// written without it; consent and a copy in Norway need their details
	if f.PublicBody && f.StorageOutsideNorway {
		switch a.Controller.ArchiveAbroad {
		case "":
			add(sev(Error, Warning), CodeDecisionMissing, "controller.archive_abroad", map[string]any{"Why": ui.T("decision.archive_abroad", map[string]any{"Act": f.ArchiveAct.Cite(ui.Lang)})})
		case "consent":
			if strings.TrimSpace(a.Controller.ArchiveConsentRef) == "" {
				add(sev(Error, Warning), CodeMissingField, "controller.archive_consent_ref", nil)
			}
		case "copy_in_norway":
			// one branch of the copy duty is written: who holds the copy
			// decides whether the processor delivers to the controller's
			// archive system (location and format) or keeps the copy at its
			// own location in Norway (listed in locations, so in 8.1 and
			// annex C); the lag is a choice of its own, never the backup
			// interval
			c := a.Controller
			switch c.ArchiveCopyHeldBy {
			case "":
				add(sev(Error, Warning), CodeDecisionMissing, "controller.archive_copy_held_by", map[string]any{"Why": ui.T("decision.archive_copy_held_by")})
			case "controller":
				if strings.TrimSpace(c.ArchiveCopyLocation) == "" {
					add(sev(Error, Warning), CodeMissingField, "controller.archive_copy_location", nil)
				}
				if c.ArchiveCopyFormat == "" {
					add(sev(Error, Warning), CodeDecisionMissing, "controller.archive_copy_format", map[string]any{"Why": ui.T("decision.archive_copy_format")})
				}
			case "processor":
				if len(NorwayLocations(a)) == 0 {
					add(sev(Error, Warning), CodeDecisionMissing, "controller.archive_copy_held_by", map[string]any{"Why": ui.T("decision.archive_copy_site")})
				}
			}
			if c.ArchiveCopyIntervalHours == nil {
				add(sev(Error, Warning), CodeDecisionMissing, "controller.archive_copy_interval_hours", map[string]any{"Why": ui.T("decision.archive_copy_interval_hours")})
			}
		}
	}
	// a public body's return at exit: whether it includes an archive
	// extract ready for deposit (Noark 5 only for record-keeping systems)
	if f.PublicBody && a.Terms.ArchiveExtract == "" {
		add(sev(Warning, Info), CodeDecisionMissing, "terms.archive_extract", map[string]any{"Why": ui.T("decision.archive_extract")})
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
	// the oral urgent approval of clause remote-access (access from a
	// Non-Adequate Country) may be given only by whom the Controller has
	// authorised: annex F names the holder, or says that no one holds it
	if f.RestrictedAccess && !a.Controller.UrgentAccessApprover.Answered() {
		add(sev(Warning, Info), CodeUrgentApproverMissing, "controller.urgent_access_approver", nil)
	}
	if !f.Health && (answers.Yes(a.Risk.PatientRecord) || answers.Yes(a.Risk.HealthRegister) || answers.Yes(a.Risk.RemoteMonitoring)) {
		add(Warning, CodeHealthCategoryMissing, "processing.special_categories", nil)
	}

	out = append(out, TransferPosition(a, f, ui)...)
	// the backup clause names where backups are kept: a final agreement
	// with locations but none for backup cannot be signed (the clause would
	// require a site nobody named); a draft whose locations are filled in
	// gets a warning, a tender draft without locations shows a blank
	if len(a.Locations) > 0 {
		backup := false
		for _, l := range a.Locations {
			backup = backup || BackupLocation(l)
		}
		for _, s := range a.Subprocessors {
			backup = backup || (NamesBackup(s.Service) && len(s.Locations) > 0)
		}
		if !backup {
			add(sev(Error, Warning), CodeBackupLocationMissing, "locations", nil)
		}
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
	for _, ds := range [][]Default{f.Terms.defaults, f.Security.defaults, f.schemeDefaults} {
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

// BackupLocation reports whether a location keeps backups: its role is
// backup or disaster_recovery, or, without a role, its free-text purpose
// names backup, disaster recovery or a reserve site (nb or en). A role of
// primary or processing is never a backup location, whatever the purpose says.
func BackupLocation(l answers.Location) bool {
	switch l.Role {
	case "backup", "disaster_recovery":
		return true
	case "":
	default:
		return false
	}
	return NamesBackup(l.Purpose)
}

// NamesBackup reports whether a free text (a location's purpose, a
// subprocessor's service) names backup, disaster recovery or a reserve
// site, in Norwegian or English.
func NamesBackup(text string) bool {
	p := strings.ToLower(strings.TrimSpace(text))
	if p == "dr" || strings.HasPrefix(p, "dr ") {
		return true
	}
	for _, w := range []string{"backup", "back-up", "sikkerhetskop", "disaster", "katastrofe", "reserve", "gjenoppretting", "recovery"} {
		if strings.Contains(p, w) {
			return true
		}
	}
	return false
}

// TransferPosition reports the controller's transfer position: a draft
// must state it (the tender tells bidders what they must meet), and every
// listed third-country destination it does not permit is a conflict (an
// error in a final agreement, a warning in a draft). none permits no
// destination outside the EEA; adequacy_only only destinations covered by
// an adequacy decision for the recipient (a DPF-certified US recipient
// included); with_safeguards any destination, on the clause's conditions.
func TransferPosition(a *answers.Answers, f *Facts, ui *i18n.Localizer) []doc.Finding {
	var out []doc.Finding
	draft := IsDraft(a)
	pos := a.Processing.ThirdCountryTransfers
	if pos == "" {
		if draft {
			out = append(out, newFinding(ui, Warning, CodeDecisionMissing, "processing.third_country_transfers", map[string]any{"Why": ui.T("decision.third_country_transfers")}))
		}
		return out
	}
	sev := Error
	if draft {
		sev = Warning
	}
	seen := map[string]bool{}
	for _, d := range f.Destinations {
		if pos == "with_safeguards" || (pos == "adequacy_only" && d.Adequate) || seen[d.Path] {
			continue
		}
		seen[d.Path] = true
		out = append(out, newFinding(ui, sev, CodeTransferPositionConflict, d.Path, map[string]any{
			"Party": d.Party, "Country": d.Country, "Position": ui.T("transfer_position." + pos)}))
	}
	return out
}

// AppliedDefaults is every default with legal effect that the terms and
// security answers left to the tool, in the order dpa check reports them.
func (f *Facts) AppliedDefaults() []Default {
	out := append([]Default(nil), f.Terms.defaults...)
	out = append(out, f.Security.defaults...)
	return append(out, f.schemeDefaults...)
}
