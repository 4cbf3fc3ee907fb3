package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// The record cache (recordcache.go) must never show a transaction other
// crises, members or playbooks than its own snapshot holds. Each story
// below is a way the copy in memory could go stale; each read is compared
// with the rows themselves, read around the store.

var recordAt = time.Date(2022, 9, 26, 16, 5, 0, 0, time.UTC)

// recordFixture: two crises (the second in channel "salon"), two members.
func recordFixture(t *testing.T, path string) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
		for _, c := range []crisis.Crisis{{Title: "Intrusion"}, {Title: "Rançongiciel", Channel: "salon"}} {
			c.State, c.OpenedAt, c.OpenedBy = crisis.Open, recordAt, "dsi"
			if err := tx.CreateCrisis(&c); err != nil {
				return err
			}
		}
		for _, m := range []crisis.Member{{ID: "dsi", Name: "DSI"}, {ID: "dgs", Name: "DGS"}} {
			m.Capabilities, m.CreatedAt = []crisis.Capability{crisis.CapMember}, recordAt
			if err := tx.AddMember(m); err != nil {
				return err
			}
		}
		return tx.AttachPlaybook(1, "rancongiciel")
	}))
	return db
}

// recordRows reads the three tables straight from the database.
func recordRows(t *testing.T, db *store.DB) []string {
	t.Helper()
	var out []string
	read := func(q string, n int) {
		rows, err := db.SQL().Query(q)
		require.NoError(t, err)
		defer rows.Close()
		for rows.Next() {
			vals := make([]any, n)
			ptrs := make([]any, n)
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			require.NoError(t, rows.Scan(ptrs...))
			out = append(out, strings.TrimSpace(fmt.Sprintln(vals...)))
		}
		require.NoError(t, rows.Err())
	}
	read(`SELECT 'crisis', id, title, state, channel, log_head FROM crises ORDER BY id`, 6)
	read(`SELECT 'member', id, name, capabilities, phone FROM members ORDER BY id`, 5)
	read(`SELECT 'playbook', crisis_id, playbook FROM crisis_playbooks ORDER BY crisis_id, rowid`, 3)
	return out
}

// recordRead reads the same through the store, every way it offers. It
// may run inside a write: it asserts, and never stops the test there (the
// writer would be held for good).
func recordRead(t *testing.T, tx crisis.Tx) []string {
	t.Helper()
	var out []string
	crises, err := tx.Crises()
	if !assert.NoError(t, err) {
		return nil
	}
	for _, c := range crises {
		out = append(out, fmt.Sprintln("crisis", c.ID, c.Title, string(c.State), c.Channel, c.LogHead))
		one, err := tx.Crisis(c.ID)
		if !assert.NoError(t, err) {
			return nil
		}
		assert.Equal(t, c, one, "Crisis(%d) and Crises() disagree", c.ID)
		if c.Channel != "" {
			byChannel, err := tx.CrisisByChannel(c.Channel)
			if !assert.NoError(t, err) {
				return nil
			}
			assert.Equal(t, c.Channel, byChannel.Channel)
		}
	}
	if len(crises) > 0 {
		latest, err := tx.LatestCrisis()
		if !assert.NoError(t, err) {
			return nil
		}
		assert.Equal(t, crises[len(crises)-1], latest)
	}
	members, err := tx.Members()
	if !assert.NoError(t, err) {
		return nil
	}
	for _, m := range members {
		caps := make([]string, len(m.Capabilities))
		for i, c := range m.Capabilities {
			caps[i] = string(c)
		}
		out = append(out, fmt.Sprintln("member", m.ID, m.Name, strings.Join(caps, ","), m.Phone))
		one, err := tx.Member(m.ID)
		if !assert.NoError(t, err) {
			return nil
		}
		assert.Equal(t, m, one, "Member(%s) and Members() disagree", m.ID)
	}
	n, err := tx.CountMembers()
	if !assert.NoError(t, err) {
		return nil
	}
	assert.Equal(t, len(members), n)
	for _, c := range crises {
		pbs, err := tx.Playbooks(c.ID)
		if !assert.NoError(t, err) {
			return nil
		}
		for _, p := range pbs {
			out = append(out, fmt.Sprintln("playbook", c.ID, p))
		}
	}
	for i := range out {
		out[i] = strings.TrimSpace(out[i])
	}
	return out
}

func viewRecord(t *testing.T, db *store.DB) []string {
	t.Helper()
	var out []string
	require.NoError(t, db.View(context.Background(), func(tx crisis.Tx) error {
		out = recordRead(t, tx)
		return nil
	}))
	return out
}

