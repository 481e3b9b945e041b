// Package examples embeds the example answers used by `dpa generate --example`.
package examples

import _ "embed"

// Journal is a SaaS journal system in a public cloud with a sub-processor.
//
//go:embed journal-saas.yaml
var Journal []byte

// JournalName is the example's file name (the base of its output names).
const JournalName = "journal-saas.yaml"
