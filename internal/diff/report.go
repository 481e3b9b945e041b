package diff

import "time"

// Report is the outcome of comparing two libraries or two agreements.
type Report struct {
	Kind string `json:"kind"` // library | answers
	Old  string `json:"old"`  // what was compared, as given
	New  string `json:"new"`
	// OldVersion and NewVersion are the clause library versions.
	OldVersion string   `json:"old_version"`
	NewVersion string   `json:"new_version"`
	Langs      []string `json:"langs"`
	// Date (YYYY-MM-DD) is the date of the tracked changes in the docx
	// redline: the new library's date or the new agreement's date.
	Date    string         `json:"date"`
	Added   []string       `json:"added"`   // clause ids
	Removed []string       `json:"removed"` // clause ids
	Changed []ClauseChange `json:"changed"`
	// Renumbered lists clauses of both agreements whose number changed
	// (answers diff only); a number change alone is not a change.
	Renumbered []Renumber `json:"renumbered,omitempty"`
	// Annexes are the generated annex contents (tables, intro text) that
	// differ (answers diff only).
	Annexes []AnnexChange `json:"annexes,omitempty"`
	// Changelog holds the library changelog entries that are in NEW and
	// not in OLD.
	Changelog []LogEntry `json:"changelog,omitempty"`
	// ChangelogLang is the language the changelog entries are printed in.
	ChangelogLang string `json:"changelog_lang,omitempty"`
	// VersionWarning is set when two libraries carry the same version but
	// differ (library diff only): the new one needs a version of its own.
	VersionWarning string `json:"version_warning,omitempty"`
	// Items are the added, removed and changed clauses in reading order
	// (NEW's order, removed ones after their predecessor in OLD), with
	// their full redline; renderers walk this.
	Items []ClauseChange `json:"-"`
	// UILang is the language of headings and explanations (nb or en).
	UILang string `json:"-"`
	// Author and When, when set, are the author and date of the tracked
	// changes of the docx report (default "dpa" on Date).
	Author string    `json:"-"`
	When   time.Time `json:"-"`
}

// Empty reports whether nothing differs.
func (r *Report) Empty() bool {
	return len(r.Added) == 0 && len(r.Removed) == 0 && len(r.Changed) == 0 && len(r.Annexes) == 0 &&
		len(r.Changelog) == 0 && r.OldVersion == r.NewVersion
}

// Clause statuses.
const (
	Added     = "added"
	Removed   = "removed"
	Changed   = "changed"
	Unchanged = "unchanged"
)

// ClauseChange is one clause that was added, removed or changed.
type ClauseChange struct {
	ID         string `json:"id"`
	OldVersion int    `json:"old_version"` // 0 when added
	NewVersion int    `json:"new_version"` // 0 when removed
	OldNumber  string `json:"old_number,omitempty"`
	NewNumber  string `json:"new_number,omitempty"`
	Status     string `json:"status"`
	// VersionNote flags a version problem, e.g. text changed but the
	// version was not bumped.
	VersionNote string `json:"version_note,omitempty"`
	// Title and Body are word redlines per language.
	Title       map[string][]Op `json:"title,omitempty"`
	Body        map[string][]Op `json:"body,omitempty"`
	Condition   *FieldChange    `json:"condition,omitempty"`
	Covers      *CoversChange   `json:"covers,omitempty"`
	Explanation []string        `json:"explanation,omitempty"`
	Changelog   []LogEntry      `json:"changelog,omitempty"`
}

// FieldChange is a changed value, e.g. a condition.
type FieldChange struct {
	Old string `json:"old"`
	New string `json:"new"`
}

// CoversChange lists requirement keys a clause covers in NEW and not in
// OLD (Added) and the reverse (Removed).
type CoversChange struct {
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// Renumber is a clause number that changed.
type Renumber struct {
	ID        string `json:"id"`
	OldNumber string `json:"old_number"`
	NewNumber string `json:"new_number"`
}

// AnnexChange is the redline of an annex's generated content.
type AnnexChange struct {
	ID     string `json:"id"`
	Letter string `json:"letter"`
	Title  string `json:"title"`
	Ops    []Op   `json:"ops"`
	Note   string `json:"note,omitempty"`
}

// LogEntry is a changelog entry.
type LogEntry struct {
	Version string `json:"version"`
	Date    string `json:"date"`
	// Text is the entry in the report's changelog language, or, when the
	// library has no text in that language (an English-only entry of an
	// outside library), in Lang; the renderers then say so.
	Text string `json:"text"`
	Lang string `json:"lang"`
	NB   string `json:"nb,omitempty"`
	EN   string `json:"en,omitempty"`
}
