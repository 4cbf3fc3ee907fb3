package store

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// The crises, the members and the playbooks attached to each crisis, kept
// in memory at the version the database gives them (migration 0009: every
// row written to the three moves one version on, in the writing
// transaction). Every command first finds its member and its crisis, and
// the board and the mirror read them again: four reads of one row each in
// every interaction, the first of them paying for the read snapshot.
//
// A transaction reads the version once, with the task versions and the
// crises' log heads (one query), and takes the set kept at that version;
// a set at any other version is not trusted, and the three tables are
// read again. A crisis's log head moves with every entry and does not
// move the version (migration 0011): a set holds no heads, and each crisis
// it hands out carries the head its transaction read, or moved. So a burst
// of /log and task events never sets the three tables aside. Any other
// write to the three (a crisis opened or closed, a member changed) leaves
// its transaction reading the rows, and the next reader reads the tables
// again.

// recordSet is the three tables at one version. Never changed once kept:
// readers walk it without a lock and copy what they hand out.
type recordSet struct {
	version   int64
	crises    []crisis.Crisis // by number, their log heads blank
	members   []crisis.Member // by ID, in the database's order
	byID      map[string]int  // index in members
	playbooks map[int64][]string
}

// recordCache keeps the last few sets, oldest first: a reader whose
// snapshot began just before a commit still finds its version.
type recordCache struct {
	mu   sync.Mutex
	sets []*recordSet
}

func (c *recordCache) get(version int64) *recordSet {
	c.mu.Lock()
	defer c.mu.Unlock()
	return findVersion(c.sets, version)
}

func (c *recordCache) keep(s *recordSet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sets = keepVersion(c.sets, s)
}

// drop takes back a set offered for a commit that failed.
func (c *recordCache) drop(s *recordSet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sets = slices.DeleteFunc(c.sets, func(k *recordSet) bool { return k == s })
}

// versioned is a set kept at one version: a crisis's tasks, the record,
// a crisis's board lists.
type versioned interface{ at() int64 }

func (s *taskSet) at() int64    { return s.version }
func (s *recordSet) at() int64  { return s.version }
func (s *sectionSet) at() int64 { return s.version }

// findVersion is the set of sets at version v; the zero S when none is.
func findVersion[S versioned](sets []S, v int64) S {
	for _, s := range sets {
		if s.at() == v {
			return s
		}
	}
	var none S
	return none
}

// keepVersion inserts s into sets, kept in version order, and drops the
// oldest beyond keptVersions; a set older than all those kept, or of a
// version already kept, is not added.
func keepVersion[S versioned](sets []S, s S) []S {
	v := s.at()
	i := len(sets)
	for i > 0 && sets[i-1].at() >= v {
		if sets[i-1].at() == v {
			return sets
		}
		i--
	}
	if i == 0 && len(sets) >= keptVersions {
		return sets
	}
	sets = slices.Insert(sets, i, s)
	if len(sets) > keptVersions {
		sets = sets[len(sets)-keptVersions:]
	}
	return sets
}

// recordTx is what a transaction knows of the record's version.
type recordTx struct {
	read bool  // the versions were read
	ok   bool  // the database has a record version (migration 0009)
	base int64 // the version read, before this transaction wrote to the three tables
	set  *recordSet
	// heads are the crises' log heads as this transaction sees them: read
	// with the versions, then moved by its own entries. A crisis of the
	// set is handed out with its head from here.
	heads map[int64]string
	// dirty: the transaction wrote the three tables otherwise (or before
	// it read the version); it reads the rows.
	dirty bool
}

func (r recordTx) clone() recordTx {
	r.heads = cloneMap(r.heads)
	return r
}

