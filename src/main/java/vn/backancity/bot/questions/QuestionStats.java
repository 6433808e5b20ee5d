package vn.backancity.bot.questions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import vn.backancity.bot.storage.Jdbc;

/** The dashboard's figures about questions: per day and channel, answered share, most asked. */
public final class QuestionStats {
  public static final int MAX_DAYS = 90;

  /** Questions of one day on one channel. */
  public record Day(LocalDate date, String channel, long asked, long answered) {}

  /** A question and how many times it was asked. */
  public record Count(String question, long count) {}

  private final DataSource db;
  private final Clock clock;
  private final ZoneId zone;

  /**
   * @param zone where days start (Vietnam has one offset all year)
   */
  public QuestionStats(DataSource db, Clock clock, ZoneId zone) {
    this.db = db;
    this.clock = clock;
    this.zone = zone;
  }

  /** The first instant of the day {@code days - 1} days before today: the dashboard's window. */
  public long since(int days) {
    int d = Math.max(1, Math.min(days, MAX_DAYS));
    return LocalDate.now(clock.withZone(zone))
        .minusDays(d - 1L)
        .atStartOfDay(zone)
        .toInstant()
        .toEpochMilli();
  }

  /** Questions asked and answered per day and channel since a time, oldest day first. */
  public List<Day> perDay(long since) {
    long offset = zone.getRules().getOffset(Instant.ofEpochMilli(since)).getTotalSeconds() * 1000L;
    long day = Duration.ofDays(1).toMillis();
    return Jdbc.query(
        db,
        "count questions per day",
        "SELECT (asked_at + ?) / ?, channel, COUNT(*),"
            + " SUM(CASE WHEN answered = TRUE THEN 1 ELSE 0 END) FROM asked_questions"
            + " WHERE asked_at >= ? GROUP BY 1, 2 ORDER BY 1, 2",
        rs ->
            new Day(
                LocalDate.ofEpochDay(rs.getLong(1)), rs.getString(2), rs.getLong(3), rs.getLong(4)),
        offset,
        day,
        since);
  }

  /** Distinct askers per channel since a time. */
  public Map<String, Long> people(long since) {
    Map<String, Long> out = new TreeMap<>();
    Jdbc.query(
            db,
            "count askers",
            "SELECT channel, COUNT(DISTINCT asker) FROM asked_questions WHERE asked_at >= ?"
                + " GROUP BY channel",
            rs -> Map.entry(rs.getString(1), rs.getLong(2)),
            since)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The most asked questions since a time (by normalized form, latest wording shown). */
  public List<Count> top(long since, int limit) {
    return Jdbc.query(
        db,
        "find the most asked questions",
        "SELECT q.normalized, COUNT(*), (SELECT q2.question FROM asked_questions q2"
            + " WHERE q2.normalized = q.normalized ORDER BY q2.asked_at DESC LIMIT 1)"
            + " FROM asked_questions q WHERE q.asked_at >= ? GROUP BY q.normalized"
            + " ORDER BY 2 DESC, 1 LIMIT ?",
        rs -> new Count(rs.getString(3), rs.getLong(2)),
        since,
        Math.max(1, Math.min(limit, ReviewQueue.MAX_LIMIT)));
  }
}
