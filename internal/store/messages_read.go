package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// ReadMessageRef is MessageRefOf on a reader connection. The Discord
// mirror looks up where a message is before every edit, several times a
// command under a burst; on the writer's one connection each lookup queued
// between the commands' transactions. A reader sees every commit, the
// mirror's own SaveMessageRef included.
//
// Both lookups answer from the references this process already read or
// wrote (refCache, messages.go) before asking the database.
func (s *DB) ReadMessageRef(ctx context.Context, key string) (MessageRef, error) {
	r, ok, gen := s.refs.get(key)
	if ok {
		return r, nil
	}
	err := s.readers.QueryRowContext(ctx, `SELECT channel_id, message_id FROM front_messages WHERE key = ?`, key).Scan(&r.Channel, &r.Message)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("message of %s: %w", key, crisis.ErrNotFound)
	}
	if err == nil {
		s.refs.keep(key, r, gen)
	}
	return r, err
}
