package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// MessageRef is where a front end shows an object.
type MessageRef struct {
	Channel, Message string
}

// SaveMessageRef records where the object named key is shown.
func (s *DB) SaveMessageRef(ctx context.Context, key string, ref MessageRef) error {
	err := s.exec(ctx, `INSERT INTO front_messages (key, channel_id, message_id) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET channel_id = excluded.channel_id, message_id = excluded.message_id`, key, ref.Channel, ref.Message)
	if err != nil {
		s.refs.forget(key) // whatever the database holds now, read it next time
		return fmt.Errorf("save message of %s: %w", key, err)
	}
	s.refs.put(key, ref)
	return nil
}

// MessageRefOf returns where the object named key is shown, or an error
// wrapping crisis.ErrNotFound. It answers from the references this
// process already read or wrote (refCache) before asking the database, on
// a reader connection: the Discord mirror looks up where a message is
// before every edit, several times a command under a burst, and on the
// writer's one connection each lookup queued between the commands'
// transactions. A reader sees every commit, SaveMessageRef's included.
func (s *DB) MessageRefOf(ctx context.Context, key string) (MessageRef, error) {
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

// DeleteMessageRef forgets where the object named key was shown (the
// message was deleted, or shown in the wrong place).
func (s *DB) DeleteMessageRef(ctx context.Context, key string) error {
	// Forgotten after the delete too: a read that began before it, and
	// found the row, must not keep it.
	defer s.refs.forget(key)
	if err := s.exec(ctx, `DELETE FROM front_messages WHERE key = ?`, key); err != nil {
		return fmt.Errorf("forget message of %s: %w", key, err)
	}
	return nil
}

// refCache keeps the message references this process read or wrote. Only
// the front end of this process writes them (SaveMessageRef,
// DeleteMessageRef, both through here), and the mirror looks one up
// before every edit: several a command under a burst.
type refCache struct {
	mu   sync.Mutex
	refs map[string]MessageRef
	// gen counts the writes: a reference read from the database is kept
	// only if none happened since the read began, so a read that raced a
	// delete cannot put the deleted reference back.
	gen uint64
}

// get is the kept reference, if any, and the generation to read the
// database under.
func (c *refCache) get(key string) (MessageRef, bool, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.refs[key]
	return r, ok, c.gen
}

// keep remembers a reference read from the database under gen.
func (c *refCache) keep(key string, r MessageRef, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen == c.gen {
		c.set(key, r)
	}
}

func (c *refCache) put(key string, r MessageRef) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.set(key, r)
}

func (c *refCache) set(key string, r MessageRef) {
	if c.refs == nil {
		c.refs = map[string]MessageRef{}
	}
	c.refs[key] = r
}

func (c *refCache) forget(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	delete(c.refs, key)
}
