package rules

import "github.com/dpa-no/dpa/internal/answers"

// Env is the typed environment that clause and requirement conditions are
// compiled against (expr-lang/expr). A condition that names a field not in
// Env fails when the library loads. Names are the answers-file names.
type Env struct {
	Status   string `expr:"status"`
	Draft    bool   `expr:"draft"`
	Language string `expr:"language"`

	Service    ServiceEnv    `expr:"service"`
	Processing ProcessingEnv `expr:"processing"`
	Risk       RiskEnv       `expr:"risk"`
	Terms      TermsEnv      `expr:"terms"`
	Security   SecurityEnv   `expr:"security"`

	HasSubprocessors bool `expr:"has_subprocessors"`
	// SubprocessorCount is the number of subprocessors.
	SubprocessorCount int `expr:"subprocessor_count"`
	// HasMainAgreement is true when agreement.main_agreement is given.
	HasMainAgreement bool `expr:"has_main_agreement"`

	// Derived facts (answers.md).
	ThirdCountryTransfer   bool     `expr:"third_country_transfer"`
	ThirdCountryAffiliated bool     `expr:"third_country_affiliated"`
	ThirdCountryAccess     bool     `expr:"third_country_access"`
	SpecialCategories      bool     `expr:"special_categories"`
	Health                 bool     `expr:"health"`
	SCCOrBCR               bool     `expr:"scc_or_bcr"`
	TransferBases          []string `expr:"transfer_bases"`
	RiskLevel              string   `expr:"risk_level"`

	// Controller is controller.*.
	Controller ControllerEnv `expr:"controller"`
	// PatientData: health data in a patient record or in remote monitoring
	// of patients (the patient-law clauses follow this, not health alone).
	PatientData bool `expr:"patient_data"`
	// HealthRegister: health data in a register under the Health Registries Act.
	HealthRegister bool `expr:"health_register"`
	// HealthSector: patient_data or health_register (Normen applies).
	HealthSector bool `expr:"health_sector"`
	// PublicCloud: public cloud, or a hybrid cloud with a public part.
	PublicCloud bool `expr:"public_cloud"`
	// Country classes (additive; see clauses/README.md). A Non-Adequate
	// Country is a third country without an adequacy decision for the
	// recipient (the United States without DPF certification).
	RestrictedTransfer               bool `expr:"restricted_transfer"`
	RestrictedAccess                 bool `expr:"restricted_access"`
	AdequacyTransfer                 bool `expr:"adequacy_transfer"`
	ThirdCountryEstablished          bool `expr:"third_country_established"`
	ForeignAuthorityExposure         bool `expr:"foreign_authority_exposure"`
	UnidentifiedRecipient            bool `expr:"unidentified_recipient"`
	RestrictedSubprocessorProcessing bool `expr:"restricted_subprocessor_processing"`
}

// ControllerEnv is controller.*.
type ControllerEnv struct {
	PublicBody      bool `expr:"public_body"`       // answered true
	PublicBodyKnown bool `expr:"public_body_known"` // answered at all
}

// ServiceEnv is service.*.
type ServiceEnv struct {
	Model      string `expr:"model"`
	Deployment string `expr:"deployment"`
}

// ProcessingEnv is processing.*.
type ProcessingEnv struct {
	SpecialCategories []string `expr:"special_categories"`
	Volume            string   `expr:"volume"`
}

// RiskEnv is risk.*.
type RiskEnv struct {
	PatientRecord    bool   `expr:"patient_record"`
	RemoteMonitoring bool   `expr:"remote_monitoring"`
	NationalFunction bool   `expr:"national_function"`
	Migration        bool   `expr:"migration"`
	Level            string `expr:"level"`
	HealthRegister   bool   `expr:"health_register"`
	// DeviceManufacturer is risk.device_manufacturer as written.
	DeviceManufacturer string `expr:"device_manufacturer"`
}

