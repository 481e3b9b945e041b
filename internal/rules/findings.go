package rules

import (
	"reflect"
	"strings"
	"unicode"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/geo"
	"github.com/dpa-no/dpa/internal/i18n"
)

// Finding codes of spec/answers.md (and requirement-not-covered of cli.md).
const (
	CodeTransferWithoutBasis    = "transfer-without-basis"
	CodeTransferWithoutTIA      = "transfer-without-tia"
	CodeThirdCountryAffiliation = "third-country-affiliation"
	CodeInvalidOrgNumber        = "invalid-org-number"
	CodeUnknownCountry          = "unknown-country"
	CodeMissingLocationAddress  = "missing-location-address"
	CodeBreachNoticeOutOfRange  = "breach-notice-out-of-range"
	CodeRiskLevelLowered        = "risk-level-lowered"
	CodeMissingField            = "missing-field"
	CodeControlCharacter        = "control-character"
	CodeRequirementNotCovered   = "requirement-not-covered"
	CodeUnidentifiedRecipient   = "unidentified-recipient"
	CodeTIAAfterSignature       = "tia-after-signature"
	// CodeSchemeWithoutTIA: an access scheme from a Non-Adequate Country
	// has no dated transfer impact assessment for its recipient and
	// country (the approval in annex C rests on it).
	CodeSchemeWithoutTIA = "scheme-without-tia"
	// CodeSchemeTIANotAccepted: an access scheme with access to content
	// from a Non-Adequate Country, in a final agreement, without the
	// Controller's written acceptance of the assessment on or before the
	// agreement date (access_schemes[].tia_accepted): annex C shows the
	// scheme as pending, and access to content needs per-task approval.
	CodeSchemeTIANotAccepted = "scheme-tia-not-accepted"
	// CodeAdequacyNotInForce: a destination whose country's adequacy
	// decision is dated after the agreement date (or has expired by it):
	// the Agreement does not rely on it.
	CodeAdequacyNotInForce = "adequacy-not-in-force"
	// CodeCountryDataStale: the agreement is dated more than geo.StaleDays
	// after the country data (EEA, adequacy) was last checked.
	CodeCountryDataStale = "country-data-stale"
	// CodeArchiveAbroad: a public-body controller stores data outside
	// Norway and has not chosen the basis for archive material abroad
	// (controller.archive_abroad; the act is ArchiveActAt).
	CodeArchiveAbroad = "archive-abroad"
	// CodeCloudOperatorUnnamed: a public or hybrid cloud with no
	// sub-processor, every location run by the processor itself (or by
	// nobody named): either the cloud provider that runs the data centres
	// is an unlisted sub-processor, or the deployment model is wrong.
	CodeCloudOperatorUnnamed = "cloud-operator-unnamed"
	// CodeKeyServiceAccessMismatch: the key service can be reached from a
	// country (security.key_service.access_countries) from which its
	// operator (the processor, or the sub-processor named as operator) has
	// no access under access_countries: clause 8.1 and annex C then say the
	// operator's staff reach nothing from that country while the key
	// clause says they administer the keys from there.
	CodeKeyServiceAccessMismatch = "key-service-access-mismatch"
	// CodeKMSOperatorThirdCountryControl: the key service is operated by
	// an undertaking established in, or with its parent in, a Non-Adequate
	// Country (the United States counts: DPF covers only certified
	// recipients of transfers, not demands on a parent): key isolation does
	// not protect against a demand under that country's law to the
	// operator or its parent.
	CodeKMSOperatorThirdCountryControl = "kms-operator-third-country-control"
)

// Severities.
const (
	Error   = "error"
	Warning = "warning"
	Info    = "info"
)

// newFinding is one finding with its message "finding.<code>" in the UI
// language; the message data gets the path as .Path.
func newFinding(ui *i18n.Localizer, sev, code, path string, data map[string]any) doc.Finding {
	if data == nil {
		data = map[string]any{}
	}
	data["Path"] = path
	return doc.Finding{Severity: sev, Code: code, Path: path, Message: ui.T("finding."+code, data)}
}

