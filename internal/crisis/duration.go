package crisis

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// ParseDuration reads the durations people write in the cell and in
// playbooks: "30m", "2h", "3d", "1h30m", "1d12h". Units are d, h, m and s;
// a day is 24 hours. Zero and negative durations are refused: nothing in a
// crisis is due "in no time".
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" {
		return 0, errors.New("empty duration")
	}
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
		n, err := strconv.ParseInt(rest[:i], 10, 64)
		if err != nil || n > 100000 {
			return 0, errors.New("duration too long: " + strconv.Quote(s))
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
		total += time.Duration(n) * unit
		rest = rest[i+1:]
	}
	if total <= 0 {
		return 0, errors.New("duration must be more than zero: " + strconv.Quote(s))
	}
	return total, nil
}