// TermsEnv is terms.* after defaults.
type TermsEnv struct {
	BreachNoticeHours         int    `expr:"breach_notice_hours"`
	AuditFrequency            string `expr:"audit_frequency"`
	SubprocessorAuthorisation string `expr:"subprocessor_authorisation"`
	SubprocessorNoticeDays    int    `expr:"subprocessor_notice_days"`
	ReturnWithinDays          int    `expr:"return_within_days"`
	DeletionWithinDays        int    `expr:"deletion_within_days"`
	RestoreTimeHours          int    `expr:"restore_time_hours"`
	BackupIntervalHours       int    `expr:"backup_interval_hours"`
	ExitAccessDays            int    `expr:"exit_access_days"`
}

// SecurityEnv is security.* after defaults.
type SecurityEnv struct {
	EncryptionAtRest bool   `expr:"encryption_at_rest"`
	MFA              bool   `expr:"mfa"`
	KeysHeldBy       string `expr:"keys_held_by"`
	ISO27001         bool   `expr:"iso27001"`
}

// NewEnv builds the condition environment.
func NewEnv(a *answers.Answers, f *Facts) Env {
	return Env{
		Status:   a.Status,
		Draft:    f.Draft,
		Language: a.Language,
		Service:  ServiceEnv{Model: a.Service.Model, Deployment: a.Service.Deployment},
		Processing: ProcessingEnv{
			SpecialCategories: a.Processing.SpecialCategories,
			Volume:            a.Processing.Volume,
		},
		Risk: RiskEnv{
			PatientRecord:    a.Risk.PatientRecord,
			RemoteMonitoring: a.Risk.RemoteMonitoring,
			NationalFunction: a.Risk.NationalFunction,
			Migration:        a.Risk.Migration,
			Level:            a.Risk.Level,
			HealthRegister:   a.Risk.HealthRegister,

			DeviceManufacturer: a.Risk.DeviceManufacturer,
		},
		Terms: TermsEnv{
			BreachNoticeHours:         f.Terms.BreachNoticeHours,
			AuditFrequency:            f.Terms.AuditFrequency,
			SubprocessorAuthorisation: f.Terms.SubprocessorAuthorisation,
			SubprocessorNoticeDays:    f.Terms.SubprocessorNoticeDays,
			ReturnWithinDays:          f.Terms.ReturnWithinDays,
			DeletionWithinDays:        f.Terms.DeletionWithinDays,
			RestoreTimeHours:          f.Terms.RestoreTimeHours,
			BackupIntervalHours:       f.Terms.BackupIntervalHours,
			ExitAccessDays:            f.Terms.ExitAccessDays,
		},
		Security: SecurityEnv{
			EncryptionAtRest: f.Security.EncryptionAtRest,
			MFA:              f.Security.MFA,
			KeysHeldBy:       f.Security.KeysHeldBy,
			ISO27001:         f.Security.ISO27001,
		},
		HasSubprocessors:       len(a.Subprocessors) > 0,
		SubprocessorCount:      len(a.Subprocessors),
		HasMainAgreement:       a.Agreement.MainAgreement != "",
		ThirdCountryTransfer:   f.ThirdCountryTransfer,
		ThirdCountryAffiliated: f.ThirdCountryAffiliated,
		ThirdCountryAccess:     f.ThirdCountryAccess,
		SpecialCategories:      f.SpecialCategories,
		Health:                 f.Health,
		SCCOrBCR:               f.SCCOrBCR,
		TransferBases:          f.TransferBases,
		RiskLevel:              f.RiskLevel,
		Controller:             ControllerEnv{PublicBody: f.PublicBody, PublicBodyKnown: f.PublicBodyKnown},
		PatientData:            f.PatientData,
		HealthRegister:         f.HealthRegister,
		HealthSector:           f.HealthSector,
		PublicCloud:            f.PublicCloud,

		RestrictedTransfer:               f.RestrictedTransfer,
		RestrictedAccess:                 f.RestrictedAccess,
		AdequacyTransfer:                 f.AdequacyTransfer,
		ThirdCountryEstablished:          f.ThirdCountryEstablished,
		ForeignAuthorityExposure:         f.ForeignAuthorityExposure,
		UnidentifiedRecipient:            f.UnidentifiedRecipient,
		RestrictedSubprocessorProcessing: f.RestrictedSubprocessorProcessing,
	}
}