// Findings validates answers and facts. Messages are in the UI language.
func Findings(a *answers.Answers, f *Facts, ui *i18n.Localizer) []doc.Finding {
	var out []doc.Finding
	add := func(sev, code, path string, data map[string]any) {
		out = append(out, newFinding(ui, sev, code, path, data))
	}
	draftSev := func() string {
		if IsDraft(a) {
			return Warning
		}
		return Error
	}

	// a public body's data stored outside Norway, anywhere (a location, a
	// backup or a subprocessor's location abroad, also inside the EEA):
	// the archives act in force at the agreement date (ArchiveActAt)
	// restricts keeping archive material abroad, and the agreement must
	// record the basis the controller relies on (controller.archive_abroad,
	// decision-missing in Drafting); this warning explains the rule while
	// the basis is not chosen
	if f.PublicBody && f.StorageOutsideNorway && a.Controller.ArchiveAbroad == "" {
		add(Warning, CodeArchiveAbroad, "locations", map[string]any{"Act": f.ArchiveAct.Cite(ui.Lang), "Authority": f.ArchiveAct.Authority(ui.Lang)})
	}

	// a shared (public or hybrid) cloud needs somebody who runs it
	if d := a.Service.Deployment; (d == "public" || d == "hybrid") && strings.TrimSpace(a.Processor.Name) != "" && len(a.Subprocessors) == 0 && ownLocations(a) {
		add(Warning, CodeCloudOperatorUnnamed, "service.deployment", map[string]any{"Processor": name(a.Processor.Name, ui), "Deployment": ui.T("deployment." + d)})
	}

	// control characters and bidirectional overrides, anywhere in the text
	walkStrings(reflect.ValueOf(a).Elem(), "", func(path, s string) {
		if r, ok := badRune(s); ok {
			add(Error, CodeControlCharacter, path, map[string]any{"Rune": "U+" + strings.ToUpper(hex(int(r)))})
		}
	})

	// organisation numbers
	for _, o := range []struct{ path, v string }{{"controller.org_number", a.Controller.OrgNumber}, {"processor.org_number", a.Processor.OrgNumber}} {
		if strings.TrimSpace(o.v) != "" && !ValidOrgNumber(o.v) {
			add(Error, CodeInvalidOrgNumber, o.path, map[string]any{"Value": o.v})
		}
	}

	// countries
	country := func(path, c string) {
		if c != "" && !geo.Valid(c) {
			add(Error, CodeUnknownCountry, path, map[string]any{"Value": c})
		}
	}
	country("processor.country", a.Processor.Country)
	country("processor.parent_country", a.Processor.ParentCountry)
	for i, l := range a.Locations {
		country(idx("locations", i)+".country", l.Country)
	}
	for i, c := range a.AccessCountries {
		country(idx("access_countries", i), c)
	}
	if ks := a.Security.KeyService; ks != nil {
		country("security.key_service.country", ks.Country)
		for i, c := range ks.AccessCountries {
			country(idx("security.key_service.access_countries", i), c)
		}
	}
	for j, s := range a.Subprocessors {
		sp := idx("subprocessors", j)
		country(sp+".country", s.Country)
		country(sp+".parent_country", s.ParentCountry)
		for i, c := range s.Locations {
			country(idx(sp+".locations", i), c)
		}
		for i, c := range s.AccessCountries {
			country(idx(sp+".access_countries", i), c)
		}
	}

	transferFindings(a, f, ui, add, draftSev())
	adequacyFindings(a, f, add)

	// the key service, checked against the access model; a warning on the
	// operator's control from a Non-Adequate Country replaces the generic
	// affiliation warning for that undertaking
	kmsOperator := keyServiceFindings(a, ui, add, draftSev())

	// third-country affiliation (Schrems II)
	aff := func(path, nm, c, pc string) {
		if kmsOperator != "" && strings.EqualFold(strings.TrimSpace(nm), kmsOperator) {
			return
		}
		for _, x := range []struct{ field, code string }{{"country", c}, {"parent_country", pc}} {
			if x.code == "" || geo.InEEA(x.code) || !geo.Valid(x.code) {
				continue
			}
			if _, ok := geo.DecisionOn(x.code, a.Agreement.Date); ok && x.code != "US" {
				continue
			}
			add(Warning, CodeThirdCountryAffiliation, path+"."+x.field, map[string]any{"Party": name(nm, ui), "Country": x.code})
			return
		}
	}
	aff("processor", a.Processor.Name, a.Processor.Country, a.Processor.ParentCountry)
	for j, s := range a.Subprocessors {
		aff(idx("subprocessors", j), s.Name, s.Country, s.ParentCountry)
	}

	// location addresses
	for i, l := range a.Locations {
		if strings.TrimSpace(l.Address) == "" {
			add(draftSev(), CodeMissingLocationAddress, idx("locations", i)+".address", map[string]any{"Purpose": l.Purpose, "Country": l.Country})
		}
	}
	// the key service annex C lists as a location of its own (keys not
	// held by the Controller, operator and country answered): its address
	// too, as for every location (clause processing-locations)
	if ks := a.Security.KeyService; ks != nil && a.Security.KeysHeldBy != "controller" && strings.TrimSpace(ks.Operator) != "" && geo.Valid(ks.Country) && strings.TrimSpace(ks.Address) == "" {
		add(draftSev(), CodeMissingLocationAddress, "security.key_service.address", map[string]any{"Purpose": ui.T("finding.key_service_location"), "Country": ks.Country})
	}

	// breach notice
	if h := a.Terms.BreachNoticeHours; h != nil && (*h < 1 || *h > 72) {
		add(Error, CodeBreachNoticeOutOfRange, "terms.breach_notice_hours", map[string]any{"Value": *h})
	}

	// risk level override
	if a.Risk.Level != "" && riskOrder[a.Risk.Level] < riskOrder[f.DerivedRiskLevel] {
		add(Error, CodeRiskLevelLowered, "risk.level", map[string]any{"Value": a.Risk.Level, "Derived": f.DerivedRiskLevel})
	}

	// translations that translate nothing
	translationFindings(a, add)

	// required fields
	sev := Error
	if IsDraft(a) {
		sev = Info
	}
	for _, m := range missing(a) {
		add(sev, CodeMissingField, m, nil)
	}
	return out
}

