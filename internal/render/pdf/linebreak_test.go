package pdf

import (
	"math/rand"
	"strings"
	"testing"
)

func TestWrapBreaks(t *testing.T) {
	met, err := load()
	if err != nil {
		t.Fatal(err)
	}
	w := func(s string) float64 { return met.width(s, sRegular, 9) }
	for _, c := range []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"fits", "alpha beta", 100, []string{"alpha beta"}},
		{"at spaces", "alpha beta gamma", w("alpha beta") + 0.2, []string{"alpha beta", "gamma"}},
		{"a word is not cut when it fits a line", "the confidentiality", w("confidentiality") + 0.2, []string{"the", "confidentiality"}},
		{"phone number stays whole", "ring 64 98 00 00 nå", w("ring 64 98 00") + 0.2, []string{"ring", "64 98 00 00", "nå"}},
		{"org number stays whole", "org 310 000 019", w("310 000 019") + 0.2, []string{"org", "310 000 019"}},
		{"no-break space", "a\u00a0b c", w("a\u00a0b") + 0.2, []string{"a\u00a0b", "c"}},
		{"phone wider than a line breaks at its spaces", "64 98 00 00", w("64 98") + 0.2, []string{"64 98", "00 00"}},
		{"existing hyphen", "IaaS-leverandøren", w("IaaS-leverandør") + 0.2, []string{"IaaS-", "leverandøren"}},
		{"a date is not split when it fits", "dato 2026-11-22", w("2026-11-22") + 0.2, []string{"dato", "2026-11-22"}},
		{"a date wider than a line breaks at its hyphens", "2026-11-22", w("2026-11-") + 0.2, []string{"2026-11-", "22"}},
		{"over-long token cut with a hyphen", "xxxxxxxxxx", w("xxxx-") + 0.1, []string{"xxxx-", "xxxx-", "xx"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := met.wrap(c.text, sRegular, 9, c.width)
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("wrap(%q, %.2f) = %q, want %q", c.text, c.width, got, c.want)
			}
		})
	}
}

// TestWrapProperty: over random text and widths, every line fits; joining
// the lines gives the words back (a line ends at a space, after a hyphen
// of the text, or, only for a token wider than the line, with an added
// hyphen); digit groups are never separated when they fit a line.
func TestWrapProperty(t *testing.T) {
	met, err := load()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(7))
	pool := strings.Fields("a og confidentiality termination Behandlingsansvarlig IaaS-leverandør e-post 2026-11-22 64 98 00 00 +47 310 000 019 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx æøå ÆØÅ")
	for i := 0; i < 3000; i++ {
		var ws []string
		for j, n := 0, 1+rng.Intn(30); j < n; j++ {
			ws = append(ws, pool[rng.Intn(len(pool))])
		}
		s := strings.Join(ws, " ")
		width := 8 + rng.Float64()*120
		lines, cuts := met.wrapCuts(s, sRegular, 10, width)
		for _, ln := range lines {
			if met.width(ln, sRegular, 10) > width+1e-9 {
				t.Fatalf("%q at %.2f: line %q is %.2f wide", s, width, ln, met.width(ln, sRegular, 10))
			}
		}
		// Rebuild the text: after a cut the token goes on (drop the added
		// hyphen); after a line ending in a hyphen of the text it goes on
		// too; otherwise a space separated the lines.
		var b strings.Builder
		for k, ln := range lines {
			if k == len(lines)-1 {
				b.WriteString(ln)
				break
			}
			switch {
			case cuts[k]:
				b.WriteString(strings.TrimSuffix(ln, "-"))
				// a cut happens only inside a token wider than the line
				f := strings.Fields(ln)
				tok := tokenAt(s, b.String(), f[len(f)-1])
				if met.width(tok, sRegular, 10) <= width-0.05 {
					t.Fatalf("%q at %.2f: token %q cut though it fits a line", s, width, tok)
				}
			case strings.HasSuffix(ln, "-") && !strings.HasSuffix(ln, " -"):
				b.WriteString(ln) // a hyphen of the text
				next := lines[k+1]
				if cuts[k+1] {
					next = strings.TrimSuffix(next, "-")
				}
				if !strings.HasPrefix(s[len(b.String()):], next) {
					b.WriteByte(' ')
				}
			default:
				b.WriteString(ln)
				b.WriteByte(' ')
			}
		}
		if got := b.String(); got != s {
			t.Fatalf("%.2f: wrap lost or changed text:\n got %q\nwant %q\nlines %q", width, got, s, lines)
		}
		// digit groups stay together when the group fits a line
		for _, u := range units(s) {
			if strings.Contains(u, " ") && met.width(u, sRegular, 10) <= width-0.05 {
				found := false
				for _, ln := range lines {
					if strings.Contains(ln, u) {
						found = true
					}
				}
				if !found {
					t.Fatalf("%q at %.2f: number %q split over lines %q", s, width, u, lines)
				}
			}
		}
	}
}

// tokenAt is the whole token of s (between spaces) that the rebuilt text
// done is in the middle of.
func tokenAt(s, done, _ string) string {
	i := len(done)
	j := strings.LastIndexByte(s[:i], ' ') + 1
	k := strings.IndexByte(s[i:], ' ')
	if k < 0 {
		return s[j:]
	}
	return s[j : i+k]
}

// TestAppendFields: appendFields splits as strings.Fields does, on ASCII,
// Unicode white space, no-break spaces and invalid UTF-8.
func TestAppendFields(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", " a  b\tc\n", "Behandlingsansvarlig skal\u00a0sørge for", "x\u2003y\u3000z", "\xffa b\xc3", "æ ø\u0085å", "  tail ",
	} {
		got := appendFields([]string{"keep"}, s)[1:]
		want := strings.Fields(s)
		if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("appendFields(%q) = %q, want %q", s, got, want)
		}
	}
}
