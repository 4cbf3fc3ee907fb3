-- The contacts directory (issue 14): the people and organisations a cell
-- must reach, added by command (the configuration's and the national
-- entries are not stored: they are read where they are kept). And the
-- members' own phone and e-mail, to reach them when the usual tools are
-- down.

CREATE TABLE contacts (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    phone    TEXT NOT NULL DEFAULT '',
    email    TEXT NOT NULL DEFAULT '',
    hours    TEXT NOT NULL DEFAULT '',
    note     TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
);

ALTER TABLE members ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN email TEXT NOT NULL DEFAULT '';
