-- Portable SQL (SQLite and PostgreSQL). Times are epoch milliseconds.

-- A citizen's question sent to the city's staff ("hỏi cán bộ"), found by its short lookup code.
-- chat_id is where the staff's reply is delivered (NULL on the web, which has no identity: there
-- the citizen asks for the reply with the code). It never leaves the server: the admin API shows
-- the channel, the display name the platform gave, the message and the conversation's last
-- questions and answers (context, JSON, as they were when it was sent, since the question log
-- keeps no chat ids). requester is a keyed hash of the chat or web client, as the question log's
-- asker: one request a minute each, and the status of one's own requests. Kept for
-- questions.retention, like the question log.
CREATE TABLE handoffs (
  code         VARCHAR(8)   PRIMARY KEY,
  channel      VARCHAR(16)  NOT NULL,
  chat_id      VARCHAR(64),
  chat_kind    VARCHAR(16),
  requester    VARCHAR(32)  NOT NULL,
  display_name VARCHAR(200),
  message      TEXT         NOT NULL,
  context      TEXT         NOT NULL,
  status       VARCHAR(16)  NOT NULL, -- open, answered
  created_at   BIGINT       NOT NULL,
  answered_at  BIGINT,
  reply_text   TEXT,
  reply_link   TEXT,
  curated_id   BIGINT
);
CREATE INDEX handoffs_status ON handoffs (status, created_at);
CREATE INDEX handoffs_requester ON handoffs (channel, requester, created_at);

-- The platform's id of the citizen's message a reply answers: Zalo quotes it in the answer.
ALTER TABLE outbox ADD COLUMN reply_to VARCHAR(64);
