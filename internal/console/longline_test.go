package console_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// TestOverlongLineIsRefusedAndTheScriptGoesOn: a line of any length is
// refused with the command table's one-line error, and the commands after
// it still run.
func TestOverlongLineIsRefusedAndTheScriptGoesOn(t *testing.T) {
	tests := []struct {
		name string
		line string
	}{
		{"5 MiB, past any read buffer", "/log text:" + strings.Repeat("x", 5<<20)},
		{"just over the limit", "/log text:" + strings.Repeat("x", command.MaxLine-len("/log text:")+1)},
		{"over the limit in spaces, which must not trim it into a command", "/crisis open title:Trois" + strings.Repeat(" ", 3<<20) + "x"},
		{"CRLF", "/log text:" + strings.Repeat("é", 3<<20) + "\r"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, out := newConsole(t, "/crisis open title:Un\n"+tt.line+"\n/crisis open title:Deux\n", locale.FR)
			require.NoError(t, c.Run(context.Background()))
			want := "Crise n° 1 ouverte : Un\n" +
				"⚠️ " + locale.T(locale.FR, "err.line.long", command.MaxLine/1024) + "\n" +
				"Crise n° 2 ouverte : Deux\n"
			assert.Equal(t, want, out.String())
		})
	}
}

// TestLineAtTheLimitRuns: a line of exactly the limit is a command, with or
// without a CR before its newline, and a last line needs no newline.
func TestLineAtTheLimitRuns(t *testing.T) {
	title := strings.Repeat("x", 100)
	line := "/crisis open title:" + title
	line += strings.Repeat(" ", command.MaxLine-len(line))
	require.Len(t, line, command.MaxLine)
	c, out := newConsole(t, line+"\r\n"+line+"\n/crisis open title:Trois", locale.FR)
	require.NoError(t, c.Run(context.Background()))
	assert.Equal(t, "Crise n° 1 ouverte : "+title+"\nCrise n° 2 ouverte : "+title+"\nCrise n° 3 ouverte : Trois\n", out.String())
}
