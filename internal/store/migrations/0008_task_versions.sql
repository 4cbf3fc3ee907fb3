-- A version number per crisis for its tasks (issue 12): every row written
-- to tasks, by this program or any other, moves it on, in the same
-- transaction. A process may then keep a crisis's tasks in memory and
-- trust them exactly as long as the version it read them at is the one
-- its transaction sees (store/taskcache.go): the board and the
-- autocomplete stop reading hundreds of rows on every interaction.

CREATE TABLE task_versions (
    crisis_id INTEGER PRIMARY KEY REFERENCES crises(id),
    version   INTEGER NOT NULL
);

CREATE TRIGGER tasks_version_insert AFTER INSERT ON tasks BEGIN
    INSERT OR IGNORE INTO task_versions (crisis_id, version) VALUES (NEW.crisis_id, 0);
    UPDATE task_versions SET version = version + 1 WHERE crisis_id = NEW.crisis_id;
END;

CREATE TRIGGER tasks_version_update AFTER UPDATE ON tasks BEGIN
    INSERT OR IGNORE INTO task_versions (crisis_id, version) VALUES (NEW.crisis_id, 0), (OLD.crisis_id, 0);
    UPDATE task_versions SET version = version + 1 WHERE crisis_id IN (NEW.crisis_id, OLD.crisis_id);
END;

CREATE TRIGGER tasks_version_delete AFTER DELETE ON tasks BEGIN
    INSERT OR IGNORE INTO task_versions (crisis_id, version) VALUES (OLD.crisis_id, 0);
    UPDATE task_versions SET version = version + 1 WHERE crisis_id = OLD.crisis_id;
END;
