package vn.backancity.bot.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import vn.backancity.bot.chat.ChatDirectory;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.delivery.Recipient;
import vn.backancity.bot.storage.Jdbc;

/**
 * The {@code handoffs} table: requests to the staff under their lookup codes. A code is {@link
 * #CODE_LENGTH} characters of an alphabet without look-alikes (no 0/O, 1/I/L), drawn at random
 * (about 887 million codes) and unique by the primary key: a collision draws again. A reply is
 * recorded and queued in the outbox in one transaction, so a request is answered at most once and
 * its answer is never lost between the two.
 */
public final class Handoffs {
  public static final int CODE_LENGTH = 6;
  static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  private static final int DRAWS = 8;
  private static final TypeReference<List<Handoff.Exchange>> CONTEXT = new TypeReference<>() {};
  private static final String COLUMNS =
      "code, channel, chat_id, chat_kind, display_name, message, context, status, created_at,"
          + " answered_at, reply_text, reply_link, curated_id";

  private final DataSource db;
  private final ObjectMapper json;
  private final Clock clock;
  private final RandomGenerator random;

  public Handoffs(DataSource db, ObjectMapper json, Clock clock) {
    this(db, json, clock, new SecureRandom());
  }

  /** With the codes drawn from {@code random} (tests make them collide). */
  Handoffs(DataSource db, ObjectMapper json, Clock clock, RandomGenerator random) {
    this.db = db;
    this.json = json;
    this.clock = clock;
    this.random = random;
  }

  /** A code as typed ("bk7q2m", "BK7-Q2M"): upper case, spaces and dashes left out. */
  public static String normalize(String typed) {
    return typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
  }

