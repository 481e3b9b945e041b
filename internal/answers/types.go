// Package answers holds the answers file (format 1): its Go types, which are
// also the source of the JSON Schema, and a strict loader that reports every
// problem with file, line, column and field path.
package answers

// Answers is the whole answers file. Field names follow spec/answers.md.
type Answers struct {
	Format          int            `yaml:"format" json:"format" jsonschema:"required,enum=1" jsonschema_description:"Answers format version. Only 1 is supported."`
	Status          string         `yaml:"status,omitempty" json:"status,omitempty" jsonschema:"enum=final,enum=draft,default=final" jsonschema_description:"final for an agreement to sign; draft for a tender draft where processor fields may be empty and blanks are shown."`
	Language        string         `yaml:"language,omitempty" json:"language,omitempty" jsonschema:"enum=nb,enum=en,default=nb" jsonschema_description:"Language of the agreement: nb (Norwegian bokmål) or en (English)."`
	Agreement       Agreement      `yaml:"agreement,omitempty" json:"agreement,omitempty" jsonschema_description:"The agreement itself: reference, main agreement, date and place."`
	Controller      Party          `yaml:"controller" json:"controller" jsonschema_description:"Behandlingsansvarlig (dataansvarlig): the organisation that decides why and how the data is processed."`
	Processor       Processor      `yaml:"processor" json:"processor" jsonschema_description:"Databehandler: the provider of the cloud service. In a draft every field may be empty."`
	Service         Service        `yaml:"service" json:"service" jsonschema_description:"The cloud service."`
	Processing      Processing     `yaml:"processing" json:"processing" jsonschema_description:"The processing (GDPR art. 28(3)): purposes, nature, data subjects, data categories, duration."`
	Risk            Risk           `yaml:"risk,omitempty" json:"risk,omitempty" jsonschema_description:"Risk answers that select clauses and raise the risk level."`
	Locations       []Location     `yaml:"locations" json:"locations" jsonschema_description:"Every place where the data is stored or processed."`
	AccessCountries []string       `yaml:"access_countries,omitempty" json:"access_countries,omitempty" jsonschema:"pattern=^[A-Z]{2}$" jsonschema_description:"Countries (ISO 3166-1 alpha-2) from which the processor's staff can reach the data (support and operations). Remote access from outside the EEA is a transfer."`
	Subprocessors   []Subprocessor `yaml:"subprocessors,omitempty" json:"subprocessors,omitempty" jsonschema_description:"Underdatabehandlere engaged by the processor."`
	Terms           Terms          `yaml:"terms,omitempty" json:"terms,omitempty" jsonschema_description:"Agreed terms. Omitted values get defaults by risk level."`
	Security        Security       `yaml:"security,omitempty" json:"security,omitempty" jsonschema_description:"Security answers. Defaults come from the service model."`
	// Translations: see Translation.
	Translations []Translation `yaml:"translations,omitempty" json:"translations,omitempty" jsonschema_description:"Free-text values in both languages (a text as typed may be in one pair only: the loader refuses a second pair for it, which JSON Schema cannot express): each pair gives a text as typed in a free-text field (purposes, data categories, the liability cap, ...) and its form in the other language. When the agreement is rendered in nb or en, every free-text value that is one side of a pair is printed as the pair's text in that language; a value without a pair is printed as written and reported (finding value-as-written). One pair serves every field where the same text is typed. Names, addresses and numbers are printed as written in every language."`
}

// Translation is one text in both languages (translations[]).
//
// Why one list of pairs and not per-field bilingual values
// (purpose: {nb: ..., en: ...}): every existing file stays valid and
// means the same (a field keeps its type: text or list of texts); the
// procurement officer writes the values once, in the agreement's language,
// as before, and adds the other language in one place, where the pairs
// can be read (and handed to a translator) together; the same text typed
// in several fields (a purpose that is also a data category, "backup" as
// the purpose of three locations) is translated once and the same way
// everywhere; and a pair is language-neutral: it maps either side to the
// other, so an English file rendered in Norwegian uses the same list.
type Translation struct {
	NB string `yaml:"nb" json:"nb" jsonschema:"required,minLength=1" jsonschema_description:"The text in Norwegian (bokmål), exactly as typed in the free-text field when the file is written in Norwegian."`
	EN string `yaml:"en" json:"en" jsonschema:"required,minLength=1" jsonschema_description:"The text in English, exactly as typed in the free-text field when the file is written in English."`
}

// Agreement describes the agreement document.
type Agreement struct {
	Reference     string `yaml:"reference,omitempty" json:"reference,omitempty" jsonschema_description:"Case or contract number."`
	MainAgreement string `yaml:"main_agreement,omitempty" json:"main_agreement,omitempty" jsonschema_description:"The agreement this DPA is an annex to, e.g. SSA-L 2018."`
	Date          string `yaml:"date,omitempty" json:"date,omitempty" dpa:"date" jsonschema:"pattern=^[0-9]{4}-[0-9]{2}-[0-9]{2}$" jsonschema_description:"Agreement date YYYY-MM-DD, printed in the controller's signature block (the processor's date is left blank). Left blank for signing when omitted."`
	Place         string `yaml:"place,omitempty" json:"place,omitempty" jsonschema_description:"Place where the controller signs (printed in the controller's signature block; the processor's place and date are left blank)."`
	NormenVersion string `yaml:"normen_version,omitempty" json:"normen_version,omitempty" jsonschema_description:"Health sector: the version of Normen (Norm for informasjonssikkerhet og personvern i helse- og omsorgssektoren) the agreement refers to, e.g. \"6.0\". Omitted: the version in force when the agreement is signed."`
}

