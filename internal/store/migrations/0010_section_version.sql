-- One version number for the lists the board shows beside the tasks and
-- the log (issue 12): drafts and their texts, roles, services, contacts,
-- indicators, evidence, corrections, facts. Every row written to them
-- moves it on in the same transaction, so a read-only transaction may take
-- the lists a reader at the same version read before it
-- (store/sectioncache.go): every /crisis status and every redraw of the
-- board read eight lists that change a few times an hour.

CREATE TABLE section_version (
    id      INTEGER PRIMARY KEY CHECK (id = 0),
    version INTEGER NOT NULL
);
INSERT INTO section_version (id, version) VALUES (0, 0);

CREATE TRIGGER drafts_section_insert AFTER INSERT ON drafts BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER drafts_section_update AFTER UPDATE ON drafts BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER drafts_section_delete AFTER DELETE ON drafts BEGIN
    UPDATE section_version SET version = version + 1;
END;

CREATE TRIGGER draft_versions_section_insert AFTER INSERT ON draft_versions BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER draft_versions_section_update AFTER UPDATE ON draft_versions BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER draft_versions_section_delete AFTER DELETE ON draft_versions BEGIN
    UPDATE section_version SET version = version + 1;
END;

CREATE TRIGGER crisis_roles_section_insert AFTER INSERT ON crisis_roles BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER crisis_roles_section_update AFTER UPDATE ON crisis_roles BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER crisis_roles_section_delete AFTER DELETE ON crisis_roles BEGIN
    UPDATE section_version SET version = version + 1;
END;

CREATE TRIGGER services_section_insert AFTER INSERT ON services BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER services_section_update AFTER UPDATE ON services BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER services_section_delete AFTER DELETE ON services BEGIN
    UPDATE section_version SET version = version + 1;
END;

CREATE TRIGGER contacts_section_insert AFTER INSERT ON contacts BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER contacts_section_update AFTER UPDATE ON contacts BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER contacts_section_delete AFTER DELETE ON contacts BEGIN
    UPDATE section_version SET version = version + 1;
END;

CREATE TRIGGER indicators_section_insert AFTER INSERT ON indicators BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER indicators_section_update AFTER UPDATE ON indicators BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER indicators_section_delete AFTER DELETE ON indicators BEGIN
    UPDATE section_version SET version = version + 1;
END;

CREATE TRIGGER evidence_section_insert AFTER INSERT ON evidence BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER evidence_section_update AFTER UPDATE ON evidence BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER evidence_section_delete AFTER DELETE ON evidence BEGIN
    UPDATE section_version SET version = version + 1;
END;

CREATE TRIGGER corrections_section_insert AFTER INSERT ON corrections BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER corrections_section_update AFTER UPDATE ON corrections BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER corrections_section_delete AFTER DELETE ON corrections BEGIN
    UPDATE section_version SET version = version + 1;
END;

CREATE TRIGGER facts_section_insert AFTER INSERT ON facts BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER facts_section_update AFTER UPDATE ON facts BEGIN
    UPDATE section_version SET version = version + 1;
END;
CREATE TRIGGER facts_section_delete AFTER DELETE ON facts BEGIN
    UPDATE section_version SET version = version + 1;
END;
