-- The notices table becomes an outbox: the scheduler writes a notice in
-- its transaction, a worker delivers it, and it is marked delivered only
-- once the front end accepted it. A failed delivery is tried again later,
-- with a longer wait each time.

ALTER TABLE notices ADD COLUMN delivered_at TEXT NOT NULL DEFAULT ''; -- '' while pending
ALTER TABLE notices ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notices ADD COLUMN next_attempt_at TEXT NOT NULL DEFAULT ''; -- '' : at once
ALTER TABLE notices ADD COLUMN last_error TEXT NOT NULL DEFAULT '';

-- Before this step a notice went out as it was written down.
UPDATE notices SET delivered_at = sent_at;

CREATE INDEX notices_pending ON notices (delivered_at, skipped);
