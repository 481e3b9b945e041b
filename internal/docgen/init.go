package docgen

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/dpa-no/dpa/internal/answers"
)

// InitTemplate returns templates/init.<lang>.yaml: an answers file (status:
// draft) in which every field is explained from the catalogue, every coded
// value lists its options in plain words, and a value with legal effect is
// either left empty (the draft shows a blank) or marked as a choice.
func InitTemplate(lang string) ([]byte, error) {
	if p := answers.CatalogueProblems(); len(p) > 0 {
		return nil, fmt.Errorf("the field catalogue is incomplete:\n%s", strings.Join(p, "\n"))
	}
	w := words[lang]
	required = Required()
	var b bytes.Buffer
	for _, l := range wrap(w["header"], 76) {
		b.WriteString("# " + l + "\n")
	}
	fs := answers.Fields()
	children := map[string][]answers.Field{}
	var top []answers.Field
	for _, f := range fs {
		if f.Depth == 0 {
			top = append(top, f)
		} else {
			children[f.Parent] = append(children[f.Parent], f)
		}
	}
	var emit func(f answers.Field, indent string)
	emit = func(f answers.Field, indent string) {
		if f.Depth == 0 {
			b.WriteString("\n")
		}
		comment(&b, indent, f, lang)
		switch f.Kind {
		case "object":
			b.WriteString(indent + f.Key + ":\n")
			for _, c := range children[f.Path] {
				emit(c, indent+"  ")
			}
		case "list_of_objects":
			b.WriteString(indent + "# " + w["items"] + "\n")
			for _, c := range children[f.Path] {
				help := c.Help.In(lang)
				if len(c.Values) > 0 {
					help += " " + w["options"] + " " + valueList(c)
				}
				for i, l := range wrap(c.Key+": "+c.Label.In(lang)+". "+help, 72-len(indent)) {
					if i == 0 {
						b.WriteString(indent + "#   " + l + "\n")
					} else {
						b.WriteString(indent + "#     " + l + "\n")
					}
				}
			}
			b.WriteString(indent + f.Key + ": []\n")
			b.WriteString(indent + "# " + w["uncomment"] + "\n")
			for i, c := range children[f.Path] {
				lead := "#    "
				if i == 0 {
					lead = "#  - "
				}
				ex := c.Example.In(lang)
				if ex == "" {
					ex = `""`
				}
				b.WriteString(indent + lead + c.Key + ": " + ex + "\n")
			}
		default:
			b.WriteString(indent + line(f, lang) + "\n")
		}
	}
	for _, f := range top {
		emit(f, "")
	}
	return b.Bytes(), nil
}

// line is the YAML line of a leaf field in the template.
func line(f answers.Field, lang string) string {
	w := words[lang]
	switch f.Path {
	case "format":
		return "format: 1"
	case "status":
		return "status: draft          # " + w["choice"] + ": draft | final"
	case "language":
		return "language: " + lang + "           # " + w["choice"] + ": nb | en"
	}
	ex := f.Example.In(lang)
	switch {
	case len(f.Enum) > 0 && strings.HasPrefix(f.Kind, "list_of"):
		// nothing is answered for the user: left empty it is an open
		// question, not "none" ([] is the answer none)
		return f.Key + ":"
	case len(f.Enum) > 0:
		// no coded value is chosen for the user: empty is a blank in a
		// draft, or the default that the comment names
		return f.Key + ":"
	case f.Kind == "boolean" && f.Pointer && defaultWords(f, lang) == "":
		// a yes/no decision: nothing is answered for the user (left
		// empty it is open, and dpa check asks for it)
		return f.Key + ":"
	case f.Kind == "boolean" && f.Pointer:
		return "# " + f.Key + ": " + ex
	case f.Kind == "boolean":
		return f.Key + ": false"
	case f.Kind == "integer" || f.Kind == "date":
		return "# " + f.Key + ": " + ex
	case strings.HasPrefix(f.Kind, "list_of"):
		return f.Key + ": []"
	}
	return f.Key + ": \"\""
}

