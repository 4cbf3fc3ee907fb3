-- Drafted documents and every version of each: an edit adds a version, it
-- never overwrites one.

CREATE TABLE drafts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    crisis_id   INTEGER NOT NULL REFERENCES crises (id),
    kind        TEXT NOT NULL CHECK (kind IN ('status', 'complaint', 'breach', 'report')),
    audience    TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL CHECK (state IN ('proposed', 'approved', 'rejected')),
    task_id     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    decided_at  TEXT NOT NULL DEFAULT '',
    decided_by  TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX drafts_crisis ON drafts (crisis_id, state);

CREATE TABLE draft_versions (
    draft_id   INTEGER NOT NULL REFERENCES drafts (id),
    version    INTEGER NOT NULL,
    body       TEXT NOT NULL,
    flags      TEXT NOT NULL DEFAULT '[]', -- JSON: what the fact check found
    source     TEXT NOT NULL,              -- template, llm, or why the template stood in
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (draft_id, version)
);
