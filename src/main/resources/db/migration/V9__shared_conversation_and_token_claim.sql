-- Portable SQL (SQLite and PostgreSQL). Times are epoch milliseconds.

-- Zalo's refresh token is single-use, so one instance of the cluster refreshes at a time: it claims
-- the refresh with a conditional UPDATE (refreshing_until in the past, then set to when its call
-- must be over) and the others wait for the new pair. A claim left by a crashed instance runs out.
ALTER TABLE zalo_tokens ADD COLUMN refreshing_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE zalo_tokens ADD COLUMN refreshing_by VARCHAR(64) NOT NULL DEFAULT '';

-- Questions behind "Xem thêm" buttons whose message cannot show them in full (over 200
-- characters): kept here, not in one instance's memory, so the button works on any instance.
-- Keyed by the chat too, so two chats whose questions share a short id never see each other's.
CREATE TABLE paged_questions (
  channel     VARCHAR(16) NOT NULL,
  chat_id     VARCHAR(64) NOT NULL,
  question_id VARCHAR(16) NOT NULL,
  question    TEXT        NOT NULL,
  expires_at  BIGINT      NOT NULL,
  PRIMARY KEY (channel, chat_id, question_id)
);

CREATE INDEX paged_questions_expiry ON paged_questions (expires_at);
