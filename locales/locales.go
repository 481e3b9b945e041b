// Package locales embeds the go-i18n message files, one per language
// (nb.yaml, en.yaml), laid out like Hugo's i18n folder.
package locales

import "embed"

// FS holds the message files.
//
//go:embed *.yaml
var FS embed.FS
