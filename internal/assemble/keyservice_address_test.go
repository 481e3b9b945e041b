package assemble

import (
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/markdown"
	"github.com/dpa-no/dpa/internal/rules"
)

// TestKeyServiceAddress: annex C lists the key service with its address
// like every location (clause 8.1 requires country and address). Given,
// the address is printed in the key-management row; missing, a final
// agreement draws missing-location-address at security.key_service.address
// (an error, as for a location without an address) and a draft (negotiation
// or tender) a warning, and the row shows the fill-in blank. The row never
// says "not stated". Final, negotiation draft and tender draft × address
// given and missing × nb and en.
func TestKeyServiceAddress(t *testing.T) {
	const addr = "Datavägen 1, 164 40 Kista"
	for _, lang := range []string{"nb", "en"} {
		lz := i18n.For(lang)
		lib, err := LoadLibrary("", lz)
		if err != nil {
			t.Fatal(err)
		}
		purpose, _, _ := strings.Cut(lz.T("annex.c.key_purpose", map[string]any{"Ref": "\x00"}), "\x00")
		notStated := map[string]string{"nb": "ikke angitt", "en": "not stated"}[lang]
		blank := lz.T("blank.key_service.address")
		for _, status := range []string{"final", "draft", "tender"} {
			for _, given := range []bool{true, false} {
				name := lang + " " + status
				if given {
					name += " with address"
				} else {
					name += " without address"
				}
				t.Run(name, func(t *testing.T) {
					a := classBase()
					a.Language = lang
					if status != "final" {
						a.Status = "draft"
					}
					if status == "tender" {
						a.Processor.Name = ""
					}
					a.Security.KeysHeldBy = "processor"
					a.Security.KeyService = &answers.KeyService{Operator: "Nøkkel AB", Country: "SE", AccessCountries: []string{"SE"}}
					if given {
						a.Security.KeyService.Address = addr
					}
					res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang})
					if err != nil {
						t.Fatal(err)
					}
					md := string(markdown.Bytes(res.Doc))
					var row string
					for _, l := range strings.Split(md, "\n") {
						if strings.HasPrefix(l, "| "+purpose) {
							row = l
						}
					}
					if row == "" {
						t.Fatalf("annex C has no key-management row %q", purpose)
					}
					cells := strings.Split(strings.Trim(row, "|"), "|")
					if len(cells) != 4 {
						t.Fatalf("key-management row %q: %d cells, want 4", row, len(cells))
					}
					want := blank
					if given {
						want = addr
					}
					// Markdown escapes the brackets of a blank
					if got := strings.NewReplacer(`\[`, "[", `\]`, "]").Replace(strings.TrimSpace(cells[2])); got != want {
						t.Errorf("address cell %q, want %q (row %q)", got, want, row)
					}
					if strings.Contains(row, notStated) {
						t.Errorf("key-management row says %q: %q", notStated, row)
					}
					var got []string
					for _, f := range res.Findings {
						if f.Path == "security.key_service.address" {
							got = append(got, f.Severity+" "+f.Code)
						}
					}
					var wantF []string
					if !given {
						sev := rules.Warning
						if status == "final" {
							sev = rules.Error
						}
						wantF = []string{sev + " " + rules.CodeMissingLocationAddress}
					}
					if strings.Join(got, ",") != strings.Join(wantF, ",") {
						t.Errorf("findings at security.key_service.address %v, want %v", got, wantF)
					}
				})
			}
		}
	}
}
