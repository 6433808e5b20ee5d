-- The editors' loop: questions asked, feedback on answers, the review queue's dismissals and the
-- city's curated answers. Kept in two copies (db/vendor/sqlite and db/vendor/postgresql) that
-- differ only in how generated ids are declared. Times are epoch ms.

-- Every question asked on a channel, kept for questions.retention (90 days). No chat id: asker is
-- a keyed hash (HMAC with log_secrets 'asker') that counts distinct people without naming them.
CREATE TABLE asked_questions (
  id          BIGINT       PRIMARY KEY, -- random, also the feedback handle given to the asker
  asked_at    BIGINT       NOT NULL,
  channel     VARCHAR(16)  NOT NULL,
  asker       VARCHAR(32)  NOT NULL,
  question    TEXT         NOT NULL, -- as typed, long digit runs (phones, ID numbers) masked
  normalized  VARCHAR(300) NOT NULL, -- folded content words: the review queue's group
  answered    BOOLEAN      NOT NULL,
  curated_id  BIGINT,                -- the curated answer given, if any
  results     TEXT         NOT NULL, -- JSON [{"id":..,"score":..}] of the answers returned
  latency_us  BIGINT       NOT NULL,
  cache_hit   BOOLEAN      NOT NULL
);
CREATE INDEX asked_questions_time ON asked_questions (asked_at);
CREATE INDEX asked_questions_group ON asked_questions (answered, normalized, asked_at);
CREATE INDEX asked_questions_asker ON asked_questions (channel, asker, asked_at);

-- One vote per person per answer (the voter is a keyed hash too); a later vote replaces it.
CREATE TABLE feedback (
  question_id BIGINT      NOT NULL,
  voter       VARCHAR(32) NOT NULL,
  vote        INTEGER     NOT NULL, -- 1 (👍) or -1 (👎)
  reason      TEXT,
  voted_at    BIGINT      NOT NULL,
  PRIMARY KEY (question_id, voter)
);
CREATE INDEX feedback_time ON feedback (voted_at);

-- A review-queue group an editor dismissed (or answered): hidden until it is asked again.
CREATE TABLE review_dismissals (
  normalized   VARCHAR(300) PRIMARY KEY,
  dismissed_at BIGINT       NOT NULL
);

-- The city's own answers, matched before search by the normalized form of their questions.
CREATE TABLE curated_answers (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  text       TEXT   NOT NULL,
  link       TEXT,
  expires_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE curated_questions (
  answer_id  BIGINT       NOT NULL,
  position   INTEGER      NOT NULL,
  question   TEXT         NOT NULL,
  normalized VARCHAR(300) NOT NULL,
  PRIMARY KEY (answer_id, position)
);
CREATE INDEX curated_questions_key ON curated_questions (normalized);

-- Secrets the service makes for itself on first start and every instance shares.
CREATE TABLE log_secrets (
  name  VARCHAR(32)  PRIMARY KEY,
  value VARCHAR(128) NOT NULL
);
