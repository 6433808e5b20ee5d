package vn.backancity.bot.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * The database server's time, for the leases of a cluster: when every instance writes and compares
 * lease times in one clock, their own clocks may drift apart without two of them holding a role at
 * once. Asked once per lease renewal (every few seconds), so the round trip does not matter.
 * PostgreSQL only (an SQLite file is shared by instances of one host, which share its clock).
 */
public final class DatabaseClock extends Clock {
  private final DataSource db;
  private final ZoneId zone;

  public DatabaseClock(DataSource db) {
    this(db, ZoneOffset.UTC);
  }

  private DatabaseClock(DataSource db, ZoneId zone) {
    this.db = db;
    this.zone = zone;
  }

  @Override
  public long millis() {
    try (Connection c = db.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the database's clock", e);
    }
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same server time, shown in another zone (the instant does not depend on it). */
  @Override
  public Clock withZone(ZoneId zone) {
    return new DatabaseClock(db, zone);
  }
}
