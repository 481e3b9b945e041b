// Package clauses embeds the clause library (see README.md in this folder).
package clauses

// lock.yaml is written by go generate ./... (internal/gen, step "lock"),
// before the library snapshot that embeds it.
//
//go:generate go run ../internal/gen lock

import "embed"

// FS holds the library files.
//
//go:embed *.yaml
var FS embed.FS
