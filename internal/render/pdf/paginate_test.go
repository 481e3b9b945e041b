package pdf

import "testing"

func pieces(hs ...float64) []*piece {
	ps := make([]*piece, len(hs))
	for i, h := range hs {
		ps[i] = &piece{h: h}
	}
	return ps
}

func pageOf(pages []page, p *piece) int {
	for i, pg := range pages {
		for _, x := range pg {
			if x.p == p {
				return i + 1
			}
		}
	}
	return 0
}

func TestPaginate(t *testing.T) {
	t.Run("fills pages and never overruns", func(t *testing.T) {
		ps := pieces(40, 40, 40, 40, 40, 40, 40)
		pages := paginate(ps, 100)
		if len(pages) != 4 {
			t.Fatalf("%d pages, want 4", len(pages))
		}
		for i, pg := range pages {
			sum := 0.0
			for _, x := range pg {
				if x.y != sum {
					t.Errorf("page %d: piece at %.1f, want %.1f", i+1, x.y, sum)
				}
				sum += x.p.h
			}
			if sum > 100 {
				t.Errorf("page %d holds %.1f", i+1, sum)
			}
		}
	})
	t.Run("an exact fit stays on the page despite rounding", func(t *testing.T) {
		// 0.1 ten times is not exactly 1 in floating point
		ps := pieces(0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1)
		if n := len(paginate(ps, 1)); n != 1 {
			t.Fatalf("%d pages, want 1", n)
		}
	})
	t.Run("a kept chain moves as a whole", func(t *testing.T) {
		ps := pieces(75, 10, 10, 10)
		ps[1].keep, ps[2].keep = true, true
		pages := paginate(ps, 100)
		if pageOf(pages, ps[1]) != 2 || pageOf(pages, ps[3]) != 2 {
			t.Fatalf("chain split: pages %d, %d", pageOf(pages, ps[1]), pageOf(pages, ps[3]))
		}
	})
	t.Run("a chain taller than a page flows", func(t *testing.T) {
		ps := pieces(10, 60, 60, 60)
		ps[1].keep, ps[2].keep = true, true
		pages := paginate(ps, 100)
		if pageOf(pages, ps[1]) != 1 {
			t.Fatalf("an over-tall chain left page 1 half empty")
		}
	})
	t.Run("a table row brings its header", func(t *testing.T) {
		head := &piece{h: 8, keep: true}
		rows := pieces(30, 30, 30, 30)
		for _, r := range rows {
			r.repeat = []*piece{head}
		}
		ps := append([]*piece{head}, rows...)
		pages := paginate(ps, 100)
		if len(pages) != 2 || pages[1][0].p != head || pages[1][1].p != rows[3] {
			t.Fatalf("page 2 does not start with the header, then the row")
		}
	})
	t.Run("a new page before, but never a blank one", func(t *testing.T) {
		ps := pieces(10, 10, 10)
		ps[0].newPageBefore = true
		ps[2].newPageBefore = true
		pages := paginate(ps, 100)
		if len(pages) != 2 || pageOf(pages, ps[0]) != 1 || pageOf(pages, ps[2]) != 2 {
			t.Fatalf("pages %d: %d %d", len(pages), pageOf(pages, ps[0]), pageOf(pages, ps[2]))
		}
		for i, pg := range pages {
			if len(pg) == 0 {
				t.Errorf("page %d is empty", i+1)
			}
		}
	})
	t.Run("anchors", func(t *testing.T) {
		ps := pieces(60, 60)
		ps[1].anchor = 7
		if got := anchorPages(paginate(ps, 100))[7]; got != 2 {
			t.Fatalf("anchor on page %d, want 2", got)
		}
	})
}
