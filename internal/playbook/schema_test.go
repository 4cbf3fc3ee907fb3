package playbook_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/tocsin-crisis/tocsin/internal/golden"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/playbooks"
)

// TestSchemaIsCurrent regenerates the schema and compares it with the
// committed playbooks/schema.json (-update rewrites it).
func TestSchemaIsCurrent(t *testing.T) {
	s, err := playbook.Schema()
	require.NoError(t, err)
	golden.Assert(t, filepath.Join("..", "..", "playbooks", "schema.json"), string(s))
	embedded, err := playbooks.FS.ReadFile("schema.json")
	require.NoError(t, err)
	assert.Equal(t, string(s), string(embedded), "the embedded schema is the committed one")
}

// TestSchemaAgreesWithTheChecks: what an editor accepts with the schema, the
// checks accept; what the schema can see is wrong, it refuses too.
func TestSchemaAgreesWithTheChecks(t *testing.T) {
	s, err := playbook.Schema()
	require.NoError(t, err)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(s))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("schema.json", doc))
	schema, err := c.Compile("schema.json")
	require.NoError(t, err)
	validate := func(data string) error {
		var v any
		require.NoError(t, yaml.Unmarshal([]byte(data), &v))
		return schema.Validate(v)
	}

	for _, id := range shipped {
		data, err := playbooks.FS.ReadFile(id + ".yaml")
		require.NoError(t, err)
		assert.NoError(t, validate(string(data)), id)
	}
	assert.NoError(t, validate(valid))
	for name, broken := range map[string]string{
		"unknown field":  strings.Replace(valid, "needs:", "nedds:", 1),
		"id not a slug":  strings.Replace(valid, "id: essai", "id: Essai", 1),
		"fact id":        strings.Replace(valid, "mail_down", "mail-down", 1),
		"bad duration":   strings.Replace(valid, "    role: dsi\n", "    role: dsi\n    due: demain\n", 1),
		"draft kind":     strings.Replace(valid, "    role: dsi\n", "    role: dsi\n    draft: memo\n", 1),
		"missing title":  strings.Replace(valid, "    title: A\n", "", 1),
		"needs a number": strings.Replace(valid, "needs: [a]", "needs: [A]", 1),
	} {
		assert.Error(t, validate(broken), "the schema refuses: %s", name)
		_, err := playbook.Parse("f.yaml", []byte(broken))
		assert.Error(t, err, "the checks refuse: %s", name)
	}
}
