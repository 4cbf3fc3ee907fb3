package discordtest

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestUseIntEnums: only sets that mean "one of these integers" are
// rewritten; anything that says more is left to JSON Schema.
func TestUseIntEnums(t *testing.T) {
	t.Parallel()
	n := func(s string) json.Number { return json.Number(s) }
	tests := []struct {
		name    string
		schema  map[string]any
		rewrite bool
	}{
		{"enum of integers", map[string]any{"enum": []any{n("1"), n("2")}}, true},
		{"enum with a string", map[string]any{"enum": []any{n("1"), "a"}}, false},
		{"enum with a fraction", map[string]any{"enum": []any{n("1"), n("1.5")}}, false},
		{"oneOf of titled constants", map[string]any{"oneOf": []any{map[string]any{"const": n("1"), "title": "A"}, map[string]any{"const": n("4"), "description": "B"}}}, true},
		{"anyOf of constants", map[string]any{"anyOf": []any{map[string]any{"const": n("1")}, map[string]any{"const": n("2")}}}, true},
		{"oneOf with a repeated constant", map[string]any{"oneOf": []any{map[string]any{"const": n("1")}, map[string]any{"const": n("1")}}}, false},
		{"oneOf whose branch says more", map[string]any{"oneOf": []any{map[string]any{"const": n("1")}, map[string]any{"const": n("2"), "minimum": n("3")}}}, false},
		{"oneOf of string constants", map[string]any{"oneOf": []any{map[string]any{"const": "a"}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := map[string]any{"properties": map[string]any{"x": tt.schema}}
			useIntEnums(doc)
			_, got := tt.schema[intEnumKeyword]
			assert.Equal(t, tt.rewrite, got)
			_, enum := tt.schema["enum"]
			_, oneOf := tt.schema["oneOf"]
			_, anyOf := tt.schema["anyOf"]
			assert.Equal(t, tt.rewrite, !enum && !oneOf && !anyOf, "a rewritten set keeps no standard keyword; one left alone keeps its own")
		})
	}
}

func TestIntOf(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]bool{"4": true, "-2": true, "4.0": true, "4e0": true, "4.5": false, "1e30": false, "x": false} {
		_, ok := intOf(json.Number(in))
		assert.Equal(t, want, ok, in)
	}
	_, ok := intOf("4")
	assert.False(t, ok, "a string is no number")
}
