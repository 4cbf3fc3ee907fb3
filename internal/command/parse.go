package command

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/spell"
)

// MaxLine is the longest written command accepted. It is above any option's
// limit, so a long value is refused by name rather than as a long line.
const MaxLine = 1 << 20

// Parsed is a written command split into its name and raw option values.
type Parsed struct {
	Name string
	Args map[string]string
}

// Parse splits the written form `/task assign id:3 member:@dsi` against the
// table. Values with spaces are double-quoted; inside quotes, \" and \\
// stand for a quote and a backslash.
func (t *Table) Parse(line string) (Parsed, error) {
	if len(line) > MaxLine {
		return Parsed{}, locale.Errorf(crisis.ErrInvalid, "err.line.long", MaxLine/1024)
	}
	if !utf8.ValidString(line) {
		return Parsed{}, locale.Errorf(crisis.ErrInvalid, "err.utf8")
	}
	words, err := split(strings.TrimSpace(line))
	if err != nil {
		return Parsed{}, err
	}
	if len(words) == 0 || !strings.HasPrefix(words[0].text, "/") {
		return Parsed{}, locale.Errorf(crisis.ErrInvalid, "err.noslash")
	}
	words[0].text = strings.TrimPrefix(words[0].text, "/")
	var name []string
	for len(words) > 0 && !words[0].option && len(name) < 2 {
		name = append(name, strings.ToLower(words[0].text))
		words = words[1:]
	}
	if len(name) == 2 && len(words) > 0 && !words[0].option {
		if n, ok := spelled[name[0]+" "+name[1]+" "+strings.ToLower(words[0].text)]; ok {
			name, words = strings.Fields(n), words[1:]
		}
	}
	cmd, ok := t.Lookup(strings.Join(name, " "))
	if !ok && len(name) == 2 {
		// "/log some text" is not a two-word command: give the word back.
		if cmd, ok = t.Lookup(name[0]); ok {
			words = append([]word{{text: name[1]}}, words...)
		}
	}
	if !ok {
		return Parsed{}, t.unknownCommand(name)
	}
	p := Parsed{Name: cmd.Name, Args: map[string]string{}}
	for _, w := range words {
		if !w.option {
			return Parsed{}, locale.Errorf(crisis.ErrInvalid, "err.word", cut(w.text, shownMax), cmd.Usage())
		}
		if _, dup := p.Args[w.key]; dup {
			return Parsed{}, locale.Errorf(crisis.ErrInvalid, "err.option.twice", shown(w.key))
		}
		p.Args[w.key] = w.text
	}
	return p, nil
}

// spelled maps the written forms of three words to the table's command:
// Discord's commands have two levels at most.
var spelled = map[string]string{"crisis fact unset": "crisis unset"}

// unknownCommand explains a name the table lacks. The name is echoed
// escaped: it is whatever was typed.
func (t *Table) unknownCommand(name []string) error {
	full := shown(strings.Join(name, " "))
	if len(name) == 0 {
		return locale.Errorf(crisis.ErrInvalid, "err.noslash")
	}
	var subs []string
	for _, c := range t.cmds {
		if g, sub, ok := strings.Cut(c.Name, " "); ok && g == name[0] {
			subs = append(subs, sub)
		}
	}
	if len(subs) > 0 {
		if len(name) == 2 {
			if s := suggest(name[1], subs); s != "" {
				return locale.Errorf(crisis.ErrInvalid, "err.command.suggest", full, name[0]+" "+s)
			}
		}
		return locale.Errorf(crisis.ErrInvalid, "err.subcommand", full, shown(name[0]), strings.Join(subs, ", "))
	}
	var names []string
	for _, c := range t.cmds {
		names = append(names, c.Name)
	}
	if s := suggest(strings.Join(name, " "), names); s != "" {
		return locale.Errorf(crisis.ErrInvalid, "err.command.suggest", full, s)
	}
	return locale.Errorf(crisis.ErrInvalid, "err.command", full)
}

// suggest is spell.Suggest for names as typed: a name far longer than any
// in the table is no typo of one, and comparing a megabyte with each name
// would take seconds.
func suggest(s string, names []string) string {
	const longest = 64
	if len(s) > longest {
		return ""
	}
	return spell.Suggest(s, names)
}

type word struct {
	key    string // option name, when option
	text   string
	option bool
}

