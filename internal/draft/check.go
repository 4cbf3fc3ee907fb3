package draft

import (
	"fmt"
	"net/netip"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// The fact check: every time, date, number, IP address, e-mail address and
// URL in a draft must appear in the fact sheet (or among the few legal
// constants a document cites). Anything else is flagged, and approving a
// flagged draft needs an explicit confirmation.

var (
	// gapRe is the mark a template leaves where the record lacks a field
	// (see Render's "missing").
	gapRe   = regexp.MustCompile(`\[(?:À COMPLÉTER|A COMPLETER|TO BE COMPLETED) ?: ?([^\]\n]*)\]`)
	urlRe   = regexp.MustCompile(`(?i)\b(?:https?|ftps?|wss?)://[^\s<>()\[\]"'` + "`" + `]+`)
	emailRe = regexp.MustCompile(`(?i)\b[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}\b`)
	// domainRe is a link written without its scheme ("www.faux-caen.fr",
	// "faux-caen.fr/info"): a name ending in a top-level domain people
	// meet, so "v2.0", "3.5" or "fin.Puis" are not read as links.
	domainRe = regexp.MustCompile(`(?i)\b(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+(?:` + tlds + `)\b(?:[/?#][^\s<>()\[\]"'` + "`" + `]*)?`)
	// phoneRe is a French telephone number, however it is spaced:
	// 02 31 99 99 99, 02.31.99.99.99, +33 2 31 99 99 99, 0231999999.
	phoneRe = regexp.MustCompile(`(?:\+33 ?(?:\(0\) ?)?|\b0033 ?|\b0)([1-9](?:[ .\-\x{a0}\x{202f}]?\d{2}){4})\b`)
	// streetRe is a street address: a number, a street word, a name
	// ("12 rue de l'Église", "1 esplanade Jean-Marie Louvel").
	streetRe = regexp.MustCompile(`\b\d{1,4}(?: ?(?:bis|ter))?,? (?i:rue|avenue|av\.|boulevard|bd|place|esplanade|quai|chemin|allée|allee|impasse|route|cours|square|parvis)` +
		`(?: (?:(?:de|du|des|la|le|les|aux|au|et|en) )*(?:[ldLD]['’])?[\p{Lu}\d][\p{L}\d\-'’]*)+`)
	// streetEnRe is an English street address ("10 Downing Street").
	streetEnRe = regexp.MustCompile(`\b\d{1,4},? (?:[\p{Lu}][\p{L}\-']* ){1,4}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Square|Place)\b\.?`)
	ipv4Re     = regexp.MustCompile(`\b(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?\b`)
	ipv6Re     = regexp.MustCompile(`(?i)\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}(?:/\d{1,3})?`)
	isoDate    = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	frDate     = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\b`)
	wordDate   = regexp.MustCompile(`(?i)\b(\d{1,2})(?:er)? (janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december)(?: (\d{4}))?\b`)
	clockRe    = regexp.MustCompile(`(?i)\b([01]?\d|2[0-3]) ?(?::|h) ?([0-5]\d)\b|\b([01]?\d|2[0-3]) ?h\b`)
	numberRe   = regexp.MustCompile(`\b\d{1,3}(?:[  \x{202f}.,]\d{3})+\b|\b\d+(?:[.,]\d+)?\b`)
)

// tlds are the top-level domains a link without its scheme may end in.
const tlds = `fr|com|net|org|eu|info|biz|io|co|me|tv|app|dev|online|site|top|xyz|shop|be|ch|lu|ca|uk|de|es|it|nl|pt|us|ru|cn|re|gp|mq|gf|yt|pf|nc|pm|wf|bzh|paris|alsace|corsica|gouv|example|test|invalid|local`

// trailing is the punctuation a sentence puts after an item, which is not
// part of it.
const trailing = ".,;:!?»)\"'’…"

// numberSpaces reads "1 000,5" as "1000.5".
var numberSpaces = strings.NewReplacer(" ", "", " ", "", "\u202f", "", ",", ".")

// notDigitOrDot is what numberSpaces may replace.
func notDigitOrDot(r rune) bool { return (r < '0' || r > '9') && r != '.' }

var numbering = regexp.MustCompile(`(?m)^(#{1,6} |\s*)\d{1,2}\. `)

var months = map[string]int{
	"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
	"août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
}

// constants are figures documents cite that are not crisis facts: the
// articles of law, the 72-hour windows, the GDPR's own numbers. The
// articles stand apart ("323-7 ; 312-1"): side by side, "7 312" would read
// as one number written with a thousands space.
const constants = `SHA-256 SHA-1 72 heures 72 hours 33 article 33(3) 34 2016/679 Code pénal 323-1 323-2 323-3 323-7 ; 312-1 ; 313-1 ; 313-3
	3 5 7 10 60 75 000 100 000 150 000 300 000 ans euros 1 2 4 17 112 24 h 24h/24`

// token is one checkable item of a text; step is the pattern that found
// it, in the order lineTokens tries them.
type token struct {
	kind, key, text string
	step            int
}

// tokens finds every checkable item of s, kind by kind. No pattern matches
// across a line's end, so each line is read on its own: Go's regexp
// backtracks fast over a short input but runs its slow automaton over a
// whole document (a 10,000-entry complaint took seconds).
func tokens(s string) []token { return tokensWith(s, nil) }

// tokensWith is tokens, taking the readings of the pieces memo already
// holds and adding those it reads (see readings).
func tokensWith(s string, memo readings) []token {
	lines, read := readDistinct(s, memo)
	// Listed as reading the whole text kind by kind lists them: by
	// pattern, then in the order of the text. Counted first, so the
	// list is allocated once.
	var count []int
	for _, i := range lines {
		for _, t := range read[i] {
			for len(count) <= t.step {
				count = append(count, 0)
			}
			count[t.step]++
		}
	}
	next, total := make([]int, len(count)), 0
	for step, n := range count {
		next[step] = total
		total += n
	}
	out := make([]token, total)
	for _, i := range lines {
		for _, t := range read[i] {
			out[next[t.step]] = t
			next[t.step]++
		}
	}
	return out
}

// readDistinct reads each distinct piece of s once (the record repeats its
// times, the table its dates and authors; see pieces): lines lists s's
// pieces by their index in read. A piece memo holds is not read again, and
// what is read is added to memo (nil: nothing remembered).
func readDistinct(s string, memo readings) (lines []int, read [][]token) {
	index := make(map[string]int, strings.Count(s, "\n")+1)
	var distinct []string
	for line := range strings.Lines(s) {
		pieces(line, func(p string) {
			i, ok := index[p]
			if !ok {
				i = len(distinct)
				index[p] = i
				distinct = append(distinct, p)
			}
			lines = append(lines, i)
		})
	}
	if len(memo) == 0 {
		read = readLines(distinct)
		memo.add(distinct, read)
		return lines, read
	}
	read = make([][]token, len(distinct))
	var todo []string
	var at []int
	for i, p := range distinct {
		if ts, ok := memo[p]; ok {
			read[i] = ts
			continue
		}
		todo, at = append(todo, p), append(at, i)
	}
	done := readLines(todo)
	for j, i := range at {
		read[i] = done[j]
	}
	memo.add(todo, done)
	return lines, read
}

// parallelLines is how many lines make it worth reading them on every
// core: a 10,000-entry complaint has 10,000.
const parallelLines = 512

// readLines runs lineTokens on each line, on every core when there are
// many: each line is read on its own, so the order of the reading does not
// matter, only that of the results, which is kept.
func readLines(lines []string) [][]token {
	out := make([][]token, len(lines))
	workers := min(runtime.GOMAXPROCS(0), len(lines)/parallelLines)
	if workers < 2 {
		items := &itemCache{}
		for i, l := range lines {
			out[i] = lineTokens(l, items)
		}
		return out
	}
	var wg sync.WaitGroup
	chunk := (len(lines) + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(lines))
		wg.Add(1)
		go func() {
			defer wg.Done()
			items := &itemCache{}
			for i := lo; i < hi; i++ {
				out[i] = lineTokens(lines[i], items)
			}
		}()
	}
	wg.Wait()
	return out
}

// itemCache remembers what a pattern reads in an item ("26/09/2022",
// "16:05") and the key it files it under: a document repeats its dates and
// times on every line. One map a pattern, by its step in lineTokens (an
// array, not a map: it is looked at for every item).
type itemCache struct {
	byStep [len(tokenPatterns) + 1]map[string]reading
	// scratch is where lineTokens lists a piece's items before copying
	// them out.
	scratch []token
}

// reading is a pattern's submatches in an item (nil when it does not
// match) and the item's key.
type reading struct {
	m   []string
	key string
}

func (c *itemCache) read(step int, p *pattern, item string, key func(m []string) string) reading {
	re := p.re
	if at := p.scan; at != nil && re.NumSubexp() == 0 {
		// A pattern without groups reads its first match alone, at once:
		// its items (numbers) repeat too seldom to be worth remembering.
		var r reading
		if lo, hi := find(at, item, 0); lo >= 0 {
			r.m = []string{item[lo:hi]}
			r.key = key(r.m)
		}
		return r
	}
	byItem := c.byStep[step]
	if byItem == nil {
		byItem = map[string]reading{}
		c.byStep[step] = byItem
	}
	if r, ok := byItem[item]; ok {
		return r
	}
	var r reading
	if r.m = re.FindStringSubmatch(item); r.m != nil {
		r.key = key(r.m)
	}
	byItem[item] = r
	return r
}

// lineTokens finds every checkable item of one piece of a line (see
// pieces: its numbering is already taken out). Each kind is cut out of the
// text once found, so a date is not also read as three numbers.
func lineTokens(s string, items *itemCache) []token {
	clue := newLine(s)
	out := items.scratch[:0]
	step := 0
	take := func(re *regexp.Regexp, kind string, key func(m []string) string) {
		step++
		p := &tokenPatterns[step-1]
		if p.re != re {
			panic("draft: lineTokens and tokenPatterns list the patterns in different orders")
		}
		if p.clue != nil && !p.clue(clue) {
			return
		}
		cut := false
		s = p.replaceAllFunc(s, func(match string) string {
			// The sentence's own punctuation stays in the sentence.
			item := strings.TrimRight(match, trailing)
			if kind == "missing" {
				item = match
			}
			r := items.read(step, p, item, key)
			if r.m == nil {
				return match
			}
			if k := r.key; k != "" {
				out = append(out, token{kind: kind, key: k, text: strings.TrimSpace(item), step: step})
			}
			cut = true
			return " " + match[len(item):]
		})
		if cut {
			// An item cut out leaves a space, which may join what stood
			// on either side ("16[gap]h" reads "16 h"): the next
			// patterns' clues look at the line as they will read it.
			clue = newLine(s)
		}
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
		if strings.IndexFunc(m[0], notDigitOrDot) < 0 {
			return m[0] // nothing to take out: most numbers
		}
		return numberSpaces.Replace(m[0])
	})
	// Kept at its size: most pieces hold one or two items, and the record
	// and the draft hold tens of thousands of pieces.
	items.scratch = out[:0]
	if len(out) == 0 {
		return nil
	}
	return slices.Clone(out)
}

// linkKey is how two spellings of one link compare equal: with or
// without "https://" or a final slash, in any case.
func linkKey(s string) string {
	s = strings.ToLower(s)
	for _, scheme := range []string{"https://", "http://"} {
		s = strings.TrimPrefix(s, scheme)
	}
	return strings.TrimSuffix(s, "/")
}

func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// addressKey compares addresses whatever their case, spacing or
// apostrophes.
func addressKey(s string) string {
	s = strings.NewReplacer("’", "'", ",", " ").Replace(strings.ToLower(strings.TrimRight(s, trailing)))
	return strings.Join(strings.Fields(s), " ")
}

func ipKey(m []string) string {
	if p, err := netip.ParsePrefix(m[0]); err == nil {
		return p.Masked().String()
	}
	if a, err := netip.ParseAddr(m[0]); err == nil {
		return a.Unmap().String()
	}
	return "" // not an address: leave it to the number check
}

// dateKey renders a date as "2022-09-26", or "09-26" when the year is not
// written.
func dateKey(year string, month int, day string) string {
	// Atoi, not Sscan: Sscan reads "09" as an octal number and fails.
	d, _ := strconv.Atoi(day)
	if month < 1 || month > 12 || d < 1 || d > 31 {
		return ""
	}
	if year == "" {
		return fmt.Sprintf("%02d-%02d", month, d)
	}
	return fmt.Sprintf("%s-%02d-%02d", year, month, d)
}

// Allowed is the set of items a draft may contain, read from a sheet.
type Allowed map[string]bool

// AllowedFrom lists what the sheet supports: every text and time in it.
func AllowedFrom(s *Sheet) Allowed { return allowedFrom(s, nil) }

// allowedFrom is AllowedFrom, its readings kept in memo for the check of
// the text drafted from the same sheet.
func allowedFrom(s *Sheet, memo readings) Allowed {
	var b strings.Builder
	w := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
			b.WriteString("\n")
		}
	}
	// The record's times repeat (an entry's recording time, a task's
	// creation): each second is formatted once.
	formatted := map[int64][2]string{}
	times := func(ts ...time.Time) {
		for _, t := range ts {
			if t.IsZero() {
				continue
			}
			f, ok := formatted[t.Unix()]
			if !ok {
				t = t.In(s.Loc)
				f = [2]string{t.Format("2006-01-02 15:04"), t.Format("02/01/2006")}
				formatted[t.Unix()] = f
			}
			w(f[0], f[1])
		}
	}
	o := s.Org
	w(o.Name, o.Address, o.Representative, o.SIREN)
	c := s.Crisis
	w(c.Title, c.Summary, fmt.Sprint(c.ID))
	times(c.OpenedAt, c.DetectedAt, c.StartedAt, c.ClosedAt, s.Now, s.NextUpdate, s.BreachDeadline())
	for _, e := range s.Log {
		w(e.Text, strconv.FormatInt(e.Seq, 10)) // fmt.Sprint's digits, without its reflection
		times(e.At, e.RecordedAt)
	}
	for _, v := range s.Services {
		w(v.Name, v.Workaround)
		times(v.UpdatedAt)
	}
	for _, i := range s.Indicators {
		w(i.Value, i.Note, fmt.Sprint(i.ID))
		times(i.AddedAt)
	}
	for _, e := range s.Evidence {
		w(e.Item, e.Location, e.SHA256, e.Custodian, fmt.Sprint(e.ID))
		times(e.AddedAt)
	}
	for _, t := range s.Tasks {
		w(t.Title, t.Note, t.BlockReason, fmt.Sprint(t.ID))
		times(t.Due, t.DoneAt, t.CreatedAt)
	}
	for k, v := range s.Facts {
		w(k, v)
	}
	for _, m := range s.Members {
		w(m.Name, m.ID)
	}
	w(s.contactTexts()...)
	for _, d := range s.Drafts {
		w(fmt.Sprint(d.ID))
		times(d.CreatedAt, d.DecidedAt)
	}
	w(fmt.Sprint(len(s.Services)), fmt.Sprint(len(s.ServicesBy("down"))), fmt.Sprint(len(s.Indicators)), fmt.Sprint(len(s.Evidence)), fmt.Sprint(len(s.Log)))
	w(constants)
	// A set: neither the order of the items nor their repeats matter, so
	// each distinct line's items are filed once.
	a := Allowed{}
	_, read := readDistinct(b.String(), memo)
	for _, ts := range read {
		for _, tk := range ts {
			// Looked up first: most items repeat (an entry's times, small
			// numbers), and the lookup's key is built without allocating.
			if !a[tk.kind+":"+tk.key] {
				a[tk.kind+":"+tk.key] = true
			}
			if tk.kind == "date" && len(tk.key) == 10 {
				a["date:"+tk.key[5:]] = true // "26/09" without its year is the same day
			}
		}
	}
	// A time written "16h" is 16:00; both spellings of the record's times pass.
	return a
}

// Check returns the items of text that the sheet does not support, each
// once, grouped by kind (addresses first, then dates, times, numbers).
func (a Allowed) Check(text string) []crisis.Flag { return a.check(text, nil) }

// check is Check, taking the readings memo holds (see readings).
func (a Allowed) check(text string, memo readings) []crisis.Flag {
	var flags []crisis.Flag
	for _, tk := range tokensWith(text, memo) {
		if a[tk.kind+":"+tk.key] {
			continue
		}
		f := crisis.Flag{Kind: tk.kind, Value: tk.text}
		if tk.kind == "missing" {
			f.Value = tk.key
		}
		if !slices.Contains(flags, f) {
			flags = append(flags, f)
		}
	}
	return flags
}
