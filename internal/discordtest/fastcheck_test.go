package discordtest

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFastCheckAgreesWithTheLibrary mutates real bodies one place at a time
// (every member and element: another type, a boundary number, a long
// string, removed, an unknown member added) and asks both checks: their
// verdicts must agree on every variant, valid or not.
func TestFastCheckAgreesWithTheLibrary(t *testing.T) {
	t.Parallel()
	sp := needSpec(t)
	seeds := []struct{ method, path, body string }{
		{"POST", "/channels/1/messages", `{"content":"Réunion « cellule » : 9 h","allowed_mentions":{"parse":[]},"components":[{"type":1,"components":[{"type":2,"style":3,"label":"Fait","custom_id":"/task done id:3"}]}]}`},
		{"PUT", "/applications/1/guilds/2/commands", `[{"name":"task","description":"d","default_member_permissions":"8","options":[{"type":1,"name":"add","description":"a","options":[{"type":3,"name":"title","description":"t","required":true,"max_length":200,"autocomplete":true}]}]}]`},
		{"POST", "/interactions/1/tok/callback", `{"type":9,"data":{"custom_id":"m","title":"t","components":[{"type":1,"components":[{"type":4,"custom_id":"v","style":2,"label":"l","value":"x"}]}]}}`},
		{"PATCH", "/channels/1", `{"name":"crise-1","topic":"t","permission_overwrites":[{"id":"5","type":0,"allow":"1024","deny":"0"}]}`},
	}
	for name, c := range benchBodies() {
		seeds = append(seeds, struct{ method, path, body string }{c.method, c.path, string(c.body)})
		_ = name
	}
	variants := 0
	for _, s := range seeds {
		_, op, _ := sp.match(s.method, s.path)
		require.NotNil(t, op, s.path)
		require.NotNil(t, op.fast, s.path)
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(s.body))
		require.NoError(t, err)
		for _, v := range mutations(doc) {
			raw, err := json.Marshal(v)
			require.NoError(t, err)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
			require.NoError(t, err)
			lib := op.body.Validate(inst) == nil
			if !assert.Equal(t, lib, op.fast.valid(inst), "%s %s\n%s", s.method, s.path, raw) {
				return
			}
			variants++
		}
	}
	t.Logf("%d variants, both checks agreeing", variants)
	assert.Greater(t, variants, 1000)
}

// replacements are what a member is swapped for, one at a time.
var replacements = []any{nil, true, false, json.Number("0"), json.Number("-1"), json.Number("1"), json.Number("2.0"), json.Number("3.5"),
	json.Number("9"), json.Number("1e30"), "", "x", "4", strings.Repeat("é", 2001), strings.Repeat("a", 101), []any{}, map[string]any{}}

// mutations returns copies of doc, each changed in one place.
func mutations(doc any) []any {
	var out []any
	var walk func(v any, set func(any) any)
	walk = func(v any, set func(any) any) {
		for _, r := range replacements {
			out = append(out, set(r))
		}
		switch x := v.(type) {
		case map[string]any:
			out = append(out, set(with(x, "zz_unknown", "x")))
			for k, e := range x {
				out = append(out, set(without(x, k)))
				walk(e, func(n any) any { return set(with(x, k, n)) })
			}
		case []any:
			out = append(out, set(append(append([]any{}, x...), x...)))
			for i, e := range x {
				walk(e, func(n any) any {
					c := append([]any{}, x...)
					c[i] = n
					return set(c)
				})
			}
		}
	}
	walk(doc, func(n any) any { return n })
	return out
}

func with(m map[string]any, k string, v any) map[string]any {
	c := make(map[string]any, len(m)+1)
	for mk, mv := range m {
		c[mk] = mv
	}
	c[k] = v
	return c
}

func without(m map[string]any, k string) map[string]any {
	c := with(m, k, nil)
	delete(c, k)
	return c
}

// TestFastCheckCoversWhatTheBotSends: the operations a bot uses most have
// a fast check; one the fast check could not compile would silently be
// checked by the library alone, as slowly as before.
func TestFastCheckCoversWhatTheBotSends(t *testing.T) {
	t.Parallel()
	sp := needSpec(t)
	for _, c := range []struct{ method, path string }{
		{"POST", "/interactions/1/tok/callback"},
		{"POST", "/channels/1/messages"},
		{"PATCH", "/channels/1/messages/2"},
		{"POST", "/webhooks/1/tok"},
		{"PATCH", "/webhooks/1/tok/messages/@original"},
		{"PUT", "/applications/1/guilds/2/commands"},
		{"POST", "/channels/1/threads"},
	} {
		_, op, _ := sp.match(c.method, c.path)
		if assert.NotNil(t, op, c.path) {
			assert.NotNil(t, op.fast, "%s %s has no fast check", c.method, c.path)
		}
	}
}
