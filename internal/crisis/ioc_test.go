package crisis

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalizeIndicator(t *testing.T) {
	cases := []struct {
		kind, value, want string
		ok                bool
	}{
		{"ip", "192.0.2.44", "192.0.2.44", true},
		{"ip", " 2001:DB8::1 ", "2001:db8::1", true},
		{"ip", "::ffff:192.0.2.1", "192.0.2.1", true},
		{"ip", "198.51.100.0/24", "198.51.100.0/24", true},
		{"ip", "192[.]0[.]2[.]44", "192.0.2.44", true},
		{"ip", "999.1.1.1", "", false},
		{"ip", "192.0.2", "", false},
		{"ip", "caen.fr", "", false},
		{"domain", "Mail.Caen.FR.", "mail.caen.fr", true},
		{"domain", "evil[.]example", "evil.example", true},
		{"domain", "localhost", "", false},
		{"domain", "-bad.example", "", false},
		{"domain", "192.0.2.1", "", false},
		{"url", "hxxps://evil.example/login", "https://evil.example/login", true},
		{"url", "javascript:alert(1)", "", false},
		{"url", "evil.example/path", "", false},
		{"hash", "D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e", true},
		{"hash", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", true},
		{"hash", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85", "", false},
		{"hash", "zz0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "", false},
		{"email", "Attaquant@Evil.Example", "attaquant@evil.example", true},
		{"email", "not-an-address", "", false},
		{"email", "a@localhost", "", false},
		{"account", "CAEN\\svc-backup", "CAEN\\svc-backup", true},
		{"account", "two words", "", false},
		{"weird", "x", "", false},
		{"ip", "", "", false},
	}
	for _, c := range cases {
		t.Run(c.kind+"/"+c.value, func(t *testing.T) {
			got, err := NormalizeIndicator(c.kind, c.value)
			if !c.ok {
				require.Error(t, err)
				assert.ErrorIs(t, err, ErrInvalid)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got, "got %q, want %q", got, c.want)
		})
	}
}

func TestParseDuration(t *testing.T) {
	cases := []struct {
		in   string
		want string
		ok   bool
	}{
		{"30m", "30m0s", true},
		{"2h", "2h0m0s", true},
		{"3d", "72h0m0s", true},
		{"3j", "72h0m0s", true},
		{"1h30m", "1h30m0s", true},
		{"1d12h", "36h0m0s", true},
		{"0m", "", false},
		{"", "", false},
		{"h", "", false},
		{"30", "", false},
		{"30x", "", false},
		{"-3h", "", false},
		{"99999999999999h", "", false},
	}
	for _, c := range cases {
		got, err := ParseDuration(c.in)
		if !c.ok {
			assert.Error(t, err, "ParseDuration(%q)", c.in)
			continue
		}
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, got.String(), "ParseDuration(%q)", c.in)
	}
}

func TestMemberCan(t *testing.T) {
	comms := Member{ID: "comm", Capabilities: []Capability{CapComms}}
	director := Member{ID: "dir", Capabilities: []Capability{CapDirector}}
	nobody := Member{ID: "x"}
	assert.True(t, comms.Can(CapMember), "any capability implies member")
	assert.True(t, comms.Can(CapComms))
	assert.False(t, comms.Can(CapLegal))
	assert.True(t, director.Can(CapLegal), "the director can everything")
	assert.False(t, nobody.Can(CapMember))
}
