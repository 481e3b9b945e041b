package diff_test

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/diff"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
)

var (
	fuzzLibOnce sync.Once
	fuzzLib     *library.Library
)

// FuzzAnswersDiff: for any two answers files the loader takes, the diff of
// the two agreements (what dpa diff OLD NEW compares) gives back each
// changed clause and annex exactly (rejecting all changes gives the old
// text, accepting all the new), renders in every format without error,
// and its redline accepts to the new agreement and rejects to the old.
func FuzzAnswersDiff(f *testing.F) {
	ex := string(examples.Journal)
	f.Add([]byte(ex), []byte(strings.Replace(ex, "return_within_days: 30", "return_within_days: 14", 1)))
	f.Add([]byte(ex), []byte(strings.Replace(ex, "language: nb", "language: nb\nstatus: draft", 1)))
	f.Add([]byte(strings.Replace(ex, "model: saas", "model: paas", 1)), []byte(ex))
	f.Add([]byte(ex), []byte(strings.Replace(ex, "Helse Vestby HF", "Helse Vestby HF og Ås kommune", 1)))
	f.Fuzz(func(t *testing.T, x, y []byte) {
		fuzzLibOnce.Do(func() {
			var err error
			fuzzLib, err = assemble.LoadLibrary("", i18n.For("en"))
			if err != nil {
				panic(err)
			}
		})
		build := func(raw []byte) *doc.Document {
			a, err := answers.Load("a.yaml", raw, i18n.For("nb"))
			if err != nil {
				return nil
			}
			res, err := assemble.Assemble(assemble.Input{Answers: a, Raw: raw, Source: "a.yaml", Lib: fuzzLib, Lang: "nb", Draft: true})
			if err != nil {
				return nil
			}
			return res.Doc
		}
		od, nd := build(x), build(y)
		if od == nil || nd == nil {
			return
		}
		rep := diff.Documents(od, nd, diff.Options{OldName: "old.yaml", NewName: "new.yaml"})
		oldBy, newBy := map[string]*doc.Clause{}, map[string]*doc.Clause{}
		for _, c := range od.AllClauses() {
			oldBy[c.ID] = c
		}
		for _, c := range nd.AllClauses() {
			newBy[c.ID] = c
		}
		for _, cc := range rep.Changed {
			ops := cc.Body["nb"]
			if got, want := diff.OldText(ops), diff.BlocksText(oldBy[cc.ID].Blocks); got != want {
				t.Fatalf("%s: rejecting all gives %q, want %q", cc.ID, got, want)
			}
			if got, want := diff.NewText(ops), diff.BlocksText(newBy[cc.ID].Blocks); got != want {
				t.Fatalf("%s: accepting all gives %q, want %q", cc.ID, got, want)
			}
		}
		for _, fn := range []func(io.Writer, *diff.Report) error{diff.Markdown, diff.HTML, diff.JSON,
			func(w io.Writer, r *diff.Report) error { return diff.Text(w, r, false) }} {
			var b bytes.Buffer
			if err := fn(&b, rep); err != nil {
				t.Fatal(err)
			}
		}
		diff.Docx(rep)
		checkRedline(t, "answers fuzz", od, nd)
	})
}
