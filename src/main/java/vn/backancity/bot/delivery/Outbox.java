package vn.backancity.bot.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.storage.Database;
import vn.backancity.bot.storage.Jdbc;

/**
 * The outbox table: every push message to every chat is a row, inserted in the transaction that
 * decides to send it. Workers claim rows by setting them to {@code sending} with their claim id and
 * a lease; the claim is one UPDATE whose WHERE re-checks the status, so two claimers (threads,
 * processes, or server instances on PostgreSQL, where rows held by another claimer are skipped)
 * never get the same row. A row whose lease ran out (its worker died) can be claimed again.
 */
public final class Outbox {
  /** Statuses of a row. */
  public static final String QUEUED = "queued";

  public static final String SENDING = "sending";
  public static final String SENT = "sent";
  public static final String FAILED = "failed";
  public static final String BLOCKED = "blocked";
  public static final String HELD = "held";
  public static final String CANCELLED = "cancelled";

  private static final String INSERT_COLUMNS =
      "INSERT INTO outbox (channel, chat_id, chat_kind, kind, dedupe_key, announcement_id,"
          + " payload, status, attempts, not_before, created_at) ";

  private final DataSource db;
  private final Database.Vendor vendor;
  private final Clock clock;
  private final ObjectMapper json;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public Outbox(DataSource db, Database.Vendor vendor, Clock clock, ObjectMapper json) {
    this.db = db;
    this.vendor = vendor;
    this.clock = clock;
    this.json = json;
  }

  /** The message a row carries (stored as JSON, rendered by the channel when sent). */
  public Reply.Bulletin message(OutboxMessage row) throws IOException {
    return json.readValue(row.payload(), Reply.Bulletin.class);
  }

  private String payload(Reply.Bulletin message) {
    try {
      return json.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize an outbox message", e);
    }
  }

  /** Called after rows were committed, so that idle workers look at once. */
  public void onEnqueued(Runnable listener) {
    listeners.add(listener);
  }

  /** Tells the workers that rows were committed. */
  public void enqueued() {
    listeners.forEach(Runnable::run);
  }

