-- The crisis record. Times are stored as RFC 3339 text in UTC, with
-- nanoseconds: readable in the sqlite3 shell, and exact, which the log's
-- hash chain needs.

CREATE TABLE members (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    capabilities TEXT NOT NULL,          -- comma-separated
    created_at   TEXT NOT NULL
);

CREATE TABLE crises (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT NOT NULL,
    severity    TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL CHECK (state IN ('open', 'closed')),
    opened_at   TEXT NOT NULL,
    opened_by   TEXT NOT NULL,
    detected_at TEXT NOT NULL DEFAULT '',
    started_at  TEXT NOT NULL DEFAULT '',
    closed_at   TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL DEFAULT '',
    channel     TEXT NOT NULL DEFAULT '',
    log_head    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX crises_channel ON crises (channel) WHERE channel <> '';

CREATE TABLE crisis_playbooks (
    crisis_id   INTEGER NOT NULL REFERENCES crises (id),
    playbook    TEXT NOT NULL,
    attached_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (crisis_id, playbook)
);

CREATE TABLE crisis_roles (
    crisis_id   INTEGER NOT NULL REFERENCES crises (id),
    role        TEXT NOT NULL,
    member_id   TEXT NOT NULL REFERENCES members (id),
    assigned_at TEXT NOT NULL,
    assigned_by TEXT NOT NULL,
    PRIMARY KEY (crisis_id, role, member_id)
);

CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    crisis_id    INTEGER NOT NULL REFERENCES crises (id),
    title        TEXT NOT NULL,
    instructions TEXT NOT NULL DEFAULT '',
    playbook     TEXT NOT NULL DEFAULT '',
    step_id      TEXT NOT NULL DEFAULT '',
    occurrence   INTEGER NOT NULL DEFAULT 0,
    role         TEXT NOT NULL DEFAULT '',
    owner        TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL CHECK (state IN ('open', 'taken', 'blocked', 'done')),
    due          TEXT NOT NULL DEFAULT '',
    checklist    TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    draft        TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    block_reason TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    done_at      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX tasks_crisis ON tasks (crisis_id, state);

CREATE TABLE log_entries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    crisis_id   INTEGER NOT NULL REFERENCES crises (id),
    seq         INTEGER NOT NULL,
    at          TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    author      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    text        TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    UNIQUE (crisis_id, seq)
);

CREATE TABLE indicators (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    crisis_id INTEGER NOT NULL REFERENCES crises (id),
    kind      TEXT NOT NULL,
    value     TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT '',
    added_at  TEXT NOT NULL,
    added_by  TEXT NOT NULL,
    UNIQUE (crisis_id, kind, value)
);

CREATE TABLE evidence (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    crisis_id INTEGER NOT NULL REFERENCES crises (id),
    item      TEXT NOT NULL,
    location  TEXT NOT NULL DEFAULT '',
    sha256    TEXT NOT NULL DEFAULT '',
    custodian TEXT NOT NULL,
    added_at  TEXT NOT NULL,
    added_by  TEXT NOT NULL
);

CREATE TABLE services (
    crisis_id  INTEGER NOT NULL REFERENCES crises (id),
    name       TEXT NOT NULL COLLATE NOCASE,
    status     TEXT NOT NULL CHECK (status IN ('up', 'degraded', 'down')),
    workaround TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (crisis_id, name)
);

CREATE TABLE facts (
    crisis_id INTEGER NOT NULL REFERENCES crises (id),
    name      TEXT NOT NULL,
    value     TEXT NOT NULL,
    set_at    TEXT NOT NULL,
    set_by    TEXT NOT NULL,
    PRIMARY KEY (crisis_id, name)
);

-- The audit trail: every command tried, refused and failed ones included.
-- Not tied to crises by a foreign key: a command may name a crisis that
-- does not exist, and that attempt must still be kept.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    crisis_id INTEGER NOT NULL DEFAULT 0,
    command   TEXT NOT NULL,
    outcome   TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT '',
    source    TEXT NOT NULL DEFAULT ''
);
