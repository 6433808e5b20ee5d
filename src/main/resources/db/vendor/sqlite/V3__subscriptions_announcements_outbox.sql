-- Subscriptions, announcements and the outbox. Kept in two copies (db/vendor/sqlite and
-- db/vendor/postgresql) that differ only in how generated ids are declared. Times are epoch ms.

-- Chats that asked for the daily digest (or only for topic alerts: digest = FALSE).
CREATE TABLE subscriptions (
  channel         VARCHAR(16) NOT NULL,
  chat_id         VARCHAR(64) NOT NULL,
  digest          BOOLEAN     NOT NULL,
  digest_time     VARCHAR(5)  NOT NULL, -- HH:mm, Asia/Ho_Chi_Minh
  last_digest_day VARCHAR(10),          -- yyyy-MM-dd of the last digest decided for this chat
  since           BIGINT      NOT NULL, -- articles added after this go into the next digest
  created_at      BIGINT      NOT NULL,
  PRIMARY KEY (channel, chat_id)
);

-- Saved searches: new matching articles fill the topic's part of the digest and raise alerts.
CREATE TABLE topics (
  channel       VARCHAR(16)  NOT NULL,
  chat_id       VARCHAR(64)  NOT NULL,
  topic_key     VARCHAR(200) NOT NULL, -- folded words: "nong thon moi"
  label         TEXT         NOT NULL, -- as the citizen typed it
  created_at    BIGINT       NOT NULL,
  last_alert_at BIGINT,
  PRIMARY KEY (channel, chat_id, topic_key)
);
CREATE INDEX topics_key ON topics (topic_key);

-- Small named values that several instances advance with compare-and-set (alert watermark).
CREATE TABLE scheduler_marks (
  name  VARCHAR(64) PRIMARY KEY,
  value BIGINT      NOT NULL
);

CREATE TABLE announcements (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  text       TEXT         NOT NULL,
  link       TEXT,
  audience   VARCHAR(300) NOT NULL, -- subscribers, everyone, topic:<words>
  send_at    BIGINT       NOT NULL,
  status     VARCHAR(16)  NOT NULL, -- draft, scheduled, sending, cancelled
  created_by VARCHAR(100) NOT NULL,
  created_at BIGINT       NOT NULL,
  recipients INTEGER
);

-- Every message to every chat, written in the transaction that decides to send it. Workers
-- claim rows (status sending, claimed_by, claimed_until); a claim whose lease ran out (a crashed
-- worker) is taken again, so at most the messages in flight at a crash can go out twice.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  channel         VARCHAR(16)  NOT NULL,
  chat_id         VARCHAR(64)  NOT NULL,
  chat_kind       VARCHAR(16)  NOT NULL, -- private or group: groups get 20 messages a minute
  kind            VARCHAR(16)  NOT NULL, -- digest, alert, announcement
  dedupe_key      VARCHAR(120) NOT NULL, -- one digest a day, one copy of an announcement
  announcement_id BIGINT,
  payload         TEXT         NOT NULL, -- JSON of the message, rendered by the channel
  status          VARCHAR(12)  NOT NULL, -- queued, sending, sent, failed, blocked, held, cancelled
  attempts        INTEGER      NOT NULL,
  not_before      BIGINT       NOT NULL,
  claimed_by      VARCHAR(64),
  claimed_until   BIGINT,
  last_error      TEXT,
  created_at      BIGINT       NOT NULL,
  sent_at         BIGINT,
  UNIQUE (channel, chat_id, dedupe_key)
);
CREATE INDEX outbox_due ON outbox (channel, status, not_before);
CREATE INDEX outbox_chat ON outbox (channel, chat_id, status);
CREATE INDEX outbox_announcement ON outbox (announcement_id, status);
