package diff_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"html"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/dpa-no/dpa/clauses"
	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/diff"
	"github.com/dpa-no/dpa/internal/docx"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/render/rendertest"
)

// pairs of old and new texts for the round-trip tests.
var pairs = [][2]string{
	{"senest 30 dager etter", "senest 14 dager etter"},
	{"", "Et helt nytt avsnitt."},
	{"Et avsnitt som forsvinner.", ""},
	{"A b c.\n\n- en\n- to", "A b c d.\n\n- en\n- tre\n- fire"},
	{"Første avsnitt.\n\nAndre avsnitt.", "Første avsnitt.\n\nEt nytt avsnitt.\n\nAndre avsnitt."},
	{"Linje én og linje to.", "Linje én\nog linje to."},
	{"Tegn: <b> & \"q\" * _ ~ | # [x]", "Tegn: <i> & 'q' * _ ~ | # [y]"},
	{"1. punkt\n2. punkt", "1. punkt\n2. endret punkt\n3. nytt"},
	{"Behandlingsansvarlig har rett til innsyn i risikovurderingene og til å få dem utlevert.", "Behandlingsansvarlig har rett til å få risikovurderingene utlevert innen 14 dager."},
}

// norm collapses blank lines: renderers drop empty unchanged lines.
func norm(s string) string {
	s = regexp.MustCompile(`\n+`).ReplaceAllString(s, "\n")
	return strings.Trim(s, "\n")
}

func TestWordsNumber(t *testing.T) {
	ops := diff.Words("Databehandler skal svare innen 30 dager.", "Databehandler skal svare innen 14 dager.")
	var del, ins []string
	for _, o := range ops {
		switch o.Kind {
		case diff.Delete:
			del = append(del, o.Text)
		case diff.Insert:
			ins = append(ins, o.Text)
		}
	}
	if len(del) != 1 || del[0] != "30" || len(ins) != 1 || ins[0] != "14" {
		t.Fatalf("want one deletion 30 and one insertion 14, got %+v", ops)
	}
	// a number with a decimal point is one word
	ops = diff.Words("punkt 7.2 gjelder", "punkt 7.3 gjelder")
	if len(ops) != 4 || ops[1] != (diff.Op{Kind: diff.Delete, Text: "7.2"}) || ops[2] != (diff.Op{Kind: diff.Insert, Text: "7.3"}) {
		t.Fatalf("7.2 -> 7.3: %+v", ops)
	}
}

func TestTokensRoundTrip(t *testing.T) {
	for _, p := range pairs {
		for _, s := range p {
			if got := strings.Join(diff.Tokens(s), ""); got != s {
				t.Errorf("Tokens(%q) joined = %q", s, got)
			}
		}
	}
}

func TestOpsRoundTrip(t *testing.T) {
	for _, p := range pairs {
		ops := diff.Words(p[0], p[1])
		if got := diff.NewText(ops); got != p[1] {
			t.Errorf("accept all of %q -> %q: got %q", p[0], p[1], got)
		}
		if got := diff.OldText(ops); got != p[0] {
			t.Errorf("reject all of %q -> %q: got %q", p[0], p[1], got)
		}
		if p[0] != p[1] && !diff.HasChanges(ops) {
			t.Errorf("no changes found in %q -> %q", p[0], p[1])
		}
	}
}

// parseBack reads the markup of MarkdownLines or HTMLLines back: kept and
// inserted text (accept) or kept and deleted text (reject). Paragraphs
// are separated by sep; a pilcrow in a tag marks a changed line break.
func parseBack(s, sep, delOpen, delClose, insOpen, insClose string, accept bool, unescape func(string) string) string {
	drop, keep := [2]string{insOpen, insClose}, [2]string{delOpen, delClose}
	if accept {
		drop, keep = keep, drop
	}
	var out strings.Builder
	paras := strings.Split(s, sep)
	for i, p := range paras {
		joinNext := false
		// a dropped line break (pilcrow in a dropped tag) joins with the next line
		if strings.HasSuffix(p, drop[0]+"¶"+drop[1]) {
			joinNext = true
			p = strings.TrimSuffix(p, drop[0]+"¶"+drop[1])
		}
		p = strings.TrimSuffix(p, keep[0]+"¶"+keep[1])
		// drop the dropped kind with its content, unwrap the kept kind
		for {
			a := strings.Index(p, drop[0])
			if a < 0 {
				break
			}
			b := strings.Index(p[a:], drop[1])
			p = p[:a] + p[a+b+len(drop[1]):]
		}
		p = strings.ReplaceAll(strings.ReplaceAll(p, keep[0], ""), keep[1], "")
		out.WriteString(unescape(p))
		if i < len(paras)-1 && !joinNext {
			out.WriteString("\n")
		}
	}
	return norm(out.String())
}

