-- Corrections (issue 14): a correction never edits the past. Each is kept
-- here for good, beside the log entry that tells it, with what the record
-- held before, who corrected it and why. The tables of the record hold
-- what stands now; these hold how it came to.

CREATE TABLE corrections (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    crisis_id INTEGER NOT NULL REFERENCES crises (id),
    kind      TEXT NOT NULL CHECK (kind IN ('ioc_retract', 'service_rename', 'service_remove', 'fact_unset')),
    object    TEXT NOT NULL,             -- the indicator's number, the service's or fact's name as it was
    old_value TEXT NOT NULL DEFAULT '',  -- what the record held
    new_value TEXT NOT NULL DEFAULT '',  -- what it holds now; '' when removed
    reason    TEXT NOT NULL DEFAULT '',
    made_at   TEXT NOT NULL,
    made_by   TEXT NOT NULL             -- member ID
);
CREATE INDEX corrections_crisis ON corrections (crisis_id, kind);
-- An indicator is withdrawn once.
CREATE UNIQUE INDEX corrections_one_retraction ON corrections (crisis_id, object) WHERE kind = 'ioc_retract';

-- The chain of custody: the evidence row holds the first hands, each
-- transfer a further link, in order.
CREATE TABLE custody (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    crisis_id   INTEGER NOT NULL REFERENCES crises (id),
    evidence_id INTEGER NOT NULL REFERENCES evidence (id),
    custodian   TEXT NOT NULL,
    location    TEXT NOT NULL DEFAULT '',
    given_at    TEXT NOT NULL,
    given_by    TEXT NOT NULL           -- member ID who recorded the handover
);
CREATE INDEX custody_evidence ON custody (crisis_id, evidence_id);

-- Neither is ever rewritten.
CREATE TRIGGER corrections_kept_update BEFORE UPDATE ON corrections BEGIN SELECT RAISE(ABORT, 'corrections are kept as written'); END;
CREATE TRIGGER corrections_kept_delete BEFORE DELETE ON corrections BEGIN SELECT RAISE(ABORT, 'corrections are kept as written'); END;
CREATE TRIGGER custody_kept_update BEFORE UPDATE ON custody BEGIN SELECT RAISE(ABORT, 'the chain of custody is kept as written'); END;
CREATE TRIGGER custody_kept_delete BEFORE DELETE ON custody BEGIN SELECT RAISE(ABORT, 'the chain of custody is kept as written'); END;

-- A withdrawn indicator may be recorded again (the retraction was the
-- mistake): the same value is unique among the indicators that stand,
-- which the record checks, no longer among all. SQLite cannot drop a
-- table constraint, so the table is rebuilt, rows and numbers kept.
CREATE TABLE indicators_new (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    crisis_id INTEGER NOT NULL REFERENCES crises (id),
    kind      TEXT NOT NULL,
    value     TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT '',
    added_at  TEXT NOT NULL,
    added_by  TEXT NOT NULL
);
INSERT INTO indicators_new (id, crisis_id, kind, value, note, added_at, added_by)
    SELECT id, crisis_id, kind, value, note, added_at, added_by FROM indicators;
DROP TABLE indicators;
ALTER TABLE indicators_new RENAME TO indicators;
CREATE INDEX indicators_crisis ON indicators (crisis_id, kind, value);