// ownLocations reports whether every location is operated by the
// processor itself or by nobody named (no location at all counts too).
func ownLocations(a *answers.Answers) bool {
	proc := strings.TrimSpace(a.Processor.Name)
	for _, l := range a.Locations {
		if op := strings.TrimSpace(l.Operator); op != "" && !strings.EqualFold(op, proc) {
			return false
		}
	}
	return true
}

// transferFindings reports, for the third-country destinations: a country
// where nobody is named as recipient; an importer without a valid basis
// for a Non-Adequate Country; an importer relying on SCC or BCR without a
// documented (or with a later-dated) transfer impact assessment.
func transferFindings(a *answers.Answers, f *Facts, ui *i18n.Localizer, add func(sev, code, path string, data map[string]any), draftSev string) {
	ps := parties(a)
	byPath := map[string]*party{}
	for i := range ps {
		byPath[ps[i].path] = &ps[i]
	}
	type acc struct {
		countries []string
		needTIA   bool
		dated     bool // every transfer to it that needs an assessment has a dated one
	}
	imp := map[string]*acc{}
	seen := map[string]bool{}
	for _, d := range f.Destinations {
		if d.RecipientKind == "" {
			if k := d.PartyPath + "\x00" + d.Country; !seen[k] {
				seen[k] = true
				add(draftSev, CodeUnidentifiedRecipient, d.Path, map[string]any{"Party": name(d.Party, ui), "Country": d.Country})
			}
			// the importer is unknown: the party's own assessment is the
			// one the answers can show
			if d.Restricted && (d.Basis == "scc" || d.Basis == "bcr") {
				x := imp[d.PartyPath]
				if x == nil {
					x = &acc{}
					imp[d.PartyPath] = x
				}
				x.needTIA = true
			}
			continue
		}
		if d.RecipientKind != "established" || !d.Restricted {
			continue // own staff: no transfer to another undertaking; adequacy: no further basis
		}
		x := imp[d.RecipientPath]
		if x == nil {
			x = &acc{}
			imp[d.RecipientPath] = x
		}
		if d.Basis == "scc" || d.Basis == "bcr" {
			x.needTIA = true
		} else if !contains(x.countries, d.Country) {
			x.countries = append(x.countries, d.Country)
		}
	}
	// an importer whose every transfer needing an assessment is dated
	// per country (recipients[].tia_date, tias) has its assessments
	undated, needs := map[string]bool{}, map[string]bool{}
	for _, t := range f.Transfers {
		if t.RecipientKind == "established" && t.Restricted && (t.Basis == "scc" || t.Basis == "bcr") {
			needs[t.RecipientPath] = true
			undated[t.RecipientPath] = undated[t.RecipientPath] || !t.TIADone
		}
	}
	for path, x := range imp {
		x.dated = needs[path] && !undated[path]
	}
	for _, p := range ps {
		x := imp[p.path]
		if x == nil {
			continue
		}
		if len(x.countries) > 0 {
			add(Error, CodeTransferWithoutBasis, p.path+".transfer_basis", map[string]any{"Party": name(p.name, ui), "Countries": strings.Join(x.countries, ", "), "Basis": basisOr(p.basis)})
		}
		if !x.needTIA {
			continue
		}
		if !p.tia && !x.dated {
			add(draftSev, CodeTransferWithoutTIA, p.path+".tia_done", map[string]any{"Party": name(p.name, ui), "Basis": strings.ToUpper(p.basis)})
		}
	}
	// an access scheme is approved in annex C only on a dated assessment
	// for its recipient and country, delivered before the access starts:
	// a scheme without one is reported at the scheme
	for _, t := range f.Transfers {
		if t.Scheme == nil || !t.Restricted || t.RecipientKind == "" || t.TIADate != "" || !contains(t.Kinds, "access") {
			continue
		}
		add(draftSev, CodeSchemeWithoutTIA, t.SchemePath, map[string]any{"Party": name(t.Recipient, ui), "Country": t.Country})
	}
	// a content scheme the Controller has not accepted is pending (safe,
	// but not what the parties may expect): reported once per scheme in a
	// final agreement
	seenScheme := map[string]bool{}
	for _, t := range f.Transfers {
		if t.Scheme == nil || !t.Restricted || !contains(t.Kinds, "access") || IsDraft(a) || seenScheme[t.SchemePath] || !SchemePending(t.Scheme, a.Agreement.Date) {
			continue
		}
		seenScheme[t.SchemePath] = true
		add(Warning, CodeSchemeTIANotAccepted, t.SchemePath+".tia_accepted", map[string]any{"Party": name(t.Recipient, ui), "Country": t.Country})
	}
	// one assessment per importer and country: each dated after signature
	// is reported at the field its date comes from
	reported := map[string]bool{}
	for _, t := range f.Transfers {
		if !t.Restricted || t.TIADate == "" || a.Agreement.Date == "" || t.TIADate <= a.Agreement.Date || reported[t.TIAPath] {
			continue
		}
		reported[t.TIAPath] = true
		add(draftSev, CodeTIAAfterSignature, t.TIAPath, map[string]any{"Party": name(t.Recipient, ui), "Country": t.Country, "Date": t.TIADate, "Signed": a.Agreement.Date})
	}
}

