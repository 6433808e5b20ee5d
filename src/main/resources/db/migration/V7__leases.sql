-- Portable SQL (SQLite and PostgreSQL). Times are epoch milliseconds.

-- Cluster roles: one row per role (feed poller, push scheduler, a channel's sender), held by one
-- instance until expires_at. Every takeover raises fence.
CREATE TABLE leases (
  name       VARCHAR(64) PRIMARY KEY,
  holder     VARCHAR(64),
  fence      BIGINT      NOT NULL,
  expires_at BIGINT      NOT NULL
);
