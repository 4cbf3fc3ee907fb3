package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// MessageRef is where a front end shows an object.
type MessageRef struct {
	Channel, Message string
}

// SaveMessageRef records where the object named key is shown.
func (s *DB) SaveMessageRef(ctx context.Context, key string, ref MessageRef) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO front_messages (key, channel_id, message_id) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET channel_id = excluded.channel_id, message_id = excluded.message_id`, key, ref.Channel, ref.Message)
	if err != nil {
		return fmt.Errorf("save message of %s: %w", key, err)
	}
	return nil
}

// MessageRefOf returns where the object named key is shown, or an error
// wrapping crisis.ErrNotFound.
func (s *DB) MessageRefOf(ctx context.Context, key string) (MessageRef, error) {
	var r MessageRef
	err := s.db.QueryRowContext(ctx, `SELECT channel_id, message_id FROM front_messages WHERE key = ?`, key).Scan(&r.Channel, &r.Message)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("message of %s: %w", key, crisis.ErrNotFound)
	}
	return r, err
}

// DeleteMessageRef forgets where the object named key was shown (the
// message was deleted, or shown in the wrong place).
func (s *DB) DeleteMessageRef(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM front_messages WHERE key = ?`, key); err != nil {
		return fmt.Errorf("forget message of %s: %w", key, err)
	}
	return nil
}
