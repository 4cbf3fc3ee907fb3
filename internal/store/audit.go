package store

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// Audit records a command in the audit trail, in its own transaction. When
// the database cannot take it (a full disk), the entry is logged and held in
// memory, then written before anything else by the next write that
// succeeds, or by Close: the trail keeps its order and loses nothing.
func (s *DB) Audit(ctx context.Context, e crisis.AuditEntry) error {
	r := &writeReq{ctx: ctx, fn: func(t *tx) error { return t.insertAudit(e) }, audit: &e}
	err := s.submit(r)
	switch {
	case err == nil:
		return nil
	case r.held:
		s.log.Error("audit entry held in memory until the database takes a write", append(auditAttrs(e), slog.Any("err", err))...)
		return fmt.Errorf("write audit entry (held in memory, written with the next successful write): %w", err)
	default:
		s.log.Error("audit entry not written", append(auditAttrs(e), slog.Any("err", err))...)
		return err
	}
}

// Audit adds the entry in the transaction: kept only if it commits.
func (t *tx) Audit(e crisis.AuditEntry) error { return t.insertAudit(e) }

func (t *tx) insertAudit(e crisis.AuditEntry) error {
	_, err := t.tx.Exec(
		`INSERT INTO audit (at, actor, crisis_id, command, outcome, detail, source) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		fmtTime(e.At), e.Actor, e.CrisisID, e.Command, e.Outcome, e.Detail, e.Source)
	if err != nil {
		return fmt.Errorf("write audit entry: %w", err)
	}
	return nil
}

// auditAttrs is an audit entry as log attributes, so a held entry can be
// rebuilt from the logs if the process dies before writing it.
func auditAttrs(e crisis.AuditEntry) []any {
	return []any{
		slog.Time("at", e.At), slog.String("actor", e.Actor), slog.Int64("crisis", e.CrisisID),
		slog.String("command", e.Command), slog.String("outcome", e.Outcome),
		slog.String("detail", e.Detail), slog.String("source", e.Source),
	}
}

// AuditTrail returns the audit entries, oldest first.
func (s *DB) AuditTrail(ctx context.Context) ([]crisis.AuditEntry, error) {
	rows, err := s.readers.QueryContext(ctx, `SELECT id, at, actor, crisis_id, command, outcome, detail, source FROM audit ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read audit trail: %w", err)
	}
	defer rows.Close()
	var out []crisis.AuditEntry
	for rows.Next() {
		var e crisis.AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.CrisisID, &e.Command, &e.Outcome, &e.Detail, &e.Source); err != nil {
			return nil, fmt.Errorf("read audit trail: %w", err)
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