// Contact is a contact person.
type Contact struct {
	Name  string `yaml:"name,omitempty" json:"name,omitempty" jsonschema_description:"Contact person's name."`
	Email string `yaml:"email,omitempty" json:"email,omitempty" jsonschema_description:"E-mail address."`
	Phone string `yaml:"phone,omitempty" json:"phone,omitempty" jsonschema_description:"Telephone number."`
}

// Signatory is the person who signs for a party.
type Signatory struct {
	Name  string `yaml:"name,omitempty" json:"name,omitempty" jsonschema_description:"Name of the person who signs."`
	Title string `yaml:"title,omitempty" json:"title,omitempty" dpa:"prose" jsonschema_description:"Job title of the person who signs."`
}

// UrgentAccessApprover names who holds the controller's written authority
// to approve, orally and in an urgent case, access to the content of the
// personal data from a third country without an adequacy decision for the
// individual task (clause remote-access): the controller's 24/7 point of
// contact for notices (BreachContact true), a named person, or both.
type UrgentAccessApprover struct {
	BreachContact *bool  `yaml:"breach_contact,omitempty" json:"breach_contact,omitempty" jsonschema_description:"true: the controller's point of contact for notices (controller.breach_contact, reachable 24 hours a day) holds the authority; annex F says so. false: it does not. Omitted: it does not, and without a named person dpa check reports that no one holds the authority."`
	Name          string `yaml:"name,omitempty" json:"name,omitempty" jsonschema_description:"Name of the person (or function) the controller authorises in writing to approve urgent access."`
	Role          string `yaml:"role,omitempty" json:"role,omitempty" dpa:"prose" jsonschema_description:"That person's role or position, e.g. \"head of IT operations\"."`
	Email         string `yaml:"email,omitempty" json:"email,omitempty" jsonschema_description:"E-mail address."`
	Phone         string `yaml:"phone,omitempty" json:"phone,omitempty" jsonschema_description:"Telephone number at which the person can be reached when an urgent case arises."`
}

