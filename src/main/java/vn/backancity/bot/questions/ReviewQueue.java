package vn.backancity.bot.questions;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import vn.backancity.bot.storage.Jdbc;

/**
 * What editors should look at: questions the bot could not answer and answers citizens marked 👎,
 * grouped by normalized question, most asked first. A group an editor dismissed or answered is
 * hidden until it is asked (or disliked) again, and then counts only what came after.
 */
public final class ReviewQueue {
  public static final int MAX_LIMIT = 200;
  static final int MAX_REASONS = 5;

  /**
   * One group.
   *
   * @param key the normalized question shared by the group
   * @param question the latest wording
   * @param channels how many of {@code count} came from each channel
   * @param reasons the latest reasons given with 👎 (disliked groups only)
   */
  public record Group(
      String key,
      String question,
      long count,
      Instant lastSeen,
      Map<String, Long> channels,
      List<String> reasons) {}

  private final DataSource db;
  private final Clock clock;

  public ReviewQueue(DataSource db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Questions nobody got an answer to. */
  public List<Group> unanswered(int limit) {
    String from =
        " FROM asked_questions q LEFT JOIN review_dismissals d ON d.normalized = q.normalized"
            + " WHERE q.answered = FALSE AND q.asked_at > COALESCE(d.dismissed_at, -1)";
    return groups(
        "SELECT q.normalized, COUNT(*), MAX(q.asked_at), (SELECT q2.question FROM asked_questions"
            + " q2 WHERE q2.normalized = q.normalized AND q2.answered = FALSE"
            + " ORDER BY q2.asked_at DESC LIMIT 1)"
            + from
            + " GROUP BY q.normalized ORDER BY 2 DESC, 3 DESC LIMIT ?",
        "SELECT q.normalized, q.channel, COUNT(*)"
            + from
            + " AND q.normalized IN (%s)"
            + " GROUP BY q.normalized, q.channel",
        null,
        limit);
  }

  /** Answers marked 👎, grouped by the question they answered. */
  public List<Group> disliked(int limit) {
    String from =
        " FROM feedback f JOIN asked_questions q ON q.id = f.question_id LEFT JOIN"
            + " review_dismissals d ON d.normalized = q.normalized WHERE f.vote < 0"
            + " AND f.voted_at > COALESCE(d.dismissed_at, -1)";
    return groups(
        "SELECT q.normalized, COUNT(*), MAX(f.voted_at), (SELECT q2.question FROM feedback f2"
            + " JOIN asked_questions q2 ON q2.id = f2.question_id WHERE q2.normalized ="
            + " q.normalized AND f2.vote < 0 ORDER BY f2.voted_at DESC LIMIT 1)"
            + from
            + " GROUP BY q.normalized ORDER BY 2 DESC, 3 DESC LIMIT ?",
        "SELECT q.normalized, q.channel, COUNT(*)"
            + from
            + " AND q.normalized IN (%s)"
            + " GROUP BY q.normalized, q.channel",
        "SELECT q.normalized, f.reason"
            + from
            + " AND f.reason IS NOT NULL AND q.normalized IN (%s) ORDER BY f.voted_at DESC LIMIT "
            + MAX_LIMIT * MAX_REASONS,
        limit);
  }

  private List<Group> groups(String top, String perChannel, String reasons, int limit) {
    int n = Math.max(1, Math.min(limit, MAX_LIMIT));
    record Top(String key, long count, long last, String question) {}
    List<Top> tops =
        Jdbc.query(
            db,
            "read the review queue",
            top,
            rs -> new Top(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)),
            n);
    if (tops.isEmpty()) {
      return List.of();
    }
    Object[] keys = tops.stream().map(Top::key).toArray();
    String in = Jdbc.placeholders(keys.length);
    Map<String, Map<String, Long>> channels = new LinkedHashMap<>();
    Jdbc.query(
            db,
            "count the review queue by channel",
            perChannel.formatted(in),
            rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)},
            keys)
        .forEach(
            r ->
                channels
                    .computeIfAbsent((String) r[0], k -> new LinkedHashMap<>())
                    .put((String) r[1], (Long) r[2]));
    Map<String, List<String>> why = new LinkedHashMap<>();
    if (reasons != null) {
      Jdbc.query(
              db,
              "read the reasons of 👎",
              reasons.formatted(in),
              rs -> new String[] {rs.getString(1), rs.getString(2)},
              keys)
          .forEach(
              r -> {
                List<String> list = why.computeIfAbsent(r[0], k -> new ArrayList<>());
                if (list.size() < MAX_REASONS && !list.contains(r[1])) {
                  list.add(r[1]);
                }
              });
    }
    return tops.stream()
        .map(
            t ->
                new Group(
                    t.key(),
                    t.question(),
                    t.count(),
                    Instant.ofEpochMilli(t.last()),
                    channels.getOrDefault(t.key(), Map.of()),
                    why.getOrDefault(t.key(), List.of())))
        .toList();
  }

  /** Hides a group until it is asked again; returns 1, or 0 for an empty key. */
  public int dismiss(String key) {
    if (key == null || key.isBlank()) {
      return 0;
    }
    return Jdbc.update(
        db,
        "dismiss a review group",
        "INSERT INTO review_dismissals (normalized, dismissed_at) VALUES (?, ?)"
            + " ON CONFLICT (normalized) DO UPDATE SET dismissed_at = excluded.dismissed_at",
        key,
        clock.millis());
  }
}
