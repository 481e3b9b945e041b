package assemble

import (
	"strconv"
	"strings"

	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/geo"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/rules"
)

// NewView builds the template data for one language. a is the answers as
// the document prints them: Result.Render passes answers.Translated(lang),
// so that the free-text values are in lang where translations[] has them.
func NewView(a *answers.Answers, f *rules.Facts, lang string) *View {
	lz := i18n.For(lang)
	blank := func(id string) string { return lz.T("blank." + id) }
	t := func(v, id string) T { return T{V: v, Blank: blank(id)} }
	and := lz.T("doc.and")
	list := func(items []string, id string) L { return L{Items: items, Blank: blank(id), and: and} }
	country := func(code, id string) T {
		if code == "" {
			return T{Blank: blank(id)}
		}
		return T{V: geo.InText(code, lang), Blank: blank(id)}
	}
	countries := func(codes []string, id string) L {
		var names []string
		seen := map[string]bool{}
		for _, c := range codes {
			if c == "" || seen[c] {
				continue
			}
			seen[c] = true
			names = append(names, geo.InText(c, lang))
		}
		return L{Items: names, Blank: blank(id), and: and}
	}
	basisName := func(b string) string {
		if b == "" {
			b = "none"
		}
		return lz.T("basis." + b)
	}
	party := func(p answers.Party, who string) PartyV {
		return PartyV{
			Name: t(p.Name, who+".name"), OrgNumber: t(p.OrgNumber, who+".org_number"), Address: t(p.Address, who+".address"),
			ContactName: t(p.Contact.Name, who+".contact"), ContactEmail: t(p.Contact.Email, who+".email"), ContactPhone: t(p.Contact.Phone, who+".phone"),
			SignatoryName: t(p.Signatory.Name, who+".signatory"), SignatoryTitle: t(p.Signatory.Title, who+".signatory_title"),
			ContactSet: contactSet(p.Contact), DPOSet: contactSet(p.DPO),
		}
	}
	pr := a.Processor
	v := &View{
		Lang:  lang,
		Flags: f.Flags,
		Agreement: AgreementV{
			Reference: t(a.Agreement.Reference, "reference"), MainAgreement: t(a.Agreement.MainAgreement, "main_agreement"),
			HasMain: strings.TrimSpace(a.Agreement.MainAgreement) != "", Date: t(a.Agreement.Date, "date"), Place: t(a.Agreement.Place, "place"),
			NormenVersion: T{V: a.Agreement.NormenVersion, Blank: lz.T("doc.normen_in_force")},
		},
		Controller: party(a.Controller, "controller"),
		Processor: ProcessorV{
			PartyV:    party(answers.Party{Name: pr.Name, OrgNumber: pr.OrgNumber, Address: pr.Address, Contact: pr.Contact, Signatory: pr.Signatory, DPO: pr.DPO}, "processor"),
			ForeignID: t(pr.ForeignID, "processor.foreign_id"), Country: pr.Country, CountryName: country(pr.Country, "processor.country"),
			ParentCountry: pr.ParentCountry, ParentCountryName: country(pr.ParentCountry, "processor.parent_country"), ParentName: T{V: strings.TrimSpace(pr.ParentName)},
			TransferBasis: pr.TransferBasis, TransferBasisName: basisName(pr.TransferBasis), DPFCertified: answers.Yes(pr.DPFCertified), DPFStated: pr.DPFCertified != nil, TIADone: pr.TIADone,
		},
		Service: ServiceV{
			Name: t(a.Service.Name, "service.name"), Description: t(a.Service.Description, "service.description"),
			Service: rules.ServiceOf(a), ModelName: modelName(lz, a.Service.Model), DeploymentName: deploymentName(lz, a.Service.Deployment),
			HybridParts: list(localise(lz, "hybrid_part.", a.Service.HybridParts), "hybrid_parts"), HybridPublic: a.Service.Deployment == "hybrid" && f.PublicCloud,
		},
		Processing: ProcessingV{
			Purposes: list(a.Processing.Purposes, "purposes"), Activities: list(a.Processing.Activities, "activities"),
			DataSubjects: list(a.Processing.DataSubjects, "data_subjects"), DataCategories: list(a.Processing.DataCategories, "data_categories"),
			SpecialCategories: list(localise(lz, "special.", a.Processing.SpecialCategories), "special_categories"),
			Duration:          t(a.Processing.Duration, "duration"), Volume: a.Processing.Volume,
			ThirdCountryTransfers: a.Processing.ThirdCountryTransfers, TransferPosition: t("", "third_country_transfers"),
		},
		Risk: RiskV{Risk: rules.RiskOf(a), DeviceManufacturerName: t(a.Risk.DeviceManufacturerName, "device_manufacturer"), HealthRegisterRegulation: t(a.Risk.HealthRegisterRegulation, "health_register_regulation"), HealthRegisterControllerProvision: t(a.Risk.HealthRegisterControllerProvision, "health_register_controller_provision"), HealthRegisterControllerSection: T{V: controllerSection(a.Risk.HealthRegisterControllerProvision, lang)}},
		Terms: TermsV{
			Terms: f.Terms, AuditFrequencyText: lz.T("audit." + f.Terms.AuditFrequency),
			ReturnFormat: T{V: strings.TrimSpace(a.Terms.ReturnFormat), Blank: lz.T("doc.default_return_format")},
			LiabilityCap: t(strings.TrimSpace(a.Terms.LiabilityCap), "liability_cap"),
		},
		Security:               securityView(a, f, lz, t, countries),
		HasSubprocessors:       len(a.Subprocessors) > 0,
		RiskLevelName:          lz.T("risk." + f.RiskLevel),
		AffiliatedParties:      list(f.AffiliatedParties, "party"),
		AdequacyChecked:        geo.Checked(),
		PublicBody:             f.PublicBody,
		PublicBodyKnown:        f.PublicBodyKnown,
		PublicBodyBlank:        T{Blank: blank("public_body")},
		PublicBodyArchiveBlank: T{Blank: blank("public_body_archive")},
		Translations:           len(a.Translations) > 0,
		TypedLang:              answers.Typed(a),
		ArchiveAbroad:          a.Controller.ArchiveAbroad,
		ArchiveConsentRef:      t(strings.TrimSpace(a.Controller.ArchiveConsentRef), "archive_consent_ref"),
		ArchiveCopyLocation:    t(strings.TrimSpace(a.Controller.ArchiveCopyLocation), "archive_copy_location"),
		ArchiveAct:             f.ArchiveAct.Cite(lang),
		ArchiveAuthority:       f.ArchiveAct.Authority(lang),
		ArchiveDeposit:         f.ArchiveAct.Deposit(lang),
		ArchiveCountries:       countries(rules.CountriesOutsideNorway(a), "countries"),
		ArchiveWholly:          rules.WhollyOutsideNorway(a),
		ArchiveCopyHeldBy:      a.Controller.ArchiveCopyHeldBy,
		ArchiveCopyFormat:      a.Controller.ArchiveCopyFormat,
		ArchiveCopyInterval:    T{Blank: blank("archive_copy_interval_hours")},
		ArchiveCopySiteBlank:   T{Blank: blank("archive_copy_site")},
		ArchiveCopyDelivered:   f.PublicBody && a.Controller.ArchiveAbroad == "copy_in_norway" && a.Controller.ArchiveCopyHeldBy == "controller",
	}
	if h := a.Controller.ArchiveCopyIntervalHours; h != nil {
		v.ArchiveCopyInterval.V = strconv.Itoa(*h)
	}
	var storage []string
	for _, l := range a.Locations {
		// the role, where given, is named with the purpose unless the
		// purpose already says it
		purpose := strings.TrimSpace(l.Purpose)
		if l.Role != "" {
			role := lz.T("location_role." + l.Role)
			switch {
			case purpose == "":
				purpose = role
			case !strings.Contains(strings.ToLower(purpose), strings.ToLower(role)):
				purpose += " (" + role + ")"
			}
		}
		lv := LocationV{Purpose: t(purpose, "location.purpose"), Role: l.Role, Address: t(l.Address, "location.address"), Operator: t(l.Operator, "location.operator"),
			Country: l.Country, CountryName: country(l.Country, "location.country"), InEEA: geo.InEEA(l.Country)}
		v.Locations = append(v.Locations, lv)
		if strings.TrimSpace(l.Country) == "NO" {
			v.ArchiveCopySites = append(v.ArchiveCopySites, lv)
		}
		if rules.BackupLocation(l) {
			v.BackupLocations = append(v.BackupLocations, lv)
		}
		storage = append(storage, l.Country)
	}
	v.StorageCountries = countries(storage, "countries")
	v.AccessCountries = countries(a.AccessCountries, "countries")
	for _, s := range a.Subprocessors {
		v.Subprocessors = append(v.Subprocessors, SubprocessorV{
			Name: t(s.Name, "subprocessor.name"), Service: t(s.Service, "subprocessor.service"),
			Country: s.Country, ParentCountry: s.ParentCountry,
			CountryName: country(s.Country, "subprocessor.country"), ParentCountryName: country(s.ParentCountry, "subprocessor.parent_country"), ParentName: T{V: strings.TrimSpace(s.ParentName)},
			Locations: countries(s.Locations, "countries"), AccessCountries: countries(s.AccessCountries, "countries"),
			TransferBasis: s.TransferBasis, TransferBasisName: basisName(s.TransferBasis), DPFCertified: answers.Yes(s.DPFCertified), DPFStated: s.DPFCertified != nil, TIADone: s.TIADone,
		})
	}
	for _, d := range f.Destinations {
		b := basisName(d.Basis)
		if d.Adequate {
			b = AdequacyBasis(d.Country, a.Agreement.Date, lz)
		}
		v.Destinations = append(v.Destinations, DestinationV{
			Party: t(d.Party, "party"), Country: d.Country, CountryName: country(d.Country, "location.country"),
			Kind: d.Kind, KindText: lz.T("kind." + d.Kind), BasisName: b, Adequate: d.Adequate,
		})
	}
	groupDestinations(v)
	transferViews(v, a, f, lz, t, list, country, basisName)
	v.BackupLocationBlank = t("", "backup_location")
	for i, s := range a.Subprocessors {
		if rules.NamesBackup(s.Service) && len(s.Locations) > 0 {
			v.BackupSubprocessors = append(v.BackupSubprocessors, v.Subprocessors[i])
		}
	}
	return v
}