// Party is the controller.
type Party struct {
	Name      string    `yaml:"name" json:"name" jsonschema_description:"Legal name."`
	OrgNumber string    `yaml:"org_number,omitempty" json:"org_number,omitempty" jsonschema_description:"Norwegian organisation number: 9 digits with MOD11 check digit; spaces allowed."`
	Address   string    `yaml:"address,omitempty" json:"address,omitempty" jsonschema_description:"Postal address."`
	Contact   Contact   `yaml:"contact,omitempty" json:"contact,omitempty" jsonschema_description:"Contact person for this agreement."`
	Signatory Signatory `yaml:"signatory,omitempty" json:"signatory,omitempty" jsonschema_description:"Who signs for the party."`
	// BreachContact receives notices of Personal Data Breaches and urgent Deviations.
	BreachContact Contact `yaml:"breach_contact,omitempty" json:"breach_contact,omitempty" jsonschema_description:"The controller's point of contact for notices of personal data breaches and urgent deviations, reachable 24 hours a day, every day (a function or duty phone rather than one person). Printed in the contacts annex; required (e-mail or phone) in a final agreement."`
	DPO           Contact `yaml:"dpo,omitempty" json:"dpo,omitempty" jsonschema_description:"The controller's data protection officer (personvernombud, GDPR art. 37-39). A public body must designate one."`
	// UrgentAccessApprover holds the authority to approve urgent access
	// from a Non-Adequate Country orally (clause remote-access, annex F).
	UrgentAccessApprover UrgentAccessApprover `yaml:"urgent_access_approver,omitempty" json:"urgent_access_approver,omitempty" jsonschema_description:"Access from a country without an adequacy decision: who holds the controller's written authority to approve, orally in an urgent case, access to the content of the personal data for the individual task (an incident that seriously threatens availability or integrity and cannot be handled in time from the EEA). breach_contact: true gives it to the 24/7 point of contact for notices; name, role, email and phone name a person; both may be given. Printed in the contacts annex. Not answered: annex F states that no one holds the authority, oral approval cannot be used until the controller has notified the processor in writing, and dpa check reports urgent-approver-missing."`
	PublicBody           *bool                `yaml:"public_body,omitempty" json:"public_body,omitempty" jsonschema_description:"true when the controller is a public body (forvaltningsorgan): the Public Administration Act (forvaltningsloven), the Freedom of Information Act (offentleglova) and the Archives Act (arkivlova) apply, and the agreement says so. false: they are not mentioned. Omitted: a finding asks for the decision."`
	// ArchiveAbroad is the legal basis on which a public body's archive
	// material may be stored outside Norway (the archives act in force at
	// the agreement date, rules.ArchiveActAt).
	ArchiveAbroad       string `yaml:"archive_abroad,omitempty" json:"archive_abroad,omitempty" jsonschema:"enum=not_archive,enum=necessary_administration,enum=regulation,enum=consent,enum=copy_in_norway" jsonschema_description:"Public body with data stored outside Norway (any location, backup or subprocessor location abroad, also inside the EEA): the legal basis on which archive material may be kept abroad under the Archives Act (arkivlova) in force at the agreement date. not_archive: the data is not archive material; necessary_administration: storage abroad is a necessary part of the body's administrative or legal use of the documents; regulation: the storage meets the conditions the act and its regulations set for storage outside Norway without consent; consent: consent from the archives authority (give archive_consent_ref); copy_in_norway: a complete copy is kept in Norway (give archive_copy_location). The agreement states the basis and the duties that follow; omitted: decision-missing."`
	ArchiveConsentRef   string `yaml:"archive_consent_ref,omitempty" json:"archive_consent_ref,omitempty" jsonschema_description:"archive_abroad consent: the reference and date of the consent from the archives authority (Riksarkivaren, from 1 January 2026 Nasjonalarkivet), as free text, e.g. \"Nasjonalarkivet, ref. 2026/1234, 15 March 2026\". Printed in the agreement."`
	ArchiveCopyLocation string `yaml:"archive_copy_location,omitempty" json:"archive_copy_location,omitempty" dpa:"prose" jsonschema_description:"archive_abroad copy_in_norway: where in Norway the complete copy is kept and who operates it, as free text, e.g. \"the Controller's own archive system in Bergen\". Printed in the agreement."`
	// ArchiveCopyHeldBy, ArchiveCopyIntervalHours and ArchiveCopyFormat
	// state how the copy in Norway of archive_abroad copy_in_norway is
	// kept: who holds it, the longest lag behind the Service, and (when the
	// controller holds it) the format of the deliveries.
	ArchiveCopyHeldBy        string `yaml:"archive_copy_held_by,omitempty" json:"archive_copy_held_by,omitempty" jsonschema:"enum=controller,enum=processor" jsonschema_description:"archive_abroad copy_in_norway: who holds the complete copy in Norway. controller: the controller's own archive system (archive_copy_location); the processor delivers all new and changed documents and metadata to it at least every archive_copy_interval_hours, in archive_copy_format, and the delivery is a processing activity in annex A. processor: the processor keeps the copy at its location(s) in Norway, which must be listed in locations (country NO) and are named in the agreement. Omitted: decision-missing (an error in a final agreement)."`
	ArchiveCopyIntervalHours *int   `yaml:"archive_copy_interval_hours,omitempty" json:"archive_copy_interval_hours,omitempty" jsonschema:"minimum=1" jsonschema_description:"archive_abroad copy_in_norway: the longest lag, in hours, of the copy in Norway behind the Service (the controller's choice; not the backup interval). Omitted: decision-missing (an error in a final agreement; a blank in a draft)."`
	ArchiveCopyFormat        string `yaml:"archive_copy_format,omitempty" json:"archive_copy_format,omitempty" jsonschema:"enum=noark5,enum=agreed_integration" jsonschema_description:"archive_copy_held_by controller: the format in which the processor delivers to the controller's archive system. noark5: in a format under Noark 5 (the Norwegian archive standard) that the archive system can import; agreed_integration: over the integration with the archive system that the parties have agreed in writing, with documents and metadata. Omitted: decision-missing (an error in a final agreement)."`
}

