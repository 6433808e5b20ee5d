package vn.backancity.bot.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;
import vn.backancity.bot.storage.Jdbc;

/**
 * The leases table: one row per role, naming its holder until a time. Taking or renewing is one
 * conditional UPDATE (free, expired, or already ours), so two instances never hold the same lease;
 * each new holder gets a higher fence number.
 */
public final class Leases {
  private final DataSource db;
  private final Clock clock;

  public Leases(DataSource db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Takes the lease, or renews it when {@code holder} has it, until now + ttl. Returns its fence
   * number (unchanged on a renewal, higher on a takeover), or empty when another holds it.
   */
  public OptionalLong acquire(String name, String holder, Duration ttl) {
    long now = clock.millis();
    Jdbc.update(
        db,
        "create a lease",
        "INSERT INTO leases (name, holder, fence, expires_at) VALUES (?, NULL, 0, 0)"
            + " ON CONFLICT (name) DO NOTHING",
        name);
    String sql =
        "UPDATE leases SET fence = CASE WHEN holder = ? THEN fence ELSE fence + 1 END,"
            + " holder = ?, expires_at = ? WHERE name = ?"
            + " AND (holder = ? OR holder IS NULL OR expires_at < ?) RETURNING fence";
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, holder);
      st.setString(2, holder);
      st.setLong(3, now + ttl.toMillis());
      st.setString(4, name);
      st.setString(5, holder);
      st.setLong(6, now);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot take lease " + name, e);
    }
  }

  /** Gives the lease up (a clean stop), so another instance takes it at once. */
  public void release(String name, String holder) {
    Jdbc.update(
        db,
        "release a lease",
        "UPDATE leases SET holder = NULL, expires_at = 0 WHERE name = ? AND holder = ?",
        name,
        holder);
  }

  /** Every lease with its holder while it is held (for health). */
  public Map<String, String> holders() {
    Map<String, String> out = new LinkedHashMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT name, holder FROM leases WHERE holder IS NOT NULL AND expires_at >= ?"
                    + " ORDER BY name")) {
      st.setLong(1, clock.millis());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read leases", e);
    }
  }
}
