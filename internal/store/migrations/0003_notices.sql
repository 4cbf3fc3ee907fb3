-- Reminders and overdue notices the scheduler has sent (or passed over).
-- A row is written before the notice goes out, so a restart never sends it
-- again: the key is the task, the kind of notice and the time it was due.

CREATE TABLE notices (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    crisis_id  INTEGER NOT NULL REFERENCES crises (id),
    task_id    INTEGER NOT NULL REFERENCES tasks (id),
    kind       TEXT NOT NULL,
    due_at     TEXT NOT NULL,
    sent_at    TEXT NOT NULL,
    recipients TEXT NOT NULL DEFAULT '', -- comma-separated member IDs
    skipped    INTEGER NOT NULL DEFAULT 0, -- superseded by a later notice while nobody was running
    UNIQUE (task_id, kind, due_at)
);
