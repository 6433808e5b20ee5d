package vn.backancity.bot.subscription;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import vn.backancity.bot.delivery.Recipient;
import vn.backancity.bot.storage.Jdbc;

/**
 * Who gets the daily digest, when, and which topics each chat follows. Times of day are local to
 * the service's zone (Asia/Ho_Chi_Minh).
 */
public final class Subscriptions {
  public static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  /** A new subscriber's first digest covers the day before it subscribed. */
  static final Duration FIRST_DIGEST_COVERS = Duration.ofDays(1);

  private final DataSource db;
  private final Clock clock;
  private final ZoneId zone;
  private final LocalTime defaultTime;

  public Subscriptions(DataSource db, Clock clock, ZoneId zone, LocalTime defaultTime) {
    this.db = db;
    this.clock = clock;
    this.zone = zone;
    this.defaultTime = defaultTime;
  }

  public LocalTime defaultTime() {
    return defaultTime;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The chat's subscription, if it has one. */
  public Optional<Subscription> find(Recipient chat) {
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT digest, digest_time, quiet_from, quiet_until FROM subscriptions"
                    + " WHERE channel = ? AND chat_id = ?")) {
      st.setString(1, chat.channel());
      st.setString(2, chat.chatId());
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Subscription(
                rs.getBoolean(1),
                rs.getString(2),
                topics(c, chat),
                QuietHours.of(rs.getString(3), rs.getString(4)).orElse(null)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read subscription", e);
    }
  }

  /**
   * Turns the digest on at {@code time} (the current time, or the default, when null). When today's
   * time has already passed the first digest is tomorrow's: no one gets a digest the minute they
   * subscribe, nor twice in a day after changing the time.
   */
  public void subscribe(Recipient chat, LocalTime time) {
    Optional<Subscription> current = find(chat);
    LocalTime at =
        time != null ? time : current.map(s -> LocalTime.parse(s.time())).orElse(defaultTime);
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    String today = now.toLocalDate().toString();
    String passedDay = now.toLocalTime().isBefore(at) ? null : today;
    long nowMs = clock.millis();
    if (current.isEmpty()) {
      update(
          "INSERT INTO subscriptions (channel, chat_id, digest, digest_time, last_digest_day,"
              + " since, created_at) VALUES (?, ?, TRUE, ?, ?, ?, ?)"
              + " ON CONFLICT (channel, chat_id) DO NOTHING",
          chat.channel(),
          chat.chatId(),
          at.format(HH_MM),
          passedDay,
          nowMs - FIRST_DIGEST_COVERS.toMillis(),
          nowMs);
    } else {
      // Keep a digest already decided today; otherwise mark today done if its time has passed.
      update(
          "UPDATE subscriptions SET digest = TRUE, digest_time = ?, last_digest_day ="
              + " CASE WHEN last_digest_day = ? THEN last_digest_day ELSE ? END"
              + " WHERE channel = ? AND chat_id = ?",
          at.format(HH_MM),
          today,
          passedDay,
          chat.channel(),
          chat.chatId());
    }
  }

  /** Keeps the topics but stops the daily digest. */
  public void digestOff(Recipient chat) {
    update(
        "UPDATE subscriptions SET digest = FALSE WHERE channel = ? AND chat_id = ?",
        chat.channel(),
        chat.chatId());
  }

  /** What adding a topic did. */
  public enum Added {
    ADDED,
    /** Followed already; its excluded phrases were changed. */
    UPDATED,
    /** Followed already, as it is. */
    EXISTS
  }

  /**
   * Adds a topic (alerting at once); subscribes the chat first when it was not (topics feed the
   * digest). A topic followed already keeps its mode and takes the new excluded phrases.
   */
  public Added addTopic(Recipient chat, TopicMatcher.Words words, String label) {
    if (find(chat).isEmpty()) {
      subscribe(chat, null);
    }
    boolean added =
        update(
                "INSERT INTO topics (channel, chat_id, topic_key, label, created_at, mode,"
                    + " excluded) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (channel, chat_id, topic_key) DO NOTHING",
                chat.channel(),
                chat.chatId(),
                words.key(),
                label,
                clock.millis(),
                Subscription.Mode.ALERT.code(),
                words.excludedColumn())
            == 1;
    if (added) {
      return Added.ADDED;
    }
    return update(
                "UPDATE topics SET excluded = ?, label = ? WHERE channel = ? AND chat_id = ?"
                    + " AND topic_key = ? AND excluded <> ?",
                words.excludedColumn(),
                label,
                chat.channel(),
                chat.chatId(),
                words.key(),
                words.excludedColumn())
            == 1
        ? Added.UPDATED
        : Added.EXISTS;
  }

  /** Adds a topic without excluded phrases; false when the chat already follows it. */
  public boolean addTopic(Recipient chat, String key, String label) {
    return addTopic(chat, new TopicMatcher.Words(key, List.of()), label) == Added.ADDED;
  }

