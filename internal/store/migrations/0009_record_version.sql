-- One version number for the small tables every command reads first: the
-- crises (log heads included), the members and the playbooks attached to
-- each crisis (issue 12). Every row written to them, by this program or
-- any other, moves it on in the same transaction, so a process may keep
-- the three in memory and trust them exactly as long as the version it
-- read them at is the one its transaction sees (store/recordcache.go).
-- Finding the member and the crisis of a command was four reads of one
-- row each, in every interaction.

CREATE TABLE record_version (
    id      INTEGER PRIMARY KEY CHECK (id = 0),
    version INTEGER NOT NULL
);
INSERT INTO record_version (id, version) VALUES (0, 0);

CREATE TRIGGER crises_version_insert AFTER INSERT ON crises BEGIN
    UPDATE record_version SET version = version + 1;
END;
CREATE TRIGGER crises_version_update AFTER UPDATE ON crises BEGIN
    UPDATE record_version SET version = version + 1;
END;
CREATE TRIGGER crises_version_delete AFTER DELETE ON crises BEGIN
    UPDATE record_version SET version = version + 1;
END;

CREATE TRIGGER members_version_insert AFTER INSERT ON members BEGIN
    UPDATE record_version SET version = version + 1;
END;
CREATE TRIGGER members_version_update AFTER UPDATE ON members BEGIN
    UPDATE record_version SET version = version + 1;
END;
CREATE TRIGGER members_version_delete AFTER DELETE ON members BEGIN
    UPDATE record_version SET version = version + 1;
END;

CREATE TRIGGER crisis_playbooks_version_insert AFTER INSERT ON crisis_playbooks BEGIN
    UPDATE record_version SET version = version + 1;
END;
CREATE TRIGGER crisis_playbooks_version_update AFTER UPDATE ON crisis_playbooks BEGIN
    UPDATE record_version SET version = version + 1;
END;
CREATE TRIGGER crisis_playbooks_version_delete AFTER DELETE ON crisis_playbooks BEGIN
    UPDATE record_version SET version = version + 1;
END;
