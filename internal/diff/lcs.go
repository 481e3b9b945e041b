package diff

// The word diff core: sequences of token ids (any number of distinct
// tokens) compared in time that grows with the size of the texts and the
// number of changes, never with their product:
//
//  1. a common prefix and suffix are kept as they are;
//  2. tokens that occur exactly once in each side anchor the alignment (the
//     longest increasing run of them, patience diff), and the pieces between
//     anchors are compared on their own;
//  3. a piece without such anchors is compared with Myers' O(ND) algorithm,
//     up to maxEdits changes; beyond that, the piece is taken as deleted
//     and inserted whole (a correct, if not minimal, redline).
//
// The result is deterministic: no clock is involved.

// maxEdits bounds Myers' search in one piece (time O((N+M)·maxEdits),
// memory O(maxEdits²) ints, 8 MB at most).
const maxEdits = 1000

// maxWork bounds (N+M)·D of one Myers search.
const maxWork = 50_000_000

// opKind of an edit.
type opKind int8

const (
	opEqual opKind = iota
	opDelete
	opInsert
)

// edit is a run of n tokens kept, deleted from a or inserted from b.
type edit struct {
	kind opKind
	n    int
}

// diffIDs returns the edits that turn a into b.
func diffIDs(a, b []int32) []edit {
	var out []edit
	emit := func(k opKind, n int) {
		if n == 0 {
			return
		}
		if l := len(out); l > 0 && out[l-1].kind == k {
			out[l-1].n += n
			return
		}
		out = append(out, edit{k, n})
	}
	var rec func(a, b []int32)
	rec = func(a, b []int32) {
		// common prefix and suffix
		p := 0
		for p < len(a) && p < len(b) && a[p] == b[p] {
			p++
		}
		s := 0
		for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
			s++
		}
		emit(opEqual, p)
		ma, mb := a[p:len(a)-s], b[p:len(b)-s]
		switch {
		case len(ma) == 0:
			emit(opInsert, len(mb))
		case len(mb) == 0:
			emit(opDelete, len(ma))
		default:
			if anchors := uniqueAnchors(ma, mb); len(anchors) > 0 {
				i, j := 0, 0
				for _, an := range anchors {
					rec(ma[i:an[0]], mb[j:an[1]])
					emit(opEqual, 1)
					i, j = an[0]+1, an[1]+1
				}
				rec(ma[i:], mb[j:])
			} else {
				for _, e := range myers(ma, mb) {
					emit(e.kind, e.n)
				}
			}
		}
		emit(opEqual, s)
	}
	rec(a, b)
	return out
}

// uniqueAnchors returns the pairs (i, j) with a[i] == b[j] occurring once
// in a and once in b, as the longest run increasing in both i and j.
func uniqueAnchors(a, b []int32) [][2]int {
	type count struct{ na, nb, ia, ib int }
	cs := make(map[int32]*count, len(a))
	for i, t := range a {
		c := cs[t]
		if c == nil {
			c = &count{}
			cs[t] = c
		}
		c.na++
		c.ia = i
	}
	for j, t := range b {
		if c := cs[t]; c != nil {
			c.nb++
			c.ib = j
		}
	}
	// candidates in the order of a
	var cand [][2]int
	for i, t := range a {
		if c := cs[t]; c.na == 1 && c.nb == 1 && c.ia == i {
			cand = append(cand, [2]int{i, c.ib})
		}
	}
	if len(cand) == 0 {
		return nil
	}
	// longest increasing subsequence by j (patience sorting)
	tails := []int{} // index into cand of the smallest tail of each length
	prev := make([]int, len(cand))
	for k, c := range cand {
		lo, hi := 0, len(tails)
		for lo < hi {
			mid := (lo + hi) / 2
			if cand[tails[mid]][1] < c[1] {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		prev[k] = -1
		if lo > 0 {
			prev[k] = tails[lo-1]
		}
		if lo == len(tails) {
			tails = append(tails, k)
		} else {
			tails[lo] = k
		}
	}
	out := make([][2]int, len(tails))
	for k, i := len(tails)-1, tails[len(tails)-1]; k >= 0; k, i = k-1, prev[i] {
		out[k] = cand[i]
	}
	return out
}

// myers is the O(ND) shortest edit script of a and b, deletions before
// insertions at each change; with more than maxEdits changes it deletes a
// and inserts b.
func myers(a, b []int32) []edit {
	n, m := len(a), len(b)
	max := n + m
	if max > maxEdits {
		max = maxEdits
	}
	// the snakes cost up to (N+M) per change: keep (N+M)·D within a budget
	if lim := maxWork / (n + m); max > lim {
		max = lim
	}
	off := max + 1
	v := make([]int, 2*max+3)
	var trace [][]int
	found := -1
	for d := 0; d <= max; d++ {
		// v for k in [-(d-1), d-1]: what the walk back needs of step d
		if d == 0 {
			trace = append(trace, nil)
		} else {
			trace = append(trace, append([]int(nil), v[off-(d-1):off+d]...))
		}
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: insertion
			} else {
				x = v[off+k-1] + 1 // right: deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				found = d
				break
			}
		}
		if found >= 0 {
			break
		}
	}
	if found < 0 {
		return []edit{{opDelete, n}, {opInsert, m}}
	}
	// walk back through the trace
	var rev []edit
	push := func(k opKind, c int) {
		if c == 0 {
			return
		}
		if l := len(rev); l > 0 && rev[l-1].kind == k {
			rev[l-1].n += c
			return
		}
		rev = append(rev, edit{k, c})
	}
	x, y := n, m
	for d := found; d > 0; d-- {
		vp := func(k int) int { return trace[d][k+d-1] }
		k := x - y
		var pk int
		if k == -d || (k != d && vp(k-1) < vp(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := vp(pk)
		py := px - pk
		// the snake after the move
		sx := px
		if pk == k+1 {
			// insertion: (px, py) -> (px, py+1)
			push(opEqual, x-px)
			push(opInsert, 1)
		} else {
			// deletion: (px, py) -> (px+1, py)
			sx = px + 1
			push(opEqual, x-sx)
			push(opDelete, 1)
		}
		x, y = px, py
	}
	push(opEqual, x) // the snake at d = 0
	_ = y
	out := make([]edit, 0, len(rev))
	for i := len(rev) - 1; i >= 0; i-- {
		out = append(out, rev[i])
	}
	return out
}
