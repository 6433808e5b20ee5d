-- Portable SQL (SQLite and PostgreSQL).

-- The duplicate check compares an article's text (title and prose) whatever its address:
-- content_hash covers the URL and the date too, so it never found the same text under another
-- URL. Rows saved before this migration are filled in by ArticleStore.fillTextHashes at startup.
ALTER TABLE articles ADD COLUMN text_hash VARCHAR(64);
CREATE INDEX articles_text ON articles (text_hash);

-- Nothing looks articles up by content_hash any more (V2 made this index for the duplicate check).
DROP INDEX articles_content;
