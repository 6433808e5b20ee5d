package vn.backancity.bot.questions;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import vn.backancity.bot.storage.Jdbc;

/**
 * 👍 / 👎 on answers: one vote per person per answer, changeable; a 👎 may carry a short reason.
 * The voter is a pseudonym ({@link Askers}), the answer a question log id.
 */
public final class Feedback {
  public static final int MAX_REASON = 500;

  /** How long after an answer a typed "đúng" / "sai" still refers to it. */
  public static final Duration TYPED_WITHIN = Duration.ofHours(2);

  private final DataSource db;
  private final Askers askers;
  private final Clock clock;

  public Feedback(DataSource db, Askers askers, Clock clock) {
    this.db = db;
    this.askers = askers;
    this.clock = clock;
  }

  /** 👍 or 👎. */
  public enum Vote {
    UP(1),
    DOWN(-1);

    final int value;

    Vote(int value) {
      this.value = value;
    }
  }

  /** The pseudonym of a person on a channel, as votes are keyed. */
  public String voter(String channel, String personId) {
    return askers.of(channel, personId);
  }

  /**
   * Records (or changes) a person's vote on an answer; false when no such question is logged. A
   * reason replaces the earlier one; a vote without one keeps the earlier reason if the vote is the
   * same, and drops it if the vote changed.
   */
  public boolean vote(long questionId, String voter, Vote vote, String reason) {
    if (!exists(questionId)) {
      return false;
    }
    String why = reason == null || reason.isBlank() ? null : shorten(reason.strip());
    Jdbc.update(
        db,
        "record a vote",
        "INSERT INTO feedback (question_id, voter, vote, reason, voted_at) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (question_id, voter) DO UPDATE SET vote = excluded.vote,"
            + " voted_at = excluded.voted_at, reason = CASE WHEN excluded.reason IS NULL"
            + " AND feedback.vote = excluded.vote THEN feedback.reason ELSE excluded.reason END",
        questionId,
        voter,
        vote.value,
        why,
        clock.millis());
    return true;
  }

  /** The web asker of a logged question: on the web, the person who may vote on its answer. */
  public Optional<String> askerOf(long questionId, String channel) {
    return Jdbc.query(
            db,
            "find a question's asker",
            "SELECT asker FROM asked_questions WHERE id = ? AND channel = ?",
            rs -> rs.getString(1),
            questionId,
            channel)
        .stream()
        .findFirst();
  }

  /**
   * The latest answered question this person asked on a channel within {@link #TYPED_WITHIN}: what
   * a typed "đúng" or "sai" refers to.
   */
  public Optional<Long> latestAnswered(String channel, String personId) {
    List<Long> ids =
        Jdbc.query(
            db,
            "find the latest answer",
            "SELECT id FROM asked_questions WHERE channel = ? AND asker = ? AND answered = TRUE"
                + " AND asked_at >= ? ORDER BY asked_at DESC LIMIT 1",
            rs -> rs.getLong(1),
            channel,
            askers.of(channel, personId),
            clock.millis() - TYPED_WITHIN.toMillis());
    return ids.stream().findFirst();
  }

  /** Votes per kind since a time: {@code [up, down]}. */
  public long[] counts(long since) {
    long[] out = new long[2];
    Jdbc.query(
            db,
            "count votes",
            "SELECT vote, COUNT(*) FROM feedback WHERE voted_at >= ? GROUP BY vote",
            rs -> new long[] {rs.getInt(1), rs.getLong(2)},
            since)
        .forEach(row -> out[row[0] > 0 ? 0 : 1] += row[1]);
    return out;
  }

  private boolean exists(long questionId) {
    return !Jdbc.query(
            db,
            "find a logged question",
            "SELECT 1 FROM asked_questions WHERE id = ?",
            rs -> 1,
            questionId)
        .isEmpty();
  }

  private static String shorten(String reason) {
    return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
  }
}
