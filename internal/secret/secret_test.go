package secret

import (
	"bytes"
	"errors"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRedact(t *testing.T) {
	set := New("sk-test-0123456789abcdef", "MTAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.abcdefghijklmnopqrstuvwxyz012", "")
	for _, tc := range []struct{ name, in, want string }{
		{"own key", "Incorrect API key provided: sk-test-0123456789abcdef.", "Incorrect API key provided: " + Mask + "."},
		{"masked key echoed", "Incorrect API key provided: sk-proj-****************************abcd", "Incorrect API key provided: " + Mask},
		{"discord token", "token MTAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.abcdefghijklmnopqrstuvwxyz012 refused", "token " + Mask + " refused"},
		{"bearer", "Authorization: Bearer abcdefghijkl", "Authorization: " + Mask},
		{"ordinary text", "Serveur de messagerie isolé à 16:28 (sk-1)", "Serveur de messagerie isolé à 16:28 (sk-1)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, set.Redact(tc.in))
		})
	}
	assert.Equal(t, "x", New("abc").Redact("x"), "short values are not secrets")
}

func TestHandlerMasksEveryAttribute(t *testing.T) {
	var buf bytes.Buffer
	set := New("hunter2-secret-key")
	log := slog.New(set.Handler(slog.NewTextHandler(&buf, nil)))
	log.With(slog.String("cfg", "key=hunter2-secret-key")).Error("call failed hunter2-secret-key",
		slog.Any("err", errors.New("401: hunter2-secret-key")),
		slog.Group("req", slog.String("auth", "hunter2-secret-key")))
	assert.NotContains(t, buf.String(), "hunter2")
	assert.Contains(t, buf.String(), "401")
}
