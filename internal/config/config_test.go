package config

import (
	"io/fs"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

func load(env map[string]string, files map[string]string) (Config, error) {
	return Load(func(k string) string { return env[k] }, func(p string) ([]byte, error) {
		if s, ok := files[p]; ok {
			return []byte(s), nil
		}
		return nil, fs.ErrNotExist
	})
}

func TestDefaults(t *testing.T) {
	c, err := load(nil, nil)
	require.NoError(t, err)
	assert.Equal(t, "tocsin.db", c.DB)
	assert.Equal(t, locale.FR, c.Lang)
	assert.Equal(t, "Europe/Paris", c.Loc.String())
	assert.Equal(t, "channel", c.Discord.CrisisChannels)
	assert.False(t, c.LLM.Enabled())
	assert.Empty(t, c.File)
}

func TestFileThenEnvironment(t *testing.T) {
	file := `org: {name: Ville de Caen, address: "Esplanade Jean-Marie Louvel, 14027 Caen"}
discord:
  guild_id: "1"
  roles: {"111": [member, director]}
  channels: {public: "p", approvals: "a"}
llm: {base_url: "http://127.0.0.1:9/v1", model: small}
`
	c, err := load(map[string]string{"DISCORD_GUILD_ID": "2", "TOCSIN_DISCORD_ROLES": "333=member,comms; 444=member", "TOCSIN_LANG": "en"},
		map[string]string{"tocsin.yaml": file})
	require.NoError(t, err)
	assert.Equal(t, "Ville de Caen", c.Org.Name)
	assert.Equal(t, "2", c.Discord.GuildID, "the environment wins")
	assert.Equal(t, map[string][]crisis.Capability{"333": {"member", "comms"}, "444": {"member"}}, c.Discord.Roles)
	assert.Equal(t, "p", c.Discord.Channels.Public)
	assert.True(t, c.LLM.Enabled())
	assert.Equal(t, locale.EN, c.Lang)
	assert.Equal(t, "tocsin.yaml", c.File)
}

func TestBadConfiguration(t *testing.T) {
	cases := []struct {
		name  string
		env   map[string]string
		files map[string]string
		want  string
	}{
		{"misspelt field", nil, map[string]string{"tocsin.yaml": "orgg: {}\n"}, "field orgg not found"},
		{"missing named file", map[string]string{"TOCSIN_CONFIG": "/nope.yaml"}, nil, "read configuration"},
		{"bad zone", map[string]string{"TOCSIN_TZ": "Mars/Olympus"}, nil, `time zone "Mars/Olympus"`},
		{"bad language", map[string]string{"TOCSIN_LANG": "de"}, nil, `language "de"`},
		{"bad roles", map[string]string{"TOCSIN_DISCORD_ROLES": "111=member,king"}, nil, `unknown capability "king"`},
		{"roles without =", map[string]string{"TOCSIN_DISCORD_ROLES": "111"}, nil, "is not ROLEID=capability"},
		{"bad crisis channels", nil, map[string]string{"tocsin.yaml": "discord: {crisis_channels: forum}\n"}, "use channel or thread"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := load(c.env, c.files)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}
