-- Portable SQL (SQLite and PostgreSQL). Times are epoch milliseconds.

-- The Zalo OA's tokens. The refresh token is single-use: the pair is replaced in one UPDATE,
-- conditional on the old refresh token, so an instance that lost the race reloads instead.
CREATE TABLE zalo_tokens (
  id            INTEGER PRIMARY KEY,
  access_token  TEXT   NOT NULL,
  refresh_token TEXT   NOT NULL,
  expires_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);

-- Zalo's reply window: free messages are limited to 8 within 48 hours of the user's last
-- message. opened_at is that message, used counts what we sent since.
CREATE TABLE reply_windows (
  channel   VARCHAR(16) NOT NULL,
  chat_id   VARCHAR(64) NOT NULL,
  opened_at BIGINT      NOT NULL,
  used      INTEGER     NOT NULL,
  PRIMARY KEY (channel, chat_id)
);
