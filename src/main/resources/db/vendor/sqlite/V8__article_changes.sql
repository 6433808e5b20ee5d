-- The change feed of articles. Kept in two copies (db/vendor/sqlite and db/vendor/postgresql) that
-- differ only in how the generated sequence is declared. Times are epoch ms.
--
-- One row per insert, update or delete of an article (and per requested reindex), written in the
-- same transaction as the change itself. Every instance tails it (seq > the last one its index
-- holds) and applies the article's current state to its own Lucene index. A log table rather than a
-- seq column on articles: a deleted article leaves no row in articles to carry its number, and one
-- ordered log holds upserts, tombstones and reindex markers alike, pruned on its own schedule.
-- Writers are serialized (LOCK TABLE ... IN EXCLUSIVE MODE on PostgreSQL, IMMEDIATE transactions on
-- SQLite), so seq order is commit order and a tailer never skips a row that commits later.
CREATE TABLE article_changes (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, even after pruning
  article_id VARCHAR(200) NOT NULL, -- '' for a reindex marker
  kind       VARCHAR(8)   NOT NULL, -- upsert, delete, reindex
  at         BIGINT       NOT NULL
);
CREATE INDEX article_changes_at ON article_changes (at);
