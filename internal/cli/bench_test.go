package cli

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/answers"
	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/render"
	"github.com/dpa-no/dpa/internal/rules"
)

// Benchmarks of every stage of `dpa generate` on the embedded example, of the
// whole command, and of agreements with 10, 100 and 1000 subprocessors and
// locations (the cost should grow linearly). Run:
//
//	go test ./internal/cli -run '^$' -bench . -benchmem

func benchLib(b *testing.B) *library.Library {
	b.Helper()
	lib, err := assemble.LoadLibrary("", i18n.For("nb"))
	if err != nil {
		b.Skipf("clause library does not load: %v", err)
	}
	return lib
}

func benchExample(b *testing.B) *answers.Answers {
	b.Helper()
	a, err := answers.Load(examples.JournalName, examples.Journal, i18n.For("nb"))
	if err != nil {
		b.Fatal(err)
	}
	return a
}

// benchFormats are the formats measured: those registered (pdf once it is).
func benchFormats() []string {
	var out []string
	for _, f := range []string{"md", "txt", "json", "docx", "pdf"} {
		if _, ok := render.Get(f); ok {
			out = append(out, f)
		}
	}
	return out
}

func BenchmarkStageLoadAnswers(b *testing.B) {
	ui := i18n.For("nb")
	b.ReportAllocs()
	b.SetBytes(int64(len(examples.Journal)))
	for i := 0; i < b.N; i++ {
		if _, err := answers.Load(examples.JournalName, examples.Journal, ui); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStageDerive(b *testing.B) {
	a := benchExample(b)
	ui := i18n.For("nb")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		f := rules.Derive(a, false)
		_ = rules.NewEnv(a, f)
		_ = rules.Findings(a, f, ui)
	}
}

func BenchmarkStageAssemble(b *testing.B) {
	lib, a := benchLib(b), benchExample(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := assemble.Assemble(assemble.Input{Answers: a, Raw: examples.Journal, Source: examples.JournalName, Lib: lib, Lang: "nb"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStageRender(b *testing.B) {
	lib, a := benchLib(b), benchExample(b)
	res, err := assemble.Assemble(assemble.Input{Answers: a, Raw: examples.Journal, Source: examples.JournalName, Lib: lib, Lang: "nb"})
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range benchFormats() {
		fn, _ := render.Get(format)
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for i := 0; i < b.N; i++ {
				out, err := fn(res.Doc)
				if err != nil {
					b.Fatal(err)
				}
				n = len(out)
			}
			b.ReportMetric(float64(n), "bytes/doc")
		})
	}
}

// BenchmarkAgreementAllFormats is one agreement from answers bytes to every
// registered format, in memory: 1000 of these is "1000 renders in all
// formats". The parallel variant uses every CPU, as a batch does.
func BenchmarkAgreementAllFormats(b *testing.B) {
	lib := benchLib(b)
	ui := i18n.For("nb")
	formats := benchFormats()
	one := func(b *testing.B) {
		a, err := answers.Load(examples.JournalName, examples.Journal, ui)
		if err != nil {
			b.Fatal(err)
		}
		res, err := assemble.Assemble(assemble.Input{Answers: a, Raw: examples.Journal, Source: examples.JournalName, Lib: lib, Lang: "nb", UI: ui})
		if err != nil {
			b.Fatal(err)
		}
		for _, format := range formats {
			fn, _ := render.Get(format)
			if _, err := fn(res.Doc); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("serial", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			one(b)
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				one(b)
			}
		})
	})
}

// BenchmarkGenerateExample is the whole command in-process: flags, library,
// load, assemble, render md,txt,json,docx (and pdf when registered), write.
func BenchmarkGenerateExample(b *testing.B) {
	benchLib(b)
	dir := b.TempDir()
	f := "md,txt,json,docx"
	if _, ok := render.Get("pdf"); ok {
		f += ",pdf"
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if code, _, stderr := runMain(b, "generate", "--example", "-o", dir, "-f", f, "--force"); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr)
		}
	}
}

// BenchmarkGenerateBatch builds a folder of 20 agreements per op.
func BenchmarkGenerateBatch20(b *testing.B) {
	benchLib(b)
	tmp := b.TempDir()
	in := filepath.Join(tmp, "in")
	writeVariants(b, in, 20)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(tmp, fmt.Sprint("out", i))
		if code, _, stderr := runMain(b, "generate", in, "-o", out, "-f", "md,txt,json,docx"); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr)
		}
		os.RemoveAll(out)
	}
}

// scaled returns the example with n subprocessors and n locations.
func scaled(b *testing.B, n int) *answers.Answers {
	a := benchExample(b)
	sub := a.Subprocessors[0]
	a.Subprocessors = nil
	a.Locations = nil
	for i := 0; i < n; i++ {
		s := sub
		s.Name = fmt.Sprintf("Underleverandør %d AS", i)
		s.Service = fmt.Sprintf("Drift av del %d av tjenesten", i)
		a.Subprocessors = append(a.Subprocessors, s)
		a.Locations = append(a.Locations, answers.Location{Purpose: "sikkerhetskopi", Country: []string{"NO", "SE", "IE", "NL"}[i%4],
			Address: fmt.Sprintf("Datasenterveien %d, 0001 Oslo", i), Operator: s.Name})
	}
	return a
}

