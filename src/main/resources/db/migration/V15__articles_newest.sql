-- The newest articles (chat "mới", the Zalo menu) are ordered by publication date, else import
-- date: without an index on that expression every such request read and sorted the whole table
-- (0.2-0.8 s at 75,000 articles, seconds at a million). Both SQLite and PostgreSQL use it for
-- ORDER BY COALESCE(published_at, created_at) DESC, id DESC LIMIT n.
CREATE INDEX articles_newest ON articles ((COALESCE(published_at, created_at)) DESC, id DESC);