// comment writes the explanation of a field above it.
func comment(b *bytes.Buffer, indent string, f answers.Field, lang string) {
	w := words[lang]
	text := f.Label.In(lang) + ": " + f.Help.In(lang)
	if f.Kind != "object" && f.Kind != "list_of_objects" {
		if k := kindWords(f, lang); k != "" && len(f.Values) == 0 && f.Kind != "string" && f.Kind != "country" {
			text += " (" + k + ")"
		}
	}
	for _, l := range wrap(text, 76-len(indent)) {
		b.WriteString(indent + "# " + l + "\n")
	}
	if len(f.Values) > 0 && f.Path != "format" {
		b.WriteString(indent + "# " + w["options"] + "\n")
		for _, v := range f.Values {
			val := v.Value
			if val == "" {
				val = w["empty"]
			}
			for i, l := range wrap(val+" – "+v.Label.In(lang)+": "+v.Help.In(lang), 72-len(indent)) {
				if i == 0 {
					b.WriteString(indent + "#   " + l + "\n")
				} else {
					b.WriteString(indent + "#     " + l + "\n")
				}
			}
		}
	}
	d := strings.ReplaceAll(defaultWords(f, lang), "`", "")
	switch {
	case f.Path == "status" || f.Path == "language" || f.Path == "format":
	case len(f.Enum) > 0 && strings.HasPrefix(f.Kind, "list_of"):
		for _, l := range wrap(w["enum_list"], 76-len(indent)) {
			b.WriteString(indent + "# " + l + "\n")
		}
	case len(f.Enum) > 0:
		msg := w["enum_empty"]
		if !required[f.Path] {
			msg = w["enum_optional"]
		}
		if d != "" {
			msg += " " + w["left_out"] + " " + d + "."
		}
		for _, l := range wrap(msg, 76-len(indent)) {
			b.WriteString(indent + "# " + l + "\n")
		}
	case f.Kind == "boolean" && f.Pointer && d == "":
		for _, l := range wrap(w["bool_decision"], 76-len(indent)) {
			b.WriteString(indent + "# " + l + "\n")
		}
	case f.Kind == "boolean" && f.Legal && !f.Pointer:
		for _, l := range wrap(w["bool_choice"], 76-len(indent)) {
			b.WriteString(indent + "# " + l + "\n")
		}
	case (f.Kind == "integer" || f.Kind == "date" || f.Pointer) && f.Kind != "object":
		msg := w["commented"]
		if d != "" {
			msg += " " + w["left_out"] + " " + d + "."
		}
		for _, l := range wrap(msg, 76-len(indent)) {
			b.WriteString(indent + "# " + l + "\n")
		}
	}
}

func valueList(f answers.Field) string {
	var vs []string
	for _, v := range f.Values {
		vs = append(vs, v.Value)
	}
	return strings.Join(vs, " | ")
}

// wrap breaks text into lines of at most n runes at spaces.
func wrap(text string, n int) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			if line != "" && len([]rune(line))+1+len([]rune(word)) > n {
				out = append(out, line)
				line = word
				continue
			}
			if line != "" {
				line += " "
			}
			line += word
		}
		out = append(out, line)
	}
	return out
}

// required is Required() while a template is written.
var required map[string]bool

var words = map[string]map[string]string{
	"nb": {
		"header":        "Svarfil for dpa (format 1). Hvert felt er forklart over seg. Fyll ut og kjør «dpa check FIL» og «dpa generate FIL». Tomme felt blir utfyllingsfelt i et utkast («[Databehandlers navn]»); «dpa check» viser hvor hvert av dem står. Sett status: final når alle felt er fylt ut; da må «dpa check» være uten feil. Skriv landkoder i anførselstegn (\"NO\"). Hele formatet: docs/answers.md i prosjektet.\n\nVALG betyr at verdien har rettslig virkning: sjekk at den stemmer for dere.",
		"choice":        "VALG",
		"options":       "Valg:",
		"empty":         "(tom)",
		"enum_empty":    "VALG: står tomt til dere har valgt; i et utkast blir det et utfyllingsfelt.",
		"enum_optional": "VALG: valgfritt; står tomt til dere har valgt.",
		"enum_list":     "VALG: skriv de som gjelder i listen, f.eks. [health], eller [] hvis ingen. Står feltet tomt, er det ikke besvart (ikke det samme som ingen).",
		"left_out":      "Utelatt:",
		"bool_choice":   "VALG: false er fylt inn; sett true om det gjelder dere.",
		"bool_decision": "VALG: skriv true eller false. Står feltet tomt, ber dpa check om valget (feil i en endelig avtale).",
		"commented":     "Fjern # foran linjen for å avtale en annen verdi.",
		"items":         "Hvert element har disse feltene:",
		"uncomment":     "Eksempel (fjern # og [] over for å bruke det; gjenta for flere):",
	},
	"en": {
		"header":        "Answers file for dpa (format 1). Every field is explained above it. Fill it in and run «dpa check FILE» and «dpa generate FILE». Empty fields become fill-in blanks in a draft («[Processor name]»); «dpa check» shows where each of them appears. Set status: final when every field is filled in; «dpa check» must then show no errors. Write country codes in quotes (\"NO\"). The whole format: docs/answers.md in the project.\n\nCHOICE means the value has legal effect: check that it is right for you.",
		"choice":        "CHOICE",
		"options":       "Options:",
		"empty":         "(empty)",
		"enum_empty":    "CHOICE: left empty until you have chosen; in a draft it becomes a fill-in blank.",
		"enum_optional": "CHOICE: optional; left empty until you have chosen.",
		"enum_list":     "CHOICE: write those that apply in the list, e.g. [health], or [] if none. Left empty, the field is not answered (not the same as none).",
		"left_out":      "Left out:",
		"bool_choice":   "CHOICE: false is filled in; set true if it applies to you.",
		"bool_decision": "CHOICE: write true or false. Left empty, dpa check asks for the decision (an error in a final agreement).",
		"commented":     "Remove the # in front of the line to agree another value.",
		"items":         "Each item has these fields:",
		"uncomment":     "Example (remove the # and the [] above to use it; repeat for more):",
	},
}
