package gofpdf

// dpa patch: appendFixed2, a fast strconv.AppendFloat(b, v, 'f', 2, 64)
// for the coordinates of the text and rectangle operators.

import (
	"math"
	"strconv"
)

// appendFixed2 appends v with two decimals, the bytes of
// strconv.AppendFloat(b, v, 'f', 2, 64): the exact binary value of v
// rounded to the nearest hundredth, ties to even, a minus sign for any
// negative v (also one that rounds to zero, and -0). Values of 1e12 and
// more, infinities and NaN go to strconv.
func appendFixed2(b []byte, v float64) []byte {
	a := math.Abs(v)
	if !(a < 1e12) {
		return strconv.AppendFloat(b, v, 'f', 2, 64)
	}
	// a*100 is exactly p+e (p is the product rounded, e its error). p is
	// under 2^52, so n+0.5 is a float64 and p is on the same side of it
	// as the exact product unless it is n+0.5 itself; then e decides.
	p := a * 100
	e := math.FMA(a, 100, -p)
	n := math.Floor(p)
	u := uint64(n)
	switch f := p - n; {
	case f > 0.5:
		u++
	case f == 0.5 && (e > 0 || e == 0 && u%2 == 1):
		u++
	}
	if math.Signbit(v) {
		b = append(b, '-')
	}
	b = strconv.AppendUint(b, u/100, 10)
	r := u % 100
	return append(b, '.', byte('0'+r/10), byte('0'+r%10))
}
