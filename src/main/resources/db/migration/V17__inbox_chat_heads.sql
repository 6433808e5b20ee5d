-- Portable SQL (SQLite and PostgreSQL).

-- A claim walked the pending updates oldest first and passed over those whose chat had an earlier
-- one pending: with 20,000 pending updates from one chat ahead of the others, every claim walked
-- all 20,000 (13 ms on SQLite, 333 ms on PostgreSQL, against 0.4 ms without them), so that one
-- noisy chat slowed everyone's handling. Now a row says whether it may be claimed next: head = 1
-- for its chat's oldest pending update and for every update that names no chat, 0 for the updates
-- queued behind a chat's head. Set when an update is stored; when a head is finished the chat's
-- next pending update becomes its head. A claim walks the heads only, oldest first.
--
-- The default is 1: an instance of an older version (a rolling deploy, a rollback) stores its rows
-- without the column, and a row it stores must stay claimable (the claim still keeps each chat's
-- order by itself). Such an instance does not pass the turn on either: Inbox.restoreHeads, run by
-- the housekeeping every minute, gives a chat left without a head its turn back.
ALTER TABLE inbox ADD COLUMN head INTEGER NOT NULL DEFAULT 1;
UPDATE inbox SET head = 0 WHERE status = 'pending' AND chat_key IS NOT NULL AND EXISTS (
  SELECT 1 FROM inbox e WHERE e.channel = inbox.channel AND e.chat_key = inbox.chat_key
  AND e.status = 'pending' AND e.id < inbox.id);
DROP INDEX inbox_pending;
CREATE INDEX inbox_heads ON inbox (status, head, id);
