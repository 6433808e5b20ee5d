-- The durable inbox, the outbox's reply lane, message parts and expiry. Kept in two copies
-- (db/vendor/sqlite and db/vendor/postgresql) that differ only in how generated ids are declared.
-- Times are epoch ms.

-- Every inbound update or event, stored before it is acknowledged and processed from here by the
-- workers: a crash after the 200 leaves the row pending, and the next start processes it. The
-- unique key is also how a redelivery is recognized (it replaces seen_updates), so finished rows
-- are kept longer than platforms redeliver (Telegram: 24 h).
CREATE TABLE inbox (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  channel       VARCHAR(16)  NOT NULL,
  update_key    VARCHAR(128) NOT NULL,
  payload       TEXT         NOT NULL, -- the body as received
  status        VARCHAR(12)  NOT NULL, -- pending, done, failed
  attempts      INTEGER      NOT NULL,
  not_before    BIGINT       NOT NULL,
  claimed_by    VARCHAR(64),
  claimed_until BIGINT,
  last_error    TEXT,
  received_at   BIGINT       NOT NULL,
  done_at       BIGINT,
  UNIQUE (channel, update_key)
);
CREATE INDEX inbox_due ON inbox (status, not_before);
CREATE INDEX inbox_claimed ON inbox (claimed_by);
CREATE INDEX inbox_age ON inbox (status, received_at);

INSERT INTO inbox (channel, update_key, payload, status, attempts, not_before, received_at, done_at)
  SELECT channel, update_key, '', 'done', 0, seen_at, seen_at, seen_at FROM seen_updates;
DROP TABLE seen_updates;

-- Replies to citizens (priority 0) are claimed in a lane of their own, ahead of pushes (1).
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 1;
-- A message that the platform takes as several messages: how many parts went out, so that a retry
-- resumes at the first unsent part.
ALTER TABLE outbox ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
-- Not sent by then (a reply's deadline, a held push's shelf life): given up as 'expired'.
ALTER TABLE outbox ADD COLUMN expires_at BIGINT;

DROP INDEX outbox_due;
CREATE INDEX outbox_lane ON outbox (channel, priority, status, not_before);
CREATE INDEX outbox_claimed ON outbox (claimed_by);
CREATE INDEX outbox_age ON outbox (status, created_at);

-- An announcement not delivered by then (e.g. held by Zalo's reply window) is not sent late.
ALTER TABLE announcements ADD COLUMN expires_at BIGINT;
