package paper

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/spell"
)

// The log sheets come back typed into a spreadsheet and saved as CSV: the
// columns of the sheet in its order — time of the fact, time written,
// text, author. What a French office's spreadsheet writes is read as it
// comes: a byte-order mark, semicolons for separators (Excel's French CSV),
// Windows-1252 rather than UTF-8 (Excel's "CSV (séparateur : point-virgule)"),
// a header row, empty rows.

// Entry is one row of a paper log sheet, read and checked.
type Entry struct {
	Line      int       // the row's line in the file, from 1, as an editor shows it
	FactAt    time.Time // when it happened
	WrittenAt time.Time // when it was written on paper
	Text      string
	Author    string // as typed, "" when not given
	Member    string // the member the author names; "" when none does
}

// RowError is one thing wrong with one row: Column 1 to 4 names the
// column, 0 the row as a whole.
type RowError struct {
	Line   int
	Column int
	Key    string // the catalogue message that says it
	Args   []any  // a time.Time among them is shown in Loc, as lang writes it
	Loc    *time.Location
}

// Message is the error as the cell reads it, in lang.
func (e RowError) Message(lang locale.Lang) string {
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		if t, ok := a.(time.Time); ok && e.Loc != nil {
			a = locale.FormatTime(t, e.Loc, lang)
		}
		args[i] = a
	}
	what := locale.T(lang, e.Key, args...)
	switch {
	case e.Column == 0:
		return locale.T(lang, "paper.import.atrow", e.Line, what)
	case e.Column > len(colKeys):
		return locale.T(lang, "paper.import.atcol", e.Line, e.Column, what)
	}
	return locale.T(lang, "paper.import.at", e.Line, e.Column, locale.T(lang, colKeys[e.Column-1]), what)
}

var colKeys = []string{"paper.import.col.1", "paper.import.col.2", "paper.import.col.3", "paper.import.col.4"}

// Sheet is a CSV file of paper log entries, read.
type Sheet struct {
	Entries []Entry
	Errors  []RowError
	// CP1252 says the file was not UTF-8 and was read as Windows-1252.
	CP1252 bool
}

// maxText is the longest entry, as /log takes it.
const maxText = 4000

// ReadSheet reads a CSV file of paper log entries. Times are read in loc,
// the cell's zone, as written on paper (see parseTime); authors are
// matched to members by id or name. Every row is checked: Errors lists
// every problem, and an importer imports nothing while it is not empty.
func ReadSheet(data []byte, loc *time.Location, members []crisis.Member) *Sheet {
	s := &Sheet{}
	if !utf8.Valid(data) {
		if dec, err := charmap.Windows1252.NewDecoder().Bytes(data); err == nil {
			data, s.CP1252 = dec, true
		}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true // a quotation mark inside a text typed from paper
	first := true
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			s.Errors = append(s.Errors, RowError{Line: line, Key: "paper.import.err.csv", Args: []any{err.Error()}})
			break
		}
		if blankRow(rec) {
			continue
		}
		if first {
			first = false
			if isHeader(rec, loc) {
				continue
			}
		}
		e, errs := readRow(rec, line, loc, members)
		s.Errors = append(s.Errors, errs...)
		if len(errs) == 0 {
			s.Entries = append(s.Entries, e)
		}
	}
	if len(s.Entries) == 0 && len(s.Errors) == 0 {
		s.Errors = append(s.Errors, RowError{Line: 1, Key: "paper.import.err.empty"})
	}
	return s
}

// separator is the field separator of the file's first line that holds
// one: the most frequent of ';', ',' and tab outside quotes; ',' if none.
func separator(data []byte) rune {
	for _, line := range strings.Split(string(data), "\n") {
		counts := map[rune]int{}
		quoted := false
		for _, c := range line {
			switch {
			case c == '"':
				quoted = !quoted
			case !quoted && (c == ';' || c == ',' || c == '\t'):
				counts[c]++
			}
		}
		best, n := ',', 0
		for _, c := range []rune{';', ',', '\t'} {
			if counts[c] > n {
				best, n = c, counts[c]
			}
		}
		if n > 0 {
			return best
		}
	}
	return ','
}