func logTo(tx crisis.Tx, crisisID int64, text string) error {
	c, err := tx.Crisis(crisisID)
	if err != nil {
		return err
	}
	_, err = crisis.NewOp(tx, recordAt, crisis.Member{ID: "dsi"}, nil).Log(c, crisis.LogNote, recordAt, text)
	return err
}

// twoHandles opens the record fixture twice, as two processes would.
func twoHandles(t *testing.T) (one, two *store.DB) {
	path := filepath.Join(t.TempDir(), "t.db")
	one = recordFixture(t, path)
	two, err := store.Open(context.Background(), path)
	require.NoError(t, err)
	t.Cleanup(func() { two.Close() })
	return one, two
}

// assertChainsHold verifies every crisis's log chain, up to its head.
func assertChainsHold(t *testing.T, db *store.DB) {
	t.Helper()
	reports, err := crisis.VerifyLogs(context.Background(), db, 0)
	require.NoError(t, err)
	for _, r := range reports {
		assert.NoError(t, r.Err, "chain of crisis %d", r.Crisis.ID)
	}
}

func TestRecordCacheSeesAnotherProcessWrite(t *testing.T) {
	ctx := context.Background()
	one, two := twoHandles(t)

	require.Equal(t, recordRows(t, one), viewRecord(t, one)) // one keeps them
	require.NoError(t, two.Update(ctx, func(tx crisis.Tx) error {
		m, err := tx.Member("dgs")
		if err != nil {
			return err
		}
		m.Capabilities = append(m.Capabilities, crisis.CapDirector)
		if err := tx.UpdateMember(m); err != nil {
			return err
		}
		return logTo(tx, 2, "écrit par l'autre processus")
	}))
	got := viewRecord(t, one)
	assert.Equal(t, recordRows(t, one), got, "one must see two's writes")
	assert.Contains(t, got, "member dgs DGS member,director")
	// one's own /log after two's: chained to two's entry, its head seen.
	require.NoError(t, one.Update(ctx, func(tx crisis.Tx) error { return logTo(tx, 2, "de retour") }))
	assert.Equal(t, recordRows(t, two), viewRecord(t, two))
	assert.Equal(t, recordRows(t, one), viewRecord(t, one))
	assertChainsHold(t, one)
}

// TestRecordCacheSeesAnotherProcessHead: a /log moves its crisis's head
// and not the record's version, so a handle keeping the record in memory
// must still see the head another process moved, and chain to it.
func TestRecordCacheSeesAnotherProcessHead(t *testing.T) {
	ctx := context.Background()
	one, two := twoHandles(t)

	for i := 0; i < 3; i++ {
		require.NoError(t, one.Update(ctx, func(tx crisis.Tx) error { return logTo(tx, 1, "un") }))
		require.Equal(t, recordRows(t, one), viewRecord(t, one))
		require.NoError(t, two.Update(ctx, func(tx crisis.Tx) error { return logTo(tx, 1, "deux") }))
		assert.Equal(t, recordRows(t, one), viewRecord(t, one), "one sees two's head, round %d", i+1)
		assert.Equal(t, recordRows(t, two), viewRecord(t, two))
	}
	assertChainsHold(t, one)
}

func TestRecordCacheSeesRowsChangedAroundTheStore(t *testing.T) {
	db := recordFixture(t, filepath.Join(t.TempDir(), "t.db"))
	require.Equal(t, recordRows(t, db), viewRecord(t, db))
	for _, q := range []string{
		`UPDATE crises SET title = 'Intrusion (corrigé)' WHERE id = 1`,
		`UPDATE members SET phone = '02 31 00 00 00' WHERE id = 'dsi'`,
		`INSERT INTO crisis_playbooks (crisis_id, playbook) VALUES (2, 'messagerie')`,
		`DELETE FROM members WHERE id = 'dgs'`,
	} {
		_, err := db.SQL().Exec(q)
		require.NoError(t, err, q)
		assert.Equal(t, recordRows(t, db), viewRecord(t, db), q)
	}
	// A trigger of someone else's changes a crisis in the same transaction
	// as a /log moves its head: the record's version moves with it, and
	// the next reader reads the tables again.
	_, err := db.SQL().Exec(`CREATE TRIGGER stamp AFTER INSERT ON log_entries BEGIN
		UPDATE crises SET summary = 'vu' WHERE id = NEW.crisis_id; END`)
	require.NoError(t, err)
	require.NoError(t, db.Update(context.Background(), func(tx crisis.Tx) error { return logTo(tx, 1, "note") }))
	var got crisis.Crisis
	require.NoError(t, db.View(context.Background(), func(tx crisis.Tx) (err error) {
		got, err = tx.Crisis(1)
		return err
	}))
	assert.Equal(t, "vu", got.Summary)
	assert.Equal(t, recordRows(t, db), viewRecord(t, db))
	// The /logs after that one, the trigger gone, move heads alone: the
	// set read again is kept, each reader seeing the heads as they are.
	_, err = db.SQL().Exec(`DROP TRIGGER stamp`)
	require.NoError(t, err)
	for i := 0; i < 2; i++ {
		require.NoError(t, db.Update(context.Background(), func(tx crisis.Tx) error { return logTo(tx, 1, "note") }))
		assert.Equal(t, recordRows(t, db), viewRecord(t, db), "after /log %d", i+1)
	}
}

