package command_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMemberSuggestion: a mistyped member gets a "did you mean".
func TestMemberSuggestion(t *testing.T) {
	h := newHarness(t)
	h.must("dsi", `/member add id:comm name:"Service communication" capabilities:member,comms`)
	h.must("dsi", `/crisis open title:"Intrusion"`)
	h.must("dsi", `/task add title:"Isoler les serveurs"`)
	cases := []struct {
		line, want string
	}{
		{`/task assign id:1 member:@dsj`, "membre inconnu @dsj : vouliez-vous dire @dsi ?"},
		{`/task assign id:1 member:@Comn`, "vouliez-vous dire @comm ?"},
		{`/task assign id:1 member:@zorglub`, "membre inconnu @zorglub : voir /member list"},
		{`/task assign id:1 member:<@123456789>`, "membre inconnu @123456789 : voir /member list"},
	}
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			r := h.run("dsi", c.line)
			require.True(t, r.Failed, "got %q, want a refusal", r.Text)
			assert.Contains(t, r.Text, c.want)
		})
	}
}

// TestFactNames: a fact name close to a known one is refused with the
// suggestion; a new one needs confirm:yes; a known one goes through.
func TestFactNames(t *testing.T) {
	cases := []struct {
		line string
		want string // a refusal containing this; "" for success
	}{
		{`/crisis fact name:donnees_personnelles value:oui`, "fait inconnu \"donnees_personnelles\" : vouliez-vous dire personal_data ?"},
		{`/crisis fact name:données_personnelles value:oui`, "vouliez-vous dire personal_data ?"},
		{`/crisis fact name:personal_dat value:oui`, "vouliez-vous dire personal_data ?"},
		{`/crisis fact name:Rancon value:non`, "vouliez-vous dire ransom_demanded ?"},
		{`/crisis fact name:mail_compromis value:oui`, "vouliez-vous dire mail_compromised ?"},
		{`/crisis fact name:astreinte_joignable value:oui`, "n'est pas un fait connu"},
		{`/crisis fact name:Données value:oui`, "nom de fait invalide"},
		{`/crisis fact name:personal_data value:oui`, ""},
		{`/crisis fact name:mail_compromised value:non`, ""},
		{`/crisis fact name:phishing_sent value:non`, ""}, // another loaded playbook's
		{`/crisis fact name:dpo_contact value:"Délégué, via la direction juridique"`, ""},
		{`/crisis fact name:astreinte_joignable value:oui confirm:oui`, ""},
	}
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			h := withPlaybook(t)
			r := h.run("dsi", c.line)
			if c.want == "" {
				assert.False(t, r.Failed, "got %q, want the fact set", r.Text)
				return
			}
			require.True(t, r.Failed, "got %q, want a refusal", r.Text)
			assert.Contains(t, r.Text, c.want)
		})
	}

	h := withPlaybook(t)
	h.must("dsi", `/crisis fact name:astreinte_joignable value:oui confirm:yes`)
	h.must("dsi", `/crisis fact name:astreinte_joignable value:non`) // set once, known since
	r := h.run("dsi", `/crisis fact name:astreinte_joinable value:non`)
	require.True(t, r.Failed, "got %q, want a refusal", r.Text)
	assert.Contains(t, r.Text, "vouliez-vous dire astreinte_joignable ?")
}

// TestDocumentFactsAreKnown: every fact a document template reads is set
// without a confirmation.
func TestDocumentFactsAreKnown(t *testing.T) {
	files, err := filepath.Glob("../draft/templates/*/*.tmpl")
	require.NoError(t, err)
	require.NotEmpty(t, files, "got no templates under ../draft/templates")
	read := regexp.MustCompile(`\.Fact "([a-z_0-9]+)"`)
	h := withPlaybook(t)
	seen := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range read.FindAllStringSubmatch(string(b), -1) {
			if !seen[m[1]] {
				seen[m[1]] = true
				r := h.run("dsi", `/crisis fact name:`+m[1]+` value:x`)
				assert.False(t, r.Failed, "%s reads fact %s: got %q, want it known", f, m[1], r.Text)
			}
		}
	}
	assert.NotEmpty(t, seen)
}
