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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.storage.Database;
import vn.backancity.bot.storage.Jdbc;
import vn.backancity.bot.storage.Notifications;

/**
 * The outbox table: every push message to every chat is a row, inserted in the transaction that
 * decides to send it. Workers claim rows by setting them to {@code sending} with their claim id and
 * a lease; the claim is one UPDATE whose WHERE re-checks the status, so two claimers (threads,
 * processes, or server instances on PostgreSQL, where rows held by another claimer are skipped)
 * never get the same row. A row whose lease ran out (its worker died) can be claimed again.
 */
public final class Outbox {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  /** Statuses of a row. */
  public static final String QUEUED = "queued";

  public static final String SENDING = "sending";
  public static final String SENT = "sent";
  public static final String FAILED = "failed";
  public static final String BLOCKED = "blocked";
  public static final String HELD = "held";
  public static final String CANCELLED = "cancelled";

  public static final String EXPIRED = "expired";

  /**
   * Lanes (the priority column): replies to citizens, then urgent pushes, then ordinary pushes,
   * each claimed in a lane of its own and in that order. The numbers name lanes, they are not
   * ranks: the urgent lane came last and took the next free number, so that rows and code that say
   * 1 keep meaning an ordinary push.
   */
  public static final int REPLY_LANE = 0;

  public static final int PUSH_LANE = 1;

  /** Urgent announcements: claimed after replies, ahead of every ordinary push. */
  public static final int URGENT_LANE = 2;

  static final java.time.Duration DEFAULT_PUSH_EXPIRY = java.time.Duration.ofDays(3);

  private static final String INSERT_COLUMNS =
      "INSERT INTO outbox (channel, chat_id, chat_kind, kind, dedupe_key, announcement_id,"
          + " payload, status, attempts, not_before, created_at, priority, expires_at, due_at) ";

  private final DataSource db;
  private final Database.Vendor vendor;
  private final Clock clock;
  private final OutboxPayloads payloads;
  private final java.time.Duration pushExpiry;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> replyListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> urgentListeners = new CopyOnWriteArrayList<>();

  public Outbox(DataSource db, Database.Vendor vendor, Clock clock, ObjectMapper json) {
    this(db, vendor, clock, json, DEFAULT_PUSH_EXPIRY);
  }

  /**
   * @param pushExpiry how long after its time a push may still go out (held by Zalo's reply window,
   *     or waiting behind a long outage); an announcement may set its own expiry
   */
  public Outbox(
      DataSource db,
      Database.Vendor vendor,
      Clock clock,
      ObjectMapper json,
      java.time.Duration pushExpiry) {
    this.pushExpiry = pushExpiry;
    this.db = db;
    this.vendor = vendor;
    this.clock = clock;
    this.payloads = new OutboxPayloads(json);
  }

  /** The message a row carries (stored as JSON, rendered by the channel when sent). */
  public Reply message(OutboxMessage row) throws IOException {
    return payloads.read(row.payload());
  }

