package crisis

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// MaxDuration is the longest duration accepted, ten years of 365 days:
// longer than anything a crisis plans, and far from the ±292 years where a
// time.Duration wraps round.
const MaxDuration = 10 * 365 * 24 * time.Hour

// ErrDurationTooLong is returned (wrapped) for a duration over MaxDuration.
var ErrDurationTooLong = errors.New("duration too long")

// ParseDuration reads the durations people write in the cell and in
// playbooks: "30m", "2h", "3d", "1h30m", "1d12h". Units are d, h, m and s;
// a day is 24 hours. Zero and negative durations are refused: nothing in a
// crisis is due "in no time". Each part and the total are checked against
// MaxDuration before they are multiplied or added, so nothing overflows.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" {
		return 0, errors.New("empty duration")
	}
	tooLong := fmt.Errorf("%q: %w (%d days at most)", s, ErrDurationTooLong, MaxDuration/(24*time.Hour))
	var total time.Duration
	rest := s
	for rest != "" {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i == len(rest) {
			return 0, errors.New("not a duration: " + strconv.Quote(s) + " (write 30m, 2h or 3d)")
		}
		var unit time.Duration
		switch rest[i] {
		case 'd', 'j': // "j" for jour: French users write 3j
			unit = 24 * time.Hour
		case 'h':
			unit = time.Hour
		case 'm':
			unit = time.Minute
		case 's':
			unit = time.Second
		default:
			return 0, errors.New("not a duration: " + strconv.Quote(s) + " (units are d, h, m, s)")
		}
		n, err := strconv.ParseInt(rest[:i], 10, 64)
		if err != nil || n > int64(MaxDuration/unit) {
			return 0, tooLong // only digits: ParseInt fails on nothing but size
		}
		part := time.Duration(n) * unit
		if part > MaxDuration-total {
			return 0, tooLong
		}
		total += part
		rest = rest[i+1:]
	}
	if total <= 0 {
		return 0, errors.New("duration must be more than zero: " + strconv.Quote(s))
	}
	return total, nil
}
