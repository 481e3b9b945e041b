package rules

import (
	"reflect"
	"sort"

	"github.com/dpa-no/dpa/internal/answers"
)

// Env is the typed environment that clause and requirement conditions are
// compiled against (expr-lang/expr). A condition that names a field not in
// Env fails when the library loads. Names are the answers-file names.
type Env struct {
	Status   string `expr:"status"`
	Language string `expr:"language"`

	// The derived facts (draft, third_country_transfer, health, ...), the
	// same values the clause templates see.
	Flags `expr:"-"`

	Service    Service       `expr:"service"`
	Processing ProcessingEnv `expr:"processing"`
	Risk       Risk          `expr:"risk"`
	Terms      Terms         `expr:"terms"`
	Security   Security      `expr:"security"`

	HasSubprocessors bool `expr:"has_subprocessors"`
	// SubprocessorCount is the number of subprocessors.
	SubprocessorCount int `expr:"subprocessor_count"`
	// HasMainAgreement is true when agreement.main_agreement is given.
	HasMainAgreement bool `expr:"has_main_agreement"`

	// Controller is controller.*.
	Controller ControllerEnv `expr:"controller"`
}

// ControllerEnv is controller.*.
type ControllerEnv struct {
	PublicBody      bool `expr:"public_body"`       // answered true
	PublicBodyKnown bool `expr:"public_body_known"` // answered at all
	// ArchiveAbroad is controller.archive_abroad as answered ("" when not).
	ArchiveAbroad string `expr:"archive_abroad"`
}

// Service is service.* as answered, for conditions (Env.Service) and
// templates (assemble.ServiceV embeds it).
type Service struct {
	Model      string `expr:"model"`
	Deployment string `expr:"deployment"`
}

// ProcessingEnv is processing.*.
type ProcessingEnv struct {
	SpecialCategories []string `expr:"special_categories"`
	Volume            string   `expr:"volume"`
	// ThirdCountryTransfers is the controller's transfer position as
	// answered: none, adequacy_only, with_safeguards or "".
	ThirdCountryTransfers string `expr:"third_country_transfers"`
}

// Risk is risk.* as answered, for conditions (Env.Risk) and templates
// (assemble.RiskV embeds it).
type Risk struct {
	PatientRecord    bool   `expr:"patient_record"`
	RemoteMonitoring bool   `expr:"remote_monitoring"`
	NationalFunction bool   `expr:"national_function"`
	Migration        bool   `expr:"migration"`
	Level            string `expr:"level"`
	HealthRegister   bool   `expr:"health_register"`
	// DeviceManufacturer is risk.device_manufacturer as written.
	DeviceManufacturer string `expr:"device_manufacturer"`
}

// NewEnv builds the condition environment.
func NewEnv(a *answers.Answers, f *Facts) Env {
	return Env{
		Status:   a.Status,
		Language: a.Language,
		Service:  ServiceOf(a),
		Processing: ProcessingEnv{
			SpecialCategories:     a.Processing.SpecialCategories,
			Volume:                a.Processing.Volume,
			ThirdCountryTransfers: a.Processing.ThirdCountryTransfers,
		},
		Risk:              RiskOf(a),
		Terms:             f.Terms,
		Security:          f.Security,
		HasSubprocessors:  len(a.Subprocessors) > 0,
		SubprocessorCount: len(a.Subprocessors),
		HasMainAgreement:  a.Agreement.MainAgreement != "",
		Flags:             f.Flags,
		Controller:        ControllerEnv{PublicBody: f.PublicBody, PublicBodyKnown: f.PublicBodyKnown, ArchiveAbroad: a.Controller.ArchiveAbroad},
	}
}

// ServiceOf is service.* of the answers.
func ServiceOf(a *answers.Answers) Service {
	return Service{Model: a.Service.Model, Deployment: a.Service.Deployment}
}

// RiskOf is risk.* of the answers.
func RiskOf(a *answers.Answers) Risk {
	r := a.Risk
	return Risk{PatientRecord: answers.Yes(r.PatientRecord), RemoteMonitoring: answers.Yes(r.RemoteMonitoring), NationalFunction: answers.Yes(r.NationalFunction),
		Migration: answers.Yes(r.Migration), Level: r.Level, HealthRegister: answers.Yes(r.HealthRegister), DeviceManufacturer: r.DeviceManufacturer}
}

// Name is one name a condition can use, with its Go type.
type Name struct {
	Path string       // "terms.breach_notice_hours"
	Type reflect.Type // int
}

// Names lists every name a condition can use (the expr tags of Env, of
// its nested structs and of the embedded Flags), sorted by path.
func Names() []Name {
	var out []Name
	var walk func(typ reflect.Type, prefix string)
	walk = func(typ reflect.Type, prefix string) {
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				walk(f.Type, prefix)
				continue
			}
			name := f.Tag.Get("expr")
			if !f.IsExported() || name == "" || name == "-" {
				continue
			}
			if f.Type.Kind() == reflect.Struct {
				walk(f.Type, prefix+name+".")
				continue
			}
			out = append(out, Name{Path: prefix + name, Type: f.Type})
		}
	}
	walk(reflect.TypeOf(Env{}), "")
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