// split cuts a line into words and name:value options.
func split(line string) ([]word, error) {
	var out []word
	i := 0
	for i < len(line) {
		for i < len(line) && line[i] == ' ' || i < len(line) && line[i] == '\t' {
			i++
		}
		if i >= len(line) {
			break
		}
		start := i
		for i < len(line) && line[i] != ' ' && line[i] != '\t' && line[i] != ':' && !isQuote(line[i:]) {
			i++
		}
		if i < len(line) && line[i] == ':' && i > start {
			key := strings.ToLower(line[start:i])
			i++
			val, next, err := value(line, i)
			if err != nil {
				return nil, locale.Errorf(crisis.ErrInvalid, "err.quote", shown(key))
			}
			out = append(out, word{key: key, text: val, option: true})
			i = next
			continue
		}
		val, next, err := value(line, start)
		if err != nil {
			return nil, locale.Errorf(crisis.ErrInvalid, "err.quote", crisis.Escape(cut(line[start:], 20)))
		}
		out = append(out, word{text: val})
		i = next
	}
	return out, nil
}

// closers maps each opening quote to the quotes that close it. Phones
// type curly quotes, and French keyboards « guillemets »; all quote a value
// as the straight quote does.
var closers = map[rune]string{
	'"': `"`,
	'“': `”“"`, // some keyboards close with the opening quote
	'„': `“”"`,
	'«': `»`,
	'‘': `’‘`,
}

// value reads a bare or quoted value starting at i.
func value(line string, i int) (string, int, error) {
	open, size := utf8.DecodeRuneInString(line[i:])
	if closes, ok := closers[open]; ok && i < len(line) {
		var b strings.Builder
		for j := i + size; j < len(line); {
			r, n := utf8.DecodeRuneInString(line[j:])
			switch {
			case r == '\\' && j+1 < len(line) && (line[j+1] == '"' || line[j+1] == '\\'):
				b.WriteByte(line[j+1])
				n = 2
			case r == '\\' && j+1 < len(line) && line[j+1] == 'n':
				// A terminal line cannot hold a line break: \n writes one,
				// for the options that take several lines.
				b.WriteByte('\n')
				n = 2
			case strings.ContainsRune(closes, r):
				v := b.String()
				if open == '«' {
					// « Appel » is written with spaces inside the guillemets.
					v = strings.TrimFunc(v, unicode.IsSpace)
				}
				return v, j + n, nil
			default:
				b.WriteRune(r)
			}
			j += n
		}
		return "", 0, errUnclosed
	}
	j := i
	for j < len(line) && line[j] != ' ' && line[j] != '\t' {
		j++
	}
	return line[i:j], j, nil
}

// isQuote reports whether s starts with an opening quote.
func isQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	_, ok := closers[r]
	return ok
}

var errUnclosed = locale.Errorf(crisis.ErrInvalid, "err.quote", "")

// Quote renders a value for the written form, quoting it when it needs it:
// when it is empty, or holds a space of any kind (the line's ends are
// trimmed), a quote or a backslash. A line break is written \n, so that
// the written form stays on one line and reads back the same.
func Quote(v string) string {
	if v != "" && !strings.ContainsAny(v, "\"\\") && strings.IndexFunc(v, unicode.IsSpace) < 0 {
		return v
	}
	return `"` + quoted.Replace(v) + `"`
}

var quoted = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

// checkText refuses control characters, which corrupt terminals, logs and
// documents, and bidi controls, which make a name or a line read other
// than it is on the board and in published text; nobody types them on
// purpose. Tabs are text, and line breaks in the options that hold
// several lines.
func checkText(o Option, v string) error {
	if !o.Multiline && strings.Contains(v, "\n") {
		return locale.Errorf(crisis.ErrInvalid, "err.newline", o.Name)
	}
	r, ok := crisis.FirstUnsafe(v)
	switch {
	case !ok:
		return nil
	case crisis.IsBidiControl(r):
		return locale.Errorf(crisis.ErrInvalid, "err.control.bidi", o.Name, r)
	}
	return locale.Errorf(crisis.ErrInvalid, "err.control", o.Name, r)
}

// shownMax is the most of a name or word as typed that a refusal echoes.
const shownMax = 60

// shown is how a name or fragment as typed is echoed in a refusal: cut to
// a readable length, and escaped, for it may hold anything.
func shown(s string) string { return crisis.Escape(cut(s, shownMax)) }

// cut shortens s to n characters and an ellipsis.
func cut(s string, n int) string {
	i := 0
	for range n {
		if i >= len(s) {
			return s
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if i >= len(s) {
		return s
	}
	return s[:i] + "…"
}
