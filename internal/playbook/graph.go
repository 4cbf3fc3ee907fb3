package playbook

import (
	"fmt"
	"strings"
	"time"
)

// Graph draws a playbook's steps and their needs as a Mermaid flowchart, for
// reviewing a playbook at a glance: conditional steps are shown as
// decisions, recurring ones with their period, drafts and roles in the label.
func Graph(p *Playbook) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\n---\nflowchart TD\n", mermaidText(p.Title))
	for _, s := range p.Steps {
		label := s.Title
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
		if len(notes) > 0 {
			label += "<br/><small>" + strings.Join(notes, " · ") + "</small>"
		}
		open, close := "[", "]"
		if s.When != "" {
			open, close = "{{", "}}"
		} else if s.Every > 0 {
			open, close = "([", "])"
		}
		fmt.Fprintf(&b, "  %s%s\"%s\"%s\n", nodeID(s.ID), open, mermaidText(label), close)
	}
	for _, s := range p.Steps {
		for _, n := range s.Needs {
			fmt.Fprintf(&b, "  %s --> %s\n", nodeID(n), nodeID(s.ID))
		}
	}
	return b.String()
}

// nodeID makes a step id safe as a Mermaid node name ("end" is reserved).
func nodeID(id string) string { return "s_" + strings.ReplaceAll(id, "-", "_") }

// mermaidText escapes what would end a quoted Mermaid label.
func mermaidText(s string) string {
	return strings.NewReplacer(`"`, "#quot;", "\n", " ").Replace(s)
}

func short(d time.Duration) string {
	switch {
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d >= time.Hour:
		return fmt.Sprintf("%dh%02dm", d/time.Hour, (d%time.Hour)/time.Minute)
	}
	return fmt.Sprintf("%dm", d/time.Minute)
}