// Processor is the data processor.
type Processor struct {
	Name              string         `yaml:"name,omitempty" json:"name,omitempty" jsonschema_description:"Legal name."`
	OrgNumber         string         `yaml:"org_number,omitempty" json:"org_number,omitempty" jsonschema_description:"Norwegian organisation number (9 digits, MOD11)."`
	ForeignID         string         `yaml:"foreign_id,omitempty" json:"foreign_id,omitempty" jsonschema_description:"Foreign registry number for a processor without a Norwegian organisation number."`
	Country           string         `yaml:"country,omitempty" json:"country,omitempty" jsonschema:"pattern=^[A-Z]{2}$" jsonschema_description:"Country of establishment, ISO 3166-1 alpha-2."`
	ParentCountry     string         `yaml:"parent_country,omitempty" json:"parent_country,omitempty" jsonschema:"pattern=^[A-Z]{2}$" jsonschema_description:"Country of the ultimate parent company, ISO 3166-1 alpha-2."`
	ParentName        string         `yaml:"parent_name,omitempty" json:"parent_name,omitempty" jsonschema_description:"Legal name of the ultimate parent company (optional)."`
	Address           string         `yaml:"address,omitempty" json:"address,omitempty" jsonschema_description:"Postal address."`
	Contact           Contact        `yaml:"contact,omitempty" json:"contact,omitempty" jsonschema_description:"Contact person for this agreement."`
	Signatory         Signatory      `yaml:"signatory,omitempty" json:"signatory,omitempty" jsonschema_description:"Who signs for the processor."`
	BreachContact     Contact        `yaml:"breach_contact,omitempty" json:"breach_contact,omitempty" jsonschema_description:"The processor's point of contact for the controller's urgent messages about breaches, deviations and security (security operations centre or duty phone), reachable 24 hours a day, every day. Printed in the contacts annex; required (e-mail or phone) in a final agreement."`
	DPO               Contact        `yaml:"dpo,omitempty" json:"dpo,omitempty" jsonschema_description:"The processor's data protection officer, if it has one (GDPR art. 37)."`
	TransferBasis     string         `yaml:"transfer_basis,omitempty" json:"transfer_basis,omitempty" jsonschema:"enum=none,enum=adequacy,enum=scc,enum=bcr" jsonschema_description:"Transfer basis when the processor itself (its locations or access countries) is outside the EEA."`
	DPFCertified      *bool          `yaml:"dpf_certified,omitempty" json:"dpf_certified,omitempty" jsonschema_description:"US only: true: listed as actively certified under the EU-US Data Privacy Framework (DPF) at signing, as stated by the processor; false: the processor states that it is not. Omitted: not stated; the transfer cannot rely on the adequacy decision for the United States and rests on transfer_basis, and the agreement says that no certification was stated (not that the organisation is absent from the DPF List)."`
	TIADone           bool           `yaml:"tia_done,omitempty" json:"tia_done,omitempty" jsonschema_description:"A transfer impact assessment is documented."`
	TIADate           string         `yaml:"tia_date,omitempty" json:"tia_date,omitempty" dpa:"date" jsonschema:"pattern=^[0-9]{4}-[0-9]{2}-[0-9]{2}$" jsonschema_description:"Date (YYYY-MM-DD) of the documented transfer impact assessment for the third countries where the processor itself receives or reaches the data without an adequacy decision (established there, or by its own staff). Implies tia_done. It must be given to the controller at the latest at signature."`
	OwnStaffCountries []string       `yaml:"own_staff_countries,omitempty" json:"own_staff_countries,omitempty" jsonschema:"pattern=^[A-Z]{2}$" jsonschema_description:"Countries outside the EEA, among locations and access_countries, where the data is stored or reached by the processor's own employees (the same legal entity, e.g. a branch), not by another company. No transfer to another undertaking takes place there; the remote-access duties still apply."`
	TIAs              []TIA          `yaml:"tias,omitempty" json:"tias,omitempty" jsonschema_description:"One dated transfer impact assessment per third country without an adequacy decision where the processor itself receives or reaches the data (established there, or by its own staff). A country listed here takes this date instead of tia_date, which stays the default for the others."`
	AccessSchemes     []AccessScheme `yaml:"access_schemes,omitempty" json:"access_schemes,omitempty" jsonschema_description:"Routine access (e.g. follow-the-sun support) from a third country without an adequacy decision, by this party's staff or the recipient named for the country: the controller approves each scheme in annex C, and per-task approval then applies only to access outside it."`
	Recipients        []Recipient    `yaml:"recipients,omitempty" json:"recipients,omitempty" jsonschema_description:"For a country outside the EEA among locations and access_countries where another company receives or reaches the data on the processor's behalf: the listed subprocessor established in that country (it is the data importer). Every such country needs an entry here, in own_staff_countries, or must be the processor's own country of establishment (finding unidentified-recipient)."`
}

// Recipient names the legal entity that receives or reaches the data in a
// third country on behalf of a processor or subprocessor.
type Recipient struct {
	Country      string `yaml:"country" json:"country" jsonschema:"pattern=^[A-Z]{2}$" jsonschema_description:"The third country (ISO 3166-1 alpha-2), one of the party's locations or access countries."`
	Subprocessor string `yaml:"subprocessor" json:"subprocessor" jsonschema_description:"Name of the listed subprocessor (subprocessors[].name) established in that country that receives or reaches the data there; it is the data importer under the transfer basis and needs its own transfer impact assessment."`
	TIADate      string `yaml:"tia_date,omitempty" json:"tia_date,omitempty" dpa:"date" jsonschema:"pattern=^[0-9]{4}-[0-9]{2}-[0-9]{2}$" jsonschema_description:"Date (YYYY-MM-DD) of the documented transfer impact assessment for this importer in this country. Takes precedence over the subprocessor's tias and tia_date for this country."`
}

// AccessScheme is routine access from a third country that the controller
// approves as a whole in annex C (e.g. follow-the-sun support), instead of
// per task.
type AccessScheme struct {
	Country     string `yaml:"country" json:"country" jsonschema:"pattern=^[A-Z]{2}$" jsonschema_description:"The third country (ISO 3166-1 alpha-2) the routine access is given from; one of the party's access countries."`
	Roles       string `yaml:"roles" json:"roles" dpa:"prose" jsonschema_description:"The roles and tasks the scheme covers, e.g. \"on-call operations and incident handling outside Norwegian office hours (follow-the-sun)\". Printed in annex C as the scope the controller approves."`
	Content     *bool  `yaml:"content,omitempty" json:"content,omitempty" jsonschema_description:"true: the scheme includes access to the content of the personal data (in clear text); false: administration without access to content. Content access from a country without an adequacy decision needs a transfer impact assessment that covers the scheme. Omitted: false (no access to content, the stricter reading), reported by dpa check as default-applied."`
	TIAAccepted string `yaml:"tia_accepted,omitempty" json:"tia_accepted,omitempty" dpa:"date" jsonschema:"pattern=^[0-9]{4}-[0-9]{2}-[0-9]{2}$" jsonschema_description:"Date (YYYY-MM-DD) the controller confirmed in writing that it has reviewed and accepts the transfer impact assessment for the recipient and country. A scheme with access to content from a country without an adequacy decision is approved in annex C only with this date on or before the agreement date; without it the scheme is pending and access to content needs per-task approval."`
}

