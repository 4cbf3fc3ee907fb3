package crisis

import (
	"regexp"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

var (
	slugRe     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	factRe     = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	memberIDRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)
	sha256Re   = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// required trims s and refuses it when empty; field names the option.
func required(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", locale.Errorf(ErrInvalid, "err.required", field)
	}
	return s, nil
}

// ValidMemberID reports whether id can name a member.
func ValidMemberID(id string) bool { return memberIDRe.MatchString(id) }

// ValidRoleID reports whether id can name a crisis role (a lowercase slug).
func ValidRoleID(id string) bool { return slugRe.MatchString(id) }

// ValidFactName reports whether name can name a fact (it is also an
// identifier in playbook conditions).
func ValidFactName(name string) bool { return factRe.MatchString(name) }
