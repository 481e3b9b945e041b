package pdf

// placed is a piece at its position on a page, y from the top of the body.
type placed struct {
	p *piece
	y float64
}

// page is the pieces of one page, top to bottom.
type page []placed

// fitEps absorbs the rounding of summed heights: a piece fits when it
// overruns the body by less than a millionth of a millimetre.
const fitEps = 1e-6

// paginate distributes pieces over pages of body height full. It is the
// only place where page breaks are decided: the drawing starts a page for
// each page returned and nothing else, so the page count printed in the
// footers is the page count of the file.
//
// Rules: a piece marked keep stays on the page of the piece after it (a
// chain of kept pieces moves to a new page as a whole when it does not fit
// and would fit an empty page); a table row moved to a new page brings its
// table's header with it; newPageBefore starts a new page unless the
// current one is still empty. No page is ever empty.
func paginate(ps []*piece, full float64) []page {
	g := &pager{full: full, pages: []page{nil}}
	for i := 0; i < len(ps); {
		if ps[i].newPageBefore {
			g.newPage()
		}
		j, h := i, ps[i].h
		for j < len(ps)-1 && ps[j].keep && !ps[j+1].newPageBefore {
			j++
			h += ps[j].h
		}
		if !g.fits(h) && !g.atTop() {
			rep := 0.0
			for _, x := range ps[i].repeat {
				rep += x.h
			}
			if h+rep <= full+fitEps {
				g.newPage()
				for _, x := range ps[i].repeat {
					g.put(x)
				}
			}
		}
		for k := i; k <= j; k++ {
			g.place(ps[k])
		}
		i = j + 1
	}
	return g.pages
}

type pager struct {
	pages []page
	cur   float64 // height used on the last page
	full  float64
}

func (g *pager) atTop() bool { return len(g.pages[len(g.pages)-1]) == 0 }

func (g *pager) fits(h float64) bool { return g.cur+h <= g.full+fitEps }

func (g *pager) newPage() {
	if g.atTop() {
		return
	}
	g.pages = append(g.pages, nil)
	g.cur = 0
}

func (g *pager) put(p *piece) {
	n := len(g.pages) - 1
	g.pages[n] = append(g.pages[n], placed{p, g.cur})
	g.cur += p.h
}

// place puts p on the current page, or on a new one (with the table
// header p repeats) when it does not fit.
func (g *pager) place(p *piece) {
	if !g.fits(p.h) && !g.atTop() {
		g.newPage()
		for _, x := range p.repeat {
			g.put(x)
		}
	}
	g.put(p)
}

// anchorPages maps each anchor to the (1-based) page it begins on.
func anchorPages(pages []page) map[int]int {
	m := map[int]int{}
	for i, pg := range pages {
		for _, x := range pg {
			if x.p.anchor > 0 {
				if _, ok := m[x.p.anchor]; !ok {
					m[x.p.anchor] = i + 1
				}
			}
		}
	}
	return m
}
