// Package config reads Tocsin's settings: an optional YAML file, then the
// environment, which wins. It keeps no globals: Load takes the environment
// and the file reader, so tests pass their own.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Config is every setting of the program.
type Config struct {
	Org       Org     `yaml:"org"`
	Discord   Discord `yaml:"discord"`
	LLM       LLM     `yaml:"llm"`
	DB        string  `yaml:"db"`        // the SQLite file
	Playbooks string  `yaml:"playbooks"` // a folder added to the built-in playbooks
	LangName  string  `yaml:"lang"`
	TZ        string  `yaml:"timezone"`
	// PublishDir receives approved status updates as Markdown and text.
	PublishDir string `yaml:"publish_dir"`
	// FourEyes: the author of a draft cannot approve it.
	FourEyes bool `yaml:"four_eyes"`
	// StatusPage is the public status page: its folder, address and contact.
	StatusPage StatusPage `yaml:"statuspage"`
	// Contacts are the cell's own entries of the crisis directory.
	Contacts []contacts.Entry `yaml:"contacts"`

	Lang locale.Lang    `yaml:"-"`
	Loc  *time.Location `yaml:"-"`
	File string         `yaml:"-"` // the file read, "" when none
}

// Org is the organisation the cell works for: the victim in the documents.
type Org struct {
	Name           string `yaml:"name"`
	Address        string `yaml:"address"`
	Representative string `yaml:"representative"`
	SIREN          string `yaml:"siren"`
}

// Discord holds the Discord front end's settings.
type Discord struct {
	Token   string `yaml:"-"` // from DISCORD_TOKEN only: a secret never sits in a file shown around
	GuildID string `yaml:"guild_id"`
	APIURL  string `yaml:"api_url"`
	// Roles maps a Discord role ID to the capabilities it grants.
	Roles          map[string][]crisis.Capability `yaml:"roles"`
	Channels       Channels                       `yaml:"channels"`
	CrisisChannels string                         `yaml:"crisis_channels"` // "channel" or "thread"
}

// Channels names where the bot posts outside crisis channels.
type Channels struct {
	Public    string `yaml:"public"`    // approved status updates
	Approvals string `yaml:"approvals"` // drafts waiting for approval
}

// LLM is an OpenAI-compatible endpoint for drafting; empty means templates only.
type LLM struct {
	BaseURL string `yaml:"base_url"`
	Model   string `yaml:"model"`
	APIKey  string `yaml:"-"` // from OPENAI_API_KEY only
}

// Enabled reports whether drafting may call a model.
func (l LLM) Enabled() bool { return l.APIKey != "" || l.BaseURL != "" }

// Load reads the file TOCSIN_CONFIG names, or tocsin.yaml when it exists,
// then applies the environment. getenv and readFile stand for os.Getenv and
// os.ReadFile.
func Load(getenv func(string) string, readFile func(string) ([]byte, error)) (Config, error) {
	var c Config
	path, explicit := getenv("TOCSIN_CONFIG"), true
	if path == "" {
		path, explicit = "tocsin.yaml", false
	}
	data, err := readFile(path)
	switch {
	case err == nil:
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true) // a misspelt setting is an error, not silently ignored
		if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
			return Config{}, fmt.Errorf("%s: %w", path, err)
		}
		c.File = path
	case explicit || !errors.Is(err, fs.ErrNotExist):
		return Config{}, fmt.Errorf("read configuration: %w", err)
	}
	if err := c.applyEnv(getenv); err != nil {
		return Config{}, err
	}
	return c, c.finish()
}

func (c *Config) applyEnv(getenv func(string) string) error {
	set := func(dst *string, key string) {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			*dst = v
		}
	}
	c.Discord.Token = strings.TrimSpace(getenv("DISCORD_TOKEN"))
	c.LLM.APIKey = strings.TrimSpace(getenv("OPENAI_API_KEY"))
	set(&c.Discord.GuildID, "DISCORD_GUILD_ID")
	set(&c.Discord.APIURL, "DISCORD_API_URL")
	set(&c.Discord.Channels.Public, "TOCSIN_PUBLIC_CHANNEL")
	set(&c.Discord.Channels.Approvals, "TOCSIN_APPROVAL_CHANNEL")
	set(&c.DB, "TOCSIN_DB")
	set(&c.Playbooks, "TOCSIN_PLAYBOOKS")
	set(&c.LangName, "TOCSIN_LANG")
	set(&c.TZ, "TOCSIN_TZ")
	set(&c.PublishDir, "TOCSIN_PUBLISH_DIR")
	set(&c.LLM.BaseURL, "OPENAI_BASE_URL")
	set(&c.LLM.Model, "OPENAI_MODEL")
	if err := c.StatusPage.load(getenv); err != nil {
		return err
	}
	if v := strings.TrimSpace(getenv("TOCSIN_FOUR_EYES")); v != "" {
		switch strings.ToLower(v) {
		case "1", "true", "yes", "oui":
			c.FourEyes = true
		case "0", "false", "no", "non":
			c.FourEyes = false
		default:
			return fmt.Errorf("TOCSIN_FOUR_EYES %q: use true or false", v)
		}
	}
	if v := getenv("TOCSIN_DISCORD_ROLES"); strings.TrimSpace(v) != "" {
		roles, err := ParseRoles(v)
		if err != nil {
			return fmt.Errorf("TOCSIN_DISCORD_ROLES: %w", err)
		}
		c.Discord.Roles = roles
	}
	return nil
}

// ParseRoles reads "ROLEID=member,director;ROLEID=member,comms".
func ParseRoles(s string) (map[string][]crisis.Capability, error) {
	out := map[string][]crisis.Capability{}
	for _, pair := range strings.Split(s, ";") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		id, caps, ok := strings.Cut(pair, "=")
		id = strings.TrimSpace(id)
		if !ok || id == "" {
			return nil, fmt.Errorf("%q is not ROLEID=capability,capability", pair)
		}
		parsed, err := crisis.ParseCapabilities(caps)
		if err != nil {
			return nil, fmt.Errorf("role %s: %w", id, err)
		}
		out[id] = parsed
	}
	return out, nil
}

func (c *Config) finish() error {
	if err := c.checkContacts(); err != nil {
		return err
	}
	if c.DB == "" {
		c.DB = "tocsin.db"
	}
	if c.PublishDir == "" {
		// Beside the database: one folder holds all the cell's files.
		c.PublishDir = filepath.Join(filepath.Dir(c.DB), "published")
	}
	if c.TZ == "" {
		c.TZ = "Europe/Paris"
	}
	loc, err := time.LoadLocation(c.TZ)
	if err != nil {
		return fmt.Errorf("time zone %q: %w", c.TZ, err)
	}
	c.Loc = loc
	switch strings.ToLower(c.LangName) {
	case "", "fr", "en":
		c.Lang = locale.Parse(c.LangName)
	default:
		return fmt.Errorf("language %q: Tocsin speaks fr and en", c.LangName)
	}
	switch c.Discord.CrisisChannels {
	case "":
		c.Discord.CrisisChannels = "channel"
	case "channel", "thread":
	default:
		return fmt.Errorf("discord.crisis_channels %q: use channel or thread", c.Discord.CrisisChannels)
	}
	for id, caps := range c.Discord.Roles {
		for _, cp := range caps {
			if _, err := crisis.ParseCapabilities(string(cp)); err != nil {
				return fmt.Errorf("discord.roles %s: %w", id, err)
			}
		}
	}
	return nil
}

// FromOS loads the configuration from the process's environment and files.
func FromOS() (Config, error) { return Load(os.Getenv, os.ReadFile) }
