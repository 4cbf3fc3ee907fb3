package paper

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The times on a paper sheet are read as people write them, in the cell's
// zone:
//
//	26/09/2022 14:05   26/09/22 14h05   26/09/2022 à 14:05   (JJ/MM/AAAA)
//	2022-09-26 14:05   2022-09-26T14:05                        (AAAA-MM-JJ)
//	14:05   14h05                                              (an hour alone)
//
// with seconds if a spreadsheet added them. An hour alone is accepted for
// the time of the fact only: it takes the date of the time written (the
// day before when that would put the fact after it was written, so
// "23:50" written at "00:10" is the evening before). The time written
// always carries its date: nothing else on the row could give it.
var (
	dmyRe  = regexp.MustCompile(`^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})(?:\s+|\s*[T,]\s*)(?:(?:à|a|at)\s+)?` + hourPat + `$`)
	ymdRe  = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+|\s*[T,]\s*)(?:(?:à|a|at)\s+)?` + hourPat + `$`)
	hourRe = regexp.MustCompile(`^` + hourPat + `$`)
)

const hourPat = `(\d{1,2})\s*[:hH]\s*(\d{2})(?::(\d{2}))?`

var errTime = errors.New("not a time")

// parseTime reads a time as written on paper; dated is false for an hour
// alone (then only its hour, minute and second mean anything).
func parseTime(s string, loc *time.Location) (t time.Time, dated bool, err error) {
	s = strings.Join(strings.Fields(s), " ")
	var y, mo, d int
	var hms []string
	switch {
	case dmyRe.MatchString(s):
		m := dmyRe.FindStringSubmatch(s)
		d, mo, y, hms = atoi(m[1]), atoi(m[2]), atoi(m[3]), m[4:]
		if len(m[3]) == 2 {
			y += 2000
		}
	case ymdRe.MatchString(s):
		m := ymdRe.FindStringSubmatch(s)
		y, mo, d, hms = atoi(m[1]), atoi(m[2]), atoi(m[3]), m[4:]
	case hourRe.MatchString(s):
		m := hourRe.FindStringSubmatch(s)
		h, mi, sec := atoi(m[1]), atoi(m[2]), atoi(m[3])
		if h > 23 || mi > 59 || sec > 59 {
			return time.Time{}, false, errTime
		}
		return time.Date(2000, 1, 1, h, mi, sec, 0, loc), false, nil
	default:
		return time.Time{}, false, errTime
	}
	h, mi, sec := atoi(hms[0]), atoi(hms[1]), atoi(hms[2])
	t = time.Date(y, time.Month(mo), d, h, mi, sec, 0, loc)
	// time.Date carries 31/09 over to 01/10: a date that is not one is
	// refused, not moved.
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d || t.Hour() != h || t.Minute() != mi || t.Second() != sec {
		return time.Time{}, false, errTime
	}
	return t, true, nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