// TIA dates the transfer impact assessment for one country.
type TIA struct {
	Country string `yaml:"country" json:"country" jsonschema:"pattern=^[A-Z]{2}$" jsonschema_description:"The third country without an adequacy decision (ISO 3166-1 alpha-2)."`
	Date    string `yaml:"date" json:"date" dpa:"date" jsonschema:"pattern=^[0-9]{4}-[0-9]{2}-[0-9]{2}$" jsonschema_description:"Date (YYYY-MM-DD) the assessment for that country was carried out and documented."`
}

// Service is the cloud service.
type Service struct {
	Name        string   `yaml:"name" json:"name" dpa:"prose" jsonschema_description:"Name of the service."`
	Description string   `yaml:"description,omitempty" json:"description,omitempty" dpa:"prose" jsonschema_description:"What the service does, in free text."`
	Model       string   `yaml:"model" json:"model" jsonschema:"enum=saas,enum=paas,enum=iaas" jsonschema_description:"Service model: saas, paas or iaas."`
	Deployment  string   `yaml:"deployment" json:"deployment" jsonschema:"enum=private,enum=community,enum=public,enum=hybrid" jsonschema_description:"Deployment model: private, community, public or hybrid cloud."`
	HybridParts []string `yaml:"hybrid_parts,omitempty" json:"hybrid_parts,omitempty" jsonschema:"enum=private,enum=community,enum=public,enum=on_premises" jsonschema_description:"Hybrid cloud only: the kinds of cloud the parts of the service run in (private, community, public, on_premises). The public-cloud terms apply only when public is listed; a final hybrid agreement without this list draws a finding."`
}

// Processing is the description of the processing.
type Processing struct {
	Purposes          []string `yaml:"purposes" json:"purposes" dpa:"prose" jsonschema_description:"Purposes of the processing. A final agreement needs at least one (missing-field); a draft may leave the list empty."`
	Activities        []string `yaml:"activities,omitempty" json:"activities,omitempty" dpa:"prose" jsonschema_description:"Nature of the processing: storage, hosting, support, backup, ..."`
	DataSubjects      []string `yaml:"data_subjects" json:"data_subjects" dpa:"prose" jsonschema_description:"Categories of data subjects, e.g. patients, employees."`
	DataCategories    []string `yaml:"data_categories" json:"data_categories" dpa:"prose" jsonschema_description:"Categories of personal data."`
	SpecialCategories []string `yaml:"special_categories,omitempty" json:"special_categories,omitempty" jsonschema:"enum=health,enum=genetic,enum=biometric,enum=racial_ethnic,enum=political,enum=religious,enum=union,enum=sex_life" jsonschema_description:"Special categories (GDPR art. 9)."`
	Duration          string   `yaml:"duration" json:"duration" dpa:"prose" jsonschema_description:"Duration of the processing."`
	Volume            string   `yaml:"volume,omitempty" json:"volume,omitempty" jsonschema:"enum=small,enum=medium,enum=large" jsonschema_description:"Volume of data: small, medium or large."`
	// ThirdCountryTransfers is the controller's position on transfers
	// outside the EEA, stated before the supplier is known (a tender draft)
	// and binding in a final agreement.
	ThirdCountryTransfers string `yaml:"third_country_transfers,omitempty" json:"third_country_transfers,omitempty" jsonschema:"enum=none,enum=adequacy_only,enum=with_safeguards" jsonschema_description:"The controller's position on transfers to third countries (outside the EEA, remote access included): none (not permitted), adequacy_only (only to a recipient covered by an adequacy decision, GDPR art. 45) or with_safeguards (adequacy, or appropriate safeguards under art. 46/47 with a transfer impact assessment and supplementary measures). Printed as a clause of its own; a draft without it shows the choice as a blank, and a final agreement whose listed recipients contradict it draws transfer-position-conflict."`
}

