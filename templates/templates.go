// Package templates embeds the document skeleton.
package templates

import "embed"

// FS holds skeleton.yaml.
//
//go:embed *.yaml
var FS embed.FS
