package config

import (
	"errors"
	"fmt"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// checkContacts checks the contacts: list and reads each kind, English or
// French, into its stored value. Every problem of every entry is reported,
// one line each, naming the entry: whoever fixes the file fixes all at once.
func (c *Config) checkContacts() error {
	var errs []error
	for i, e := range c.Contacts {
		e = e.Clean()
		e.Origin = contacts.FromConfig
		c.Contacts[i] = e
		for _, p := range e.Check() {
			errs = append(errs, fmt.Errorf("contacts[%d] (%s): %s", i, e.Name, p.Message(locale.EN)))
		}
	}
	return errors.Join(errs...)
}