// Risk holds the risk answers.
type Risk struct {
	PatientRecord            *bool  `yaml:"patient_record,omitempty" json:"patient_record,omitempty" jsonschema_description:"Processing of a treatment-oriented health register (pasientjournal) under the Patient Records Act (pasientjournalloven). Health data alone (e.g. employees' sick leave) is not a patient record. Omitted: not read as false; a finding asks for the decision (decision-missing)."`
	HealthRegister           *bool  `yaml:"health_register,omitempty" json:"health_register,omitempty" jsonschema_description:"The processing is a health register under the Health Registries Act (helseregisterloven): a central or national health register, a medical quality register or another register established under that Act. Research or HR data that is no register is neither this nor a patient record. Omitted: not read as false; a finding asks for the decision (decision-missing)."`
	HealthRegisterRegulation string `yaml:"health_register_regulation,omitempty" json:"health_register_regulation,omitempty" dpa:"prose" jsonschema_description:"Health register only: the title, date and number of the regulation (forskrift) that establishes and governs the register, as free text, for example \"forskrift 7. desember 2007 nr. 1389 om innsamling og behandling av helseopplysninger i Norsk pasientregister (Norsk pasientregisterforskriften)\". The agreement defines it as Registerforskriften (the Register Regulation) in clause 2.1 and uses that term wherever it refers to the register's regulation."`
	// HealthRegisterControllerProvision: the provision of the register's
	// regulation that designates the controller (dataansvarlig).
	HealthRegisterControllerProvision string `yaml:"health_register_controller_provision,omitempty" json:"health_register_controller_provision,omitempty" dpa:"prose" jsonschema_description:"Health register only: the provision of the register's regulation that designates the controller (dataansvarlig) for the register, as free text, for example \"§ 3\" or \"forskriften om registeret § 3\". The agreement states that the Controller is the dataansvarlig for the register under that section of the Register Regulation (\"Registerforskriften § 3\"), or under the provision as given where it names no single section of a regulation; absent, the Controller confirms it is the dataansvarlig designated by the regulation, and dpa check asks for the provision."`
	DeviceManufacturer                string `yaml:"device_manufacturer,omitempty" json:"device_manufacturer,omitempty" jsonschema:"enum=,enum=processor,enum=controller,enum=third_party,enum=none" jsonschema_description:"Remote monitoring only: who is the manufacturer under the Medical Device Regulation (EU) 2017/745 of the software or devices used: processor, controller, third_party (name it in device_manufacturer_name) or none (no medical device is used)."`
	DeviceManufacturerName            string `yaml:"device_manufacturer_name,omitempty" json:"device_manufacturer_name,omitempty" jsonschema_description:"Remote monitoring: the legal name of the manufacturer when device_manufacturer is third_party."`
	RemoteMonitoring                  *bool  `yaml:"remote_monitoring,omitempty" json:"remote_monitoring,omitempty" jsonschema_description:"Medisinsk avstandsoppfølging (guide 4.4). Omitted: not read as false; a finding asks for the decision (decision-missing)."`
	NationalFunction                  *bool  `yaml:"national_function,omitempty" json:"national_function,omitempty" jsonschema_description:"Part of grunnleggende nasjonale funksjoner under the Security Act. Omitted: not read as false; a finding asks for the decision (decision-missing)."`
	Migration                         *bool  `yaml:"migration,omitempty" json:"migration,omitempty" jsonschema_description:"An existing on-premises service is migrated (guide 4.7). Omitted: not read as false; a finding asks for the decision (decision-missing)."`
	Level                             string `yaml:"level,omitempty" json:"level,omitempty" jsonschema:"enum=,enum=low,enum=medium,enum=high" jsonschema_description:"Optional override that may raise the derived risk level, never lower it."`
}

// Location is a place where data is stored or processed.
type Location struct {
	Purpose  string `yaml:"purpose,omitempty" json:"purpose,omitempty" dpa:"prose" jsonschema_description:"primary storage, backup, disaster recovery, processing, ..."`
	Country  string `yaml:"country" json:"country" jsonschema:"pattern=^[A-Z]{2}$" jsonschema_description:"ISO 3166-1 alpha-2 country code."`
	Address  string `yaml:"address,omitempty" json:"address,omitempty" jsonschema_description:"Street address of the data centre; required in a final agreement."`
	Operator string `yaml:"operator,omitempty" json:"operator,omitempty" jsonschema_description:"Name of the processor or subprocessor that operates the location."`
	Role     string `yaml:"role,omitempty" json:"role,omitempty" jsonschema:"enum=primary,enum=backup,enum=disaster_recovery,enum=processing" jsonschema_description:"What the location is for, as a fixed value: primary (primary storage), backup, disaster_recovery or processing. The backup clause names the backup and disaster recovery locations; without a role, a purpose that names backup or disaster recovery counts. A final agreement with no identifiable backup location draws backup-location-missing."`
}

