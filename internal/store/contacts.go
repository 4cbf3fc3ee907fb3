package store

import (
	"fmt"
	"slices"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
)

// AddContact stores an entry of the directory added by command.
func (t *tx) AddContact(e *contacts.Entry) error {
	res, err := t.tx.Exec(`INSERT INTO contacts (name, kind, phone, email, hours, note, added_at, added_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Name, string(e.Kind), e.Phone, e.Email, e.Hours, e.Note, fmtTime(e.AddedAt), e.AddedBy)
	if err != nil {
		return fmt.Errorf("add contact %s: %w", e.Name, err)
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("add contact %s: %w", e.Name, err)
	}
	return nil
}

func scanContact(s scanner) (contacts.Entry, error) {
	var e contacts.Entry
	var kind, added string
	if err := s.Scan(&e.ID, &e.Name, &kind, &e.Phone, &e.Email, &e.Hours, &e.Note, &added, &e.AddedBy); err != nil {
		return e, err
	}
	e.Kind, e.AddedAt, e.Origin = contacts.Kind(kind), parseTime(added), contacts.FromCommand
	return e, nil
}

// Contacts lists the entries added by command, oldest first.
func (t *tx) Contacts() ([]contacts.Entry, error) {
	return cachedList(t, 0, "contacts", func() ([]contacts.Entry, error) {
		return queryAll(t, "contacts", scanContact,
			`SELECT id, name, kind, phone, email, hours, note, added_at, added_by FROM contacts ORDER BY id`)
	}, slices.Clone[[]contacts.Entry])
}
