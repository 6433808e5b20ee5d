-- Portable SQL (SQLite and PostgreSQL). Times are epoch milliseconds.

-- The same text under another address is the same article.
CREATE INDEX articles_content ON articles (content_hash);

-- Every configured feed: what the last conditional GET returned, and how it went.
CREATE TABLE feed_sources (
  url           VARCHAR(2000) PRIMARY KEY,
  name          VARCHAR(200)  NOT NULL,
  etag          TEXT,
  last_modified TEXT,
  last_success  BIGINT,
  last_error    TEXT,
  last_error_at BIGINT,
  failures      INTEGER       NOT NULL,
  next_attempt  BIGINT        NOT NULL,
  articles      INTEGER       NOT NULL
);

-- Feed items already fetched, with what marked their version (date or text), so that an
-- unchanged item is not fetched again and a changed one is.
CREATE TABLE feed_items (
  article_id VARCHAR(200)  PRIMARY KEY,
  source_url VARCHAR(2000) NOT NULL,
  marker     TEXT          NOT NULL,
  fetched_at BIGINT        NOT NULL
);
