package vn.backancity.bot.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.article.PublishedDates;
import vn.backancity.bot.chat.ChatDirectory;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.storage.Jdbc;
import vn.backancity.bot.subscription.Subscriptions;
import vn.backancity.bot.subscription.TopicMatcher;

/**
 * Announcements: created by the admin API, the admin page or a Telegram admin's confirmed preview;
 * when due, expanded to one outbox row per recipient in the same transaction that marks them sent
 * (a conditional status change, so one instance does it once). Audiences: "subscribers", "everyone"
 * (every active chat), "topic:&lt;words&gt;" (chats following that topic). An ordinary announcement
 * waits out each subscriber's quiet hours; an urgent one (flood, storm, power, water) goes in the
 * outbox's urgent lane, ahead of other pushes, at once, headed "THÔNG BÁO KHẨN".
 */
public final class Announcements {
  private static final Logger log = LoggerFactory.getLogger(Announcements.class);
  public static final int MAX_TEXT = 3500;

  private final DataSource db;
  private final Outbox outbox;
  private final Collection<String> channels;
  private final Clock clock;
  private final ZoneId zone;

  public Announcements(DataSource db, Outbox outbox, Collection<String> channels, Clock clock) {
    this(db, outbox, channels, clock, PublishedDates.VIETNAM);
  }

  /**
   * @param zone the zone subscribers' quiet hours are in (digest.zone)
   */
  public Announcements(
      DataSource db, Outbox outbox, Collection<String> channels, Clock clock, ZoneId zone) {
    this.db = db;
    this.outbox = outbox;
    this.channels = List.copyOf(channels);
    this.clock = clock;
    this.zone = zone;
  }

  /** Checks an audience: "subscribers", "everyone" or "topic:&lt;words&gt;". */
  public static boolean validAudience(String audience) {
    return audience.equals("subscribers")
        || audience.equals("everyone")
        || (audience.startsWith("topic:")
            && !TopicMatcher.words(audience.substring("topic:".length())).key().isEmpty());
  }

  /**
   * Saves an announcement. A draft waits for {@link #confirm}; otherwise it is queued at once when
   * {@code sendAt} (epoch ms) has come, else by {@link #startDue} later.
   */
  public long create(
      String text,
      String link,
      String audience,
      long sendAt,
      Long expiresAt,
      String createdBy,
      boolean draft) {
    return create(text, link, audience, sendAt, expiresAt, createdBy, draft, false);
  }

  /** As above; an urgent one goes ahead of other pushes and through quiet hours. */
  public long create(
      String text,
      String link,
      String audience,
      long sendAt,
      Long expiresAt,
      String createdBy,
      boolean draft,
      boolean urgent) {
    if (!validAudience(audience)) {
      throw new IllegalArgumentException("unknown audience: " + audience);
    }
    long id;
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO announcements (text, link, audience, send_at, status, created_by,"
                    + " created_at, expires_at, urgent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
      st.setString(1, text);
      if (link == null) {
        st.setNull(2, Types.VARCHAR);
      } else {
        st.setString(2, link);
      }
      st.setString(3, audience);
      st.setLong(4, sendAt);
      st.setString(5, draft ? "draft" : "scheduled");
      st.setString(6, createdBy);
      st.setLong(7, clock.millis());
      if (expiresAt == null) {
        st.setNull(8, Types.BIGINT);
      } else {
        st.setLong(8, expiresAt);
      }
      st.setBoolean(9, urgent);
      st.executeUpdate();
      try (ResultSet keys = st.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot save announcement", e);
    }
    log.info(
        "Announcement {} created by {} for {}{}{}",
        id,
        createdBy,
        audience,
        urgent ? " (urgent)" : "",
        draft ? " (draft)" : "");
    if (!draft && sendAt <= clock.millis()) {
      start(id, "scheduled", false);
    }
    return id;
  }

  /** A draft confirmed ("Gửi"): queued now. Returns the recipients, or -1 when not a draft. */
  public int confirm(long id) {
    return start(id, "draft", false);
  }

  /**
   * A draft confirmed as urgent ("Gửi khẩn"): marked urgent and queued now. Returns the recipients,
   * or -1 when not a draft.
   */
  public int confirmUrgent(long id) {
    return start(id, "draft", true);
  }

  /** Queues every scheduled announcement whose time has come; returns how many. */
  public int startDue() {
    List<Long> due = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT id FROM announcements WHERE status = 'scheduled' AND send_at <= ?"
                    + " ORDER BY id")) {
      st.setLong(1, clock.millis());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          due.add(rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read due announcements", e);
    }
    int started = 0;
    for (long id : due) {
      if (start(id, "scheduled", false) >= 0) {
        started++;
      }
    }
    return started;
  }

