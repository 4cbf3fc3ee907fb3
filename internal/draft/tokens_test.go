package draft

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// wholeTokens is tokens as it was, reading the whole text with each
// pattern in turn: the reference tokens must agree with, line by line.
func wholeTokens(s string) []token {
	// Section and list numbers ("## 8. Contacts", "2. …") are the
	// document's own structure, not facts.
	s = numbering.ReplaceAllString(s, "$1")
	var out []token
	take := func(re *regexp.Regexp, kind string, key func(m []string) string) {
		s = re.ReplaceAllStringFunc(s, func(match string) string {
			// The sentence's own punctuation stays in the sentence.
			item := strings.TrimRight(match, trailing)
			if kind == "missing" {
				item = match
			}
			m := re.FindStringSubmatch(item)
			if m == nil {
				return match
			}
			if k := key(m); k != "" {
				out = append(out, token{kind: kind, key: k, text: strings.TrimSpace(item)})
			}
			return " " + match[len(item):]
		})
	}
	// A gap is what the record lacks, not something the text invents:
	// reported as missing, its words are not checked.
	take(gapRe, "missing", func(m []string) string { return strings.TrimSpace(m[1]) })
	take(urlRe, "url", func(m []string) string { return linkKey(m[0]) })
	take(emailRe, "email", func(m []string) string { return strings.ToLower(m[0]) })
	take(domainRe, "url", func(m []string) string { return linkKey(m[0]) })
	take(phoneRe, "phone", func(m []string) string { return "0" + digitsOnly(m[1]) })
	take(streetRe, "address", func(m []string) string { return addressKey(m[0]) })
	take(streetEnRe, "address", func(m []string) string { return addressKey(m[0]) })
	take(ipv4Re, "ip", ipKey)
	take(ipv6Re, "ip", ipKey)
	take(isoDate, "date", func(m []string) string { return m[1] + "-" + m[2] + "-" + m[3] })
	take(wordDate, "date", func(m []string) string { return dateKey(m[3], months[strings.ToLower(m[2])], m[1]) })
	take(frDate, "date", func(m []string) string {
		mo, _ := strconv.Atoi(m[2])
		return dateKey(m[3], mo, m[1])
	})
	take(clockRe, "time", func(m []string) string {
		h, min := m[1], m[2]
		if h == "" {
			h, min = m[3], "00"
		}
		return fmt.Sprintf("%02s:%s", h, min)
	})
	take(numberRe, "number", func(m []string) string {
		return strings.NewReplacer(" ", "", " ", "", "\u202f", "", ",", ".").Replace(m[0])
	})
	return out
}

// withoutSteps drops what only the line-by-line reading records.
func withoutSteps(ts []token) []token {
	var out []token
	for _, t := range ts {
		out = append(out, token{kind: t.kind, key: t.key, text: t.text})
	}
	return out
}

// longComplaint renders a complaint whose log holds entries of every
// kind of item, on lines of their own and side by side.
func longComplaint(t testing.TB) string {
	at := time.Date(2022, 9, 26, 16, 5, 0, 0, time.UTC)
	s := &Sheet{
		Org:    Org{Name: "Ville de Caen", Address: "Esplanade Jean-Marie Louvel, 14027 Caen", Representative: "Le maire"},
		Crisis: crisis.Crisis{ID: 1, Title: "Rançongiciel", DetectedAt: at, OpenedAt: at, StartedAt: at.Add(-time.Hour)},
		Now:    at.Add(48 * time.Hour), Loc: time.UTC, Lang: locale.FR,
		Facts:   map[string]string{"ransom_demanded": "oui", "fraud_attempted": "non"},
		Members: map[string]crisis.Member{},
	}
	for i, text := range fuzzSeeds {
		s.Log = append(s.Log, crisis.LogEntry{Seq: int64(i + 1), At: at.Add(time.Duration(i) * time.Minute), RecordedAt: at, Kind: crisis.LogNote, Author: "dsi", Text: text})
	}
	for i := 0; i < 200; i++ {
		s.Log = append(s.Log, crisis.LogEntry{Seq: int64(len(s.Log) + 1), At: at.Add(time.Duration(i) * time.Second), RecordedAt: at, Kind: crisis.LogNote, Author: "dsi",
			Text: fmt.Sprintf("Constat n° %d : serveur 10.0.%d.%d injoignable à %dh%02d, appeler le 02 31 30 %02d %02d", i, i%7, i, i%24, i%60, i%100, i%90)})
	}
	body, _, err := Render(crisis.DraftComplaint, s, "", "")
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// TestTokensLineByLine: reading line by line finds the same items, in the
// same order, as reading the whole text.
func TestTokensLineByLine(t *testing.T) {
	texts := append([]string{longComplaint(t), strings.Join(fuzzSeeds, "\n"), constants}, fuzzSeeds...)
	for i, text := range texts {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			want, got := wholeTokens(text), withoutSteps(tokens(text))
			assert.Equal(t, want, got, "got %v, want %v", got, want)
		})
	}
}

// FuzzTokensLineByLine: whatever the text, line by line reads what the
// whole text reads.
func FuzzTokensLineByLine(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		want, got := wholeTokens(text), withoutSteps(tokens(text))
		if !assert.ObjectsAreEqual(want, got) {
			t.Fatalf("tokens(%q): got %v, want %v", text, got, want)
		}
	})
}
