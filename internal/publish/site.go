package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/atomicfile"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/timeline"
)

// Record is what the status page shows of the crisis record: the crisis
// its newest public update is about, that crisis's public updates and its
// service board, and when its next public update is due.
type Record struct {
	Updates    []Update // newest first
	Services   []crisis.Service
	NextUpdate time.Time
	// Timeline is the public picture of the crisis (publicTimeline).
	Timeline timeline.Input
}

// Load reads the page's record at now. A crisis with no approved public
// update shows nothing: the page says only what comms approved to say.
func Load(tx crisis.Tx, now time.Time) (Record, error) {
	all, err := Updates(tx)
	if err != nil || len(all) == 0 {
		return Record{}, err
	}
	c := all[0].Crisis
	var r Record
	for _, u := range all {
		if u.Crisis.ID == c.ID {
			r.Updates = append(r.Updates, u)
		}
	}
	if r.Services, err = tx.Services(c.ID); err != nil {
		return Record{}, fmt.Errorf("status page: services of crisis %d: %w", c.ID, err)
	}
	tasks, err := tx.Tasks(c.ID, crisis.TaskFilter{})
	if err != nil {
		return Record{}, fmt.Errorf("status page: tasks of crisis %d: %w", c.ID, err)
	}
	r.NextUpdate = NextUpdate(tasks, now)
	if r.Timeline, err = publicTimeline(tx, c, r.Updates, now); err != nil {
		return Record{}, err
	}
	return r, nil
}

// NextUpdate is the due time of the first status update still to come on
// the board (a recurring status step's next occurrence); zero when none.
func NextUpdate(tasks []crisis.Task, now time.Time) time.Time {
	var next time.Time
	for _, t := range tasks {
		if !t.Active() || t.Draft != string(crisis.DraftStatus) || !t.Due.After(now) {
			continue
		}
		if next.IsZero() || t.Due.Before(next) {
			next = t.Due
		}
	}
	return next
}

// WriteRecord writes the page of r into dir.
func (p Page) WriteRecord(dir string, r Record, now time.Time) error {
	p.Services, p.NextUpdate = r.Services, r.NextUpdate
	if len(r.Updates) > 0 {
		p.Timeline = &r.Timeline
	}
	return p.Write(dir, r.Updates, now)
}

// Site keeps a status page folder current: Refresh after every approval of
// a public update. One refresh at a time, so a slower writer of an older
// record never lands after a newer one.
type Site struct {
	Page Page
	Dir  string
	mu   sync.Mutex
}

// Refresh reads the record from s and rewrites the page.
func (s *Site) Refresh(ctx context.Context, st crisis.Store, now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var r Record
	err := st.View(ctx, func(tx crisis.Tx) error {
		var err error
		r, err = Load(tx, now)
		return err
	})
	if err != nil {
		return fmt.Errorf("status page: %w", err)
	}
	return s.Page.WriteRecord(s.Dir, r, now)
}

// writeAll writes every file into dir so that each appears whole: all are
// written beside their targets first, and only once all are on disk does
// each take its name. A failure (a full disk) leaves the folder as it was.
func writeAll(dir string, files map[string]string) (err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("status page folder %s: %w", dir, err)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	// The page last: a reader who finds the new page finds its feed too.
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == IndexFile) != (names[j] == IndexFile) {
			return names[j] == IndexFile
		}
		return names[i] < names[j]
	})
	temps := map[string]string{}
	defer func() {
		for _, tmp := range temps {
			os.Remove(tmp)
		}
	}()
	for _, name := range names {
		path := filepath.Join(dir, name)
		tmp, err := atomicfile.Temp(path)
		if err != nil {
			return err
		}
		temps[name] = tmp
		if err := writeTemp(tmp, files[name]); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	var errs []error
	for _, name := range names {
		tmp := temps[name]
		delete(temps, name) // Commit removes it on failure
		if err := atomicfile.Commit(tmp, filepath.Join(dir, name), true); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func writeTemp(tmp, content string) error {
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(content); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