// missing lists the required fields that are empty.
func missing(a *answers.Answers) []string {
	var out []string
	req := func(path, v string) {
		if strings.TrimSpace(v) == "" {
			out = append(out, path)
		}
	}
	reqList := func(path string, v []string) {
		n := 0
		for _, s := range v {
			if strings.TrimSpace(s) != "" {
				n++
			}
		}
		if n == 0 {
			out = append(out, path)
		}
	}
	req("controller.name", a.Controller.Name)
	req("controller.org_number", a.Controller.OrgNumber)
	req("controller.address", a.Controller.Address)
	req("processor.name", a.Processor.Name)
	if strings.TrimSpace(a.Processor.OrgNumber) == "" && strings.TrimSpace(a.Processor.ForeignID) == "" {
		out = append(out, "processor.org_number")
	}
	req("processor.country", a.Processor.Country)
	req("processor.address", a.Processor.Address)
	req("service.name", a.Service.Name)
	req("service.model", a.Service.Model)
	req("service.deployment", a.Service.Deployment)
	reqList("processing.purposes", a.Processing.Purposes)
	reqList("processing.data_subjects", a.Processing.DataSubjects)
	reqList("processing.data_categories", a.Processing.DataCategories)
	req("processing.duration", a.Processing.Duration)
	if len(a.Locations) == 0 {
		out = append(out, "locations")
	}
	for i, l := range a.Locations {
		req(idx("locations", i)+".country", l.Country)
		req(idx("locations", i)+".operator", l.Operator)
	}
	for j, s := range a.Subprocessors {
		req(idx("subprocessors", j)+".name", s.Name)
		req(idx("subprocessors", j)+".country", s.Country)
		req(idx("subprocessors", j)+".service", s.Service)
	}
	return out
}

