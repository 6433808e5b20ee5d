-- Portable SQL: runs on SQLite (the default) and PostgreSQL. Times are epoch milliseconds.

-- The source of truth for articles; the Lucene index is derived from this table.
CREATE TABLE articles (
  id           VARCHAR(200) PRIMARY KEY,
  title        TEXT         NOT NULL,
  url          TEXT,
  published_at BIGINT,
  lead         TEXT         NOT NULL,
  paragraphs   TEXT         NOT NULL, -- JSON array of strings
  captions     TEXT         NOT NULL, -- JSON array of strings
  author       TEXT,
  tags         TEXT         NOT NULL, -- JSON array of strings
  content_hash VARCHAR(64)  NOT NULL, -- an unchanged re-import leaves the row alone
  created_at   BIGINT       NOT NULL, -- first import: "new since" for digests
  updated_at   BIGINT       NOT NULL
);
CREATE INDEX articles_created ON articles (created_at);

-- Every chat that ever wrote to the bot, per channel.
CREATE TABLE chats (
  channel    VARCHAR(16)  NOT NULL,
  chat_id    VARCHAR(64)  NOT NULL,
  kind       VARCHAR(16)  NOT NULL, -- private, group, supergroup, channel
  title      TEXT,
  first_seen BIGINT       NOT NULL,
  last_seen  BIGINT       NOT NULL,
  active     BOOLEAN      NOT NULL,
  PRIMARY KEY (channel, chat_id)
);

-- Inbound updates already handled: platforms redeliver, we answer once.
CREATE TABLE seen_updates (
  channel    VARCHAR(16)  NOT NULL,
  update_key VARCHAR(128) NOT NULL,
  seen_at    BIGINT       NOT NULL,
  PRIMARY KEY (channel, update_key)
);
CREATE INDEX seen_updates_age ON seen_updates (seen_at);
