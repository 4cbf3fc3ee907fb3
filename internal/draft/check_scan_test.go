package draft

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// scanCases are where the scanned patterns hesitate: counts of digits,
// optional parts, separators, word boundaries, multi-byte neighbours.
var scanCases = []string{
	"Le 26/09/2022 à 16h28, puis 18:00, le 27 septembre 2022",
	"1/2 12/34 123/45 1/23/4567 1/2/345 1/2/34567 01/02/2022a 3/4_ x3/4 3/4/2022/5",
	"23:59 24:00 2:5 2 : 05 2h 2 h 2hx 2H30 19 h 30 09h 9h05 123:45 0:00 20:60 21h5 1:234",
	"1 000 1 000 000 12 345,5 1.234.567 1,5 1.5.6 1234 567 106\u202f000 1\u00a0000 1 00 12a 3_4 ٣ 1é 1,",
	"2022-09-26 2022-9-26 12022-09-26 2022-09-261 2022-09-26T16:05 x2022-09-26",
	"| 26/09/2022 16:05 | 26/09/2022 16:05 | Constat n° 12 : serveur 3 injoignable | @dsi |",
	"\xff1\xe2\x80 2\u202f3 4\u202f567 ſ1 1ſ",
	"",
	"9",
}

// TestScannersMatchTheirPatterns: each scanner finds what its pattern
// finds, where it finds it.
func TestScannersMatchTheirPatterns(t *testing.T) {
	for re, at := range scanners {
		for _, s := range append(scanCases, fuzzSeeds...) {
			assert.Equal(t, re.FindAllStringIndex(s, -1), findAll(at, s), "%s on %q", re, s)
		}
	}
}

// FuzzScanners: whatever the text, each scanner finds what its pattern
// finds.
func FuzzScanners(f *testing.F) {
	for _, s := range append(scanCases, fuzzSeeds...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for re, at := range scanners {
			want, got := re.FindAllStringIndex(s, -1), findAll(at, s)
			if !assert.ObjectsAreEqual(want, got) {
				t.Fatalf("%s on %q: got %v, want %v", re, s, got, want)
			}
		}
	})
}
