package vn.backancity.bot.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Inbound updates already taken, kept in the database so a redelivery is recognized even after a
 * restart. Old entries are pruned: platforms stop redelivering within a day.
 */
public final class SeenUpdates {
  static final Duration KEEP = Duration.ofDays(3);
  // The update_key column's width: longer keys (a made-up msg_id) are stored by their hash.
  static final int MAX_KEY = 128;
  private static final int PRUNE_EVERY = 1000;

  private final DataSource db;
  private final Clock clock;
  private final AtomicInteger sincePrune = new AtomicInteger();

  public SeenUpdates(DataSource db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Records the update; true the first time it is seen, false for a repeat. */
  public boolean firstTime(String channel, String event) {
    String key = stored(event);
    String sql =
        "INSERT INTO seen_updates (channel, update_key, seen_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (channel, update_key) DO NOTHING";
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, channel);
      st.setString(2, key);
      st.setLong(3, clock.millis());
      boolean first = st.executeUpdate() == 1;
      if (sincePrune.incrementAndGet() >= PRUNE_EVERY) {
        sincePrune.set(0);
        prune(c);
      }
      return first;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record update " + channel + "/" + key, e);
    }
  }

  /** Forgets an update that was recorded but could not be taken, so its redelivery is. */
  public void forget(String channel, String event) {
    String key = stored(event);
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement("DELETE FROM seen_updates WHERE channel = ? AND update_key = ?")) {
      st.setString(1, channel);
      st.setString(2, key);
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot forget update " + channel + "/" + key, e);
    }
  }

  /**
   * The key as stored: itself when it fits the column, else its start and its SHA-256, so that two
   * long keys stay apart and PostgreSQL never refuses the row (SQLite would take any length).
   */
  static String stored(String key) {
    if (key.length() <= MAX_KEY) {
      return key;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      String hash = HexFormat.of().formatHex(digest);
      return key.substring(0, MAX_KEY - hash.length() - 1) + "#" + hash;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void prune(Connection c) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("DELETE FROM seen_updates WHERE seen_at < ?")) {
      st.setLong(1, clock.millis() - KEEP.toMillis());
      st.executeUpdate();
    }
  }
}