  /** How many chats an audience reaches now. */
  public int audienceSize(String audience) {
    Recipients r = recipients(audience, false);
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM (" + r.sql + ") r")) {
      bind(st, 1, r.params);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the audience", e);
    }
  }

  /**
   * Cancels what has not been sent. Returns false when there is no such announcement or nothing was
   * left to cancel.
   */
  public boolean cancel(long id) {
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "UPDATE announcements SET status = 'cancelled' WHERE id = ?"
                    + " AND status IN ('draft', 'scheduled', 'sending')")) {
      st.setLong(1, id);
      boolean changed = st.executeUpdate() == 1;
      int rows = outbox.cancel(id);
      if (changed) {
        log.info("Announcement {} cancelled: {} messages not sent", id, rows);
      }
      return changed;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot cancel announcement " + id, e);
    }
  }

  public Optional<Announcement> find(long id) {
    List<Announcement> found = query("WHERE id = ?", id);
    return found.stream().findFirst();
  }

  /** The newest announcements first. */
  public List<Announcement> list(int limit) {
    return query("ORDER BY id DESC LIMIT ?", limit);
  }

  /** Queues an announcement in {@code from} status; {@code makeUrgent} marks it urgent first. */
  private int start(long id, String from, boolean makeUrgent) {
    Announcement found = find(id).orElse(null);
    if (found == null) {
      return -1;
    }
    boolean urgent = found.urgent() || makeUrgent;
    Recipients r = recipients(found.audience(), urgent);
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement st =
            c.prepareStatement(
                "UPDATE announcements SET status = 'sending', urgent = ? WHERE id = ?"
                    + " AND status = ?")) {
          st.setBoolean(1, urgent);
          st.setLong(2, id);
          st.setString(3, from);
          if (st.executeUpdate() == 0) {
            c.rollback();
            return -1;
          }
        }
        // Each chat gets the header in its own language; the admin's text stays as written.
        int queued = 0;
        for (Language lang : Language.values()) {
          Reply.Bulletin message =
              new Reply.Bulletin(
                  urgent ? Messages.URGENT_HEADER.in(lang) : Messages.ANNOUNCEMENT_HEADER.in(lang),
                  found.text(),
                  found.link(),
                  List.of(),
                  0,
                  null);
          List<Object> params = new ArrayList<>(r.params);
          params.add(lang.code());
          queued +=
              outbox.enqueueAll(
                  c,
                  ChatDirectory.speaking(r.sql),
                  params,
                  "announcement",
                  "announcement:" + id,
                  id,
                  message,
                  found.expiresAt(),
                  urgent ? Outbox.URGENT_LANE : Outbox.PUSH_LANE);
        }
        int waiting = 0;
        if (!urgent) {
          for (Subscriptions.Deferral d : Subscriptions.quietNow(c, clock.millis(), zone)) {
            waiting += outbox.defer(c, id, d.sql(), d.params(), d.until(), found.expiresAt());
          }
        }
        try (PreparedStatement st =
            c.prepareStatement("UPDATE announcements SET recipients = ? WHERE id = ?")) {
          st.setInt(1, queued);
          st.setLong(2, id);
          st.executeUpdate();
        }
        c.commit();
        if (urgent) {
          log.info("Urgent announcement {} queued for {} chats, ahead of other pushes", id, queued);
        } else {
          log.info(
              "Announcement {} queued for {} chats ({} wait for the end of their quiet hours)",
              id,
              queued,
              waiting);
        }
        if (urgent) {
          outbox.urgentEnqueued();
        } else {
          outbox.enqueued();
        }
        return queued;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot queue announcement " + id, e);
    }
  }

  private record Recipients(String sql, List<Object> params) {}

  /**
   * Who an audience is. A topic's followers who muted it get only its urgent announcements: an
   * ordinary one to the topic is what they asked not to hear about.
   */
  private Recipients recipients(String audience, boolean urgent) {
    String in = " IN (" + Jdbc.placeholders(channels.size()) + ")";
    List<Object> params = new ArrayList<>();
    String sql;
    if (channels.isEmpty()) {
      return new Recipients("SELECT channel, chat_id, kind FROM chats WHERE 1 = 0", List.of());
    }
    if (audience.equals("everyone")) {
      sql = "SELECT channel, chat_id, kind FROM chats WHERE active = TRUE AND channel" + in;
    } else if (audience.equals("subscribers")) {
      sql =
          "SELECT c.channel, c.chat_id, c.kind FROM subscriptions s JOIN chats c"
              + " ON c.channel = s.channel AND c.chat_id = s.chat_id"
              + " WHERE c.active = TRUE AND c.channel"
              + in;
    } else {
      sql =
          "SELECT DISTINCT c.channel, c.chat_id, c.kind FROM topics t JOIN chats c"
              + " ON c.channel = t.channel AND c.chat_id = t.chat_id"
              + " WHERE c.active = TRUE AND c.channel"
              + in
              + " AND t.topic_key = ?"
              + (urgent ? "" : " AND t.mode <> 'muted'");
    }
    params.addAll(channels);
    if (audience.startsWith("topic:")) {
      // The topic's phrase: its followers, whatever words they excluded.
      params.add(TopicMatcher.words(audience.substring("topic:".length())).key());
    }
    return new Recipients(sql, params);
  }

  private List<Announcement> query(String tail, Object param) {
    String sql =
        "SELECT id, text, link, audience, send_at, status, created_by, created_at, recipients,"
            + " expires_at, urgent FROM announcements "
            + tail;
    List<Announcement> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setObject(1, param);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          int recipients = rs.getInt(9);
          Integer queuedFor = rs.wasNull() ? null : recipients;
          long expires = rs.getLong(10);
          Long expiresAt = rs.wasNull() ? null : expires;
          Map<String, Map<String, Integer>> byChannel = outbox.counts(id);
          Map<String, Integer> counts = total(byChannel);
          String status = rs.getString(6);
          if (status.equals("sending") && counts.get(Outbox.QUEUED) == 0) {
            status = "done";
          }
          out.add(
              new Announcement(
                  id,
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getLong(5),
                  expiresAt,
                  status,
                  rs.getString(7),
                  rs.getLong(8),
                  queuedFor,
                  counts,
                  byChannel,
                  rs.getBoolean(11)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read announcements", e);
    }
  }

  private static Map<String, Integer> total(Map<String, Map<String, Integer>> byChannel) {
    Map<String, Integer> total = new LinkedHashMap<>();
    for (String s : Outbox.COUNTED) {
      total.put(s, 0);
    }
    byChannel.values().forEach(m -> m.forEach((k, v) -> total.merge(k, v, Integer::sum)));
    return total;
  }

  private static void bind(PreparedStatement st, int from, List<Object> params)
      throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      st.setObject(from + i, params.get(i));
    }
  }
}
