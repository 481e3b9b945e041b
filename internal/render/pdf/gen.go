package pdf

// fonts/widths.bin is written by go generate ./... (internal/gen, step
// "widths") and kept true by TestWidthsFile.
//
//go:generate go run ../../gen widths

// WidthsFile is fonts/widths.bin measured from the embedded fonts.
func WidthsFile() ([]byte, error) {
	m, err := measure()
	if err != nil {
		return nil, err
	}
	return encodeWidths(m), nil
}
