package config

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// StatusPage is where the public status page is written and how residents
// reach the town meanwhile. Empty Dir: the page is written only by
// `tocsin statuspage --out DIR`.
type StatusPage struct {
	// Dir receives index.html and the feed, rewritten on every approval of
	// a public update.
	Dir string `yaml:"dir"`
	// BaseURL is the page's public address, for the feed's absolute links
	// and ids; "" writes links relative to the feed.
	BaseURL string `yaml:"base_url"`
	// Addr is a local address (127.0.0.1:8088) where `tocsin serve` also
	// serves Dir; "" serves nothing.
	Addr    string  `yaml:"addr"`
	Contact Contact `yaml:"contact"`
}

// Contact is how residents reach the town while its own sites and mail are
// down, as the status page shows it.
type Contact struct {
	Phone   string `yaml:"phone"`
	Address string `yaml:"address"`
	Hours   string `yaml:"hours"`
}

// load applies TOCSIN_STATUSPAGE_DIR, _BASE_URL and _ADDR over the file's
// values, then checks what a later write or listen would trip on.
func (s *StatusPage) load(getenv func(string) string) error {
	for key, dst := range map[string]*string{
		"TOCSIN_STATUSPAGE_DIR": &s.Dir, "TOCSIN_STATUSPAGE_BASE_URL": &s.BaseURL, "TOCSIN_STATUSPAGE_ADDR": &s.Addr,
	} {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			*dst = v
		}
	}
	if s.BaseURL != "" {
		u, err := url.Parse(s.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("statuspage.base_url %q: give the page's full address, https://…", s.BaseURL)
		}
	}
	if s.Addr != "" {
		if _, _, err := net.SplitHostPort(s.Addr); err != nil {
			return fmt.Errorf("statuspage.addr %q: give a host and a port, 127.0.0.1:8088", s.Addr)
		}
	}
	return nil
}
