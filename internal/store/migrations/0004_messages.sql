-- Where a front end shows an object (the Discord message that carries a
-- task's buttons, the pinned board), so it edits that message rather than
-- posting a new one.

CREATE TABLE front_messages (
    key        TEXT PRIMARY KEY, -- "board:1", "task:5", "draft:3"
    channel_id TEXT NOT NULL,
    message_id TEXT NOT NULL
);
