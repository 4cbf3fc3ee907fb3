package crisis

import (
	"slices"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Capability is what a member may do. Capabilities are granted per member
// (console, replay) or per Discord role (serve).
type Capability string

// The capabilities of the spec.
const (
	CapMember   Capability = "member"   // use the bot: log, tasks, board
	CapComms    Capability = "comms"    // approve public status updates
	CapLegal    Capability = "legal"    // approve the complaint and breach documents
	CapDirector Capability = "director" // everything, and closes the crisis
	CapAuthor   Capability = "author"   // reload playbooks
)

// Capabilities lists every capability in display order.
var Capabilities = []Capability{CapMember, CapComms, CapLegal, CapDirector, CapAuthor}

// ParseCapabilities reads a comma-separated list such as "member,comms"
// or "membre, communication", with or without accents.
func ParseCapabilities(s string) ([]Capability, error) {
	set := strings.Split(joinCaps(Capabilities), ", ")
	var caps []Capability
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		v, ok := ParseWord(set, part)
		if !ok {
			if sug, ok := Suggestion(set, part); ok {
				return nil, locale.Errorf(ErrInvalid, "err.capability.suggest", part, sug, Words(set))
			}
			return nil, locale.Errorf(ErrInvalid, "err.capability", part, Words(set))
		}
		if c := Capability(v); !slices.Contains(caps, c) {
			caps = append(caps, c)
		}
	}
	if len(caps) == 0 {
		return nil, locale.Errorf(ErrInvalid, "err.capability.none", Words(set))
	}
	return caps, nil
}

func joinCaps(cs []Capability) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// Member is a person of the cell.
type Member struct {
	ID           string // "dsi" in the console, the user's snowflake on Discord
	Name         string
	Capabilities []Capability
	CreatedAt    time.Time
	// Phone and Email reach the member when the usual tools are down; the
	// complaint and the paper kit list them. "" when not given.
	Phone string
	Email string
}

// Can reports whether m holds c. The director holds every capability, and
// any capability implies plain membership.
func (m Member) Can(c Capability) bool {
	if len(m.Capabilities) == 0 {
		return false
	}
	if c == CapMember || slices.Contains(m.Capabilities, CapDirector) {
		return true
	}
	return slices.Contains(m.Capabilities, c)
}

// CapabilityList renders the capabilities as "member, comms".
func (m Member) CapabilityList() string { return joinCaps(m.Capabilities) }

// Label is how the member appears in replies and documents. A name learnt
// from a front end (a Discord display name) is shown escaped, so it cannot
// reorder the text around it.
func (m Member) Label() string {
	if m.Name == "" || m.Name == m.ID {
		return "@" + m.ID
	}
	return Escape(m.Name) + " (@" + m.ID + ")"
}
