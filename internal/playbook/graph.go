package playbook

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Graph draws a playbook's steps and their needs as a Mermaid flowchart, for
// reviewing a playbook at a glance: one node per step with its id and
// title, an arrow from each needed step to the step that needs it.
// Conditional steps (when) are hexagons and recurring ones (every) rounded,
// and the label says the role, delays, document and condition.
func Graph(p *Playbook) string {
	var b strings.Builder
	// The title goes in YAML front matter: quoted, since a colon would
	// otherwise end it.
	fmt.Fprintf(&b, "---\ntitle: %s\n---\nflowchart TD\n", strconv.Quote(p.Title))
	for _, s := range p.Steps {
		var notes []string
		if s.Role != "" {
			notes = append(notes, s.Role)
		}
		if s.Due > 0 {
			notes = append(notes, "⏱ "+short(time.Duration(s.Due)))
		}
		if s.Deadline > 0 {
			notes = append(notes, "⌛ "+short(time.Duration(s.Deadline))+" après détection")
		}
		if s.Every > 0 {
			notes = append(notes, "🔁 toutes les "+short(time.Duration(s.Every)))
		}
		if s.Draft != "" {
			notes = append(notes, "📄 "+s.Draft)
		}
		if s.When != "" {
			notes = append(notes, "si "+s.When)
		}
		label := mermaidText(s.ID + " — " + s.Title)
		if len(notes) > 0 {
			label += "<br/><small>" + mermaidText(strings.Join(notes, " · ")) + "</small>"
		}
		open, close := "[", "]"
		if s.When != "" {
			open, close = "{{", "}}"
		} else if s.Every > 0 {
			open, close = "([", "])"
		}
		fmt.Fprintf(&b, "  %s%s\"%s\"%s\n", nodeID(s.ID), open, label, close)
	}
	for _, s := range p.Steps {
		for _, n := range s.Needs {
			fmt.Fprintf(&b, "  %s --> %s\n", nodeID(n), nodeID(s.ID))
		}
	}
	return b.String()
}

// nodeID makes a step id safe as a Mermaid node name: the prefix keeps
// clear of keywords ("end") and of ids that read as arrow heads (o, x).
func nodeID(id string) string { return "s_" + strings.ReplaceAll(id, "-", "_") }

// mermaidText escapes what would end a quoted Mermaid label or be read as
// markup, with Mermaid's own entity codes.
var mermaidText = strings.NewReplacer(
	`"`, "#quot;", "<", "#lt;", ">", "#gt;", "\r\n", " ", "\n", " ",
).Replace

// short writes a delay for a reader: 30m, 4h, 1h30m, 72h; whole days
// beyond three (legal delays are said in hours: 72 hours).
func short(d time.Duration) string {
	const day = 24 * time.Hour
	switch {
	case d > 3*day && d%day == 0:
		return fmt.Sprintf("%dd", d/day)
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d >= time.Hour:
		return fmt.Sprintf("%dh%02dm", d/time.Hour, (d%time.Hour)/time.Minute)
	}
	return fmt.Sprintf("%dm", d/time.Minute)
}