// groupDestinations precomputes, in linear time, what clause templates
// need to know about the other destinations of a destination's party, and
// about the destinations of each subprocessor and of the processor. Parties
// are matched by name (T.Plain), as the templates did when they ranged over
// the destinations inside a range over the destinations, which made
// assembly quadratic in the number of third-country subprocessors.
func groupDestinations(v *View) {
	type party struct {
		est         int  // index of the last establishment destination, or -1
		other       bool // a storage or access destination
		nonAdequate bool // a destination without adequacy
	}
	type partyCountry struct{ party, country string }
	parties := map[string]*party{}
	runs := map[partyCountry][]int{} // storage and access destinations, in order
	adequate := map[partyCountry]bool{}
	v.byParty = map[string][]int{}
	ds := v.Destinations
	for i := range ds {
		d := &ds[i]
		k := d.Party.Plain()
		g := parties[k]
		if g == nil {
			g = &party{est: -1}
			parties[k] = g
		}
		v.byParty[k] = append(v.byParty[k], i)
		pc := partyCountry{k, d.Country}
		if d.Kind == "establishment" {
			g.est = i
		} else {
			g.other = true
			runs[pc] = append(runs[pc], i)
		}
		if !d.Adequate {
			g.nonAdequate = true
		} else if !adequate[pc] {
			adequate[pc] = true
			d.FirstAdequate = true
		}
	}
	for i := range ds {
		d := &ds[i]
		g := parties[d.Party.Plain()]
		if g.est >= 0 {
			c := ds[g.est].CountryName
			d.EstablishedIn = &c
		}
		d.PartyHasOther = g.other
		if d.Kind != "establishment" {
			r := runs[partyCountry{d.Party.Plain(), d.Country}]
			d.Repeat = r[0] != i
			if last := r[len(r)-1]; last > i {
				d.MoreKindText = ds[last].KindText
			}
		}
	}
	flags := func(name, basis string) (est, scc, sccOrBCR bool) {
		g := parties[name]
		if g == nil {
			return false, false, false
		}
		return g.est >= 0, g.nonAdequate && basis == "scc", g.nonAdequate && (basis == "scc" || basis == "bcr")
	}
	p := &v.Processor
	p.Established, p.SCCTransfer, p.SCCOrBCRTransfer = flags(p.Name.Plain(), p.TransferBasis)
	for i := range v.Subprocessors {
		s := &v.Subprocessors[i]
		s.Established, s.SCCTransfer, s.SCCOrBCRTransfer = flags(s.Name.Plain(), s.TransferBasis)
		v.SubprocessorSCCTransfer = v.SubprocessorSCCTransfer || s.SCCTransfer
		v.SubprocessorSCCOrBCRTransfer = v.SubprocessorSCCOrBCRTransfer || s.SCCOrBCRTransfer
	}
}

