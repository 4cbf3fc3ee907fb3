package paper

import (
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Importer is the author of what the import writes itself: the entries of
// authors who are not members, and the closing line that says an import
// took place. It is the name the record already uses for its own lines.
const Importer = "tocsin"

// ErrRows is returned when rows are wrong: nothing is imported.
var ErrRows = errors.New("rows of the paper log are wrong")

// Imported is what an import added to the crisis log.
type Imported struct {
	Entries []crisis.LogEntry
	// Unknown are the authors no member matched, as typed, with their
	// rows' lines; "" is the author left blank.
	Unknown map[string][]int
}

// Import appends the sheet's entries to the crisis log, all or nothing.
// Each entry is a back-dated note: its time is the time of the fact, its
// recorded time the time written on paper, its author the member who wrote
// it (or Importer, the name as typed then in the text), and its text says
// it came from paper and when it was typed in. Entries go in the order they
// were written; then one line of the record's own says the import took
// place. The hash chain covers them as any other entry.
//
// It returns ErrRows with the rows' problems when any row is wrong (the
// sheet's own, rows already imported, times out of the crisis's bounds),
// having written nothing.
func Import(tx crisis.Tx, crisisID int64, s *Sheet, file string, now time.Time, loc *time.Location, lang locale.Lang) (Imported, []RowError, error) {
	c, err := tx.Crisis(crisisID)
	if errors.Is(err, crisis.ErrNotFound) {
		return Imported{}, nil, locale.Errorf(crisis.ErrNotFound, "paper.err.crisis", crisisID)
	} else if err != nil {
		return Imported{}, nil, err
	}
	if c.State != crisis.Open {
		return Imported{}, nil, locale.Errorf(crisis.ErrConflict, "paper.import.err.closed", c.ID)
	}
	log, err := tx.Log(c.ID)
	if err != nil {
		return Imported{}, nil, err
	}
	errs := append([]RowError(nil), s.Errors...)
	floor := c.Beginning().Add(-crisis.Year)
	for _, e := range s.Entries {
		bad := func(col int, key string, args ...any) {
			errs = append(errs, RowError{Line: e.Line, Column: col, Key: key, Args: args, Loc: loc})
		}
		switch {
		case e.WrittenAt.After(now.Add(time.Minute)):
			bad(2, "paper.import.err.future", e.WrittenAt)
		case e.FactAt.Before(floor) || e.FactAt.Before(crisis.Earliest):
			bad(1, "paper.import.err.early", e.FactAt)
		}
		if dup, ok := already(log, e); ok {
			bad(0, "paper.import.err.dup", dup.Seq)
		}
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
		return Imported{}, errs, ErrRows
	}

	entries := append([]Entry(nil), s.Entries...)
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].WrittenAt.Before(entries[j].WrittenAt) })
	out := Imported{Unknown: map[string][]int{}}
	typedIn := locale.FormatTime(now, loc, lang)
	for _, e := range entries {
		author := crisis.Member{ID: e.Member}
		var text string
		switch {
		case e.Member != "":
			text = locale.T(lang, "log.paper.entry", typedIn, e.Text)
		case e.Author == "":
			author.ID = Importer
			text = locale.T(lang, "log.paper.entry.noauthor", typedIn, e.Text)
			out.Unknown[""] = append(out.Unknown[""], e.Line)
		default:
			author.ID = Importer
			text = locale.T(lang, "log.paper.entry.unknown", typedIn, e.Author, e.Text)
			out.Unknown[e.Author] = append(out.Unknown[e.Author], e.Line)
		}
		// The entry was written on paper at WrittenAt: that is its
		// recorded time, as the op's clock.
		op := crisis.NewOp(tx, e.WrittenAt, author, nil)
		op.Lang = lang
		fact := e.FactAt
		le, err := op.AddNote(c, text, &fact)
		if err != nil {
			return Imported{}, nil, err
		}
		out.Entries = append(out.Entries, le)
	}
	op := crisis.NewOp(tx, now, crisis.Member{ID: Importer}, nil)
	op.Lang = lang
	first, last := out.Entries[0].Seq, out.Entries[len(out.Entries)-1].Seq
	if err := op.Logf(c, crisis.LogCrisis, "log.paper.imported", file, locale.N(len(out.Entries), "count.paper.entry"), first, last); err != nil {
		return Imported{}, nil, err
	}
	return out, nil, nil
}

// already finds the entry an earlier import of the same row wrote: same
// times, same text after the paper mark.
func already(log []crisis.LogEntry, e Entry) (crisis.LogEntry, bool) {
	for _, l := range log {
		if l.Kind == crisis.LogNote && l.At.Equal(e.FactAt) && l.RecordedAt.Equal(e.WrittenAt) && strings.HasSuffix(l.Text, "] "+e.Text) {
			return l, true
		}
	}
	return crisis.LogEntry{}, false
}