  /** Whether a (normalized) text can be a code at all. */
  public static boolean isCode(String code) {
    if (code.length() != CODE_LENGTH) {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private String draw() {
    StringBuilder code = new StringBuilder(CODE_LENGTH);
    for (int i = 0; i < CODE_LENGTH; i++) {
      code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /** Stores a new open request under a fresh code. */
  Optional<Handoff> insert(
      Duration minInterval,
      Recipient chat,
      String channel,
      String requester,
      String displayName,
      String message,
      List<Handoff.Exchange> context) {
    String contextJson;
    try {
      contextJson = json.writeValueAsString(context);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a request's context", e);
    }
    long now = clock.millis();
    for (int i = 0; i < DRAWS; i++) {
      String code = draw();
      int added =
          Jdbc.update(
              db,
              "store a request to the staff",
              // One statement checks and inserts, so that parallel requests from one sender do not
              // all pass a separate check (SQLite serializes writers).
              "INSERT INTO handoffs (code, channel, chat_id, chat_kind, requester, display_name,"
                  + " message, context, status, created_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                  + " WHERE NOT EXISTS (SELECT 1 FROM handoffs WHERE channel = ? AND requester = ?"
                  + " AND created_at > ?) ON CONFLICT (code) DO NOTHING",
              code,
              channel,
              chat == null ? null : chat.chatId(),
              chat == null ? null : chat.kind(),
              requester,
              displayName,
              message,
              contextJson,
              Handoff.OPEN,
              now,
              channel,
              requester,
              now - minInterval.toMillis());
      if (added == 1) {
        return find(code);
      }
      if (lastRequestAt(channel, requester).orElse(0L) > now - minInterval.toMillis()) {
        return Optional.empty(); // another request of this sender got in just now
      }
    }
    throw new IllegalStateException("no free lookup code after " + DRAWS + " draws");
  }

  public Optional<Handoff> find(String code) {
    return Jdbc.query(
            db,
            "read a request to the staff",
            "SELECT " + COLUMNS + " FROM handoffs WHERE code = ?",
            this::handoff,
            code)
        .stream()
        .findFirst();
  }

  /** The language of the chat that sent a request (Vietnamese when it is not a chat's). */
  Language language(Handoff h) {
    Recipient to = h.recipient();
    if (to == null) {
      return Language.VI;
    }
    return Jdbc.query(
            db,
            "read a chat's language",
            "SELECT "
                + ChatDirectory.languageSql("c")
                + " FROM chats c"
                + " WHERE c.channel = ? AND c.chat_id = ?",
            rs -> Language.of(rs.getString(1)),
            to.channel(),
            to.chatId())
        .stream()
        .findFirst()
        .orElse(Language.VI);
  }

  /** Open requests oldest first (the longest waiting on top), answered ones newest first. */
  List<Handoff> list(String status, int limit) {
    String order = Handoff.OPEN.equals(status) ? "created_at, code" : "answered_at DESC, code";
    return Jdbc.query(
        db,
        "list requests to the staff",
        "SELECT " + COLUMNS + " FROM handoffs WHERE status = ? ORDER BY " + order + " LIMIT ?",
        this::handoff,
        status,
        limit);
  }

  /** A requester's latest requests on a channel, newest first. */
  List<Handoff> byRequester(String channel, String requester, int limit) {
    return Jdbc.query(
        db,
        "list a citizen's requests",
        "SELECT "
            + COLUMNS
            + " FROM handoffs WHERE channel = ? AND requester = ?"
            + " ORDER BY created_at DESC LIMIT ?",
        this::handoff,
        channel,
        requester,
        limit);
  }

  /** When a requester last sent a request on a channel (epoch ms), if ever. */
  Optional<Long> lastRequestAt(String channel, String requester) {
    return Jdbc.query(
            db,
            "read a citizen's last request",
            "SELECT MAX(created_at) FROM handoffs WHERE channel = ? AND requester = ?",
            rs -> {
              long at = rs.getLong(1);
              return rs.wasNull() ? null : at;
            },
            channel,
            requester)
        .stream()
        .filter(java.util.Objects::nonNull)
        .findFirst();
  }

  /** Open requests of one sender on a channel. */
  int openCount(String channel, String requester) {
    return Jdbc.query(
            db,
            "count a sender's open requests",
            "SELECT COUNT(*) FROM handoffs WHERE status = ? AND channel = ? AND requester = ?",
            rs -> rs.getInt(1),
            Handoff.OPEN,
            channel,
            requester)
        .get(0);
  }

  /** Closes an open request without a reply; false when it is not open. */
  boolean close(String code) {
    return Jdbc.update(
            db,
            "close a request to the staff",
            "UPDATE handoffs SET status = ?, answered_at = ? WHERE code = ? AND status = ?",
            Handoff.CLOSED,
            clock.millis(),
            code,
            Handoff.OPEN)
        == 1;
  }

  /** Open requests of a channel. */
  int openCount(String channel) {
    return Jdbc.query(
            db,
            "count open requests",
            "SELECT COUNT(*) FROM handoffs WHERE status = ? AND channel = ?",
            rs -> rs.getInt(1),
            Handoff.OPEN,
            channel)
        .get(0);
  }

  /**
   * Records the staff's reply to an open request and, when it has a chat, queues {@code message}
   * for it as a push, in one transaction; false when the request is not open (answered meanwhile).
   */
  boolean answer(
      Handoff request,
      String text,
      String link,
      Long curatedId,
      Reply.Bulletin message,
      Outbox outbox) {
    long now = clock.millis();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        int changed;
        try (PreparedStatement st =
            c.prepareStatement(
                "UPDATE handoffs SET status = ?, answered_at = ?, reply_text = ?, reply_link = ?,"
                    + " curated_id = ? WHERE code = ? AND status = ?")) {
          st.setString(1, Handoff.ANSWERED);
          st.setLong(2, now);
          st.setString(3, text);
          st.setString(4, link);
          if (curatedId == null) {
            st.setNull(5, java.sql.Types.BIGINT);
          } else {
            st.setLong(5, curatedId);
          }
          st.setString(6, request.code());
          st.setString(7, Handoff.OPEN);
          changed = st.executeUpdate();
        }
        if (changed == 1 && request.recipient() != null) {
          outbox.enqueue(
              c, request.recipient(), "handoff", "handoff:" + request.code(), message, now);
        }
        c.commit();
        return changed == 1;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record the reply to " + request.code(), e);
    }
  }

  /** Deletes up to {@code batch} requests sent before {@code before}; returns how many. */
  public int prune(long before, int batch) {
    return Jdbc.update(
        db,
        "prune requests to the staff",
        "DELETE FROM handoffs WHERE code IN (SELECT code FROM handoffs WHERE created_at < ?"
            + " ORDER BY created_at LIMIT ?)",
        before,
        batch);
  }

  private Handoff handoff(ResultSet rs) throws SQLException {
    List<Handoff.Exchange> context;
    try {
      context = json.readValue(rs.getString(7), CONTEXT);
    } catch (JsonProcessingException e) {
      context = List.of();
    }
    long answered = rs.getLong(10);
    Instant answeredAt = rs.wasNull() ? null : Instant.ofEpochMilli(answered);
    long curated = rs.getLong(13);
    Long curatedId = rs.wasNull() ? null : curated;
    return new Handoff(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        context,
        rs.getString(8),
        Instant.ofEpochMilli(rs.getLong(9)),
        answeredAt,
        rs.getString(11),
        rs.getString(12),
        curatedId);
  }
}
