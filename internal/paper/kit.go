// Package paper is what the cell needs when everything is down: the paper
// kit (tocsin print, /crisis print) — the contacts directory, each crisis
// role's tasks with their checklists and deadlines, the board as it
// stands and blank log sheets — and the way back: entries typed from those
// sheets, imported into the crisis log as back-dated entries that keep both
// times and say they came from paper (tocsin import-log).
package paper

import (
	"errors"
	"fmt"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
)

// Kit is the record as the paper kit shows it, read at one moment.
type Kit struct {
	Org  draft.Org
	Now  time.Time
	Loc  *time.Location
	Lang locale.Lang
	// Crisis is the crisis printed; nil prints the kit of no crisis (every
	// playbook, no board), to prepare before an attack.
	Crisis *crisis.Crisis
	// Playbooks are the crisis's playbooks, or every one loaded when there
	// is no crisis or it follows none (then FellBack is set).
	Playbooks []*playbook.Playbook
	FellBack  bool
	Directory []contacts.Entry
	Members   []crisis.Member
	Roles     []crisis.RoleAssignment
	Tasks     []crisis.Task
	Services  []crisis.Service
	Facts     map[string]string // the crisis's answered facts, for the steps' conditions
	// LogRows is the number of blank rows of the log sheets: about three
	// pages (see DefaultLogRows).
	LogRows int
}

// DefaultLogRows fill about three A4 pages of log sheet: a day of a busy
// cell, and the printer may be gone tomorrow.
const DefaultLogRows = 72

// Source is what the kit is read from besides the record.
type Source struct {
	Org  draft.Org
	Set  *playbook.Set // the playbooks loaded; nil prints no role tasks
	Now  time.Time
	Loc  *time.Location
	Lang locale.Lang
}

// Read reads the kit of crisis id (0: the kit of no crisis) from the
// record.
func Read(tx crisis.Tx, id int64, src Source) (*Kit, error) {
	k := &Kit{Org: src.Org, Now: src.Now, Loc: src.Loc, Lang: src.Lang, LogRows: DefaultLogRows}
	if k.Loc == nil {
		k.Loc = time.UTC
	}
	added, err := tx.Contacts()
	if err != nil {
		return nil, fmt.Errorf("read the directory: %w", err)
	}
	k.Directory = contacts.Directory(src.Org.Contacts, added)
	if k.Members, err = tx.Members(); err != nil {
		return nil, fmt.Errorf("read the members: %w", err)
	}
	var attached []string
	if id != 0 {
		c, err := tx.Crisis(id)
		if errors.Is(err, crisis.ErrNotFound) {
			return nil, locale.Errorf(crisis.ErrNotFound, "paper.err.crisis", id)
		} else if err != nil {
			return nil, err
		}
		k.Crisis = &c
		if attached, err = tx.Playbooks(id); err != nil {
			return nil, err
		}
		if k.Roles, err = tx.Roles(id); err != nil {
			return nil, err
		}
		if k.Tasks, err = tx.Tasks(id, crisis.TaskFilter{}); err != nil {
			return nil, err
		}
		if k.Services, err = tx.Services(id); err != nil {
			return nil, err
		}
		facts, err := tx.Facts(id)
		if err != nil {
			return nil, err
		}
		k.Facts = make(map[string]string, len(facts))
		for _, f := range facts {
			k.Facts[f.Name] = f.Value
		}
	}
	if src.Set != nil {
		for _, pid := range attached {
			// A playbook removed from disk since it was attached has
			// nothing left to print; its tasks are on the board.
			if p, ok := src.Set.Get(pid); ok {
				k.Playbooks = append(k.Playbooks, p)
			}
		}
		if len(k.Playbooks) == 0 {
			k.Playbooks, k.FellBack = src.Set.List(), true
		}
	}
	return k, nil
}

// FileName is the kit's file: paper-kit-<crisis>.pdf, or paper-kit.pdf for
// the kit of no crisis.
func (k *Kit) FileName() string {
	if k.Crisis == nil {
		return "paper-kit.pdf"
	}
	return fmt.Sprintf("paper-kit-%d.pdf", k.Crisis.ID)
}

// PDF renders the kit with the documents' PDF renderer.
func (k *Kit) PDF() ([]byte, error) {
	title := k.T("paper.title")
	if k.Crisis != nil {
		title += " — " + k.T("paper.cover.crisis", k.Crisis.ID, k.Crisis.Title, k.T("crisis.state."+string(k.Crisis.State)))
	}
	return draft.RenderPDF(draft.PDFDoc{
		Title: title, Author: k.Org.Name, Subject: k.T("paper.title"), Date: k.Now, Lang: k.Lang,
	}, k.Markdown())
}

// T is a catalogue message in the kit's language.
func (k *Kit) T(key string, args ...any) string { return locale.T(k.Lang, key, args...) }

// time shows t as the cell reads it, in the kit's zone.
func (k *Kit) time(t time.Time) string { return locale.FormatTime(t, k.Loc, k.Lang) }