// transferViews fills the precomputed transfer data of the view.
func transferViews(v *View, a *answers.Answers, f *rules.Facts, lz *i18n.Localizer, t func(v, id string) T, list func([]string, string) L, country func(code, id string) T, basisName func(string) string) {
	v.ForeignAuthority = f.ForeignAuthorityExposure
	v.NonAdequateTerm = f.RestrictedTransfer || f.ThirdCountryAffiliated
	v.EstablishedParties = list(f.EstablishedParties, "party")
	pAbroad := a.Processor.Country != "" && !geo.InEEA(a.Processor.Country)
	var restricted, restrictedAccess, subs, serviceSubs, dpf, unnamed []string
	seen := map[string]bool{}
	addOnce := func(xs *[]string, key, x string) {
		if !seen[key] {
			seen[key] = true
			*xs = append(*xs, x)
		}
	}
	for _, d := range f.Destinations {
		if d.RecipientKind == "" {
			addOnce(&unnamed, "u"+d.Country, geo.InText(d.Country, lz.Lang))
		}
		if !d.Restricted {
			continue
		}
		addOnce(&restricted, "r"+d.Country, geo.InText(d.Country, lz.Lang))
		if d.Kind == "access" {
			addOnce(&restrictedAccess, "a"+d.Country, geo.InText(d.Country, lz.Lang))
		}
		if d.Kind == "storage" && d.RecipientPath != "" && d.RecipientPath != "processor" {
			if contains(f.ServiceSubprocessors, d.Recipient) {
				addOnce(&serviceSubs, "n"+d.Recipient, d.Recipient)
			} else {
				addOnce(&subs, "s"+d.Recipient, d.Recipient)
			}
		}
	}
	v.RestrictedCountries = list(restricted, "countries")
	v.UnidentifiedCountries = list(unnamed, "countries")
	v.RestrictedAccessCountries = list(restrictedAccess, "countries")
	v.RestrictedProcessingSubprocessors = list(subs, "party")
	v.RestrictedServiceSubprocessors = list(serviceSubs, "party")
	and := lz.T("doc.and")
	// the service each Sub-processor is authorised for (annex B): access by
	// a Sub-processor is instructed only for that service, not for
	// "operations and support" in general
	service := map[string]string{}
	for i, s := range a.Subprocessors {
		if strings.TrimSpace(s.Service) != "" {
			service["subprocessors["+strconv.Itoa(i)+"]"] = s.Service
		}
	}
	for _, tr := range f.Transfers {
		var kinds []string
		for _, k := range tr.Kinds {
			if k != "establishment" || len(tr.Kinds) == 1 {
				if svc, ok := service[tr.RecipientPath]; ok && k == "access" && tr.RecipientKind != "" {
					kinds = append(kinds, lz.T("kind.access_service", map[string]any{"Service": T{V: svc}.String()}))
					continue
				}
				if k == "storage" {
					// both apply at a location: "lagring, behandling og
					// fjerntilgang", not "lagring eller behandling og ..."
					kinds = append(kinds, lz.T("kind.stored"), lz.T("kind.processed"))
					continue
				}
				kinds = append(kinds, lz.T("kind."+k))
			}
		}
		if len(tr.Kinds) == 1 && tr.Kinds[0] == "establishment" {
			kinds = []string{lz.T("kind.establishment_only")}
		}
		tv := TransferV{
			Recipient: t(tr.Recipient, "recipient"), IsProcessor: tr.Processor, OwnStaff: tr.RecipientKind == "own_staff", Unidentified: tr.RecipientKind == "",
			Exporter: t(tr.Exporter, "party"), Country: tr.Country, CountryName: country(tr.Country, "location.country"),
			KindsText: joinAnd(kinds, and), OnBehalf: list(tr.OnBehalfOf, "party"), ExporterName: t(tr.Exporter, "party"),
			ExporterIsSub: tr.ExporterPath != "" && tr.ExporterPath != "processor",
			Basis:         tr.Basis, BasisName: basisName(tr.Basis), Adequate: tr.Adequate, Restricted: tr.Restricted,
			TIADone: tr.TIADone, ProcessorAbroad: pAbroad,
		}
		if tr.TIADate != "" {
			tv.TIADate = T{V: FormatDate(tr.TIADate, lz.Lang)}
		}
		tv.LawsText = lawsText(lz, tr.Laws)
		if tr.Scheme != nil && tr.Restricted && contains(tr.Kinds, "access") {
			// the facts hold the scheme as typed; print its roles (free
			// text) in lang, as every other free-text value
			roles := tr.Scheme.Roles
			if s, ok := answers.NewTranslator(a.Translations, answers.Typed(a)).In(roles, lz.Lang); ok {
				roles = s
			}
			tv.Scheme, tv.SchemeRoles, tv.SchemeContent = true, t(roles, "scheme_roles"), answers.Yes(tr.Scheme.Content)
			v.AccessSchemes = true
		}
		if tr.Restricted {
			for _, l := range tr.Laws {
				v.TIAUSLaw = v.TIAUSLaw || l.Country == "US"
			}
		}
		established := tr.RecipientKind == "established"
		switch {
		case tv.OwnStaff:
			tv.BasisName = lz.T("basis.own_staff")
		case tr.Adequate:
			tv.BasisName = AdequacyBasis(tr.Country, a.Agreement.Date, lz)
			if tr.Country == "US" {
				if established {
					tv.DPF = true
					addOnce(&dpf, "d"+tr.Recipient, tr.Recipient)
				}
			}
		}
		tv.SCC = established && tr.Restricted && tr.Basis == "scc"
		tv.BCR = established && tr.Restricted && tr.Basis == "bcr"
		switch {
		case !tr.Restricted:
			tv.TIAText = lz.T("tia.not_required")
		case tv.Unidentified:
			tv.TIAText = lz.T("tia.missing")
		case tv.OwnStaff && !tr.TIADone:
			tv.TIAText = lz.T("tia.own_staff")
		case tr.TIADone && tr.TIADate != "":
			tv.TIAText = lz.T("tia.done_dated", map[string]any{"Date": FormatDate(tr.TIADate, lz.Lang)})
		case tr.TIADone:
			tv.TIAText = lz.T("tia.done")
		default:
			tv.TIAText = lz.T("tia.missing")
		}
		v.OwnStaffTransfers = v.OwnStaffTransfers || tv.OwnStaff
		v.UnidentifiedTransfers = v.UnidentifiedTransfers || tv.Unidentified
		v.Transfers = append(v.Transfers, tv)
	}
	v.DPFRecipients = list(dpf, "party")
	for _, b := range f.TransferBases {
		v.BCRInUse = v.BCRInUse || (b == "bcr" && f.ThirdCountryTransfer)
	}
	// the laws that reach the chain, and the undertakings barred from keys
	var laws, restrictedSubs []string
	lawSeen := map[string]bool{}
	law := func(c string) {
		if c != "" && geo.Valid(c) && !geo.InEEA(c) && !lawSeen[c] {
			lawSeen[c] = true
			laws = append(laws, geo.InText(c, lz.Lang))
			v.USLaw = v.USLaw || c == "US"
		}
	}
	nonAdequateParent := func(c string) bool {
		return c != "" && geo.Valid(c) && !geo.InEEA(c) && (c == "US" || !geo.AdequateOn(c, false, a.Agreement.Date))
	}
	law(a.Processor.Country)
	law(a.Processor.ParentCountry)
	for _, s := range a.Subprocessors {
		law(s.Country)
		law(s.ParentCountry)
		if c := s.Country; c != "" && geo.Valid(c) && !geo.InEEA(c) && !geo.AdequateOn(c, answers.Yes(s.DPFCertified), a.Agreement.Date) {
			restrictedSubs = append(restrictedSubs, s.Name)
		}
	}
	for _, d := range f.Destinations {
		law(d.Country)
	}
	v.ForeignLawCountries = list(laws, "countries")
	// where each party in the chain is established outside the EEA, or
	// has its parent there: the law of that country reaches it, adequacy
	// decision or not (Decision (EU) 2021/914, clause 15)
	var estIn, estLaws, estCodes []string
	estLaw := func(c string) {
		if n := geo.InText(c, lz.Lang); !contains(estLaws, n) {
			estLaws = append(estLaws, n)
			estCodes = append(estCodes, c)
		}
		v.EstablishedAdequacy = v.EstablishedAdequacy || geo.AdequateOn(c, false, a.Agreement.Date)
	}
	eeaStored := func(codes []string) bool {
		for _, c := range codes {
			if geo.InEEA(c) {
				return true
			}
		}
		return false
	}
	procStorage := make([]string, 0, len(a.Locations))
	for _, l := range a.Locations {
		procStorage = append(procStorage, l.Country)
	}
	estab := func(name, c, pc, parentName string, storage []string) {
		linked := false
		if c != "" && geo.Valid(c) && !geo.InEEA(c) {
			estIn = append(estIn, lz.T("fa.established_in", map[string]any{"Party": name, "Country": geo.InText(c, lz.Lang)}))
			estLaw(c)
			linked = true
			if geo.AdequateOn(c, false, a.Agreement.Date) {
				v.OwnRegimes = append(v.OwnRegimes, OwnRegimeV{Party: name, Country: geo.InText(c, lz.Lang),
					Law: geo.DataProtectionLaw(c, lz.Lang), Supervisor: geo.Supervisor(c, lz.Lang)})
			}
		}
		if pc != "" && pc != c && geo.Valid(pc) && !geo.InEEA(pc) {
			pn := strings.TrimSpace(parentName)
			estIn = append(estIn, lz.T("fa.parent_in", map[string]any{"Party": name, "Parent": pn, "Country": geo.InText(pc, lz.Lang)}))
			estLaw(pc)
			linked = true
		}
		if linked && eeaStored(storage) {
			v.EstablishedEEAStorage = true
		}
	}
	estab(a.Processor.Name, a.Processor.Country, a.Processor.ParentCountry, a.Processor.ParentName, procStorage)
	tct := a.Processing.ThirdCountryTransfers
	v.SafeguardsInPlay = f.RestrictedTransfer || (f.Tender && tct != "none" && tct != "adequacy_only")
	v.NoTransfersPosition = f.Tender && tct == "none"
	v.UrgentApprover = a.Controller.UrgentAccessApprover.Authorised() || f.Tender
	v.KeyServiceListed = keyService(a) != nil
	hasParent := func(pc, pn string) bool { return pc != "" || strings.TrimSpace(pn) != "" }
	v.GroupFacts = strings.TrimSpace(a.Processor.Name) == "" || hasParent(a.Processor.ParentCountry, a.Processor.ParentName)
	// an undertaking established in a Non-Adequate Country or the United
	// States: its group abroad is where the exposure lies, stated or not
	exposed := func(c string) bool {
		return c != "" && geo.Valid(c) && !geo.InEEA(c) && (c == "US" || !geo.AdequateOn(c, false, a.Agreement.Date))
	}
	v.GroupFacts = v.GroupFacts || exposed(a.Processor.Country)
	for _, s := range a.Subprocessors {
		v.GroupFacts = v.GroupFacts || hasParent(s.ParentCountry, s.ParentName) || exposed(s.Country)
	}
	for _, s := range a.Subprocessors {
		estab(s.Name, s.Country, s.ParentCountry, s.ParentName, s.Locations)
	}
	v.EstablishedIn = L{Items: estIn, and: lz.T("doc.and")}
	chain := chainParties(a)
	facts, count, parentLinks := establishedGroups(chain, lz)
	v.EstablishedFacts = T{V: strings.Join(facts, " ")}
	v.EstablishedCount, v.EstablishedParents = count, parentLinks
	v.EstablishedLawCountries = L{Items: estLaws, and: lz.T("doc.and")}
	v.EEAForeignParents = L{Items: eeaParentPhrases(chain, lz), and: lz.T("doc.and"), phrases: true}
	var other []string
	for _, n := range laws {
		if !contains(estLaws, n) {
			other = append(other, n)
		}
	}
	v.OtherLawCountries = list(other, "countries")
	var compel []string
	for _, c := range estCodes {
		if ls := CompelLawsText(c, lz); ls != "" {
			compel = append(compel, lz.T("fa.compel_laws", map[string]any{"Country": geo.InText(c, lz.Lang), "Laws": ls}))
		}
	}
	v.CompelLaws = L{Items: compel, and: lz.T("doc.and")}
	var importIn []string
	for _, tr := range f.Transfers {
		if tr.RecipientKind != "established" {
			continue
		}
		if tr.Processor {
			v.ProcessorImporter = true
			if !contains(importIn, geo.InText(tr.Country, lz.Lang)) {
				importIn = append(importIn, geo.InText(tr.Country, lz.Lang))
			}
		} else {
			v.SubprocessorImporter = true
		}
	}
	v.ProcessorImportCountries = list(importIn, "countries")
	var svcSubs []string
	for _, name := range f.ServiceSubprocessors {
		item := name
		for _, s := range a.Subprocessors {
			if s.Name == name && strings.TrimSpace(s.Service) != "" {
				item += " (" + strings.TrimSpace(s.Service) + ")"
				break
			}
		}
		svcSubs = append(svcSubs, item)
	}
	v.ServiceSubprocessors = list(svcSubs, "party")
	v.KeyBarParents = L{Items: parentPhrases(chain, nonAdequateParent, lz), Blank: lz.T("blank.party"), and: lz.T("doc.and"), phrases: true}
	v.KeyBarSubs = list(restrictedSubs, "party")
	for _, tv := range v.Transfers {
		v.SCCModule2 = v.SCCModule2 || (tv.SCC && tv.IsProcessor)
		v.SCCModule3 = v.SCCModule3 || (tv.SCC && !tv.IsProcessor)
	}
	v.AdequacyDecisions = adequacyDecisions(a, f, lz)
	if d, ok := geo.DecisionOn("US", a.Agreement.Date); ok {
		v.DPFDecision = CiteAdequacy(d, a.Agreement.Date, lz)
	}
	v.KeyRegion = lz.T("keys.region_eea")
	if c := a.Processor.Country; f.Security.KeysHeldBy == "processor" && c != "" && geo.Valid(c) && !geo.InEEA(c) && !geo.AdequateOn(c, answers.Yes(a.Processor.DPFCertified), a.Agreement.Date) {
		v.KeyHolderRestricted = true
	}
	if c := a.Processor.Country; c != "" && !geo.InEEA(c) && geo.AdequateOn(c, answers.Yes(a.Processor.DPFCertified), a.Agreement.Date) {
		v.KeyRegion = lz.T("keys.region_eea_or", map[string]any{"Country": geo.InText(c, lz.Lang)})
	}
}

