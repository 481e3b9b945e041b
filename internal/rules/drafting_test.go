package rules

import (
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
)

// complete is base() with every decision and every term with legal effect
// answered, so that Drafting reports nothing but the main-agreement note.
func complete() *answers.Answers {
	a := base()
	yes := true
	a.Controller.PublicBody = &yes
	a.Controller.BreachContact = answers.Contact{Email: "avvik@example.no"}
	a.Controller.DPO = answers.Contact{Name: "Personvernombudet"}
	a.Processor.BreachContact = answers.Contact{Phone: "+47 23 00 00 01"}
	a.Controller.Contact = answers.Contact{Name: "Kari"}
	a.Processor.Contact = answers.Contact{Email: "kontakt@example.com"}
	a.Processor.DPO = answers.Contact{Email: "dpo@example.com"}
	a.Terms = answers.Terms{
		BreachNoticeHours: ptr(24), AuditFrequency: "yearly", SubprocessorAuthorisation: "general", SubprocessorNoticeDays: ptr(45),
		ReturnFormat: "CSV", ReturnWithinDays: ptr(20), DeletionWithinDays: ptr(20), RestoreTimeHours: ptr(8),
		BackupIntervalHours: ptr(4), ExitAccessDays: ptr(90), LiabilityCap: "NOK 1", ArchiveExtract: "none",
	}
	a.Security = answers.Security{EncryptionAtRest: &yes, MFA: &yes, KeysHeldBy: "controller"}
	a.Processing.ThirdCountryTransfers = "none"
	a.Locations = append(a.Locations, answers.Location{Role: "backup", Country: "NO", Address: "Gate 2", Operator: "Leverandør AS"})
	return a
}

func drafting(a *answers.Answers) []finding {
	f := Derive(a, false)
	var out []finding
	for _, x := range Drafting(a, f, i18n.For("en")) {
		out = append(out, finding{x.Severity, x.Code, x.Path})
		if x.Message == "" || strings.HasPrefix(x.Message, "finding.") || strings.Contains(x.Message, "<no value>") {
			panic("untranslated or incomplete message for " + x.Code + ": " + x.Message)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path+out[i].code < out[j].path+out[j].code })
	return out
}

// TestHealthKinds: health data is not patient data. The patient-law facts
// follow a patient record or remote monitoring, the Health Registries Act a
// health register; health data alone (sick leave) is neither.
func TestHealthKinds(t *testing.T) {
	cases := []struct {
		name                                  string
		special                               []string
		record, register, monitoring          bool
		wantPatient, wantRegister, wantSector bool
	}{
		{"no health data", nil, false, false, false, false, false, false},
		{"employees' sick leave", []string{"health"}, false, false, false, false, false, false},
		{"research data without a register", []string{"health", "genetic"}, false, false, false, false, false, false},
		{"patient record", []string{"health"}, true, false, false, true, false, true},
		{"remote monitoring", []string{"health"}, false, false, true, true, false, true},
		{"national health register", []string{"health"}, false, true, false, false, true, true},
		{"register that is also a record", []string{"health"}, true, true, false, true, true, true},
		{"register answered without the health category", nil, false, true, false, false, false, false},
	}
	for _, c := range cases {
		a := base()
		a.Processing.SpecialCategories = c.special
		a.Risk.PatientRecord, a.Risk.HealthRegister, a.Risk.RemoteMonitoring = answers.Bool(c.record), answers.Bool(c.register), answers.Bool(c.monitoring)
		f := Derive(a, false)
		if f.PatientData != c.wantPatient || f.HealthRegister != c.wantRegister || f.HealthSector != c.wantSector {
			t.Errorf("%s: patient=%v register=%v sector=%v; want %v %v %v", c.name, f.PatientData, f.HealthRegister, f.HealthSector, c.wantPatient, c.wantRegister, c.wantSector)
		}
		env := NewEnv(a, f)
		if env.PatientData != f.PatientData || env.HealthRegister != f.HealthRegister || env.HealthSector != f.HealthSector {
			t.Errorf("%s: env differs from facts", c.name)
		}
	}
}

