package vn.backancity.bot.article;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import vn.backancity.bot.storage.Notifications;

/**
 * The change feed of articles (table {@code article_changes}, migration V8): every insert, update
 * and delete gets a sequence number, written by {@link ArticleStore} in the same transaction as the
 * change. Search indexes derived from the store say which sequence they hold and catch up from it.
 *
 * <p>Order. Generated ids are handed out when a row is inserted, not when its transaction commits:
 * with two writers at once, the one with the higher number could commit first, and a reader of
 * {@code seq > last} would pass over the lower one for good. So writers are serialized: on
 * PostgreSQL every writing transaction starts with {@code LOCK TABLE article_changes IN EXCLUSIVE
 * MODE} (readers are not blocked; the next writer waits for the commit), and SQLite's transactions
 * take the single write lock when they begin. Sequence order is then commit order; numbers may have
 * gaps (a rolled-back transaction), which nothing depends on.
 *
 * <p>On PostgreSQL each writing transaction also sends a {@code NOTIFY} on {@link #CHANNEL},
 * delivered at commit, so that tailers wake up without waiting for their next poll.
 */
public final class ArticleChanges {
  /** The PostgreSQL notification channel that a committed change is announced on. */
  public static final String CHANNEL = "article_changes";

  /** What happened. {@code REINDEX} asks every instance to rebuild its index. */
  public enum Kind {
    UPSERT,
    DELETE,
    REINDEX;

    String column() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Kind of(String column) {
      return valueOf(column.toUpperCase(Locale.ROOT));
    }
  }

  /** One row of the feed. */
  public record Change(long seq, String articleId, Kind kind) {}

  private final DataSource db;
  private final Clock clock;
  private volatile Boolean postgresql;

  public ArticleChanges(DataSource db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Called first in a transaction that changes articles, before any row is touched (taking the
   * table lock after a row lock could deadlock with a writer that holds them the other way round).
   */
  void begin(Connection c) throws SQLException {
    if (isPostgresql(c)) {
      try (Statement st = c.createStatement()) {
        st.execute("LOCK TABLE article_changes IN EXCLUSIVE MODE");
      }
    }
  }

  /** Records a change inside the caller's transaction (after {@link #begin}). */
  void record(Connection c, String articleId, Kind kind) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("INSERT INTO article_changes (article_id, kind, at) VALUES (?, ?, ?)")) {
      st.setString(1, articleId);
      st.setString(2, kind.column());
      st.setLong(3, clock.millis());
      st.executeUpdate();
    }
    if (isPostgresql(c)) {
      // Identical notifications in one transaction are folded into one by PostgreSQL.
      Notifications.send(c, CHANNEL);
    }
  }

  /**
   * Records one change per article inside the caller's transaction (after {@link #begin}), with one
   * statement: a bulk import records thousands.
   */
  void recordAll(Connection c, List<String> articleIds, Kind kind) throws SQLException {
    if (articleIds.isEmpty()) {
      return;
    }
    long at = clock.millis();
    try (PreparedStatement st =
        c.prepareStatement("INSERT INTO article_changes (article_id, kind, at) VALUES (?, ?, ?)")) {
      for (String id : articleIds) {
        st.setString(1, id);
        st.setString(2, kind.column());
        st.setLong(3, at);
        st.addBatch();
      }
      st.executeBatch();
    }
    if (isPostgresql(c)) {
      Notifications.send(c, CHANNEL);
    }
  }

  /** Records that every index must be rebuilt; returns its sequence number. */
  public long recordReindex() {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        begin(c);
        record(c, "", Kind.REINDEX);
        long seq;
        // Read in the same transaction: writers are serialized (begin), so the highest number is
        // this marker's, not one another writer committed just after.
        try (Statement st = c.createStatement();
            java.sql.ResultSet rs = st.executeQuery("SELECT MAX(seq) FROM article_changes")) {
          rs.next();
          seq = rs.getLong(1);
        }
        c.commit();
        return seq;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("could not record a reindex", e);
    }
  }

  /** The highest sequence number committed, 0 when there is none. */
  public long latest() {
    return single("SELECT COALESCE(MAX(seq), 0) FROM article_changes", -1);
  }

  /**
   * The lowest sequence number still kept, 0 when the feed is empty. A reader whose last sequence
   * is below {@code oldest() - 1} may have missed pruned changes and must rebuild instead.
   */
  public long oldest() {
    return single("SELECT COALESCE(MIN(seq), 0) FROM article_changes", -1);
  }

  /** How many changes come after {@code seq} (all of them when {@code seq} is negative). */
  public long countAfter(long seq) {
    return single("SELECT COUNT(*) FROM article_changes WHERE seq > ?", seq);
  }

  /** Up to {@code limit} changes after {@code seq}, in order. */
  public List<Change> after(long seq, int limit) {
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT seq, article_id, kind FROM article_changes WHERE seq > ? ORDER BY seq"
                    + " LIMIT ?")) {
      st.setLong(1, seq);
      st.setInt(2, limit);
      try (ResultSet rs = st.executeQuery()) {
        List<Change> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new Change(rs.getLong(1), rs.getString(2), Kind.of(rs.getString(3))));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new StoreException("could not read article changes", e);
    }
  }

  /**
   * Deletes up to {@code limit} of the oldest changes recorded before {@code before} (epoch ms),
   * always in sequence order and never the newest one: what is left is a contiguous tail, so {@link
   * #oldest} tells a reader whether it missed something, and the highest number is never reused.
   *
   * @return how many rows were deleted
   */
  public int prune(long before, int limit) {
    String sql =
        "DELETE FROM article_changes WHERE seq IN (SELECT seq FROM article_changes"
            + " WHERE seq <= (SELECT COALESCE(MAX(seq), 0) FROM article_changes WHERE at < ?)"
            + " AND seq < (SELECT MAX(seq) FROM article_changes) ORDER BY seq LIMIT ?)";
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, before);
      st.setInt(2, limit);
      return st.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not prune article changes", e);
    }
  }

  /** Whether the database is PostgreSQL (the lock and NOTIFY are PostgreSQL's). */
  boolean isPostgresql(Connection c) throws SQLException {
    Boolean known = postgresql;
    if (known == null) {
      known =
          c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
      postgresql = known;
    }
    return known;
  }

  private long single(String sql, long param) {
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      if (sql.contains("?")) {
        st.setLong(1, param);
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException("could not read article changes", e);
    }
  }
}
