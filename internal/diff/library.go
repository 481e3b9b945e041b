package diff

import (
	"fmt"
	"strings"

	"github.com/dpa-no/dpa/internal/library"
)

// Options control a comparison.
type Options struct {
	OldName, NewName string   // shown in the report
	Langs            []string // languages of the redline (default nb and en)
	// ExplainLang is the language of explanations (nb or en; default nb).
	ExplainLang string
	// ChangelogLang is the language of the changelog entries (the
	// document language; default ExplainLang).
	ChangelogLang string
}

func (o Options) langs() []string {
	if len(o.Langs) == 0 {
		return []string{"nb", "en"}
	}
	return o.Langs
}

// Libraries compares two clause libraries clause by clause (matched by id).
func Libraries(old, new *library.Library, o Options) *Report {
	el := langOr(o.ExplainLang)
	r := &Report{Kind: "library", Old: o.OldName, New: o.NewName, OldVersion: old.Version, NewVersion: new.Version,
		Langs: o.langs(), Date: dateOr(new.Date), UILang: el, Added: []string{}, Removed: []string{}, Changed: []ClauseChange{}}
	r.ChangelogLang = langOr(o.ChangelogLang)
	if o.ChangelogLang == "" {
		r.ChangelogLang = el
	}
	r.Changelog = newEntries(old.Changelog, new.Changelog, r.ChangelogLang)

	text := func(c *library.Clause, kind string) ClauseChange {
		cc := ClauseChange{ID: c.ID, Status: kind, Title: map[string][]Op{}, Body: map[string][]Op{}}
		if kind == Added {
			cc.NewVersion = c.Version
		} else {
			cc.OldVersion = c.Version
		}
		opKind := Insert
		if kind == Removed {
			opKind = Delete
		}
		for _, l := range r.Langs {
			cc.Title[l] = Whole(opKind, strings.TrimSpace(c.Title.Get(l)))
			cc.Body[l] = Whole(opKind, trimBody(c.Body.Get(l)))
		}
		return cc
	}
	// removed clauses go after their predecessor in OLD
	removedAfter := map[string][]*library.Clause{}
	prev := ""
	for _, c := range old.Clauses {
		if new.Clause(c.ID) == nil {
			removedAfter[prev] = append(removedAfter[prev], c)
			r.Removed = append(r.Removed, c.ID)
			continue
		}
		prev = c.ID
	}
	emitRemoved := func(after string) {
		for _, c := range removedAfter[after] {
			r.Items = append(r.Items, text(c, Removed))
		}
	}
	emitRemoved("")
	for _, nc := range new.Clauses {
		oc := old.Clause(nc.ID)
		if oc == nil {
			r.Added = append(r.Added, nc.ID)
			cc := text(nc, Added)
			cc.Changelog = entries(nc.Changelog, 0, r.ChangelogLang)
			r.Items = append(r.Items, cc)
			continue
		}
		if cc, changed := compareClauses(oc, nc, r.Langs, el, r.ChangelogLang, old, new); changed {
			r.Changed = append(r.Changed, cc)
			r.Items = append(r.Items, cc)
		}
		emitRemoved(nc.ID)
	}
	if old.Version == new.Version && len(r.Added)+len(r.Removed)+len(r.Changed) > 0 {
		r.VersionWarning = phrase(el, "samever", new.Version)
	}
	return r
}

func compareClauses(oc, nc *library.Clause, langs []string, el, logLang string, oldLib, newLib *library.Library) (ClauseChange, bool) {
	cc := ClauseChange{ID: nc.ID, OldVersion: oc.Version, NewVersion: nc.Version, Status: Changed,
		Title: map[string][]Op{}, Body: map[string][]Op{}}
	sameHash := oc.Hash() == nc.Hash()
	switch {
	case !sameHash && oc.Version == nc.Version:
		cc.VersionNote = phrase(el, "notbumped", nc.Version, nc.Version+1)
	case nc.Version < oc.Version:
		cc.VersionNote = phrase(el, "lowered", oc.Version, nc.Version)
	case sameHash && nc.Version != oc.Version:
		cc.VersionNote = phrase(el, "onlybump", oc.Version, nc.Version)
	}
	for _, l := range langs {
		cc.Title[l] = Words(strings.TrimSpace(oc.Title.Get(l)), strings.TrimSpace(nc.Title.Get(l)))
		body := Words(trimBody(oc.Body.Get(l)), trimBody(nc.Body.Get(l)))
		if HasChanges(body) {
			cc.Body[l] = body
		}
	}
	if oc.When != nc.When {
		cc.Condition = &FieldChange{Old: oc.When, New: nc.When}
		cc.Explanation = append(cc.Explanation, ExplainCondition(oc.When, nc.When, el)...)
	}
	add, del := setDiff(oc.Covers, nc.Covers)
	if len(add)+len(del) > 0 {
		cc.Covers = &CoversChange{Added: add, Removed: del}
		for _, k := range add {
			cc.Explanation = append(cc.Explanation, phrase(el, "covadd", reqName(newLib, k, el)))
		}
		for _, k := range del {
			cc.Explanation = append(cc.Explanation, phrase(el, "covdel", reqName(oldLib, k, el)))
		}
	}
	if oc.Section != nc.Section {
		cc.Explanation = append(cc.Explanation, phrase(el, "moved", oc.Section, nc.Section))
	}
	if strings.Join(oc.Sources, "\n") != strings.Join(nc.Sources, "\n") {
		cc.Explanation = append(cc.Explanation, phrase(el, "sources"))
	}
	cc.Changelog = entries(nc.Changelog, oc.Version, logLang)
	changed := !sameHash || oc.Version != nc.Version || oc.Section != nc.Section
	return cc, changed
}

func reqName(l *library.Library, key, lang string) string {
	if q := l.Requirement(key); q != nil {
		if about := strings.TrimSpace(q.About.Get(lang)); about != "" {
			return fmt.Sprintf("%s (%s)", key, about)
		}
	}
	return key
}

// trimBody drops leading and trailing blank lines and trailing spaces of
// lines, which do not change the clause.
func trimBody(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

func dateOr(d string) string {
	if len(d) >= 10 {
		return d[:10]
	}
	return "2000-01-01"
}

func vstr(v any) string { return fmt.Sprint(v) }

// logEntry is changelog entry e in lang (or in the other language, which
// LogEntry.Lang then says, when e has no text in lang).
func logEntry(e library.Change, lang string) LogEntry {
	text, in := e.Text.In(lang)
	return LogEntry{Version: vstr(e.Version), Date: e.Date, Text: text, Lang: in, NB: e.Text.NB, EN: e.Text.EN}
}

// entries returns the clause changelog entries with a version above after.
func entries(log []library.Change, after int, lang string) []LogEntry {
	var out []LogEntry
	for _, e := range log {
		var n int
		if _, err := fmt.Sscan(vstr(e.Version), &n); err == nil && n <= after {
			continue
		}
		out = append(out, logEntry(e, lang))
	}
	return out
}

// newEntries returns the entries of b whose version is not in a.
func newEntries(a, b []library.Change, lang string) []LogEntry {
	seen := map[string]bool{}
	for _, e := range a {
		seen[vstr(e.Version)] = true
	}
	var out []LogEntry
	for _, e := range b {
		if !seen[vstr(e.Version)] {
			out = append(out, logEntry(e, lang))
		}
	}
	return out
}