// adequacyDecisions lists, once per country, the adequacy decisions the
// agreement relies on as of the agreement date: every destination covered
// by a decision (storage, access, own staff, establishment, the United
// States for DPF-certified recipients) and every parent company's country
// outside the EEA whose decision keeps it out of the Non-Adequate
// Countries (the United States never does).
func adequacyDecisions(a *answers.Answers, f *rules.Facts, lz *i18n.Localizer) []AdequacyV {
	date := a.Agreement.Date
	var out []AdequacyV
	seen := map[string]bool{}
	add := func(c string) {
		if seen[c] || c == "" || geo.InEEA(c) {
			return
		}
		d, ok := geo.DecisionOn(c, date)
		if !ok {
			return
		}
		seen[c] = true
		out = append(out, AdequacyV{Country: c, Name: geo.Name(c, lz.Lang), InText: geo.InText(c, lz.Lang),
			Decision: CiteAdequacy(d, date, lz), Scope: adequacyScope(d, lz)})
	}
	for _, d := range f.Destinations {
		if d.Adequate {
			add(d.Country)
		}
	}
	parent := func(c string) {
		if c != "US" {
			add(c)
		}
	}
	parent(a.Processor.ParentCountry)
	for _, s := range a.Subprocessors {
		parent(s.ParentCountry)
	}
	return out
}

