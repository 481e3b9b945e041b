package rules

import (
	"reflect"
	"testing"

	"github.com/dpa-no/dpa/internal/answers"
)

// TestTransferPosition: the controller's transfer position is asked for in
// every draft (the tender must state it before the supplier is known), and
// a listed destination outside the EEA that the position does not permit
// is a conflict: an error in a final agreement, a warning in a draft. The
// class: none forbids every third-country destination (adequacy countries,
// establishment and remote access included); adequacy_only forbids those
// without an adequacy decision for the recipient (a US recipient without
// DPF certification); with_safeguards forbids none.
func TestTransferPosition(t *testing.T) {
	us := func(a *answers.Answers) {
		a.Locations = append(a.Locations, answers.Location{Purpose: "processing", Country: "US", Address: "1 Main St", Operator: "Leverandør AS"})
		a.Processor.TransferBasis = "scc"
	}
	ch := func(a *answers.Answers) { a.AccessCountries = append(a.AccessCountries, "CH") }
	// a DPF-certified recipient relies on the adequacy decision; one
	// without relies on SCC
	sub := func(country string, dpf bool) func(a *answers.Answers) {
		return func(a *answers.Answers) {
			basis := "scc"
			if dpf {
				basis = "adequacy"
			}
			a.Subprocessors = append(a.Subprocessors, answers.Subprocessor{Name: "Sub Inc", Country: country, TransferBasis: basis, DPFCertified: answers.Bool(dpf), Locations: []string{"IE"}})
		}
	}
	// certified, but the transfer rests on SCC: an article 46 transfer
	certifiedSCC := func(a *answers.Answers) {
		a.Subprocessors = append(a.Subprocessors, answers.Subprocessor{Name: "Sub Inc", Country: "US", TransferBasis: "scc", DPFCertified: answers.Bool(true), Locations: []string{"IE"}})
	}
	cases := []struct {
		name     string
		status   string
		position string
		mods     []func(a *answers.Answers)
		want     []finding
	}{
		{"draft without a position: asked for", "draft", "", nil, []finding{{"warning", "decision-missing", "processing.third_country_transfers"}}},
		{"final without a position: the listed transfers are the instruction", "final", "", []func(*answers.Answers){us}, nil},
		{"none, EEA only", "final", "none", nil, nil},
		{"none, storage in the US", "final", "none", []func(*answers.Answers){us}, []finding{{"error", CodeTransferPositionConflict, "locations[2].country"}}},
		{"none, access from an adequacy country", "final", "none", []func(*answers.Answers){ch}, []finding{{"error", CodeTransferPositionConflict, "access_countries[1]"}}},
		{"none, sub-processor established in the US", "final", "none", []func(*answers.Answers){sub("US", true)}, []finding{{"error", CodeTransferPositionConflict, "subprocessors[0].country"}}},
		{"none in a draft: a warning", "draft", "none", []func(*answers.Answers){us}, []finding{{"warning", CodeTransferPositionConflict, "locations[2].country"}}},
		{"adequacy only, access from an adequacy country", "final", "adequacy_only", []func(*answers.Answers){ch}, nil},
		{"adequacy only, DPF-certified US sub-processor", "final", "adequacy_only", []func(*answers.Answers){sub("US", true)}, nil},
		{"adequacy only, DPF-certified US sub-processor whose transfer rests on SCC", "final", "adequacy_only", []func(*answers.Answers){certifiedSCC}, []finding{{"error", CodeTransferPositionConflict, "subprocessors[0].country"}}},
		{"adequacy only, US sub-processor without DPF", "final", "adequacy_only", []func(*answers.Answers){sub("US", false)}, []finding{{"error", CodeTransferPositionConflict, "subprocessors[0].country"}}},
		{"adequacy only, storage in the US by the processor", "final", "adequacy_only", []func(*answers.Answers){us}, []finding{{"error", CodeTransferPositionConflict, "locations[2].country"}}},
		{"with safeguards, US storage under SCC", "final", "with_safeguards", []func(*answers.Answers){us}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := complete()
			a.Status = c.status
			a.Processing.ThirdCountryTransfers = c.position
			for _, m := range c.mods {
				m(a)
			}
			var got []finding
			for _, x := range drafting(a) {
				if x.code == CodeTransferPositionConflict || x.path == "processing.third_country_transfers" {
					got = append(got, x)
				}
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("\n got %v\nwant %v", got, c.want)
			}
		})
	}
}

// TestBackupLocation: the backup site is derived from the role where it is
// answered (a role overrides the purpose), otherwise from a purpose or a
// sub-processor's service that names backup or disaster recovery; a final
// agreement with locations but no such site draws backup-location-missing
// (an error; a warning in a draft), a tender draft without locations does
// not (the clause shows a blank for the tenderer).
func TestBackupLocation(t *testing.T) {
	loc := func(role, purpose string) answers.Location {
		return answers.Location{Role: role, Purpose: purpose, Country: "NO", Address: "Gate 3", Operator: "Leverandør AS"}
	}
	cases := []struct {
		name   string
		status string
		locs   []answers.Location
		subs   []answers.Subprocessor
		want   bool // backup-location-missing
	}{
		{"role backup", "final", []answers.Location{loc("primary", "drift"), loc("backup", "Oslo 2")}, nil, false},
		{"role disaster recovery", "final", []answers.Location{loc("primary", ""), loc("disaster_recovery", "")}, nil, false},
		{"purpose names backup (nb)", "final", []answers.Location{loc("", "primærlagring"), loc("", "sikkerhetskopi")}, nil, false},
		{"purpose names backup (en)", "final", []answers.Location{loc("", "Backup site")}, nil, false},
		{"purpose DR", "final", []answers.Location{loc("", "DR site")}, nil, false},
		{"role primary overrides a purpose that says backup", "final", []answers.Location{loc("primary", "primary and backup")}, nil, true},
		{"no backup site", "final", []answers.Location{loc("primary", "drift"), loc("processing", "")}, nil, true},
		{"a backup sub-processor with countries", "final", []answers.Location{loc("primary", "")},
			[]answers.Subprocessor{{Name: "Kopi AS", Country: "NO", Service: "sikkerhetskopiering", Locations: []string{"NO"}}}, false},
		{"a backup sub-processor without countries", "final", []answers.Location{loc("primary", "")},
			[]answers.Subprocessor{{Name: "Kopi AS", Country: "NO", Service: "backup"}}, true},
		{"a draft with locations: a warning", "draft", []answers.Location{loc("primary", "")}, nil, true},
		{"a tender draft without locations: a blank, no finding", "draft", nil, nil, false},
		{"no locations at all: other findings apply", "final", nil, nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := complete()
			a.Status = c.status
			a.Locations, a.Subprocessors = c.locs, c.subs
			got := false
			for _, x := range drafting(a) {
				got = got || x.code == CodeBackupLocationMissing
			}
			if got != c.want {
				t.Errorf("backup-location-missing = %v, want %v", got, c.want)
			}
		})
	}
}
