package answers

import (
	"encoding/json"
	"reflect"
	"strings"

	"github.com/invopop/jsonschema"

	"github.com/dpa-no/dpa/internal/yamlx"
)

// SchemaID is the $id of the JSON Schema of format 1.
const SchemaID = "https://github.com/dpa-no/dpa/answers-format-1.schema.json"

// Schema returns the JSON Schema of the answers format (`dpa schema`). It
// is reflected from the Go types, and its value rules are written by
// yamlx.ApplySchema from the same tags the loader enforces, so the schema
// accepts exactly the files Load accepts (as far as JSON can tell: YAML
// forms such as tags, 010 or a second document are refused by the loader
// before the values are looked at).
func Schema() ([]byte, error) {
	r := &jsonschema.Reflector{DoNotReference: false, ExpandedStruct: true, RequiredFromJSONSchemaTags: true, FieldNameTag: "yaml"}
	s := r.Reflect(&Answers{})
	if err := yamlx.ApplySchema(s, reflect.TypeOf(Answers{})); err != nil {
		return nil, err
	}
	s.ID = SchemaID
	s.Title = "dpa answers file, format 1"
	s.Description = "Answers about a cloud service from which dpa assembles a data processing agreement."
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	// the private-use characters of the patterns as JSON escapes, to be read
	return []byte(privateUseEscapes.Replace(string(b))), nil
}

var privateUseEscapes = strings.NewReplacer("\uE000", `\ue000`, "\uF8FF", `\uf8ff`)
