package discord

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
)

// cutByRunes is cut as it was first written: the in-place cut must give
// the same text.
func cutByRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	s = string(r[:n])
	if i := strings.LastIndex(s, "\n"); i > n/2 {
		return s[:i]
	}
	return s
}

func TestCut(t *testing.T) {
	cases := []struct {
		name, in string
		n        int
		want     string
	}{
		{"short", "abc", 5, "abc"},
		{"exact", "abcde", 5, "abcde"},
		{"runes not bytes", "ééééé", 5, "ééééé"},
		{"cut mid-line", "abcdefgh", 4, "abcd"},
		{"cut at a late line end", "ab\ncd\nefgh", 8, "ab\ncd"},
		{"early line end ignored", "a\nbcdefgh", 6, "a\nbcde"},
		{"multi-byte cut", "éàüöïëâ", 3, "éàü"},
		{"zero", "abc", 0, ""},
		{"invalid UTF-8 replaced", "a\xffbcdef", 3, "a\uFFFDb"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, cut(tc.in, tc.n))
			assert.Equal(t, cutByRunes(tc.in, tc.n), cut(tc.in, tc.n))
		})
	}
}

func TestCutLikeRunes(t *testing.T) {
	pieces := []string{"a", "\n", "é", "😀", "\xff", "bc "}
	rng := rand.New(rand.NewPCG(4, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s, n := b.String(), rng.IntN(25)
		if got, want := cut(s, n), cutByRunes(s, n); got != want {
			t.Fatalf("cut(%q, %d) = %q, the rune cut gives %q", s, n, got, want)
		}
	}
}

func FuzzCut(f *testing.F) {
	f.Add("ab\ncd\nefgh", 8)
	f.Add("a\xffbcdef", 3)
	f.Fuzz(func(t *testing.T, s string, n int) {
		if n < 0 || n > 5000 {
			return
		}
		if got, want := cut(s, n), cutByRunes(s, n); got != want {
			t.Fatalf("cut(%q, %d) = %q, the rune cut gives %q", s, n, got, want)
		}
	})
}

// TestFingerprintOfJoinedText: the streamed sum is the sum of the joined
// text it replaced, so no message looks changed after an upgrade.
func TestFingerprintOfJoinedText(t *testing.T) {
	m := message{content: "board <@" + snow + ">", whole: "board @" + snow}
	comps := buttons([]command.Button{{Label: "Take", Command: "/task take id:3"}})
	b, err := json.Marshal(comps)
	require.NoError(t, err)
	sum := sha256.Sum256([]byte(m.content + "\x00" + m.whole + "\x00" + string(b)))
	assert.Equal(t, hex.EncodeToString(sum[:]), fingerprint(m, comps))
}