  /** A message for one chat, in the caller's transaction; false when the dedupe key exists. */
  public boolean enqueue(
      Connection c,
      Recipient to,
      String kind,
      String dedupeKey,
      Reply.Bulletin message,
      long notBefore)
      throws SQLException {
    String sql =
        INSERT_COLUMNS
            + "VALUES (?, ?, ?, ?, ?, NULL, ?, 'queued', 0, ?, ?)"
            + " ON CONFLICT (channel, chat_id, dedupe_key) DO NOTHING";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, to.channel());
      st.setString(2, to.chatId());
      st.setString(3, to.kind());
      st.setString(4, kind);
      st.setString(5, dedupeKey);
      st.setString(6, payload(message));
      st.setLong(7, notBefore);
      st.setLong(8, clock.millis());
      return st.executeUpdate() == 1;
    }
  }

  /**
   * One message per recipient that {@code recipients} selects (columns channel, chat_id, kind), in
   * the caller's transaction; returns how many rows were added.
   */
  public int enqueueAll(
      Connection c,
      String recipients,
      List<Object> params,
      String kind,
      String dedupeKey,
      long announcementId,
      Reply.Bulletin message)
      throws SQLException {
    // "WHERE TRUE": SQLite needs it to read ON CONFLICT after INSERT ... SELECT.
    String sql =
        INSERT_COLUMNS
            + "SELECT r.channel, r.chat_id, r.kind, ?, ?, ?, ?, 'queued', 0, ?, ? FROM ("
            + recipients
            + ") r WHERE TRUE ON CONFLICT (channel, chat_id, dedupe_key) DO NOTHING";
    long now = clock.millis();
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, kind);
      st.setString(2, dedupeKey);
      st.setLong(3, announcementId);
      st.setString(4, payload(message));
      st.setLong(5, now);
      st.setLong(6, now);
      for (int i = 0; i < params.size(); i++) {
        st.setObject(7 + i, params.get(i));
      }
      return st.executeUpdate();
    }
  }

  /**
   * Claims up to {@code limit} due rows of a channel for {@code claimId} until now + lease: queued
   * rows whose time has come, and rows whose previous claim expired.
   */
  public List<OutboxMessage> claim(String channel, String claimId, int limit, long leaseMillis) {
    long now = clock.millis();
    String due =
        "(status = 'queued' AND not_before <= ?) OR (status = 'sending' AND claimed_until < ?)";
    String claim =
        "UPDATE outbox SET status = 'sending', claimed_by = ?, claimed_until = ?"
            + " WHERE id IN (SELECT id FROM outbox WHERE channel = ? AND ("
            + due
            + ") ORDER BY id LIMIT ?"
            + vendor.skipLocked()
            + ") AND ("
            + due
            + ")";
    try (Connection c = db.getConnection()) {
      try (PreparedStatement st = c.prepareStatement(claim)) {
        st.setString(1, claimId);
        st.setLong(2, now + leaseMillis);
        st.setString(3, channel);
        st.setLong(4, now);
        st.setLong(5, now);
        st.setInt(6, limit);
        st.setLong(7, now);
        st.setLong(8, now);
        if (st.executeUpdate() == 0) {
          return List.of();
        }
      }
      try (PreparedStatement st =
          c.prepareStatement(
              "SELECT id, channel, chat_id, chat_kind, kind, payload, attempts FROM outbox"
                  + " WHERE claimed_by = ? AND status = 'sending' ORDER BY id")) {
        st.setString(1, claimId);
        List<OutboxMessage> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(
                new OutboxMessage(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getInt(7)));
          }
        }
        return out;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot claim outbox rows", e);
    }
  }

  /** Extends the lease of a claim's rows still being sent. */
  public void renew(String claimId, long leaseMillis) {
    update(
        "UPDATE outbox SET claimed_until = ? WHERE claimed_by = ? AND status = 'sending'",
        clock.millis() + leaseMillis,
        claimId);
  }

  /** The platform took the message. False when the claim was lost meanwhile. */
  public boolean sent(long id, String claimId) {
    return finish(id, claimId, SENT, null, null);
  }

  /** Gives up on a row, with the reason. */
  public void failed(long id, String claimId, int attempts, String reason) {
    finish(id, claimId, FAILED, attempts, reason);
  }

  /** Keeps a row until its chat can receive it again (see {@link #releaseHeld}). */
  public void held(long id, String claimId, String reason) {
    finish(id, claimId, HELD, null, reason);
  }

  /** Puts a claimed row back to be tried at {@code notBefore} (epoch ms), counting an attempt. */
  public void retry(long id, String claimId, long notBefore, int attempts, String reason) {
    update(
        "UPDATE outbox SET status = 'queued', claimed_by = NULL, claimed_until = NULL,"
            + " not_before = ?, attempts = ?, last_error = ? WHERE id = ? AND claimed_by = ?",
        notBefore,
        attempts,
        reason,
        id,
        claimId);
  }

  /** Puts a claimed row back untouched, to be tried at {@code notBefore} (epoch ms). */
  public void release(long id, String claimId, long notBefore) {
    update(
        "UPDATE outbox SET status = 'queued', claimed_by = NULL, claimed_until = NULL,"
            + " not_before = ? WHERE id = ? AND claimed_by = ? AND status = 'sending'",
        notBefore,
        id,
        claimId);
  }

  /** Marks a chat's row, and every row still waiting for that chat, blocked. */
  public int blockChat(String channel, String chatId, String reason) {
    return update(
        "UPDATE outbox SET status = 'blocked', last_error = ?, claimed_by = NULL"
            + " WHERE channel = ? AND chat_id = ? AND status IN ('queued', 'sending', 'held')",
        reason,
        channel,
        chatId);
  }

  /**
   * Held rows of a chat become due again (it wrote to us); of held digests only the newest is kept,
   * as it covers what the older ones did. Returns how many rows were released.
   */
  public int releaseHeld(String channel, String chatId) {
    update(
        "UPDATE outbox SET status = 'cancelled', last_error = 'superseded by a newer digest'"
            + " WHERE channel = ? AND chat_id = ? AND status = 'held' AND kind = 'digest'"
            + " AND id < (SELECT MAX(id) FROM outbox WHERE channel = ? AND chat_id = ?"
            + " AND status = 'held' AND kind = 'digest')",
        channel,
        chatId,
        channel,
        chatId);
    return update(
        "UPDATE outbox SET status = 'queued', not_before = ? WHERE channel = ? AND chat_id = ?"
            + " AND status = 'held'",
        clock.millis(),
        channel,
        chatId);
  }

  /** Cancels an announcement's rows not yet claimed; returns how many. */
  public int cancel(long announcementId) {
    return update(
        "UPDATE outbox SET status = 'cancelled' WHERE announcement_id = ? AND status IN"
            + " ('queued', 'held')",
        announcementId);
  }

  /** The statuses counts report; "queued" includes rows being sent. */
  public static final List<String> COUNTED =
      List.of(QUEUED, SENT, FAILED, BLOCKED, HELD, CANCELLED);

  /** An announcement's rows per channel and status (every counted status present, maybe 0). */
  public Map<String, Map<String, Integer>> counts(long announcementId) {
    Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT channel, status, COUNT(*) FROM outbox WHERE announcement_id = ?"
                    + " GROUP BY channel, status ORDER BY channel")) {
      st.setLong(1, announcementId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Map<String, Integer> channel =
              counts.computeIfAbsent(
                  rs.getString(1),
                  k -> {
                    Map<String, Integer> m = new LinkedHashMap<>();
                    COUNTED.forEach(s -> m.put(s, 0));
                    return m;
                  });
          String status = SENDING.equals(rs.getString(2)) ? QUEUED : rs.getString(2);
          channel.merge(status, rs.getInt(3), Integer::sum);
        }
      }
      return counts;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count outbox rows", e);
    }
  }

  /** Rows per status for a channel (or all channels when null): for health and tests. */
  public Map<String, Integer> statusCounts(String channel) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    String sql =
        "SELECT status, COUNT(*) FROM outbox"
            + (channel == null ? "" : " WHERE channel = ?")
            + " GROUP BY status ORDER BY status";
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      if (channel != null) {
        st.setString(1, channel);
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getInt(2));
        }
      }
      return counts;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count outbox rows", e);
    }
  }

  private boolean finish(long id, String claimId, String status, Integer attempts, String reason) {
    return update(
            "UPDATE outbox SET status = ?, sent_at = ?, attempts = COALESCE(?, attempts),"
                + " last_error = ?, claimed_by = NULL, claimed_until = NULL"
                + " WHERE id = ? AND claimed_by = ?",
            status,
            SENT.equals(status) ? clock.millis() : null,
            attempts,
            reason,
            id,
            claimId)
        == 1;
  }

  private int update(String sql, Object... params) {
    return Jdbc.update(db, "update the outbox", sql, params);
  }
}
