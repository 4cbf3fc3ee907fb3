package store

import (
	"slices"
	"sync"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// The lists the board shows beside the tasks and the log (drafts, roles,
// services, contacts, indicators, evidence, corrections, facts), kept per
// crisis at the version the database gives them all (migration 0010). A
// meeting's burst asks for the board again and again while these change a
// few times an hour: every /crisis status read the eight lists anew.
//
// Only read-only transactions use the cache. A list is read from the rows
// by the first reader at a version and kept for the readers at that same
// version; a write transaction reads its rows, its own writes included,
// and hands nothing on, so a write path never has to tell the cache what
// it changed.

// sectionSet holds one crisis's lists at one version, each filled by the
// first reader that needs it. A list once kept is never changed: readers
// copy what they hand out.
type sectionSet struct {
	version int64
	mu      sync.Mutex
	lists   map[string]any
}

// sectionCache holds the last few sets of each crisis (contacts, which
// belong to no crisis, under 0), oldest first.
type sectionCache struct {
	mu   sync.Mutex
	sets map[int64][]*sectionSet
}

// set is the crisis's set at version, made (empty) when none is kept; nil
// when a newer version has pushed it out.
func (c *sectionCache) set(crisisID, version int64) *sectionSet {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := findVersion(c.sets[crisisID], version); s != nil {
		return s
	}
	if c.sets == nil {
		c.sets = map[int64][]*sectionSet{}
	}
	s := &sectionSet{version: version, lists: map[string]any{}}
	c.sets[crisisID] = keepVersion(c.sets[crisisID], s)
	if !slices.Contains(c.sets[crisisID], s) {
		return nil
	}
	return s
}

// cachedList is the list name of crisisID read by load, from the section
// cache when this transaction may use it; each caller gets its own copy
// (clone: slices.Clone where the elements hold no slice or map).
func cachedList[T any](t *tx, crisisID int64, name string, load func() ([]T, error), clone func([]T) []T) ([]T, error) {
	s := t.sectionSet(crisisID)
	if s == nil {
		return load()
	}
	s.mu.Lock()
	kept, ok := s.lists[name]
	s.mu.Unlock()
	if ok {
		return clone(kept.([]T)), nil
	}
	list, err := load()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.lists[name] = list
	s.mu.Unlock()
	return clone(list), nil
}

// sectionSet is the crisis's set this transaction reads from: only a
// read-only transaction, on a database with the version, has one.
func (t *tx) sectionSet(crisisID int64) *sectionSet {
	if !t.readOnly || t.db == nil {
		return nil
	}
	if !t.rec.read {
		t.readVersions()
	}
	if !t.rec.ok {
		return nil
	}
	return t.db.sections.set(crisisID, t.sections)
}

func cloneDrafts(ds []crisis.Draft) []crisis.Draft {
	out := slices.Clone(ds)
	for i := range out {
		out[i].Current.Flags = slices.Clone(out[i].Current.Flags)
	}
	return out
}
