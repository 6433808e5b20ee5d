-- Portable SQL (SQLite and PostgreSQL). Times of day are HH:mm in digest.zone (Asia/Ho_Chi_Minh).

-- An urgent announcement (flood, storm, power, water) is queued in the outbox's urgent lane
-- (priority 2: lanes are names, not ranks; the workers claim replies (0), then urgent pushes (2),
-- then ordinary pushes (1)), is not deferred by quiet hours, and says it is urgent.
ALTER TABLE announcements ADD COLUMN urgent BOOLEAN NOT NULL DEFAULT FALSE;

-- A subscriber's quiet hours (both NULL: none). Non-urgent pushes decided inside them are queued
-- with not_before at their end; until may be earlier than from (22:00-06:30 crosses midnight).
ALTER TABLE subscriptions ADD COLUMN quiet_from VARCHAR(5);
ALTER TABLE subscriptions ADD COLUMN quiet_until VARCHAR(5);

-- How a topic reaches the chat: alert (an alert at once, and the digest), digest (the digest
-- only) or muted (neither). Existing topics keep alerting.
ALTER TABLE topics ADD COLUMN mode VARCHAR(8) NOT NULL DEFAULT 'alert';
-- Phrases that rule an article out ("nông thôn mới -bóng đá": "bong da"), folded like topic_key,
-- separated by '|'; '' for none. topic_key stays the phrase to find, so existing keys are unchanged.
ALTER TABLE topics ADD COLUMN excluded TEXT NOT NULL DEFAULT '';
