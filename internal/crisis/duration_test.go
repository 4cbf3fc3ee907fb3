package crisis

import (
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDurationLimits(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
	}{
		{"3650d", MaxDuration},
		{"87600h", MaxDuration},
		{"3649d24h", MaxDuration},
	}
	for _, c := range cases {
		got, err := ParseDuration(c.in)
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, got, "ParseDuration(%q): got %v, want %v", c.in, got, c.want)
	}
}

// TestParseDurationBounds: a duration beyond MaxDuration is refused as too
// long, however its parts are written, and never wraps around.
func TestParseDurationBounds(t *testing.T) {
	for _, in := range []string{
		"100000d100000d100000d", // wrapped to 2,075,904 h before
		"3651d", "3650d1s", "87601h", "3000d3000d",
		"99999999999999999999d", "9223372036854775807s", "106751d",
	} {
		got, err := ParseDuration(in)
		require.Error(t, err, "ParseDuration(%q): got %v, want an error", in, got)
		assert.True(t, errors.Is(err, ErrDurationTooLong), "ParseDuration(%q): got %v, want ErrDurationTooLong", in, err)
	}
	for _, in := range []string{"", "0m", "2x", "h", "12", "-2h", "1h-1m"} {
		got, err := ParseDuration(in)
		assert.Error(t, err, "ParseDuration(%q): got %v, want an error", in, got)
	}
}

// FuzzParseDuration: any text either is refused or gives a duration in
// (0, MaxDuration] equal to the sum of its parts, computed without overflow.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"30m", "2h", "3d", "1h30m", "3j", "100000d100000d100000d", "3650d", "3651d",
		"9223372036854775807s", "0h", "00:00", "24h", "23h59m59s", "1d-1h", "１h", "2ｈ", "2h\x00", "2h\u202e", "👍h", " 2h ", "2H30M"} {
		f.Add(s)
	}
	unit := map[byte]int64{'d': int64(24 * time.Hour), 'j': int64(24 * time.Hour), 'h': int64(time.Hour), 'm': int64(time.Minute), 's': int64(time.Second)}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDuration(s)
		if err != nil {
			return
		}
		if got <= 0 || got > MaxDuration {
			t.Fatalf("ParseDuration(%q): got %v, want a duration in (0, %v]", s, got, MaxDuration)
		}
		// Sum the parts with big integers: what an overflow would hide.
		sum := new(big.Int)
		rest := strings.ToLower(strings.TrimSpace(s))
		for rest != "" {
			i := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
			n, _ := new(big.Int).SetString(rest[:i], 10)
			sum.Add(sum, n.Mul(n, big.NewInt(unit[rest[i]])))
			rest = rest[i+1:]
		}
		if sum.Cmp(big.NewInt(int64(got))) != 0 {
			t.Fatalf("ParseDuration(%q): got %v, want %s ns", s, got, sum)
		}
	})
}