// ValidOrgNumber checks a Norwegian organisation number: nine digits
// (spaces allowed) whose last digit is the MOD11 check digit with weights
// 3 2 7 6 5 4 3 2.
func ValidOrgNumber(s string) bool {
	var d []int
	for _, r := range s {
		switch {
		case r == ' ' || r == '\u00a0':
		case r >= '0' && r <= '9':
			d = append(d, int(r-'0'))
		default:
			return false
		}
	}
	if len(d) != 9 {
		return false
	}
	w := []int{3, 2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i, x := range w {
		sum += x * d[i]
	}
	c := 11 - sum%11
	if c == 11 {
		c = 0
	}
	if c == 10 {
		return false
	}
	return c == d[8]
}

// badRune finds a control character other than tab and newline (CR is
// allowed as part of CRLF), or a bidirectional embedding/override/isolate.
func badRune(s string) (rune, bool) {
	for _, r := range s {
		if BadRune(r) {
			return r, true
		}
	}
	return 0, false
}

// BadRune is the control-character rule of the control-character finding:
// a control character other than tab, newline and CR, or a bidirectional
// embedding, override or isolate. `dpa diff` shows such characters as
// their code instead of writing them (diff.Text, Markdown, HTML).
func BadRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return unicode.IsControl(r)
}

// walkStrings calls fn for every string in v with its answers-file path.
func walkStrings(v reflect.Value, path string, fn func(path, s string)) {
	switch v.Kind() {
	case reflect.String:
		fn(path, v.String())
	case reflect.Ptr:
		if !v.IsNil() {
			walkStrings(v.Elem(), path, fn)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
			p := tag
			if path != "" {
				p = path + "." + tag
			}
			walkStrings(v.Field(i), p, fn)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), idx(path, i), fn)
		}
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func name(n string, ui *i18n.Localizer) string {
	if strings.TrimSpace(n) == "" {
		return ui.T("finding.unnamed")
	}
	return n
}

func basisOr(b string) string {
	if b == "" {
		return "none"
	}
	return b
}

func hex(i int) string {
	const digits = "0123456789abcdef"
	s := ""
	for k := 0; k < 4 || i > 0; k++ {
		s = string(digits[i&15]) + s
		i >>= 4
	}
	return s
}