// AdequacyBasis is the transfer basis of a destination covered by an
// adequacy decision, naming the decision for the country as of the
// agreement date: "adequacy decision under article 45 of the GDPR:
// Commission Decision 2000/518/EC of 26 July 2000, ..."; for the United
// States limited to DPF-certified recipients.
func AdequacyBasis(country, date string, lz *i18n.Localizer) string {
	d, ok := geo.DecisionOn(country, date)
	if !ok {
		return lz.T("basis.adequacy")
	}
	if d.Requires == "dpf_certified" {
		return lz.T("basis.dpf_named", map[string]any{"Decision": CiteAdequacy(d, date, lz)})
	}
	return lz.T("basis.adequacy_named", map[string]any{"Decision": CiteAdequacy(d, date, lz)})
}

// CiteAdequacy names an adequacy decision in full in lz's language, as of
// an agreement dated date: "Commission Decision 2000/518/EC of 26 July
// 2000, as amended by Implementing Decision (EU) 2016/2295" / "Kommisjonsbeslutning
// 2000/518/EF av 26. juli 2000, endret ved gjennomføringsbeslutning (EU)
// 2016/2295"; a renewal on or before date is stated with its end.
func CiteAdequacy(d geo.Adequacy, date string, lz *i18n.Localizer) string {
	kind := d.Kind
	if kind != "implementing" {
		kind = "decision"
	}
	s := lz.T("adequacy.cite."+kind, map[string]any{"Number": d.Number(lz.Lang), "Date": FormatDate(d.Date, lz.Lang)})
	if d.Amended != "" {
		s += lz.T("adequacy.cite.amended", map[string]any{"Number": d.Amended})
	}
	// a decision adopted before the GDPR applied remains in force under
	// its article 45(9)
	if d.Date < "2018-05-25" {
		s += lz.T("adequacy.cite.art45_9")
	}
	if d.Renewed != "" && (date == "" || d.Renewed <= date) {
		s += lz.T("adequacy.cite.renewed", map[string]any{"Date": FormatDate(d.Renewed, lz.Lang), "Until": FormatDate(d.Until, lz.Lang)})
	}
	return s
}

