package assemble

import (
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/render/text"
)

// asWritten are the string fields that reach the document and are printed
// as written in every language: names, addresses, numbers, e-mail
// addresses, references (translations[] says why). Every other string
// field that reaches the document says something in a language and must
// be tagged dpa:"prose", so that translations[], value-as-written and
// check -l see it.
var asWritten = map[string]bool{
	"agreement.reference": true, "agreement.main_agreement": true, "agreement.place": true, "agreement.normen_version": true,
	"controller.name": true, "controller.org_number": true, "controller.address": true,
	"processor.name": true, "processor.org_number": true, "processor.address": true, "processor.foreign_id": true,
	"Contact.name": true, "Contact.email": true, "Contact.phone": true, "Signatory.name": true,
	"risk.device_manufacturer_name": true,
	"locations[].address":           true, "locations[].operator": true,
	"subprocessors[].name": true, "Recipient.subprocessor": true,
	"processor.parent_name": true, "subprocessors[].parent_name": true,
	"controller.urgent_access_approver.name": true, "controller.urgent_access_approver.email": true, "controller.urgent_access_approver.phone": true,
}

// TestFreeTextFieldsTagged fills every string field of a full answers file
// without a fixed form (no enum, pattern or date) with a marker of its own,
// renders the agreement in both languages and fails for a field whose
// marker is printed although it is neither tagged dpa:"prose" nor listed
// in asWritten: a free-text field that translations[] would miss.
func TestFreeTextFieldsTagged(t *testing.T) {
	file := "../../testdata/scenarios/saas-named-recipients.yaml"
	a, _ := loadFile(t, file)
	// reach the conditional texts that print the remaining fields
	a.Processing.SpecialCategories = []string{"health"}
	a.Risk.HealthRegister, a.Risk.RemoteMonitoring = answers.Bool(true), answers.Bool(true)
	a.Risk.DeviceManufacturer = "third_party"
	a.Agreement.MainAgreement, a.Agreement.NormenVersion = "x", "x"
	a.Translations = nil

	generic := regexp.MustCompile(`\[\d+\]`)
	fields := map[string]string{} // marker -> generic path
	n := 0
	mark := func(path string) string {
		n++
		m := "QX" + strconv.Itoa(n) + "XQ"
		fields[m] = strings.TrimSuffix(generic.ReplaceAllString(path, "[]"), "[]")
		return m
	}
	var fill func(v reflect.Value, path string, sf reflect.StructField)
	fill = func(v reflect.Value, path string, sf reflect.StructField) {
		fixed := strings.Contains(sf.Tag.Get("jsonschema"), "enum=") || strings.Contains(sf.Tag.Get("jsonschema"), "pattern=") || sf.Tag.Get("dpa") == "date"
		switch v.Kind() {
		case reflect.String:
			if !fixed && path != "" {
				v.SetString(mark(path))
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				f := v.Type().Field(i)
				name := strings.Split(f.Tag.Get("yaml"), ",")[0]
				if name == "translations" || name == "-" {
					continue
				}
				p := name
				if path != "" {
					p = path + "." + name
				}
				fill(v.Field(i), p, f)
			}
		case reflect.Slice:
			if v.Type().Elem().Kind() == reflect.String && !fixed && v.Len() == 0 {
				v.Set(reflect.ValueOf([]string{""}))
			}
			for i := 0; i < v.Len(); i++ {
				fill(v.Index(i), path+"["+strconv.Itoa(i)+"]", sf)
			}
		}
	}
	fill(reflect.ValueOf(a).Elem(), "", reflect.StructField{})

	lib, err := LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	printed := map[string]bool{}
	for _, lang := range i18n.Langs {
		res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: lang, Draft: true})
		if err != nil {
			t.Fatal(err)
		}
		txt := string(text.Bytes(res.Doc))
		for m, path := range fields {
			if strings.Contains(txt, m) {
				printed[path] = true
			}
		}
	}
	var paths []string
	for p := range printed {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		f, ok := answers.FieldByPath(p)
		if !ok {
			t.Errorf("%s: no catalogue entry", p)
			continue
		}
		key := f.TypeKey
		if f.Prose == (asWritten[p] || asWritten[key]) {
			t.Errorf("%s is printed into the agreement: tag it dpa:\"prose\" (free text) or list it in asWritten (a name, address or number), not both (prose=%v)", p, f.Prose)
		}
	}
	// the fields this test exists for are reached
	for _, p := range []string{"subprocessors[].access_schemes[].roles", "processing.purposes", "risk.health_register_regulation", "terms.liability_cap"} {
		if !printed[p] {
			t.Errorf("%s is not printed: the test no longer reaches it (printed: %v)", p, paths)
		}
	}
}

// TestSchemeRolesTranslated: the roles of an access scheme are free text:
// with a pair in translations[] the agreement prints them in its language,
// and without one check reports them (value-as-written).
func TestSchemeRolesTranslated(t *testing.T) {
	file := "../../testdata/scenarios/saas-named-recipients.yaml"
	a, _ := loadFile(t, file)
	var roles string
	for _, s := range a.Subprocessors {
		if len(s.AccessSchemes) > 0 {
			roles = s.AccessSchemes[0].Roles
		}
	}
	if roles == "" {
		t.Fatal("the scenario has no access scheme")
	}
	var others []answers.Translation
	for _, p := range a.Translations {
		if p.EN != roles {
			others = append(others, p)
		}
	}
	a.Translations = others
	lib, err := LoadLibrary("", i18n.For("nb"))
	if err != nil {
		t.Fatal(err)
	}
	asWritten := func() bool {
		res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: "nb", Langs: []string{"nb"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Findings {
			if f.Code == "value-as-written" && strings.Contains(f.Path, "access_schemes") {
				return true
			}
		}
		return false
	}
	if !asWritten() {
		t.Errorf("untranslated scheme roles are not reported as written")
	}
	nb := "vakt og hendelseshåndtering utenfor norsk arbeidstid"
	a.Translations = append(a.Translations, answers.Translation{NB: nb, EN: roles})
	if asWritten() {
		t.Errorf("translated scheme roles still reported as written")
	}
	res, err := Assemble(Input{Answers: a, Source: "x.yaml", Lib: lib, Lang: "nb"})
	if err != nil {
		t.Fatal(err)
	}
	txt := string(text.Bytes(res.Doc))
	if !strings.Contains(txt, nb) || strings.Contains(txt, roles) {
		t.Errorf("annex C does not print the roles in Norwegian")
	}
}