// Blocking reports whether any finding is an error.
func Blocking(fs []doc.Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// adequacyFindings reports the adequacy decisions the agreement date rules
// out (a destination in a country whose decision is of a later date, or has
// expired by then: the Agreement treats the country as a Non-Adequate
// Country) and country data that may be stale on the agreement date.
func adequacyFindings(a *answers.Answers, f *Facts, add func(sev, code, path string, data map[string]any)) {
	date := a.Agreement.Date
	if date == "" {
		return
	}
	if geo.StaleOn(date) {
		add(Warning, CodeCountryDataStale, "agreement.date", map[string]any{"Date": date, "Checked": geo.Checked(), "Days": geo.StaleDays})
	}
	seen := map[string]bool{}
	for _, d := range f.Destinations {
		dec, ok := geo.Decision(d.Country)
		if !ok || dec.AppliesOn(date) || seen[d.Country] {
			continue
		}
		seen[d.Country] = true
		add(Warning, CodeAdequacyNotInForce, d.Path, map[string]any{"Country": d.Country, "Decision": dec.Decision, "DecisionDate": dec.Date, "Until": dec.Until, "Signed": date})
	}
}

// keyServiceFindings checks security.key_service against the access model:
// the countries the key service can be reached from must be countries its
// operator has access from (the processor's access_countries, or those of
// the sub-processor named as operator), since clause 8.1 and annex C list
// every country access is given from; and it warns when the operator is
// established in, or has its parent in, a Non-Adequate Country, and then
// returns the operator's name (its generic third-country-affiliation
// warning is replaced by this one).
func keyServiceFindings(a *answers.Answers, ui *i18n.Localizer, add func(sev, code, path string, data map[string]any), mismatchSev string) string {
	ks := a.Security.KeyService
	if ks == nil || a.Security.KeysHeldBy == "controller" {
		return ""
	}
	op := strings.TrimSpace(ks.Operator)
	if op == "" {
		return ""
	}
	type party struct {
		name, country, parent, parentName, path string
		access                                  []string
	}
	var operator *party
	if strings.EqualFold(op, strings.TrimSpace(a.Processor.Name)) {
		operator = &party{a.Processor.Name, a.Processor.Country, a.Processor.ParentCountry, a.Processor.ParentName, "access_countries", a.AccessCountries}
	}
	for j, s := range a.Subprocessors {
		if operator == nil && strings.EqualFold(op, strings.TrimSpace(s.Name)) {
			operator = &party{s.Name, s.Country, s.ParentCountry, s.ParentName, idx("subprocessors", j) + ".access_countries", s.AccessCountries}
		}
	}
	if operator == nil {
		// an independent third party: no access model in the answers to
		// compare with
		return ""
	}
	has := map[string]bool{}
	for _, c := range operator.access {
		has[c] = true
	}
	for i, c := range ks.AccessCountries {
		if c == "" || !geo.Valid(c) || has[c] {
			continue
		}
		add(mismatchSev, CodeKeyServiceAccessMismatch, idx("security.key_service.access_countries", i),
			map[string]any{"Operator": name(operator.name, ui), "Country": geo.Name(c, ui.Lang), "AccessPath": operator.path})
	}
	nonAdequate := func(c string) bool {
		return c != "" && geo.Valid(c) && !geo.InEEA(c) && (c == "US" || !geo.AdequateOn(c, false, a.Agreement.Date))
	}
	for _, x := range []struct{ c, how string }{{operator.country, "established"}, {operator.parent, "parent"}} {
		if nonAdequate(x.c) {
			parent := strings.TrimSpace(operator.parentName)
			add(Warning, CodeKMSOperatorThirdCountryControl, "security.key_service.operator",
				map[string]any{"Operator": name(operator.name, ui), "Country": geo.InText(x.c, ui.Lang), "ViaParent": x.how == "parent", "Parent": parent, "US": x.c == "US"})
			return strings.TrimSpace(operator.name)
		}
	}
	return ""
}
