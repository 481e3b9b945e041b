package cli

import (
	"github.com/dpa-no/dpa/internal/checkjson"
	"github.com/dpa-no/dpa/internal/doc"
	"github.com/dpa-no/dpa/internal/i18n"
)

// blankUse is one fill-in blank of a draft (internal/checkjson, shared with
// the web review).
type blankUse = checkjson.Blank

// draftBlanks lists every blank text that appears in the document; see
// checkjson.DraftBlanks.
func draftBlanks(d *doc.Document, ui *i18n.Localizer) []blankUse { return checkjson.DraftBlanks(d, ui) }