func blankRow(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// isHeader: a first row that holds no time in its time columns is a
// header ("Heure du fait;Heure d'écriture;…").
func isHeader(rec []string, loc *time.Location) bool {
	for i := 0; i < 2 && i < len(rec); i++ {
		if _, _, err := parseTime(rec[i], loc); err == nil {
			return false
		}
	}
	return true
}

// readRow checks one row and reads it, reporting every problem it has.
func readRow(rec []string, line int, loc *time.Location, members []crisis.Member) (Entry, []RowError) {
	e := Entry{Line: line}
	var errs []RowError
	bad := func(col int, key string, args ...any) {
		errs = append(errs, RowError{Line: line, Column: col, Key: key, Args: args, Loc: loc})
	}
	for i := len(rec) - 1; i >= 4; i-- {
		if v := strings.TrimSpace(rec[i]); v != "" {
			bad(i+1, "paper.import.err.extra", cut(v, 40))
			return e, errs
		}
		rec = rec[:i]
	}
	if len(rec) < 3 {
		bad(0, "paper.import.err.columns", locale.N(len(rec), "count.paper.column"))
		return e, errs
	}
	field := func(i int) string {
		if i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}

	written, dated, err := parseTime(field(1), loc)
	switch {
	case field(1) == "":
		bad(2, "paper.import.err.missing")
	case err != nil:
		bad(2, "paper.import.err.time", cut(field(1), 40))
	case !dated:
		bad(2, "paper.import.err.nodate", field(1))
	default:
		e.WrittenAt = written
	}

	switch fact, dated, err := parseTime(field(0), loc); {
	case field(0) == "":
		// Left blank on paper: it happened when it was written.
		e.FactAt = e.WrittenAt
	case err != nil:
		bad(1, "paper.import.err.time", cut(field(0), 40))
	case e.WrittenAt.IsZero():
		// An hour alone takes the written time's date, which is missing.
	case !dated:
		e.FactAt = onDateOf(fact, e.WrittenAt, loc)
	default:
		e.FactAt = fact
	}
	if !e.FactAt.IsZero() && !e.WrittenAt.IsZero() && e.FactAt.After(e.WrittenAt.Add(time.Minute)) {
		bad(1, "paper.import.err.after", e.FactAt, e.WrittenAt)
	}

	e.Text = field(2)
	switch r, unsafe := crisis.FirstUnsafe(e.Text); {
	case e.Text == "":
		bad(3, "paper.import.err.missing")
	case unsafe:
		bad(3, "paper.import.err.control", r)
	case utf8.RuneCountInString(e.Text) > maxText:
		bad(3, "paper.import.err.long", utf8.RuneCountInString(e.Text), maxText)
	}

	e.Author = field(3)
	if r, unsafe := crisis.FirstUnsafe(e.Author); unsafe {
		bad(4, "paper.import.err.control", r)
	}
	e.Member = matchMember(e.Author, members)
	return e, errs
}

// onDateOf puts a time of day typed alone (hour holds it, on any date) on
// the date of written; when that would put the fact after it was written,
// on the day before: "23:50" written at "00:10" happened before midnight.
func onDateOf(hour, written time.Time, loc *time.Location) time.Time {
	w := written.In(loc)
	h := hour.In(loc)
	t := time.Date(w.Year(), w.Month(), w.Day(), h.Hour(), h.Minute(), h.Second(), 0, loc)
	if t.After(written.Add(time.Minute)) {
		t = time.Date(w.Year(), w.Month(), w.Day()-1, h.Hour(), h.Minute(), h.Second(), 0, loc)
	}
	return t
}

// matchMember is the member an author written on paper names: by id (with
// or without its @), else by name, whatever the case or accents; "" when
// none or more than one does.
func matchMember(typed string, members []crisis.Member) string {
	typed = strings.TrimPrefix(strings.TrimSpace(typed), "@")
	if typed == "" {
		return ""
	}
	for _, m := range members {
		if strings.EqualFold(m.ID, typed) {
			return m.ID
		}
	}
	found := ""
	for _, m := range members {
		if m.Name != "" && spell.Fold(m.Name) == spell.Fold(typed) {
			if found != "" {
				return "" // two members of that name: nobody can say which
			}
			found = m.ID
		}
	}
	return found
}

// cut shortens what was typed for an error line.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
