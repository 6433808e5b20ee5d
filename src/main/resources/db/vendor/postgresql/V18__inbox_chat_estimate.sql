-- PostgreSQL only (db/vendor/sqlite has an empty V18): SQLite plans without statistics.
--
-- "Is this the chat's oldest pending update?" (the claim, storing an update, passing a chat's turn)
-- is a lookup of (channel, chat_key, status) on inbox_chat. PostgreSQL plans it, once for any chat,
-- from the number of distinct chat_key values it has counted: when the table holds few chats (a new
-- or small deployment; a test with three), it expects a chat's rows within a few rows of any point
-- and walks the primary key instead, which behind one chat's 20,000 queued updates took 12.5 ms a
-- claim against 0.5 ms. A deployment serves many chats: say so, as a share of the rows, so that
-- the estimate never falls to a handful (InboxTest.oneChatsFloodOfUpdatesDoesNotSlowTheClaims...).
ALTER TABLE inbox ALTER COLUMN chat_key SET (n_distinct = -0.05);
-- Taken into account at the next ANALYZE: now, rather than whenever autovacuum comes.
ANALYZE inbox;