// securityView is security.* for templates, with the key service.
func securityView(a *answers.Answers, f *rules.Facts, lz *i18n.Localizer, t func(v, id string) T, countries func([]string, string) L) SecurityV {
	sv := SecurityV{Security: f.Security, KeysHeldByText: lz.T("keys." + f.Security.KeysHeldBy)}
	ks := answers.KeyService{}
	if a.Security.KeyService != nil {
		ks = *a.Security.KeyService
	}
	sv.KeyServiceOperator = t(strings.TrimSpace(ks.Operator), "key_service.operator")
	sv.KeyServiceCountry = T{Blank: lz.T("blank.key_service.country")}
	if ks.Country != "" {
		sv.KeyServiceCountry.V = geo.InText(ks.Country, lz.Lang)
	}
	sv.KeyServiceAccessCountries = countries(ks.AccessCountries, "countries")
	sv.KeyServiceSet = strings.TrimSpace(ks.Operator) != "" && ks.Country != ""
	// the operator's parent outside the EEA, in a Non-Adequate Country (the
	// United States always counts): key isolation does not reach demands
	// under that country's law directed at the operator or its parent
	controlled := func(name, pc string) {
		if n := strings.TrimSpace(ks.Operator); n != "" && strings.EqualFold(n, strings.TrimSpace(name)) &&
			pc != "" && geo.Valid(pc) && !geo.InEEA(pc) && (pc == "US" || !geo.AdequateOn(pc, false, a.Agreement.Date)) {
			sv.KeyOperatorControlledFrom = T{V: geo.InText(pc, lz.Lang)}
		}
	}
	controlled(a.Processor.Name, a.Processor.ParentCountry)
	for _, s := range a.Subprocessors {
		if n := strings.TrimSpace(ks.Operator); n != "" && strings.EqualFold(n, strings.TrimSpace(s.Name)) {
			sv.KeyServiceBySubprocessor = true
		}
		controlled(s.Name, s.ParentCountry)
	}
	return sv
}