  /** Sets how a topic reaches the chat; false when the chat does not follow it. */
  public boolean setMode(Recipient chat, String key, Subscription.Mode mode) {
    return update(
            "UPDATE topics SET mode = ? WHERE channel = ? AND chat_id = ? AND topic_key = ?",
            mode.code(),
            chat.channel(),
            chat.chatId(),
            key)
        == 1;
  }

  /**
   * Sets the chat's quiet hours, or clears them (null); false when the chat has no subscription
   * (quiet hours belong to one).
   */
  public boolean setQuietHours(Recipient chat, QuietHours quiet) {
    return update(
            "UPDATE subscriptions SET quiet_from = ?, quiet_until = ?"
                + " WHERE channel = ? AND chat_id = ?",
            quiet == null ? null : quiet.from().format(HH_MM),
            quiet == null ? null : quiet.until().format(HH_MM),
            chat.channel(),
            chat.chatId())
        == 1;
  }

  /**
   * The quiet hours in effect at {@code now}, each with its end, and a query of the chats that keep
   * them (columns channel, chat_id; its parameters follow), in the caller's transaction: what an
   * announcement defers. Few distinct windows exist, whatever the number of chats.
   */
  public static List<Deferral> quietNow(Connection c, long now, ZoneId zone) throws SQLException {
    List<Deferral> out = new ArrayList<>();
    try (PreparedStatement st =
            c.prepareStatement(
                "SELECT DISTINCT quiet_from, quiet_until FROM subscriptions"
                    + " WHERE quiet_from IS NOT NULL AND quiet_until IS NOT NULL");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        Optional<QuietHours> window = QuietHours.of(rs.getString(1), rs.getString(2));
        if (window.isEmpty()) {
          continue;
        }
        long end = window.get().release(now, zone);
        if (end > now) {
          out.add(
              new Deferral(
                  "SELECT channel, chat_id FROM subscriptions WHERE quiet_from = ?"
                      + " AND quiet_until = ?",
                  List.of(rs.getString(1), rs.getString(2)),
                  end));
        }
      }
    }
    return out;
  }

  /** Chats ({@code sql} selects channel, chat_id) whose pushes wait until {@code until}. */
  public record Deferral(String sql, List<Object> params, long until) {}

  /** Removes one topic; false when the chat did not follow it. */
  public boolean removeTopic(Recipient chat, String key) {
    return update(
            "DELETE FROM topics WHERE channel = ? AND chat_id = ? AND topic_key = ?",
            chat.channel(),
            chat.chatId(),
            key)
        == 1;
  }

  /** Removes the subscription and every topic; false when there was none. */
  public boolean unsubscribe(Recipient chat) {
    update("DELETE FROM topics WHERE channel = ? AND chat_id = ?", chat.channel(), chat.chatId());
    return update(
            "DELETE FROM subscriptions WHERE channel = ? AND chat_id = ?",
            chat.channel(),
            chat.chatId())
        == 1;
  }

  /** How many active chats get the digest or follow a topic. */
  public int activeCount() {
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT COUNT(*) FROM subscriptions s JOIN chats c ON c.channel = s.channel"
                    + " AND c.chat_id = s.chat_id WHERE c.active = TRUE");
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count subscriptions", e);
    }
  }

  /** Active chats that get the digest or follow a topic, per channel. */
  public Map<String, Long> activeByChannel() {
    Map<String, Long> out = new TreeMap<>();
    Jdbc.query(
            db,
            "count subscriptions per channel",
            "SELECT s.channel, COUNT(*) FROM subscriptions s JOIN chats c ON c.channel = s.channel"
                + " AND c.chat_id = s.chat_id WHERE c.active = TRUE GROUP BY s.channel",
            rs -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The topics most followed by active chats: label (as first typed) and followers. */
  public List<Map.Entry<String, Long>> topTopics(int limit) {
    return Jdbc.query(
        db,
        "count topic followers",
        "SELECT t.topic_key, MIN(t.label), COUNT(*) FROM topics t JOIN chats c ON c.channel ="
            + " t.channel AND c.chat_id = t.chat_id WHERE c.active = TRUE GROUP BY t.topic_key"
            + " ORDER BY 3 DESC, 1 LIMIT ?",
        rs -> Map.entry(rs.getString(2), rs.getLong(3)),
        limit);
  }

  static List<Subscription.Topic> topics(Connection c, Recipient chat) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT topic_key, label, mode, excluded FROM topics WHERE channel = ? AND chat_id = ?"
                + " ORDER BY created_at, topic_key")) {
      st.setString(1, chat.channel());
      st.setString(2, chat.chatId());
      List<Subscription.Topic> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Subscription.Topic(
                  rs.getString(1),
                  rs.getString(2),
                  Subscription.Mode.of(rs.getString(3)),
                  TopicMatcher.Words.excludedOf(rs.getString(4))));
        }
      }
      return out;
    }
  }

  private int update(String sql, Object... params) {
    return Jdbc.update(db, "update subscriptions", sql, params);
  }
}
