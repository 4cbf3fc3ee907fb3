package discord

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// mentionsByRegexp is mentions as it was first written: the byte scan
// must give the same text for every input.
var oldMemberRef = regexp.MustCompile(`(^|[^<\w])@(\d{17,20})\b`)

func mentionsByRegexp(s string) string {
	return oldMemberRef.ReplaceAllString(s, "${1}<@${2}>")
}

const snow = "1000000000000000044" // 19 digits

func TestMentions(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"no at", "plain text", "plain text"},
		{"alone", "@" + snow, "<@" + snow + ">"},
		{"in a line", "owner @" + snow + ", due", "owner <@" + snow + ">, due"},
		{"already a mention", "<@" + snow + ">", "<@" + snow + ">"},
		{"after a word", "mail@" + snow, "mail@" + snow},
		{"after underscore", "_@" + snow, "_@" + snow},
		{"16 digits", "@1234567890123456", "@1234567890123456"},
		{"17 digits", "@12345678901234567", "<@12345678901234567>"},
		{"20 digits", "@12345678901234567890", "<@12345678901234567890>"},
		{"21 digits", "@123456789012345678901", "@123456789012345678901"},
		{"followed by a letter", "@" + snow + "x", "@" + snow + "x"},
		{"followed by underscore", "@" + snow + "_", "@" + snow + "_"},
		{"followed by non-ASCII", "@" + snow + "é", "<@" + snow + ">é"},
		{"after non-ASCII", "é@" + snow, "é<@" + snow + ">"},
		{"double at", "@@" + snow, "@<@" + snow + ">"},
		{"two adjacent", "@" + snow + "@" + snow, "<@" + snow + ">@" + snow},
		{"two apart", "@" + snow + " @" + snow, "<@" + snow + "> <@" + snow + ">"},
		{"after newline", "a\n@" + snow + "\n", "a\n<@" + snow + ">\n"},
		{"invalid UTF-8 before", "\xff@" + snow, "\xff<@" + snow + ">"},
		{"bare at", "@ @", "@ @"},
		{"at at end", "x @", "x @"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, mentions(tc.in))
			assert.Equal(t, mentionsByRegexp(tc.in), mentions(tc.in), "the regexp gives another text")
		})
	}
}

// TestMentionsLikeRegexp compares the two on texts built from the pieces
// that matter (digit runs around the bounds, "<", word and non-ASCII
// characters), which random bytes seldom hit.
func TestMentionsLikeRegexp(t *testing.T) {
	pieces := []string{"@", "<", ">", "a", "_", " ", "\n", "é", "\xff", "9",
		strings.Repeat("1", 16), strings.Repeat("2", 17), strings.Repeat("3", 20), strings.Repeat("4", 21)}
	rng := rand.New(rand.NewPCG(12, 12))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := mentions(s), mentionsByRegexp(s); got != want {
			t.Fatalf("mentions(%q) = %q, regexp gives %q", s, got, want)
		}
	}
}

// TestMentionsWithoutMember: text without a member comes back as it was.
func TestMentionsWithoutMember(t *testing.T) {
	in := strings.Repeat("task #3 — done @ noon\n", 50)
	assert.Equal(t, in, mentions(in))
}

func FuzzMentions(f *testing.F) {
	for _, s := range []string{"", "@" + snow, "<@" + snow + ">", "a@" + snow + "b", "@@" + snow + "@" + snow, "é@12345678901234567_", "\xff@12345678901234567890 @1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := mentions(s), mentionsByRegexp(s); got != want {
			t.Fatalf("mentions(%q) = %q, regexp gives %q", s, got, want)
		}
	})
}

// boardText is a /crisis status of 400 tasks, as the bench's crisis has.
func boardText() string {
	var b strings.Builder
	for i := range 400 {
		b.WriteString("@" + snow + "\n  - #" + strings.Repeat("1", 1+i%3) + " Vérifier les sauvegardes du serveur — pris par @" + snow + "\n")
	}
	return b.String()
}

func BenchmarkMentions(b *testing.B) {
	s := boardText()
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			mentions(s)
		}
	})
	b.Run("regexp", func(b *testing.B) {
		for b.Loop() {
			mentionsByRegexp(s)
		}
	})
}
