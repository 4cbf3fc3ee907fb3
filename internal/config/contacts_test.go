package config_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/config"
	"github.com/tocsin-crisis/tocsin/internal/contacts"
)

func loadYAML(t *testing.T, yaml string) (config.Config, error) {
	t.Helper()
	return config.Load(func(string) string { return "" }, func(string) ([]byte, error) { return []byte(yaml), nil })
}

func TestContactsFromConfig(t *testing.T) {
	c, err := loadYAML(t, `contacts:
  - {name: Gendarmerie de Caen, kind: gendarmerie, phone: "02 31 00 00 00", hours: 24 h/24}
  - {name: Assureur, kind: insurer, email: sinistre@assureur.example.fr, source: contrat}
`)
	require.NoError(t, err)
	require.Len(t, c.Contacts, 2)
	assert.Equal(t, contacts.KindPolice, c.Contacts[0].Kind, "a French kind is read")
	assert.Equal(t, contacts.FromConfig, c.Contacts[1].Origin)
}

// TestContactsConfigErrors: every bad entry is named, one line a problem.
func TestContactsConfigErrors(t *testing.T) {
	_, err := loadYAML(t, `contacts:
  - {name: A, kind: banque}
  - {name: B, kind: cert, phone: "02-31", email: "b@b"}
`)
	require.Error(t, err)
	lines := strings.Split(err.Error(), "\n")
	assert.Equal(t, []string{
		`contacts[0] (A): unknown kind of contact "banque": police, cert, provider, insurer, prefecture, cnil, host, official, press, other`,
		`contacts[1] (B): invalid phone "02-31": digits, spaces, dots, and a + in front only`,
		`contacts[1] (B): invalid e-mail address "b@b": one @, followed by a domain name with a dot`,
	}, lines)
}
