-- A crisis's log head moves with each entry, and nothing else of the
-- record does (issue 12). Every /log wrote it in a statement of its own,
-- and the update moved the record's version (migration 0009), so the
-- crises, members and playbooks kept in memory were set aside and handed
-- on again at each entry: two statements and one page more to sync than
-- the entry itself.
--
-- Now the insert's trigger moves the head, in the same statement: the
-- head is the anchor that shows a removed last entry, so no entry is
-- written without it, whoever inserts it. And the record's version moves
-- with every column of a crisis but its log head: a transaction reads the
-- heads with the versions (store/recordcache.go), never from memory.
CREATE TRIGGER log_entries_head AFTER INSERT ON log_entries BEGIN
    UPDATE crises SET log_head = NEW.hash WHERE id = NEW.crisis_id;
END;

DROP TRIGGER crises_version_update;
CREATE TRIGGER crises_version_update
AFTER UPDATE OF id, title, severity, state, opened_at, opened_by, detected_at, started_at, closed_at, summary, channel ON crises BEGIN
    UPDATE record_version SET version = version + 1;
END;
