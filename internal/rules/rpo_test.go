package rules

import (
	"testing"
)

// TestPatientRecordRecoveryDefaults: where patient records are processed,
// or the answer is missing, the unanswered backup interval (RPO) and restore
// time (RTO) default to the stricter patient-record values and are reported
// with that reason; an answered no gives the general defaults; a given value
// is never replaced.
func TestPatientRecordRecoveryDefaults(t *testing.T) {
	yes, no := true, false
	four, twelve := 4, 12
	cases := []struct {
		name           string
		patient        *bool
		backup, restor *int
		wantB, wantR   int
		why            string // reason of the default, "" for none
	}{
		{"patient record, unanswered", &yes, nil, nil, PatientRecordBackupIntervalHours, PatientRecordRestoreTimeHours, "patient_record"},
		{"patient record absent, unanswered", nil, nil, nil, PatientRecordBackupIntervalHours, PatientRecordRestoreTimeHours, "patient_record"},
		{"no patient record, unanswered", &no, nil, nil, DefaultBackupIntervalHours, DefaultRestoreTimeHours, "tool"},
		{"patient record, answered", &yes, &twelve, &four, 12, 4, ""},
		{"no patient record, answered", &no, &four, &twelve, 4, 12, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := complete()
			a.Risk.PatientRecord = c.patient
			a.Terms.BackupIntervalHours = c.backup
			a.Terms.RestoreTimeHours = c.restor
			f := Derive(a, false)
			if f.Terms.BackupIntervalHours != c.wantB || f.Terms.RestoreTimeHours != c.wantR {
				t.Fatalf("backup %d restore %d, want %d %d", f.Terms.BackupIntervalHours, f.Terms.RestoreTimeHours, c.wantB, c.wantR)
			}
			got := map[string]string{}
			for _, d := range f.AppliedDefaults() {
				got[d.Path] = d.Why
			}
			for _, p := range []string{"terms.backup_interval_hours", "terms.restore_time_hours"} {
				if got[p] != c.why {
					t.Errorf("%s: default reason %q, want %q", p, got[p], c.why)
				}
			}
		})
	}
	if PatientRecordBackupIntervalHours >= DefaultBackupIntervalHours || PatientRecordRestoreTimeHours >= DefaultRestoreTimeHours {
		t.Errorf("the patient-record defaults are not stricter than the general ones")
	}
}
