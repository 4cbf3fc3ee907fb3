package crisis

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestUnsafeRune(t *testing.T) {
	unsafe := []rune{0x00, 0x07, 0x1b, 0x7f, 0x85, 0x9b, '\r', 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c}
	for _, r := range unsafe {
		assert.True(t, UnsafeRune(r), "UnsafeRune(%U): got false, want true", r)
	}
	// Tab and line feed are text; the zero-width joiner holds emoji
	// sequences together (👩‍💻).
	for _, r := range []rune{'\t', '\n', 'a', 'é', '«', '“', 0x200d, 0xfe0f, '👩'} {
		assert.False(t, UnsafeRune(r), "UnsafeRune(%U): got true, want false", r)
	}
}

func TestEscape(t *testing.T) {
	cases := []struct{ in, all, keepLines string }{
		{"simple", "simple", "simple"},
		{"\x1b[2Jx", `\u{1B}[2Jx`, `\u{1B}[2Jx`},
		{"bip\x07", `bip\u{7}`, `bip\u{7}`},
		{"abc\u202edef", `abc\u{202E}def`, `abc\u{202E}def`},
		{"a\nb\tc", `a\u{A}b\u{9}c`, "a\nb\tc"},
		{"👩‍💻 Alice", "👩‍💻 Alice", "👩‍💻 Alice"},
		{"bad \xff utf-8", `bad \x{FF} utf-8`, `bad \x{FF} utf-8`},
	}
	for _, c := range cases {
		assert.Equal(t, c.all, Escape(c.in), "Escape(%q)", c.in)
		assert.Equal(t, c.keepLines, EscapeKeepLines(c.in), "EscapeKeepLines(%q)", c.in)
	}
}

// TestLabelIsNeutralised: a name learnt from a front end (a Discord display
// name) cannot reorder the board or the published text around it.
func TestLabelIsNeutralised(t *testing.T) {
	m := Member{ID: "123", Name: "Alice\u202e1234\x1b[31m"}
	assert.Equal(t, `Alice\u{202E}1234\u{1B}[31m (@123)`, m.Label())
}

// TestEscapeASCIIByByte: the byte-wise scan of ASCII judges every byte as
// the rune-wise definition does, with and without line breaks kept.
func TestEscapeASCIIByByte(t *testing.T) {
	for c := 0; c < utf8.RuneSelf; c++ {
		s := "a" + string(rune(c)) + "é"
		assert.Equal(t, UnsafeRune(rune(c)), EscapeKeepLines(s) != s, "byte %#x, lines kept", c)
		assert.Equal(t, unicode.IsControl(rune(c)), Escape(s) != s, "byte %#x", c)
	}
}
