package assemble

import (
	"encoding/json"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/markdown"
	"github.com/dpa-no/dpa/internal/render/text"
	"github.com/dpa-no/dpa/internal/rules"
)

func pick(xs []string, i uint8) string { return xs[int(i)%len(xs)] }

// fuzzAnswers builds answers from fuzzed fields. Enum fields take one of
// their allowed values (or empty), as the strict loader guarantees; free
// text and country codes take anything.
func fuzzAnswers(txt, country, parent, addr string, enums uint64, hours int, n uint8) *answers.Answers {
	e := func(k uint) uint8 { return uint8(enums >> (k * 4) & 0xf) }
	bit := func(k uint) bool { return enums>>(40+k)&1 == 1 }
	bases := []string{"", "none", "adequacy", "scc", "bcr"}
	a := &answers.Answers{Format: 1}
	a.Status = pick([]string{"final", "draft"}, e(0))
	a.Language = pick([]string{"nb", "en"}, e(1))
	a.Agreement = answers.Agreement{Reference: txt, MainAgreement: txt, Place: addr}
	if bit(0) {
		a.Agreement.Date = "2026-11-22"
	}
	a.Controller = answers.Party{Name: txt, OrgNumber: pick([]string{"310 000 019", "974631408", txt, ""}, e(2)), Address: addr,
		Contact: answers.Contact{Name: txt, Email: txt, Phone: txt}, Signatory: answers.Signatory{Name: txt, Title: txt}}
	a.Processor = answers.Processor{Name: txt, OrgNumber: pick([]string{"310 000 027", "", txt}, e(3)), ForeignID: txt, Country: country, ParentCountry: parent,
		Address: addr, TransferBasis: pick(bases, e(4)), DPFCertified: bit(1), TIADone: bit(2)}
	a.Service = answers.Service{Name: txt, Description: txt, Model: pick([]string{"", "saas", "paas", "iaas"}, e(5)), Deployment: pick([]string{"", "private", "community", "public", "hybrid"}, e(6))}
	a.Processing = answers.Processing{Purposes: []string{txt}, Activities: []string{txt, "lagring"}, DataSubjects: []string{txt}, DataCategories: []string{txt},
		Duration: txt, Volume: pick([]string{"", "small", "medium", "large"}, e(7))}
	if bit(3) {
		a.Processing.SpecialCategories = []string{pick([]string{"health", "genetic", "biometric", "racial_ethnic", "political", "religious", "union", "sex_life"}, e(8))}
	}
	a.Risk = answers.Risk{PatientRecord: answers.Bool(bit(4)), RemoteMonitoring: answers.Bool(bit(5)), NationalFunction: answers.Bool(bit(6)), Migration: answers.Bool(bit(7)), Level: pick([]string{"", "low", "medium", "high"}, e(9))}
	count := int(n % 8)
	for i := 0; i < count; i++ {
		a.Locations = append(a.Locations, answers.Location{Purpose: pick([]string{txt, "backup", "sikkerhetskopi", "primary storage"}, uint8(i)), Country: pick([]string{country, parent, "NO", "US"}, uint8(i)), Address: addr, Operator: txt})
		a.Subprocessors = append(a.Subprocessors, answers.Subprocessor{Name: txt, Country: pick([]string{country, "IE", "US"}, uint8(i)), ParentCountry: parent, Service: txt,
			Locations: []string{country, "NL"}, AccessCountries: []string{parent}, TransferBasis: pick(bases, uint8(i)+e(4)), DPFCertified: bit(8), TIADone: bit(9)})
	}
	a.AccessCountries = []string{country, parent}
	h := hours
	if bit(10) {
		a.Terms.BreachNoticeHours = &h
	}
	a.Terms.AuditFrequency = pick([]string{"", "yearly", "biennial", "on_request"}, e(10))
	a.Terms.SubprocessorAuthorisation = pick([]string{"", "specific", "general"}, e(11))
	a.Terms.SubprocessorNoticeDays = &h
	a.Terms.ReturnFormat = txt
	a.Terms.ReturnWithinDays = &h
	a.Terms.DeletionWithinDays = &h
	a.Terms.RestoreTimeHours = &h
	t, f := true, false
	if bit(11) {
		a.Security.EncryptionAtRest = &t
		a.Security.MFA = &f
	}
	a.Security.KeysHeldBy = pick([]string{"", "controller", "processor", "third_party_eea"}, e(12))
	a.Security.ISO27001 = bit(12)
	return a
}

// FuzzConditions derives facts from arbitrary answers, evaluates every
// condition of the embedded library, assembles in both languages and
// renders Markdown, text and JSON: no panic, no condition error, and text
// from the answers is never executed as a template.
func FuzzConditions(f *testing.F) {
	f.Add("Helse Vestby HF", "NO", "US", "Postboks 1", uint64(0x0123456789abcdef), 24, uint8(2))
	f.Add("{{ .Controller.Name }}", "XX", "", "", uint64(0), 0, uint8(0))
	f.Add("\u202e\x00\x1b[31m", "us", "CN", "{{/* c */}}", ^uint64(0), -1, uint8(7))
	f.Add("", "", "", "", uint64(0x1111111111111111), 73, uint8(1))
	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		f.Skipf("clause library does not load (being edited?): %v", err)
	}
	f.Fuzz(func(t *testing.T, txt, country, parent, addr string, enums uint64, hours int, n uint8) {
		a := fuzzAnswers(txt, country, parent, addr, enums, hours, n)
		for _, draft := range []bool{false, true} {
			facts := rules.Derive(a, draft)
			env := rules.NewEnv(a, facts)
			for _, c := range lib.Clauses {
				if _, err := c.Eval(&env); err != nil {
					t.Fatalf("clause %s: %v", c.ID, err)
				}
			}
			for _, r := range lib.Requirements {
				if _, err := r.Eval(&env); err != nil {
					t.Fatalf("requirement %s: %v", r.Key, err)
				}
			}
			_ = rules.Findings(a, facts, i18n.For("nb"))
		}
		for _, lang := range []string{"nb", "en"} {
			res, err := Assemble(Input{Answers: a, Raw: []byte(txt), Source: "f.yaml", Lib: lib, Lang: lang, Draft: true})
			if err != nil {
				t.Fatalf("assemble %s: %v", lang, err)
			}
			md := markdown.Bytes(res.Doc)
			_ = text.Bytes(res.Doc)
			if _, err := json.Marshal(res.Doc); err != nil {
				t.Fatalf("json: %v", err)
			}
			if len(md) == 0 {
				t.Fatal("empty markdown")
			}
		}
	})
}
