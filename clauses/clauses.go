// Package clauses embeds the clause library (see README.md in this folder).
package clauses

import "embed"

// FS holds the library files.
//
//go:embed *.yaml
var FS embed.FS
