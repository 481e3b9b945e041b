package assemble

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
)

// clauseParas returns the paragraphs and list items of clause id, in order.
func clauseParas(d *doc.Document, id string) (string, []string) {
	for _, c := range d.AllClauses() {
		if c.ID != id {
			continue
		}
		var out []string
		for _, b := range c.Blocks {
			switch b.Kind {
			case doc.Paragraph:
				out = append(out, b.Text)
			case doc.Bullets, doc.Numbered:
				out = append(out, strings.Join(b.Items, " "))
			}
		}
		return c.Number, out
	}
	return "", nil
}

// exitPhrases are the statements of chapter 12 the exit test looks for.
var exitPhrases = map[string]map[string]string{
	"en": {
		"holding":      "(the holding period)",
		"noOther":      "shall not delete the Personal Data on any other ground",
		"accessNoDel":  "The end of the access does not entitle the Processor to delete the Personal Data",
		"retainAlways": "however long that takes",
		"longStop":     "twelve months after the holding period began",
		"exception":    "except deletion under the third paragraph of clause %s",
		"oldTrigger":   "after the Controller's access has ended under clause",
		"missing":      "it shall not be deleted because the confirmation is missing",
	},
	"nb": {
		"holding":      "(oppbevaringsperioden)",
		"noOther":      "skal ikke slette Personopplysningene på noe annet grunnlag",
		"accessNoDel":  "Opphør av tilgangen gir ikke Databehandler rett til å slette Personopplysningene",
		"retainAlways": "uansett hvor lenge det tar",
		"longStop":     "tolv måneder etter at oppbevaringsperioden begynte",
		"exception":    "med unntak av sletting etter punkt %s tredje ledd",
		"oldTrigger":   "etter at Behandlingsansvarliges tilgang er opphørt",
		"missing":      "de skal ikke slettes fordi bekreftelsen mangler",
	},
}

// TestExitProcedureClasses is the class test for findings R1 A1 / R2 A-7:
// for every service model, kind of health data and public-body answer, in
// both languages, chapter 12 has one exit procedure. The end of the
// Controller's access never triggers deletion; the data is then kept in a
// holding period; where a retention duty is known or possible (patient
// data, a health register, a public body or an unanswered public_body) the
// holding period lasts until the Controller's written confirmation or
// choice; only without such a duty a long-stop may end it, and then the
// deletion clause's third paragraph is that long-stop and the exit plan's
// ban on deletion names exactly that exception.
func TestExitProcedureClasses(t *testing.T) {
	yes, no := true, false
	type kind struct {
		name                       string
		health, record, monitoring bool
		register                   bool
		retentionWithoutPublicBody bool
	}
	kinds := []kind{
		{name: "no special category"},
		{name: "health data (HR)", health: true},
		{name: "patient record", health: true, record: true, retentionWithoutPublicBody: true},
		{name: "remote monitoring", health: true, monitoring: true, retentionWithoutPublicBody: true},
		{name: "health register", health: true, register: true, retentionWithoutPublicBody: true},
	}
	publics := []struct {
		name string
		v    *bool
	}{{"public body", &yes}, {"private", &no}, {"public_body unanswered", nil}}
	n := 0
	for _, lang := range i18n.Langs {
		lib, err := LoadLibrary("", i18n.For(lang))
		if err != nil {
			t.Fatal(err)
		}
		ph := exitPhrases[lang]
		for _, model := range []string{"saas", "paas", "iaas"} {
			for _, k := range kinds {
				for _, pb := range publics {
					name := fmt.Sprintf("%s/%s/%s/%s", lang, model, k.name, pb.name)
					a := classBase()
					a.Language = lang
					a.Service.Model = model
					a.Controller.PublicBody = pb.v
					if k.health {
						a.Processing.SpecialCategories = []string{"health"}
					}
					a.Risk.PatientRecord, a.Risk.RemoteMonitoring, a.Risk.HealthRegister = answers.Bool(k.record), answers.Bool(k.monitoring), answers.Bool(k.register)
					res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang, Draft: true})
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					n++
					retention := k.retentionWithoutPublicBody || pb.v == nil || *pb.v
					_, ret := clauseParas(res.Doc, "return-of-data")
					delNo, del := clauseParas(res.Doc, "deletion")
					_, plan := clauseParas(res.Doc, "exit-plan")
					all := strings.Join(append(append(append([]string{}, ret...), del...), plan...), "\n")
					if strings.Contains(all, ph["oldTrigger"]) {
						t.Errorf("%s: the end of access still triggers deletion", name)
					}
					for _, key := range []string{"holding", "noOther", "accessNoDel", "missing"} {
						if !strings.Contains(all, ph[key]) {
							t.Errorf("%s: chapter 12 lacks %q", name, ph[key])
						}
					}
					if len(del) < 3 {
						t.Fatalf("%s: clause %s has %d paragraphs", name, delNo, len(del))
					}
					if !strings.Contains(del[1], ph["holding"]) {
						t.Errorf("%s: the second paragraph of %s is not the holding period: %q", name, delNo, del[1])
					}
					third := del[2]
					if retention {
						if !strings.Contains(third, ph["retainAlways"]) || strings.Contains(all, ph["longStop"]) {
							t.Errorf("%s: a retention duty is possible, but the holding period can end without the Controller: %q", name, third)
						}
						if strings.Contains(all, fmt.Sprintf(ph["exception"], delNo)) {
							t.Errorf("%s: exit plan names a deletion exception although no long-stop applies", name)
						}
					} else {
						if !strings.Contains(third, ph["longStop"]) {
							t.Errorf("%s: no retention duty, but the third paragraph of %s is not the long-stop: %q", name, delNo, third)
						}
						if !strings.Contains(strings.Join(plan, "\n"), fmt.Sprintf(ph["exception"], delNo)) {
							t.Errorf("%s: the exit plan's ban on deletion does not name the long-stop", name)
						}
					}
				}
			}
		}
	}
	if n != 2*3*5*3 {
		t.Errorf("ran %d combinations", n)
	}
}
