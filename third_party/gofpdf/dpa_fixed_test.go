package gofpdf

import (
	"math"
	"math/rand"
	"strconv"
	"testing"
)

// TestAppendFixed2 compares appendFixed2 with strconv on random values of
// every magnitude, on hundredths and the floats next to them, on exact
// ties (multiples of 1/8) and on the special values.
func TestAppendFixed2(t *testing.T) {
	check := func(v float64) {
		t.Helper()
		if got, want := string(appendFixed2(nil, v)), strconv.FormatFloat(v, 'f', 2, 64); got != want {
			t.Fatalf("appendFixed2(%v) = %s, want %s", v, got, want)
		}
	}
	for _, v := range []float64{0, math.Copysign(0, -1), 0.005, -0.005, 0.015, 0.125, 0.375, -0.625, 2.675, 1e12 - 1, 1e12, 1e15, 999999999999.995,
		math.Inf(1), math.Inf(-1), math.NaN(), math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, math.MaxFloat64} {
		check(v)
	}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 2000000; i++ {
		var v float64
		switch i % 5 {
		case 0: // page coordinates
			v = r.Float64() * 900
		case 1: // any magnitude
			v = math.Ldexp(r.Float64(), r.Intn(90)-50)
		case 2: // a hundredth and its neighbours
			h := float64(r.Intn(10000000)) / 100
			v = []float64{h, math.Nextafter(h, 0), math.Nextafter(h, 1e9)}[r.Intn(3)]
		case 3: // a half hundredth (the rounding boundary) and its neighbours
			h := (float64(r.Intn(10000000)) + 0.5) / 100
			v = []float64{h, math.Nextafter(h, 0), math.Nextafter(h, 1e9)}[r.Intn(3)]
		case 4: // exact ties
			v = float64(r.Intn(1000000)) / 8
		}
		if r.Intn(2) == 0 {
			v = -v
		}
		check(v)
	}
}