  private String payload(Reply message) {
    try {
      return payloads.write(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize an outbox message", e);
    }
  }

  /** Called after rows were committed, so that idle workers look at once. */
  public void onEnqueued(Runnable listener) {
    listeners.add(listener);
  }

  /** Tells the workers that rows were committed: this instance's, and the others' on PostgreSQL. */
  public void enqueued() {
    listeners.forEach(Runnable::run);
    notifyOthers(PUSH_CHANNEL);
  }

  /** The PostgreSQL channel on which queued pushes wake the instances' senders. */
  public static final String PUSH_CHANNEL = "outbox_push";

  /**
   * Rows were committed elsewhere (or this instance just took a sender role): wakes the workers.
   */
  public void pushQueued() {
    listeners.forEach(Runnable::run);
  }

  /** On PostgreSQL, wakes the other instances; on SQLite there are none to wake. */
  private void notifyOthers(String channel) {
    if (vendor != Database.Vendor.POSTGRESQL) {
      return;
    }
    try (Connection c = db.getConnection()) {
      Notifications.send(c, channel);
    } catch (SQLException e) {
      log.debug("Could not notify the other instances; they poll", e);
    }
  }

  /** Called after a reply was committed, so that workers take it ahead of their pushes. */
  public void onReply(Runnable listener) {
    replyListeners.add(listener);
  }

  /**
   * A reply to a citizen, in the reply lane, committed when this returns; nothing is added when
   * {@code dedupeKey} exists for the chat (the update that caused it was processed before).
   *
   * @param expiresAt given up, and counted as expired, when not delivered by then (epoch ms)
   */
  public boolean enqueueReply(Recipient to, String dedupeKey, Reply message, long expiresAt) {
    return enqueueReply(to, dedupeKey, message, expiresAt, null);
  }

  /**
   * As {@link #enqueueReply(Recipient, String, Reply, long)}, answering the citizen's message
   * {@code replyTo} (the platform's id of it, or null): a channel that can quote it does.
   */
  public boolean enqueueReply(
      Recipient to, String dedupeKey, Reply message, long expiresAt, String replyTo) {
    long now = clock.millis();
    boolean added =
        update(
                "INSERT INTO outbox (channel, chat_id, chat_kind, kind, dedupe_key, announcement_id,"
                    + " payload, status, attempts, not_before, created_at, priority, expires_at,"
                    + " reply_to, due_at) VALUES (?, ?, ?, 'reply', ?, NULL, ?, 'queued', 0, ?, ?, ?,"
                    + " ?, ?, ?)"
                    + " ON CONFLICT (channel, chat_id, dedupe_key) DO NOTHING",
                to.channel(),
                to.chatId(),
                to.kind(),
                dedupeKey,
                payload(message),
                now,
                now,
                REPLY_LANE,
                expiresAt,
                replyTo,
                now)
            == 1;
    if (added) {
      replyListeners.forEach(Runnable::run);
      notifyOthers(REPLY_CHANNEL); // the channel's sender may be another instance
    }
    return added;
  }

  /** The PostgreSQL channel on which a queued reply wakes the instances' senders. */
  public static final String REPLY_CHANNEL = "outbox_reply";

  /** Another instance queued a reply: wakes this instance's workers to take it first. */
  public void replyQueued() {
    replyListeners.forEach(Runnable::run);
  }

  /** Called after urgent pushes were committed, so that workers take them ahead of others. */
  public void onUrgent(Runnable listener) {
    urgentListeners.add(listener);
  }

  /** Tells the workers that urgent pushes were committed: this instance's and the others'. */
  public void urgentEnqueued() {
    urgentListeners.forEach(Runnable::run);
    listeners.forEach(Runnable::run);
    notifyOthers(URGENT_CHANNEL);
  }

  /** The PostgreSQL channel on which queued urgent pushes wake the instances' senders. */
  public static final String URGENT_CHANNEL = "outbox_urgent";

  /** Another instance queued urgent pushes: wakes this instance's workers to take them next. */
  public void urgentQueued() {
    urgentListeners.forEach(Runnable::run);
    listeners.forEach(Runnable::run);
  }

  /** The replies to one inbound update (see {@link Replies}). */
  public Replies replies(String inboundKey, java.time.Duration deadline) {
    return new Replies(this, inboundKey, deadline, clock);
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
            + "VALUES (?, ?, ?, ?, ?, NULL, ?, 'queued', 0, ?, ?, 1, ?, ?)"
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
      st.setLong(9, Math.max(notBefore, clock.millis()) + pushExpiry.toMillis());
      st.setLong(10, notBefore);
      return st.executeUpdate() == 1;
    }
  }

  /**
   * One message per recipient that {@code recipients} selects (columns channel, chat_id, kind), in
   * the caller's transaction; returns how many rows were added. {@code expiresAt} (epoch ms) may be
   * null: the push expiry after now.
   */
  public int enqueueAll(
      Connection c,
      String recipients,
      List<Object> params,
      String kind,
      String dedupeKey,
      long announcementId,
      Reply.Bulletin message,
      Long expiresAt)
      throws SQLException {
    return enqueueAll(
        c, recipients, params, kind, dedupeKey, announcementId, message, expiresAt, PUSH_LANE);
  }

