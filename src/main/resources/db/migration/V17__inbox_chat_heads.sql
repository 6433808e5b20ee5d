-- Portable SQL (SQLite and PostgreSQL).

-- A claim walked the pending updates oldest first and passed over those whose chat had an earlier
-- one pending: with 20,000 pending updates from one chat ahead of the others, every claim walked
-- all 20,000 (13 ms on SQLite, 333 ms on PostgreSQL, against 0.4 ms without them), so that one
-- noisy chat slowed everyone's handling. Now a row says whether it may be claimed next: head = 1
-- for its chat's oldest pending update and for every update that names no chat, 0 for the updates
-- queued behind a chat's head. Set when an update is stored; when a head is finished the chat's
-- next pending update becomes its head. A claim walks the heads only, oldest first.
ALTER TABLE inbox ADD COLUMN head INTEGER NOT NULL DEFAULT 0;
UPDATE inbox SET head = 1 WHERE status = 'pending' AND (chat_key IS NULL OR NOT EXISTS (
  SELECT 1 FROM inbox e WHERE e.channel = inbox.channel AND e.chat_key = inbox.chat_key
  AND e.status = 'pending' AND e.id < inbox.id));
DROP INDEX inbox_pending;
CREATE INDEX inbox_heads ON inbox (status, head, id);
