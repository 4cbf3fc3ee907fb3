package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStatusPage: the statuspage section of tocsin.yaml, then the
// environment, which wins; a base address that is not absolute is refused
// with one line naming it.
func TestStatusPage(t *testing.T) {
	file := `statuspage:
  dir: /srv/etat
  base_url: https://etat.example.org/caen/
  addr: 127.0.0.1:8088
  contact: {phone: "02 31 30 41 00", address: "Esplanade Jean-Marie Louvel, Caen", hours: "8 h 30 – 17 h 30"}
`
	cases := []struct {
		name    string
		env     map[string]string
		want    StatusPage
		wantErr string
	}{
		{name: "file", want: StatusPage{Dir: "/srv/etat", BaseURL: "https://etat.example.org/caen/", Addr: "127.0.0.1:8088",
			Contact: Contact{Phone: "02 31 30 41 00", Address: "Esplanade Jean-Marie Louvel, Caen", Hours: "8 h 30 – 17 h 30"}}},
		{name: "environment wins",
			env: map[string]string{"TOCSIN_STATUSPAGE_DIR": "/tmp/page", "TOCSIN_STATUSPAGE_BASE_URL": "http://127.0.0.1:8088/", "TOCSIN_STATUSPAGE_ADDR": "127.0.0.1:9000"},
			want: StatusPage{Dir: "/tmp/page", BaseURL: "http://127.0.0.1:8088/", Addr: "127.0.0.1:9000",
				Contact: Contact{Phone: "02 31 30 41 00", Address: "Esplanade Jean-Marie Louvel, Caen", Hours: "8 h 30 – 17 h 30"}}},
		{name: "relative base refused", env: map[string]string{"TOCSIN_STATUSPAGE_BASE_URL": "etat/caen"}, wantErr: "statuspage.base_url"},
		{name: "address without port refused", env: map[string]string{"TOCSIN_STATUSPAGE_ADDR": "localhost"}, wantErr: "statuspage.addr"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := load(c.env, map[string]string{"tocsin.yaml": file})
			if c.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got.StatusPage)
		})
	}
}

func TestStatusPageAbsent(t *testing.T) {
	c, err := load(nil, nil)
	require.NoError(t, err)
	assert.Equal(t, StatusPage{}, c.StatusPage, "no status page unless configured")
}
