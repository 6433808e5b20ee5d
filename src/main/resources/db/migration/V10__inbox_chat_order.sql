-- Portable SQL (SQLite and PostgreSQL).

-- The chat an inbound update comes from (NULL when it names none): one chat's updates are handled
-- one at a time, in the order they arrived, so "/dangky" then "/huy" ends unsubscribed.
ALTER TABLE inbox ADD COLUMN chat_key VARCHAR(64);
CREATE INDEX inbox_chat ON inbox (channel, chat_key, status, id);
