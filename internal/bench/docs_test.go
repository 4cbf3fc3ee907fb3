package bench

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// median runs f n times and returns its median duration.
func median(b *testing.B, n int, f func() error) time.Duration {
	var ds []time.Duration
	for i := 0; i < n; i++ {
		start := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// documentRows measures the playbook check, the complaint file and the
// board as the record grows. Each floor is the store or the parser alone:
// reading the same rows, decoding the same YAML.
func documentRows(b *testing.B) []row {
	rows := []row{playbookRow(b)}
	for _, n := range []int{1000, 10000, 100000} {
		rows = append(rows, crisisRows(b, n)...)
	}
	return rows
}

// longPlaybook is a playbook of n steps, each needing the one before.
func longPlaybook(n int) []byte {
	var s strings.Builder
	s.WriteString("id: long\ntitle: Long\ndescription: Un long plan.\nroles:\n  - id: dsi\n    name: DSI\n    description: Agit.\nsteps:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&s, "  - id: s%04d\n    title: Étape %d\n    role: dsi\n    due: 30m\n    instructions: Faire l'étape %d.\n", i, i, i)
		if i > 0 {
			fmt.Fprintf(&s, "    needs: [s%04d]\n", i-1)
		}
	}
	return []byte(s.String())
}

func playbookRow(b *testing.B) row {
	data := longPlaybook(1000)
	got := median(b, 7, func() error { _, err := playbook.Parse("long.yaml", data); return err })
	floor := median(b, 7, func() error { var v any; return yaml.Unmarshal(data, &v) })
	return row{what: "1,000-step playbook validated", value: ms(got), floor: ms(floor) + " (yaml decode)",
		ratio: ratio(float64(got), float64(floor)), target: "< 50 ms"}
}

// crisisRows fills a crisis with entries log entries and 1,000 tasks, then
// times the complaint file (Markdown, PDF) and the board.
func crisisRows(b *testing.B, entries int) []row {
	ctx := context.Background()
	env, db := filledCrisis(b, entries)

	var body string
	markdown := median(b, 3, func() error {
		var s *draft.Sheet
		err := db.View(ctx, func(tx crisis.Tx) error {
			c, err := tx.Crisis(1)
			if err == nil {
				s, err = draft.BuildSheet(tx, c, env.Org, benchNow, time.UTC, locale.FR)
			}
			return err
		})
		if err != nil {
			return err
		}
		res, err := (&draft.Drafter{}).Draft(ctx, crisis.DraftComplaint, s, "", "")
		body = res.Body
		return err
	})
	readLog := median(b, 3, func() error {
		return db.View(ctx, func(tx crisis.Tx) error { _, err := tx.Log(1); return err })
	})
	pdf := median(b, 3, func() error { _, err := draft.PDF("Plainte", body); return err })
	board := median(b, 5, func() error { _, err := env.BoardView(ctx, 1, locale.FR, 2000); return err })
	// The floor reads the tasks' rows with database/sql alone: the store
	// keeps them in memory between writes (store/taskcache.go), which is
	// the board's doing, not the library's.
	readTasks := median(b, 5, func() error { return readRows(ctx, db, `SELECT * FROM tasks WHERE crisis_id = 1 ORDER BY id`) })
	k := fmt.Sprintf("%dk entries", entries/1000)
	target := func(t string) string {
		if entries == 10000 {
			return t
		}
		return "linear"
	}
	return []row{
		{what: "complaint Markdown, " + k, value: ms(markdown), floor: ms(readLog) + " (read log)", ratio: ratio(float64(markdown), float64(readLog)), target: target("< 200 ms")},
		{what: "complaint PDF, " + k, value: ms(pdf), floor: "—", ratio: "—", target: target("< 2 s")},
		{what: "board, 1,000 tasks, " + k, value: ms(board), floor: ms(readTasks) + " (read tasks, SQL)", ratio: ratio(float64(board), float64(readTasks)), target: "< 20 ms"},
	}
}

// filledCrisis opens a crisis holding entries log entries and 1,000 tasks.
func filledCrisis(b *testing.B, entries int) (*command.Env, *store.DB) {
	ctx := context.Background()
	env, db := newEnv(b, b.TempDir())
	err := db.Update(ctx, func(tx crisis.Tx) error {
		actor, err := tx.Member("dsi")
		if err != nil {
			return err
		}
		op := crisis.NewOp(tx, benchNow, actor, nil)
		c, err := tx.Crisis(1)
		if err != nil {
			return err
		}
		for i := 0; i < entries; i++ {
			if _, err := op.Log(c, crisis.LogNote, benchNow.Add(time.Duration(i)*time.Second), fmt.Sprintf("Constat n° %d : serveur de fichiers %d injoignable", i, i%50)); err != nil {
				return err
			}
		}
		for i := 0; i < 1000; i++ {
			if _, err := op.AddTask(c, crisis.TaskInput{Title: fmt.Sprintf("Tâche %d", i), Due: benchNow.Add(time.Duration(i) * time.Minute)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return env, db
}

// readRows reads every column of every row a query selects, as bytes.
func readRows(ctx context.Context, db *store.DB, query string) error {
	rows, err := db.SQL().QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]sql.RawBytes, len(cols))
	dest := make([]any, len(cols))
	for i := range vals {
		dest[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
	}
	return rows.Err()
}
