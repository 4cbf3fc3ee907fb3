package replay

import (
	"fmt"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/schedule"
)

// transcript is transcript.md as it is written: every command with the
// bot's reply, and every notice the bot sent, at its virtual time.
type transcript struct {
	b    strings.Builder
	loc  *time.Location
	lang locale.Lang
}

func (t *transcript) String() string { return t.b.String() }

func (t *transcript) head(sc *Scenario) {
	fmt.Fprintf(&t.b, "# %s\n\n", orText(sc.Name, sc.File))
	if sc.Org.Name != "" {
		fmt.Fprintf(&t.b, "%s\n\n", sc.Org.Name)
	}
}

func (t *transcript) when(at time.Time) string { return locale.FormatTime(at, t.loc, t.lang) }

func (t *transcript) step(st Step, r command.Reply) {
	fmt.Fprintf(&t.b, "## %s — @%s\n\n```\n%s\n```\n\n", t.when(st.At), strings.TrimPrefix(st.As, "@"), st.Do)
	text := strings.TrimSpace(r.Text)
	for _, btn := range r.Buttons {
		text += fmt.Sprintf("\n[%s] %s", btn.Label, btn.Command)
	}
	t.b.WriteString(quote(text) + "\n\n")
}

func (t *transcript) notice(at time.Time, d schedule.Delivery) {
	var to []string
	for _, id := range d.Notice.Recipients {
		to = append(to, "@"+id)
	}
	fmt.Fprintf(&t.b, "## %s — 🔔 Tocsin → %s\n\n%s\n\n", t.when(at), strings.Join(to, " "), quote(d.Text))
}

// quote renders a reply as a Markdown quote, so it stands apart from the
// commands.
func quote(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight("> "+l, " ")
	}
	return strings.Join(lines, "\n")
}

func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