// TestRecordCacheHeadChangedByHand: a log head is read with the versions,
// folded into text; one changed by hand into something that is not a
// hash, separators included, is still shown as the row holds it.
func TestRecordCacheHeadChangedByHand(t *testing.T) {
	db := recordFixture(t, filepath.Join(t.TempDir(), "t.db"))
	require.Equal(t, recordRows(t, db), viewRecord(t, db))
	for _, head := range []string{"forgé, 2 faux", "1 2,3 4", "ABCDEF", ""} {
		_, err := db.SQL().Exec(`UPDATE crises SET log_head = ? WHERE id = 1`, head)
		require.NoError(t, err)
		assert.Equal(t, recordRows(t, db), viewRecord(t, db), "head %q", head)
	}
}

// TestRecordCacheInsideAWrite: a write transaction reads what it wrote,
// and what it undid is gone for everyone after.
func TestRecordCacheInsideAWrite(t *testing.T) {
	ctx := context.Background()
	db := recordFixture(t, filepath.Join(t.TempDir(), "t.db"))
	before := viewRecord(t, db)
	errUndo := errors.New("undo")
	// Asserts only, inside the write: stopping the test there would hold
	// the writer for good.
	require.ErrorIs(t, db.Update(ctx, func(tx crisis.Tx) error {
		assert.NoError(t, logTo(tx, 1, "note"))
		c, err := tx.Crisis(1)
		assert.NoError(t, err)
		assert.NotEmpty(t, c.LogHead, "the head this transaction moved")
		byChannel, err := tx.CrisisByChannel("salon")
		assert.NoError(t, err)
		assert.Empty(t, byChannel.LogHead, "crisis 2 has no entry")
		assert.NoError(t, tx.SaveMember(crisis.Member{ID: "mairie", Name: "Maire", CreatedAt: recordAt}))
		m, err := tx.Member("mairie")
		assert.NoError(t, err)
		assert.Equal(t, "Maire", m.Name)
		assert.NoError(t, tx.AttachPlaybook(2, "messagerie"))
		pbs, err := tx.Playbooks(2)
		assert.NoError(t, err)
		assert.Equal(t, []string{"messagerie"}, pbs)
		return errUndo
	}), errUndo)
	assert.Equal(t, before, viewRecord(t, db))
	assert.Equal(t, recordRows(t, db), viewRecord(t, db))
}

func TestRecordCacheHandsOutCopies(t *testing.T) {
	db := recordFixture(t, filepath.Join(t.TempDir(), "t.db"))
	require.NoError(t, db.View(context.Background(), func(tx crisis.Tx) error {
		m, err := tx.Member("dsi")
		require.NoError(t, err)
		m.Capabilities[0] = crisis.CapDirector
		ms, err := tx.Members()
		require.NoError(t, err)
		ms[0].Capabilities[0] = crisis.CapDirector
		pbs, err := tx.Playbooks(1)
		require.NoError(t, err)
		pbs[0] = "changé"
		return nil
	}))
	assert.Equal(t, recordRows(t, db), viewRecord(t, db))
}

