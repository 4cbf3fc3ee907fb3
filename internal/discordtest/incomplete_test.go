package discordtest

import (
	"net"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBodyCutByTheClientIsNoViolation: a bot that stops aborts what it
// was sending; the request never arrives whole, Discord never sees it, and
// neither does the double. A body that arrives whole but broken is still a
// violation (TestValidatorDirect and the rest).
func TestBodyCutByTheClientIsNoViolation(t *testing.T) {
	d := New(t)
	u, err := url.Parse(d.URL())
	require.NoError(t, err)
	conn, err := net.Dial("tcp", u.Host)
	require.NoError(t, err)
	_, err = conn.Write([]byte("POST /api/v10/channels/" + ChannelGeneral + "/messages HTTP/1.1\r\nHost: " + u.Host +
		"\r\nAuthorization: Bot test-token\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"content\":\"Consta"))
	require.NoError(t, err)
	require.NoError(t, conn.Close())
	// The double reads until it sees the connection end.
	time.Sleep(200 * time.Millisecond)
	assert.Empty(t, d.Problems())
	assert.Empty(t, d.Requests(), "a request that never arrived is not recorded")
}
