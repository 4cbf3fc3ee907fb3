// Package playbooks holds the playbooks built into Tocsin, and their JSON
// Schema for editors.
package playbooks

import "embed"

// FS holds the built-in playbooks (*.yaml) and schema.json.
//
//go:embed *.yaml schema.json
var FS embed.FS
