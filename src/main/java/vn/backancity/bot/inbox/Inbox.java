package vn.backancity.bot.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import vn.backancity.bot.storage.Database;
import vn.backancity.bot.storage.Jdbc;
import vn.backancity.bot.storage.Sha256;

/**
 * The inbox table. {@link #accept} stores an update in the one INSERT that also tells a redelivery
 * from a first delivery (the unique key is the platform's update id), and returns only once that
 * row is committed, so an update acknowledged with 200 is always in the table. Updates arriving
 * together are committed together (group commit: one transaction for all that queued while the
 * previous one was committing), so a burst costs a commit per group rather than per update, and
 * webhook threads wait for their turn rather than on the database's busy timeout. Workers claim
 * pending rows with a lease, exactly as the outbox does: one UPDATE that re-checks the status, so
 * two claimers never get the same row, and a row whose worker died is claimed again when its lease
 * runs out.
 *
 * <p>One chat's updates are handled one at a time, in order. Each row says whether it is its chat's
 * head (its oldest pending update; an update naming no chat is always one): set when it is stored
 * (a head unless the chat has an update pending), passed on to the chat's next pending update when
 * the head is finished, and a claim looks at heads only, so that a chat with 20,000 updates queued
 * costs a claim one row, not 20,000 (V17). Storing and finishing both read the chat's pending rows
 * in their own transaction: on SQLite it holds the one write lock; on PostgreSQL storing locks the
 * chat's oldest pending row, so that a head finished meanwhile either waits for the new row's
 * commit (and then passes the turn to it) or is seen finished.
 */
public final class Inbox {
  public static final String PENDING = "pending";
  public static final String DONE = "done";
  public static final String FAILED = "failed";

  private static final String DUE =
      "status = 'pending' AND not_before <= ? AND (claimed_until IS NULL OR claimed_until < ?)";

  /**
   * The id of the oldest pending update of the outer row's chat, for "is it its chat's oldest?"
   * Asked as a minimum, not as "no earlier pending one exists": PostgreSQL, once it had statistics
   * of a table where one chat holds most rows, planned that NOT EXISTS as a walk of the primary key
   * from the first row (an earlier pending update of the same chat expected within a few rows, as
   * if chats were mixed evenly), which for every other chat walked the whole flood: 24 ms a claim
   * with 20,000 queued. A minimum is read from the first entry of {@code inbox_chat (channel,
   * chat_key, status, id)}; with statistics that count only a handful of chats PostgreSQL still
   * chose the walk (12.5 ms), which V18's estimate of the number of chats prevents.
   */
  private static final String OLDEST_PENDING_OF_ITS_CHAT =
      "(SELECT MIN(e.id) FROM inbox e WHERE e.channel = inbox.channel"
          + " AND e.chat_key = inbox.chat_key AND e.status = 'pending')";

  /** update_key's width: a longer key (a platform id can be anything) is stored as its hash. */
  static final int MAX_KEY = 128;

  /** Updates committed in one transaction at most (a burst is cut into groups this size). */
  static final int GROUP = 256;

  private final DataSource db;
  private final Database.Vendor vendor;
  private final Clock clock;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
  // Whose turn it is to commit: guarded by turn; waiters are woken after each commit.
  private final Object turn = new Object();
  private boolean committing;
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();

  public Inbox(DataSource db, Database.Vendor vendor, Clock clock) {
    this.db = db;
    this.vendor = vendor;
    this.clock = clock;
  }

  /** Called after an update was stored, so that idle workers look at once. */
  public void onAccepted(Runnable listener) {
    listeners.add(listener);
  }

  /** As {@link #accept(String, String, String, String)}, for an update that names no chat. */
  public boolean accept(String channel, String key, String payload) {
    return accept(channel, key, null, payload);
  }

