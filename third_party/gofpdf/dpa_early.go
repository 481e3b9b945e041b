package gofpdf

// dpa patch 16: pages compressed as soon as they are finished. Upstream
// kept every page's content uncompressed until Output, which for a
// 10,000-page agreement held some 200 MB per document. With
// SetCompressEarly(true) the content of a page is compressed on another
// goroutine when the next page begins, and its buffer is let go; each page
// is still compressed alone with the same compressor, so the bytes are the
// same. The emptied buffers are reused for later pages. Such a document must not go back to an earlier page (SetPage) or
// replace aliases in finished pages (RegisterAlias, AliasNbPages): both
// set an error instead of writing a wrong file.

import (
	"bytes"
	"errors"
	"sync"
)

type earlyState struct {
	on    bool
	wg    *sync.WaitGroup // pointers: gofpdf copies Fpdf by value
	sem   chan struct{}
	free  chan *bytes.Buffer // buffers of compressed pages, emptied, for new pages
	slots []*[]byte          // compressed content by page (1-based), nil while open
	given int                // pages 1..given have been handed off
}

// SetCompressEarly turns early page compression on or off (see above). It
// needs SetCompression(true), and is set before the first page.
func (f *Fpdf) SetCompressEarly(on bool) {
	f.early.on = on
}

var errEarly = errors.New("gofpdf: an earlier page or an alias was used with SetCompressEarly")

// handOff compresses the finished page n on another goroutine (at most two
// at a time) and lets go of its buffer.
func (f *Fpdf) handOff(n int) {
	e := &f.early
	if !e.on || !f.compress || f.err != nil || n < 1 || n != e.given+1 || len(f.aliasMap) > 0 {
		return
	}
	if e.sem == nil {
		e.sem, e.wg, e.free = make(chan struct{}, 2), new(sync.WaitGroup), make(chan *bytes.Buffer, 4)
	}
	for len(e.slots) <= n {
		e.slots = append(e.slots, nil)
	}
	slot := new([]byte)
	e.slots[n] = slot
	e.given = n
	buf := f.pages[n]
	f.pages[n] = &bytes.Buffer{} // the page is no longer written to
	sem, wg, free := e.sem, e.wg, e.free
	sem <- struct{}{}
	wg.Add(1)
	go func() {
		defer func() { <-sem; wg.Done() }()
		*slot = sliceCompress(buf.Bytes())
		buf.Reset()
		select {
		case free <- buf: // a later page is written into it
		default:
		}
	}()
}

// pageBuffer is an empty buffer for a new page: one of a page compressed
// already (already grown to a page's size), else a new one.
func (f *Fpdf) pageBuffer() *bytes.Buffer {
	if f.early.free != nil {
		select {
		case b := <-f.early.free:
			return b
		default:
		}
	}
	return bytes.NewBufferString("")
}

// earlyPages waits for the pages handed off and returns their compressed
// content by page (nil for those not handed off).
func (f *Fpdf) earlyPages() []*[]byte {
	if f.early.wg != nil {
		f.early.wg.Wait()
	}
	return f.early.slots
}

// earlyConflict reports whether going to page n, or an alias, would write
// into a page already compressed.
func (f *Fpdf) earlyConflict(n int) bool {
	return f.early.given > 0 && n <= f.early.given
}