// lawsText names the countries whose law reaches a recipient, in running
// text: "India and the United States (where the parent company is
// established)".
func lawsText(lz *i18n.Localizer, laws []rules.Law) string {
	var xs []string
	for _, l := range laws {
		n := geo.InText(l.Country, lz.Lang)
		if l.Role != "destination" {
			n = lz.T("tia.law_"+l.Role, map[string]any{"Country": n})
		}
		xs = append(xs, n)
	}
	return joinAnd(xs, lz.T("doc.and"))
}

func localise(lz *i18n.Localizer, prefix string, codes []string) []string {
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		out = append(out, lz.T(prefix+c))
	}
	return out
}

func modelName(lz *i18n.Localizer, m string) string {
	if m == "" {
		return lz.T("blank.service.model")
	}
	return lz.T("model." + m)
}

func deploymentName(lz *i18n.Localizer, d string) string {
	if d == "" {
		return lz.T("blank.service.deployment")
	}
	return lz.T("deployment." + d)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// contactSet reports whether a contact names anyone (name, e-mail or phone).
func contactSet(c answers.Contact) bool {
	return strings.TrimSpace(c.Name+c.Email+c.Phone) != ""
}

// CompelLawsText joins the laws under which the authorities of code may
// demand or obtain access (geo.CompelLaws) in lz's language, or "".
func CompelLawsText(code string, lz *i18n.Localizer) string {
	return joinAnd(geo.CompelLaws(code, lz.Lang), lz.T("doc.and"))
}

// adequacyScope is what the decision covers, for the annex C table: every
// recipient in the country for a general decision (Switzerland: the
// decision names no recipients), the limit of a certified or sectoral
// decision where the country data states it, else "" (the table then says
// the recipients stated in the decision).
func adequacyScope(d geo.Adequacy, lz *i18n.Localizer) string {
	if d.Coverage == "general" {
		return lz.T("annex.c.covers_all", map[string]any{"Country": geo.InText(d.Code, lz.Lang)})
	}
	return d.ScopeText(lz.Lang)
}