// TestRecordCacheAgreesWithTheRows runs random writes (through the store,
// several queued at once and committed together, some rolled back, some
// around the store) and compares every way of reading with the tables.
func TestRecordCacheAgreesWithTheRows(t *testing.T) {
	ctx := context.Background()
	db := recordFixture(t, filepath.Join(t.TempDir(), "t.db"))
	r := rand.New(rand.NewPCG(26, 2022))
	fail := errors.New("refused")
	for i := 0; i < 200; i++ {
		crisisID := int64(1 + r.IntN(2))
		switch r.IntN(7) {
		case 0, 1:
			require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error { return logTo(tx, crisisID, fmt.Sprintf("note %d", i)) }))
		case 2:
			// Several writers at once: the group commit runs them in one
			// transaction, one savepoint each; the refused ones are undone.
			var wg sync.WaitGroup
			for w := 0; w < 4; w++ {
				refuse := r.IntN(3) == 0
				wg.Add(1)
				go func() {
					defer wg.Done()
					err := db.Update(ctx, func(tx crisis.Tx) error {
						if err := logTo(tx, int64(1+w%2), fmt.Sprintf("note %d.%d", i, w)); err != nil {
							return err
						}
						if refuse {
							return fail
						}
						return nil
					})
					if !refuse {
						assert.NoError(t, err)
					}
				}()
			}
			wg.Wait()
		case 3:
			require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
				c, err := tx.Crisis(crisisID)
				if err != nil {
					return err
				}
				c.Title = fmt.Sprintf("Crise %d", i)
				if err := tx.UpdateCrisis(c); err != nil {
					return err
				}
				return logTo(tx, crisisID, "titre changé")
			}))
		case 4:
			require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
				return tx.SaveMember(crisis.Member{ID: fmt.Sprintf("m%d", r.IntN(4)), Name: fmt.Sprintf("Membre %d", i), CreatedAt: recordAt})
			}))
		case 5:
			_, err := db.SQL().Exec(`UPDATE crises SET summary = ?, title = title || '.' WHERE id = ?`, fmt.Sprint(i), crisisID)
			require.NoError(t, err)
		default:
			_ = db.Update(ctx, func(tx crisis.Tx) error {
				_ = logTo(tx, crisisID, "annulée")
				_ = tx.AttachPlaybook(crisisID, "annulé")
				return fail
			})
		}
		want := recordRows(t, db)
		require.Equal(t, want, viewRecord(t, db), "step %d", i)
		require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
			assert.Equal(t, want, recordRead(t, tx), "step %d, inside a write", i)
			return nil
		}))
	}
	assertChainsHold(t, db)
}

// TestCachesForgetAFailedCommit: the sets a commit makes reach the caches
// before COMMIT (a reader beginning just after it finds them); when COMMIT
// fails, here on a deferred foreign key, they are taken back, and the next
// commit, of the same version number, is the one readers see.
func TestCachesForgetAFailedCommit(t *testing.T) {
	ctx := context.Background()
	db := recordFixture(t, filepath.Join(t.TempDir(), "t.db"))
	for _, q := range []string{
		`CREATE TABLE trap (ref INTEGER REFERENCES crises(id) DEFERRABLE INITIALLY DEFERRED)`,
		`CREATE TRIGGER trap_task AFTER INSERT ON tasks WHEN NEW.title = 'piège' BEGIN INSERT INTO trap VALUES (999); END`,
		`CREATE TRIGGER trap_log AFTER INSERT ON log_entries WHEN NEW.text = 'piège' BEGIN INSERT INTO trap VALUES (999); END`,
	} {
		_, err := db.SQL().Exec(q)
		require.NoError(t, err, q)
	}
	addTask := func(title string) error {
		return db.Update(ctx, func(tx crisis.Tx) error {
			return tx.CreateTask(&crisis.Task{CrisisID: 1, Title: title, State: crisis.TaskOpen, CreatedAt: recordAt})
		})
	}
	require.NoError(t, addTask("avant"))
	require.Equal(t, rowsOf(t, db, 1), listed(t, db, 1)) // the cache holds the crisis's tasks
	require.Error(t, addTask("piège"), "the commit must fail")
	require.NoError(t, addTask("après"))
	assert.Equal(t, rowsOf(t, db, 1), listed(t, db, 1))
	assert.NotContains(t, strings.Join(listed(t, db, 1), "|"), "piège")

	require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error { return logTo(tx, 1, "avant") }))
	require.Equal(t, recordRows(t, db), viewRecord(t, db))
	require.Error(t, db.Update(ctx, func(tx crisis.Tx) error { return logTo(tx, 1, "piège") }), "the commit must fail")
	require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error { return logTo(tx, 1, "après") }))
	assert.Equal(t, recordRows(t, db), viewRecord(t, db))
	reports, err := crisis.VerifyLogs(ctx, db, 1)
	require.NoError(t, err)
	require.Len(t, reports, 1)
	assert.NoError(t, reports[0].Err)
}