  /**
   * Stores an update (committed when this returns); true the first time its key is seen, false for
   * a redelivery, which is not stored again.
   *
   * @param chatKey the chat it comes from (its updates are handled one at a time, in order), or
   *     null
   */
  public boolean accept(String channel, String key, String chatKey, String payload) {
    long now = clock.millis();
    String stored = key.length() <= MAX_KEY ? key : "sha256:" + Sha256.hex(key);
    Arrival arrival =
        new Arrival(
            channel,
            stored,
            chatKey == null || chatKey.length() > 64 ? null : chatKey,
            payload,
            now);
    arrivals.add(arrival);
    // Group commit: one caller at a time commits every update queued so far in one transaction;
    // those that arrive meanwhile wait (not holding the turn, so that each is let go as soon as
    // its group is committed) and the next of them commits them all. Each caller returns (and its
    // webhook answers 200) only once its own row is committed.
    boolean interrupted = false;
    while (true) {
      synchronized (turn) {
        while (committing && !arrival.settled) {
          try {
            turn.wait();
          } catch (InterruptedException e) {
            // The answer must still wait for the commit: remember it for the caller.
            interrupted = true;
          }
        }
        if (arrival.settled) {
          break;
        }
        committing = true;
      }
      try {
        commitQueued();
      } finally {
        synchronized (turn) {
          committing = false;
          turn.notifyAll();
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (arrival.failure != null) {
      throw new IllegalStateException("cannot store an inbound update", arrival.failure);
    }
    return arrival.first;
  }

  /** An update waiting for its commit; settled (first or failure) in the committer's turn. */
  private static final class Arrival {
    final String channel;
    final String key;
    final String chatKey;
    final String payload;
    final long at;
    boolean first;
    Exception failure;
    volatile boolean settled;

    Arrival(String channel, String key, String chatKey, String payload, long at) {
      this.channel = channel;
      this.key = key;
      this.chatKey = chatKey;
      this.payload = payload;
      this.at = at;
    }
  }

  /** Commits up to {@link #GROUP} queued updates in one transaction (in the committer's turn). */
  private void commitQueued() {
    List<Arrival> group = new ArrayList<>();
    for (Arrival a; group.size() < GROUP && (a = arrivals.poll()) != null; ) {
      group.add(a);
    }
    if (group.isEmpty()) {
      return;
    }
    try (Connection c = db.getConnection()) {
      try {
        insert(c, group);
      } catch (SQLException refused) {
        // One bad row must not cost the others their answer: each on its own, so that only the
        // row the database refuses fails (its caller answers 500 and the platform retries).
        for (Arrival a : group) {
          try {
            insert(c, List.of(a));
          } catch (SQLException e) {
            a.failure = e;
          }
        }
      }
    } catch (Throwable e) {
      // Whatever went wrong (an Error too), every caller of the group is answered: none waits
      // for ever.
      for (Arrival a : group) {
        if (a.failure == null && !a.first) {
          a.failure = e instanceof Exception x ? x : new IllegalStateException(e);
        }
        a.settled = true;
      }
      if (e instanceof Error error) {
        throw error;
      }
    }
    int firsts = 0;
    for (Arrival a : group) {
      a.settled = true;
      firsts += a.first ? 1 : 0;
    }
    accepted.addAndGet(firsts);
    if (firsts > 0) {
      listeners.forEach(Runnable::run);
    }
  }

  /** Inserts the rows in one transaction; on failure nothing of it is kept and none is first. */
  private void insert(Connection c, List<Arrival> group) throws SQLException {
    c.setAutoCommit(false);
    // Whether the chat has an update pending (then the new one waits its turn) is read in the
    // INSERT itself, the oldest pending one locked on PostgreSQL until this commits: a SELECT of
    // its own, one more round trip per update, halved PostgreSQL's accept rate.
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO inbox (channel, update_key, chat_key, payload, status, attempts,"
                + " not_before, received_at, head) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?,"
                + " CASE WHEN EXISTS (SELECT id FROM inbox WHERE channel = ? AND chat_key = ?"
                + " AND status = 'pending' ORDER BY id LIMIT 1"
                + vendor.lockShared()
                + ") THEN 0 ELSE 1 END)"
                + " ON CONFLICT (channel, update_key) DO NOTHING")) {
      boolean[] first = new boolean[group.size()];
      for (int i = 0; i < group.size(); i++) {
        Arrival a = group.get(i);
        st.setString(1, a.channel);
        st.setString(2, a.key);
        // The chat's head while none of its updates is pending (an update with no chat always).
        for (int chat : new int[] {3, 8}) {
          if (a.chatKey == null) {
            st.setNull(chat, Types.VARCHAR);
          } else {
            st.setString(chat, a.chatKey);
          }
        }
        st.setString(4, a.payload);
        st.setLong(5, a.at);
        st.setLong(6, a.at);
        st.setString(7, a.channel);
        first[i] = st.executeUpdate() == 1;
      }
      c.commit();
      transactions.incrementAndGet();
      for (int i = 0; i < group.size(); i++) {
        group.get(i).first = first[i];
      }
    } catch (SQLException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection is broken; the pool drops it
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** Updates stored (first deliveries) since this inbox was opened: the arrival rate's count. */
  long accepted() {
    return accepted.get();
  }

  /** Transactions that stored updates, for tests of the group commit. */
  long transactions() {
    return transactions.get();
  }

  /**
   * Claims up to {@code limit} due rows of the given channels, oldest first, for {@code claimId}
   * until now + lease. Each claim counts an attempt (returned in the item), so that an update whose
   * handling kills the process is not taken again forever.
   *
   * @param channels the channels this instance handles: another instance's rows are left to it
   */
  public List<InboxItem> claim(
      String claimId, int limit, long leaseMillis, java.util.Collection<String> channels) {
    if (channels.isEmpty() || limit <= 0) {
      return List.of();
    }
    long now = clock.millis();
    String sql = claimSql(channels.size());
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      int i = 1;
      st.setLong(i++, now);
      st.setLong(i++, now);
      for (String channel : channels) {
        st.setString(i++, channel);
      }
      st.setInt(i++, limit);
      st.setString(i++, claimId);
      st.setLong(i++, now + leaseMillis);
      st.setLong(i++, now);
      st.setLong(i, now);
      List<InboxItem> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(
              new InboxItem(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getInt(5),
                  rs.getLong(6)));
        }
      }
      out.sort(Comparator.comparingLong(InboxItem::id));
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot claim inbox rows", e);
    }
  }

  /**
   * The claim: the oldest due rows of the given number of channels, each chat's oldest pending one
   * only. Walked in id order on {@code inbox_heads (status, head, id)} and stopped at the limit, so
   * that a claim costs the same with a backlog of 10 or 10,000 (V16), also when one chat has 20,000
   * of them (V17): it walks heads, one per chat with pending updates.
   */
  String claimSql(int channelCount) {
    String in = Jdbc.placeholders(channelCount);
    // The CTE is materialized so that LIMIT bounds the rows updated (PostgreSQL could otherwise
    // run the subquery again per row), and SKIP LOCKED lets claimers on other instances pass by.
    return "WITH picked AS MATERIALIZED (SELECT id FROM inbox WHERE head = 1 AND "
        + DUE
        + " AND channel IN ("
        + in
        + ")"
        // One chat's updates one at a time, oldest first: not while an earlier one is pending.
        // Heads are that already, but two instances storing a new chat's first updates at the
        // same moment may both make theirs a head: this keeps the order then.
        + " AND (chat_key IS NULL OR id = "
        + OLDEST_PENDING_OF_ITS_CHAT
        + ")"
        + " ORDER BY id LIMIT ?"
        + vendor.skipLocked()
        // Joined rather than "WHERE id IN (picked) AND status = ...": SQLite would then read
        // every pending row on the status index to test it against the picked ones.
        + ") UPDATE inbox SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1"
        + " FROM picked WHERE inbox.id = picked.id AND "
        + DUE
        + " RETURNING inbox.id, channel, update_key, payload, attempts, received_at";
  }

  /** The update was handled (its replies are in the outbox). False when the claim was lost. */
  public boolean done(long id, String claimId) {
    return finish(id, claimId, DONE, null);
  }

  /** Gives up on an update that failed every attempt. */
  public void failed(long id, String claimId, String reason) {
    finish(id, claimId, FAILED, reason);
  }

  /** Hands a claimed row back, to be tried again at {@code notBefore} (its claim counted). */
  public void retry(long id, String claimId, long notBefore, String reason) {
    Jdbc.update(
        db,
        "retry an inbound update",
        "UPDATE inbox SET claimed_by = NULL, claimed_until = NULL, not_before = ?,"
            + " last_error = ? WHERE id = ? AND claimed_by = ?",
        notBefore,
        reason,
        id,
        claimId);
  }

  /** Hands back a claim's rows not yet finished (shutdown): the next start takes them. */
  public int release(String claimId) {
    return Jdbc.update(
        db,
        "release inbox rows",
        "UPDATE inbox SET claimed_by = NULL, claimed_until = NULL"
            + " WHERE claimed_by = ? AND status = 'pending'",
        claimId);
  }

  /**
   * Makes rows claimed by an earlier run of this instance claimable now, rather than when their
   * lease runs out: that process is gone (this one holds its data folder).
   */
  public int recover(String instancePrefix) {
    return Jdbc.update(
        db,
        "recover inbox rows",
        "UPDATE inbox SET claimed_by = NULL, claimed_until = NULL"
            + " WHERE claimed_by LIKE ? AND status = 'pending'",
        instancePrefix + "%");
  }

  /** Deletes up to {@code batch} finished rows received before {@code before}; returns how many. */
  public int prune(long before, int batch) {
    return Jdbc.update(
        db,
        "prune the inbox",
        "DELETE FROM inbox WHERE id IN (SELECT id FROM inbox WHERE status IN ('done', 'failed')"
            + " AND received_at < ? LIMIT ?)",
        before,
        batch);
  }

  /**
   * Makes each pending update that has no earlier pending one in its chat a head again, and returns
   * how many it made. Finishing passes a chat's turn on in the same transaction, so this finds
   * nothing unless an instance of a version before V17 (a rolling deploy, a rollback) finished a
   * head without passing the turn: its chat would otherwise wait forever. Run by the housekeeping;
   * making a head of a row that is one already changes nothing, and the claim keeps each chat's
   * order by itself.
   */
  public int restoreHeads() {
    return Jdbc.update(
        db,
        "restore the inbox's chat heads",
        // Set-based: each chat's oldest pending update in one pass over inbox_chat, rather than a
        // lookup per pending row, whose plan PostgreSQL's statistics could turn into a walk of the
        // flood for each row (49 s with 20,000 queued behind one chat among three).
        "UPDATE inbox SET head = 1 WHERE status = 'pending' AND head = 0 AND id IN"
            + " (SELECT MIN(id) FROM inbox WHERE status = 'pending' AND chat_key IS NOT NULL"
            + " GROUP BY channel, chat_key)");
  }

  /**
   * How long the oldest pending update has waited, in seconds; 0 when none waits. What citizens
   * feel during a flood of messages, and what an operator alerts on (a chat left without its turn
   * shows here too, until the housekeeping gives it back).
   */
  public long oldestPendingSeconds() {
    List<Long> oldest =
        Jdbc.query(
            db,
            "read the inbox's oldest pending update",
            "SELECT MIN(received_at) FROM inbox WHERE status = 'pending'",
            rs -> {
              long at = rs.getLong(1);
              return rs.wasNull() ? null : at;
            });
    Long at = oldest.isEmpty() ? null : oldest.get(0);
    return at == null ? 0 : Math.max(0, (clock.millis() - at) / 1000);
  }

  /** Rows per status, for health and tests. */
  public Map<String, Integer> counts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT status, COUNT(*) FROM inbox GROUP BY status ORDER BY status");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getInt(2));
      }
      return counts;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count inbox rows", e);
    }
  }

  private boolean finish(long id, String claimId, String status, String reason) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement finished =
              c.prepareStatement(
                  // A handled update's body is dropped at once: only its key is needed (to
                  // recognize a redelivery), and citizens' messages are not kept longer than their
                  // handling needs.
                  "UPDATE inbox SET status = ?, done_at = ?, last_error = ?, claimed_by = NULL,"
                      + " claimed_until = NULL, payload = CASE WHEN ? = 'done'"
                      + " THEN '' ELSE payload END WHERE id = ? AND claimed_by = ?"
                      + " RETURNING channel, chat_key");
          PreparedStatement next =
              c.prepareStatement(
                  // The chat's next pending update becomes its head, in this transaction: one
                  // stored meanwhile is either seen here or saw this one finished. (The chat is
                  // named rather than joined from this row: PostgreSQL reads MIN(id) from the
                  // index only for a single table; joined, it read every pending row of the chat.)
                  "UPDATE inbox SET head = 1 WHERE id = (SELECT MIN(id) FROM inbox WHERE"
                      + " channel = ? AND chat_key = ? AND status = 'pending')")) {
        finished.setString(1, status);
        finished.setLong(2, clock.millis());
        finished.setString(3, reason);
        finished.setString(4, status);
        finished.setLong(5, id);
        finished.setString(6, claimId);
        String channel = null;
        String chatKey = null;
        boolean mine;
        try (ResultSet rs = finished.executeQuery()) {
          mine = rs.next();
          if (mine) {
            channel = rs.getString(1);
            chatKey = rs.getString(2);
          }
        }
        if (chatKey != null) {
          next.setString(1, channel);
          next.setString(2, chatKey);
          next.executeUpdate();
        }
        c.commit();
        return mine;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot finish an inbound update", e);
    }
  }
}
