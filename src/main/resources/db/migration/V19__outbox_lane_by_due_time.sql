-- Portable SQL (SQLite and PostgreSQL).

-- A claim took a lane's due rows oldest first by id, under one condition with an OR (queued and
-- due, or sending with an expired lease): SQLite read every queued row of the status index to
-- match the picked ones, and PostgreSQL walked the primary key through the month of sent rows
-- kept before them. With 100,000 sent, 20,000 held for quiet hours and 20,000 queued, a
-- reply-lane claim took 7.4 ms on SQLite and a push-lane one 33 ms on PostgreSQL, against 0.4-0.7
-- ms (OutboxBacklogTest). Each kind of due row is now claimed by its own walk of outbox_lane,
-- stopped at the limit: rows whose lease expired by id, queued rows by their place in line.
--
-- due_at is that place: when the row was queued, or the end of the quiet hours it was held for.
-- Unlike not_before it does not move when a row is handed back (a pause between one chat's
-- messages, a retry, the next part of a long message), so the row keeps its place and one chat's
-- messages their order. It is never after not_before, so the walk's range ends at the rows due
-- now; rows held for quiet hours lie past it. Finished rows are never claimed again and keep 0.
-- An instance of an older version stores its rows with 0: first in line, when their time comes.
ALTER TABLE outbox ADD COLUMN due_at BIGINT NOT NULL DEFAULT 0;
UPDATE outbox SET due_at = not_before WHERE status IN ('queued', 'sending', 'held');
DROP INDEX outbox_lane;
CREATE INDEX outbox_lane ON outbox (channel, priority, status, due_at, id, not_before);
