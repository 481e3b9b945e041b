package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkDiffAnswers is `dpa diff` of two answers files with n
// subprocessors in the United States, every one of them renamed in NEW
// (the worst case for the word diff: every annex row and every list of
// names changes), as the change report (--summary) and as the whole
// agreement redlined, in md and docx. ns/op should grow about tenfold per
// step (it grew a hundredfold while the word diff was quadratic).
func BenchmarkDiffAnswers(b *testing.B) {
	benchLib(b)
	for _, n := range []int{10, 100, 1000} {
		dir := b.TempDir()
		oldPath, newPath := filepath.Join(dir, "old.yaml"), filepath.Join(dir, "new.yaml")
		raw := largeAnswers(n)
		renamed := strings.ReplaceAll(string(raw), "{name: S", "{name: Renamed T")
		if err := os.WriteFile(oldPath, raw, 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(newPath, []byte(renamed), 0o644); err != nil {
			b.Fatal(err)
		}
		for _, kind := range []string{"summary", "full"} {
			for _, format := range []string{"md", "docx"} {
				b.Run(fmt.Sprintf("%s/%s/n=%d", kind, format, n), func(b *testing.B) {
					args := []string{"diff", oldPath, newPath, "-f", format, "-o", filepath.Join(dir, "out."+format), "--force", "--date", "2026-12-01"}
					if kind == "summary" {
						args = append(args, "--summary")
					}
					b.ReportAllocs()
					for i := 0; i < b.N; i++ {
						if code, _, stderr := runMain(b, args...); code != 0 {
							b.Fatalf("exit %d: %.500s", code, stderr)
						}
					}
				})
			}
		}
	}
}