  /** As above, in a given lane ({@link #PUSH_LANE} or {@link #URGENT_LANE}). */
  public int enqueueAll(
      Connection c,
      String recipients,
      List<Object> params,
      String kind,
      String dedupeKey,
      long announcementId,
      Reply.Bulletin message,
      Long expiresAt,
      int lane)
      throws SQLException {
    if (lane == REPLY_LANE) {
      throw new IllegalArgumentException("replies are queued one by one, with enqueueReply");
    }
    // "WHERE TRUE": SQLite needs it to read ON CONFLICT after INSERT ... SELECT.
    String sql =
        INSERT_COLUMNS
            + "SELECT r.channel, r.chat_id, r.kind, ?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?, ? FROM ("
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
      st.setInt(7, lane);
      st.setLong(8, expiresAt != null ? expiresAt : now + pushExpiry.toMillis());
      st.setLong(9, now);
      for (int i = 0; i < params.size(); i++) {
        st.setObject(10 + i, params.get(i));
      }
      return st.executeUpdate();
    }
  }

  /**
   * Makes an announcement's queued rows for the chats {@code chats} selects (columns channel,
   * chat_id) wait until {@code notBefore} (a subscriber's quiet hours), in the caller's
   * transaction. Rows on the default expiry keep their full shelf life from then; an announcement's
   * own {@code expiresAt} (not null) is kept: what the city said not to send late is not sent late.
   * Returns how many rows now wait.
   */
  public int defer(
      Connection c,
      long announcementId,
      String chats,
      List<Object> params,
      long notBefore,
      Long expiresAt)
      throws SQLException {
    String sql =
        "UPDATE outbox SET not_before = ?, due_at = ?, expires_at = ? WHERE announcement_id = ?"
            + " AND status = 'queued' AND not_before < ? AND EXISTS (SELECT 1 FROM ("
            + chats
            + ") q WHERE q.channel = outbox.channel AND q.chat_id = outbox.chat_id)";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, notBefore);
      st.setLong(2, notBefore);
      st.setLong(3, expiresAt != null ? expiresAt : notBefore + pushExpiry.toMillis());
      st.setLong(4, announcementId);
      st.setLong(5, notBefore);
      for (int i = 0; i < params.size(); i++) {
        st.setObject(6 + i, params.get(i));
      }
      return st.executeUpdate();
    }
  }

  /** A push waiting for its time: its row id and message. */
  public record Waiting(long id, Reply.Bulletin message) {}

  /**
   * The chat's newest push of {@code kind} whose dedupe key starts with {@code dedupePrefix} and
   * which waits for a later time (queued, not_before after now: no worker can have claimed it), in
   * the caller's transaction. A later push of the same sort can then be merged into it.
   */
  public java.util.Optional<Waiting> waiting(
      Connection c, Recipient to, String kind, String dedupePrefix) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT id, payload FROM outbox WHERE channel = ? AND chat_id = ? AND kind = ?"
                + " AND status = 'queued' AND not_before > ? AND dedupe_key LIKE ?"
                + " ORDER BY id DESC LIMIT 1")) {
      st.setString(1, to.channel());
      st.setString(2, to.chatId());
      st.setString(3, kind);
      st.setLong(4, clock.millis());
      st.setString(5, dedupePrefix.replace("%", "").replace("_", "") + "%");
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return java.util.Optional.empty();
        }
        try {
          return payloads.read(rs.getString(2)) instanceof Reply.Bulletin b
              ? java.util.Optional.of(new Waiting(rs.getLong(1), b))
              : java.util.Optional.empty();
        } catch (IOException e) {
          return java.util.Optional.empty(); // unreadable: leave it be, queue anew
        }
      }
    }
  }

  /**
   * Replaces the message of a row found by {@link #waiting}, if it still waits; false when it no
   * longer does (then queue anew).
   */
  public boolean replaceWaiting(Connection c, long id, Reply.Bulletin message) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "UPDATE outbox SET payload = ? WHERE id = ? AND status = 'queued'"
                + " AND not_before > ?")) {
      st.setString(1, payload(message));
      st.setLong(2, id);
      st.setLong(3, clock.millis());
      return st.executeUpdate() == 1;
    }
  }

  /**
   * Claims up to {@code limit} due rows of a channel's lane for {@code claimId} until now + lease:
   * rows whose previous claim expired, then queued rows whose time has come, in their place in line
   * ({@code due_at}, then id: when the row was queued, or the end of the quiet hours it was held
   * for; a row handed back for a pause, a retry or its next part keeps its place). Returned in id
   * order; the claimer gives up those past their expiry ({@link #expired}).
   */
  public List<OutboxMessage> claim(
      String channel, int lane, String claimId, int limit, long leaseMillis) {
    long now = clock.millis();
    String due =
        "((status = 'queued' AND not_before <= ?) OR (status = 'sending' AND claimed_until < ?))";
    // Each kind of due row read by its own walk of outbox_lane (channel, priority, status, due_at,
    // id, not_before), stopped at the limit: one condition with an OR, ordered by id, read every
    // due row and sorted them, or walked the primary key through a month of sent rows (V19: 7.4 ms
    // a reply-lane claim on SQLite, 33 ms a push-lane one on PostgreSQL, during a broadcast of
    // 20,000). Rows held for quiet hours are past the due_at range; those handed back and not yet
    // due again are passed over in the index. The CTE is materialized so that LIMIT bounds the
    // rows updated: PostgreSQL may otherwise evaluate "id IN (SELECT ... LIMIT n)" as a join and
    // claim every due row. SKIP LOCKED lets claimers on other instances pass over rows being
    // claimed.
    String laneRows = "SELECT id FROM outbox WHERE channel = ? AND priority = ? AND status = ";
    String claim =
        "WITH picked AS MATERIALIZED (SELECT id FROM (SELECT id FROM ("
            + laneRows
            + "'sending' AND claimed_until < ? ORDER BY id LIMIT ?"
            + vendor.skipLocked()
            + ") expired UNION ALL SELECT id FROM ("
            + laneRows
            + "'queued' AND due_at <= ? AND not_before <= ? ORDER BY due_at, id LIMIT ?"
            + vendor.skipLocked()
            + ") queued) due LIMIT ?"
            // Joined rather than "WHERE id IN (picked) AND ...": SQLite would then read every
            // queued row of the status index (outbox_age) to test it against the picked ones.
            + ") UPDATE outbox SET status = 'sending', claimed_by = ?, claimed_until = ?"
            + " FROM picked WHERE outbox.id = picked.id AND "
            + due
            + " RETURNING outbox.id, channel, chat_id, chat_kind, kind, payload, attempts,"
            + " parts_sent, expires_at, reply_to";
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(claim)) {
      int p = 0;
      // Expired leases: channel, lane, claimed_until < now, limit.
      st.setString(++p, channel);
      st.setInt(++p, lane);
      st.setLong(++p, now);
      st.setInt(++p, limit);
      // Queued and due: channel, lane, due_at <= now, not_before <= now, limit.
      st.setString(++p, channel);
      st.setInt(++p, lane);
      st.setLong(++p, now);
      st.setLong(++p, now);
      st.setInt(++p, limit);
      st.setInt(++p, limit);
      st.setString(++p, claimId);
      st.setLong(++p, now + leaseMillis);
      st.setLong(++p, now);
      st.setLong(++p, now);
      List<OutboxMessage> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          long expires = rs.getLong(9);
          out.add(
              new OutboxMessage(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getInt(7),
                  rs.getInt(8),
                  rs.wasNull() ? 0 : expires,
                  rs.getString(10)));
        }
      }
      out.sort(java.util.Comparator.comparingLong(OutboxMessage::id));
      return out;
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

  /**
   * Right before a send: confirms that the row is still this claim's and extends its lease for the
   * send. False when the claim was lost (its lease ran out and another worker took it): then the
   * other worker sends it, and this one must not.
   */
  public boolean holdForSend(long id, String claimId, long until) {
    return update(
            "UPDATE outbox SET claimed_until = ? WHERE id = ? AND claimed_by = ?"
                + " AND status = 'sending'",
            until,
            id,
            claimId)
        == 1;
  }

  /** The platform took the message (all its parts). False when the claim was lost meanwhile. */
  public boolean sent(long id, String claimId, int parts) {
    return update(
            "UPDATE outbox SET status = 'sent', sent_at = ?, parts_sent = ?, last_error = NULL,"
                + " claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?",
            clock.millis(),
            parts,
            id,
            claimId)
        == 1;
  }

  /**
   * The platform took the first {@code partsSent} parts of a message: recorded, and the row handed
   * back to send the rest from {@code notBefore} (each part is paced and counted on its own, and a
   * retry never sends a part twice). False when the claim was lost meanwhile.
   */
  public boolean partSent(long id, String claimId, int partsSent, long notBefore) {
    return update(
            "UPDATE outbox SET parts_sent = ?, status = 'queued', claimed_by = NULL,"
                + " claimed_until = NULL, not_before = ? WHERE id = ? AND claimed_by = ?",
            partsSent,
            notBefore,
            id,
            claimId)
        == 1;
  }

  /** Gives up on a claimed row that was not sent before its expiry. */
  public void expired(long id, String claimId) {
    finish(id, claimId, EXPIRED, null, "not delivered before it expired");
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
        "UPDATE outbox SET status = 'expired', last_error = 'not delivered before it expired'"
            + " WHERE channel = ? AND chat_id = ? AND status = 'held' AND expires_at IS NOT NULL"
            + " AND expires_at <= ?",
        channel,
        chatId,
        clock.millis());
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

  /**
   * Rows claimed by an earlier run of this instance become claimable now rather than when their
   * lease runs out: that process is gone (this one holds its data folder). Returns how many.
   */
  public int recover(String instancePrefix) {
    return update(
        "UPDATE outbox SET claimed_until = 0 WHERE claimed_by LIKE ? AND status = 'sending'",
        instancePrefix + "%");
  }

  /** Rows that were not sent by their expiry become 'expired'; returns how many. */
  public int expire() {
    return update(
        "UPDATE outbox SET status = 'expired', claimed_by = NULL, claimed_until = NULL,"
            + " last_error = 'not delivered before it expired'"
            + " WHERE status IN ('queued', 'held') AND expires_at IS NOT NULL AND expires_at <= ?",
        clock.millis());
  }

  /**
   * Deletes up to {@code batch} finished rows (sent, failed, blocked, cancelled, expired) created
   * before {@code before}; returns how many.
   */
  public int prune(long before, int batch) {
    return update(
        "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE status IN"
            + " ('sent', 'failed', 'blocked', 'cancelled', 'expired') AND created_at < ? LIMIT ?)",
        before,
        batch);
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
      List.of(QUEUED, SENT, FAILED, BLOCKED, HELD, CANCELLED, EXPIRED);

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

  /** Replies to citizens per status: how many were given up (failed, expired) shows here. */
  public Map<String, Integer> replyCounts() {
    return counts("SELECT status, COUNT(*) FROM outbox WHERE kind = 'reply'", null);
  }

  /** Rows per status for a channel (or all channels when null): for health and tests. */
  public Map<String, Integer> statusCounts(String channel) {
    return counts(
        "SELECT status, COUNT(*) FROM outbox" + (channel == null ? "" : " WHERE channel = ?"),
        channel);
  }

  /** Rows per channel and status (statuses without rows absent), in one read: for metrics. */
  public Map<String, Map<String, Integer>> channelCounts() {
    Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT channel, status, COUNT(*) FROM outbox GROUP BY channel, status"
                    + " ORDER BY channel, status");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        counts
            .computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
            .put(rs.getString(2), rs.getInt(3));
      }
      return counts;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count outbox rows", e);
    }
  }

  private Map<String, Integer> counts(String select, String channel) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    String sql = select + " GROUP BY status ORDER BY status";
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