// BenchmarkScale assembles and renders agreements with 10, 100 and 1000
// subprocessors and locations: ns/op should grow about tenfold per step.
func BenchmarkScale(b *testing.B) {
	lib := benchLib(b)
	for _, n := range []int{10, 100, 1000} {
		a := scaled(b, n)
		in := assemble.Input{Answers: a, Raw: examples.Journal, Source: "scale.yaml", Lib: lib, Lang: "nb"}
		b.Run(fmt.Sprintf("assemble/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := assemble.Assemble(in); err != nil {
					b.Fatal(err)
				}
			}
		})
		res, err := assemble.Assemble(in)
		if err != nil {
			b.Fatal(err)
		}
		for _, format := range benchFormats() {
			fn, _ := render.Get(format)
			b.Run(fmt.Sprintf("%s/n=%d", format, n), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if _, err := fn(res.Doc); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// thirdCountry returns the example with n subprocessors in the United States
// (storage in the US, access from the US and India, standard contractual
// clauses): every one of them is a third-country destination.
func thirdCountry(b testing.TB, n int) *answers.Answers {
	a, err := answers.Load(examples.JournalName, examples.Journal, i18n.For("nb"))
	if err != nil {
		b.Fatal(err)
	}
	a.Subprocessors = nil
	for i := 0; i < n; i++ {
		a.Subprocessors = append(a.Subprocessors, answers.Subprocessor{
			Name: fmt.Sprintf("US Sub %d Inc.", i), Country: "US", Service: fmt.Sprintf("Drift del %d", i),
			Locations: []string{"US"}, AccessCountries: []string{"US", "IN"}, TransferBasis: "scc", TIADone: i%3 != 0,
		})
	}
	return a
}

// BenchmarkThirdCountry assembles and renders agreements with 10, 100 and
// 1000 third-country subprocessors, in each format: ns/op should grow about
// tenfold per step (it grew a hundredfold while clause templates ranged over
// the destinations inside a range over the destinations).
func BenchmarkThirdCountry(b *testing.B) {
	lib := benchLib(b)
	for _, n := range []int{10, 100, 1000} {
		a := thirdCountry(b, n)
		in := assemble.Input{Answers: a, Raw: examples.Journal, Source: "third.yaml", Lib: lib, Lang: "nb"}
		b.Run(fmt.Sprintf("assemble/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := assemble.Assemble(in); err != nil {
					b.Fatal(err)
				}
			}
		})
		var res *assemble.Result
		for _, format := range benchFormats() {
			fn, _ := render.Get(format)
			b.Run(fmt.Sprintf("%s/n=%d", format, n), func(b *testing.B) {
				if res == nil { // only when a format benchmark runs
					var err error
					if res, err = assemble.Assemble(in); err != nil {
						b.Fatal(err)
					}
					b.ResetTimer()
				}
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if _, err := fn(res.Doc); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// largeAnswers is the example with n subprocessors in the United States in
// flow style: 14,000 of them is about the largest answers file the loader
// accepts (under 1 MiB and 100,000 YAML nodes).
func largeAnswers(n int) []byte {
	s := string(examples.Journal)
	i, j := strings.Index(s, "\nsubprocessors:\n"), strings.Index(s, "\nterms:")
	var b strings.Builder
	b.WriteString(s[:i])
	b.WriteString("\nsubprocessors:\n")
	for k := 0; k < n; k++ {
		fmt.Fprintf(&b, "  - {name: S%d Inc, country: US, transfer_basis: scc}\n", k)
	}
	b.WriteString(s[j:])
	return []byte(b.String())
}

// BenchmarkLargestAnswers is the whole command on the largest valid answers
// file: every format, both languages (aim: under 5 s on 2 cores), with the
// collector set as cmd/dpa sets it (TuneGC).
func BenchmarkLargestAnswers(b *testing.B) {
	benchLib(b)
	for _, n := range []int{1000, 4000, 14000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			in := filepath.Join(dir, "large.yaml")
			raw := largeAnswers(n)
			if len(raw) >= 1<<20 {
				b.Fatalf("%d bytes: over the limit", len(raw))
			}
			if err := os.WriteFile(in, raw, 0o644); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			// the collector as cmd/dpa sets it, afresh for every run
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
			defer debug.SetGCPercent(debug.SetGCPercent(100))
			var cpu time.Duration // user + system time of the process: less moved by load than ns/op
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				debug.SetGCPercent(100)
				debug.SetMemoryLimit(math.MaxInt64)
				runtime.GC()
				TuneGC()
				b.StartTimer()
				t0 := cpuTime()
				if code, _, stderr := runMain(b, "generate", in, "-o", filepath.Join(dir, "out"), "-f", "pdf,docx,md,txt,json", "-l", "nb,en", "--draft", "--force"); code != 0 {
					b.Fatalf("exit %d: %.500s", code, stderr)
				}
				cpu += cpuTime() - t0
			}
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// BenchmarkLargestStages splits BenchmarkLargestAnswers (n=14000, one
// language) into its stages, one at a time on one core: where the time goes.
func BenchmarkLargestStages(b *testing.B) {
	lib := benchLib(b)
	raw := largeAnswers(14000)
	ui := i18n.For("nb")
	b.Run("load", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := answers.Load("large.yaml", raw, ui); err != nil {
				b.Fatal(err)
			}
		}
	})
	a, err := answers.Load("large.yaml", raw, ui)
	if err != nil {
		b.Fatal(err)
	}
	in := assemble.Input{Answers: a, Raw: raw, Source: "large.yaml", Lib: lib, Draft: true, UI: ui}
	b.Run("check", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := assemble.Check(in); err != nil {
				b.Fatal(err)
			}
		}
	})
	res, err := assemble.Check(in)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("assemble", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := res.Render("nb"); err != nil {
				b.Fatal(err)
			}
		}
	})
	d, err := res.Render("nb")
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range benchFormats() {
		fn, _ := render.Get(format)
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := fn(d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
