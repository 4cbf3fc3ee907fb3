package playbook

import (
	"encoding/json"
	"fmt"

	"github.com/invopop/jsonschema"
)

// Schema is the JSON Schema of a playbook, generated from the Go types so
// the two never drift; editors use it to complete and check as authors type.
func Schema() ([]byte, error) {
	r := &jsonschema.Reflector{
		DoNotReference:            true,
		ExpandedStruct:            true,
		AllowAdditionalProperties: false,
	}
	s := r.Reflect(&Playbook{})
	s.ID = "https://tocsin.invalid/playbook.schema.json"
	s.Title = "Playbook Tocsin"
	s.Description = "Un playbook de cellule de crise : rôles, questions, étapes (voir README)."
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("playbook schema: %w", err)
	}
	return append(out, '\n'), nil
}

// JSONSchema describes a Duration in the schema: text such as 30m, 2h, 3d.
func (Duration) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Type:        "string",
		Pattern:     `^([0-9]+[dhmsj])+$`,
		Description: "Durée : 30m, 2h, 3d, 1h30m",
		Examples:    []any{"30m", "2h", "72h", "3d"},
	}
}