func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return nil
	}
	c := make(map[K]V, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// versions are what queryVersions reads.
type versions struct {
	record, sections int64
	tasks            map[int64]int64 // by crisis; a crisis missing has none (0)
	heads            map[int64]string
}

// queryVersions reads the record's version, the board lists', every
// crisis's task version and every crisis's log head in one statement; ok
// is false where the database has none (a copy made before migrations
// 0008 to 0010, opened read-only).
func (t *tx) queryVersions() (vs versions, ok bool) {
	// One row, the lists folded into text: each row more of a result is
	// a step through the driver, and this runs in every transaction.
	var tasks, heads string
	if err := t.tx.QueryRow(`SELECT (SELECT version FROM record_version), (SELECT version FROM section_version),
		(SELECT coalesce(group_concat(crisis_id || ' ' || version, ','), '') FROM task_versions),
		(SELECT coalesce(group_concat(id || ' ' || log_head, ','), '') FROM crises)`).Scan(&vs.record, &vs.sections, &tasks, &heads); err != nil {
		return vs, false
	}
	vs.tasks, vs.heads = map[int64]int64{}, map[int64]string{}
	ok = byCrisis(tasks, func(id int64, v string) bool {
		version, err := strconv.ParseInt(v, 10, 64)
		vs.tasks[id] = version
		return err == nil
	}) && byCrisis(heads, func(id int64, head string) bool {
		// A head is a hash in hex, or empty; one that is not (a row
		// changed by hand) could hide a separator: the rows are read.
		vs.heads[id] = head
		return isHex(head)
	})
	return vs, ok
}

// byCrisis walks a list queryVersions folded ("id value,id value"),
// false as soon as an item does not read.
func byCrisis(list string, f func(crisisID int64, value string) bool) bool {
	for item := range strings.SplitSeq(list, ",") {
		if item == "" {
			continue
		}
		id, value, _ := strings.Cut(item, " ")
		crisisID, err := strconv.ParseInt(id, 10, 64)
		if err != nil || !f(crisisID, value) {
			return false
		}
	}
	return true
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// readVersions reads the versions this transaction starts from.
func (t *tx) readVersions() {
	t.rec.read = true
	vs, ok := t.queryVersions()
	if !ok {
		return
	}
	t.rec.ok, t.rec.base, t.rec.heads, t.sections = true, vs.record, vs.heads, vs.sections
	t.versions, t.allVersions = vs.tasks, true
}

// records is the set this transaction reads the three tables from, nil
// when it must read the rows (a failure to load the set included: the
// rows' own read then says what is wrong).
func (t *tx) records() *recordSet {
	if t.rec.dirty || t.db == nil {
		return nil
	}
	if !t.rec.read {
		t.readVersions()
	}
	if !t.rec.ok {
		return nil
	}
	if t.rec.set != nil {
		return t.rec.set
	}
	if s := t.db.records.get(t.rec.base); s != nil {
		t.rec.set = s
		return s
	}
	s := t.loadRecords()
	if s == nil {
		t.rec.dirty = true
		return nil
	}
	t.db.records.keep(s)
	t.rec.set = s
	return s
}

// loadRecords reads the three tables; nil when the version they are at is
// not the base this transaction read (it wrote them meanwhile), or when
// they cannot be read.
func (t *tx) loadRecords() *recordSet {
	var v int64
	if err := t.tx.QueryRow(`SELECT version FROM record_version`).Scan(&v); err != nil || v != t.rec.base {
		return nil
	}
	s := &recordSet{version: v, byID: map[string]int{}, playbooks: map[int64][]string{}}
	var err error
	if s.crises, err = queryAll(t, "crises", scanCrisis, `SELECT `+crisisCols+` FROM crises ORDER BY id`); err != nil {
		return nil
	}
	for i := range s.crises {
		s.crises[i].LogHead = "" // read with the versions, by each transaction
	}
	if s.members, err = queryAll(t, "members", scanMember, `SELECT `+memberCols+` FROM members ORDER BY id`); err != nil {
		return nil
	}
	for i, m := range s.members {
		s.byID[m.ID] = i
	}
	type attached struct {
		crisis   int64
		playbook string
	}
	all, err := queryAll(t, "playbooks", func(sc scanner) (attached, error) {
		var a attached
		return a, sc.Scan(&a.crisis, &a.playbook)
	}, `SELECT crisis_id, playbook FROM crisis_playbooks ORDER BY rowid`)
	if err != nil {
		return nil
	}
	for _, a := range all {
		s.playbooks[a.crisis] = append(s.playbooks[a.crisis], a.playbook)
	}
	return s
}

// withHead is c, a crisis of the set, as this transaction sees it: with
// the log head it read with the versions, or moved since.
func (t *tx) withHead(c crisis.Crisis) crisis.Crisis {
	c.LogHead = t.rec.heads[c.ID]
	return c
}

// wroteRecord notes a write to the three tables other than a log head:
// from now on the transaction reads the rows.
func (t *tx) wroteRecord() { t.rec.dirty = true }