var mdUnesc = regexp.MustCompile(`\\([\\` + "`" + `*_\[\]|~#.)+\-=])`)

func mdUnescape(s string) string {
	s = mdUnesc.ReplaceAllString(s, "$1")
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&#32;", " ", "&amp;", "&").Replace(s)
}

func TestMarkdownRoundTrip(t *testing.T) {
	for _, p := range pairs {
		ops := diff.Words(p[0], p[1])
		md := diff.MarkdownLines(ops, "")
		if got := parseBack(md, "\n\n", "<del>", "</del>", "<ins>", "</ins>", true, mdUnescape); got != norm(p[1]) {
			t.Errorf("md accept %q -> %q:\n%s\ngot %q", p[0], p[1], md, got)
		}
		if got := parseBack(md, "\n\n", "<del>", "</del>", "<ins>", "</ins>", false, mdUnescape); got != norm(p[0]) {
			t.Errorf("md reject %q -> %q:\n%s\ngot %q", p[0], p[1], md, got)
		}
	}
}

func TestHTMLRoundTrip(t *testing.T) {
	for _, p := range pairs {
		ops := diff.Words(p[0], p[1])
		h := diff.HTMLLines(ops, "")
		h = strings.ReplaceAll(h, `<del class="pm">`, "<del>")
		h = strings.ReplaceAll(h, `<ins class="pm">`, "<ins>")
		h = strings.TrimSuffix(strings.TrimPrefix(h, "<p>"), "</p>\n")
		for _, accept := range []bool{true, false} {
			want := norm(p[0])
			if accept {
				want = norm(p[1])
			}
			got := parseBack(h, "</p>\n<p>", "<del>", "</del>", "<ins>", "</ins>", accept, html.UnescapeString)
			if h == "" {
				got = ""
			}
			if got != want {
				t.Errorf("html accept=%v %q -> %q:\n%s\ngot %q", accept, p[0], p[1], h, got)
			}
		}
	}
}

// docxText reads word/document.xml of a .docx and returns the text after
// accepting (w:t outside w:del plus w:ins; paragraphs with a deleted mark
// join the next) or rejecting (w:t outside w:ins plus w:delText;
// paragraphs with an inserted mark join the next) every change.
func docxText(t *testing.T, b []byte, accept bool) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var data []byte
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			data, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out strings.Builder
	var inIns, inDel, inText, inPPr, markIns, markDel bool
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "p":
				markIns, markDel = false, false
			case "pPr":
				inPPr = true
			case "ins":
				if inPPr {
					markIns = true
				} else {
					inIns = true
				}
			case "del":
				if inPPr {
					markDel = true
				} else {
					inDel = true
				}
			case "t", "delText":
				inText = true
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "pPr":
				inPPr = false
			case "ins":
				inIns = false
			case "del":
				inDel = false
			case "t", "delText":
				inText = false
			case "p":
				if (accept && !markDel) || (!accept && !markIns) {
					out.WriteString("\n")
				}
			}
		case xml.CharData:
			if inText && ((accept && !inDel) || (!accept && !inIns)) {
				out.Write(e)
			}
		}
	}
	return norm(out.String())
}

