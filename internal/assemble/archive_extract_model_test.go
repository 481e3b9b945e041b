package assemble

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
)

// TestArchiveExtractFollowsModelAndArchive (findings R9-5, R9-15): in PaaS
// and IaaS the applications and databases are the Controller's (annex E)
// and the Processor may not read their content, so the Controller produces
// the archive extract and the Processor provides export functions; in SaaS
// the Processor produces it and a test extract. Where a public body keeps
// a complete copy of its archive in Norway (clause 8.2), the extract is a
// control copy and deposit takes place from the archive in Norway. Every
// model × copy in Norway or not × nb and en.
func TestArchiveExtractFollowsModelAndArchive(t *testing.T) {
	controllerMakes := map[string][]string{
		"nb": {"Behandlingsansvarlig lager selv uttrekket fra dem", "eksportere databaser, objektlagre og sikkerhetskopier uten å lese innholdet", "rette feil i eksportfunksjonene"},
		"en": {"the Controller itself produces the extract from them", "export databases, object stores and backups without reading their content", "remedy errors in the export functions"},
	}
	processorMakes := map[string][]string{
		"nb": {"Databehandler skal lage et prøveuttrekk", "rette feil og mangler som Behandlingsansvarlig eller arkivdepotet påviser i uttrekket"},
		"en": {"The Processor shall produce a test extract", "remedy errors and deficiencies that the Controller or the archive repository finds in the extract"},
	}
	controlCopy := map[string]string{
		"nb": "Uttrekket er en kontrollkopi til sammenligning med Behandlingsansvarliges arkiv i Norge etter punkt",
		"en": "The extract is a control copy for comparison with the Controller's archive in Norway under clause",
	}
	for _, lang := range i18n.Langs {
		lib, err := LoadLibrary("", i18n.For(lang))
		if err != nil {
			t.Fatal(err)
		}
		for _, model := range []string{"saas", "paas", "iaas"} {
			for _, copyInNorway := range []bool{false, true} {
				name := fmt.Sprintf("%s/%s/copy=%v", lang, model, copyInNorway)
				a := classBase()
				a.Language = lang
				a.Service.Model = model
				a.Controller.PublicBody = answers.Bool(true)
				a.Terms.ArchiveExtract = "other"
				a.Locations = []answers.Location{{Purpose: "primær", Country: "SE", Address: "Gata 1, Stockholm", Operator: "Leverandør AS"}}
				c := &a.Controller
				if copyInNorway {
					c.ArchiveAbroad, c.ArchiveCopyHeldBy, c.ArchiveCopyLocation, c.ArchiveCopyFormat = "copy_in_norway", "controller", "arkivsystemet i Bergen", "noark5"
					c.ArchiveCopyIntervalHours = intp(6)
				} else {
					c.ArchiveAbroad = "necessary_administration"
				}
				res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang})
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				_, p := clauseParas(res.Doc, "archive-extract")
				body := strings.Join(p, "\n")
				if body == "" {
					t.Fatalf("%s: no archive-extract clause", name)
				}
				own := model != "saas"
				for _, s := range controllerMakes[lang] {
					if strings.Contains(body, s) != own {
						t.Errorf("%s: %q present=%v, want %v:\n%s", name, s, !own, own, body)
					}
				}
				for _, s := range processorMakes[lang] {
					if strings.Contains(body, s) == own {
						t.Errorf("%s: %q present=%v, want %v:\n%s", name, s, own, !own, body)
					}
				}
				if strings.Contains(body, controlCopy[lang]) != copyInNorway {
					t.Errorf("%s: control-copy sentence present=%v, want %v:\n%s", name, !copyInNorway, copyInNorway, body)
				}
			}
		}
	}
}