// Subprocessor is an underdatabehandler.
type Subprocessor struct {
	Name              string         `yaml:"name" json:"name" jsonschema_description:"Legal name."`
	Country           string         `yaml:"country" json:"country" jsonschema:"pattern=^[A-Z]{2}$" jsonschema_description:"Country of establishment."`
	ParentCountry     string         `yaml:"parent_country,omitempty" json:"parent_country,omitempty" jsonschema:"pattern=^[A-Z]{2}$" jsonschema_description:"Country of the ultimate parent company."`
	ParentName        string         `yaml:"parent_name,omitempty" json:"parent_name,omitempty" jsonschema_description:"Legal name of the ultimate parent company (optional)."`
	Service           string         `yaml:"service,omitempty" json:"service,omitempty" dpa:"prose" jsonschema_description:"What the subprocessor does."`
	Locations         []string       `yaml:"locations,omitempty" json:"locations,omitempty" jsonschema:"pattern=^[A-Z]{2}$" jsonschema_description:"Countries where it stores or processes data."`
	AccessCountries   []string       `yaml:"access_countries,omitempty" json:"access_countries,omitempty" jsonschema:"pattern=^[A-Z]{2}$" jsonschema_description:"Countries from which its staff can reach the data."`
	TransferBasis     string         `yaml:"transfer_basis,omitempty" json:"transfer_basis,omitempty" jsonschema:"enum=none,enum=adequacy,enum=scc,enum=bcr" jsonschema_description:"Transfer basis for third-country destinations."`
	DPFCertified      *bool          `yaml:"dpf_certified,omitempty" json:"dpf_certified,omitempty" jsonschema_description:"US only: true: listed as actively certified under the EU-US Data Privacy Framework (DPF) at signing, as stated by the processor; false: the processor states that it is not. Omitted: not stated; the transfer cannot rely on the adequacy decision for the United States and rests on transfer_basis, and the agreement says that no certification was stated (not that the organisation is absent from the DPF List)."`
	TIADone           bool           `yaml:"tia_done,omitempty" json:"tia_done,omitempty" jsonschema_description:"A transfer impact assessment is documented."`
	TIADate           string         `yaml:"tia_date,omitempty" json:"tia_date,omitempty" dpa:"date" jsonschema:"pattern=^[0-9]{4}-[0-9]{2}-[0-9]{2}$" jsonschema_description:"Date (YYYY-MM-DD) of the documented transfer impact assessment for the transfers to this subprocessor as data importer, one entry per third country without an adequacy decision where it receives or reaches the data. Implies tia_done. It must be given to the controller at the latest at signature."`
	OwnStaffCountries []string       `yaml:"own_staff_countries,omitempty" json:"own_staff_countries,omitempty" jsonschema:"pattern=^[A-Z]{2}$" jsonschema_description:"Countries outside the EEA, among its locations and access_countries, where the data is stored or reached by this subprocessor's own employees (the same legal entity, e.g. a branch), not by another company."`
	TIAs              []TIA          `yaml:"tias,omitempty" json:"tias,omitempty" jsonschema_description:"One dated transfer impact assessment per third country without an adequacy decision where this subprocessor receives or reaches the data as importer or by its own staff. A country listed here takes this date instead of tia_date, which stays the default for the others."`
	AccessSchemes     []AccessScheme `yaml:"access_schemes,omitempty" json:"access_schemes,omitempty" jsonschema_description:"Routine access (e.g. follow-the-sun support) from a third country without an adequacy decision, by this party's staff or the recipient named for the country: the controller approves each scheme in annex C, and per-task approval then applies only to access outside it."`
	Recipients        []Recipient    `yaml:"recipients,omitempty" json:"recipients,omitempty" jsonschema_description:"For a country outside the EEA among its locations and access_countries where another company (e.g. a group company) receives or reaches the data: the listed subprocessor established in that country. Every such country needs an entry here, in own_staff_countries, or must be this subprocessor's own country of establishment (finding unidentified-recipient)."`
}

// Terms are the agreed terms; an omitted value (nil) gets its default by
// risk level. A value outside its range is an error when the file is read,
// never replaced by a default.
type Terms struct {
	BreachNoticeHours         *int   `yaml:"breach_notice_hours,omitempty" json:"breach_notice_hours,omitempty" jsonschema:"minimum=1,maximum=72" jsonschema_description:"Hours within which the processor notifies the controller of a personal data breach. Default by risk level."`
	AuditFrequency            string `yaml:"audit_frequency,omitempty" json:"audit_frequency,omitempty" jsonschema:"enum=yearly,enum=biennial,enum=on_request" jsonschema_description:"How often audits take place. Default by risk level."`
	SubprocessorAuthorisation string `yaml:"subprocessor_authorisation,omitempty" json:"subprocessor_authorisation,omitempty" jsonschema:"enum=specific,enum=general,default=specific" jsonschema_description:"specific or general written authorisation of subprocessors."`
	SubprocessorNoticeDays    *int   `yaml:"subprocessor_notice_days,omitempty" json:"subprocessor_notice_days,omitempty" jsonschema:"minimum=1,default=30" jsonschema_description:"Days of notice before a new subprocessor under general authorisation."`
	ReturnFormat              string `yaml:"return_format,omitempty" json:"return_format,omitempty" dpa:"prose" jsonschema_description:"Agreed or universal format for returning data."`
	ReturnWithinDays          *int   `yaml:"return_within_days,omitempty" json:"return_within_days,omitempty" jsonschema:"minimum=1,default=30" jsonschema_description:"Days within which data is returned at the end."`
	DeletionWithinDays        *int   `yaml:"deletion_within_days,omitempty" json:"deletion_within_days,omitempty" jsonschema:"minimum=1,default=30" jsonschema_description:"Days within which data is deleted after return."`
	RestoreTimeHours          *int   `yaml:"restore_time_hours,omitempty" json:"restore_time_hours,omitempty" jsonschema:"minimum=1" jsonschema_description:"How fast a restore from backup must be possible, in hours. Default 24, or 8 where patient records are processed (or risk.patient_record is not answered), reported by dpa check."`
	BackupIntervalHours       *int   `yaml:"backup_interval_hours,omitempty" json:"backup_interval_hours,omitempty" jsonschema:"minimum=1" jsonschema_description:"The controller's choice of backup frequency: a backup at least every this many hours, which is also the most data (in hours of changes) the controller accepts to lose (RPO). Default 24, or 4 where patient records are processed (or risk.patient_record is not answered), reported by dpa check."`
	ExitAccessDays            *int   `yaml:"exit_access_days,omitempty" json:"exit_access_days,omitempty" jsonschema:"minimum=1,default=180" jsonschema_description:"Long-stop for the controller's access and the processor's exit assistance: at most this many days after the end of the main agreement, unless the processor causes the delay. Default 180, reported by dpa check."`
	ArchiveExtract            string `yaml:"archive_extract,omitempty" json:"archive_extract,omitempty" jsonschema:"enum=noark5,enum=other,enum=none" jsonschema_description:"Whether the return at exit includes an archive extract (arkivuttrekk) ready for deposit with the archive repository: noark5 for a record-keeping (case and archive) system under the Noark 5 standard; other for another system (e.g. patient records under the archiving rules of the Patient Records Regulation), in the format the repository accepts; none: no archive extract. Public body: omitted draws decision-missing."`
	LiabilityCap              string `yaml:"liability_cap,omitempty" json:"liability_cap,omitempty" dpa:"prose" jsonschema_description:"The separate cap the parties agree for loss caused by breach of the agreement, the data protection legislation or secrecy, e.g. \"NOK 20 000 000 per calendar year\". Printed as written (its other-language form under translations); a blank in a draft, required in a final agreement. Never unlimited by default."`
}