func TestDocxRoundTrip(t *testing.T) {
	for _, p := range pairs {
		ops := diff.Words(p[0], p[1])
		b := diff.DocxLines(ops, "2026-12-01")
		if err := docx.Check(b); err != nil {
			t.Fatalf("docx.Check: %v", err)
		}
		if got := docxText(t, b, true); got != norm(p[1]) {
			t.Errorf("docx accept %q -> %q: got %q", p[0], p[1], got)
		}
		if got := docxText(t, b, false); got != norm(p[0]) {
			t.Errorf("docx reject %q -> %q: got %q", p[0], p[1], got)
		}
		if bytes.Contains(b, []byte(`w:date="20`)) && !bytes.Contains(b, []byte(`w:author="dpa" w:date="2026-12-01T00:00:00Z"`)) && diff.HasChanges(ops) {
			t.Errorf("tracked changes must be by dpa on 2026-12-01")
		}
	}
}

// TestDocxPandoc accepts and rejects the tracked changes with pandoc.
func TestDocxPandoc(t *testing.T) {
	pandoc := rendertest.Tool(t, "pandoc")
	dir := t.TempDir()
	for i, p := range pairs {
		ops := diff.Words(p[0], p[1])
		f := filepath.Join(dir, "r.docx")
		if err := os.WriteFile(f, diff.DocxLines(ops, "2026-12-01"), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, mode := range []string{"accept", "reject"} {
			out, err := exec.Command(pandoc, "--track-changes="+mode, "-t", "plain", "--wrap=none", f).Output()
			if err != nil {
				t.Fatalf("pandoc: %v", err)
			}
			want := p[1]
			if mode == "reject" {
				want = p[0]
			}
			if g, w := strings.Join(rendertest.Words(string(out)), " "), strings.Join(rendertest.Words(want), " "); g != w {
				t.Errorf("pair %d pandoc %s: got %q, want %q", i, mode, g, w)
			}
		}
	}
}

func TestExplainCondition(t *testing.T) {
	cases := []struct{ old, new, lang, want string }{
		{`service.model == "saas"`, `service.model in ["saas", "paas"]`, "en", "now also applies when the service model is PaaS"},
		{`service.model == "saas"`, `service.model in ["saas", "paas"]`, "nb", "gjelder nå også når tjenestemodellen er PaaS"},
		{`service.model in ["saas", "paas"]`, `service.model == "saas"`, "en", "no longer applies when the service model is PaaS"},
		{`health`, `health && risk.patient_record`, "en", "now applies only when also the service is a patient record"},
		{`health && risk.patient_record`, `health`, "en", "no longer requires that the service is a patient record"},
		{`health`, `true`, "en", "now applies in every agreement (before: only when the processing includes health data)"},
		{`true`, `"scc" in transfer_bases`, "en", "now applies only when the transfer bases include standard contractual clauses (before: in every agreement)"},
		{`health`, `health || special_categories`, "en", "now also applies when the processing includes special categories of personal data"},
		{`terms.return_within_days > 30`, `terms.return_within_days > 60 && health`, "en", "now applies only when also the return period (days) is more than 60"},
		{`len(transfer_bases) > 1`, `len(transfer_bases) > 2`, "en", "now applies only when also `len(transfer_bases) > 2`"},
	}
	for _, c := range cases {
		got := diff.ExplainCondition(c.old, c.new, c.lang)
		if !contains(got, c.want) {
			t.Errorf("%s -> %s (%s): got %q, want %q", c.old, c.new, c.lang, got, c.want)
		}
	}
	if got := diff.ExplainCondition("health", "health", "en"); got != nil {
		t.Errorf("same condition: %q", got)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// copyLibrary writes the embedded library files into a temp folder.
func copyLibrary(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(clauses.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(clauses.FS, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func load(t *testing.T, dir string) *library.Library {
	t.Helper()
	lib, err := library.Load(os.DirFS(dir), dir, i18n.For("en"))
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	return lib
}

// EditClause rewrites the clause id in the library folder dir with edit,
// which gets the clause's YAML mapping node.
func editClause(t *testing.T, dir string, c *library.Clause, edit func(m *yaml.Node)) {
	t.Helper()
	path := filepath.Join(dir, filepath.Base(c.File))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	list := get(root.Content[0], "clauses")
	found := false
	for _, m := range list.Content {
		if get(m, "id").Value == c.ID {
			edit(m)
			found = true
		}
	}
	if !found {
		t.Fatalf("clause %s not in %s", c.ID, path)
	}
	out, err := yaml.Marshal(&root)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

func get(m *yaml.Node, k string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == k {
			return m.Content[i+1]
		}
	}
	return nil
}

// pickClause returns a clause of lib with a plain first word in its
// Norwegian body that can be changed.
func pickClause(t *testing.T, lib *library.Library) (*library.Clause, string) {
	for _, c := range lib.Clauses {
		for _, w := range strings.Fields(c.Body.NB) {
			if len(w) >= 8 && regexp.MustCompile(`^\pL+$`).MatchString(w) {
				return c, w
			}
		}
	}
	t.Fatal("no clause to edit")
	return nil, ""
}

func TestLibrarySelfDiffEmpty(t *testing.T) {
	emb, err := library.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	r := diff.Libraries(emb, load(t, copyLibrary(t)), diff.Options{})
	if !r.Empty() || len(r.Items) != 0 {
		t.Fatalf("self-diff not empty: added %v removed %v changed %d", r.Added, r.Removed, len(r.Changed))
	}
}

func TestLibraryChange(t *testing.T) {
	for _, bump := range []bool{true, false} {
		dir := copyLibrary(t)
		old := load(t, dir)
		c, word := pickClause(t, old)
		editClause(t, dir, c, func(m *yaml.Node) {
			nb := get(get(m, "body"), "nb")
			nb.Value = strings.Replace(nb.Value, word, "ENDRETORD", 1)
			if bump {
				get(m, "version").Value = "99"
			}
		})
		r := diff.Libraries(old, load(t, dir), diff.Options{ExplainLang: "en"})
		if len(r.Changed) != 1 || len(r.Added) != 0 || len(r.Removed) != 0 {
			t.Fatalf("bump=%v: want exactly %s changed, got added %v removed %v changed %+v", bump, c.ID, r.Added, r.Removed, r.Changed)
		}
		cc := r.Changed[0]
		if cc.ID != c.ID || cc.OldVersion != c.Version {
			t.Fatalf("changed %s@%d, want %s@%d", cc.ID, cc.OldVersion, c.ID, c.Version)
		}
		wantNew := c.Version
		if bump {
			wantNew = 99
		}
		if cc.NewVersion != wantNew {
			t.Errorf("new version %d, want %d", cc.NewVersion, wantNew)
		}
		if bump && cc.VersionNote != "" {
			t.Errorf("unexpected version note %q", cc.VersionNote)
		}
		if !bump && !strings.Contains(cc.VersionNote, "not bumped") {
			t.Errorf("want a version note, got %q", cc.VersionNote)
		}
		var del, ins []string
		for _, o := range cc.Body["nb"] {
			switch o.Kind {
			case diff.Delete:
				del = append(del, o.Text)
			case diff.Insert:
				ins = append(ins, o.Text)
			}
		}
		if len(del) != 1 || del[0] != word || len(ins) != 1 || ins[0] != "ENDRETORD" {
			t.Errorf("redline: deleted %q inserted %q, want %q -> ENDRETORD", del, ins, word)
		}
		if diff.HasChanges(cc.Body["en"]) {
			t.Errorf("English body reported changed")
		}
	}
}

func TestLibraryConditionExplained(t *testing.T) {
	dir := copyLibrary(t)
	old := load(t, dir)
	c := old.Clauses[0]
	for _, x := range old.Clauses {
		if x.When != "true" && x.When != "" {
			c = x
			break
		}
	}
	if c.When == "true" {
		t.Skip("no clause with a condition")
	}
	editClause(t, dir, c, func(m *yaml.Node) {
		when := get(m, "when")
		when.Value = "(" + c.When + `) && service.model in ["saas", "paas"]`
		get(m, "version").Value = "42"
	})
	r := diff.Libraries(old, load(t, dir), diff.Options{ExplainLang: "en"})
	if len(r.Changed) != 1 || r.Changed[0].ID != c.ID || r.Changed[0].Condition == nil {
		t.Fatalf("want %s with a condition change, got %+v", c.ID, r.Changed)
	}
	if want := "now applies only when also the service model is SaaS or PaaS"; !contains(r.Changed[0].Explanation, want) {
		t.Errorf("explanation %q, want %q", r.Changed[0].Explanation, want)
	}
}

func assembleDoc(t *testing.T, raw []byte, lib *library.Library) *assemble.Result {
	t.Helper()
	a, err := answers.Load("a.yaml", raw, i18n.For("nb"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := assemble.Assemble(assemble.Input{Answers: a, Raw: raw, Source: "a.yaml", Lib: lib, Lang: "nb"})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestAnswersDiff(t *testing.T) {
	lib, err := assemble.LoadLibrary("", i18n.For("en"))
	if err != nil {
		t.Fatal(err)
	}
	old := string(examples.Journal)
	if !strings.Contains(old, "return_within_days: 30") || !strings.Contains(old, "\nterms:") {
		t.Skip("the example changed: no return_within_days: 30")
	}
	neu := strings.Replace(old, "return_within_days: 30", "return_within_days: 14", 1)
	neu = strings.Replace(neu, "\nterms:", "\n  - name: Support Partner AS\n    country: NO\n    service: brukerstøtte\n    locations: [NO]\n    access_countries: [NO]\n\nterms:", 1)
	od := assembleDoc(t, []byte(old), lib).Doc
	nd := assembleDoc(t, []byte(neu), lib).Doc
	self := diff.Documents(od, od, diff.Options{})
	if len(self.Changed)+len(self.Added)+len(self.Removed)+len(self.Annexes) != 0 {
		t.Fatalf("self-diff of the example not empty: %+v", self)
	}
	r := diff.Documents(od, nd, diff.Options{})
	var days, sub bool
	for _, cc := range r.Changed {
		ops := cc.Body["nb"]
		if !diff.HasChanges(ops) && !diff.HasChanges(cc.Title["nb"]) {
			t.Errorf("%s reported changed without a text change", cc.ID)
		}
		for i, o := range ops {
			if o.Kind == diff.Delete && o.Text == "30" && i+1 < len(ops) && ops[i+1] == (diff.Op{Kind: diff.Insert, Text: "14"}) {
				days = true
			}
			if o.Kind == diff.Insert && strings.Contains(o.Text, "Support Partner AS") {
				sub = true
			}
		}
		// no clause is reported for a number change alone
		onlyNumbers := true
		for _, o := range ops {
			if o.Kind != diff.Equal && !regexp.MustCompile(`^[A-Z0-9]+\.[0-9]+$`).MatchString(strings.TrimSpace(o.Text)) {
				onlyNumbers = false
			}
		}
		if onlyNumbers {
			t.Errorf("%s reported for renumbering only: %+v", cc.ID, ops)
		}
		if cc.OldVersion != cc.NewVersion {
			t.Errorf("%s: versions differ with one library", cc.ID)
		}
	}
	if !days {
		t.Errorf("no clause with 30 -> 14: %+v", r.Changed)
	}
	if !sub {
		t.Errorf("the second sub-processor is not inserted in any clause")
	}
	var annexB bool
	for _, a := range r.Annexes {
		if a.ID == "annex-b" && strings.Contains(diff.NewText(a.Ops), "Support Partner AS") && !strings.Contains(diff.OldText(a.Ops), "Support Partner AS") {
			annexB = true
		}
	}
	if !annexB {
		t.Errorf("annex B does not show the new sub-processor")
	}
	// the full report renders in every format, and the docx is valid
	var b bytes.Buffer
	for _, f := range []func(io.Writer, *diff.Report) error{diff.Markdown, diff.HTML, diff.JSON} {
		b.Reset()
		if err := f(&b, r); err != nil || b.Len() == 0 {
			t.Fatal(err)
		}
	}
	if err := docx.Check(diff.Docx(r)); err != nil {
		t.Fatal(err)
	}
}
