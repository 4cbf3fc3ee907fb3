package console

import (
	"bufio"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadLine(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // the lines, then io.EOF
	}{
		{"empty input", "", nil},
		{"last line without newline", "a\nb", []string{"a", "b"}},
		{"CRLF and blank lines", "a\r\n\r\n\nb\r\n", []string{"a", "", "", "b"}},
		{"a CR inside stays", "a\rb\n", []string{"a\rb"}},
		{"at the limit", "abcd\r\nabcd\n", []string{"abcd", "abcd"}},
		{"over the limit, cut one past it", "abcdefghijklmnopqrstuvwxyz0123456789\nnext\n", []string{"abcde", "next"}},
		{"over by a CR without newline", "abcd\r", []string{"abcd\r"}},
		{"over at the end of input", "abcdefghijklmnopqrstuvwxyz0123456789", []string{"abcde"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The smallest buffer bufio allows, so lines span many reads.
			r := bufio.NewReaderSize(strings.NewReader(tt.in), 16)
			var got []string
			for {
				line, err := readLine(r, 4)
				if err == io.EOF {
					break
				}
				require.NoError(t, err)
				got = append(got, line)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestReadLineKeepsNoMoreThanTheLimit: a 64 MiB line costs about the limit
// in memory, not its length.
func TestReadLineKeepsNoMoreThanTheLimit(t *testing.T) {
	const max, long = 1 << 20, 64 << 20
	r := bufio.NewReaderSize(io.MultiReader(io.LimitReader(xs{}, long), strings.NewReader("\n/next\n")), 64<<10)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	line, err := readLine(r, max)
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	assert.Len(t, line, max+1)
	allocated := after.TotalAlloc - before.TotalAlloc
	assert.Less(t, allocated, uint64(8*max), "got %d bytes allocated reading a %d-byte line, want a few times the limit", allocated, long)
	next, err := readLine(r, max)
	require.NoError(t, err)
	assert.Equal(t, "/next", next)
	_, err = readLine(r, max)
	assert.ErrorIs(t, err, io.EOF)
}

// xs is an endless input of 'x', allocating nothing.
type xs struct{}

func (xs) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}