func TestPublicCloudAndBody(t *testing.T) {
	cases := []struct {
		deployment string
		parts      []string
		want       bool
	}{
		{"public", nil, true},
		{"private", nil, false},
		{"community", nil, false},
		{"hybrid", nil, false},
		{"hybrid", []string{"private", "on_premises"}, false},
		{"hybrid", []string{"private", "public"}, true},
	}
	for _, c := range cases {
		a := base()
		a.Service.Deployment, a.Service.HybridParts = c.deployment, c.parts
		if got := Derive(a, false).PublicCloud; got != c.want {
			t.Errorf("%s %v: public cloud %v, want %v", c.deployment, c.parts, got, c.want)
		}
	}
	a := base()
	if f := Derive(a, false); f.PublicBody || f.PublicBodyKnown {
		t.Errorf("unanswered public_body: %v %v", f.PublicBody, f.PublicBodyKnown)
	}
	no := false
	a.Controller.PublicBody = &no
	if f := Derive(a, false); f.PublicBody || !f.PublicBodyKnown {
		t.Errorf("public_body false: %v %v", f.PublicBody, f.PublicBodyKnown)
	}
}

func TestDrafting(t *testing.T) {
	cases := []struct {
		name string
		mod  func(a *answers.Answers)
		want []finding
	}{
		{"everything answered", func(a *answers.Answers) {}, nil},
		{"final without key custody is an error", func(a *answers.Answers) { a.Security.KeysHeldBy = "" }, []finding{
			{"info", "default-applied", "security.keys_held_by"}, {"error", "decision-missing", "security.keys_held_by"}}},
		{"draft without key custody is a warning", func(a *answers.Answers) { a.Status = "draft"; a.Security.KeysHeldBy = "" }, []finding{
			{"info", "default-applied", "security.keys_held_by"}, {"warning", "decision-missing", "security.keys_held_by"}}},
		{"public body unanswered", func(a *answers.Answers) { a.Controller.PublicBody = nil }, []finding{
			{"error", "decision-missing", "controller.public_body"}}},
		{"public body unanswered in a draft", func(a *answers.Answers) { a.Status = "draft"; a.Controller.PublicBody = nil }, []finding{
			{"warning", "decision-missing", "controller.public_body"}}},
		{"public body answered false: no finding", func(a *answers.Answers) {
			a.Controller.PublicBody = answers.Bool(false)
			a.Controller.DPO = answers.Contact{}
		}, nil},
		{"public body without DPO", func(a *answers.Answers) { a.Controller.DPO = answers.Contact{} }, []finding{
			{"warning", "dpo-missing", "controller.dpo"}}},
		{"private body needs no DPO finding", func(a *answers.Answers) {
			no := false
			a.Controller.PublicBody = &no
			a.Controller.DPO = answers.Contact{}
		}, nil},
		{"breach contacts and cap missing in a final", func(a *answers.Answers) {
			a.Controller.BreachContact, a.Processor.BreachContact, a.Terms.LiabilityCap = answers.Contact{Name: "only a name"}, answers.Contact{}, ""
		}, []finding{{"error", "missing-field", "controller.breach_contact"}, {"error", "missing-field", "processor.breach_contact"}, {"error", "missing-field", "terms.liability_cap"}}},
		{"breach contacts and cap missing in a draft", func(a *answers.Answers) {
			a.Status = "draft"
			a.Controller.BreachContact, a.Processor.BreachContact, a.Terms.LiabilityCap = answers.Contact{}, answers.Contact{}, ""
		}, []finding{{"warning", "missing-field", "controller.breach_contact"}, {"info", "missing-field", "processor.breach_contact"}, {"info", "missing-field", "terms.liability_cap"}}},
		// R2 D-2: in a draft the controller's own contact person is its own gap
		{"contact persons missing in a draft", func(a *answers.Answers) {
			a.Status = "draft"
			a.Controller.Contact, a.Processor.Contact = answers.Contact{}, answers.Contact{}
		}, []finding{{"warning", "missing-field", "controller.contact"}, {"info", "missing-field", "processor.contact"}}},
		{"hybrid cloud without its parts", func(a *answers.Answers) { a.Service.Deployment = "hybrid" }, []finding{
			{"warning", "decision-missing", "service.hybrid_parts"}}},
		{"hybrid cloud with its parts", func(a *answers.Answers) {
			a.Service.Deployment = "hybrid"
			a.Service.HybridParts = []string{"private", "public"}
		}, nil},
		{"remote monitoring without a manufacturer", func(a *answers.Answers) {
			a.Processing.SpecialCategories = []string{"health"}
			a.Agreement.NormenVersion = "6.0"
			a.Risk.RemoteMonitoring = answers.Bool(true)
		}, []finding{{"warning", "decision-missing", "risk.device_manufacturer"}}},
		{"third-party manufacturer without a name", func(a *answers.Answers) {
			a.Processing.SpecialCategories = []string{"health"}
			a.Agreement.NormenVersion = "6.0"
			a.Risk.RemoteMonitoring, a.Risk.DeviceManufacturer = answers.Bool(true), "third_party"
		}, []finding{{"error", "missing-field", "risk.device_manufacturer_name"}}},
		{"patient record without the health category", func(a *answers.Answers) { a.Risk.PatientRecord = answers.Bool(true) }, []finding{
			{"warning", "health-category-missing", "processing.special_categories"}}},
		{"health sector without a Normen version", func(a *answers.Answers) {
			a.Processing.SpecialCategories = []string{"health"}
			a.Risk.HealthRegister = answers.Bool(true)
			a.Risk.HealthRegisterRegulation = "forskrift om registeret"
			a.Risk.HealthRegisterControllerProvision = "forskriften om registeret § 3"
		}, []finding{{"info", "default-applied", "agreement.normen_version"}}},
		{"health register without its regulation", func(a *answers.Answers) {
			a.Processing.SpecialCategories = []string{"health"}
			a.Agreement.NormenVersion = "6.0"
			a.Risk.HealthRegister = answers.Bool(true)
			a.Risk.HealthRegisterControllerProvision = "forskriften om registeret § 3"
		}, []finding{{"warning", "decision-missing", "risk.health_register_regulation"}}},
		// B-10: the regulation designates the register's controller; the
		// agreement names the provision, and a final agreement without it warns
		{"health register without the provision designating its controller", func(a *answers.Answers) {
			a.Processing.SpecialCategories = []string{"health"}
			a.Agreement.NormenVersion = "6.0"
			a.Risk.HealthRegister = answers.Bool(true)
			a.Risk.HealthRegisterRegulation = "forskrift om registeret"
		}, []finding{{"error", "decision-missing", "risk.health_register_controller_provision"}}},
		{"a regulation without health data is no register: not asked", func(a *answers.Answers) {
			a.Risk.HealthRegister = answers.Bool(true)
		}, []finding{{"warning", "health-category-missing", "processing.special_categories"}}},
		{"sick leave is no health sector: no Normen version asked", func(a *answers.Answers) { a.Processing.SpecialCategories = []string{"health"} }, nil},
		// the contact person for the Agreement receives the ordinary notices
		{"no contact persons", func(a *answers.Answers) {
			a.Controller.Contact, a.Processor.Contact = answers.Contact{}, answers.Contact{}
		}, []finding{
			{"warning", "missing-field", "controller.contact"}, {"warning", "missing-field", "processor.contact"}}},
		// art. 37(1)(c): large-scale health data or patient data, and the
		// processor names no DPO; a named DPO or neither fact: no finding
		{"large-scale health data, no processor DPO", func(a *answers.Answers) {
			a.Processing.SpecialCategories, a.Processing.Volume = []string{"health"}, "large"
			a.Processor.DPO = answers.Contact{}
		}, []finding{{"warning", "processor-dpo-missing", "processor.dpo"}}},
		{"patient data, no processor DPO", func(a *answers.Answers) {
			a.Processing.SpecialCategories, a.Risk.PatientRecord, a.Agreement.NormenVersion = []string{"health"}, answers.Bool(true), "6.0"
			a.Processor.DPO = answers.Contact{}
		}, []finding{{"warning", "processor-dpo-missing", "processor.dpo"}}},
		{"patient data, processor DPO named", func(a *answers.Answers) {
			a.Processing.SpecialCategories, a.Risk.PatientRecord, a.Agreement.NormenVersion = []string{"health"}, answers.Bool(true), "6.0"
			a.Processor.DPO = answers.Contact{Email: "dpo@example.com"}
		}, nil},
		{"large volume without special categories", func(a *answers.Answers) { a.Processing.Volume, a.Processor.DPO = "large", answers.Contact{} }, nil},
		// B-5: any special category (here trade union membership, small
		// volume) without a processor DPO draws the warning
		{"trade union membership, no processor DPO", func(a *answers.Answers) {
			a.Processing.SpecialCategories, a.Processing.Volume = []string{"union"}, "small"
			a.Processor.DPO = answers.Contact{}
		}, []finding{{"warning", "processor-dpo-missing", "processor.dpo"}}},
		{"a main agreement gets the note on its annex for changes", func(a *answers.Answers) { a.Agreement.MainAgreement = "SSA-L 2018" }, []finding{
			{"info", "main-agreement-record", "agreement.main_agreement"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := complete()
			c.mod(a)
			got := drafting(a)
			want := append([]finding(nil), c.want...)
			sort.Slice(want, func(i, j int) bool { return want[i].path+want[i].code < want[j].path+want[j].code })
			if !reflect.DeepEqual(got, want) {
				t.Errorf("\n got %v\nwant %v", got, want)
			}
		})
	}
}

// TestDefaultsApplied: every default with legal effect is reported with its
// path and the value the agreement uses, and nothing answered is reported.
func TestDefaultsApplied(t *testing.T) {
	for _, level := range []string{"low", "medium", "high"} {
		a := base()
		a.Risk.Level = level
		f := Derive(a, false)
		got := map[string]string{}
		for _, x := range Defaults(a, f, i18n.For("en")) {
			if x.Severity != Info || x.Code != CodeDefaultApplied {
				t.Errorf("%s: %s %s", x.Path, x.Severity, x.Code)
			}
			got[x.Path] = x.Message
		}
		want := map[string]string{
			"terms.breach_notice_hours":        strconv.Itoa(f.Terms.BreachNoticeHours),
			"terms.audit_frequency":            f.Terms.AuditFrequency,
			"terms.subprocessor_authorisation": "specific",
			"terms.subprocessor_notice_days":   "30",
			"terms.return_format":              "a general wording",
			"terms.return_within_days":         "30",
			"terms.deletion_within_days":       "30",
			"terms.restore_time_hours":         "24",
			"terms.backup_interval_hours":      "24",
			"terms.exit_access_days":           "180",
			"security.keys_held_by":            "processor",
			"security.encryption_at_rest":      "true",
			"security.mfa":                     "true",
		}
		for path, value := range want {
			msg, ok := got[path]
			if !ok {
				t.Errorf("%s: default of %s not reported", level, path)
				continue
			}
			if !strings.Contains(msg, path) || !strings.Contains(msg, "uses "+value) {
				t.Errorf("%s: %s: message %q does not name the value %q", level, path, msg, value)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d defaults reported, want %d: %v", level, len(got), len(want), got)
		}
		if f.Terms.BreachNoticeHours != defaultBreachHours[f.RiskLevel] || f.Terms.AuditFrequency != defaultAudit[f.RiskLevel] {
			t.Errorf("%s: defaults by risk level not used: %+v", level, f.Terms)
		}
	}
	// IaaS: the controller holds the keys by default
	a := base()
	a.Service.Model = "iaas"
	for _, x := range Defaults(a, Derive(a, false), i18n.For("nb")) {
		if x.Path == "security.keys_held_by" && !strings.Contains(x.Message, "controller") {
			t.Errorf("iaas key default: %s", x.Message)
		}
	}
	// all answered: nothing reported
	if fs := Defaults(complete(), Derive(complete(), false), i18n.For("en")); len(fs) != 0 {
		t.Errorf("answered terms reported as defaults: %+v", fs)
	}
}

// TestRiskDecisionsAbsentIsNotFalse: every yes/no answer under risk that
// selects clauses or statutes gives decision-missing at its JSON path when
// absent (an error in a final agreement, a warning in a draft), none when
// answered false or true, and an absent answer is never read as yes.
func TestRiskDecisionsAbsentIsNotFalse(t *testing.T) {
	paths := map[string]func(*answers.Risk) **bool{
		"risk.patient_record":    func(r *answers.Risk) **bool { return &r.PatientRecord },
		"risk.health_register":   func(r *answers.Risk) **bool { return &r.HealthRegister },
		"risk.remote_monitoring": func(r *answers.Risk) **bool { return &r.RemoteMonitoring },
		"risk.national_function": func(r *answers.Risk) **bool { return &r.NationalFunction },
		"risk.migration":         func(r *answers.Risk) **bool { return &r.Migration },
	}
	var r answers.Risk
	if got := len(r.Decisions()); got != len(paths) {
		t.Fatalf("Decisions lists %d answers, the test %d", got, len(paths))
	}
	for _, d := range r.Decisions() {
		if paths[d.Path] == nil {
			t.Fatalf("Decisions lists %s, not in the test", d.Path)
		}
	}
	for path, field := range paths {
		for _, c := range []struct {
			status string
			value  *bool
			want   string // severity of decision-missing at path; "" none
		}{
			{"final", nil, "error"},
			{"draft", nil, "warning"},
			{"final", answers.Bool(false), ""},
			{"final", answers.Bool(true), ""},
			{"draft", answers.Bool(false), ""},
		} {
			a := complete()
			a.Status = c.status
			*field(&a.Risk) = c.value
			got := ""
			for _, x := range drafting(a) {
				if x.code == CodeDecisionMissing && x.path == path {
					got = x.sev
				}
			}
			if got != c.want {
				t.Errorf("%s %s = %v: decision-missing %q, want %q", c.status, path, c.value, got, c.want)
			}
			if c.value == nil {
				env := NewEnv(a, Derive(a, false))
				if env.Risk.PatientRecord || env.Risk.HealthRegister || env.Risk.RemoteMonitoring || env.Risk.NationalFunction || env.Risk.Migration {
					t.Errorf("%s absent is read as yes in the conditions", path)
				}
			}
		}
	}
}

// TestUndecidedReadings: an unanswered yes/no never takes the permissive
// branch: remote monitoring and a national function count for the risk
// level until answered, and a possible retention duty keeps the exit
// clauses on the cautious reading (RetentionUndecided).
func TestUndecidedReadings(t *testing.T) {
	for _, c := range []struct {
		name      string
		edit      func(*answers.Answers)
		level     string
		retention bool
	}{
		{"all answered, health, private cloud", func(a *answers.Answers) {}, "medium", false},
		{"remote monitoring unanswered", func(a *answers.Answers) { a.Risk.RemoteMonitoring = nil }, "high", true},
		{"national function unanswered", func(a *answers.Answers) { a.Risk.NationalFunction = nil }, "high", false},
		{"patient record unanswered", func(a *answers.Answers) { a.Risk.PatientRecord = nil }, "medium", true},
		{"health register unanswered", func(a *answers.Answers) { a.Risk.HealthRegister = nil }, "medium", true},
		{"migration unanswered", func(a *answers.Answers) { a.Risk.Migration = nil }, "medium", false},
		{"patient record answered: the health sector is known", func(a *answers.Answers) { a.Risk.PatientRecord, a.Risk.HealthRegister = answers.Bool(true), nil }, "medium", false},
		{"no health data: patient record unanswered keeps no duty open", func(a *answers.Answers) {
			a.Processing.SpecialCategories = []string{"union"}
			a.Risk.PatientRecord = nil
		}, "medium", false},
		{"public body unanswered", func(a *answers.Answers) { a.Controller.PublicBody = nil }, "medium", true},
	} {
		a := complete()
		a.Processing.SpecialCategories = []string{"health"}
		c.edit(a)
		f := Derive(a, false)
		if f.RiskLevel != c.level || f.RetentionUndecided != c.retention {
			t.Errorf("%s: level %s, retention undecided %v; want %s, %v (reasons %v)", c.name, f.RiskLevel, f.RetentionUndecided, c.level, c.retention, codes(f.RiskReasons))
		}
	}
}