// Security holds security answers.
type Security struct {
	EncryptionAtRest *bool  `yaml:"encryption_at_rest,omitempty" json:"encryption_at_rest,omitempty" jsonschema_description:"Data is encrypted at rest. Default true."`
	MFA              *bool  `yaml:"mfa,omitempty" json:"mfa,omitempty" jsonschema_description:"Multi-factor authentication for all access. Default true."`
	KeysHeldBy       string `yaml:"keys_held_by,omitempty" json:"keys_held_by,omitempty" jsonschema:"enum=controller,enum=processor,enum=third_party_eea" jsonschema_description:"Who holds the encryption keys."`
	ISO27001         bool   `yaml:"iso27001,omitempty" json:"iso27001,omitempty" jsonschema_description:"The processor is certified to ISO/IEC 27001."`
	// KeyService is who operates the key service or hardware security
	// module and where it is, when the controller does not hold the keys
	// itself (additive; absent: finding decision-missing).
	KeyService *KeyService `yaml:"key_service,omitempty" json:"key_service,omitempty" jsonschema_description:"Who operates the key service or hardware security module (HSM) holding the keys, and where it is, when the controller does not hold the keys itself (keys_held_by processor or third_party_eea)."`
}

// KeyService is the key service or HSM the keys are kept in.
type KeyService struct {
	Operator string `yaml:"operator,omitempty" json:"operator,omitempty" jsonschema_description:"Name of the undertaking that operates the key service or HSM: the processor itself, a listed subprocessor (e.g. the cloud provider running a KMS or managed HSM), or the independent third party."`
	Country  string `yaml:"country,omitempty" json:"country,omitempty" jsonschema:"pattern=^[A-Z]{2}$" jsonschema_description:"Country (ISO 3166-1 alpha-2) where the key service or HSM is located."`
	// Address is additive: the street address of the data centre the key
	// service or HSM runs in (clause 8.1 lists every location with country
	// and address; absent in a final agreement: missing-location-address).
	Address         string   `yaml:"address,omitempty" json:"address,omitempty" jsonschema_description:"Street address of the data centre where the key service or HSM is located (for a cloud provider's key service: the data centre of the region it runs in); required in a final agreement, a blank in a draft."`
	AccessCountries []string `yaml:"access_countries,omitempty" json:"access_countries,omitempty" jsonschema:"pattern=^[A-Z]{2}$" jsonschema_description:"Countries (ISO 3166-1 alpha-2) from which the operator's staff can reach the key service for operation and administration."`
}

// Yes reports whether a yes/no answer is answered true; an absent answer
// (nil) is not yes, and not an answered no either (see Decision).
func Yes(b *bool) bool { return b != nil && *b }

// No reports whether a yes/no answer is given and is no (absent is not no).
func No(b *bool) bool { return b != nil && !*b }

// Decision is one yes/no answer with legal effect whose absence is not
// read as false: the finding decision-missing asks for it.
type Decision struct {
	Path  string // JSON path, e.g. "risk.patient_record"
	Value *bool  // nil: not answered
}

// Decisions lists the yes/no answers under risk that select clauses and
// statutes (the Patient Records Act, the Health Registries Act, remote
// monitoring, the Security Act, migration), in file order. Answered false
// drops those clauses, so an absent answer is never taken as false.
func (r Risk) Decisions() []Decision {
	return []Decision{
		{"risk.patient_record", r.PatientRecord},
		{"risk.health_register", r.HealthRegister},
		{"risk.remote_monitoring", r.RemoteMonitoring},
		{"risk.national_function", r.NationalFunction},
		{"risk.migration", r.Migration},
	}
}

// Bool returns a pointer to b: an answered yes/no.
func Bool(b bool) *bool { return &b }
